"""Repeated text inside one document: exact repeats, orphan fragments, near-identical repeats.

- Exact repeats of a body paragraph: the copy that continues into the next paragraph (or the
  first one) is kept, the others are suggested for deletion.
- Whole repeats of a paragraph that a column break cut: a paragraph equal to two neighbours
  joined (the first stopping mid-sentence) is the stray copy; the merge detector joins the pieces.
- Orphan fragments: a short body paragraph whose text repeats the start of another paragraph
  (a prefix index over the whole document) or any part of one nearby (containment within a
  window of paragraphs, so the cost stays linear in the document's size).
- Near-identical repeats (OCR noise): long paragraphs that share an anchor (start, middle or end)
  and are ≥ 90 % similar; the longer copy is kept.

Headlines, subheads and bylines are never duplicates (the same reporter signs two interviews),
and neither is boilerplate such as 本报讯 or （完）.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from diff_match_patch import diff_match_patch

from corpusfix.core.document import Document, Paragraph, Role
from corpusfix.core.roles import headline_like
from corpusfix.core.suggestion import Draft
from corpusfix.core.text_classes import ENUM_START
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.layout.signals import (
    CLOSERS,
    DELETES_PARAGRAPH,
    deleted_paragraphs,
    deletion_span,
    is_open,
)
from corpusfix.detectors.registry import register

MIN_FRAGMENT = 6  # shorter repeats are too likely to be legitimate (本报讯, 图片：, （完）)
MAX_FRAGMENT = 80  # an orphan is a line or two, not a paragraph
MIN_LINE = 10  # a whole printed column line (a sentence's end alone may be shorter)
PREFIX_KEY = 6
WINDOW = 40  # paragraphs on each side searched for a contained fragment
MAX_CANDIDATES = 50
NEAR_MIN = 20
NEAR_SIMILARITY = 0.9
BOILERPLATE = re.compile(
    r"^(?:[（(]?(?:完|本报讯|图片|图|摄影?|来源|责任编辑|编辑)[）)：:]?"
    r"|(?:本报|新华社|据新华社|中新社)\S{0,8}?\d{1,2}月\d{1,2}日(?:电|讯)(?:记者)?)"
)

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0


_SENTENCE_END = "。！？!?；;…"
# Han characters, letters and digits: text before a line that runs on into it mid-clause.
_WORD_CHAR = re.compile(r"[\w\u4e00-\u9fff]")
_CLOSING_MARKS = "”’」』）)》】"


def _ends_sentence(t: str) -> bool:
    """``t`` ends a sentence: a sentence end, perhaps inside closing marks (。” 。）)."""
    end = len(t)
    while end > 0 and t[end - 1] in _CLOSING_MARKS:
        end -= 1
    return end > 0 and t[end - 1] in _SENTENCE_END


def _title_block(block: str) -> bool:
    """Printed lines (pdftotext, OCR) that together read as a title: a headline set in its own
    block, in a larger font, so its lines break short. A stray copy is a line or two of body."""
    return "\n" in block.strip() and headline_like("".join(block.split()))


def similarity(a: str, b: str) -> float:
    # Cheap bound first: characters in common, regardless of order (the size of the multiset
    # intersection; a loop over one Counter is faster than Counter's own ``&``).
    cb = Counter(b)
    common = 0
    for ch, k in Counter(a).items():
        m = cb.get(ch)
        if m:
            common += k if k < m else m
    if common < NEAR_SIMILARITY * max(len(a), len(b)):
        return common / max(len(a), len(b))
    diffs = _DMP.diff_main(a, b, False)
    distance: int = _DMP.diff_levenshtein(diffs)
    return 1.0 - distance / max(len(a), len(b))


@register
class DuplicateDetector:
    id = "layout.duplicate"
    kinds = frozenset({"duplicate"})
    order = 10
    needs_context = True
    slow = False
    needs_model = False
    requires = ("layout.furniture",)

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        text = doc.text
        gone = deleted_paragraphs(ctx)
        body = [p for p in doc.paragraphs if p.role is Role.BODY and p.index not in gone]
        # Whitespace removed: str.split splits on exactly what \s matches, at C speed.
        norm = {p.index: "".join(text[p.start : p.end].split()) for p in body}
        nxt = {a.index: b for a, b in itertools.pairwise(body) if b.index == a.index + 1}
        deleted: dict[int, tuple[Paragraph, str]] = {}  # copy index -> (kept, how)

        ext_memo: dict[int, str] = {}

        def extended(p: Paragraph) -> str:
            """The paragraph plus its continuation when a column break cut it."""
            got = ext_memo.get(p.index)
            if got is None:
                n = nxt.get(p.index)
                if n is not None and is_open(doc, p):
                    got = norm[p.index] + norm[n.index]
                else:
                    got = norm[p.index]
                ext_memo[p.index] = got
            return got

        # 1. Exact repeats.
        groups: dict[str, list[Paragraph]] = defaultdict(list)
        # Length of each text without its boilerplate: steps 1 and 2 both read it.
        core_len = {i: len(BOILERPLATE.sub("", t)) for i, t in norm.items()}
        for p in body:
            t = norm[p.index]
            if core_len[p.index] >= MIN_FRAGMENT:
                groups[t].append(p)
        for members in groups.values():
            if len(members) < 2:
                continue
            keep = max(members, key=lambda p: (len(extended(p)), -p.index))
            for p in members:
                if p is not keep:
                    deleted[p.index] = (keep, "exact repeat of")

        # 1b. A whole paragraph printed again where a column break cut the original: the copy
        # equals neither piece, only the two joined. The copy goes; merge joins the pieces (were
        # the first piece taken for an orphan of the copy, the cut sentence would stay cut).
        # ``groups`` holds every body text; a pair is looked up only where a text that long is.
        # The copy may stand between the pieces too (a, copy, b: the copy starts with a).
        lengths = {len(t) for t in groups}
        how = "whole repeat of the cut paragraph at"
        for ia, pb in nxt.items():
            ta, tb = norm[ia], norm[pb.index]
            if not ta or ta[-1] in CLOSERS or ia in deleted or pb.index in deleted:
                continue  # the first piece must stop mid-sentence
            if len(ta) + len(tb) in lengths:
                for q in groups.get(ta + tb, ()):
                    if q.index not in deleted:
                        deleted[q.index] = (doc.paragraphs[ia], how)
            pc = nxt.get(pb.index)
            if (
                pc is not None
                and pb.index not in deleted
                and len(tb) == len(ta) + len(norm[pc.index])
                and tb.startswith(ta)
                and tb.endswith(norm[pc.index])
            ):
                deleted[pb.index] = (doc.paragraphs[ia], how)

        # 2. Orphan fragments: the start of another paragraph, or a part of one nearby.
        by_prefix: dict[str, list[Paragraph]] = defaultdict(list)
        for p in body:
            if len(norm[p.index]) >= PREFIX_KEY:
                by_prefix[norm[p.index][:PREFIX_KEY]].append(p)
        # All body text in one string: containment is one C-level search per fragment.
        joined = "".join(norm[p.index] for p in body)
        offsets = [0]
        for p in body:
            offsets.append(offsets[-1] + len(norm[p.index]))
        for pos, f in enumerate(body):
            t = norm[f.index]
            if f.index in deleted or not MIN_FRAGMENT <= len(t) <= MAX_FRAGMENT:
                continue
            core = core_len[f.index]
            if core < 1:
                continue  # 本报讯, （完）, a bare dateline: boilerplate repeats legitimately
            # A dateline with a character of its story after it (本报巴黎6月18日电今) is a
            # column line that stops mid-word: a stray when another paragraph starts with it.
            # A whole sentence found again is a quotation (or the tail of a cut sentence);
            # stray lines are column lines that stop mid-sentence, also after a closing mark
            # or a dash inside the sentence (出台《…法》, “新官上任三把火”, 煤烟—), or that
            # start inside a clause of their original (延续|使…死水。): no quotation does.
            # The end of a paragraph a column break cut is no stray, though it may start mid-
            # clause too: the paragraph before it stops mid-sentence.
            # A list item's marker and first sentence again (第二，…。) is no quotation either.
            last = t[-1]
            mid_clause_only = (
                last in _SENTENCE_END or (last in _CLOSING_MARKS and _ends_sentence(t))
            ) and not ENUM_START.match(t)
            if mid_clause_only and (
                core < MIN_LINE
                or not _WORD_CHAR.match(t[0])
                or (f.index - 1 in nxt and is_open(doc, doc.paragraphs[f.index - 1]))
            ):
                continue
            if _title_block(text[f.start : f.end]):
                continue  # a headline in its own block repeats its article's words
            own = extended(f)
            # If f runs on into a continuation that the other copy has too, both are real text.
            probe = own[: len(t) + 4] if len(own) > len(t) else None
            host = None
            starts = () if mid_clause_only else by_prefix.get(t[:PREFIX_KEY], ())
            for q in starts[:MAX_CANDIDATES]:
                if q.index == f.index or q.index in deleted:
                    continue
                ext = extended(q)
                if (
                    len(ext) > len(t)
                    and ext.startswith(t)
                    and not (probe and ext.startswith(probe))
                ):
                    host = q
                    break
            if host is None and core >= MIN_FRAGMENT:
                host = self._contained(
                    t, probe, pos, body, joined, offsets, deleted, mid_clause_only
                )
            if host is not None:
                deleted[f.index] = (host, "orphan fragment repeating part of")

        # 3. Near-identical repeats (OCR noise).
        anchors: dict[str, list[Paragraph]] = defaultdict(list)
        for p in body:
            t = norm[p.index]
            if len(t) >= NEAR_MIN and p.index not in deleted:
                mid = len(t) // 2
                for key in (t[:8], t[mid - 4 : mid + 4], t[-8:]):
                    anchors[key].append(p)
        seen: set[tuple[int, int]] = set()
        for members in anchors.values():
            if len(members) < 2 or len(members) > 50:
                continue
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pair = (a.index, b.index)
                    if pair in seen or a.index == b.index:
                        continue
                    seen.add(pair)
                    if a.index in deleted or b.index in deleted:
                        continue
                    ta, tb = norm[a.index], norm[b.index]
                    # OCR noise substitutes characters; reworded sentences change length.
                    if ta == tb or abs(len(ta) - len(tb)) > max(2, len(ta) // 50):
                        continue
                    if similarity(ta, tb) >= NEAR_SIMILARITY:
                        keep, copy = (a, b) if len(ta) >= len(tb) else (b, a)
                        deleted[copy.index] = (keep, "near-identical repeat of")

        yield from self._drafts(doc, deleted)

    @staticmethod
    def _contained(
        t: str,
        probe: str | None,
        pos: int,
        body: list[Paragraph],
        joined: str,
        offsets: list[int],
        deleted: dict[int, tuple[Paragraph, str]],
        mid_clause: bool = False,
    ) -> Paragraph | None:
        """A nearby paragraph (±WINDOW) that contains ``t`` other than at ``pos`` itself;
        ``mid_clause``: only where the text before it runs on into it (a word character)."""
        lo, hi = max(0, pos - WINDOW), min(len(body), pos + WINDOW + 1)
        own_start = offsets[pos]
        for a, b in ((offsets[lo], own_start + len(t) - 1), (own_start + 1, offsets[hi])):
            at = joined.find(t, a, b)
            while at != -1:
                i = bisect.bisect_right(offsets, at) - 1
                q = body[i]
                same_run = bool(probe) and joined.startswith(probe or "", at)
                inside = not mid_clause or (
                    at > offsets[i] and _WORD_CHAR.match(joined[at - 1]) is not None
                )
                if i != pos and q.index not in deleted and not same_run and inside:
                    return q
                at = joined.find(t, at + 1, b)
        return None

    def _drafts(self, doc: Document, deleted: dict[int, tuple[Paragraph, str]]) -> Iterator[Draft]:
        text = doc.text
        for index in sorted(deleted):
            keep, how = deleted[index]
            start, end = deletion_span(doc, index)
            p = doc.paragraphs[index]
            article = "an" if how[0] in "eo" else "a"
            snippet = text[p.start : p.end].strip()
            if len(snippet) > 20:
                snippet = snippet[:20] + "…"
            yield Draft(
                kind="duplicate",
                start=start,
                end=end,
                replacement="",
                confidence=0.97 if how != "near-identical repeat of" else 0.85,
                message=f"'{snippet}' (line {p.line}) is {article} {how} line {keep.line}: "
                "delete the copy",
                message_id="duplicate.copy",
                params={
                    "snippet": snippet,
                    "line": str(p.line),
                    "how": how,
                    "kept_line": str(keep.line),
                },
                evidence={
                    **context(text, start, end),
                    DELETES_PARAGRAPH: index,
                    "kept_line": keep.line,
                    "kept_start": keep.start,
                    "kept_end": keep.end,
                    "how": how,
                },
            )
