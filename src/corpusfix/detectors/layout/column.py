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
from dataclasses import dataclass

from corpusfix.core.document import Document, Paragraph
from corpusfix.detectors.layout.line_roles import LineRole, line_role

_LINE = re.compile(r"[^\r\n]*")
_SPACE = re.compile(r"[ \t\f\u3000\u00a0\u200b]+")
_LEADING = re.compile(r"[ \t\f\u3000\u00a0]*")
MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
FULL_SLACK = 1.25  # a justified line may lose a cell to kinsoku or a pushed number
INDENT = 2.0  # the first-line indent the extraction dropped


@dataclass(frozen=True, slots=True)
class Line:
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
    if " " in s or "\u3000" in s or "\t" in s or "\f" in s:
        s = _SPACE.sub("", s)
    # latin-1 covers ASCII and the few Western signs, all narrow (C-speed count).
    return len(s) - len(s.encode("latin-1", "ignore")) / 2


def lines_of(doc: Document, p: Paragraph) -> list[Line]:
    """The non-blank lines of a paragraph."""
    text = doc.text
    out = []
    pos = p.start
    while pos <= p.end:
        m = _LINE.match(text, pos, p.end)
        assert m is not None  # the pattern matches the empty string
        s, e = m.start(), m.end()
        c = _LEADING.match(text, s, e)
        cs = c.end() if c else s
        ce = e
        while ce > cs and text[ce - 1] in " \t\f\u3000\u00a0":
            ce -= 1
        if ce > cs:
            body = text[cs:ce]
            out.append(
                Line(
                    para=p.index,
                    line_start=s,
                    start=cs,
                    end=ce,
                    text=body,
                    width=display_width(body),
                    role=line_role(body),
                    indented=cs > s,
                )
            )
        # Step over the line break (\r\n counts as one).
        if e < len(text) and text[e] == "\r" and e + 1 < len(text) and text[e + 1] == "\n":
            pos = e + 2
        else:
            pos = e + 1
    return out


def learn_width(lines: Sequence[Line]) -> float | None:
    """The column width most of the lines fill, when enough of them agree.

    Scores each candidate width by the lines that fill it (within the slack), then by those that
    hit it exactly; ties go to the wider (a line never runs past its column).
    """
    widths = [ln.width for ln in lines if ln.role is LineRole.TEXT and ln.width >= MIN_WIDTH]
    if len(widths) < 3:
        return None
    counts = Counter(widths)
    best: tuple[int, int, float] | None = None
    for w in counts:
        if not MIN_WIDTH <= w <= MAX_WIDTH:
            continue
        full = sum(n for x, n in counts.items() if w - FULL_SLACK <= x <= w + 0.5)
        exact = sum(n for x, n in counts.items() if abs(x - w) <= 0.5)
        key = (full, exact, w)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    full, _exact, w = best
    # Justified text: full lines dominate; ragged prose has no common width.
    shaped = sum(1 for x in widths if w - INDENT - FULL_SLACK - 0.5 <= x <= w + 1)
    if full >= 3 and full >= 0.4 * len(widths) and shaped >= 0.6 * len(widths):
        return w
    return None


def fits(width: float, lines: Sequence[Line]) -> bool:
    """No text line runs past the column (a wide line is a title across columns or two glued)."""
    text = [ln for ln in lines if ln.role is LineRole.TEXT]
    over = sum(1 for ln in text if ln.width > width + 1)
    return over <= max(0, len(text) // 4)
