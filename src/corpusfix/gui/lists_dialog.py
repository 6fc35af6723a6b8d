"""The word-list manager: view, search and remove entries of the user's two lists.

Removing goes through the engine (config.remove_entries), the operation `corpusfix lists
remove` runs too; import and export stay in the Lists menu beside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from corpusfix import config
from corpusfix.gui.i18n import plural

ENTRY_ROLE = Qt.ItemDataRole.UserRole


class ListPage(QWidget):
    """One list: a search box, the entries, and Remove."""

    def __init__(self, which: str) -> None:
        super().__init__()
        self.which = which
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.textChanged.connect(self._filter)
        layout.addWidget(self.search)
        self.entries = QListWidget()
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.entries, 1)
        row = QHBoxLayout()
        self.count = QLabel()
        row.addWidget(self.count, 1)
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.entries.clear()
        for entry in config.list_entries(self.which):
            item_text = entry.replace("\t", " → ")
            self.entries.addItem(item_text)
            self.entries.item(self.entries.count() - 1).setData(ENTRY_ROLE, entry)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        shown = 0
        for i in range(self.entries.count()):
            item = self.entries.item(i)
            hide = bool(text) and text not in str(item.data(ENTRY_ROLE))
            item.setHidden(hide)
            shown += not hide
        total = self.entries.count()
        count = plural(total, self.tr("{0} of {1} entry"), self.tr("{0} of {1} entries"))
        self.count.setText(count.format(shown, total))

    def selected(self) -> list[str]:
        return [str(i.data(ENTRY_ROLE)) for i in self.entries.selectedItems() if not i.isHidden()]

    def remove_selected(self) -> list[str]:
        gone = config.remove_entries(self.which, self.selected())
        self.reload()
        return gone


class ListsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your word lists"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Changes apply to articles opened (or reopened) from now on."))
        )
        self.tabs = QTabWidget()
        self.pages = {which: ListPage(which) for which in config.LISTS}
        self.tabs.addTab(self.pages["words"], self.tr("Words never flagged"))
        self.tabs.addTab(self.pages["confusions"], self.tr("Confusion pairs always checked"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 560)
