"""The document model: the immutable original text, its paragraphs and their roles."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from corpusfix.core.extraction import Extraction
from corpusfix.core.gc_pause import collector_paused
from corpusfix.core.loading import NEWLINES, LoadedText, detect_newline


class Role(StrEnum):
    PAGE_HEADLINE = "page-headline"
    HEADLINE = "headline"
    SUBHEAD = "subhead"
    BYLINE = "byline"
    BODY = "body"


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int  # code point offset of the first character
    end: int  # offset just past the last non-newline character
    role: Role
    line: int  # 1-based line of start

    def text(self, doc: Document) -> str:
        return doc.text[self.start : self.end]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A blank line: only whitespace (ASCII, ideographic space, zero-width) between two line breaks.
_BLANK_CHARS = " \t\u3000\u200b\u200c\u200d\ufeff"
_BLANK = re.compile(f"[{_BLANK_CHARS}]*")


@dataclass
class Document:
    """Text plus structure. ``text`` is never modified; every offset points into it."""

    text: str
    name: str = ""
    encoding: str = "utf_8"
    encoding_confidence: float = 1.0
    bom: bool = False
    newline: str = "lf"
    sha256: str = ""
    lines_mode: bool = False
    paragraphs: Sequence[Paragraph] = field(default_factory=tuple)
    paragraph_mode: str = "line"  # "blank-line" or "line"
    extraction: Extraction | None = None  # text extracted from a PDF: what the extractor saw
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _para_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def newline_str(self) -> str:
        return NEWLINES[self.newline]

    def line_of(self, offset: int) -> int:
        """1-based line number of a code-point offset."""
        return bisect.bisect_right(self._line_starts, offset)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        if len(self._para_starts) != len(self.paragraphs):
            self._para_starts = [p.start for p in self.paragraphs]
        i = bisect.bisect_right(self._para_starts, offset) - 1
        if i >= 0 and self.paragraphs[i].start <= offset <= self.paragraphs[i].end:
            return self.paragraphs[i]
        return None


def build_document(
    text: str,
    *,
    name: str = "",
    lines_mode: bool = False,
    loaded: LoadedText | None = None,
) -> Document:
    """Split text into paragraphs and give each a role.

    A file with a blank line between two non-blank lines is in blank-line mode (a paragraph is a
    run of non-blank lines); otherwise, and always with ``lines_mode``, each line is a paragraph.
    """
    with collector_paused():
        return _build(text, name, lines_mode, loaded)


def _build(text: str, name: str, lines_mode: bool, loaded: LoadedText | None) -> Document:
    from corpusfix.core.roles import classify_roles  # roles need paragraph texts first

    line_starts = [0]
    lines: list[tuple[int, int]] = []  # (start, end) of each line without its break
    pos = 0
    if "\r" in text:
        for m in _LINE_BREAK.finditer(text):
            lines.append((pos, m.start()))
            pos = m.end()
            line_starts.append(pos)
        lines.append((pos, len(text)))
        blank = [_BLANK.fullmatch(text, s, e) is not None for s, e in lines]
    else:
        # LF only (most files): str.split and str.strip do at C speed what the loop above does.
        pieces = text.split("\n")
        for piece in pieces:
            end = pos + len(piece)
            lines.append((pos, end))
            pos = end + 1
            line_starts.append(pos)
        line_starts.pop()
        blank = [not piece.strip(_BLANK_CHARS) for piece in pieces]

    mode = "line"
    if not lines_mode:
        content = [i for i, b in enumerate(blank) if not b]
        if content and any(blank[content[0] : content[-1] + 1]):
            mode = "blank-line"

    spans: list[tuple[int, int, int]] = []  # (start, end, first line index)
    if mode == "line":
        spans = [(s, e, i) for i, (s, e) in enumerate(lines) if not blank[i]]
    else:
        run_start: int | None = None
        for i, (_s, _e) in enumerate(lines):
            if blank[i]:
                if run_start is not None:
                    spans.append((lines[run_start][0], lines[i - 1][1], run_start))
                    run_start = None
            elif run_start is None:
                run_start = i
        if run_start is not None:
            spans.append((lines[run_start][0], lines[-1][1], run_start))

    texts = [text[s:e] for s, e, _ in spans]
    roles = classify_roles(texts)
    paragraphs = tuple(
        Paragraph(index=n, start=s, end=e, role=roles[n], line=li + 1)
        for n, (s, e, li) in enumerate(spans)
    )
    doc = Document(
        text=text,
        name=name,
        lines_mode=lines_mode,
        paragraphs=paragraphs,
        paragraph_mode=mode,
        newline=loaded.newline if loaded else detect_newline(text),
    )
    doc._line_starts = line_starts
    if loaded is not None:
        doc.encoding = loaded.encoding
        doc.encoding_confidence = loaded.confidence
        doc.bom = loaded.bom
        doc.sha256 = loaded.sha256
    return doc
