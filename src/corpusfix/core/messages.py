"""Finding messages as an id plus parameters, rendered in the UI language (English or Chinese).

The engine's own text (``Suggestion.message``) stays what the change log and JSON hold; the app
and the HTML report show ``render(message_id, params, lang)``. ``parse(text)`` recovers the id and
parameters from the engine's text, so a log written by any version (QA review, a regenerated
report) is shown in the UI language too. Parameters are the exact substrings of the engine's
text (strings), so ``parse(s.message) == (s.message_id, s.params)`` for every finding
(tests/test_gui_i18n.py checks it on real articles).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

LANGS = ("en", "zh")
Params = Mapping[str, str]

# The typo check's sources of a candidate, as an editor would say them.
SOURCES = {
    "look-alike": ("similar shape", "字形相近"),
    "sound-alike": ("similar sound", "读音相近"),
    "homophone": ("same sound", "同音词"),
    "dropped": ("a missing character", "漏字"),
    "doubled": ("a doubled character", "重复字"),
    "user": ("your list of confusions", "你的易混字表"),
    "context": ("what fits the context", "上下文"),
    "realword": ("a common OCR misreading", "常见的OCR误认"),
    "word-fill": ("completes a common word", "补全常用词"),
    "ocr-channel": ("a measured OCR misreading", "实测的OCR误认"),
}


def source_label(source: str, lang: str) -> str:
    en, zh = SOURCES.get(source, (source, source))
    return zh if lang == "zh" else en


def strength(gain: str, lang: str) -> str:
    """The language model's preference (a log-probability gain) in words, not a bare number."""
    try:
        g = float(gain)
    except ValueError:
        g = 0.0
    steps = (
        (6.0, "far more likely in this context", "放在上下文里通顺得多"),
        (3.0, "much more likely in this context", "放在上下文里明显更通顺"),
        (1.0, "more likely in this context", "放在上下文里更通顺"),
        (float("-inf"), "slightly more likely in this context", "放在上下文里稍通顺一些"),
    )
    for floor, en, zh in steps:
        if g >= floor:
            return zh if lang == "zh" else en
    raise AssertionError("unreachable")  # pragma: no cover


def _merge_reason(p: Params, lang: str) -> str:
    zh = lang == "zh"
    why = []
    if p.get("end_char"):
        why.append(
            f"“{p['end_char']}”不能结束句子" if zh else f"'{p['end_char']}' cannot end a sentence"
        )
    if p.get("word"):
        why.append(f"“{p['word']}”被断开了" if zh else f"'{p['word']}' spans the break")
    if p.get("column"):
        why.append("前半段正好一栏宽" if zh else "the fragment is one column line wide")
    if not why:
        why.append(
            "这段话没有句末标点就停了" if zh else "the paragraph stops without closing punctuation"
        )
    return ("；" if zh else "; ").join(why)


_PUNCT_NAMES = {
    "(": ("parenthesis", "括号"),
    ")": ("parenthesis", "括号"),
    '"': ("quotation mark", "引号"),
}


def _punct_name(p: Params, lang: str) -> str:
    ch = p.get("ch", "")
    en, zh = _PUNCT_NAMES.get(ch, (f"'{ch}'", f"“{ch}”"))
    return zh if lang == "zh" else en


_HOW = {
    "exact": ("an exact repeat of", "完全相同的重复"),
    "near-identical": ("a near-identical repeat of", "几乎相同的重复"),
    "orphan": ("a stray fragment repeating part of", "零散重复片段"),
    "whole": ("a whole repeat of the cut paragraph at", "被分栏截断段落的整段重复"),
}


def how_label(how: str, lang: str) -> str:
    en, zh = _HOW.get(how.split(" ")[0], _HOW["exact"])
    return zh if lang == "zh" else en


def _how(p: Params, lang: str) -> str:
    return how_label(p.get("how", ""), lang)


Derive = Callable[[Params, str], Mapping[str, str]]


