"""A headline or byline glued onto a body paragraph: suggest a paragraph break."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpusfix.core.document import Document, Role
from corpusfix.core.roles import headline_like
from corpusfix.core.suggestion import Draft
from corpusfix.core.text_classes import LAYOUT_SPACE
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.layout import lines as line_repair
from corpusfix.detectors.layout.signals import deleted_paragraphs
from corpusfix.detectors.registry import register

_SENTENCE_END = re.compile(r"[。！？!?]”?")
_GLUED_BYLINE = re.compile(
    r"^([●■◎][^“。，\r\n]{2,30}?(?:记者|通讯员)[^“。，\r\n]{1,20}?)[ \u3000]*(?=“)"
)


@register
class SplitDetector:
    id = "layout.split"
    kinds = frozenset({"split"})
    order = 25
    needs_context = True
    requires = ("layout.duplicate", "layout.furniture")  # no split inside a deleted paragraph
    slow = False
    needs_model = False

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        text = doc.text
        paras = doc.paragraphs
        brk = doc.newline_str * (2 if doc.paragraph_mode == "blank-line" else 1)
        # Printed lines (PDF text, OCR): the line repair decides where each paragraph ends.
        yield from line_repair.inner_drafts(doc, wraps=False, gone=deleted_paragraphs(ctx))
        # A PDF's headlines are set apart by size already: a title-like tail there is body.
        from_pdf = doc.extraction is not None
        printed = line_repair.analyse(doc).line_paras  # once, not per paragraph
        for i, p in enumerate(paras):
            if p.role is not Role.BODY or i in printed:
                continue
            block = text[p.start : p.end]
            # A headline glued to the end: the text after the last sentence end reads like a title.
            ends = [] if from_pdf else list(_SENTENCE_END.finditer(block))
            if ends and ends[-1].end() < len(block.rstrip()):
                cut = p.start + ends[-1].end()
                tail = text[cut : p.end].strip()
                nxt = paras[i + 1].role if i + 1 < len(paras) else None
                spaced = bool(LAYOUT_SPACE.search(tail))
                before_furniture = nxt in (Role.SUBHEAD, Role.BYLINE)
                if headline_like(tail) and len(tail) >= 6 and (spaced or before_furniture):
                    conf = 0.92 if spaced and before_furniture else 0.8
                    yield Draft(
                        kind="split",
                        start=cut,
                        end=cut,
                        replacement=brk,
                        confidence=conf,
                        message=f"headline '{tail}' glued onto the paragraph: "
                        "start a new paragraph",
                        message_id="split.headline",
                        params={"text": tail},
                        evidence={**context(text, cut, cut), "headline": tail},
                    )
            m = _GLUED_BYLINE.match(block)
            if m:
                cut = p.start + m.end(1)
                end = p.start + m.end()
                yield Draft(
                    kind="split",
                    start=cut,
                    end=end,
                    replacement=brk,
                    confidence=0.85,
                    message=f"byline '{m.group(1)}' glued onto the paragraph: "
                    "start a new paragraph",
                    message_id="split.byline",
                    params={"text": m.group(1)},
                    evidence={**context(text, cut, end), "byline": m.group(1)},
                )
