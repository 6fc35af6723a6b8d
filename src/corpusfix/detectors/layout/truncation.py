"""Text that is missing (flag only): cut-off sections, enumeration holes, unbalanced brackets.

The text cannot be recovered from the file, so each finding says what to look for in the print
edition: the end of a sentence, the missing list item, the closing mark.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import Any

from corpusfix.core.document import Document, Paragraph, Role
from corpusfix.core.roles import headline_like
from corpusfix.core.suggestion import Draft
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.layout.enumeration import (
    ANNOUNCED,
    MAYBE_MARKER,
    Marker,
    cn_number,
    find_markers,
    marker_text,
)
from corpusfix.detectors.layout.signals import (
    CLOSERS,
    NO_END_CHARS,
    deleted_paragraphs,
    stripped_end,
)
from corpusfix.detectors.registry import register

PAIRS = (("“", "”"), ("《", "》"), ("（", "）"))
_MARKS = {o: re.compile(f"[{o}{c}]") for o, c in PAIRS}
_ANY_MARK = re.compile("[" + "".join(o + c for o, c in PAIRS) + "]")
FLAG_WIDTH = 6


class _Hits:
    """Where list markers may stand and counts are announced, from one scan of the whole text.

    Neither pattern crosses a line break, so a match inside a paragraph is the one a scan of
    the paragraph alone finds.
    """

    def __init__(self, text: str) -> None:
        self.markers = [m.start() for m in MAYBE_MARKER.finditer(text)]
        self.announced = list(ANNOUNCED.finditer(text))
        self.announced_at = [m.start() for m in self.announced]
        # Every opening or closing mark: a paragraph without one is balanced, nothing to count.
        self.marks = [m.start() for m in _ANY_MARK.finditer(text)]

    def mark_in(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.marks, start)
        return i < len(self.marks) and self.marks[i] < end

    def marker_in(self, p: Paragraph) -> bool:
        i = bisect.bisect_left(self.markers, p.start)
        return i < len(self.markers) and self.markers[i] < p.end

    def announced_in(self, p: Paragraph) -> list[re.Match[str]]:
        lo = bisect.bisect_left(self.announced_at, p.start)
        hi = bisect.bisect_left(self.announced_at, p.end)
        return self.announced[lo:hi]


def _sections(doc: Document, gone: set[int]) -> list[list[Paragraph]]:
    """Body paragraphs grouped by the headline above them."""
    sections: list[list[Paragraph]] = [[]]
    titles, body = (Role.HEADLINE, Role.PAGE_HEADLINE), Role.BODY
    for p in doc.paragraphs:
        role = p.role
        if role is body:
            if p.index not in gone:
                sections[-1].append(p)
        elif role in titles and sections[-1]:
            sections.append([])
    return [s for s in sections if s]


def _flag(
    start: int,
    end: int,
    conf: float,
    message: str,
    evidence: dict[str, Any],
    message_id: str = "",
    params: dict[str, str] | None = None,
) -> Draft:
    return Draft(
        kind="truncation",
        start=start,
        end=end,
        replacement=None,
        confidence=conf,
        message=message,
        evidence=evidence,
        message_id=message_id,
        params=params or {},
    )


@register
class TruncationDetector:
    id = "layout.truncation"
    kinds = frozenset({"truncation"})
    order = 30
    needs_context = True
    slow = False
    needs_model = False
    requires = ("layout.merge", "layout.duplicate", "layout.furniture")

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        gone = set(deleted_paragraphs(ctx))
        merged_from = {
            d.evidence["paragraph"]
            for d in ctx.found.get("layout.merge", [])
            if "paragraph" in d.evidence
        }
        # Whole-text scans, once: most paragraphs hold no list marker and no announced count.
        hits = _Hits(doc.text)
        for section in _sections(doc, gone):
            yield from self._cut_off(doc, section, merged_from)
            yield from self._enumeration_holes(doc, section, hits)
            yield from self._unbalanced(doc, section, merged_from, hits)

    def _cut_off(
        self, doc: Document, section: list[Paragraph], merged: set[int]
    ) -> Iterator[Draft]:
        text = doc.text
        for p in section:
            end = stripped_end(doc, p)
            body = text[p.start : end].strip()
            if not body or body[-1] in CLOSERS or p.index in merged:
                continue
            start = max(p.start, end - FLAG_WIDTH)
            conf = 0.95 if body[-1] in NO_END_CHARS or body[-1] in "，、," else 0.88
            if headline_like(body):
                conf = 0.7  # could be a title line the role rules did not recognise
            tail = text[start:end]
            yield _flag(
                start,
                end,
                conf,
                f"the text stops mid-sentence ('…{tail}') and nothing continues it: the end of "
                "the sentence (and perhaps more) is missing; look it up in the print edition",
                {**context(text, start, end), "paragraph_line": p.line},
                "truncation.stops",
                {"tail": tail},
            )

    def _enumeration_holes(
        self, doc: Document, section: list[Paragraph], hits: _Hits
    ) -> Iterator[Draft]:
        text = doc.text
        markers: list[Marker] = []
        for p in section:
            if hits.marker_in(p):
                markers.extend(find_markers(text, p.start, p.end))
        by_scheme: dict[str, list[Marker]] = {}
        for mk in markers:
            by_scheme.setdefault(mk.scheme, []).append(mk)
        for scheme, items in by_scheme.items():
            if scheme == "首先":
                yield from self._order_words(text, items)
                continue
            runs: list[list[Marker]] = []
            for mk in items:
                if mk.number == 1 or not runs or mk.number <= runs[-1][-1].number:
                    runs.append([mk])
                else:
                    runs[-1].append(mk)
            for run in runs:
                yield from self._run_holes(text, scheme, run)
        if hits.announced:
            yield from self._announced(doc, section, markers, hits)

    def _run_holes(self, text: str, scheme: str, run: list[Marker]) -> Iterator[Draft]:
        first = run[0]
        if first.number == 2 and len(run) >= 2 and scheme in ("是", "（）", "(1)", "第"):
            lost = marker_text(scheme, 1)
            yield _flag(
                first.start,
                first.end,
                0.85,
                f"the list starts at {text[first.start : first.end]}: item {lost} is missing; "
                "look it up in the print edition",
                {**context(text, first.start, first.end), "missing": [lost]},
                "truncation.list_start",
                {"first": text[first.start : first.end], "lost": lost},
            )
        for a, b in itertools.pairwise(run):
            gap = b.number - a.number
            if 1 < gap <= 3:
                missing = [marker_text(scheme, k) for k in range(a.number + 1, b.number)]
                yield _flag(
                    b.start,
                    b.end,
                    0.92,
                    f"the list goes from {text[a.start : a.end]} to {text[b.start : b.end]}: "
                    f"{'、'.join(missing)} is missing; look it up in the print edition",
                    {**context(text, b.start, b.end), "missing": missing},
                    "truncation.list_gap",
                    {
                        "a": text[a.start : a.end],
                        "b": text[b.start : b.end],
                        "missing": "、".join(missing),
                    },
                )

    def _order_words(self, text: str, items: list[Marker]) -> Iterator[Draft]:
        words = [text[m.start : m.end] for m in items]
        if "首先" in words and "最后" in words and "其次" not in words:
            last = items[words.index("最后")]
            yield _flag(
                last.start,
                last.end,
                0.8,
                "the list has 首先 and 最后 but no 其次: a middle item is missing",
                {**context(text, last.start, last.end), "missing": ["其次"]},
                "truncation.order_words",
            )

    def _announced(
        self, doc: Document, section: list[Paragraph], markers: list[Marker], hits: _Hits
    ) -> Iterator[Draft]:
        """``从三个方面`` followed by a list that stops short of three items."""
        text = doc.text
        for p in section:
            for m in hits.announced_in(p):
                want = cn_number(m.group(1).replace("两", "二"))
                after = [mk for mk in markers if mk.start > m.end() and mk.scheme != "首先"]
                if not after or after[0].number != 1:
                    continue  # no list follows: the count announces nothing (等三个工程)
                scheme = after[0].scheme
                run = [after[0]]
                for mk in after[1:]:
                    if mk.scheme != scheme:
                        continue
                    if mk.number <= run[-1].number:
                        break
                    run.append(mk)
                if len(run) < 2 or run[-1].number >= want:
                    continue
                if any(b.number - a.number > 1 for a, b in itertools.pairwise(run)):
                    continue  # a hole inside the list is reported where it is
                missing = [marker_text(scheme, k) for k in range(run[-1].number + 1, want + 1)]
                yield _flag(
                    m.start(),
                    m.end(),
                    0.85,
                    f"'{m.group()}' announces {want} items but the list stops at "
                    f"{text[run[-1].start : run[-1].end]}: {'、'.join(missing)} is missing",
                    {**context(text, m.start(), m.end()), "missing": missing},
                    "truncation.announced",
                    {
                        "phrase": m.group(),
                        "want": str(want),
                        "last": text[run[-1].start : run[-1].end],
                        "missing": "、".join(missing),
                    },
                )

    def _unbalanced(
        self, doc: Document, section: list[Paragraph], merged: set[int], hits: _Hits
    ) -> Iterator[Draft]:
        """Opening and closing marks per paragraph (a joined column break counts as one)."""
        text = doc.text
        chains: list[list[Paragraph]] = []
        for p in section:
            if chains and chains[-1][-1].index in merged:
                chains[-1].append(p)
            else:
                chains.append([p])
        mark_in = hits.mark_in
        for n, chain in enumerate(chains):
            spans = [(p.start, p.end) for p in chain]
            if not any(mark_in(a, b) for a, b in spans):
                continue  # no mark at all (most paragraphs): every pair is balanced
            # One paragraph (the common case) is counted in place; a chain is joined first.
            if len(chain) == 1:
                chunk, lo, hi = text, chain[0].start, chain[0].end
            else:
                chunk = "".join(text[a:b] for a, b in spans)
                lo, hi = 0, len(chunk)
            for opener, closer in PAIRS:
                n_open = chunk.count(opener, lo, hi)
                if n_open == chunk.count(closer, lo, hi) and (
                    n_open == 0
                    or (
                        chunk.find(opener, lo, hi) < chunk.find(closer, lo, hi)
                        and chunk.rfind(opener, lo, hi) < chunk.rfind(closer, lo, hi)
                    )
                ):
                    continue  # balanced, in order at both ends: the common case needs no scan
                depth = 0
                first_open = -1
                marks = _MARKS[opener]
                for a, b in spans:
                    for m in marks.finditer(text, a, b):  # the marks only, not every character
                        i = m.start()
                        ch = text[i]
                        if ch == opener:
                            if depth == 0:
                                first_open = i
                            depth += 1
                        elif ch == closer:
                            if depth == 0:
                                yield self._unmatched(text, i, opener, closer, closing=True)
                            else:
                                depth -= 1
                if depth > 0:
                    nxt = chains[n + 1][0] if n + 1 < len(chains) else None
                    if (
                        opener == "“"
                        and nxt is not None
                        and text[nxt.start : nxt.end].lstrip().startswith("“")
                    ):
                        continue  # a quotation running over several paragraphs
                    yield self._unmatched(text, first_open, opener, closer, closing=False)

    @staticmethod
    def _unmatched(text: str, at: int, opener: str, closer: str, *, closing: bool) -> Draft:
        if closing:
            msg = f"'{closer}' closes nothing: the text with its '{opener}' is missing"
        else:
            msg = f"'{opener}' is never closed: the text up to its '{closer}' is missing"
        message_id = "truncation.closes_nothing" if closing else "truncation.never_closed"
        evidence = {**context(text, at, at + 1), "mark": text[at]}
        params = {"opener": opener, "closer": closer}
        return _flag(at, at + 1, 0.8, msg, evidence, message_id, params)
