"""Findings grouped kind → detector with counts, and the filter behind "X of Y shown"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
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
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # a group row's key: (kind,) or (kind, detector)
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


BATCH_FROM = 16
# Relabelled rows per group, by id() of the group item (items are unhashable): (item, [lo, hi])
Ranges = dict[int, tuple[QStandardItem, list[int]]]


def merge_ranges(into: Ranges, more: Ranges) -> None:
    for key, (parent, (lo, hi)) in more.items():
        _, span = into.setdefault(key, (parent, [lo, hi]))
        span[0], span[1] = min(span[0], lo), max(span[1], hi)


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
                kind_item.setData((s.kind,), GROUP_ROLE)
                kinds[s.kind] = kind_item
                self.appendRow(kind_item)
            det_item = detectors.get((s.kind, s.detector))
            if det_item is None:
                det_item = QStandardItem(detector_name(s.detector, lang))
                det_item.setEditable(False)
                det_item.setData((s.kind, s.detector), GROUP_ROLE)
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

    def refresh(self, session: ReviewSession, ids: Sequence[str], announce: bool = True) -> Ranges:
        """New labels for these findings. Many at once (a bulk decision) are told to the views
        as one range per group: one signal per row made a proxy and tree re-check the whole
        group each time (accepting 8,584 duplicates froze the window ~110 s). ``announce``
        False: the views are not told yet; returns the ranges for ``announce`` (thousands
        relabelled in slices, one repaint of the tree at the end)."""
        ranges: Ranges = {}
        if len(ids) <= BATCH_FROM and announce:
            for sid in ids:
                item = self.items.get(sid)
                if item is not None:
                    item.setText(finding_label(session.get(sid), session))
            return ranges
        self.blockSignals(True)
        try:
            for sid in ids:
                item = self.items.get(sid)
                if item is None:
                    continue
                item.setText(finding_label(session.get(sid), session))
                parent = item.parent()
                if parent is not None:
                    row = item.row()
                    _, span = ranges.setdefault(id(parent), (parent, [row, row]))
                    span[0], span[1] = min(span[0], row), max(span[1], row)
        finally:
            self.blockSignals(False)
        if announce:
            self.announce(ranges)
        return ranges

    def announce(self, ranges: Ranges) -> None:
        """Tell the views of relabelled rows (``refresh``'s ranges, merged)."""
        role = [Qt.ItemDataRole.DisplayRole]
        for parent, (lo, hi) in ranges.values():
            self.dataChanged.emit(parent.child(lo).index(), parent.child(hi).index(), role)
            group: QStandardItem | None = parent  # its groups may show or hide now
            while group is not None:
                self.dataChanged.emit(group.index(), group.index(), role)
                group = group.parent()


def _leaves(item: QStandardItem) -> int:
    if not item.hasChildren():
        return 1
    return sum(_leaves(item.child(i)) for i in range(item.rowCount()))


class FindingsProxy(QSortFilterProxyModel):
    """The filter, with the shown findings and groups worked out once per change in Python:
    Qt asks filterAcceptsRow for every row, and Qt's recursive filtering walked a whole group
    for each changed row."""

    def __init__(self) -> None:
        super().__init__()
        self.setDynamicSortFilter(False)  # see set_filter
        self.filter = FindingFilter()
        self._session: ReviewSession | None = None
        self._shown: set[str] = set()
        self._groups: dict[tuple[str, ...], int] = {}  # group key → findings shown in it

    @property
    def session(self) -> ReviewSession | None:
        return self._session

    @session.setter
    def session(self, session: ReviewSession | None) -> None:
        self._session = session
        self._recount()

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 (Qt override)
        super().setSourceModel(model)
        # A refilled list (the typo check's complete findings): count them again
        model.modelReset.connect(self._recount)

    def set_filter(self, flt: FindingFilter) -> None:
        # Only "undecided only" makes a decision show or hide a row: otherwise the proxy need
        # not re-check rows whose labels change (a bulk decision changes thousands).
        self.setDynamicSortFilter(flt.hide_decided)
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateFilter is deprecated
            self.beginFilterChange()
            self.filter = flt
            self._recount()
            self.endFilterChange()
        else:  # pragma: no cover
            self.filter = flt
            self._recount()
            self.invalidateFilter()

    def shown(self, sid: str) -> bool:
        return sid in self._shown

    def decided(self, ids: Sequence[str]) -> None:
        """Decisions changed (before the model says so): the findings the filter shows follow."""
        if self.session is None or not self.filter.hide_decided:
            return  # nothing but "undecided only" looks at the decision
        for sid in ids:
            s = self.session.get(sid)
            now = self.filter.matches(s, self.session)
            if now != (sid in self._shown):
                (self._shown.add if now else self._shown.discard)(sid)
                for key in ((s.kind,), (s.kind, s.detector)):
                    self._groups[key] = self._groups.get(key, 0) + (1 if now else -1)

    def _recount(self) -> None:
        self._shown = set()
        self._groups = {}
        if self.session is None:
            return
        session, flt = self.session, self.filter
        for s in session.suggestions:
            if flt.matches(s, session):
                self._shown.add(s.id)
                for key in ((s.kind,), (s.kind, s.detector)):
                    self._groups[key] = self._groups.get(key, 0) + 1

    def filterAcceptsRow(  # noqa: N802 (Qt override)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        sid = index.data(ID_ROLE)
        if sid is not None:
            return sid in self._shown
        key = index.data(GROUP_ROLE)
        return key is not None and self._groups.get(tuple(key), 0) > 0
