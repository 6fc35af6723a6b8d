"""Original | clean side by side, row by row, built a slice at a time.

Both sides of a row are two cells of one table row, so they cannot drift apart however
differently they wrap (a join makes the clean side shorter: two panes scrolled together drift
by a line per join). Only a window of rows around what is on screen is in the document: a
3.5 MB article has tens of thousands of rows, and laying them all out froze the window for
seconds. The window moves when the view scrolls near its edge or jumps to a change.
"""

from __future__ import annotations

import bisect
import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QVBoxLayout, QWidget

from corpusfix.core.changelog import LogRecord
from corpusfix.export.changes import (
    DELETE,
    EQUAL,
    INSERT,
    Change,
    applied_changes,
    char_segments,
)
from corpusfix.gui.colors import CURRENT

SLICE = 60  # rows built each side of the one shown (a few screens)
MOST_LOADED = 4 * SLICE  # past this the window is rebuilt around what is on screen
JOINED = "⁀"  # on the clean side: two paragraphs were joined here
DELETED = "‸"  # on the clean side: text was deleted here; on the original side: inserted here
_DEL = "background:#ffc8c8;text-decoration:line-through"
_INS = "background:#c6f3cc"


@dataclass(frozen=True)
class Row:
    """A stretch of the original (a line, or the lines a change spans) and its changes."""

    start: int
    end: int
    first: int  # index of its first change in the changes list
    last: int  # one past its last change
    line: int  # 1-based line of its start


def _cuts(text: str, changes: Sequence[Change]) -> list[int]:
    """Line starts that no change straddles. A change may end where a row starts (unlike
    the report's rows): a run of deleted duplicate lines or joins stays many short rows, not
    one row as long as the run (which had to be laid out at once)."""
    cuts = [0]
    i = 0
    pos = text.find("\n")
    while pos != -1:
        cut = pos + 1
        while i < len(changes) and changes[i].end <= cut:
            i += 1
        inside = any(c.start < cut < c.end for c in changes[i : i + 3])
        if not inside and cut < len(text):
            cuts.append(cut)
        pos = text.find("\n", cut)
    return cuts


def diff_rows(original: str, changes: Sequence[Change]) -> list[Row]:
    """The rows of the side-by-side view: no change is cut; blank unchanged lines are left out."""
    cuts = [*_cuts(original, changes), len(original)]
    rows: list[Row] = []
    ci = 0
    line = 1
    pairs = list(itertools.pairwise(cuts)) or [(0, 0)]
    for k, (a, b) in enumerate(pairs):
        first = ci
        final = k == len(pairs) - 1  # an insertion at the very end belongs to the last row
        while ci < len(changes) and (changes[ci].start < b or final):
            ci += 1
        seg = original[a:b]
        if seg.strip() or ci > first:
            rows.append(Row(a, b, first, ci, line))
        line += seg.count("\n")
    return rows


def _esc(s: str) -> str:
    return html.escape(s).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _shown(s: str) -> str:
    """A removed or inserted line break is shown (⏎) and kept."""
    return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "⏎\n")


def _length(shown: str) -> int:
    """Characters the shown text takes in the document (a line break is one, U+2028)."""
    return len(shown)


