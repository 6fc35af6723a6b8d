"""Line repair: text with one printed line per line (pdftotext, a PDF viewer's copy, OCR).

Every line break in such text is decided: a wrap (the line ran to the column's edge: ``merge``),
a paragraph end (the line stopped short, or the next line is a title, byline, subhead or
dateline, or starts two cells short where the extraction dropped the indent: ``split`` to the
file's paragraph separator) or furniture (a page number or running head between two halves of a
sentence: the furniture detector deletes it and the break is decided across it). End punctuation
alone decides nothing: a full line ending in 。 wraps unless the next line has the first-line shape.

Breaks inside a paragraph are suggested here; breaks between paragraphs (blocks, or lines of a
file without blank lines) are answered through :func:`break_between` for the merge detector.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from corpusfix.core.document import Document
from corpusfix.core.roles import headline_like
from corpusfix.core.suggestion import Draft
from corpusfix.detectors._context import context_text
from corpusfix.detectors.layout.column import (
    FULL_SLACK,
    INDENT,
    Line,
    display_width,
    fits,
    learn_width,
    lines_of,
)
from corpusfix.detectors.layout.line_roles import (
    CONTINUATION,
    HEAD_PIECE_LINE,
    REPORTER_WORDS,
    SECTION_NAME,
    LineRole,
    role_of,
)
from corpusfix.detectors.layout.signals import NO_END_CHARS

# A line ending in one of these may end its paragraph; any other end runs on.
_CLOSED = frozenset("。！？!?…”’」』）)》】；;：:")
_SENTENCE_CLOSED = frozenset("。！？!?…；;：:")
_OPEN = frozenset("，、,“‘「『《（(—") | NO_END_CHARS
# The roles as module names: an enum member's lookup costs five of these, and the line loops
# test roles several times a line.
_FURNITURE = LineRole.FURNITURE
_SUBHEAD = LineRole.SUBHEAD
_TEXT = LineRole.TEXT
_BYLINE = LineRole.BYLINE
_DATELINE = LineRole.DATELINE
_JUMP_OUT, _JUMP_IN = 1, 2
_ONE_JUMP = frozenset((_JUMP_OUT, _JUMP_IN))  # one of the two, not both
# What LATIN_OR_DIGIT matches, as a set: one character tested without a regex call.
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_JUMP_IN_WORDS = re.compile(r"上接|接上|紧接|续|[（(]接")
# Share of a document's lines that must sit in measured columns before lone lines are read as
# printed lines too (a prose file with one stray table is not a PDF extraction).
MIN_LINE_SHARE = 0.3
TITLE_NARROW = 0.75  # a block whose lines are this much narrower than the body's: a headline font
# A title set across columns is far wider than one; a body line may come out up to two cells
# wider than its learnt column (OCR adds a character, digits are wider than half a cell).
WIDE_TITLE = 2.0
# A gap between two wide (Han) characters inside a line: where pdftotext set two pieces that
# stand side by side on the page (two columns' lines, two headlines) on one line.
_SPACES = re.compile(r"[ \u3000]+")


def _gaps(text: str) -> Iterator[re.Match[str]]:
    """The runs of spaces between two wide characters (found by the spaces: they are rare)."""
    for m in _SPACES.finditer(text):
        a, b = m.start(), m.end()
        if a and b < len(text) and text[a - 1] > "\x7f" and text[b] > "\x7f":
            yield m


class Break(NamedTuple):
    """The decision on one line break between two content lines."""

    a: Line
    b: Line
    wrap: bool
    confidence: float
    reason: str
    width: float
    span_start: int  # the break's span: the end of ``a`` ...
    span_end: int  # ... to the start of ``b`` (or of the furniture line between them)

    def evidence(self, doc: Document) -> dict[str, Any]:  # (inner_drafts: the same, inlined)
        return {
            "context": context_text(doc.text, self.span_start, self.span_end),
            "line_mode": True,
            "column_width": self.width,
            "line_width": self.a.width,
            "reason": self.reason,
        }

    def message(self) -> str:  # (inner_drafts: the same, inlined)
        head, tail = self.a.text[-6:], self.b.text[:6]
        what = "wraps: join the lines" if self.wrap else "ends a paragraph: start a new one"
        return f"printed line ('…{head}|{tail}…') {what} ({self.reason})"


@dataclass
class LineAnalysis:
    # Breaks inside one paragraph, the wraps and the paragraph ends apart (merge and split each
    # read only their own).
    inner_wraps: list[Break] = field(default_factory=list)
    inner_ends: list[Break] = field(default_factory=list)
    cross: dict[tuple[int, int], Break] = field(default_factory=dict)  # between paragraphs
    line_paras: frozenset[int] = frozenset()  # paragraphs read as printed lines
    furniture: list[tuple[int, int, Line]] = field(default_factory=list)  # spans to delete
    furniture_paras: list[int] = field(default_factory=list)  # paragraphs all furniture


def _noise(ln: Line) -> float:
    """How far a full line's measured width may fall short: ASCII glyphs are not exactly half a
    cell, so each one adds a little doubt."""
    narrow = (len(ln.text) - ln.width) * 2
    return min(FULL_SLACK, 0.3 + 0.1 * narrow)


# ASCII marks next to a Han character: OCR's reading of full-width ones (（）：，), which fill a
# cell in print, not the half that display_width gives them.
_OCR_MARK = re.compile(r"(?<=[\u4e00-\u9fff])[():;,!?]|[():;,!?](?=[\u4e00-\u9fff])")


def _print_width(ln: Line) -> float:
    """The line's width with OCR's ASCII marks counted as the full-width ones they stand for
    (OCR sets spaces round them: ``播) : 记者今天 (2月27日)``)."""
    return ln.width + 0.5 * sum(1 for _ in _OCR_MARK.finditer(ln.text.replace(" ", "")))


def _letter_spaced(text: str) -> bool:
    """A justified line that pdftotext reads with a space between every two characters
    (``包 含 一 个 名 为``: the next line opens with a Latin word too long to fit): it fills its
    column however few cells its characters take."""
    if text.count(" ") < 3 or "  " in text:
        return False
    tokens = text.split(" ")
    return sum(1 for t in tokens if len(t) == 1 and t > "\x7f") * 5 >= len(tokens) * 3


def _first_shape(ln: Line, width: float) -> bool:
    """Exactly one indent short of the column: a paragraph's first line."""
    return abs(ln.width - (width - INDENT)) <= 0.75 and not _letter_spaced(ln.text)