@dataclass(frozen=True)
class Message:
    id: str
    pattern: str  # a regex over the engine's text; its named groups are the parameters
    en: str  # the UI's English (plain wording for an editor)
    zh: str
    derive: Derive | None = None  # parameters computed for display (a reason, a strength word)


_TYPO_TAIL = r" \((?P<source>[^;()]+); the language model prefers it by (?P<gain>-?\d+(?:\.\d+)?)\)"


def _typo(p: Params, lang: str) -> Mapping[str, str]:
    return {
        "why": source_label(p.get("source", ""), lang),
        "likely": strength(p.get("gain", ""), lang),
    }


MESSAGES: tuple[Message, ...] = (
    Message(
        "punctuation.half_width",
        r"half-width (?:parenthesis|quotation mark|'(?P<ch>.)') in Chinese text: use (?P<repl>.)",
        "half-width {name} in Chinese text: use '{repl}'",
        "中文里用了半角{name}：改为“{repl}”",
        lambda p, lang: {"name": _punct_name(p, lang)},
    ),
    Message(
        "typo.dropped",
        r"a character seems dropped here: '(?P<new>.*)'" + _TYPO_TAIL,
        "a character seems missing here: insert '{new}' ({likely})",
        "这里好像漏了一个字：补上“{new}”（{likely}）",
        _typo,
    ),
    Message(
        "typo.doubled",
        r"'(?P<old>.*)' seems written twice here: delete one" + _TYPO_TAIL,
        "'{old}' seems written twice here: delete one ({likely})",
        "“{old}”好像重复了：删去一个（{likely}）",
        _typo,
    ),
    Message(
        "typo.swap",
        r"'(?P<old>.*?)' looks like a typo for '(?P<new>.*)'" + _TYPO_TAIL,
        "'{old}' looks like a typo for '{new}' ({why}; {likely})",
        "“{old}”疑为“{new}”之误（{why}，{likely}）",
        _typo,
    ),
    Message(
        "typo.user_confusion",
        r"'(?P<wrong>.*?)' is on your list of confusions: '(?P<right>.*)'",
        "'{wrong}' is on your list of confusions: '{right}'",
        "“{wrong}”在你的易混字表里：应为“{right}”",
    ),
    Message(
        "split.headline",
        r"headline '(?P<text>.*)' glued onto the paragraph: start a new paragraph",
        "the headline '{text}' is glued onto the paragraph: start a new paragraph",
        "标题“{text}”粘在了正文上：另起一段",
    ),
    Message(
        "split.byline",
        r"byline '(?P<text>.*)' glued onto the paragraph: start a new paragraph",
        "the byline '{text}' is glued onto the paragraph: start a new paragraph",
        "署名“{text}”粘在了正文上：另起一段",
    ),
    Message(
        "truncation.stops",
        r"the text stops mid-sentence \('…(?P<tail>.*)'\) and nothing continues it: the end of "
        r"the sentence \(and perhaps more\) is missing; look it up in the print edition",
        "the text stops mid-sentence ('…{tail}') and nothing continues it: the end of the "
        "sentence (perhaps more) is missing; look it up in the print edition",
        "文字在句子中间断了（“…{tail}”），后面没有接续：缺了句子的后半（也许更多），请对照印刷版补全",
    ),
    Message(
        "truncation.list_start",
        r"the list starts at (?P<first>.+?): item (?P<lost>.+?) is missing; "
        r"look it up in the print edition",
        "the list starts at '{first}': item '{lost}' is missing; look it up in the print edition",
        "列举从“{first}”开始：缺了“{lost}”，请对照印刷版补全",
    ),
    Message(
        "truncation.list_gap",
        r"the list goes from (?P<a>.+?) to (?P<b>.+?): (?P<missing>.+?) is missing; "
        r"look it up in the print edition",
        "the list goes from '{a}' to '{b}': '{missing}' is missing; look it up in the print "
        "edition",
        "列举从“{a}”跳到了“{b}”：缺了“{missing}”，请对照印刷版补全",
    ),
    Message(
        "truncation.order_words",
        r"the list has 首先 and 最后 but no 其次: a middle item is missing",
        "the list has '首先' and '最后' but no '其次': a middle item is missing",
        "列举有“首先”和“最后”，没有“其次”：缺了中间一项",
    ),
    Message(
        "truncation.announced",
        r"'(?P<phrase>.*?)' announces (?P<want>\d+) items but the list stops at (?P<last>.+?): "
        r"(?P<missing>.+?) is missing",
        "'{phrase}' announces {want} items but the list stops at '{last}': '{missing}' is missing",
        "“{phrase}”说有 {want} 项，列举却停在“{last}”：缺了“{missing}”",
    ),
    Message(
        "truncation.closes_nothing",
        r"'(?P<closer>.)' closes nothing: the text with its '(?P<opener>.)' is missing",
        "'{closer}' closes nothing: the text with its '{opener}' is missing",
        "“{closer}”前面没有对应的“{opener}”：缺了一段文字",
    ),
    Message(
        "truncation.never_closed",
        r"'(?P<opener>.)' is never closed: the text up to its '(?P<closer>.)' is missing",
        "'{opener}' is never closed: the text up to its '{closer}' is missing",
        "“{opener}”没有对应的“{closer}”：缺了一段文字",
    ),
    Message(
        "merge.cut",
        r"paragraph cut mid-sentence \('…(?P<head>.*)\|(?P<tail>.*)…'\): join it "
        r"\((?P<reason>.*)\)",
        "paragraph cut mid-sentence ('…{head} ⏎ {tail}…'): join the lines ({why})",
        "段落在句子中间被截断（“…{head} ⏎ {tail}…”）：把两行接起来（{why}）",
        lambda p, lang: {"why": _merge_reason(p, lang)},
    ),
    Message(
        "merge.hard_wrap",
        r"hard-wrapped line inside a paragraph \('…(?P<head>.*)\|(?P<tail>.*)…'\): join",
        "a hard line break inside a paragraph ('…{head} ⏎ {tail}…'): join the lines",
        "段落里有硬换行（“…{head} ⏎ {tail}…”）：把两行接起来",
    ),
    Message(
        "duplicate.copy",
        r"'(?P<snippet>.*)' \(line (?P<line>\d+)\) is an? (?P<how>exact repeat of|near-identical "
        r"repeat of|orphan fragment repeating part of|whole repeat of the cut paragraph at) "
        r"line (?P<kept_line>\d+): delete the copy",
        "'{snippet}' (line {line}) is {how_text} line {kept_line}: delete the copy",
        "“{snippet}”（第 {line} 行）是第 {kept_line} 行的{how_text}：删去这份重复",
        lambda p, lang: {"how_text": _how(p, lang)},
    ),
    Message(
        "furniture.page",
        r"page furniture '(?P<body>.*)' inside the text: remove",
        "page furniture '{body}' inside the text: remove it",
        "正文里夹着版面文字“{body}”：删除",
    ),
    Message(
        "furniture.running_head",
        r"running head '(?P<line>.*)' repeated (?P<count>\d+) times: remove",
        "the running head '{line}' is repeated {count} times: remove it",
        "页眉“{line}”重复出现了 {count} 次：删除",
    ),
    Message(
        "furniture.continuation",
        r"e-paper continuation note '(?P<note>.*)': remove",
        "e-paper continuation note '{note}': remove it",
        "电子版的转版提示“{note}”：删除",
    ),
    Message(
        "variant.traditional",
        r"traditional '(?P<old>.*?)' in simplified text: '(?P<new>.*?)'"
        r"(?P<ambiguous> \(check the meaning: this character has several simplified forms\))?",
        "traditional '{old}' in simplified text: '{new}'{check}",
        "简体文本里混入了繁体“{old}”：改为“{new}”{check}",
        lambda p, lang: {
            "check": (
                "（请核对字义：这个字有几种简体写法）"
                if lang == "zh"
                else " (check the meaning: this character has several simplified forms)"
            )
            if p.get("ambiguous")
            else ""
        },
    ),
    Message(
        "encoding.mojibake",
        r"mojibake: UTF-8 text once read as (?P<read_as>\S+); it reads '(?P<new>.*)'",
        "garbled text (UTF-8 once read as {read_as}); it reads '{new}'",
        "乱码（UTF-8 文字曾被当作 {read_as} 读取）；正确的文字是“{new}”",
    ),
    Message(
        "encoding.bytes_decoded",
        r"(?P<n>\d+) bytes in (?P<source>\S+), not (?P<encoding>\S+): decode them as (?P=source)",
        "{n} bytes in {source}, not {encoding}: decode them as {source}",
        "{n} 个字节是 {source} 编码，不是 {encoding}：按 {source} 解码",
    ),
    Message(
        "encoding.bytes_kept",
        r"(?P<n>\d+) bytes that are not (?P<encoding>\S+); kept as they are",
        "{n} bytes that are not {encoding}; kept as they are",
        "{n} 个字节不是 {encoding} 编码，保持原样",
    ),
    Message(
        "whitespace.zero_width",
        r"invisible zero-width character \((?P<names>[^)]*)\): remove",
        "an invisible zero-width character ({names}): remove it",
        "看不见的零宽字符（{names}）：删除",
    ),
    Message(
        "whitespace.full_width",
        r"full-width space inside a body paragraph: remove",
        "a full-width space inside a body paragraph: remove it",
        "正文段落里有全角空格：删除",
    ),
    Message(
        "whitespace.stray",
        r"stray space between Chinese characters: remove",
        "a stray space between Chinese characters: remove it",
        "汉字之间多了空格：删除",
    ),
    Message("manual.edited", r"edited by hand", "edited by hand", "手工修改"),  # core.manual
)

