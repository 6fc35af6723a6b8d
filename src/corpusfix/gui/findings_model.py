"""Findings grouped kind → detector with counts (shown/total while filtered), and the filter
behind "X of Y shown".

The filter is worked out in Python once per change, over search keys made when the list is
filled, and told to Qt as a mark on each hidden row: Qt's proxy then filters in C++ (a Python
filterAcceptsRow, called for each of ~10k rows, stalled a keystroke 1.4 s on a 3.5 MB article).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from corpusfix.core.labels import detector_name, kind_name, state_name
from corpusfix.core.session import ReviewSession, State, is_applied
from corpusfix.core.suggestion import Suggestion
from corpusfix.gui.colors import KIND_COLORS
from corpusfix.gui.i18n import finding_message, ui_language

ID_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # a group row's key: (kind,) or (kind, detector)
# A row the filter hides carries this mark; a group always does, and shows through its findings
HIDDEN_ROLE = Qt.ItemDataRole.UserRole + 3
_HIDDEN = "h"
_DELETED = "∅"  # an applied deletion


@dataclass
class FindingFilter:
    text: str = ""
    kinds: set[str] = field(default_factory=set)  # empty: every kind
    min_confidence: float = 0.0
    hide_decided: bool = False

    def matches(self, s: Suggestion, session: ReviewSession) -> bool:
        key = search_key(s, session) if self.text else ""
        return self.accepts(s, session, key, self.text.lower())

    def accepts(self, s: Suggestion, session: ReviewSession, key: str, needle: str) -> bool:
        """``key``: s's search_key (lowercase), ``needle``: the text lowercased."""
        if self.kinds and s.kind not in self.kinds:
            return False
        if s.confidence < self.min_confidence:
            return False
        if self.hide_decided and session.state(s.id) not in (State.PENDING, State.FLAGGED):
            return False
        return needle in key


def search_key(s: Suggestion, session: ReviewSession, lang: str | None = None) -> str:
    """What the filter text is looked for in, lowercased: the kind and detector by their names
    in either language (错别字 finds typos), the message as shown and as logged, the text."""
    return " ".join(
        (
            s.kind,
            kind_name(s.kind, "zh"),
            s.detector,
            detector_name(s.detector, "zh"),
            s.message,
            finding_message(s, lang),
            session.doc.text[s.start : s.end],
        )
    ).lower()


def _shown(text: str) -> str:
    return text.replace("\r", "").replace("\n", "⏎")


def _visible(text: str) -> str:
    """Spaces and invisible characters named (a zero-width space read as nothing at all);
    bytes no encoding could read (kept as lone surrogates) shown as the usual �."""
    if text.isprintable() and " " not in text:
        return text
    return "".join(map(_visible_char, text))


def _visible_char(ch: str) -> str:
    if ch == " ":
        return "␣"
    if ch.isprintable():
        return ch
    return "\ufffd" if unicodedata.category(ch) == "Cs" else f"⟨U+{ord(ch):04X}⟩"


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
        change = _visible(before[:16])
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
        after = _visible(_shown(fix)[:12]) or _DELETED
        change = f"{_visible(before[:12])} → {after}"
    return f"L{s.line}  {change}  {s.confidence:.2f}  [{state}]"


BATCH_FROM = 16
# Relabelled rows per group, by id() of the group item (items are unhashable): (item, [lo, hi])
Ranges = dict[int, tuple[QStandardItem, list[int]]]


def merge_ranges(into: Ranges, more: Ranges) -> None:
    for key, (parent, (lo, hi)) in more.items():
        _, span = into.setdefault(key, (parent, [lo, hi]))
        span[0], span[1] = min(span[0], lo), max(span[1], hi)


