"""Printed lines and the column width they share: is a block of text one printed line per line?

Text extracted from a PDF page (pdftotext, a viewer's copy, OCR) keeps every printed line as a line.
Justified columns make every line but a paragraph's first (indent dropped: two cells shorter) and
last (usually short) exactly the column width; that width is learnt per block, or from the
document when a block is too small to tell. Prose with one long line per paragraph has no such
width, so it is never read as printed lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from corpusfix.core.document import Document, Paragraph
from corpusfix.detectors.layout.line_roles import LineRole, role_of, special_any, special_start

_BREAK = re.compile(r"\r\n|\r|\n")
_SPACES = " \t\f\u3000\u00a0"
MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
FULL_SLACK = 1.25  # a justified line may lose a cell to kinsoku or a pushed number
INDENT = 2.0  # the first-line indent the extraction dropped
_TEXT = LineRole.TEXT


class Line(NamedTuple):  # a tuple: built for every line of a page, so it must be cheap
    para: int  # index of the paragraph the line belongs to
    line_start: int  # offset of the line's first character (indent included)
    start: int  # first non-space character
    end: int  # just past the last non-space character
    text: str  # the line without its indent and trailing spaces
    width: float  # printed width in full-width cells (ASCII counts half, spaces nothing)
    role: LineRole
    indented: bool  # the line kept a leading indent


def display_width(s: str) -> float:
    """Cells a line fills: ASCII takes half a cell in Chinese print; spaces are layout."""
    # latin-1 covers ASCII and the few Western signs, all narrow (counted at C speed); a space
    # counts half there and half again here: nothing.
    narrow = len(s.encode("latin-1", "ignore")) + s.count(" ")
    return len(s) - narrow / 2 - s.count("\u3000")


def lines_of(doc: Document, p: Paragraph) -> list[Line]:
    """The non-blank lines of a paragraph."""
    block = doc.text[p.start : p.end]
    if "\r" in block:
        pieces = _BREAK.split(block)
        # each line's own break: its length after the line (none after the last)
        seps = [m.end() - m.start() for m in _BREAK.finditer(block)] + [1]
    else:
        pieces = block.split("\n")
        seps = []
    out = []
    pos = p.start
    index = p.index
    at_start, anywhere = special_start, special_any  # MAYBE_SPECIAL.search, in two parts
    text_role = _TEXT
    new = tuple.__new__  # the named tuple's own __new__ is a Python call more a line
    # Called for every line of a page: display_width and role_of are inlined (same arithmetic).
    for n, raw in enumerate(pieces):
        start = pos
        size = len(raw)
        pos += size + (seps[n] if seps else 1)
        body = raw.strip(_SPACES)
        if not body:
            continue
        length = len(body)
        cs = start + size - len(raw.lstrip(_SPACES)) if raw[0] in _SPACES else start
        narrow = len(body.encode("latin-1", "ignore")) + body.count(" ")
        width = length - narrow / 2 - body.count("\u3000")
        plain = at_start(body) is None and anywhere(body) is None
        role = text_role if plain else role_of(body)
        out.append(new(Line, (index, start, cs, cs + length, body, width, role, cs > start)))
    return out


def learn_width(lines: Sequence[Line]) -> float | None:
    """The column width most of the lines fill, when enough of them agree.

    Scores each candidate width by the lines that fill it (within the slack), then by those that
    hit it exactly; ties go to the wider (a line never runs past its column).
    """
    text = _TEXT  # (a module name: an enum member's lookup costs more, once a line)
    widths = [ln.width for ln in lines if ln.role is text and ln.width >= MIN_WIDTH]
    if len(widths) < 3:
        return None
    counts = Counter(widths)
    best: tuple[int, int, float] | None = None
    # The column width is among the commonest widths (most lines are full).
    for w, _n in counts.most_common(4):
        if not MIN_WIDTH <= w <= MAX_WIDTH:
            continue
        full = sum(n for x, n in counts.items() if w - FULL_SLACK <= x <= w + 0.5)
        exact = sum(n for x, n in counts.items() if abs(x - w) <= 0.5)
        key = (exact, full, w)  # justified lines hit the column width itself
        if best is None or key > best:
            best = key
    if best is None:
        return None
    _exact, full, w = best
    # Justified text: full lines dominate; ragged prose has no common width.
    lo, hi = w - INDENT - FULL_SLACK - 0.5, w + 1
    shaped = sum(n for x, n in counts.items() if lo <= x <= hi)  # (by distinct width: fewer)
    if full >= 3 and full >= 0.4 * len(widths) and shaped >= 0.6 * len(widths):
        return w
    return None


def fits(width: float, lines: Sequence[Line]) -> bool:
    """No text line runs past the column (a wide line is a title across columns or two glued)."""
    text = over = 0
    limit, role = width + 1, _TEXT
    for ln in lines:  # one pass
        if ln.role is role:
            text += 1
            if ln.width > limit:
                over += 1
    return over <= max(0, text // 4)
