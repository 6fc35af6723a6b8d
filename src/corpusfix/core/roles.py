"""Paragraph roles: page headline, headline, subhead, byline, body.

Page furniture that belongs to the page is recognised so that no detector merges it into body
text, calls it truncated or reports it as a duplicate. The rules use only the paragraph's own
text and its neighbours, so they work the same on any layout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpusfix.core.document import Role
from corpusfix.core.text_classes import BODY_PUNCT, ENUM_START, HAN_RE, LAYOUT_SPACE, SENTENCE_END

_SUBHEAD = re.compile(r"^[—─－-]{1,2}\s*\S")
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


def headline_like(text: str) -> bool:
    """Short, has Han text, and none of the punctuation that only body sentences carry."""
    t = text.strip()
    if not t or len(t) > MAX_HEADLINE or not HAN_RE.search(t):
        return False
    if any(p in t for p in BODY_PUNCT):
        return False
    if ENUM_START.match(t) or t[0] in "（(“「『":
        return False
    return t[-1] not in "、"


def ends_closed(text: str) -> bool:
    t = text.rstrip()
    return bool(t) and t[-1] in SENTENCE_END


def classify_roles(texts: Sequence[str]) -> list[Role]:
    n = len(texts)
    roles = [Role.BODY] * n
    for i, t in enumerate(texts):
        if is_subhead(t):
            roles[i] = Role.SUBHEAD
        elif is_byline(t):
            roles[i] = Role.BYLINE
    for i, t in enumerate(texts):
        if roles[i] is not Role.BODY or not headline_like(t):
            continue
        nxt = roles[i + 1] if i + 1 < n else None
        prev_closed = i == 0 or roles[i - 1] is not Role.BODY or ends_closed(texts[i - 1])
        if nxt in (Role.SUBHEAD, Role.BYLINE):
            roles[i] = Role.HEADLINE
        elif not prev_closed:
            continue  # the tail of a paragraph cut by a column break, not a title
        elif (
            i == 0
            or LAYOUT_SPACE.search(t.strip())
            or (nxt is Role.BODY and len(texts[i + 1].strip()) >= 2 * len(t.strip()))
        ):
            roles[i] = Role.HEADLINE
    # A kicker or a two-line title: a title-like line right above a recognised headline.
    for i in range(n - 2, -1, -1):
        above_headline = roles[i] is Role.BODY and roles[i + 1] is Role.HEADLINE
        prev_closed = i == 0 or roles[i - 1] is not Role.BODY or ends_closed(texts[i - 1])
        if above_headline and prev_closed and headline_like(texts[i]):
            roles[i] = Role.HEADLINE
    if n and roles[0] is Role.HEADLINE and (n == 1 or roles[1] is Role.BODY):
        roles[0] = Role.PAGE_HEADLINE
    return roles