def _row_html(original: str, row: Row, changes: Sequence[Change]) -> tuple[str, list[int]]:
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
        self.changes: list[Change] = []
        self.rows: list[Row] = []
        self._row_starts: list[int] = []
        self._row_of_change: list[int] = []
        self.count = 0
        self.current = -1
        self.loaded = (0, 0)  # the rows in the document: [lo, hi)
        self.rows_built = 0  # how many rows were rendered in all (the work done, for tests)
        self._anchors: dict[str, list[int]] = {}  # anchor name → positions (left, right)
        self._lengths: dict[int, list[int]] = {}  # change → [left length, right length]
        self._row_positions: list[tuple[int, int]] = []  # (document position, row start)
        self._moving = False
        self._edge = QTimer(self)  # the window moves from the event loop, never mid-scroll
        self._edge.setSingleShot(True)
        self._edge.setInterval(0)
        self._edge.timeout.connect(self._follow_scroll)
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.set_point_size(12)

    # ----- content -----
    def show_diff(self, original: str, records: Sequence[LogRecord]) -> None:
        """Show these changes; the view stays where it was (a decision does not move it)."""
        keep = self._top_offset() if self.original == original and self.rows else None
        current = self.changes[self.current].record.id if 0 <= self.current < self.count else None
        self.original = original
        self.changes = applied_changes(records)
        self.count = len(self.changes)
        self.rows = diff_rows(original, self.changes)
        self._row_starts = [r.start for r in self.rows]
        self._row_of_change = [0] * self.count
        for i, r in enumerate(self.rows):
            for n in range(r.first, r.last):
                self._row_of_change[n] = i
        ids = [c.record.id for c in self.changes]
        self.current = ids.index(current) if current in ids else -1
        row = self._row_at(keep) if keep is not None else 0
        self._load_around(row)
        if keep is not None:
            self._scroll_to_row(row)
        self._mark_current()

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
        for n, c in enumerate(self.changes):
            if c.record.id == record_id:
                self.show_change(n)
                return True
        return False

    def show_offset(self, offset: int) -> None:
        """Bring the row holding this original offset to the top (no change marked)."""
        if not self.rows:
            return
        self.current = -1
        row = self._row_at(offset)
        if not self.loaded[0] <= row < self.loaded[1]:
            self._load_around(row)
        self._scroll_to_row(row)
        self._mark_current()

    def show_change(self, n: int) -> None:
        self.current = n
        row = self._row_of_change[n]
        if not self.loaded[0] <= row < self.loaded[1]:
            self._load_around(row)
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
    def _row_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._row_starts, offset) - 1)

    def _load_around(self, row: int) -> None:
        lo = max(0, row - SLICE)
        self._load(lo, min(len(self.rows), row + SLICE))

    def _load(self, lo: int, hi: int) -> None:
        parts = ['<table width="100%" cellspacing="0" cellpadding="2">']
        self._lengths = {}
        for row in self.rows[lo:hi]:
            text, lengths = _row_html(self.original, row, self.changes)
            parts.append(text)
            for k, n in enumerate(range(row.first, row.last)):
                self._lengths[n] = lengths[2 * k : 2 * k + 2]
        parts.append("</table>")
        self.rows_built += hi - lo
        self._moving = True
        try:
            self.browser.setHtml("".join(parts))
        finally:
            self._moving = False
        self.loaded = (lo, hi)
        self._anchors = _anchor_positions(self.browser)
        self._row_positions = sorted(
            (p[0], int(n[1:])) for n, p in self._anchors.items() if n.startswith("r")
        )

    def _top_offset(self) -> int | None:
        """The original offset of the first row whose start is on screen."""
        # (inside the original side's cell: the table's edge answers the table's start)
        at = QPoint(self.browser.viewport().width() // 3, 2)
        top = self.browser.cursorForPosition(at).position()
        i = bisect.bisect_left(self._row_positions, (top, -1))
        if i < len(self._row_positions):
            return self._row_positions[i][1]
        return self._row_positions[-1][1] if self._row_positions else None

    def _scroll_to_row(self, row: int) -> None:
        positions = self._anchors.get(f"r{self.rows[row].start}") if self.rows else None
        if positions:
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(positions[0])
            bar = self.browser.verticalScrollBar()
            bar.setValue(bar.value() + self.browser.cursorRect(cursor).top())

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
        """Near an edge of the window with more rows beyond it: move the window."""
        bar = self.browser.verticalScrollBar()
        lo, hi = self.loaded
        near_top = bar.value() < bar.pageStep() and lo > 0
        near_end = bar.value() > bar.maximum() - bar.pageStep() and hi < len(self.rows)
        if not (near_top or near_end):
            return
        top = self._top_offset()
        row = self._row_at(top) if top is not None else lo
        self._load_around(row)
        self._scroll_to_row(row)
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


def _anchor_positions(browser: QTextBrowser) -> dict[str, list[int]]:
    """Every named anchor's positions in document order (a change has one on each side)."""
    out: dict[str, list[int]] = {}
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            for name in frag.charFormat().anchorNames():
                out.setdefault(name, []).append(frag.position())
            it += 1
        block = block.next()
    return out
