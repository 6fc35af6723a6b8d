"""The article: every finding highlighted, every decision shown in place, and typing in it.

The document on screen is always the session's redline (gui/redline.py): the original with each
applied change struck and its new text inserted. Qt never edits it on its own: a keystroke, an
input method's commit or a paste becomes ``edit_requested`` (Qt positions and the text), the tab
turns it into an engine edit, and the view is updated from the session again.
"""

from __future__ import annotations

import bisect
import operator
import unicodedata
from collections.abc import Callable, Iterator, Sequence

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit

from corpusfix.core.suggestion import Suggestion
from corpusfix.gui.colors import CURRENT, KIND_COLORS
from corpusfix.gui.positions import PositionMap
from corpusfix.gui.redline import Placed, Redline

# The looks of decisions (defect 6): pending findings in their kind's colour; a flag also waved
# underneath; a rejected finding only dotted; an applied change struck, its new text inserted.
STRUCK_FG, STRUCK_BG = "#8c2f39", "#ffe1e1"
INSERTED_FG, INSERTED_BG = "#116329", "#d7f5dd"
MANUAL_BG = KIND_COLORS.get("manual", "#d0d7ff")
FLAG_LINE, REJECTED_LINE = "#d1242f", "#8a8a8a"
# More changed decisions than this at once: re-render the whole text rather than edit it.
FULL_RENDER = 400
_NAVIGATION = {
    Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
    Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Tab, Qt.Key.Key_Backtab,
}  # fmt: skip
_START = operator.attrgetter("start")
_READ = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.SelectAll)
_COMMAND_MODS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def _zero_width(cursor: QTextCursor, a: int, b: int) -> bool:
    """Whether the text from a to b is only format characters (U+200B, U+FEFF…): no width."""
    cursor.setPosition(a)
    cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
    text = cursor.selectedText()
    return bool(text) and all(unicodedata.category(ch) == "Cf" for ch in text)


