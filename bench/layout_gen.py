"""Damaged e-paper articles with their gold answer, built from clean real news.

Source: ../shared/data/news-clean-dev/pku_test.utf8 (one paragraph per line). Paragraphs that are
not complete on their own are left out: lines not ending a sentence (``，``), unbalanced quotes or
brackets (quotations running over several paragraphs), exact repeats (``图片：``), and lines with
their own enumeration markers (recombined, they would make list holes nobody put there).

The source paragraphs are split in two halves by a hash of their text: ``tune`` (looked at while
tuning the detectors) and ``report`` (only ever scored). Every article is built from one half.

Damage, as e-papers do it:
- column breaks (``merge``): a paragraph cut after k printed column lines (width 12–22 per page,
  the first line two characters shorter for the indent); never right after a sentence end, where a
  break is invisible;
- orphan repeated lines (``duplicate``): a column line of a paragraph printed again on its own, at
  the end of its article, between two paragraphs, or inside a column break;
- whole paragraphs repeated (``duplicate``) where the original was itself cut by a column break:
  the copy equals neither piece, only the two joined (delete the copy, join the pieces);
- short orphan repeats of a paragraph's first column line that opens with a dateline
  (``本报巴黎6月18日电今``) or a list marker (``第一，出台《农民负担管理法》``);
- cut-off sections (``truncation``): the last paragraph of an article stops mid-sentence;
- removed enumeration items (``truncation``): a list (一是/（一）/第一，) with an item taken out;
  the last item only where the count was announced (``以下三个方面``).
Legitimate repeats stay in every article: the same reporter's byline, ``（完）``, ``本报讯`` datelines.

The last three case types were added later (session 12): they are drawn from a second random
stream, so a page that gets none of them is byte-identical to the page the generator made before.
"""

from __future__ import annotations

import random
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.common import news_paragraphs

CLOSERS = "。！？!?；;…」』”’）)》】：:—"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"
ROLES = ("局长", "主任", "书记", "区长", "县长", "董事长", "院长", "校长")
UNITS = (
    "发展改革局",
    "教育局",
    "生态环境局",
    "交通运输局",
    "农业农村局",
    "文化旅游局",
    "科技局",
    "民政局",
    "卫生健康委",
    "商务局",
)
_ENUM = re.compile(
    r"(?:^|[。；])\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|首先|其次|最后)"
)
_SPLIT_CLAUSE = re.compile(r"[，。；：！？、“”《》（）]")


def usable(p: str) -> bool:
    if len(p) < 15 or p[-1] not in "。！？”":
        return False
    for a, b in (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")")):
        if p.count(a) != p.count(b):
            return False
    return not _ENUM.search(p)


def _bare(p: str) -> str:
    return re.sub(r"[“”‘’\s]", "", p)


def halves() -> dict[str, list[str]]:
    paras = news_paragraphs()
    # Repeats are left out, also those that differ only by quotation marks (a law quoted in full).
    counts = Counter(_bare(p) for p in paras)
    good = [p for p in dict.fromkeys(paras) if counts[_bare(p)] == 1 and usable(p)]
    out: dict[str, list[str]] = {"tune": [], "report": []}
    for p in good:
        out["tune" if zlib.crc32(p.encode()) % 2 == 0 else "report"].append(p)
    return out


@dataclass
class Block:
    text: str
    tag: str  # headline, subhead, byline, body, orphan, end-mark


@dataclass
class Gold:
    kind: str
    case: str
    # merge/duplicate: (block index, "after"|"before"|"self"); truncation: block range
    ref: tuple[int, ...]


@dataclass
class Article:
    text: str
    gold: list[dict[str, Any]]
    damaged: bool
    width: int


@dataclass
class _Page:
    blocks: list[Block] = field(default_factory=list)
    gold: list[Gold] = field(default_factory=list)

    def add(self, text: str, tag: str) -> int:
        self.blocks.append(Block(text, tag))
        return len(self.blocks) - 1


