"""Rebuild articles from positioned glyphs: lines, columns, reading order, paragraphs, roles.

Geometry decides what text alone can only guess (docs/formats.md, "PDF input"):
- lines are glyphs on one baseline without a gap; regions are found by recursive XY cuts
  (whitespace across a whole region: bands top to bottom, then columns left to right), so a
  page's articles and their columns come out in reading order;
- a paragraph starts at a first-line indent, a change of font size, a centred line or a gap
  wider than the line spacing, and ends at a line that stops short of its column; a paragraph
  that fills the last line of a column goes on at the top of the next one (never at an indent);
- headlines are lines set larger than the body; running heads, footers and page numbers are
  lines alone in the top or bottom band of a page, set no larger than the body (more sure when
  the same line, digits aside, repeats on other pages). Furniture is extracted as its own
  paragraphs, never dropped: the ``pdf.furniture`` detector suggests deleting it, so that every
  change is a logged suggestion.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from corpusfix.core.pdf_read import EXTRACTOR_VERSION, Glyph, Page

BAND = 0.09  # share of the page height, at top and bottom, where furniture lives
INDENT = 1.2  # ems: a first-line indent (2 em in Chinese print; centred lines more)
# A line ends its paragraph when it left room for the next line's first word (the first
# character with the punctuation that may not start a line, or a Latin word): a line breaks
# early only where that unit does not fit (kinsoku), by up to ~3 em in ragged type.
CUT_ROOM = 3.0  # ems: a paragraph cut at a jump line with less room than this goes on
_NO_END = frozenset("“‘《（「『【〈〔([{")
_NO_START = frozenset("，。、；：？！”’》）」』】〉〕…—％‰·．,.;:?!)]}%")
HEADLINE_SIZE = 1.18  # times the body size
# The reason recorded for a jump line （下转第N版）: the merge detector joins nothing across one.
CONTINUATION_NOTE = "continuation note"
_JUMP = re.compile(
    r"^[（(](?:下转|上接|转|接|紧接|续|下接|接上|转下)第?[A-Za-z]?[0-9０-９一二三四五六七八九十]{1,3}"
    r"[版页面][）)]$"
)
_PAGE_NO = re.compile(r"^(?:[-—－]\s*)?[0-9０-９]{1,4}(?:\s*[-—－])?$")
_MARK_START = re.compile(r"^(?:[●■□◎▲◆○★☆]|[—─－]{2})")
_DIGITS = re.compile(r"[0-9０-９一二三四五六七八九十〇零]+")
_LATIN = re.compile(r"[0-9A-Za-z]")
_LATIN_CLOSE = frozenset(",.;:!?)]}%'\"”’")
_LATIN_OPEN = frozenset("([{'\"“‘")
_WORD = re.compile(r"[0-9A-Za-z.,%'-]+")
_SPREAD_SPACE = re.compile(r"(?<![0-9A-Za-z]) | (?![0-9A-Za-z])")


@dataclass
class Line:
    """Glyphs on one baseline with no gap wider than a space between them."""

    text: str
    x0: float
    x1: float
    y: float  # baseline
    bottom: float
    top: float
    size: float


@dataclass
class Para:
    text: str
    size: float
    furniture: str = ""  # why geometry calls it furniture ("" for article text)
    headline: bool = False
    lines: int = 1
    placed: bool = False  # already in the list (a parked paragraph that goes on later)


@dataclass
class Extracted:
    text: str
    furniture: tuple[tuple[int, int, str], ...]  # (start, end, reason) of each furniture paragraph
    headlines: tuple[tuple[int, int], ...]
    pages: int


@dataclass
class _State:
    """The paragraph being built, the furniture waiting for it to end, and a paragraph parked
    at a jump line （下转第N版） until its continuation （上接第M版） turns up."""

    paras: list[Para] = field(default_factory=list)
    open: Para | None = None
    pending: list[Para] = field(default_factory=list)
    last_room: float = 0.0  # ems left free at the end of the last line, in its column
    last_y: float | None = None  # baseline of the last line, on this page
    parked: Para | None = None
    version: int = EXTRACTOR_VERSION  # the rules of an older extractor, to replay its logs
    parked_on: int = -1  # the page it was parked on: it goes on on a later page only
    page: int = 0
    resume: bool = False  # a 上接 line was seen: the next unindented line may go on the parked

    def close(self) -> None:
        if self.open is not None:
            if not self.open.placed:
                self.paras.append(self.open)
            self.open = None
        self.paras.extend(self.pending)
        self.pending.clear()

    def furniture(self, para: Para) -> None:
        """Furniture goes out when the paragraph it interrupts ends (it is extracted, never
        dropped); a jump line parks or resumes a paragraph cut across pages."""
        text = para.text.strip()
        if text[1:3] in ("下转", "转下", "下接") or text[1:2] == "转":
            if self.open is not None and not self.open.headline and self.last_room < CUT_ROOM:
                self.parked, self.open.placed = self.open, True
                self.parked_on = self.page
                self.paras.append(self.open)
                self.open = None
            self.close()
            self.paras.append(para)
            return
        if text[1:3] in ("上接", "接上", "紧接") or text[1:2] in ("接", "续"):
            self.close()
            self.paras.append(para)
            self.resume = self.parked is not None and self.parked_on < self.page
            return
        if self.open is None:
            self.paras.append(para)
        else:
            self.pending.append(para)


def extract(pages: Sequence[Page], version: int = EXTRACTOR_VERSION) -> Extracted:
    """The article text of ``pages`` (paragraphs separated by blank lines) and its furniture.

    ``version``: an earlier extractor's rules (``SUPPORTED_VERSIONS``), so that a change log
    made by it still replays after an upgrade."""
    lines_of = [_lines(p.glyphs) for p in pages]
    sizes: Counter[float] = Counter()
    for lines in lines_of:
        for ln in lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    repeated = _repeated(pages, lines_of, body)
    state = _State(version=version)
    for n, (page, lines) in enumerate(zip(pages, lines_of, strict=True)):
        state.page = n
        _page(page, lines, body, repeated, state)
    state.close()
    return _assemble(state.paras, len(pages))


def _assemble(paras: list[Para], pages: int) -> Extracted:
    parts: list[str] = []
    furniture: list[tuple[int, int, str]] = []
    headlines: list[tuple[int, int]] = []
    pos = 0
    for p in paras:
        text = p.text.strip()
        if not text:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        start = pos
        parts.append(text)
        pos += len(text)
        if p.furniture:
            furniture.append((start, pos, p.furniture))
        elif p.headline:
            headlines.append((start, pos))
    parts.append("\n")
    return Extracted("".join(parts), tuple(furniture), tuple(headlines), pages)


# ----- lines -----


def _lines(glyphs: Sequence[Glyph]) -> list[Line]:
    """Glyphs in content order into lines; a new line at a baseline change, a step back or a
    gap wider than ~0.8 em (a column gutter)."""
    out: list[Line] = []
    chars: list[str] = []
    cur: Line | None = None
    space = False
    for g in glyphs:
        if g.space:
            space = True
            continue
        if cur is not None:
            em = max(cur.size, g.size)
            gap = g.x0 - cur.x1
            # a space PDFium saw between two glyphs of one run: letter-spacing, not a gutter
            widest = 2.0 * em if space else 0.8 * em
            same = abs(g.y - cur.y) <= 0.35 * em and -0.6 * em <= gap <= widest
            if same:
                # a space PDFium saw (drawn, or a gap in the text run); Latin words by the gap
                if space or (gap >= 0.15 * em and _latin_pair(chars[-1], g.ch)):
                    chars.append(" ")
                chars.append(g.ch)
                cur.x1 = max(cur.x1, g.x1)
                cur.bottom = min(cur.bottom, g.bottom)
                cur.top = max(cur.top, g.top)
                cur.size = max(cur.size, g.size)
                space = False
                continue
            cur.text = _line_text(chars)
            out.append(cur)
        chars = [g.ch]
        cur = Line("", g.x0, g.x1, g.y, g.bottom, g.top, g.size)
        space = False
    if cur is not None:
        cur.text = _line_text(chars)
        out.append(cur)
    return out


def _line_text(chars: list[str]) -> str:
    """A line's text; in a letter-spaced line (a justified short last line: PDFium sees a
    space in every stretched gap) only the spaces between Latin words stay."""
    text = "".join(chars)
    spaces = chars.count(" ")
    if spaces >= 3 and spaces * 3 >= len(chars) - spaces:
        text = _SPREAD_SPACE.sub("", text)
    return text


def _lead_width(text: str) -> float:
    """Ems taken by a line's first unbreakable unit (what the line before would have held)."""
    opening = 0
    while opening < len(text) and text[opening] in _NO_END:  # “《（ go with what follows
        opening += 1
    m = _WORD.match(text, opening)
    n = m.end() if m else min(opening + 1, len(text))
    width = opening + (0.55 * (n - opening) if m else float(n - opening))
    for ch in text[n:]:
        if ch not in _NO_START:
            break
        width += 1.0 if ord(ch) > 0x2000 else 0.55
    return width