class FindingsModel(QStandardItemModel):
    filled = Signal()  # populate_steps is done: the filter marks the new rows

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, QStandardItem] = {}
        self.keys: dict[str, str] = {}  # finding id → search_key, made while filling
        # Each group row with its name and its findings' ids: its count follows the filter
        self.groups: list[tuple[QStandardItem, str, list[str]]] = []

    def populate(self, session: ReviewSession, suggestions: Sequence[Suggestion]) -> None:
        for _ in self.populate_steps(session, suggestions):
            pass

    def populate_steps(
        self, session: ReviewSession, suggestions: Sequence[Suggestion], chunk: int = 300
    ) -> Iterator[int]:
        """Fill the model a chunk at a time (yields the count so far) so the GUI keeps answering."""
        self.clear()
        self.items.clear()
        self.keys.clear()
        self.groups = []
        self.setHorizontalHeaderLabels([self.tr("Findings")])
        kinds: dict[str, QStandardItem] = {}
        detectors: dict[tuple[str, str], QStandardItem] = {}
        members: dict[int, list[str]] = {}  # by id() of the group item
        lang = ui_language()
        for s in suggestions:
            kind_item = kinds.get(s.kind)
            if kind_item is None:
                kind_item = QStandardItem(kind_name(s.kind, lang))
                kind_item.setBackground(QBrush(QColor(KIND_COLORS.get(s.kind, "#ffffff"))))
                kind_item.setEditable(False)
                kind_item.setData((s.kind,), GROUP_ROLE)
                kind_item.setData(_HIDDEN, HIDDEN_ROLE)
                kinds[s.kind] = kind_item
                self.appendRow(kind_item)
                self.groups.append(
                    (kind_item, kind_item.text(), members.setdefault(id(kind_item), []))
                )
            det_item = detectors.get((s.kind, s.detector))
            if det_item is None:
                det_item = QStandardItem(detector_name(s.detector, lang))
                det_item.setEditable(False)
                det_item.setData((s.kind, s.detector), GROUP_ROLE)
                det_item.setData(_HIDDEN, HIDDEN_ROLE)
                detectors[(s.kind, s.detector)] = det_item
                kind_item.appendRow(det_item)
                self.groups.append(
                    (det_item, det_item.text(), members.setdefault(id(det_item), []))
                )
            item = QStandardItem(finding_label(s, session))
            item.setData(s.id, ID_ROLE)
            item.setToolTip(finding_message(s, lang))
            item.setEditable(False)
            det_item.appendRow(item)
            members[id(kind_item)].append(s.id)
            members[id(det_item)].append(s.id)
            self.items[s.id] = item
            self.keys[s.id] = search_key(s, session, lang)
            if len(self.items) % chunk == 0:
                yield len(self.items)
        self.count_groups(None)
        self.filled.emit()

    def count_groups(self, shown: set[str] | None) -> None:
        """Each group's count: "typo (12)", or "typo (3/12)" while the filter shows 3 of its
        12 (``shown``: the ids shown; None: all). Only labels that change are set."""
        for item, name, ids in self.groups:
            total = len(ids)
            n = total if shown is None else sum(sid in shown for sid in ids)
            text = f"{name} ({total})" if n == total else f"{name} ({n}/{total})"
            if item.text() != text:
                item.setText(text)

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


