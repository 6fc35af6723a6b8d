"""Findings grouped kind → detector with counts, and the filter behind "X of Y shown"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from corpusfix.core.labels import detector_name, kind_name, state_name
from corpusfix.core.session import ReviewSession, State, is_applied
from corpusfix.core.suggestion import Suggestion
from corpusfix.gui.colors import KIND_COLORS
from corpusfix.gui.i18n import finding_message, ui_language

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DELETED = "∅"  # an applied deletion


@dataclass
class FindingFilter:
    text: str = ""
    kinds: set[str] = field(default_factory=set)  # empty: every kind
    min_confidence: float = 0.0
    hide_decided: bool = False

    def matches(self, s: Suggestion, session: ReviewSession) -> bool:
        if self.kinds and s.kind not in self.kinds:
            return False
        if s.confidence < self.min_confidence:
            return False
        if self.hide_decided and session.state(s.id) not in (State.PENDING, State.FLAGGED):
            return False
        if self.text:
            # The kind and detector by their names in either language (错别字 finds typos), the
            # message as shown and as logged, and the text itself.
            hay = " ".join(
                (
                    s.kind,
                    kind_name(s.kind, "zh"),
                    s.detector,
                    detector_name(s.detector, "zh"),
                    s.message,
                    finding_message(s),
                    session.doc.text[s.start : s.end],
                )
            )
            return self.text.lower() in hay.lower()
        return True


def _shown(text: str) -> str:
    return text.replace("\r", "").replace("\n", "⏎")


def finding_label(s: Suggestion, session: ReviewSession) -> str:
    text = session.doc.text
    before = _shown(text[s.start : s.end])
    # What is applied when the finding is decided (an edit, a chosen candidate), else the fix
    decision = session.decisions[s.id]
    fix = (
        decision.text if is_applied(decision.state) and decision.text is not None else s.replacement
    )
    state = state_name(session.state(s.id).value, ui_language())
    if fix is None:
        change = before[:16]
    elif s.start == s.end:
        # An insertion: the characters on both sides, as the article marks them (落‸会 → 落实会)
        left, right = _shown(text[max(0, s.start - 1) : s.start]), _shown(text[s.end : s.end + 1])
        change = f"{left}‸{right} → {left}{_shown(fix)[:12]}{right}"
    elif "⏎" in before and not before.strip("⏎ \t\u3000"):
        # A join or a removed break: the text on both sides, not the bare ⏎⏎
        left = _shown(text[max(0, s.start - 4) : s.start])
        right = _shown(text[s.end : s.end + 4])
        shown_fix = _shown(fix)
        what = (
            QCoreApplication.translate("FindingsModel", "join")
            if not shown_fix.strip()
            else shown_fix[:12]
        )
        change = f"…{left} {before[:6]} {right}… → {what}"
    else:
        after = _shown(fix) or _DELETED
        change = f"{before[:12]} → {after[:12]}"
    return f"L{s.line}  {change}  {s.confidence:.2f}  [{state}]"


class FindingsModel(QStandardItemModel):
    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, QStandardItem] = {}

    def populate(self, session: ReviewSession, suggestions: Sequence[Suggestion]) -> None:
        for _ in self.populate_steps(session, suggestions):
            pass

    def populate_steps(
        self, session: ReviewSession, suggestions: Sequence[Suggestion], chunk: int = 300
    ) -> Iterator[int]:
        """Fill the model a chunk at a time (yields the count so far) so the GUI keeps answering."""
        self.clear()
        self.items.clear()
        self.setHorizontalHeaderLabels([self.tr("Findings")])
        kinds: dict[str, QStandardItem] = {}
        detectors: dict[tuple[str, str], QStandardItem] = {}
        lang = ui_language()
        for s in suggestions:
            kind_item = kinds.get(s.kind)
            if kind_item is None:
                kind_item = QStandardItem(kind_name(s.kind, lang))
                kind_item.setBackground(QBrush(QColor(KIND_COLORS.get(s.kind, "#ffffff"))))
                kind_item.setEditable(False)
                kinds[s.kind] = kind_item
                self.appendRow(kind_item)
            det_item = detectors.get((s.kind, s.detector))
            if det_item is None:
                det_item = QStandardItem(detector_name(s.detector, lang))
                det_item.setEditable(False)
                detectors[(s.kind, s.detector)] = det_item
                kind_item.appendRow(det_item)
            item = QStandardItem(finding_label(s, session))
            item.setData(s.id, ID_ROLE)
            item.setToolTip(finding_message(s, lang))
            item.setEditable(False)
            det_item.appendRow(item)
            self.items[s.id] = item
            if len(self.items) % chunk == 0:
                yield len(self.items)
        for item in list(kinds.values()) + list(detectors.values()):
            item.setText(f"{item.text()} ({_leaves(item)})")

    def refresh(self, session: ReviewSession, ids: Sequence[str]) -> None:
        for sid in ids:
            item = self.items.get(sid)
            if item is not None:
                item.setText(finding_label(session.get(sid), session))


def _leaves(item: QStandardItem) -> int:
    if not item.hasChildren():
        return 1
    return sum(_leaves(item.child(i)) for i in range(item.rowCount()))


class FindingsProxy(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.setRecursiveFilteringEnabled(True)
        self.filter = FindingFilter()
        self.session: ReviewSession | None = None

    def set_filter(self, flt: FindingFilter) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateFilter is deprecated
            self.beginFilterChange()
            self.filter = flt
            self.endFilterChange()
        else:  # pragma: no cover
            self.filter = flt
            self.invalidateFilter()

    def filterAcceptsRow(  # noqa: N802 (Qt override)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        sid = index.data(ID_ROLE)
        if sid is None or self.session is None:
            return False  # group rows show when a child does (recursive filtering)
        return self.filter.matches(self.session.get(sid), self.session)