_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%％]*")
_OPENERS = frozenset("“‘（(《")


def _moved_on(ln: Line, room: float, nxt: Line | None) -> bool:
    """The line stops short of ``room`` only because the number or Latin word that opens the
    next line did not fit (it is never broken): the gap is narrower than that word."""
    if nxt is None:
        return False
    # An opening mark goes on with the word it opens (“happynewyear.txt…).
    at = 1 if nxt.text[0] in _OPENERS and len(nxt.text) > 1 else 0
    if nxt.text[at] not in _ALNUM:
        return False
    m = _LATIN_WORD.match(nxt.text, at)
    word = display_width(m.group()) + at if m is not None else 0.0
    return 0 < room - ln.width < word + 0.25


def _title(ln: Line, width: float, nxt: Line | None) -> bool:
    """A title line: no body punctuation, no sentence end, and neither one column line wide nor
    one indent short (unless characters that cannot start a line pulled its end down)."""
    if ln.role is not _TEXT or ln.text[-1] in _CLOSED:
        return False
    short = ln.width < width - INDENT - 0.75 and not _letter_spaced(ln.text)
    if short and nxt is not None and width - INDENT - ln.width <= _pushed(nxt.text) + FULL_SLACK:
        short = False
    if short and _moved_on(ln, width - INDENT, nxt):
        short = False
    return (short or ln.width > width + WIDE_TITLE) and _title_like(ln.text)


def _short_title(ln: Line, width: float) -> bool:
    """A line short of its column in title wording, not ending a sentence (a body paragraph's
    last line ends in punctuation)."""
    return ln.text[-1] not in _CLOSED and ln.width < width - FULL_SLACK and _title_like(ln.text)


def _title_like(text: str) -> bool:
    """Title wording; a colon is allowed inside (央视快评：…, 服贸会：…)."""
    if "：" in text[:-1]:
        text = text.replace("：", " ")
    return headline_like(text)


def _role(ln: Line, width: float) -> LineRole:
    """The line's role in its column: a dash line that runs on to the next is text."""
    if ln.role is _SUBHEAD and (
        ln.text.startswith("———") or (ln.width >= width - FULL_SLACK and ln.text[-1] not in _CLOSED)
    ):
        # (OCR's 一一访… is a subhead however wide: no quote in the body opens so)
        return _SUBHEAD if ln.text.startswith("一一") else _TEXT
    return ln.role


