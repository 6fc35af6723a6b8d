"""E-paper leftovers inside the text: continuation notes, page numbers, running heads."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from corpusfix.core.document import Document, Role
from corpusfix.core.roles import headline_like
from corpusfix.core.suggestion import Draft
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.layout.signals import DELETES_PARAGRAPH, deletion_span
from corpusfix.detectors.registry import register

_NUM = r"[A-Za-z]?[0-9０-９一二三四五六七八九十]{1,3}"
# （下转第3版） （上接第1版） (转A2版) （紧接第二版）
CONTINUATION = re.compile(
    r"[ \u3000]*[（(](?:下转|上接|转|接|紧接|续|下接|接上|转下)"
    rf"(?:第?{_NUM}[版页面])[）)][ \u3000]*"
)
PAGE_NUMBER = re.compile(rf"^(?:[-—－]\s*\d{{1,3}}\s*[-—－]|第{_NUM}[版页]|{_NUM}版|\d{{1,3}})$")
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
        text = doc.text
        paras = doc.paragraphs
        whole: set[int] = set()
        # Furniture lines are short: only those are looked at (most paragraphs are long).
        short = [p for p in paras if p.end - p.start <= MAX_LINE]
        for p in short:
            i = p.index
            body = text[p.start : p.end].strip()
            if PAGE_NUMBER.match(body) or CONTINUATION.fullmatch(body):
                whole.add(i)
                yield self._delete_paragraph(
                    doc,
                    i,
                    f"page furniture '{body}' inside the text",
                    message_id="furniture.page",
                    params={"body": body},
                )
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
        if "版" not in text:
            return
        for m in CONTINUATION.finditer(text):
            para = doc.paragraph_at(m.start())
            if para is None or para.index in whole:
                continue
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
        message_id: str = "",
        params: dict[str, str] | None = None,
    ) -> Draft:
        start, end = deletion_span(doc, index)
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
