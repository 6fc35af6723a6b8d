"""Enumeration markers (一是…, 第一，…, （一）…, 1. …, 首先/其次/最后) and announced counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMERALS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN = "一二三四五六七八九十"
_BOUNDARY = r"(?:^|(?<=[。；！？;]))[ \u3000]*"
SCHEMES: dict[str, re.Pattern[str]] = {
    "是": re.compile(_BOUNDARY + f"([{CN}]{{1,3}})是"),
    "第": re.compile(_BOUNDARY + f"第([{CN}]{{1,3}})[，、,：:]"),
    "（）": re.compile(_BOUNDARY + f"[（(]([{CN}]{{1,3}})[）)]"),
    "(1)": re.compile(_BOUNDARY + r"[（(](\d{1,2})[）)]"),
    "1.": re.compile(r"^[ \u3000]*(\d{1,2})[.．、](?!\d)"),
}
ORDER_WORDS = re.compile(_BOUNDARY + r"(首先|其次|再次|最后)[，,]")
ANNOUNCED = re.compile(
    r"(?:从|在|聚焦|围绕|抓好|做好|突出|推进|包括|分为|有|以下|如下)"
    r"([两二三四五六七八九十])(?:个方面|方面|点|项措施|条措施|项举措|个重点)"
)


def cn_number(s: str) -> int:
    """一..九十九 → int; Arabic digits pass through."""
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _NUMERALS.get(s[1:], 0)
    if s.endswith("十"):
        return _NUMERALS.get(s[0], 0) * 10
    if "十" in s:
        a, b = s.split("十", 1)
        return _NUMERALS.get(a, 0) * 10 + _NUMERALS.get(b, 0)
    return _NUMERALS.get(s, 0)


def marker_text(scheme: str, n: int) -> str:
    cn = "一二三四五六七八九十"
    numeral = cn[n - 1] if 1 <= n <= 10 else str(n)
    return {
        "是": f"{numeral}是",
        "第": f"第{numeral}",
        "（）": f"（{numeral}）",
        "(1)": f"（{n}）",
        "1.": f"{n}.",
    }[scheme]


@dataclass(frozen=True)
class Marker:
    scheme: str
    number: int
    start: int  # offsets into the document text
    end: int


_ANY = re.compile(
    f"[{CN}]{{1,3}}是|第[{CN}]{{1,3}}[，、,：:]|[（(](?:[{CN}]{{1,3}}|\\d{{1,2}})[）)]"
    r"|^[ \u3000]*\d{1,2}[.．、](?!\d)|首先|其次|再次|最后"
)


# Where a marker may stand, for one scan of the whole text: every alternative starts with a
# literal character (the regex engine then skips to those at C speed), 是 and the dot looking
# back for their numeral. Each _ANY match holds a match of this inside the same line (no match
# crosses a line break), so a paragraph without one has no marker (find_markers says []).
_N = f"[{CN}]{{1,3}}"
MAYBE_MARKER = re.compile(
    f"是(?<=[{CN}]是)|第{_N}[，、,：:]|（(?:{_N}|\\d{{1,2}})[）)]|\\((?:{_N}|\\d{{1,2}})[）)]"
    r"|\.(?<=\d\.)(?!\d)|．(?<=\d．)(?!\d)|、(?<=\d、)(?!\d)|首先|其次|再次|最后"
)


def find_markers(text: str, start: int, end: int) -> list[Marker]:
    """Enumeration markers in one paragraph ``text[start:end]``, in order."""
    block = text[start:end]
    if not _ANY.search(block):
        return []  # one cheap scan rules out most paragraphs
    found = []
    for scheme, pattern in SCHEMES.items():
        for m in pattern.finditer(block):
            n = cn_number(m.group(1))
            if n:
                lead = len(m.group()) - len(m.group().lstrip(" \u3000"))
                found.append(Marker(scheme, n, start + m.start() + lead, start + m.end()))
    for m in ORDER_WORDS.finditer(block):
        n = {"首先": 1, "其次": 2, "再次": 3, "最后": 99}[m.group(1)]
        found.append(Marker("首先", n, start + m.start(1), start + m.end(1)))
    return sorted(found, key=lambda mk: mk.start)
