"""Names an editor reads, in English and Chinese: kinds, decisions, detectors, evidence, modes.

No Qt: the app and the HTML report both use these. English names stay the engine's ids where an
editor meets them on the command line too (kinds, decisions); Chinese ones are an editor's words.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from corpusfix.core.kinds import REGISTRY
from corpusfix.core.messages import how_label, source_label

KIND_ZH = {
    "merge": "断段",
    "split": "粘连",
    "duplicate": "重复",
    "truncation": "残缺",
    "furniture": "版面残留",
    "typo": "错别字",
    "variant": "繁体异体",
    "punctuation": "标点",
    "whitespace": "空白",
    "encoding": "乱码",
    "manual": "手工修改",
}
KIND_EXPLANATION_EN = {
    "merge": "A column or page break cut a paragraph in two: join the two parts.",
    "split": "A headline or byline is glued onto the body text: start a new paragraph.",
    "duplicate": "This line repeats text found elsewhere: delete the copy.",
    "truncation": "Text is missing here (cut off, or an item of a list); it cannot be filled in "
    "automatically: check the print edition.",
    "furniture": "Left-overs of the e-paper layout (continuation notes, page numbers, running "
    "heads): delete them.",
    "typo": "Probably a typo: correct it.",
    "variant": "A traditional or variant form in simplified text: use the article's form.",
    "punctuation": "Half-width punctuation in Chinese text: use the full-width mark.",
    "whitespace": "A stray space or invisible character: delete it.",
    "encoding": "This stretch was decoded wrongly (garbled): use the correctly decoded text.",
    "manual": "A change you typed in the article.",
}
STATE_ZH = {
    "pending": "待定",
    "accepted": "已接受",
    "rejected": "已拒绝",
    "edited": "已修改",
    "flagged": "已标记",
    "approved": "已通过",
    "reverted": "已撤回",
}
DETECTOR_ZH = {
    "layout.merge": "版面·断段",
    "layout.split": "版面·粘连",
    "layout.duplicate": "版面·重复",
    "layout.truncation": "版面·残缺",
    "layout.furniture": "版面·残留",
    "typo.lexicon-lm": "词典与语言模型",
    "normalize.punctuation": "规范·标点",
    "normalize.variant": "规范·繁简",
    "normalize.mojibake": "规范·乱码",
    "normalize.whitespace": "规范·空白",
    "normalize.mixed-encoding": "规范·混合编码",
    "manual": "手工",
}
MODE_ZH = {"blank-line": "空行分段", "line": "每行一段"}
MODE_EN = {"blank-line": "blank-line separated", "line": "one per line"}
# Evidence an editor can read (the rest is the typo model's internals).
EVIDENCE = {
    "context": ("context", "上下文"),
    "source": ("why", "依据"),
    "missing": ("missing", "缺少"),
    "kept_line": ("kept original at line", "保留的原文在第几行"),
    "how": ("how", "方式"),
    "headline": ("headline", "标题"),
    "byline": ("byline", "署名"),
    "word_across_break": ("word across the break", "跨行的词"),
    "ends_with": ("ends with", "结尾字"),
    "read_as": ("read as", "误读为"),
    "mark": ("mark", "标记"),
    "paragraph_line": ("paragraph at line", "段落所在行"),
    "line": ("line", "行"),
}


def kind_name(kind: str, lang: str) -> str:
    return KIND_ZH.get(kind, kind) if lang == "zh" else kind


def kind_explanation(kind: str, lang: str) -> str:
    if lang == "zh":
        return next((k.explanation for k in REGISTRY if k.id == kind), "")
    return KIND_EXPLANATION_EN.get(kind, "")


def state_name(state: str, lang: str) -> str:
    return STATE_ZH.get(state, state) if lang == "zh" else state


def detector_name(detector: str, lang: str) -> str:
    if lang != "zh":
        return detector
    return DETECTOR_ZH.get(detector, KIND_ZH.get(detector.split(".")[0], "检测"))


def mode_name(mode: str, lang: str) -> str:
    return (MODE_ZH if lang == "zh" else MODE_EN).get(mode, mode)


def evidence_text(evidence: object, lang: str) -> str:
    """Evidence as a line an editor reads (not a Python dict): known keys, in words."""
    if not isinstance(evidence, Mapping):
        return ""
    zh = lang == "zh"
    parts = []
    for key, (en, zh_name) in EVIDENCE.items():
        if key not in evidence or evidence[key] in (None, "", [], True):
            continue
        value: Any = evidence[key]
        if key == "source":
            value = source_label(str(value), lang)
        elif key == "how":
            value = how_label(str(value), lang).removesuffix(" of")
        elif isinstance(value, list):
            value = "、".join(str(v) for v in value)
        parts.append(f"{zh_name if zh else en}{'：' if zh else ': '}{value}")
    return ("；" if zh else "; ").join(parts)


def locale_language(explicit: str | None = None) -> str:
    """``--lang`` when given, else the locale's language (LC_ALL, LC_MESSAGES, LANG): zh or en."""
    if explicit:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