class FindingsProxy(QSortFilterProxyModel):
    """The filter: which findings it shows is worked out in Python, over the model's search
    keys, once per change (``set_filter``, ``decided``); rows it hides carry HIDDEN_ROLE, and
    Qt's own C++ filter reads that mark (groups show while one of their findings does).

    A change of marks resets the proxy: Qt's incremental re-filter took ~0.5 s for 38 rows
    scattered over 9k (a remove per range); a reset and expandAll take ~10 ms. A reset drops
    the view's current row: ``refiltered`` tells the tab to select again."""

    refiltered = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setDynamicSortFilter(False)  # only set_filter and decided change what is shown
        self.setRecursiveFilteringEnabled(True)
        self.setFilterRole(HIDDEN_ROLE)
        self.setFilterRegularExpression(QRegularExpression("^$"))  # shown: no mark
        self.filter = FindingFilter()
        self._session: ReviewSession | None = None
        self._shown: set[str] = set()
        self._visible: list[Suggestion] | None = None  # the shown ones in order (cached)
        self._marked: set[str] = set()  # the ids whose rows carry the hidden mark now
        self._rows: list[tuple[Suggestion, str]] | None = None  # (finding, search key)

    @property
    def session(self) -> ReviewSession | None:
        return self._session

    @session.setter
    def session(self, session: ReviewSession | None) -> None:
        self._session = session
        self._rows = None
        self._recount()

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 (Qt override)
        super().setSourceModel(model)
        # A refilled list (the typo check's complete findings): its rows come unmarked
        model.modelReset.connect(self._reset)
        if isinstance(model, FindingsModel):
            model.filled.connect(self._refilter)

    def set_filter(self, flt: FindingFilter) -> None:
        self.filter = flt
        self._refilter()

    def shown(self, sid: str) -> bool:
        return sid in self._shown

    def visible(self) -> list[Suggestion]:
        """The findings shown, in the session's order."""
        if self._visible is None:
            session, shown = self.session, self._shown
            found = session.suggestions if session is not None else ()
            self._visible = [s for s in found if s.id in shown]
        return self._visible

    def decided(self, ids: Sequence[str]) -> None:
        """Decisions changed: the findings the filter shows follow (one re-filter in Qt)."""
        session = self.session
        if session is None or not self.filter.hide_decided:
            return  # nothing but "undecided only" looks at the decision
        flt, needle, keys = self.filter, self.filter.text.lower(), self._keys()
        for sid in ids:
            s = session.get(sid)
            key = (keys.get(sid) or search_key(s, session)) if needle else ""
            (self._shown.add if flt.accepts(s, session, key, needle) else self._shown.discard)(sid)
        self._visible = None
        self._mark(ids)

    def _keys(self) -> dict[str, str]:
        model = self.sourceModel()
        return model.keys if isinstance(model, FindingsModel) else {}

    def _reset(self) -> None:
        self._marked = set()
        self._rows = None
        self._recount()

    def _refilter(self) -> None:
        filled = self.sender() is self.sourceModel()
        if filled:  # the keys are all there now
            self._rows = None
        self._recount()
        model = self.sourceModel()
        # Once filled, always reset: rows added under a group the proxy had hidden (it had no
        # finding yet) are not looked at again by a proxy without dynamic filtering.
        self._mark(model.items if isinstance(model, FindingsModel) else (), force=filled)

    def _recount(self) -> None:
        self._visible = None
        session, flt = self.session, self.filter
        if session is None:
            self._shown = set()
            return
        needle = flt.text.lower()
        if not needle:  # no text: no search keys needed
            found = session.suggestions
            self._shown = {s.id for s in found if flt.accepts(s, session, "", "")}
            return
        if self._rows is None:
            keys = self._keys()
            found = session.suggestions
            self._rows = [(s, keys.get(s.id) or search_key(s, session)) for s in found]
        if not (flt.kinds or flt.min_confidence or flt.hide_decided):  # the text alone: fast
            self._shown = {s.id for s, key in self._rows if needle in key}
        else:
            self._shown = {s.id for s, key in self._rows if flt.accepts(s, session, key, needle)}

    def _mark(self, ids: Iterable[str], force: bool = False) -> None:
        """Put the hidden mark on these findings' rows where the filter hides them, take it
        off where it shows them; Qt re-filters once, and only when a mark changed."""
        model = self.sourceModel()
        if not isinstance(model, FindingsModel):
            return
        items, shown, marked = model.items, self._shown, self._marked
        changes = [sid for sid in ids if (sid not in shown) != (sid in marked) and sid in items]
        if not changes and not force:
            return
        self.beginResetModel()
        model.blockSignals(True)  # the reset re-filters every row once
        try:
            for sid in changes:
                hide = sid not in shown
                items[sid].setData(_HIDDEN if hide else None, HIDDEN_ROLE)
                (marked.add if hide else marked.discard)(sid)
            model.count_groups(shown)  # (in the reset: no signal per label)
        finally:
            model.blockSignals(False)
        self.endResetModel()
        self.refiltered.emit()