BY_ID: dict[str, Message] = {m.id: m for m in MESSAGES}
_COMPILED = [(m, re.compile(m.pattern, re.DOTALL)) for m in MESSAGES]


def _post_parse(message_id: str, params: dict[str, str]) -> dict[str, str]:
    """Parameters the engine's text spells in words (a reason list, an optional remark)."""
    if message_id == "merge.cut":
        reason = params.pop("reason", "")
        end = re.search(r"'(.)' cannot end a sentence", reason)
        word = re.search(r"'(.+?)' spans the break", reason)
        params.update(
            end_char=end.group(1) if end else "",
            word=word.group(1) if word else "",
            column="1" if "one column line wide" in reason else "",
        )
    elif message_id == "variant.traditional":
        params["ambiguous"] = "1" if params.get("ambiguous") else ""
    elif message_id == "punctuation.half_width" and params.get("ch") is None:
        # the named marks: the replacement tells which
        params["ch"] = {"（": "(", "）": ")"}.get(params.get("repl", ""), '"')
    return params


def parse(text: str) -> tuple[str, dict[str, str]] | None:
    """The id and parameters of an engine message (None: not one this version knows)."""
    for message, rx in _COMPILED:
        m = rx.fullmatch(text)
        if m:
            params = {k: v for k, v in m.groupdict().items() if v is not None}
            return message.id, _post_parse(message.id, params)
    return None


def render(message_id: str, params: Params, lang: str, fallback: str = "") -> str:
    """The message in ``lang``; an unknown id (a newer detector): the engine's text."""
    message = BY_ID.get(message_id)
    if message is None:
        return fallback
    values: dict[str, str] = dict(params)
    if message.derive is not None:
        values.update(message.derive(params, lang))
    try:
        return (message.zh if lang == "zh" else message.en).format(**values)
    except (KeyError, IndexError):
        return fallback


def render_text(text: str, lang: str, message_id: str = "", params: Params | None = None) -> str:
    """A finding's message in ``lang``: from its id when known, else parsed from its text."""
    if message_id and message_id in BY_ID:
        return render(message_id, params or {}, lang, text)
    parsed = parse(text)
    if parsed is None:
        return text
    return render(parsed[0], parsed[1], lang, text)