class Generator:
    def __init__(self, paragraphs: list[str], seed: int) -> None:
        # Titles are made from a tenth of the paragraphs that never appear as body text, so a
        # headline does not repeat a sentence of its own page by construction.
        self.titles = paragraphs[::10]
        self.paras = [p for i, p in enumerate(paragraphs) if i % 10]
        self.rng = random.Random(seed)
        # The case types added later draw from their own stream: the first one's draws, and so
        # every page without the new damage, stay as they were.
        self.rng2 = random.Random(seed * 1000 + 12)
        self.reporters = [self.name() for _ in range(6)]

    def name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2))))

    def clause(self, lo: int = 6, hi: int = 16) -> str:
        for _ in range(50):
            p = self.rng.choice(self.titles)
            parts = [
                c
                for c in _SPLIT_CLAUSE.split(p)
                if lo <= len(c) <= hi
                and not re.search(r"[A-Za-z0-9０-９\s]|记者|报道|本报|新华社|讯|电", c)
            ]
            if parts:
                return self.rng.choice(parts)
        return "推动经济社会高质量发展"

    def headline(self) -> str:
        if self.rng.random() < 0.5:
            return f"{self.clause(4, 10)} {self.clause(4, 12)}"
        return self.clause(8, 18)

    def page(self, damaged: bool) -> Article:
        r = self.rng
        width = r.randint(12, 22)
        pg = _Page()
        used: set[str] = set()
        n_articles = r.choice((1, 2, 2, 3))
        for a in range(n_articles):
            self.article(pg, damaged, width, used, last=a == n_articles - 1)
        return self.render(pg, damaged, width)

    def article(self, pg: _Page, damaged: bool, width: int, used: set[str], last: bool) -> None:
        r = self.rng
        pg.add(self.headline(), "headline")
        if r.random() < 0.5:
            pg.add(f"——访{r.choice(UNITS)}{r.choice(ROLES)}{self.name()}", "subhead")
        if r.random() < 0.7:
            by = f"●本报记者 {r.choice(self.reporters)}"
            if r.random() < 0.3:
                by += f" 通讯员 {self.name()}"
            pg.add(by, "byline")
        k = r.randint(3, 9)
        body = []
        while len(body) < k:
            p = r.choice(self.paras)
            if p not in used:
                used.add(p)
                body.append(p)
        if r.random() < 0.2:
            body[0] = "本报讯 " + body[0]
        # An enumeration in some articles, maybe announced.
        enum_range: tuple[int, int] | None = None
        announced = False
        if r.random() < 0.35 and len(body) >= 4:
            n_items = r.randint(3, min(5, len(body) - 1))
            first = r.randint(1, len(body) - n_items)
            scheme = r.choice(("是", "（）", "第"))
            numerals = "一二三四五六七八九"
            for j in range(n_items):
                marker = {
                    "是": f"{numerals[j]}是",
                    "（）": f"（{numerals[j]}）",
                    "第": f"第{numerals[j]}，",
                }[scheme]
                body[first + j] = marker + body[first + j]
            if r.random() < 0.5:
                body[first - 1] = (
                    body[first - 1] + f"下一步，将重点抓好以下{numerals[n_items - 1]}个方面工作。"
                )
                announced = True
            enum_range = (first, first + n_items)
        start_block = len(pg.blocks)
        removed_case = None
        if damaged and enum_range and r.random() < 0.6:
            a, b = enum_range
            choices = ["middle"] * 3 + ["first"] + (["last"] if announced else [])
            where = r.choice(choices)
            idx = {
                "middle": r.randint(a + 1, b - 2) if b - a >= 3 else a + 1,
                "first": a,
                "last": b - 1,
            }[where]
            del body[idx]
            enum_range = (a, b - 1)
            removed_case = where
        truncate = damaged and r.random() < 0.3
        if truncate:
            p = body[-1]
            # A section ends where a column ends: at a column-line boundary.
            cuts = [
                i for i in range(width - 2, len(p) - 3, width) if p[i - 1] not in CLOSERS + "，、"
            ]
            if cuts:
                body[-1] = p[: r.choice(cuts)]
            else:
                truncate = False
        body_blocks: list[int] = []
        for j, p in enumerate(body):
            breaks = damaged and r.random() < 0.3 and not (truncate and j == len(body) - 1)
            if breaks:
                idx = self.column_break(pg, p, width)
                body_blocks.extend(idx)
            else:
                body_blocks.append(pg.add(p, "body"))
        if removed_case is not None and enum_range is not None:
            lo = body_blocks[0] if enum_range[0] == 0 else body_blocks[max(0, enum_range[0] - 1)]
            pg.gold.append(
                Gold("truncation", f"enumeration hole ({removed_case})", (lo, len(pg.blocks) - 1))
            )
        if truncate:
            pg.gold.append(
                Gold(
                    "truncation",
                    "section cut off" + (" at end of file" if last else " before headline"),
                    (len(pg.blocks) - 1, len(pg.blocks) - 1),
                )
            )
        elif r.random() < 0.15:
            pg.add("（完）", "end-mark")
        if damaged and r.random() < 0.3:
            self.orphan(pg, start_block, width)
        if damaged:
            self.later_cases(pg, start_block, width)

    def column_break(self, pg: _Page, p: str, width: int) -> list[int]:
        r = self.rng
        cuts = []
        pos = width - 2
        while pos < len(p) - 1:
            if p[pos - 1] not in CLOSERS and p[pos] not in "— " and not _ENUM.match(p[pos:]):
                cuts.append(pos)
            pos += width
        if not cuts:
            return [pg.add(p, "body")]
        cut = r.choice(cuts)
        first = pg.add(p[:cut], "body")
        second = pg.add(p[cut:], "body")
        nxt = p[cut]
        case = "short fragment" if cut < width else "long paragraph"
        if nxt.isdigit():
            case += ", continuation starts with a digit"
        elif nxt in "“‘《（":
            case += ", continuation starts with an opening mark"
        pg.gold.append(Gold("merge", case, (first,)))
        return [first, second]

    def orphan(self, pg: _Page, start_block: int, width: int) -> None:
        r = self.rng
        bodies = [
            i
            for i in range(start_block, len(pg.blocks))
            if pg.blocks[i].tag == "body" and len(pg.blocks[i].text) >= width
        ]
        if not bodies:
            return
        src = r.choice(bodies)
        # Any printed column line of the paragraph: the first (indented) or a later one.
        source = pg.blocks[src].text
        offsets = [0, *list(range(width - 2, len(source) - width, width))]
        at_line = r.choice(offsets)
        text = source[at_line : at_line + (width - 2 if at_line == 0 else width)]
        if len(text) < 6:
            return
        where = r.choice(
            ("end of article", "between paragraphs", "between paragraphs", "inside a column break")
        )
        merges = {g.ref[0] for g in pg.gold if g.kind == "merge"}
        if where == "end of article":
            at = len(pg.blocks)
        else:
            options = [i for i in range(src + 1, len(pg.blocks)) if pg.blocks[i].tag == "body"]
            if where == "inside a column break":
                options = [i for i in options if (i - 1) in merges]
            else:
                options = [i for i in options if (i - 1) not in merges]
            if not options:
                return
            at = r.choice(options)
        if at < len(pg.blocks) and pg.blocks[at].tag != "body" and where != "end of article":
            return
        # Insert the orphan as block ``at``; shift every later reference.
        pg.blocks.insert(at, Block(text, "orphan"))
        for g in pg.gold:
            g.ref = tuple(i + 1 if i >= at else i for i in g.ref)
        if where == "inside a column break":
            for g in pg.gold:
                if g.kind == "merge" and g.ref[0] == at - 1:
                    g.case += ", stray line inside the break"
        pg.gold.append(Gold("duplicate", f"orphan line {where}", (at,)))

    def later_cases(self, pg: _Page, start_block: int, width: int) -> None:
        """The case types added in session 12, drawn from ``rng2`` only."""
        r = self.rng2
        end = len(pg.blocks)
        merges = {g.ref[0] for g in pg.gold if g.kind == "merge"}
        referenced = {i for g in pg.gold for i in g.ref} | {i + 1 for i in merges}
        if r.random() < 0.1:
            # Not a break with a stray line inside it already (the pieces must be adjacent).
            cut = [
                i for i in merges if start_block <= i < end - 1 and pg.blocks[i + 1].tag == "body"
            ]
            if cut:
                first = r.choice(sorted(cut))
                copy = pg.blocks[first].text + pg.blocks[first + 1].text
                where = r.choice(
                    (
                        "end of article",
                        "before the original",
                        "after the original",
                        "inside the original's break",
                    )
                )
                if self._insert_copy(
                    pg, start_block, first, copy, where, merges, "whole paragraph"
                ):
                    for g in pg.gold:
                        if g.kind == "merge" and g.ref[0] in (first, first + 1):
                            g.case += ", the paragraph repeated whole"
                            if where == "inside the original's break":
                                g.case += " inside the break"
                merges = {g.ref[0] for g in pg.gold if g.kind == "merge"}
                referenced = {i for g in pg.gold for i in g.ref} | {i + 1 for i in merges}
                end = len(pg.blocks)
        if r.random() < 0.08:
            opening = next((i for i in range(start_block, end) if pg.blocks[i].tag == "body"), None)
            text = pg.blocks[opening].text if opening is not None else ""
            city = r.choice(("北京", "巴黎", "上海", "东京", "伦敦", "广州", "南京", "武汉"))
            month, day = r.randint(1, 12), r.randint(1, 28)
            if r.random() < 0.5:
                line = f"本报{city}{month}月{day}日电"
            else:
                wide = str.maketrans("0123456789", "０１２３４５６７８９")
                line = f"{r.choice(('据新华社', '新华社'))}{city}{month}月{day}日电".translate(wide)
            if (
                opening is not None
                and opening not in referenced
                and not text.startswith("本报讯")
                and len(line) < width - 2
            ):
                pg.blocks[opening].text = line + text
                first_line = pg.blocks[opening].text[: width - 2]
                where = r.choice(("end of article", "after the original"))
                if not self._insert_copy(
                    pg, start_block, opening, first_line, where, merges, "dateline"
                ):
                    pg.blocks[opening].text = text
                merges = {g.ref[0] for g in pg.gold if g.kind == "merge"}
                end = len(pg.blocks)
        if r.random() < 0.25:
            items = [
                i
                for i in range(start_block, end)
                if pg.blocks[i].tag == "body"
                and _ENUM.match(pg.blocks[i].text)
                and len(pg.blocks[i].text) > width
            ]
            if items:
                src = r.choice(items)
                first_line = pg.blocks[src].text[: width - 2]
                where = r.choice(("end of article", "after the original"))
                self._insert_copy(pg, start_block, src, first_line, where, merges, "list start")

    def _insert_copy(
        self,
        pg: _Page,
        start_block: int,
        src: int,
        copy: str,
        where: str,
        merges: set[int],
        what: str,
    ) -> bool:
        """Insert ``copy`` of block ``src`` (or of its pieces) as a stray block, with its gold."""
        r = self.rng2
        end = len(pg.blocks)
        if where == "end of article":
            at = end
        elif where == "inside the original's break":
            at = src + 1  # between the two pieces: the merge's span ends at the copy
        else:
            # Between two paragraphs (never inside a column break, never between the pieces).
            lo, hi = (start_block, src) if where == "before the original" else (src + 1, end)
            options = [
                i
                for i in range(lo, hi + 1)
                if (i == end or pg.blocks[i].tag == "body")
                and (i - 1) not in merges
                and i > start_block
                and pg.blocks[i - 1].tag == "body"
            ]
            if not options:
                return False
            at = r.choice(options)
        pg.blocks.insert(at, Block(copy, "orphan"))
        for g in pg.gold:
            g.ref = tuple(i + 1 if i >= at else i for i in g.ref)
        case = {
            "whole paragraph": "whole paragraph repeated, original cut by a column break",
            "dateline": "orphan repeat of a dateline start",
            "list start": "orphan repeat of a list start",
        }[what]
        pg.gold.append(Gold("duplicate", f"{case} ({where})", (at,)))
        return True

    def render(self, pg: _Page, damaged: bool, width: int) -> Article:
        sep = "\n\n"
        starts, ends = [], []
        pos = 0
        pieces = []
        for b in pg.blocks:
            starts.append(pos)
            pieces.append(b.text)
            pos += len(b.text)
            ends.append(pos)
            pieces.append(sep)
            pos += len(sep)
        text = "".join(pieces)
        gold = []
        n = len(pg.blocks)
        for g in pg.gold:
            if g.kind == "merge":
                i = g.ref[0]
                gold.append(
                    {"kind": "merge", "case": g.case, "start": ends[i], "end": starts[i + 1]}
                )
            elif g.kind == "duplicate":
                i = g.ref[0]
                span = (starts[i], starts[i + 1]) if i + 1 < n else (ends[i - 1], ends[i])
                gold.append({"kind": "duplicate", "case": g.case, "start": span[0], "end": span[1]})
            else:
                a, b = g.ref
                gold.append(
                    {"kind": "truncation", "case": g.case, "start": starts[a], "end": ends[b]}
                )
        return Article(text, gold, damaged, width)


def generate(half: str, n_damaged: int, n_clean: int, seed: int = 2026) -> list[Article]:
    paras = halves()[half]
    gen = Generator(paras, seed + (0 if half == "tune" else 1))
    return [gen.page(True) for _ in range(n_damaged)] + [gen.page(False) for _ in range(n_clean)]
