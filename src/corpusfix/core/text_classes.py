"""Character classes shared by the role classifier and the detectors."""

from __future__ import annotations

import re

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")  # maximal runs of Han characters

# Punctuation that closes a sentence (or a quoted sentence) in Chinese news text.
SENTENCE_END = "。！？!?；;…」』”’）)》】"
# Punctuation that never appears in a headline (headlines use spaces, 、 and quotes instead).
BODY_PUNCT = "。，；：,;"
ENUM_START = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,是]|"
    r"[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[一二三四五六七八九十]+、|(?:首先|其次|再次|最后)[，,])"
)
LAYOUT_SPACE = re.compile(f"[{HAN}”》][ \u3000]+[{HAN}“《]")


def is_han(ch: str) -> bool:
    return HAN_RE.match(ch) is not None
