"""Open and save dialogs that open at a size where paths fit.

Where the desktop offers no dialog of its own (Xvfb, a bare window manager, a remote X session)
Qt draws its own, at about 630×400: a long path in the name box and the file list's columns are
cut off. These dialogs open at a roomy size, never larger than the screen's free area. A native
dialog, where there is one, ignores the size, so nothing changes there.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFileDialog, QWidget

ROOMY = QSize(900, 560)  # name, size, type and date columns and a ~90-character path


def _available(parent: QWidget | None) -> QSize:
    """The free area of the screen the parent is on (the primary screen without a parent)."""
    screen = parent.screen() if parent is not None else None
    if screen is None:
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else ROOMY


def _run(dialog: QFileDialog, parent: QWidget | None) -> list[str]:
    room = _available(parent)
    hint = dialog.sizeHint()
    width = min(max(ROOMY.width(), hint.width()), room.width())
    height = min(max(ROOMY.height(), hint.height()), room.height())
    dialog.resize(width, height)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    return dialog.selectedFiles()


def _dialog(parent: QWidget | None, caption: str, where: str, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, caption, where, filters)
    # Qt's own dialog is smaller than its widgets want unless it may shrink them: keep them.
    dialog.setSizeGripEnabled(True)
    return dialog


def open_files(parent: QWidget | None, caption: str, where: str, filters: str) -> list[str]:
    """Existing files the user picked (none if cancelled)."""
    dialog = _dialog(parent, caption, where, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return _run(dialog, parent)


def open_file(parent: QWidget | None, caption: str, where: str, filters: str) -> str:
    """One existing file, or "" if cancelled."""
    dialog = _dialog(parent, caption, where, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    chosen = _run(dialog, parent)
    return chosen[0] if chosen else ""


def save_file(parent: QWidget | None, caption: str, where: str, filters: str = "") -> str:
    """A path to write (Qt asks before replacing an existing file), or "" if cancelled."""
    dialog = _dialog(parent, caption, where, filters)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    chosen = _run(dialog, parent)
    return chosen[0] if chosen else ""
