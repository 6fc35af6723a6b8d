"""What one printed line is, from its own text: page furniture, a byline, a subhead, a dateline.

Shared by the furniture detector (whole paragraphs) and line repair (lines inside a block). The
running-head rule reads the line as a sequence of tokens (paper name, date, weekday, page number,
section name, in any order), so heads whose page number or section changes from page to page are
recognised without having to repeat.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from corpusfix.core.roles import is_byline, is_subhead

_NUM = r"[A-Za-z]?[0-9０-９一二三四五六七八九十]{1,3}"
# （下转第3版） （上接第1版） (转A2版) （紧接第二版）
# OCR reads the brackets as 〈 〉 < > and adds spaces inside: (上接第11版 ), 〈上接第7版).
_SP = r"[ \u3000]*"
CONTINUATION = re.compile(
    rf"{_SP}[（(〈<＜]{_SP}(?:下转|上接|转|接|紧接|续|下接|接上|转下){_SP}"
    rf"(?:第?{_SP}{_NUM}{_SP}[版页面]){_SP}[）)〉>＞]{_SP}"
)
PAGE_NUMBER = re.compile(
    rf"^(?:[-—－]\s*\d{{1,3}}\s*[-—－]|第{_NUM}[版页]|{_NUM}版|\d{{1,3}}|[０-９]{{1,3}})$"
)

_DATE = re.compile(
    r"(?:\d{2,4}|[０-９]{2,4}|[〇○零一二三四五六七八九]{2,4})年"
    r"(?:\d{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:\d{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,3})日"
    r"|\d{4}[-./]\d{1,2}[-./]\d{1,2}"
)
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")
_PAGE = re.compile(rf"第?{_NUM}[版页]|[A-Z]\d{{1,2}}|P\d{{1,3}}")
_PAPER = re.compile(r"[\u4e00-\u9fff]{1,8}(?:日报|晚报|时报|商报|早报|周报|报|新闻)")
_SECTION = re.compile(r"[\u4e00-\u9fff]{1,6}(?:版)?")
_LABEL = re.compile(r"(?:责任编辑|责编|编辑|美编|校对|版式|电话|邮箱)[:：]?\S{0,12}")
# The page's staff line and the paper's name alone on a line are furniture too.
EDITOR_LINE = re.compile(
    r"^(?:责任编辑|责编|美编|版式设计|本版编辑|本版责编)[:：]\s*\S{1,10}(?:\s+\S{1,10})?$"
)
PAPER_NAME = re.compile(
    r"^[\u4e00-\u9fff]{1,6}(?:日报|晚报|时报|商报|早报|晨报|新报|青年报|法制报)$"
)
# Common section (column) names of Chinese papers. A running head may be one alone (社会新闻,
# 国际, 理论版) or after the paper's name (光明日报·社会).
_SECTION_WORDS = (
    "要闻|社会|地方|经济|综合|国际|国内|理论|文化|科教|科技|教育|民生|农村|三农|体育|评论|财经|"
    "时政|政治|法治|法制|军事|健康|卫生|旅游|副刊|专题|视点|观察|城市|都市|娱乐|生活|文艺|读书|"
    "论坛|证券|金融|产经|环球|天下|时事|区县|本地|港澳台|两岸|深度|调查|人物|特别报道|专版"
)
_SECTION_SUFFIX = "(?:新闻|版|专版|专刊|周刊|副刊|视点|观察)?"
SECTION_NAME = re.compile(rf"(?:{_SECTION_WORDS}){_SECTION_SUFFIX}")
# Running-head pieces that pdftotext may set on a line of their own: a section name, a date (a
# weekday after it), a weekday. Alone they may be text too (a title, a date line), so line repair
# decides by where they stand; this finds them in a whole text at once.
HEAD_PIECE_LINE = re.compile(
    rf"^[ \t\u3000]*(?:{SECTION_NAME.pattern}|(?:{_DATE.pattern})(?:[ \t\u3000]*"
    rf"{_WEEKDAY.pattern})?|{_WEEKDAY.pattern})[ \t\u3000]*$",
    re.MULTILINE,
)
# The paper's name and a section, no date or page: 光明日报·社会, 南方日报｜要闻, 人民日报 国际.
PAPER_SECTION = re.compile(
    r"^[\u4e00-\u9fff]{1,8}(?:日报|晚报|时报|商报|早报|晨报|新报|周报|报)"
    rf"(?:\s*[·・|｜/／]\s*[\u4e00-\u9fff]{{2,6}}|[ \u3000]+(?:{_SECTION_WORDS}){_SECTION_SUFFIX})$"
)
_BARE_NUMBER = re.compile(r"\d{1,3}$")
_HEAD_SEP = re.compile(r"[ \u3000\t|｜·•/／:：]+")
# Cheap test first: a running head names a page, a date or a weekday.
_HEAD_HINT = re.compile(
    r"版|年.{1,3}月|星期|周[一二三四五六日]|\d{4}[-./]\d|^[A-Z]\d|[ \u3000|｜]\d{1,3}$"
)
# Datelines open a news paragraph: 本报北京6月1日电, 本报讯, 新华社北京5月22日电.
DATELINE = re.compile(
    r"^(?:本报讯|本报[^\s，。]{0,10}?[0-9０-９一二三四五六七八九十]{1,3}月"
    r"[0-9０-９一二三四五六七八九十]{1,3}日[电讯]|据?新华社[^\s，。]{0,12}?电|"
    r"据?中新社[^\s，。]{0,12}?电|本报[^\s，。]{0,6}?讯|(?:央视网|新华网|人民网|中新网)消息|本台消息)"
)
# 新华社记者 邱香 吕刚思, 光明日报记者 张三: names set apart by spaces, no punctuation.
SPACED_BYLINE = re.compile(
    r"^[●■□◎▲◆○★☆]?\s*[\u4e00-\u9fff]{0,6}(?:记者|通讯员|实习生|特约撰稿人|摄影)"
    r"(?:[ \u3000]+[\u4e00-\u9fff]{2,4}){1,4}$"
)
REPORTER_WORDS = ("记者", "通讯员", "实习生")  # what a byline calls its authors
_REPORTER = re.compile("|".join(REPORTER_WORDS))
# OCR reads the byline's mark as 口, @ or ©: 口本报记者 五杖, @@本报记者戴蓉; tesseract also as
# 国 or 图 set apart by a space (国 记者 石符; no body line opens so).
OCR_BYLINE = re.compile(
    r"^(?:[@©®口]{1,2}\s*|[国图][ \u3000]+)(?:本报|特约|见习)?(?:记者|通讯员)[^，。；]{1,16}$"
)
MAX_FURNITURE_LINE = 48
# A head's pieces set far apart on one wide line (OCR of a whole page, pdftotext -layout): the
# gaps do not count towards a furniture line's length.
_WIDE_GAP = re.compile(r"[ \t\u3000]{2,}")
# OCR misreadings inside a running head, undone before the head's grammar is read: the
# ideographic space before the weekday read as a quote mark (2025年4月17日”星期四), the page
# code A11 read as Al11, the last character read as ASCII punctuation (经;).
_OCR_WEEKDAY_GAP = re.compile(
    r"(?<=日)[ \u3000]*[”“\"'_]+[ \u3000]*(?=(?:星期|周|礼拜)[一二三四五六日天])"
)
_OCR_PAGE_CODE = re.compile(r"(?<![A-Za-z])([A-Z])[lI](?=\d)")
_OCR_TAIL = re.compile(r"(?<=[\u4e00-\u9fff])[;:,.'`]+$")


def _squeezed(line: str) -> str:
    return _WIDE_GAP.sub(" ", line.strip())


def _ocr_undone(t: str) -> str:
    return _OCR_TAIL.sub("", _OCR_PAGE_CODE.sub(r"\1", _OCR_WEEKDAY_GAP.sub(" ", t)))


# Everything the rules below look for, in one pass: a line without any of it is plain text (most
# lines of a page are; this keeps line repair fast).
_SPECIAL_AT_START = (
    r"(?:[●■□◎▲◆○★☆—─－\-（(@©®口]|一一访|本报|本台|据?新华社|据?中新社|央视网|新华网|人民网|中新网|记者|通讯员|实习生|特约|见习|文[/／]|图[/／]"
    r"|撰文|责任编辑|编辑|校对|审核|来源|监制|制图|摄影|责编|美编|版式|本版|第|[A-Z][lI]?\d)"
)
MAYBE_SPECIAL = re.compile(
    rf"^{_SPECIAL_AT_START}"
    r"|记者|通讯员|[版页]|年.{1,3}月|星期|周[一二三四五六日]|\d{4}[-./]\d|[\d０-９]$|报$"
    r"|报\s*[·・|｜/／ \u3000]"
)
# MAYBE_SPECIAL in two parts that find alike, at about half the cost a line: the line's start,
# then the rest led by a character class, so that the regex engine skips straight to a
# candidate character (each branch checks, looking behind, which one it found; ０-９ are \d).
_SPECIAL_START = re.compile(_SPECIAL_AT_START)
_SPECIAL_ANY = re.compile(
    r"[记通版页年星周报\d](?:(?<=\d)(?:\d{3}[-./]\d|$)|(?<=[版页])|(?<=年).{1,3}月|(?<=记)者"
    r"|(?<=通)讯员|(?<=星)期|(?<=周)[一二三四五六日]|(?<=报)(?:$|\s*[·・|｜/／ \u3000]))"
)
special_start = _SPECIAL_START.match
special_any = _SPECIAL_ANY.search


def maybe_special(t: str) -> bool:
    """``MAYBE_SPECIAL.search(t)`` found something (tests/test_layout_speed_paths.py checks)."""
    return special_start(t) is not None or special_any(t) is not None


class LineRole(StrEnum):
    FURNITURE = "furniture"
    BYLINE = "byline"
    SUBHEAD = "subhead"
    DATELINE = "dateline"
    TEXT = "text"  # body text, or a title: that needs the column width to tell


@lru_cache(maxsize=1 << 14)
def is_running_head(line: str) -> bool:
    """A running head or footer: date, weekday, page, paper and section names, nothing else.

    It must name a page or a date, and hold at least one more part (``第03版：地方``,
    ``经济日报 2014年4月7日 星期一 第7版 社会``); a lone date is a dateline, not furniture.
    """
    t = _ocr_undone(_squeezed(line))
    if not t or len(t) > MAX_FURNITURE_LINE or not _HEAD_HINT.search(t):
        return False
    if any(p in t for p in "。，；！？“”"):
        return False
    anchors = 0
    parts = 0
    for token in _HEAD_SEP.split(t):
        if not token:
            continue
        rest = token
        after_date = after_code = False
        # A token may glue parts together: 2014年4月7日星期一, 第7版要闻.
        while rest:
            for pattern, anchor in (
                (_DATE, True),
                (_WEEKDAY, False),
                (_PAGE, True),
                (_BARE_NUMBER, True),
            ):
                m = pattern.match(rest)
                if m:
                    anchors += anchor
                    parts += 1
                    after_date = pattern is _DATE
                    # A11民生, but not A11是一种合金: glued to a page code, only a section name
                    after_code = pattern is _PAGE and rest[0].isascii()
                    rest = rest[m.end() :]
                    break
            else:
                m = _LABEL.match(rest) or _PAPER.fullmatch(rest)
                if m is None and after_code:
                    m = SECTION_NAME.fullmatch(rest)
                elif m is None and not after_date:  # 2000年12月31日的最后: a sentence, no head
                    m = _SECTION.fullmatch(rest)
                if m is None:
                    return False
                parts += 1
                rest = rest[m.end() :]
                after_date = after_code = False
    return anchors >= 1 and parts >= 2


def is_furniture_line(line: str) -> bool:
    """Page furniture that fills a whole line: a page number, a jump line, a running head."""
    t = _squeezed(line)
    if not t or len(t) > MAX_FURNITURE_LINE:
        return False
    if PAGE_NUMBER.match(t) or CONTINUATION.fullmatch(t) or EDITOR_LINE.match(t):
        return True
    return bool(PAPER_NAME.match(t) or PAPER_SECTION.match(t)) or is_running_head(t)


def _byline_line(t: str) -> bool:
    """A byline on a line of its own: marked (●本报记者…), or the names after 记者 are short; a
    column line that starts with 记者 is a sentence (记者对老学者的学识感到)."""
    if t[0] in "●■□◎▲◆○★☆":
        return True
    m = _REPORTER.search(t)
    if m is None:
        return True  # 文/图, 编辑：… : the role rules' own starts
    return all(len(name) <= 4 for name in re.split(r"[ \u3000、，,]+|记者|通讯员", t[m.end() :]))


def line_role(line: str) -> LineRole:
    return role_of(line.strip())


def role_of(t: str) -> LineRole:
    """The role of a line without its surrounding spaces."""
    if special_start(t) is None and special_any(t) is None:  # (maybe_special, inlined)
        return LineRole.TEXT
    if (len(t) <= MAX_FURNITURE_LINE or _WIDE_GAP.search(t)) and is_furniture_line(t):
        return LineRole.FURNITURE
    if SPACED_BYLINE.match(t) or OCR_BYLINE.match(t) or (is_byline(t) and _byline_line(t)):
        return LineRole.BYLINE
    if is_subhead(t):
        return LineRole.SUBHEAD
    if DATELINE.match(t):
        return LineRole.DATELINE
    return LineRole.TEXT
