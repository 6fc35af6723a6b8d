"""Original | clean side by side, row by row, built a window at a time.

Both sides of a row are two cells of one table row, so they cannot drift apart however
differently they wrap (a join makes the clean side shorter: two panes scrolled together drift
by a line per join). Only a window of rows around what is on screen is in the document, and
only those rows are ever computed (export/diff_rows): a 3.5 MB article has tens of thousands
of rows, and listing and laying them all out froze the window for seconds. The window moves
when the view scrolls near its edge or jumps to a change.
"""

from __future__ import annotations

import bisect
import html
import time
from collections.abc import Iterator, Sequence

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QVBoxLayout, QWidget

from corpusfix.core.changelog import LogRecord
from corpusfix.export.changes import DELETE, EQUAL, INSERT, char_segments
from corpusfix.export.diff_rows import DiffChange, Row, RowIndex, changes_of, sorted_changes
from corpusfix.gui.colors import CURRENT

# The window of rows in the document, in characters of the original (and at most so many
# rows: short rows, such as duplicate lines and running heads, cost a row each). It is built
# first around the row shown (a screenful, in one go), then grown a chunk per event-loop
# turn to a few screens each side: laying out a few screens at once stalled the window.
FIRST = (200, 1000)  # before, after the row shown: what is on screen
FIRST_ROWS = (3, 24)
WINDOW = (2500, 3500)  # grown to
WINDOW_ROWS = (40, 60)
CHUNK, CHUNK_ROWS = 700, 10  # one event-loop turn's growth
GATHER_MS = 8.0  # the changes of a big session are gathered in slices of about this long
JOINED = "⁀"  # on the clean side: two paragraphs were joined here
DELETED = "‸"  # on the clean side: text was deleted here; on the original side: inserted here
_DEL = "background:#ffc8c8;text-decoration:line-through"
_INS = "background:#c6f3cc"


def _esc(s: str) -> str:
    return html.escape(s).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _shown(s: str) -> str:
    """A removed or inserted line break is shown (⏎) and kept."""
    return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "⏎\n")


def _length(shown: str) -> int:
    """Characters the shown text takes in the document (a line break is one, U+2028)."""
    return len(shown)


def _row_html(original: str, row: Row, changes: Sequence[DiffChange]) -> tuple[str, list[int]]:
    """The table row, and for each of its changes the length it takes on each side."""
    left: list[str] = []
    right: list[str] = []
    lengths: list[int] = []
    pos = row.start
    for n in range(row.first, row.last):
        c = changes[n]
        same = _esc(original[pos : c.start])
        left.append(same)
        right.append(same)
        anchor = f'<a name="c{n}"></a>'
        left.append(anchor)
        right.append(anchor)
        before = original[c.start : c.end]
        lw = rw = 0
        if not before:  # an insertion: mark the point on the original side
            left.append(f'<span style="{_INS}">{DELETED}</span>')
            lw += 1
        for op, seg in char_segments(before, c.after):
            shown = _shown(seg)
            if op == EQUAL:
                left.append(_esc(shown))
                right.append(_esc(shown))
                lw += _length(shown)
                rw += _length(shown)
            elif op == DELETE:  # a removed break stays on the line: the row reads as joined
                gone = seg.replace("\r\n", "⏎").replace("\r", "⏎").replace("\n", "⏎")
                left.append(f'<span style="{_DEL}">{_esc(gone)}</span>')
                lw += _length(gone)
            elif op == INSERT:
                right.append(f'<span style="{_INS}">{_esc(shown)}</span>')
                rw += _length(shown)
        if not c.after:  # nothing inserted: the point of a join or deletion stays visible
            mark = JOINED if "\n" in before or "\r" in before else DELETED
            right.append(f'<span style="{_DEL.split(";")[0]}">{mark}</span>')
            rw += 1
        lengths += [lw, rw]
        pos = c.end
    rest = original[pos : row.end]
    rest = rest[: len(rest.rstrip("\r\n"))]  # the row's own line break ends the cell
    left.append(_esc(rest))
    right.append(_esc(rest))
    cell = '<td width="47%" style="white-space:pre-wrap">{}</td>'
    return (
        f'<tr><td width="6%" style="color:#888"><a name="r{row.start}"></a>{row.line}</td>'
        f"{cell.format(''.join(left))}{cell.format(''.join(right))}</tr>",
        lengths,
    )


