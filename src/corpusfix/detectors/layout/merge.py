"""Paragraphs cut mid-sentence by a column or page break, and hard-wrapped lines.

A break is joined when the paragraph before it stops mid-sentence and the next one is body text
(never a headline, subhead, byline or list item). Confidence rises with every further signal:
the text before the break cannot end a sentence (``，`` ``、`` ``的`` ``和``…), a word spans the
break (``努|力``, ``资|金链``), the fragment is one printed column line wide (learned from the
document). It falls when the continuation opens a quotation or the fragment reads like a title.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from corpusfix.core.document import Document, Paragraph, Role
from corpusfix.core.pdf_layout import CONTINUATION_NOTE
from corpusfix.core.roles import headline_like, is_byline, is_subhead
from corpusfix.core.suggestion import Draft
from corpusfix.core.text_classes import ENUM_START
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.layout import lines as line_repair
from corpusfix.detectors.layout.pdf_hints import geometry_furniture
from corpusfix.detectors.layout.signals import (
    CLOSERS,
    LATIN_OR_DIGIT,
    LEADING_SPACE,
    NO_END_CHARS,
    OPEN_QUOTES,
    TRAILING_SPACE,
    column_width,
    content_start,
    deleted_paragraphs,
    stripped_end,
    word_across,
)
from corpusfix.detectors.registry import register

BASE = 0.9


def _joiner(before: str, after: str) -> str:
    """A space only between two Latin letters or digits (SPEC.md)."""
    if before and after and LATIN_OR_DIGIT.match(before[-1]) and LATIN_OR_DIGIT.match(after[0]):
        return " "
    return ""


@register
class MergeDetector:
    id = "layout.merge"
    kinds = frozenset({"merge"})
    order = 20
    needs_context = True
    slow = False
    needs_model = False
    requires = ("layout.duplicate", "layout.furniture")

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        text = doc.text
        paras = doc.paragraphs
        gone = deleted_paragraphs(ctx)
        # Inline continuation notes at a paragraph's end or start are transparent to the join.
        notes: dict[tuple[int, str], Draft] = {}
        for d in ctx.found.get("layout.furniture", []):
            if "paragraph" in d.evidence and d.evidence.get("at") in ("end", "start"):
                notes[(d.evidence["paragraph"], d.evidence["at"])] = d
        width = column_width(doc, [p for p in paras if p.index not in gone])
        yield from line_repair.inner_drafts(doc, wraps=True, gone=gone)
        printed = line_repair.analyse(doc)  # once, not per paragraph
        cross = printed.cross
        has_cr = "\r" in text
        # PDF input: the extractor joins a paragraph cut at a jump line to its rest on a later
        # page from geometry; a jump line it left between two paragraphs keeps them apart.
        jumps = {k for k, why in geometry_furniture(doc) if why == CONTINUATION_NOTE}
        for i, p in enumerate(paras):
            if i in gone:
                continue
            if (
                p.role is Role.BODY
                and i not in printed.line_paras
                and (
                    text.find("\n", p.start, p.end) != -1
                    or (has_cr and text.find("\r", p.start, p.end) != -1)
                )
            ):
                yield from self._hard_wraps(doc, p)
            j = i + 1
            skipped: list[int] = []
            while j < len(paras) and j in gone:
                skipped.append(j)
                j += 1
            if j >= len(paras) or (jumps and not jumps.isdisjoint(skipped)):
                continue
            # Printed lines (PDF text, OCR): the line repair decides the break between blocks.
            call = cross.get((i, j)) if cross else None  # line_repair.break_between
            if call is not None:
                if call.wrap:
                    yield self._line_wrap(doc, call, i, j, skipped, notes)
                continue
            if p.role is not Role.BODY or paras[j].role is not Role.BODY:
                continue
            n = paras[j]
            end_note = notes.get((i, "end"))
            start_note = notes.get((j, "start"))
            before_end = end_note.start if end_note else stripped_end(doc, p)
            if before_end > p.start and text[before_end - 1] in CLOSERS:
                continue  # a finished sentence (what ``head[-1]`` below says, before slicing)
            after_start = start_note.end if start_note else content_start(doc, n)
            # Only the ends matter (and the whole fragment when it is short enough to be a title).
            head = text[max(p.start, before_end - 48) : before_end].strip()
            tail = text[after_start : min(n.end, after_start + 48)].strip()
            if not head or not tail or head[-1] in CLOSERS:
                continue
            if ENUM_START.match(tail):
                continue  # a list item starts a paragraph of its own
            conf, evidence = self._score(head, tail, width)
            span_start = end_note.end if end_note else before_end
            if skipped:
                span_end = paras[skipped[0]].start  # the deletion of the stray line does the rest
                evidence["after_deleting_line"] = paras[skipped[0]].line
            else:
                span_end = start_note.start if start_note else after_start
            evidence.update(context(text, span_start, span_end))
            evidence["paragraph"] = i
            yield Draft(
                kind="merge",
                start=span_start,
                end=span_end,
                replacement=_joiner(head, tail),
                confidence=conf,
                message=self._message(head, tail, evidence),
                message_id="merge.cut",
                params={
                    "head": head[-6:],
                    "tail": tail[:6],
                    "end_char": head[-1] if evidence.get("cannot_end_sentence") else "",
                    "word": str(evidence.get("word_across_break") or ""),
                    "column": "1" if evidence.get("one_column_line") else "",
                },
                evidence=evidence,
            )

    @staticmethod
    def _line_wrap(
        doc: Document,
        call: line_repair.Break,
        i: int,
        j: int,
        skipped: list[int],
        notes: dict[tuple[int, str], Draft],
    ) -> Draft:
        """The join the line repair decided between paragraphs ``i`` and ``j``."""
        paras = doc.paragraphs
        end_note, start_note = notes.get((i, "end")), notes.get((j, "start"))
        start = end_note.end if end_note else stripped_end(doc, paras[i])
        if skipped:
            end = paras[skipped[0]].start  # the deletion of the stray line does the rest
        else:
            end = start_note.start if start_note else content_start(doc, paras[j])
        evidence = {**call.evidence(doc), **context(doc.text, start, end), "paragraph": i}
        if skipped:
            evidence["after_deleting_line"] = paras[skipped[0]].line
        return Draft(
            kind="merge",
            start=start,
            end=end,
            replacement=_joiner(call.a.text, call.b.text),
            confidence=call.confidence,
            message=call.message(),
            evidence=evidence,
        )

    def _score(self, head: str, tail: str, width: float | None) -> tuple[float, dict[str, Any]]:
        conf = BASE
        ev: dict[str, Any] = {"ends_with": head[-1]}
        if head[-1] in "，、," or head[-1] in NO_END_CHARS:
            conf += 0.07
            ev["cannot_end_sentence"] = True
        word = word_across(head, tail)
        if word:
            conf += 0.05
            ev["word_across_break"] = word
        if width is not None:
            ev["column_width"] = width
            if abs(len(head) - width) <= 1:
                conf += 0.03
                ev["one_column_line"] = True
        if tail[0] in OPEN_QUOTES and not ev.get("cannot_end_sentence"):
            conf -= 0.25  # a quotation usually opens a paragraph of its own
            ev["continuation_opens_quote"] = True
        if len(head) <= 20 and headline_like(head) and not word:
            conf -= 0.15  # could be a title the role rules did not recognise
            ev["fragment_reads_like_title"] = True
        return max(0.05, min(0.99, round(conf, 3))), ev

    @staticmethod
    def _message(head: str, tail: str, ev: dict[str, Any]) -> str:
        why = []
        if ev.get("cannot_end_sentence"):
            why.append(f"'{head[-1]}' cannot end a sentence")
        if ev.get("word_across_break"):
            why.append(f"'{ev['word_across_break']}' spans the break")
        if ev.get("one_column_line"):
            why.append("the fragment is one column line wide")
        reason = "; ".join(why) or "the paragraph stops without closing punctuation"
        return f"paragraph cut mid-sentence ('…{head[-6:]}|{tail[:6]}…'): join it ({reason})"

    def _hard_wraps(self, doc: Document, p: Paragraph) -> Iterator[Draft]:
        """Line breaks inside a blank-line-separated paragraph are wraps, not paragraph ends."""
        text = doc.text
        if text.find("\n", p.start, p.end) == -1 and text.find("\r", p.start, p.end) == -1:
            return
        block = text[p.start : p.end]
        lines = block.splitlines(keepends=True)
        if any(is_subhead(ln) or is_byline(ln) for ln in lines[1:]):
            return
        pos = p.start
        for a, b in itertools.pairwise(lines):
            body_a = a.rstrip("\r\n")
            end_a = pos + len(TRAILING_SPACE.sub("", body_a))
            next_start = pos + len(a)
            m = LEADING_SPACE.match(text, next_start)
            start_b = m.end() if m else next_start
            head, tail = body_a.strip(), b.strip()
            pos = next_start
            if not head or not tail:
                continue
            closed = head[-1] in CLOSERS
            yield Draft(
                kind="merge",
                start=end_a,
                end=start_b,
                replacement=_joiner(head, tail),
                confidence=0.85 if closed else 0.93,
                message=f"hard-wrapped line inside a paragraph ('…{head[-6:]}|{tail[:6]}…'): join",
                message_id="merge.hard_wrap",
                params={"head": head[-6:], "tail": tail[:6]},
                evidence={**context(text, end_a, start_b), "hard_wrap": True},
            )