def decide(
    a: Line, first_a: bool, wa: float, b: Line, wb: float, b_next: Line | None
) -> tuple[bool, float, str]:
    """(wrap?, confidence, reason) for the break between lines ``a`` and ``b``.

    ``first_a``: ``a`` opens its paragraph (so it is one indent short when full); ``wa``/``wb``:
    the columns of the two lines; ``b_next``: the content line after ``b`` in its column.
    """
    # _role only changes a subhead line: the call is skipped for the rest (most lines).
    a_role = _role(a, wa) if a.role is _SUBHEAD else a.role
    b_role = _role(b, wb) if b.role is _SUBHEAD else b.role
    if b_role is _BYLINE or b_role is _SUBHEAD:
        return False, 0.95, f"the next line is a {b_role.value}"
    if b_role is not b.role and a.role is _TEXT and _short_title(a, wa):
        # A dash line that fills its column reads as text (a quote's dash in the body); after a
        # short title line it is the subhead under it (——访…), long enough to wrap.
        return False, 0.9, "the next line is a subhead under a title"
    if b.width <= 3 and _short_tail(a, a_role, wa, b, b_role):  # (the common case skips the call)
        return True, 0.8, "a full title or byline line runs on to its short last line"
    if a_role is _BYLINE:
        if _byline_word_cut(a.text, b.text):
            return True, 0.85, "a byline runs on: a word of it is cut at the line's end"
        return False, 0.95, "the line is a byline"
    last = a.text[-1]
    expected = wa - INDENT if first_a else wa
    full = a.width >= expected - FULL_SLACK or _letter_spaced(a.text)
    if not full and last in _CLOSED and _OCR_MARK.search(a.text.replace(" ", "")):
        full = _print_width(a) >= expected - FULL_SLACK
    if full and a.para != b.para and last in _CLOSED and a.width < expected - _noise(a):
        # A sentence end a cell short of the edge at a block's end (where titles follow): a
        # paragraph end, unless the next line starts with characters pushed down (kinsoku).
        full = bool(_pushed(b.text)) or b.text[0] in _ALNUM
    if a_role is _SUBHEAD:
        if full and last not in _CLOSED and b.width < wb - FULL_SLACK and headline_like(b.text):
            return True, 0.85, "a subhead runs on to a second line"
        return False, 0.95, "the line is a subhead"
    if b_role is _DATELINE:
        return False, 0.9, "the next line opens with a dateline"
    # A title line is short of its column or wider than it: a full line skips the calls.
    if (b.width < wb - INDENT - 0.75 or b.width > wb + 1) and _title(b, wb, b_next):
        a_title = (a.width < wa - INDENT - 0.75 or a.width > wa + 1) and _title(a, wa, b)
        if full and last not in _CLOSED and a.para == b.para and b_next is None and not a_title:
            return True, 0.85, "a full line runs on to its block's short last line"
        if a_title and b.width <= a.width + 1:
            return True, 0.8, "a title runs on to a second line"
        return False, 0.85, "the next line is a title"
    if (a.width < wa - INDENT - 0.75 or a.width > wa + 1) and _title(a, wa, b):
        return False, 0.9, "the line is a title"
    if full:
        if last not in _CLOSED:
            return True, 0.97 if last in _OPEN else 0.95, "the line runs to the column edge"
        if b.indented:
            return False, 0.95, "the next line is indented"
        if _first_shape(b, wb):
            exact = abs(b.width - (wb - INDENT)) <= _noise(b)
            # (one or two cells pulled down at most: a mark at the fourth place is no push)
            moved_on = b_next is not None and (
                0 < _pushed(b_next.text) <= 2 or b_next.text[0] in _ALNUM
            )
            if not exact and moved_on:
                return True, 0.8, "the next line is short only because a word moved on"
            if b.text[-1] not in _CLOSED and b_next is not None:
                return False, 0.92, "the next line starts one indent short"
            return False, 0.8, "the next line may start one indent short"
        if b.text[-1] not in _CLOSED and _moved_on(b, wb - INDENT, b_next):
            return False, 0.85, "the next line starts one indent short (a word moved on)"
        if b.text[-1] not in _CLOSED and b_next is not None:
            # One indent short and the character or two that a mark opening the line after
            # pulled down with it (奖励分为：嘉奖、三等功、二等 | 功、一等功…).
            pulled = _pushed(b_next.text)
            if 0 < pulled <= 2 and 0.75 < wb - INDENT - b.width <= pulled + 0.25:
                return False, 0.85, "the next line starts one indent short (a mark moved on)"
        return True, 0.85, "the line runs to the column edge (a sentence ends there)"
    if last in _CLOSED:
        return False, 0.95, "the line stops short of the column edge"
    # Short, mid-sentence: characters a line may not start with (，。）：…) pulled the
    # characters before them down, or a number or Latin word did not fit whole.
    pushed = _pushed(b.text)
    if pushed and expected - a.width <= pushed + FULL_SLACK:
        return True, 0.95, "characters that cannot start a line moved down with their word"
    if b.text[0] in _ALNUM and expected - a.width <= 4:
        return True, 0.9, "a number or Latin word did not fit and moved to the next line"
    # A body paragraph ends in closing punctuation; titles were told above.
    return True, 0.8, "the line stops short mid-sentence (a paragraph never ends so)"


def _byline_word_cut(a: str, b: str) -> bool:
    """A byline's line ends inside one of its words (本报记者 姚珍丹 通讯 | 员 于春环)."""
    a, b = a.rstrip(), b.lstrip()
    return any(
        a.endswith(w[:k]) and b.startswith(w[k:]) for w in REPORTER_WORDS for k in range(1, len(w))
    )


def _short_tail(a: Line, a_role: LineRole, wa: float, b: Line, b_role: LineRole) -> bool:
    """A title, subhead or byline line that fills its column, then a line of a few Han
    characters (a name, a word cut short): the same title or byline ends there. A body line
    never ends a paragraph mid-sentence, so the tail is no title of its own."""
    if b_role is not _TEXT or b.width > 3 or a.width < wa - FULL_SLACK:
        return False
    if a.text[-1] in _CLOSED or a_role is _DATELINE:
        return False
    if a_role is _TEXT and not _title_like(a.text) and not a.text.startswith("——"):
        return False
    return all("\u4e00" <= c <= "\u9fff" for c in b.text)


_NO_LINE_START = frozenset("，。、；：？！）》」』”’,.;:?!)%％·…")


_DIGITS = re.compile(r"[0-9０-９]+")


def _jump_page(text: str) -> int | None:
    """The page a jump line names (第16版: 16), if in digits."""
    m = _DIGITS.search(text)
    return int(m.group()) if m is not None else None