class DiffView(QWidget):
    """The Changes tab and the QA review's diff: next/previous change, the current one marked."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        layout.addWidget(self.browser)
        self.original = ""
        self.changes: Sequence[DiffChange] = []
        self.index = RowIndex("", [])
        self.rows: list[Row] = []  # the rows in the document (the window), in order
        self.count = 0
        self.current = -1
        self.loaded = (0, 0)  # the window, original offsets: [first row's start, last's end)
        self.rows_built = 0  # how many rows were rendered in all (the work done, for tests)
        self.builds = 0  # how many times the content was (re)built (for tests)
        self._centre = 0  # the row the window was built around
        self._anchors: dict[str, list[int]] = {}  # anchor name → positions (left, right)
        self._lengths: dict[int, list[int]] = {}  # change → [left length, right length]
        self._row_positions: list[tuple[int, int]] = []  # (document position, row start)
        self._moving = False
        self._edge = QTimer(self)  # the window moves from the event loop, never mid-scroll
        self._edge.setSingleShot(True)
        self._edge.setInterval(0)
        self._edge.timeout.connect(self._follow_scroll)
        self._grower = QTimer(self)  # grows the window a chunk per event-loop turn
        self._grower.setSingleShot(True)
        self._grower.setInterval(0)
        self._grower.timeout.connect(self._grow)
        self._gathering: tuple[str, Iterator[list[DiffChange]], list[DiffChange]] | None = None
        self._gatherer = QTimer(self)
        self._gatherer.setSingleShot(True)
        self._gatherer.setInterval(0)
        self._gatherer.timeout.connect(self._gather)
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.set_point_size(12)

    # ----- content -----
    def show_diff(self, original: str, records: Sequence[LogRecord]) -> None:
        """Show the applied ones of these records (see show_changes)."""
        self.show_changes(original, changes_of(records))

    def show_changes_from(self, original: str, slices: Iterator[list[DiffChange]]) -> None:
        """Show the changes these slices give, gathered a few ms per event-loop turn (a big
        session's thousands of changes stalled the window); a small session's are shown at
        once. A new call, or show_changes, replaces one under way."""
        self._gathering = (original, slices, [])
        self._gather()

    @property
    def gathering(self) -> bool:
        """Changes are still being gathered: what is shown is the previous state."""
        return self._gathering is not None

    def _gather(self) -> None:
        if self._gathering is None:
            return
        original, slices, got = self._gathering
        until = time.perf_counter() + GATHER_MS / 1000
        for part in slices:
            got += part
            if time.perf_counter() > until:
                self._gatherer.start()
                return
        if time.perf_counter() < until - GATHER_MS / 2000:  # (a small session: at once)
            self.show_changes(original, sorted_changes(got))
        else:  # the building gets an event-loop turn of its own
            self._gathering = (original, iter(()), got)
            self._gatherer.start()

    def show_changes(self, original: str, changes: Sequence[DiffChange]) -> None:
        """Show these changes (sorted by start); the view stays where it was (a decision does
        not move it). Only the rows on screen and a few screens around are computed."""
        self._gathering = None
        self._gatherer.stop()
        keep = self._top_row() if self.original == original and self.rows else None
        was = self.changes[self.current] if 0 <= self.current < self.count else None
        self.original = original
        self.changes = changes
        self.count = len(changes)
        self.index = RowIndex(original, changes)
        self.builds += 1
        self.current = self._near(was) if was is not None else -1
        self._load_around(keep[0] if keep is not None else 0)
        if keep is not None:  # the same row at the same height (its rows may have changed)
            start = self.index.cut_at(keep[0])
            self._scroll_to_row(start, keep[1] if start == keep[0] else 0)
        self._mark_current()

    def _near(self, was: DiffChange) -> int:
        """The number of that change among the new ones (-1: no longer applied)."""
        n = bisect.bisect_left(self.changes, (was.start,))
        while n < self.count and self.changes[n].start == was.start:
            if self.changes[n].id == was.id:
                return n
            n += 1
        return -1

    def set_point_size(self, points: int) -> None:
        """The article's font size, on both sides."""
        font = QFont(self.browser.font())
        font.setPointSize(points)
        self.browser.setFont(font)
        self.browser.document().setDefaultFont(font)

    # ----- changes -----
    def step(self, delta: int) -> int:
        if not self.count:
            return -1
        self.current = (
            (self.current + delta) % self.count
            if self.current >= 0
            else (0 if delta > 0 else self.count - 1)
        )
        self.show_change(self.current)
        return self.current

    def show_record(self, record_id: str) -> bool:
        """Bring the change of this log record into view and mark it (False: not applied)."""
        n = next((n for n, c in enumerate(self.changes) if c.id == record_id), -1)
        if n >= 0:
            self.show_change(n)
        return n >= 0

    def show_offset(self, offset: int) -> None:
        """Bring the row holding this original offset to the top (no change marked)."""
        self.current = -1
        a = self.index.cut_at(offset)
        if f"r{a}" not in self._anchors:
            self._load_around(a)
        self._scroll_to_row(a)
        self._mark_current()

    def show_change(self, n: int) -> None:
        self.current = n
        if f"c{n}" not in self._anchors:  # not in the window: the window moves there
            self._load_around(self.index.row_start_of_change(n))
        self._mark_current()
        positions = self._anchors.get(f"c{n}", [])
        if positions:
            self._center_on(positions[0])

    def change_rects(self, n: int) -> list[QRect]:
        """Where change n starts on each side, in viewport coordinates (empty: not built)."""
        out = []
        for pos in self._anchors.get(f"c{n}", []):
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(pos)
            out.append(self.browser.cursorRect(cursor))
        return out

    # ----- the window of rows -----
    def _load_around(self, offset: int) -> None:
        """A screenful around the row holding offset now; the rest of the window later."""
        a = self.index.cut_at(offset)
        rows = self.index.rows_before(a, FIRST[0], FIRST_ROWS[0])
        rows += self.index.rows_after(a, FIRST[1], FIRST_ROWS[1])
        self._centre = a
        self._moving = True
        try:
            self.browser.setHtml(self._table(rows))
        finally:
            self._moving = False
        self.rows = rows
        self._lengths = {}
        self._rows_added()
        self._anchors = _anchor_positions(self.browser.document(), 0, None)
        self._after_load()
        self._grower.start()

    def _table(self, rows: list[Row]) -> str:
        parts = ['<table width="100%" cellspacing="0" cellpadding="2">']
        for row in rows:
            text, lengths = _row_html(self.original, row, self.changes)
            parts.append(text)
            for k, n in enumerate(range(row.first, row.last)):
                self._lengths[n] = lengths[2 * k : 2 * k + 2]
        parts.append("</table>")
        self.rows_built += len(rows)
        return "".join(parts)

    @property
    def growing(self) -> bool:
        """The window is still being grown to its full size."""
        return self._grower.isActive()

    def _rows_added(self) -> None:
        self.loaded = (self.rows[0].start, self.rows[-1].end) if self.rows else (0, 0)

    def _after_load(self) -> None:
        self._row_positions = sorted(
            (p[0], int(n[1:])) for n, p in self._anchors.items() if n.startswith("r")
        )

    def _sizes(self, centre: int) -> tuple[int, int, int, int]:
        """Characters and rows in the window before that row, and from it on."""
        before = [r for r in self.rows if r.start < centre]
        after = self.rows[len(before) :]
        return (
            sum(r.end - r.start for r in before),
            sum(r.end - r.start for r in after),
            len(before),
            len(after),
        )

    def _grow(self) -> None:
        """One chunk more at the end or the start of the window, until it is a few screens."""
        if not self.rows:
            return
        before, after, n_before, n_after = self._sizes(self._centre)
        if after < WINDOW[1] and n_after < WINDOW_ROWS[1]:
            rows = self.index.rows_after(self.rows[-1].end, CHUNK, CHUNK_ROWS)
            if rows:
                self._append(rows)
                self._grower.start()
                return
        if before < WINDOW[0] and n_before < WINDOW_ROWS[0]:
            rows = self.index.rows_before(self.rows[0].start, CHUNK, CHUNK_ROWS)
            if rows:
                self._prepend(rows)
                self._grower.start()
                return
        self._edge.start()  # complete: is the view near an edge of it?

    def _append(self, rows: list[Row]) -> None:
        doc = self.browser.document()
        end = doc.characterCount() - 1
        cursor = QTextCursor(doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self._moving = True
        try:
            cursor.insertHtml(self._table(rows))
        finally:
            self._moving = False
        self.rows += rows
        self._rows_added()
        for name, places in _anchor_positions(doc, end, None).items():
            self._anchors.setdefault(name, []).extend(places)
        self._after_load()
        self._mark_current()

    def _prepend(self, rows: list[Row]) -> None:
        """Rows above the window; what is on screen stays where it is."""
        doc = self.browser.document()
        size = doc.characterCount()
        cursor = QTextCursor(doc)
        top = self.browser.cursorRect(cursor).top()
        self._moving = True
        try:
            cursor.insertHtml(self._table(rows))
            grown = doc.characterCount() - size
            moved = QTextCursor(doc)
            moved.setPosition(grown)
            bar = self.browser.verticalScrollBar()
            bar.setValue(bar.value() + self.browser.cursorRect(moved).top() - top)
        finally:
            self._moving = False
        self.rows = rows + self.rows
        self._rows_added()
        anchors = _anchor_positions(doc, 0, grown)
        for name, places in self._anchors.items():
            anchors.setdefault(name, []).extend(p + grown for p in places)
        self._anchors = anchors
        self._after_load()
        self._mark_current()

    def _top_offset(self) -> int | None:
        """The original offset where the row at the top of the view starts."""
        top = self._top_row()
        return top[0] if top is not None else None

    def _top_row(self) -> tuple[int, int] | None:
        """The row at the top of the view: its start, and where its top is (0 or above)."""
        # (inside the original side's cell: the table's edge answers the table's start)
        at = QPoint(self.browser.viewport().width() // 3, 2)
        top = self.browser.cursorForPosition(at).position()
        i = bisect.bisect_right(self._row_positions, (top, len(self.original) + 1)) - 1
        if not self._row_positions:
            return None
        start = self._row_positions[max(i, 0)][1]
        return start, self._row_y(start) or 0

    def _row_y(self, start: int) -> int | None:
        positions = self._anchors.get(f"r{start}")
        if not positions:
            return None
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(positions[0])
        return self.browser.cursorRect(cursor).top()

    def _scroll_to_row(self, start: int, y: int = 0) -> None:
        """Bring the row that starts there to the top (its top at y)."""
        now = self._row_y(start)
        if now is not None:
            bar = self.browser.verticalScrollBar()
            bar.setValue(bar.value() + now - y)

    def _center_on(self, position: int) -> None:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        bar = self.browser.verticalScrollBar()
        y = self.browser.cursorRect(cursor).center().y()
        bar.setValue(bar.value() + y - self.browser.viewport().height() // 2)

    def _scrolled(self, _value: int) -> None:
        if not self._moving:
            self._edge.start()

    def _follow_scroll(self) -> None:
        """Near an edge of the window, with less than half its rows on that side of the top
        row and more rows beyond: the window moves there (built around the top row)."""
        if not self.rows or self.growing:
            return  # (growing: it is checked again when the window is complete)
        bar = self.browser.verticalScrollBar()
        top = self._top_row() or (self.loaded[0], 0)
        start = self.index.cut_at(top[0])
        before, after, n_before, n_after = self._sizes(start)
        near_top = (
            bar.value() < bar.pageStep()
            and (before < WINDOW[0] // 2 and n_before < WINDOW_ROWS[0] // 2)
            and self.index.has_rows_before(self.loaded[0])
        )
        near_end = (
            bar.value() > bar.maximum() - bar.pageStep()
            and (after < WINDOW[1] // 2 and n_after < WINDOW_ROWS[1] // 2)
            and self.index.has_rows_after(self.loaded[1])
        )
        if near_top or near_end:
            self._load_around(start)
            self._scroll_to_row(start, top[1] if start == top[0] else 0)  # what is on screen
            self._mark_current()

    def _mark_current(self) -> None:
        """The current change stands out on both sides."""
        marks = []
        positions = self._anchors.get(f"c{self.current}", []) if self.current >= 0 else []
        lengths = self._lengths.get(self.current, [1, 1])
        for pos, length in zip(positions, lengths, strict=False):
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(CURRENT))
            fmt.setFontUnderline(True)
            sel.format = fmt
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(pos)
            cursor.setPosition(pos + max(1, length), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            marks.append(sel)
        self.browser.setExtraSelections(marks)


def _anchor_positions(doc: QTextDocument, start: int, end: int | None) -> dict[str, list[int]]:
    """The named anchors' positions in document order, in [start, end) (a change has one on
    each side)."""
    out: dict[str, list[int]] = {}
    block = doc.findBlock(start) if start else doc.begin()
    while block.isValid() and (end is None or block.position() < end):
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.position() >= start and (end is None or frag.position() < end):
                for name in frag.charFormat().anchorNames():
                    out.setdefault(name, []).append(frag.position())
            it += 1
        block = block.next()
    return out