class ArticleView(QPlainTextEdit):
    edit_requested = Signal(int, int, str)  # Qt positions [p, q) are to read the text
    refused = Signal(str)  # typing where nothing can be typed (the clean preview)

    def __init__(self) -> None:
        super().__init__()
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(False)  # undo is the session's (Ctrl+Z reaches the window)
        self.setAcceptDrops(False)
        self.setTabChangesFocus(True)
        font = QFont()
        font.setPointSize(12)
        self.setFont(font)
        self.positions: Redline = Redline("")
        self.state_of: Callable[[str], str] = lambda _sid: "pending"
        self.previewing = False
        self._clean_map = PositionMap("")
        self._findings: list[Suggestion] = []
        self._starts: list[int] = []
        self._current: Suggestion | None = None
        self._painting = False
        self._stale = False  # True while a redline is half applied (update_redline_steps)
        self._updating = False  # True while the view itself changes the document
        self._ime_range: tuple[int, int] | None = None  # the selection a composition replaces
        # Only what is on screen is highlighted: a 1 MB article has thousands of findings.
        # Scrolling repaints from the event loop, never from inside setExtraSelections: Qt
        # lays blocks out lazily there (after a zoom or resize), which moves the scroll bar,
        # and a nested setExtraSelections frees the selections the outer call still reads
        # (a segfault in QTextCursor::hasComplexSelection).
        self._repaint = QTimer(self)
        self._repaint.setSingleShot(True)
        self._repaint.setInterval(0)
        self._repaint.timeout.connect(self._paint)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._repaint.start())
        # Whatever path Qt finds to change the text by itself, the redline is put back (from
        # the event loop: not inside Qt's own edit).
        self._put_back = QTimer(self)
        self._put_back.setSingleShot(True)
        self._put_back.setInterval(0)
        self._put_back.timeout.connect(lambda: self.show_redline(self.positions))
        self.document().contentsChange.connect(self._changed_outside)

    # ----- the text -----
    def show_text(self, text: str) -> None:
        self.show_redline(Redline(text))

    def show_redline(self, red: Redline) -> None:
        """Show the redline afresh (keeping the scroll position)."""
        self.positions = red
        if self.previewing:
            return
        value = self.verticalScrollBar().value()
        self._set_text(red.display)
        self.verticalScrollBar().setValue(value)

    def update_redline(self, new: Redline) -> None:
        """Show the new redline by editing only the changes that differ from what is shown."""
        ops = self._edits_to(new)
        if self.previewing or len(ops) > FULL_RENDER:
            self.show_redline(new)
            return
        for _ in self._apply(ops, new, len(ops)):
            pass

    def update_redline_steps(self, new: Redline, chunk: int = 100) -> Iterator[None]:
        """``update_redline`` ``chunk`` text edits at a time, for the event loop to run in
        between (re-rendering 3.5 MB at once stalled the window 0.4 s): yields between chunks.
        The highlights wait until the last chunk (the positions are the new ones only then)."""
        if self.previewing:  # nothing of it on screen (the caller renews the preview)
            self.show_redline(new)
            return
        yield from self._apply(self._edits_to(new), new, chunk)

    def _edits_to(self, new: Redline) -> list[tuple[tuple[int, int], int, Placed]]:
        """The document edits from the redline shown to ``new``: changes that insert no text
        (deletions, joins: most bulk decisions) change the highlights only."""
        old = self.positions
        now = {p[1:4] for p in new.placed}  # (start, end, after): ids change after a re-check
        was = {p[1:4] for p in old.placed}
        gone = [p for p in old.placed if p.after and p[1:4] not in now]
        added = [p for p in new.placed if p.after and p[1:4] not in was]
        # From the end backwards, so that every position still read is the old one's.
        ops = [(p.key, 0, p) for p in gone] + [(p.key, 1, p) for p in added]
        ops.sort(key=lambda op: (op[0], -op[1]), reverse=True)
        return ops

    def _apply(
        self, ops: list[tuple[tuple[int, int], int, Placed]], new: Redline, chunk: int
    ) -> Iterator[None]:
        old = self.positions
        cursor = QTextCursor(self.document())
        self._stale = True
        try:
            for i in range(0, len(ops), max(1, chunk)):
                if i:
                    yield
                self._updating = True
                try:
                    cursor.beginEditBlock()
                    for _key, insert, p in ops[i : i + chunk]:
                        if insert:
                            cursor.setPosition(old.insert_at(p.start, p.end))
                            cursor.insertText(p.after.replace("\r\n", "\n"))
                        else:
                            cursor.setPosition(p.inserted[0])
                            cursor.setPosition(p.inserted[1], QTextCursor.MoveMode.KeepAnchor)
                            cursor.removeSelectedText()
                    cursor.endEditBlock()
                finally:
                    self._updating = False
        finally:
            self._stale = False
        self.positions = new

    def set_preview(self, clean: str | None) -> None:
        """The clean text alone (``None``: back to the article with its decisions)."""
        if clean is None:
            if self.previewing:
                self.previewing = False
                self.show_redline(self.positions)
                self._paint()
            return
        self.previewing = True
        self._clean_map = PositionMap(clean)
        self._set_text(self._clean_map.display)
        self.setExtraSelections([])

    def _set_text(self, text: str) -> None:
        self._updating = True
        try:
            self.setPlainText(text)
        finally:
            self._updating = False

    def _changed_outside(self, *_args: object) -> None:
        if not self._updating:
            self._put_back.start()

    # ----- findings -----
    def highlight(self, suggestions: Sequence[Suggestion], current: Suggestion | None) -> None:
        self._findings = sorted(suggestions, key=_START)  # (C getter: ~10k on each keystroke)
        self._starts = [s.start for s in self._findings]
        self._current = current
        self._paint()

    def visible_range(self) -> tuple[int, int]:
        """Code-point offsets of the text on screen, with a margin."""
        top, bottom = self._visible_qt()
        red = self.positions
        return max(0, red.from_qt(top) - 2000), red.from_qt(bottom) + 2000

    def _visible_qt(self) -> tuple[int, int]:
        top = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        bottom = self.cursorForPosition(self.viewport().rect().bottomRight()).position()
        return top, bottom

    def _paint(self) -> None:
        if self._painting:  # called back from inside Qt: do it once Qt has returned
            self._repaint.start()
            return
        self._painting = True
        try:
            self._paint_now()
        finally:
            self._painting = False

    def _paint_now(self) -> None:
        if self._stale:  # the positions do not match the text yet: after the last chunk
            return
        if self.previewing:
            self.setExtraSelections([])
            return
        red = self.positions
        lo, hi = self.visible_range()
        first = bisect.bisect_left(self._starts, lo - 500)
        last = bisect.bisect_right(self._starts, hi)
        marks = []
        for s in self._findings[first:last]:
            if s.end < lo or s.id in red.by_id:
                continue  # an applied one is drawn as a change, below
            fmt = self._finding_format(s)
            if fmt is not None:
                marks.append(self._selection(*red.span_qt(s.id, s.start, s.end), fmt))
        top, bottom = self._visible_qt()
        for p in red.in_range(top - 200, bottom + 200):  # only what is on screen: cheap paints
            marks.extend(self._change_marks(p))
        if self._current is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(CURRENT))
            s = self._current
            marks.append(self._selection(*red.span_qt(s.id, s.start, s.end), fmt))
        self.setExtraSelections(marks)

    def _finding_format(self, s: Suggestion) -> QTextCharFormat | None:
        state = self.state_of(s.id)
        fmt = QTextCharFormat()
        if state == "rejected":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor(REJECTED_LINE))
            return fmt
        fmt.setBackground(QColor(KIND_COLORS.get(s.kind, "#eeeeee")))
        if state == "flagged":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(FLAG_LINE))
        return fmt

    def _change_marks(self, p: Placed) -> list[QTextEdit.ExtraSelection]:
        marks = []
        if p.struck[0] < p.struck[1]:
            fmt = QTextCharFormat()
            fmt.setFontStrikeOut(True)
            fmt.setForeground(QColor(STRUCK_FG))
            fmt.setBackground(QColor(STRUCK_BG))
            marks.append(self._selection(*p.struck, fmt, widen=False))
        if p.inserted[0] < p.inserted[1]:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(INSERTED_FG))
            fmt.setBackground(QColor(MANUAL_BG if p.manual else INSERTED_BG))
            fmt.setFontUnderline(True)
            marks.append(self._selection(*p.inserted, fmt, widen=False))
        return marks

    def show_finding(self, s: Suggestion, paint: bool = True) -> None:
        """Scroll to ``s`` (``paint`` False: the caller highlights next, one paint for both)."""
        if self.previewing:
            position = self._clean_map.to_qt(self.positions.clean_qt(s.start))
        else:
            position = self.positions.span_qt(s.id, s.start, s.end)[0]
        cursor = self.textCursor()
        cursor.setPosition(min(position, max(0, self.document().characterCount() - 1)))
        self.setTextCursor(cursor)
        self.centerCursor()
        if paint:
            self._paint()

    def _selection(
        self, a: int, b: int, fmt: QTextCharFormat, *, widen: bool = True
    ) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        sel.format = fmt
        cursor = QTextCursor(self.document())
        last = max(0, self.document().characterCount() - 1)
        a, b = min(a, last), min(b, last)
        if a == b and widen:  # an insertion point: the characters on both sides, as the list shows
            a, b = max(0, a - 1), min(last, a + 1)
        elif widen and a < b <= a + 4 and _zero_width(cursor, a, b):
            a, b = max(0, a - 1), min(last, b + 1)  # a mark of no width: its neighbours too
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        return sel

    # ----- typing: every change goes to the session, never straight into the document -----
    def event(self, e: QEvent) -> bool:
        # Ctrl/Alt keys are the window's (Ctrl+Z undo, Ctrl+Backspace reject…): an editable
        # text would keep them for itself. Copy and select-all stay the view's.
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and e.modifiers() & _COMMAND_MODS
            and not any(e.matches(k) for k in _READ)
        ):
            e.ignore()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        key, mods = e.key(), e.modifiers()
        if key in _NAVIGATION or any(e.matches(k) for k in _READ):
            super().keyPressEvent(e)
            return
        if e.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if e.matches(QKeySequence.StandardKey.Cut):
            self.copy()
            self._type_over("", delete=True)
            return
        if mods & _COMMAND_MODS:
            e.ignore()
            return
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self._type_over("", delete=True, backwards=key == Qt.Key.Key_Backspace)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._type_over("\n")
        elif e.text() and e.text().isprintable():
            self._type_over(e.text())
        else:
            e.ignore()

    def inputMethodEvent(self, e: QInputMethodEvent) -> None:  # noqa: N802
        # Qt deletes the selection itself when a composition starts over it: keep the range
        # for the commit and let Qt see a plain caret.
        cursor = self.textCursor()
        if cursor.hasSelection() and not self.previewing:
            self._ime_range = (cursor.selectionStart(), cursor.selectionEnd())
            cursor.setPosition(cursor.selectionStart())
            self.setTextCursor(cursor)
        commit = e.commitString()
        if commit:
            self._type_over(commit, over=self._ime_range)
        if commit or not e.preeditString():
            self._ime_range = None  # committed, or the composition was given up
        # the composition (preedit) is shown by Qt; its commit was ours
        super().inputMethodEvent(QInputMethodEvent(e.preeditString(), e.attributes()))

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        if source.hasText():
            self._type_over(source.text())

    def wheelEvent(self, e: QWheelEvent) -> None:  # noqa: N802
        # Qt zooms a text with Ctrl+wheel only while it is read-only: keep that for this one.
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoomInF(e.angleDelta().y() / 120)
            e.accept()
            return
        super().wheelEvent(e)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:  # noqa: N802
        menu = QMenu(self)
        menu.addAction(self.tr("Copy"), self.copy).setEnabled(self.textCursor().hasSelection())
        menu.addAction(self.tr("Select All"), self.selectAll)
        menu.exec(e.globalPos())

    def _type_over(
        self,
        text: str,
        *,
        delete: bool = False,
        backwards: bool = True,
        over: tuple[int, int] | None = None,
    ) -> None:
        if self.previewing:
            self.refused.emit(self.tr("The clean preview cannot be edited (F9 goes back)"))
            return
        cursor = self.textCursor()
        p, q = over or (cursor.selectionStart(), cursor.selectionEnd())
        if delete and p == q:
            other = QTextCursor(cursor)
            move = QTextCursor.MoveOperation
            other.movePosition(move.PreviousCharacter if backwards else move.NextCharacter)
            p, q = sorted((cursor.position(), other.position()))
            if p == q:
                return
        self.edit_requested.emit(p, q, text)

    def view_anchor(self) -> tuple[int, int]:
        """Where the reader is, in the original's offsets (stable across redlines): the first
        character on screen and the caret."""
        red = self.positions
        top = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        return red.from_qt(top), red.from_qt(self.textCursor().position())

    def restore_anchor(self, anchor: tuple[int, int]) -> None:
        """The same text at the top of the view and the caret where it was (``view_anchor``,
        taken before the redline changed)."""
        top, caret = (self.positions.to_qt(offset) for offset in anchor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
        # scrolled up from below only as far as needed, the line of ``top`` ends at the top
        self.place_caret(top)
        self.ensureCursorVisible()
        value = bar.value()
        self.place_caret(caret)
        bar.setValue(value)

    def place_caret(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(min(position, max(0, self.document().characterCount() - 1)))
        self.setTextCursor(cursor)