def _one_story(pages: Sequence[int | None]) -> bool:
    """A （下转第X版）, a page's foot or head, then a （上接第Y版）: pages read one after
    another, one story's two parts, unless it would go on on an earlier page than it came
    from (X ≤ Y). On one page the two lines stand between two stories (the one cut at a box's
    foot goes on later, the one carried on came from earlier)."""
    out_to, in_from = pages
    return out_to is None or in_from is None or out_to > in_from


def _pushed(text: str) -> int:
    """How many cells were pulled down ahead of the first character that cannot start a line
    (``播）：…``: two); 0 when none is near the start."""
    for k, ch in enumerate(text[:4]):
        if ch in _NO_LINE_START:
            return k + sum(1 for c in text[k:4] if c in _NO_LINE_START)
    return 0


# A news opener that only ever starts a paragraph: one inside a line, after title words, is a
# body's first line that pdftotext glued to the end of the headline above it.
_OPENER = re.compile(r"(?:央视网|新华网|人民网|中新网)消息|本报讯|本台消息")


def _glued_opener(ln: Line) -> int:
    """Where a paragraph opener starts inside a title line's text (0: none)."""
    m = _OPENER.search(ln.text, 2)
    if m is None or ln.role is not _TEXT:
        return 0
    head = ln.text[: m.start()]
    return m.start() if _head_words(head) else 0


def _head_words(text: str) -> bool:
    """Words of a title's line: Han text, no body punctuation (a line may cut a title's marks)."""
    return any("\u4e00" <= c <= "\u9fff" for c in text) and not any(p in text for p in "。，；,;")


def _gap_offsets(text: str) -> tuple[float, ...]:
    """Where a line's gaps between Han characters stand, in cells from its start."""
    return tuple(display_width(text[: m.start()]) for m in _gaps(text))


def _pieces(text: str) -> list[tuple[int, int, LineRole]]:
    """A line's pieces between its gaps (start, end, role); a byline's names set apart by
    spaces stay one piece (the longest run of pieces that still reads as a byline)."""
    cuts = [(m.start(), m.end()) for m in _gaps(text)]
    bounds = [
        (0 if k == 0 else cuts[k - 1][1], cuts[k][0] if k < len(cuts) else len(text))
        for k in range(len(cuts) + 1)
    ]
    out: list[tuple[int, int, LineRole]] = []
    k = 0
    while k < len(bounds):
        a = bounds[k][0]
        for j in range(len(bounds) - 1, k - 1, -1):
            role = role_of(text[a : bounds[j][1]])
            if role is _BYLINE or j == k:
                break
        out.append((a, bounds[j][1], role))
        k = j + 1
    return out


def _past_measure(g: Sequence[Line], n: int, width: float) -> bool:
    """Line ``n`` runs more than a cell past the measure of the title lines just above it (a
    headline's rows fill its own measure) while its first piece fills that measure (to a
    cell): a headline's row with the next headline's first words beside it."""
    ln = g[n]
    measure = 0.0
    j = n - 1
    while j >= 0 and n - j <= 6:
        above = g[j]
        if above.role is not _TEXT or above.width >= width - FULL_SLACK:
            break
        if not _title_like(above.text):
            break
        measure = max(measure, above.width)
        j -= 1
    # A measure of a cell or two is no headline's.
    if measure < 4 or ln.width <= measure + 1:
        return False
    gaps = list(_gaps(ln.text))
    if not gaps:
        return False
    head = ln.text[: gaps[0].start()]
    # The first piece fills the measure and is no byline's start (its names are set apart).
    if abs(display_width(head) - measure) > 1 or "记者" in head or "通讯员" in head:
        return False
    # Each piece beside holds words (two cells or more): OCR sets stray spaces before a lone
    # character (谢尔盖… 米).
    ends = [m.start() for m in gaps[1:]] + [len(ln.text)]
    return all(display_width(ln.text[m.end() : e]) >= 2 for m, e in zip(gaps, ends, strict=True))


