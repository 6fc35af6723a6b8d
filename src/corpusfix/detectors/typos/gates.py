"""Where the typo detector must not touch the text (SPEC: gate hard)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

from corpusfix.paths import resource_path

# 《书名》 and 〈篇名〉: titles are quoted as published.
_TITLES = re.compile(r"《[^》\r\n]{0,80}》|〈[^〉\r\n]{0,80}〉")

# The most common Chinese surnames (百家姓, public domain): a stretch of unknown characters that
# starts right after one of these is most likely a person's name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# Place-name endings: an unknown stretch right before one of these is a place (沙尔沁镇).
PLACE_ENDINGS = frozenset("省市县区镇乡村旗盟州屯寨庄路街巷港湾河湖山岛")


class Spans:
    """Gated spans merged into sorted disjoint intervals: overlap tests by bisection.

    A document can have thousands of gated spans (every column break) and a hundred thousand
    runs and sites to test against them.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]

    def _at(self, start: int) -> int:
        return bisect_right(self._ends, start)  # the first interval ending after ``start``

    def overlaps(self, start: int, end: int) -> bool:
        i = self._at(start)
        return i < len(self._starts) and self._starts[i] < end

    def covers(self, start: int, end: int) -> bool:
        i = self._at(start)
        return i < len(self._starts) and self._starts[i] <= start and end <= self._ends[i]


def protected_spans(text: str, user_words: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` never to change: quoted titles and the user's words."""
    spans = [(m.start(), m.end()) for m in _TITLES.finditer(text)]
    for word in user_words:
        at = text.find(word)
        while at != -1:
            spans.append((at, at + len(word)))
            at = text.find(word, at + 1)
    spans.sort()
    return spans


# A name in news: after a title (政协委员|黄宝荣) or before a word of saying (黄宝荣|介绍).
NAME_TITLES = (
    "委员", "记者", "书记", "主任", "代表", "教授", "院士", "局长", "市长", "省长", "县长",
    "主席", "总理", "部长", "经理", "厂长", "校长", "院长", "队长", "村长", "所长", "处长",
    "科长", "社长", "董事长", "总裁", "总统", "议员", "大使", "将军", "同志", "先生", "女士",
    "老师", "医生", "专家", "通讯员", "负责人", "工作人员", "村民", "居民", "市民", "游客",
    "学生", "选手", "运动员", "演员", "作者", "编辑", "主持人", "会长", "理事长", "总经理",
    "支书", "班长", "站长", "馆长", "行长", "团长", "司令", "总监", "研究员", "工程师", "律师",
    "法官", "检察官", "民警", "队员", "教练", "导演", "画家", "作家", "诗人", "农民", "工人",
    "职工", "党员", "干部", "志愿者", "创始人", "发言人",
)  # fmt: skip
NAME_SAYING = (
    "表示", "介绍", "说", "指出", "认为", "强调", "告诉", "称", "透露", "坦言", "回忆", "解释",
    "建议", "呼吁", "提出", "谈到",
)  # fmt: skip


def _cued_name(run: str, start: int, end: int) -> bool:
    """A surname opens or precedes the stretch, with a title before or a word of saying after."""
    for s, longest in ((start, 3), (start - 1, 2)):
        if s >= 0 and run[s] in SURNAMES and end - start <= longest:
            if run[:s].endswith(NAME_TITLES) or run[end : end + 3].startswith(NAME_SAYING):
                return True
            if run[end + 1 : end + 4].startswith(NAME_SAYING):  # a two-character given name
                return True
    return False


TRANSLIT_AROUND = 2  # characters on each side of a stretch that count towards a foreign name
TRANSLIT_MIN = 2  # transliteration characters in the stretch and around it that make one
TRANSLIT_OTHER = 1  # other characters such a stretch may hold (布尔|汉, not 筷书长|古特雷斯)


@lru_cache(maxsize=1)
def transliteration_chars() -> frozenset[str]:
    """Characters of transliterated foreign names (resources/lexicon/transliteration.txt)."""
    text = resource_path("lexicon", "transliteration.txt").read_text("utf-8")
    return frozenset("".join(ln for ln in text.splitlines() if not ln.startswith("#")))


def looks_like_name(run: str, start: int, end: int) -> bool:
    """True when run[start:end] (a stretch of unknown characters) reads as a place or a
    transliterated foreign name (皮斯托|留|斯, 布尔|汉): never a typo site.

    A Chinese surname before or at the stretch is no gate by itself (it was until session 14):
    康, 申, 全, 于 are surnames too, and a tenth of the real OCR slips sat there (康政 for 廉政,
    忠于棚国); the scoring weighs a surname nearby instead (its ``surname_near`` feature). Only a
    surname after a title or before a word of saying makes a name (委员黄宝荣, 王丙飞表示)."""
    if end < len(run) and run[end] in PLACE_ENDINGS:
        return True
    if _cued_name(run, start, end):
        return True
    foreign = transliteration_chars()
    if sum(c not in foreign for c in run[start:end]) > TRANSLIT_OTHER:
        return False
    window = run[max(0, start - TRANSLIT_AROUND) : end + TRANSLIT_AROUND]
    return sum(c in foreign for c in window) >= TRANSLIT_MIN
