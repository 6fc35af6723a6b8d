"""Paragraph roles: page headline, headline, subhead, byline, body.

Page furniture that belongs to the page is recognised so that no detector merges it into body
text, calls it truncated or reports it as a duplicate. The rules use only the paragraph's own
text and its neighbours, so they work the same on any layout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from corpusfix.core.document import Role
from corpusfix.core.text_classes import BODY_PUNCT, ENUM_START, HAN_RE, LAYOUT_SPACE, SENTENCE_END

# ——访…; OCR reads the dash as 一一 (一一访发展改革局局长…; 一一访问 is body text).
_SUBHEAD = re.compile(r"^(?:[—─－-]{1,2}|一一(?=访[^问谈]))\s*\S")
_BYLINE_MARK = re.compile(r"^[●■□◎▲◆○★☆]\s*")
_BYLINE_WORDS = re.compile(
    r"(?:本报|特约|见习)?记者|通讯员|实习生|撰稿|编辑|摄影?|^文[/／:：]|^图[/／:：]"
)
_BYLINE_START = re.compile(
    r"^(?:本报记者|本报通讯员|记者|通讯员|文[/／]|图[/／]|撰文[:：]|"
    r"(?:责任编辑|编辑|校对|审核|来源|监制|制图|摄影)[:：])"
)
MAX_HEADLINE = 40
MAX_BYLINE = 50


def is_subhead(text: str) -> bool:
    t = text.strip()
    return bool(_SUBHEAD.match(t)) and len(t) <= 60 and "。" not in t[:-1]


def is_byline(text: str) -> bool:
    t = text.strip()
    if len(t) > MAX_BYLINE or "。" in t:
        return False
    if _BYLINE_MARK.match(t):
        return bool(_BYLINE_WORDS.search(t))
    return bool(_BYLINE_START.match(t)) and not any(p in t for p in "，；")


@lru_cache(maxsize=1 << 16)
def headline_like(text: str) -> bool:
    """Short, has Han text, and none of the punctuation that only body sentences carry."""
    t = text.strip()
    if not t or len(t) > MAX_HEADLINE or not HAN_RE.search(t):
        return False
    if any(p in t for p in BODY_PUNCT):
        return False
    if ENUM_START.match(t) or t[0] in "（(“「『":
        return False
    if any(p in t[:-1] for p in "？！?!"):
        return False  # a question or exclamation inside: sentences, not a title
    for a, b in (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")")):
        if t.count(a) != t.count(b):
            return False  # an unclosed mark: a piece of a sentence
    return t[-1] not in "、"


def ends_closed(text: str) -> bool:
    t = text.rstrip()
    return bool(t) and t[-1] in SENTENCE_END


_DATELINE = re.compile(r"^\S{0,16}(?:本报讯|电|讯)\s")
# Datelines and interview labels open body text; they are never titles.
_NEVER_TITLE = re.compile(
    r"^(?:本报讯|据?新华社|中新社|本报\S{0,8}?\d{1,2}月\d{1,2}日|记者[:：]|[问答][:：])"
)
_CONTINUATION_START = "，。、；：？！）」』”’,.;:?!)"
_CANNOT_START = "的们"  # particles that cannot open a sentence


def fragment_width(texts: Sequence[str], roles: Sequence[Role]) -> int | None:
    """The column-line width that cut fragments share: short paragraphs that stop mid-sentence
    and carry body punctuation (so they cannot be titles), when at least two agree within ±1."""
    widths = [
        len(t)
        for t, r in zip(texts, roles, strict=True)
        if r is Role.BODY
        and 6 <= len(t) <= 30
        and not ends_closed(t)
        and any(p in t for p in "，、")
    ]
    if len(widths) < 2:
        return None
    votes: dict[int, int] = {}
    for w in widths:
        for d in (-1, 0, 1):
            votes[w + d] = votes.get(w + d, 0) + 1
    mid = sorted(widths)[len(widths) // 2]
    best = max(votes, key=lambda w: (votes[w], -abs(w - mid), -w))
    return best if votes[best] >= 2 else None


def _cut_evidence(before: str, after: str) -> bool:
    """The two texts read as one sentence cut in two: punctuation or a word continues across."""
    from corpusfix.lexicon import word_across

    if not before or not after:
        return False
    if after[0] in _CONTINUATION_START or (after[0] in _CANNOT_START and after[:2] != "的确"):
        return True
    return word_across(before, after, min_freq=500) is not None


# Characters a phrase cannot end on (prepositions, conjunctions, degree adverbs, modal verbs):
# a title-like line ending on one, unless its last two characters make a word (祥和, 名将, 方向),
# stops mid-phrase. 的 is no sign, not even with a short clause after it (主席团的|提议，): titles
# end on it (…违反军纪的) and stories open with 目前，不久前，.
_PHRASE_OPEN_END = frozenset(
    "和与及或并而且对把被向从在以为于将让使给由跟同离自按据经最很更太能要应可须"
)
_CLAUSE_PUNCT = "，、。；…"
_ONE_CHARACTER_ANSWERS = "对是好嗯哦啊噢不唉哎喂"
_UNITS = "年月日时分秒个万亿元％%"


def _first_line_cut(t: str, nxt: str) -> bool:
    """``t`` reads like a title, but stops mid-phrase and ``nxt`` continues it: a paragraph's
    first column line cut off alone (江西这片红色的土地曾养育 | 了一大批…)."""
    from corpusfix.lexicon import word_frequencies

    if len(t) < 2 or len(nxt) < 2 or ENUM_START.match(nxt):
        return False
    if t[-1] in _PHRASE_OPEN_END and word_frequencies().get(t[-2:], 0) < 20:
        return True
    if nxt[0] == "了" and nxt[:2] not in ("了解", "了不", "了却", "了结"):
        return True  # 了 follows its verb: 养育|了
    if nxt[1] in _CLAUSE_PUNCT and nxt[0] not in _ONE_CHARACTER_ANSWERS:
        return True  # a one-character clause (回扣|风，) is the end of a cut word
    # A number or its unit across the break (5时30|分). A word across is no sign here: a
    # title's last characters and a story's first ones make some word by chance (程度不高|处分:
    # 高处); _cut_evidence asks for common words only.
    return t[-1].isdigit() and (nxt[0].isdigit() or nxt[0] in _UNITS)


class _Repeats:
    """Is a paragraph's text printed again elsewhere: the same, the start of another paragraph,
    or inside a paragraph nearby? Linear in the document (no whole-text scan per question)."""

    WINDOW = 40

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.offsets = [0]
        for t in texts:
            self.offsets.append(self.offsets[-1] + len(t) + 1)
        self.joined = "\n".join(texts)
        self.by_start: dict[str, list[int]] = {}
        for i, t in enumerate(texts):
            self.by_start.setdefault(t[:4], []).append(i)

    def repeated(self, i: int) -> bool:
        t = self.texts[i]
        for j in self.by_start.get(t[:4], ())[:50]:
            if j != i and self.texts[j].startswith(t):
                return True
        lo = self.offsets[max(0, i - self.WINDOW)]
        hi = self.offsets[min(len(self.texts), i + self.WINDOW + 1)]
        return (
            self.joined.find(t, lo, self.offsets[i] + len(t) - 1) != -1
            or self.joined.find(t, self.offsets[i] + 1, hi) != -1
        )


def classify_roles(texts: Sequence[str]) -> list[Role]:
    """Roles from the paragraph's own text and its neighbours.

    A short title-like line (no body punctuation) is a headline when a subhead or byline follows,
    when it is split by layout spaces, or when it opens the page or a new story (a longer body
    paragraph follows) - unless the text says it is a piece of a cut sentence: a word or
    punctuation runs on across its ends, it is exactly one column line wide after an unfinished
    paragraph, it sits right under a byline, or it repeats text found elsewhere (an orphan line).
    """
    n = len(texts)
    stripped = [t.strip() for t in texts]
    roles = [Role.BODY] * n
    for i, t in enumerate(stripped):
        if is_subhead(t):
            roles[i] = Role.SUBHEAD
        elif is_byline(t):
            roles[i] = Role.BYLINE
    width = fragment_width(stripped, roles)
    repeats: _Repeats | None = None
    for i, t in enumerate(stripped):
        if roles[i] is not Role.BODY or not headline_like(t) or _NEVER_TITLE.match(t):
            continue
        nxt_role = roles[i + 1] if i + 1 < n else None
        nxt = stripped[i + 1] if i + 1 < n else ""
        prev_role = roles[i - 1] if i > 0 else None
        prev = stripped[i - 1] if i > 0 else ""
        if nxt_role in (Role.SUBHEAD, Role.BYLINE):
            roles[i] = Role.HEADLINE
            continue
        if nxt_role is Role.BODY and _NEVER_TITLE.match(nxt) and prev_role is not Role.BYLINE:
            roles[i] = Role.HEADLINE  # a story opens with its dateline right under the title
            continue
        if repeats is None:
            repeats = _Repeats(stripped)
        if i > 0 and repeats.repeated(i):
            continue  # a line printed twice is an orphan copy, not a title
        if LAYOUT_SPACE.search(t) and not _DATELINE.match(t):
            roles[i] = Role.HEADLINE
            continue
        if nxt_role is Role.BODY and (_cut_evidence(t, nxt) or _first_line_cut(t, nxt)):
            continue
        if prev_role in (Role.SUBHEAD, Role.BYLINE, Role.HEADLINE):
            continue  # the story's text starts here; titles come above bylines
        prev_open = prev_role is Role.BODY and not ends_closed(prev)
        if prev_open and (
            _cut_evidence(prev, t)
            or ends_closed(t)  # it finishes the sentence the previous paragraph began
            or (width is not None and abs(len(t) - width) <= 1)
        ):
            continue
        if i == 0 or (nxt_role is Role.BODY and len(nxt) > len(t)):
            roles[i] = Role.HEADLINE
    # A kicker or a two-line title: a title-like line right above a recognised headline.
    for i in range(n - 2, -1, -1):
        if roles[i] is not Role.BODY or roles[i + 1] is not Role.HEADLINE:
            continue
        prev_closed = i == 0 or roles[i - 1] is not Role.BODY or ends_closed(texts[i - 1])
        if not prev_closed or not headline_like(texts[i]):
            continue
        one_line = width is not None and abs(len(stripped[i]) - width) <= 1
        if repeats is None:
            repeats = _Repeats(stripped)
        if not one_line and not repeats.repeated(i):
            roles[i] = Role.HEADLINE
    if n and roles[0] is Role.HEADLINE and (n == 1 or roles[1] is Role.BODY):
        roles[0] = Role.PAGE_HEADLINE
    return roles