def _latin_join(before: str, after: str) -> bool:
    """Two wrapped lines of Latin text: the line break stood for a space. A word may end in
    punctuation (``2020,``) and the next start with an opening mark (``“dog”``, ``(a``)."""
    a = before[-1:]
    if a in _LATIN_CLOSE:
        if a in ",." and before[-2:-1].isdigit() and after[:1].isdigit():
            return False  # 1,000 or 3.14 broken at the mark: one number
        a = before[-2:-1]
    b = after[:1]
    if b in _LATIN_OPEN:
        b = after[1:2]
    return _latin_pair(a, b)


def _latin_pair_of(before: str, after: str) -> bool:
    """Version 1: a space only between a letter or digit and a letter or digit."""
    return _latin_pair(before[-1:], after[:1])


def _latin_pair(a: str, b: str) -> bool:
    return bool(_LATIN.match(a)) and bool(_LATIN.match(b))


# ----- furniture repeated across pages -----


def _key(text: str) -> str:
    """A running head with its varying parts (date, page number) taken out."""
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


def _repeated(pages: Sequence[Page], lines_of: Sequence[list[Line]], body: float) -> set[str]:
    """Band lines whose text (digits aside) is on two or more pages."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page, lines in zip(pages, lines_of, strict=True):
        keys = {_key(ln.text) for ln in lines if _in_band(page, ln) and ln.size <= body * 1.1}
        seen.update(keys)
    return {k for k, n in seen.items() if n >= 2}


def _in_band(page: Page, ln: Line) -> bool:
    return ln.bottom >= page.height * (1 - BAND) or ln.top <= page.height * BAND


# ----- regions (recursive XY cuts) -----


def _regions(
    lines: list[Line], body: float, vgap: float, page: Page, version: int
) -> list[list[Line]]:
    """Leaves of the XY cut in reading order: bands top to bottom, columns left to right."""
    out: list[list[Line]] = []
    todo: list[list[Line]] = [lines]
    while todo:
        group = todo.pop()
        parts = _cut(group, body, vgap, page, version)
        if parts is None:
            out.append(group)
        else:
            todo.extend(reversed(parts))  # stack: the first part next
    return out


def _cut(
    lines: list[Line], body: float, vgap: float, page: Page, version: int
) -> list[list[Line]] | None:
    if len(lines) <= 1:
        return None
    if _one_baseline(lines):
        # a running head's pieces are one line; headlines side by side are not
        return None if _in_band(page, lines[0]) else _columns(lines, body)
    # bands: whitespace across the whole region, wider than the space between lines, or any
    # whitespace where the type changes (a headline or subhead above, columns starting below)
    by_top = sorted(lines, key=lambda ln: -ln.top)
    per_row = Counter(round(ln.y) for ln in lines)
    bands: list[list[Line]] = [[by_top[0]]]
    lowest = by_top[0]
    for ln in by_top[1:]:
        gap = lowest.bottom - ln.top
        if (
            gap > vgap or (gap > vgap - 0.25 * body and _type_changes(lowest, ln, per_row))
        ) and not (version >= 2 and _headline_goes_on(bands[-1], ln, body)):
            bands.append([ln])
        else:
            bands[-1].append(ln)
        if ln.bottom < lowest.bottom:
            lowest = ln
    if len(bands) > 1:
        return bands
    return _columns(lines, body)


def _columns(lines: list[Line], body: float) -> list[list[Line]] | None:
    """Columns: whitespace from the top to the bottom of the region."""
    by_x = sorted(lines, key=lambda ln: ln.x0)
    cols: list[list[Line]] = [[by_x[0]]]
    right = by_x[0].x1
    for ln in by_x[1:]:
        if ln.x0 - right > 0.4 * body:  # a gutter; a headline may overflow into it
            cols.append([ln])
        else:
            cols[-1].append(ln)
        right = max(right, ln.x1)
    return cols if len(cols) > 1 else None


def _headline_goes_on(band: list[Line], ln: Line, body: float) -> bool:
    """``ln`` is the next line of a headline in ``band``: same size, over the same column,
    one headline line pitch down (a headline's leading is wider than the body's, and in
    flowing columns the gap between its lines can line up with gaps in every other column)."""
    if ln.size < body * HEADLINE_SIZE:
        return False
    for above in reversed(band):  # sorted by top: the nearest lines are last
        if above.y - ln.y > 2.2 * ln.size:
            break
        if (
            abs(above.size - ln.size) <= 0.08 * ln.size
            and above.y - ln.y > 0.3 * ln.size
            and above.x0 < ln.x1
            and ln.x0 < above.x1
        ):
            return True
    return False


def _type_changes(above: Line, below: Line, per_row: Counter[int]) -> bool:
    """Another size of type, or one line above a row of columns (a byline over the body)."""
    if abs(above.size - below.size) > 0.08 * max(above.size, below.size):
        return True
    return per_row[round(above.y)] == 1 and per_row[round(below.y)] >= 2


def _one_baseline(lines: list[Line]) -> bool:
    y = lines[0].y
    em = max(ln.size for ln in lines)
    return all(abs(ln.y - y) <= 0.35 * em for ln in lines)


def _line_gap(lines: list[Line], body: float) -> tuple[float, float]:
    """(usual baseline pitch, usual whitespace between two lines of body text)."""
    pitches: list[float] = []
    gaps: list[float] = []
    cols: dict[int, list[Line]] = {}
    for ln in lines:
        if abs(ln.size - body) <= 0.05 * body:
            cols.setdefault(round(ln.x1 / body), []).append(ln)
    for col in cols.values():
        col.sort(key=lambda ln: -ln.y)
        for a, b in itertools.pairwise(col):
            d = a.y - b.y
            if 0.8 * body <= d <= 3 * body:
                pitches.append(d)
                gaps.append(a.bottom - b.top)
    if not pitches:
        return 1.5 * body, 0.5 * body
    return statistics.median(pitches), statistics.median(gaps)


# ----- paragraphs -----


def _page(page: Page, lines: list[Line], body: float, repeated: set[str], state: _State) -> None:
    if not lines:
        return
    state.last_y = None
    pitch, gap = _line_gap(lines, body)
    vgap = max(gap, 0.0) + 0.45 * body
    leaves = [_rows(leaf, body) for leaf in _regions(lines, body, vgap, page, state.version)]
    margin = [_in_margin(page, rows, body) for rows in leaves]
    inner = [r for rows, m in zip(leaves, margin, strict=True) if not m for r in rows]
    top = max((r.top for r in inner), default=page.height)
    bottom = min((r.bottom for r in inner), default=0.0)
    for rows, frame, m in zip(leaves, _frames(leaves, body), margin, strict=True):
        # alone in the margin: above or below all the other text (a column's last lines in
        # the bottom band are beside other columns)
        alone = m and (
            min(r.bottom for r in rows) >= top - 0.2 * body
            or max(r.top for r in rows) <= bottom + 0.2 * body
        )
        reason = _furniture(rows, m, alone, repeated)
        if reason:
            state.furniture(Para(" ".join(r.text for r in rows), rows[0].size, furniture=reason))
            continue
        for i, row in enumerate(rows):
            _add_line(row, rows[i - 1] if i else None, frame, body, pitch, state)


@dataclass(frozen=True)
class _Frame:
    """A column's edges: the left one (where unindented lines start) and the right one (where
    most lines end)."""

    left: float
    right: float


def _frames(leaves: list[list[Line]], body: float) -> list[_Frame]:
    """Each leaf's column frame. A leaf of one or two lines borrows the frame of a taller leaf
    it lies in (the short last column, a paragraph's tail)."""
    own: list[tuple[_Frame, int]] = []
    for rows in leaves:
        left = min(r.x0 for r in rows)
        right = statistics.median(r.x1 for r in rows) if len(rows) >= 3 else max(r.x1 for r in rows)
        own.append((_Frame(left, right), len(rows)))
    tall = [f for f, n in own if n >= 3]
    out = []
    for f, n in own:
        if n < 3:
            for t in tall:
                if t.left - 0.5 * body <= f.left <= t.left + 4 * body and f.right <= (
                    t.right + 0.5 * body
                ):
                    f = t
                    break
        out.append(f)
    return out


def _rows(leaf: list[Line], body: float) -> list[Line]:
    """A leaf's lines top to bottom; pieces of one baseline joined left to right."""
    rows: list[Line] = []
    for ln in sorted(leaf, key=lambda ln: (-ln.y, ln.x0)):
        last = rows[-1] if rows else None
        if last is not None and abs(last.y - ln.y) <= 0.35 * max(last.size, ln.size):
            sep = " " if ln.x0 - last.x1 >= 0.15 * max(last.size, ln.size) else ""
            last.text = f"{last.text}{sep}{ln.text}"
            last.x1 = max(last.x1, ln.x1)
            last.bottom, last.top = min(last.bottom, ln.bottom), max(last.top, ln.top)
            last.size = max(last.size, ln.size)
        else:
            rows.append(Line(ln.text, ln.x0, ln.x1, ln.y, ln.bottom, ln.top, ln.size))
    return rows


def _in_margin(page: Page, rows: list[Line], body: float) -> bool:
    """A line or two in the top or bottom band of the page, no larger than the body."""
    return (
        len(rows) <= 2
        and max(r.size for r in rows) <= body * 1.1
        and all(_in_band(page, r) for r in rows)
    )


def _furniture(rows: list[Line], margin: bool, alone: bool, repeated: set[str]) -> str:
    text = " ".join(r.text for r in rows).strip()
    if len(rows) == 1 and _JUMP.match(text):
        return CONTINUATION_NOTE
    if not margin:
        return ""
    if _PAGE_NO.match(text):
        return "page number"
    if _key(text) in repeated:
        return "running head (repeated on other pages)"
    if alone and len(text) <= 60:
        return "running head or footer (alone in the page margin)"
    return ""


def _add_line(
    row: Line, prev: Line | None, frame: _Frame, body: float, pitch: float, state: _State
) -> None:
    em = row.size
    text = row.text.strip()
    headline = row.size >= body * HEADLINE_SIZE
    if _JUMP.match(text):  # a jump line inside a column
        state.furniture(Para(text, em, furniture=CONTINUATION_NOTE))
        return
    parked, state.resume = state.parked if state.resume else None, False
    if (
        parked is not None
        and not headline
        and row.x0 - frame.left < INDENT * em
        and abs(parked.size - em) <= 0.08 * em
    ):  # the cut paragraph goes on here
        state.open, state.parked = parked, None
        state.last_room = 0.0
    cur = state.open
    starts = (
        cur is None or abs(cur.size - em) > 0.08 * max(cur.size, em) or (cur.headline != headline)
    )
    if not starts and cur is not None:
        if headline:
            # a headline's lines are one paragraph (centred lines of any length)
            # (the next line down: a headline beside it is another article's)
            starts = state.last_y is None or not 0.3 * em < state.last_y - row.y <= 2.2 * em
        else:
            starts = (
                row.x0 - frame.left >= INDENT * em
                or (_MARK_START.match(text) is not None and frame.right - row.x1 >= 2 * em)
                # the line before had room for this line's first word: it ended a paragraph
                or state.last_room >= _lead_width(text) + 0.6
                or (prev is not None and prev.y - row.y > pitch + 0.5 * em)
            )
    if starts:
        state.close()
        state.open = Para(text, em, headline=headline)
    elif cur is not None:
        latin = _latin_join if state.version >= 2 else _latin_pair_of
        sep = " " if latin(cur.text, text) else ""
        if cur.text.endswith(("\u00ad", "-")) and _LATIN.match(text[:1]):
            sep = ""
        cur.text = f"{cur.text}{sep}{text}"
        cur.lines += 1
    # measured against its own column: the next line may be in the next one
    state.last_room = (frame.right - row.x1) / em
    state.last_y = row.y