class _Analyser:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.out = LineAnalysis()
        self.titles: set[int] = set()  # blocks that are a title of their own
        self.head_pieces: set[int] = set()  # paragraphs with a running-head piece
        self.beside: set[int] = set()  # starts of line pieces set beside the piece before
        self.last_pieces: set[int] = set()  # starts of a split line's last (rightmost) piece

    def run(self) -> LineAnalysis:
        doc = self.doc
        paras = doc.paragraphs
        if doc.lines_mode or not paras:
            return self.out
        text = doc.text
        if doc.paragraph_mode == "blank-line":
            if not any(text.find("\n", p.start, p.end) != -1 for p in paras) and (
                "\r" not in text or not any(text.find("\r", p.start, p.end) != -1 for p in paras)
            ):
                return self.out  # one line per paragraph: nothing printed line by line
            groups = [lines_of(doc, p) for p in paras]
        else:
            groups = [[ln for p in paras for ln in lines_of(doc, p)]]
        if HEAD_PIECE_LINE.search(text) is not None:
            self._head_pieces(groups)
        widths = [self._own_width(g) for g in groups]
        total = sum(len(g) for g in groups)
        measured = sum(len(g) for g, w in zip(groups, widths, strict=True) if w is not None)
        if not total or measured < MIN_LINE_SHARE * total:
            return self.out
        own = [w is not None for w in widths]
        blank_line = doc.paragraph_mode == "blank-line"
        common = sorted({w for w in widths if w is not None})
        body_width = self._body_width(groups, widths)
        for k, g in enumerate(groups):
            if not g:
                continue
            # Lines far narrower than the body's: a larger font (a headline's own block).
            narrow = max([ln.width for ln in g]) < TITLE_NARROW * body_width
            if widths[k] is None:
                widths[k] = self._doc_width(g, common)
                if widths[k] is not None and self._title_block(g, narrow):
                    self.titles.add(g[0].para)
                elif widths[k] is None and blank_line and self._jumbled(g, body_width):
                    # Lines of several columns read row by row (headlines, bylines and column
                    # tops side by side): printed lines all the same, in the body's column.
                    widths[k] = body_width
                    own[k] = True
            elif narrow and self._title_block(g, narrow):
                self.titles.add(g[0].para)
        for k, g in enumerate(groups):
            w = widths[k]
            if w is not None and g:
                # Most blocks hold neither a gap nor an opener: one search over the block first.
                block = text[g[0].start : g[-1].end]
                if " " in block or "\u3000" in block or "消息" in block or "本报讯" in block:
                    groups[k] = self._side_by_side(g, w, block, own[k])
        if self.titles:
            self._body_pieces(groups, widths)
        self._decide(groups, widths)
        return self.out

    def _body_pieces(self, groups: list[list[Line]], widths: list[float | None]) -> None:
        """A "title" block of lines as wide as the column before it, after a full line that does
        not end a sentence, is a piece of the body: OCR opens a block of its own mid-paragraph
        (tesseract: `确保完成综合交通投资3500` alone between two blank lines)."""
        prev: Line | None = None  # the last content line of the block before
        prev_w = 0.0
        for g, w in zip(groups, widths, strict=True):
            if w is None:
                prev = None
                continue
            content = [ln for ln in g if ln.role is not _FURNITURE]
            if not content:
                continue
            if (
                g[0].para in self.titles
                and prev is not None
                and prev.role is LineRole.TEXT
                and prev.width >= prev_w - FULL_SLACK
                and prev.text[-1] not in _CLOSED
                and all(
                    ln.role is LineRole.TEXT and prev_w - FULL_SLACK <= ln.width <= prev_w + 1
                    for ln in content
                )
            ):
                self.titles.discard(g[0].para)
            prev, prev_w = content[-1], w

    def _side_by_side(self, g: list[Line], width: float, block: str, own: bool) -> list[Line]:
        """Lines with a gap inside whose pieces all read as headlines or bylines, and that are
        wider than their measured column or (near full) stacked on a line with a gap in the
        same place:
        pieces that stand side by side on the page (two columns' headlines), one line piece
        each. Body pieces side by side stay (which column a piece goes on in is unknown, and a
        wrong cut there costs more than it saves). Also a body opener glued to a title line.
        ``block``: the text from the first line's start to the last line's end."""
        # Only the lines holding a gap or an opener are looked at (found in one pass each).
        base = g[0].start
        starts = [ln.start - base for ln in g]
        title_block = g[0].para in self.titles  # one title: its rows' gaps are its own
        hits = {bisect_right(starts, m.start()) - 1 for m in _gaps(block)}
        openers = (
            {bisect_right(starts, m.start()) - 1 for m in _OPENER.finditer(block)}
            if "消息" in block or "本报讯" in block
            else set()
        )
        gaps = {n: _gap_offsets(g[n].text) if g[n].role is _TEXT else () for n in hits}
        new: dict[int, list[Line]] = {}
        for n in sorted(hits | openers):
            ln = g[n]
            cut = _glued_opener(ln) if n in openers else 0
            if cut:
                head, body = ln.text[:cut], ln.text[cut:]
                self.beside.add(ln.start + cut)
                start = ln.start + cut
                new[n] = [
                    ln._replace(end=start, text=head, width=display_width(head)),
                    Line(
                        ln.para,
                        start,
                        start,
                        ln.end,
                        body,
                        display_width(body),
                        role_of(body),
                        False,
                    ),
                ]
                continue
            if ln.role is _SUBHEAD or ln.role is _BYLINE:
                # A byline or subhead never shares its column's line with text: one beside
                # another column's piece, in a line too wide for the column, is set apart.
                if not own or ln.width <= width + 1:
                    continue
                pieces = _pieces(ln.text)
                if len(pieces) < 2 or not any(
                    r is _BYLINE or r is _SUBHEAD for _a, _b, r in pieces
                ):
                    continue
            else:
                if not gaps.get(n):
                    continue
                stacked = any(
                    abs(x - y) <= 1
                    for m in (n - 1, n + 1)
                    for x in gaps[n]
                    for y in gaps.get(m, ())
                )
                # Two columns' headlines side by side span the column together (a title with a
                # space inside, broken over lines, need not).
                stacked = stacked and ln.width >= width - INDENT - 0.75 and not title_block
                # A block without a width of its own (a few lines) is only read for title rows.
                wide = own and (ln.width > width + 1 or stacked)
                if not wide and not _past_measure(g, n, width):
                    continue
                pieces = _pieces(ln.text)
                # A byline's or subhead's piece beside body text is set apart too (above).
                marked = (
                    len(pieces) > 1
                    and own
                    and ln.width > width + 1
                    and any(r is _BYLINE or r is _SUBHEAD for _a, _b, r in pieces)
                )
                if not marked and not all(
                    r is _BYLINE or headline_like(ln.text[a:b]) for a, b, r in pieces
                ):
                    continue
            self.last_pieces.add(ln.start + pieces[-1][0])
            new[n] = []
            for a, b, r in pieces:
                start = ln.start + a
                if a:
                    self.beside.add(start)
                piece = ln.text[a:b]
                first = not a
                new[n].append(
                    Line(
                        ln.para,
                        ln.line_start if first else start,
                        start,
                        start + len(piece),
                        piece,
                        display_width(piece),
                        r,
                        ln.indented and first,
                    )
                )
        if not new:
            return g
        return [p for n, ln in enumerate(g) for p in new.get(n, (ln,))]

    def _head_pieces(self, groups: list[list[Line]]) -> None:
        """Running-head pieces on lines of their own (a section name, a date, a weekday: pdftotext
        reads a head's left, centre and right parts apart). Furniture where a page's head or foot
        stands: before the page's first text line or after its last, or next to another
        furniture line; a section name also when it is a whole block (a title is never a bare
        section name). Elsewhere they may be text, and stay."""
        doc = self.doc
        flat = [ln for g in groups for ln in g]  # the page's lines, in reading order
        if not flat:
            return
        at = {ln.start: n for n, ln in enumerate(flat)}
        block = doc.paragraph_mode == "blank-line"
        candidates = []
        for m in HEAD_PIECE_LINE.finditer(doc.text):
            body = m.group().strip(" \t\u3000")
            n = at.get(m.start() + m.group().index(body))
            if n is not None and flat[n].role is _TEXT:
                candidates.append(n)
        roles = [ln.role for ln in flat]
        marked: set[int] = set()
        # Forward, then backward: a piece beside a piece just marked is one too (head lines
        # stacked at the top, footer lines at the foot).
        for order in (candidates, candidates[::-1]):
            for n in order:
                if n in marked:
                    continue
                ln = flat[n]
                lone = (
                    block
                    and SECTION_NAME.fullmatch(ln.text) is not None
                    and (n == 0 or flat[n - 1].para != ln.para)
                    and (n + 1 == len(flat) or flat[n + 1].para != ln.para)
                )
                # (both scans stop at the first text line: a page's head and foot are short)
                edge = all(roles[t] is _FURNITURE for t in range(n)) or all(
                    roles[t] is _FURNITURE for t in range(len(flat) - 1, n, -1)
                )
                beside = (n > 0 and roles[n - 1] is _FURNITURE) or (
                    n + 1 < len(flat) and roles[n + 1] is _FURNITURE
                )
                if lone or edge or beside:
                    marked.add(n)
                    roles[n] = _FURNITURE
        if not marked:
            return
        where = {id(ln): (k, j) for k, g in enumerate(groups) for j, ln in enumerate(g)}
        for n in marked:
            k, j = where[id(flat[n])]
            groups[k][j] = flat[n]._replace(role=_FURNITURE)
            self.head_pieces.add(flat[n].para)

    @staticmethod
    def _jumbled(group: Sequence[Line], body_width: float) -> bool:
        """A block of several printed lines, some of them wider than the body's column and none
        a line of prose (a paragraph on one line is far wider than any column)."""
        if len(group) < 3 or not body_width:
            return False
        widest = max(ln.width for ln in group)
        return body_width + 1 < widest <= 3 * body_width + 2

    @staticmethod
    def _own_width(group: Sequence[Line]) -> float | None:
        w = learn_width(group)
        return w if w is not None and fits(w, group) else None

    @staticmethod
    def _body_width(groups: Sequence[Sequence[Line]], widths: Sequence[float | None]) -> float:
        """The column width that holds the most lines: the body's."""
        lines: dict[float, int] = {}
        for g, w in zip(groups, widths, strict=True):
            if w is not None:
                lines[w] = lines.get(w, 0) + len(g)
        return max(lines, key=lambda w: (lines[w], w)) if lines else 0.0

    @staticmethod
    def _title_block(group: Sequence[Line], narrow: bool) -> bool:
        """A small block of title lines (a headline set in its own block, in its own font), a
        byline or subhead under it allowed: up to three title lines (six narrow ones), whose
        words together read as a title (a 《》 may span two lines), the last not ending a
        sentence."""
        n = len(group)
        while n and group[n - 1].role in (_BYLINE, _SUBHEAD):
            n -= 1
        text = group[:n]
        if not text or len(text) > (6 if narrow else 3):
            return False
        if any(ln.role is not _TEXT for ln in text):
            return False
        if text[-1].text[-1] in _SENTENCE_CLOSED:  # a title may end in 》 or ”
            return False
        return _title_like("".join(ln.text.strip() for ln in text))

    @staticmethod
    def _doc_width(group: Sequence[Line], common: Sequence[float]) -> float | None:
        """The narrowest measured column the lines fit in (a small block learns no width)."""
        text = [ln for ln in group if ln.role is _TEXT]
        widest = max((ln.width for ln in text), default=0.0)
        for w in common:
            if widest <= w + 1:
                return w
        if common and text and len(text) <= 3 and all(_title_like(ln.text) for ln in text):
            return common[-1]  # a title set across columns: its lines are wider than any column
        return None

    def _decide(self, groups: list[list[Line]], widths: list[float | None]) -> None:
        doc = self.doc
        blank_line = doc.paragraph_mode == "blank-line"
        line_paras: set[int] = set()
        prev: Line | None = None  # last content line of the previous printed-line group
        prev_w = 0.0
        first_prev = False
        jumped = 0  # the jump lines (bits: out, in) since ``prev``
        jump_pages: list[int | None] = [None, None]  # the pages they name (out, in)
        turned = False  # a page's foot or head after the （下转…） line
        beside, last_pieces = self.beside, self.last_pieces
        pieces = bool(beside or last_pieces)  # most pages have no line in pieces
        below: Line | None = None  # the line right under a line split in pieces
        prev_para = -1
        titles, cross = self.titles, self.out.cross  # (once, not per line)
        wraps, ends = self.out.inner_wraps, self.out.inner_ends
        for g, w in zip(groups, widths, strict=True):
            if w is None or not g:
                if blank_line and len(g) > 1:
                    self._edge_furniture(g)
                prev = None  # a paragraph of prose between: the chain of lines breaks
                jumped, turned = 0, False
                continue
            content = [k for k, ln in enumerate(g) if ln.role is not _FURNITURE]
            if blank_line:
                line_paras.add(g[0].para)
                if len(g) > 1 or (not content and g[0].para in self.head_pieces):
                    self._furniture(g, content)
            elif self.head_pieces:
                # One line a paragraph: a section name read as furniture goes whole.
                self.out.furniture_paras.extend(
                    ln.para for ln in g if ln.role is _FURNITURE and ln.para in self.head_pieces
                )
            if prev is not None and g[0].para != prev_para + 1:
                # Only whole furniture paragraphs may sit between two parts of one chain.
                between = range(prev_para + 1, g[0].para)
                if any(groups[t] and widths[t] is None for t in between):
                    prev = None
            # The next content line after each one, by position in ``content`` (a scan ahead
            # per line would be quadratic in a long block).
            after = iter([*(g[k] for k in content[1:]), None])
            for k, ln in enumerate(g):
                if ln.role is _FURNITURE:
                    # A jump line: the text before （下转…） goes on on another page, the text
                    # after （上接…） comes from one; they join only when both stand between.
                    if CONTINUATION.fullmatch(ln.text) is not None:
                        way = _JUMP_IN if _JUMP_IN_WORDS.search(ln.text) else _JUMP_OUT
                        jumped |= way
                        jump_pages[way - 1] = _jump_page(ln.text)
                    elif jumped == _JUMP_OUT:
                        turned = True  # a running head or page number: the next page begins
                    continue
                b_next = next(after)
                if prev is None:
                    # Where a paragraph starts is unknown: a line one indent short opens one
                    # unless it ends a sentence (then it more likely closes one).
                    first_prev = _first_shape(ln, w) and ln.text[-1] not in _CLOSED
                else:
                    a_para, b_para = prev.para, ln.para  # (read once: several tests below)
                    same = a_para == b_para
                    if jumped in _ONE_JUMP or (jumped and not (turned and _one_story(jump_pages))):
                        wrap, conf, why = False, 0.9, "a jump line stands between the lines"
                    elif pieces and ln.start in beside:
                        wrap, conf, why = False, 0.85, "two pieces stand side by side on one line"
                    elif pieces and prev.start in last_pieces:
                        wrap, conf, why = False, 0.8, "the line before ends in another column"
                    elif (
                        not same
                        and b_para in titles
                        and a_para in titles
                        and prev.text[-1] not in _CLOSED
                        and ln.width < prev.width
                        and _title_like(prev.text)
                    ):
                        # OCR sets a headline's rows in blocks of their own; a shorter row
                        # under a row that ends mid-title is the same title's next one.
                        wrap, conf, why = True, 0.8, "a title runs on to a shorter row"
                    elif not same and (b_para in titles or a_para in titles):
                        wrap, conf, why = False, 0.85, "a block of its own holds a title"
                    elif b_para in titles and ln.role is _TEXT:
                        wrap, conf, why = True, 0.85, "a title runs on to its next line"
                    elif (
                        not same and prev.text[-1] in _SENTENCE_CLOSED and w < TITLE_NARROW * prev_w
                    ):
                        # A story's columns share one measure: a block in a far narrower one
                        # after a finished sentence is set in a larger font (a headline's).
                        wrap, conf, why = False, 0.85, "the next block is set in a larger font"
                    else:
                        wrap, conf, why = decide(prev, first_prev, prev_w, ln, w, b_next)
                    if pieces:
                        if not wrap and prev.start in last_pieces:
                            below = ln
                        elif wrap and prev is below and why in _TITLE_RUNS_ON:
                            # Under a row of headlines side by side, pdftotext reads on row by
                            # row: the row after the first one below may be any headline's.
                            wrap, conf, why = False, 0.8, "a title row under side-by-side titles"
                    if not same or (k and g[k - 1] is prev):
                        span_end = ln.start  # no furniture line between (the common case)
                    else:
                        span_end = self._span_end(g, k, prev, ln)
                    # tuple.__new__: the named tuple's own __new__ is a Python call more a line
                    brk = tuple.__new__(
                        Break, (prev, ln, wrap, conf, why, prev_w, prev.end, span_end)
                    )
                    if same:
                        (wraps if wrap else ends).append(brk)
                    else:
                        cross[(a_para, b_para)] = brk
                    first_prev = not wrap
                jumped, turned = 0, False
                prev, prev_w, prev_para = ln, w, ln.para
            prev_para = g[-1].para
        self.out.line_paras = frozenset(line_paras)

    @staticmethod
    def _span_end(g: Sequence[Line], k: int, a: Line, b: Line) -> int:
        """Where the break's span ends: at ``b``, or at the first furniture line before it in
        ``b``'s paragraph (that line's own deletion covers the rest)."""
        if a.para != b.para:
            return b.start
        j = k - 1
        first_furniture = None
        while j >= 0 and g[j] is not a:
            first_furniture = g[j]
            j -= 1
        return first_furniture.line_start if first_furniture is not None else b.start

    def _edge_furniture(self, g: Sequence[Line]) -> None:
        """A block with no column width to learn (OCR of a whole page reads across columns):
        its breaks stay as they are, but furniture lines at its head or foot (the page's
        running head, a footer) go; furniture-like lines inside it are left alone."""
        content = [k for k, ln in enumerate(g) if ln.role is not _FURNITURE]
        if not content:
            return  # all furniture: the furniture detector's whole-paragraph rules decide
        for k in range(content[0]):
            self.out.furniture.append((g[k].line_start, g[k + 1].line_start, g[k]))
        for k in range(content[-1] + 1, len(g)):
            self.out.furniture.append((g[k - 1].end, g[k].end, g[k]))

    def _furniture(self, g: Sequence[Line], content: Sequence[int]) -> None:
        """Deletion spans for furniture lines inside a multi-line paragraph.

        A line before the paragraph's last content line goes with its line break; a trailing one
        goes with the break before it, so that the break to the next paragraph stays whole.
        """
        if not content:
            self.out.furniture_paras.append(g[0].para)  # deleted whole
            return
        last = content[-1]
        for k, ln in enumerate(g):
            if ln.role is not _FURNITURE:
                continue
            if k < last:
                self.out.furniture.append((ln.line_start, g[k + 1].line_start, ln))
            else:
                self.out.furniture.append((g[k - 1].end, ln.end, ln))


