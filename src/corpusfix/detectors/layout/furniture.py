"""E-paper leftovers inside the text: continuation notes, page numbers, running heads."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator

from corpusfix.core.document import Document, Role
from corpusfix.core.roles import headline_like
from corpusfix.core.suggestion import Draft
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.layout import lines as line_repair
from corpusfix.detectors.layout.line_roles import (
    CONTINUATION,
    PAGE_NUMBER,
    is_furniture_line,
)
from corpusfix.detectors.layout.pdf_hints import (
    GEOMETRY_CONFIDENCE,
    deletion_spans,
    geometry_furniture,
)
from corpusfix.detectors.layout.signals import DELETES_PARAGRAPH, deletion_span
from corpusfix.detectors.registry import register

RUNNING_HEAD_MIN_REPEATS = 3
MAX_LINE = 48


@register
class FurnitureDetector:
    id = "layout.furniture"
    kinds = frozenset({"furniture"})
    order = 8
    needs_context = True
    requires: tuple[str, ...] = ()
    slow = False
    needs_model = False

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        return iter(_trailing_run(doc, list(self._detect(doc, ctx))))

    def _detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        text = doc.text
        paras = doc.paragraphs
        whole: set[int] = set()
        placed = dict(geometry_furniture(doc))  # a PDF: placed on the page as furniture
        spans = deletion_spans(doc, list(placed))
        for i, why in placed.items():
            whole.add(i)
            body = text[paras[i].start : paras[i].end]
            yield self._delete_paragraph(
                doc, i, f"page furniture '{body}' ({why})", GEOMETRY_CONFIDENCE, spans[i]
            )
        # Furniture lines are short: only those are looked at (most paragraphs are long).
        short = [p for p in paras if p.end - p.start <= MAX_LINE]
        for p in short:
            i = p.index
            body = text[p.start : p.end].strip()
            if i in whole:
                continue
            if PAGE_NUMBER.match(body) or CONTINUATION.fullmatch(body):
                whole.add(i)
                yield self._delete_paragraph(
                    doc,
                    i,
                    f"page furniture '{body}' inside the text",
                    message_id="furniture.page",
                    params={"body": body},
                )
            elif "\n" not in body and is_furniture_line(body):
                whole.add(i)
                yield self._delete_paragraph(doc, i, f"running head '{body}'", confidence=0.9)
        # Printed lines: blocks of furniture lines only (told by the line repair: a running
        # head's pieces by where they stand), before the weaker repeated-line rule below.
        lines = line_repair.analyse(doc)
        for i in lines.furniture_paras:
            if i not in whole:
                whole.add(i)
                body = " ".join(text[paras[i].start : paras[i].end].split())
                yield self._delete_paragraph(doc, i, f"page furniture '{body}'")
        # Running heads: the same short title line printed again on every page.
        heads = Counter(
            text[p.start : p.end].strip()
            for p in short
            if p.role in (Role.HEADLINE, Role.PAGE_HEADLINE, Role.BODY)
            and headline_like(text[p.start : p.end])
        )
        for p in short:
            i = p.index
            line = text[p.start : p.end].strip()
            if i not in whole and heads.get(line, 0) >= RUNNING_HEAD_MIN_REPEATS:
                whole.add(i)
                yield self._delete_paragraph(
                    doc,
                    i,
                    f"running head '{line}' repeated {heads[line]} times",
                    confidence=0.75,
                    message_id="furniture.running_head",
                    params={"line": line, "count": str(heads[line])},
                )
        # Furniture lines inside a block (a page number between two halves of a sentence); the
        # line repair decides the break across them.
        taken: list[tuple[int, int]] = []
        for start, end, ln in lines.furniture:
            if ln.para in whole:
                continue
            taken.append((ln.start, ln.end))
            yield Draft(
                kind="furniture",
                start=start,
                end=end,
                replacement="",
                confidence=0.95 if ln.width <= 4 or "版" in ln.text else 0.9,
                message=f"page furniture line '{ln.text}' inside the text: remove",
                evidence={**context(text, start, end), "paragraph": ln.para, "at": "line"},
            )
        if "版" not in text:
            return
        for m in CONTINUATION.finditer(text):
            para = doc.paragraph_at(m.start())
            if para is None or para.index in whole:
                continue
            if any(s <= m.end() and m.start() <= e for s, e in taken):
                continue  # a jump line of its own, removed above
            where = (
                "end" if m.end() >= para.end else "start" if m.start() <= para.start else "inside"
            )
            yield Draft(
                kind="furniture",
                start=m.start(),
                end=m.end(),
                replacement="",
                confidence=0.95,
                message=f"e-paper continuation note '{m.group().strip()}': remove",
                message_id="furniture.continuation",
                params={"note": m.group().strip()},
                evidence={
                    **context(text, m.start(), m.end()),
                    "paragraph": para.index,
                    "at": where,
                },
            )

    def _delete_paragraph(
        self,
        doc: Document,
        index: int,
        message: str,
        confidence: float = 0.95,
        span: tuple[int, int] | None = None,
        message_id: str = "",
        params: dict[str, str] | None = None,
    ) -> Draft:
        start, end = span or deletion_span(doc, index)
        return Draft(
            kind="furniture",
            start=start,
            end=end,
            replacement="",
            confidence=confidence,
            message=f"{message}: remove",
            message_id=message_id,
            params=params or {},
            evidence={
                **context(doc.text, start, end),
                DELETES_PARAGRAPH: index,
                "line": doc.paragraphs[index].line,
            },
        )


def _trailing_run(doc: Document, drafts: list[Draft]) -> list[Draft]:
    """Furniture paragraphs deleted whole at the end of a text (a jump line, then the page number):
    each takes the separator after it, the last one the separator before it, so the last two
    spans overlap and one deletion would be refused. In such a run each takes the separator
    before it instead."""
    paras = doc.paragraphs
    whole = {d.evidence.get(DELETES_PARAGRAPH): n for n, d in enumerate(drafts)}
    last = len(paras) - 1
    k = last
    while k in whole:
        k -= 1
    if k == last or k < 0:
        return drafts  # no run, or every paragraph goes
    out = list(drafts)
    for j in range(k + 1, last + 1):
        d = drafts[whole[j]]
        if (d.start, d.end) != deletion_span(doc, j):
            continue  # a span of its own (a PDF's geometry)
        start, end = paras[j - 1].end, paras[j].end
        out[whole[j]] = dataclasses.replace(
            d, start=start, end=end, evidence={**d.evidence, **context(doc.text, start, end)}
        )
    return out