_TITLE_RUNS_ON = frozenset(
    (
        "a title runs on to a second line",
        "a title runs on to a shorter row",
        "a full title or byline line runs on to its short last line",
    )
)
_cached: tuple[Document, LineAnalysis] | None = None


def analyse(doc: Document) -> LineAnalysis:
    """The line decisions for a document (computed once: several detectors ask)."""
    global _cached
    hit = _cached
    if hit is not None and hit[0] is doc:
        return hit[1]
    result = _Analyser(doc).run()
    _cached = (doc, result)
    return result


def break_between(doc: Document, i: int, j: int) -> Break | None:
    """The decision on the break between paragraphs ``i`` and ``j`` when both are printed lines."""
    return analyse(doc).cross.get((i, j))


def is_line_paragraph(doc: Document, i: int) -> bool:
    return i in analyse(doc).line_paras


def inner_drafts(doc: Document, *, wraps: bool, gone: Container[int] = ()) -> Iterator[Draft]:
    """Drafts for the breaks inside paragraphs: the wraps (``merge``, for the merge detector) or
    the paragraph ends (``split`` to the file's paragraph separator, for the split detector);
    none inside the paragraphs in ``gone`` (deleted whole as duplicates or furniture)."""
    text = doc.text
    if wraps:
        kind, what, brk = "merge", "wraps: join the lines", ""
    else:
        kind, what, brk = "split", "ends a paragraph: start a new one", doc.newline_str * 2
    # One draft per printed line: Break.message and Break.evidence inlined; a
    # space only between two Latin letters or digits (SPEC.md).
    printed = analyse(doc)
    has_cr = "\r" in text
    for b in printed.inner_wraps if wraps else printed.inner_ends:
        if b.a.para in gone:
            continue
        a_text, b_text = b.a.text, b.b.text
        rep = " " if wraps and a_text[-1] in _ALNUM and b_text[0] in _ALNUM else brk
        start, end = b.span_start, b.span_end
        if has_cr or start > end:
            ctx = context_text(text, start, end)
        else:  # context_text's own fast path, inlined
            a = start - 12 if start > 12 else 0
            window = text[a : end + 12].replace("\n", "⏎")
            i, j = start - a, end - a
            ctx = f"{window[:i]}|{window[i:j]}|{window[j:]}"
        yield Draft(  # positional: binding keywords costs as much as the rest
            kind,
            start,
            end,
            rep,
            b.confidence,
            f"printed line ('…{a_text[-6:]}|{b_text[:6]}…') {what} ({b.reason})",
            {
                "context": ctx,
                "line_mode": True,
                "column_width": b.width,
                "line_width": b.a.width,
                "reason": b.reason,
            },
        )
