"""Newspaper pages typeset from dev text, printed to PDF by Chromium, read by pdftotext and tesseract.

    python -m bench.pdf_pages [--half tune|report|both] [--pages 45] [--no-ocr]

Every page is HTML with CSS columns (3–5 columns, 2-em first-line indents), several articles with
headline, subhead and byline blocks, a running head (paper name, date, weekday, page number,
section, in one of several orders and formats), a page number in the footer, and jump lines
(``（下转第N版）`` where an article is cut off at the foot of its box, ``（上接第N版）`` where the
rest of a cut article goes on, on a later page). Headless Chromium prints the page with
``--print-to-pdf``; before it does, a script on the page trims every box to what fits (cutting the
last paragraph where the box ends, as a paper does) and writes what it trimmed into the document
title, which ends up in the PDF's Title: the gold is rebuilt from it. ``pdftotext`` (default
reading-order mode, as scrapers use it) and ``pdftoppm`` + ``tesseract -l chi_sim`` read the PDF.

Source text: ../shared/data/news-clean-dev (paragraph per line, headlines made from clauses of
other paragraphs, as bench/layout_gen.py does) and the days from 2025 of ../shared/data/archive-cctv
(articles with their own headlines). Paragraphs go to the ``tune`` or ``report`` half by a hash
of their text (news) or of their article's headline (CCTV, so that an article stays in one half);
a page uses one half only. Page layouts and running-head formats marked ``report_only`` are
never used on tune pages.

Output (cached by content hash; ``CORPUSFIX_PDFPAGES`` names the folder, default
../cache/pdfpages beside the checkout): ``HALF/pNNN.html`` (the source Chromium printed), ``.pdf``, ``.txt``
(pdftotext), ``.ocr.txt`` (tesseract), ``.gold.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import html
import json
import lzma
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from bench.common import ROOT, SHARED_DATA, require
from bench.layout_gen import GIVEN, ROLES, SURNAMES, UNITS, halves

CACHE = Path(os.environ.get("CORPUSFIX_PDFPAGES") or ROOT.parent / "cache" / "pdfpages")
# Bump when the page making changes in a way the HTML does not show (the tools' options).
RECIPE = "pdfpages-3"
OCR_DPI = 200
OCR_PSM = 3  # automatic page segmentation: finds the columns, one output line per printed line
SENTENCE_END = "。！？；”"
PAPERS = (
    "经济日报",
    "人民日报",
    "光明日报",
    "新华日报",
    "大众日报",
    "南方日报",
    "解放日报",
    "湖北日报",
    "北方新报",
    "内蒙古日报",
)
SECTIONS = ("要闻", "社会", "地方", "经济", "综合", "国际", "理论", "文化", "科教", "民生", "农村")
WEEKDAYS = "一二三四五六日"
CN_DIGITS = "〇一二三四五六七八九"


# --------------------------------------------------------------------------- source text


@dataclass
class SourceArticle:
    headline: str | None
    paragraphs: list[str]
    subhead: str | None = None
    origin: str = "news"
    byline: str | None = None
    # A continuation: the page it comes from (``（上接第N版）``); its first paragraph is then the
    # rest of a paragraph cut there, printed without an indent.
    cont_from: int | None = None


def _half_of(key: str) -> str:
    return "tune" if zlib.crc32(key.encode()) % 2 == 0 else "report"


_URL = re.compile(r"https?://|\[查看原文\]|\]\(|&[a-z]+;")


def _body_ok(p: str) -> bool:
    if len(p) < 12 or len(p) > 700 or p[-1] not in "。！？”" or _URL.search(p):
        return False
    return all(p.count(a) == p.count(b) for a, b in (("“", "”"), ("《", "》"), ("（", "）")))


def cctv_articles(half: str) -> list[SourceArticle]:
    """Articles of the 2025+ days in one half (by a hash of the headline)."""
    return [
        SourceArticle(head, list(body), sub, "cctv")
        for head, sub, body in _cctv_all()
        if _half_of(head if sub is None else head + sub) == half
    ]


@functools.cache
def _cctv_all() -> tuple[tuple[str, str | None, tuple[str, ...]], ...]:
    """Articles of the 2025+ days: a headline line, its paragraphs, up to the ``[查看原文]`` link."""
    path = require(SHARED_DATA / "archive-cctv" / "cctv-news.txt.xz")
    lines = lzma.decompress(path.read_bytes()).decode("utf-8").splitlines()
    out: list[tuple[str, str | None, tuple[str, ...]]] = []
    in_2025 = False
    in_items = False
    current: list[str] = []
    for raw in lines:
        ln = raw.strip()
        m = re.match(r"《新闻联播》 \((\d{8})\)$", ln)
        if m:
            in_2025 = m.group(1) >= "20250101"
            in_items = False
            current = []
            continue
        if not in_2025 or not ln:
            continue
        if re.match(r"（《新闻联播》 \d{8}", ln):  # end of the day's summary list
            in_items = True
            current = []
            continue
        if not in_items:
            continue
        if ln.startswith("[查看原文]"):
            if len(current) >= 2:
                head, body = current[0], [p for p in current[1:] if _body_ok(p)]
                if body and 4 <= len(head) <= 40 and head[-1] not in "。；：":
                    sub = None
                    if "——" in head and head.index("——") >= 4:
                        head, sub = head.split("——", 1)
                        sub = "——" + sub
                    out.append((head, sub, tuple(body)))
            current = []
            continue
        current.append(ln)
    return tuple(out)


# --------------------------------------------------------------------------- page design


@dataclass(frozen=True)
class Layout:
    name: str
    width_mm: int
    height_mm: int
    font: str
    font_pt: float
    leading: float
    # Boxes as CSS grid areas: (grid-column, grid-row, columns, jump-allowed).
    grid_columns: int
    grid_rows: str
    boxes: tuple[tuple[str, str, int], ...]
    justify: bool = False
    rules: bool = False
    gap_mm: float = 8
    report_only: bool = False
    dev2_only: bool = False


# Leading stays under 1.5: pdftotext groups lines into a block only when their baselines are
# closer than 1.5 font sizes (wider set pages come out one line per block, row by row). Column
# gaps of 7-9 mm: narrower, pdftotext reads a headline's lines together with the body lines of
# the next column (it does anyway where a headline sits beside text; that is damage we keep).
LAYOUTS = (
    Layout("flow3", 230, 330, "Noto Serif CJK SC", 10.5, 1.4, 1, "1fr", (("1", "1", 3),), gap_mm=8),
    Layout(
        "flow4-two-bands", 230, 330, "Noto Serif CJK SC", 10, 1.35, 1, "3fr 2fr",
        (("1", "1", 4), ("1", "2", 4)), gap_mm=7.5,
    ),
    Layout(
        "five-columns", 250, 340, "AR PL UMing CN", 9.5, 1.35, 1, "1fr", (("1", "1", 5),), gap_mm=7,
    ),
    Layout(
        "lead-and-two", 230, 330, "Noto Sans CJK SC", 9.5, 1.4, 2, "1fr 1fr",
        (("1 / span 2", "1", 4), ("1", "2", 2), ("2", "2", 2)), gap_mm=8,
    ),
    Layout(
        "main-and-sidebar", 230, 330, "Noto Serif CJK SC", 10, 1.3, 4, "1fr",
        (("1 / span 3", "1", 3), ("4", "1", 1)), gap_mm=9,
    ),
    Layout(
        "three-boxes", 240, 330, "WenQuanYi Micro Hei", 9.5, 1.35, 5, "1fr 1fr",
        (("1 / span 3", "1", 3), ("4 / span 2", "1", 2), ("1 / span 5", "2", 5)), gap_mm=8,
    ),
    # Used on report pages only.
    Layout(
        "justified-ruled-four", 230, 330, "Noto Serif CJK SC", 10, 1.45, 1, "1fr",
        (("1", "1", 4),), justify=True, rules=True, report_only=True, gap_mm=8,
    ),
    Layout(
        "bands-three-five", 250, 350, "AR PL UMing CN", 9.5, 1.3, 1, "1fr 1fr 1fr",
        (("1", "1", 5), ("1", "2", 3), ("1", "3", 4)), rules=True, report_only=True, gap_mm=7.5,
    ),
    # The dev2 half only (tune text, layouts no other half has): a check of how rules decided
    # on the tune pages carry over to layouts nobody tuned on, without spending the report half.
    Layout(
        "six-narrow-justified", 250, 340, "Noto Sans CJK SC", 9, 1.35, 1, "1fr",
        (("1", "1", 6),), justify=True, dev2_only=True, gap_mm=6.5,
    ),
    Layout(
        "lead-three-and-sidebar", 240, 340, "WenQuanYi Micro Hei", 10, 1.4, 4, "2fr 3fr",
        (("1 / span 4", "1", 4), ("1 / span 3", "2", 3), ("4", "2", 1)), justify=True,
        rules=True, dev2_only=True, gap_mm=8,
    ),
    Layout(
        "serif-two-bands-three", 230, 330, "Noto Serif CJK SC", 10.5, 1.4, 3, "1fr 1fr",
        (("1 / span 3", "1", 3), ("1 / span 2", "2", 2), ("3", "2", 1)), dev2_only=True,
        gap_mm=8.5,
    ),
)  # fmt: skip


@dataclass(frozen=True)
class PageFacts:
    paper: str
    year: int
    month: int
    day: int
    weekday: int
    page: int
    section: str
    editor: str


def _cn_year(y: int) -> str:
    return "".join(CN_DIGITS[int(c)] for c in str(y))


# Each format returns the running head as (left, centre, right) pieces and the footer pieces.
def _head(fmt: int, f: PageFacts) -> tuple[list[str], list[str]]:
    wd = "星期" + WEEKDAYS[f.weekday]
    date_cn = f"{f.year}年{f.month}月{f.day}日"
    if fmt == 0:  # one line: 经济日报 2014年4月7日 星期一 第7版 社会
        return [f"{f.paper} {date_cn} {wd} 第{f.page}版 {f.section}"], [str(f.page)]
    if fmt == 1:
        return [f"第{f.page:02d}版：{f.section}", f.paper], [f"- {f.page} -"]
    if fmt == 2:
        return [f"{date_cn}　{wd}", f.paper, f"{f.section}　{f.page}"], []
    if fmt == 3:
        return [f"{f.paper} | {f.year}.{f.month:02d}.{f.day:02d} | 第{f.page}版 | {f.section}"], [
            f"第{f.page}版"
        ]
    if fmt == 4:
        return [f"A{f.page} {f.section}", f"{date_cn} {wd}", f.paper], [
            f"责任编辑：{f.editor}",
            str(f.page),
        ]
    if fmt == 5:
        return [
            f"{wd} {f.year}-{f.month:02d}-{f.day:02d}",
            f"第 {f.page} 版",
            f"责任编辑：{f.editor}",
        ], [str(f.page)]
    if fmt == 6:  # report only
        return [f"{f.paper}·{f.section}", f"{date_cn} 周{WEEKDAYS[f.weekday]}", f"第{f.page}版"], [
            f"{f.page:02d}"
        ]
    # fmt 7, report only: big folio, section, date in Chinese numerals
    return [
        f"{f.page:02d}",
        f"{f.section}新闻",
        f"{_cn_year(f.year)}年{f.month}月{f.day}日 {wd}",
    ], [f"{f.paper} {f.page}"]


HEAD_FORMATS = 8
REPORT_ONLY_HEADS = frozenset({6, 7})


# --------------------------------------------------------------------------- generator


@dataclass
class Pools:
    news: list[str]
    cctv: list[SourceArticle]
    titles: list[str]
    continuations: list[SourceArticle] = field(default_factory=list)
    news_at: int = 0
    cctv_at: int = 0


class PageMaker:
    def __init__(self, half: str, seed: int) -> None:
        text_half = "tune" if half == "dev2" else half  # dev2: tune text, its own layouts
        paras = halves()[text_half]
        self.half = half
        self.rng = random.Random(seed)
        self.pools = Pools(
            news=[p for i, p in enumerate(paras) if i % 10],
            cctv=cctv_articles(text_half),
            titles=paras[::10],
        )
        self.rng.shuffle(self.pools.cctv)
        self.reporters = [self.name() for _ in range(8)]

    def name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2))))

    def clause(self, lo: int, hi: int) -> str:
        for _ in range(50):
            p = self.rng.choice(self.pools.titles)
            parts = [
                c
                for c in re.split(r"[，。；：！？、“”《》（）]", p)
                if lo <= len(c) <= hi and not re.search(r"[A-Za-z0-9０-９\s]|记者|本报|讯|电", c)
            ]
            if parts:
                return self.rng.choice(parts)
        return "推动经济社会高质量发展"

    def byline(self) -> str | None:
        r = self.rng
        x = r.random()
        if x < 0.25:
            return None
        rep = r.choice(self.reporters)
        forms = (
            f"●本报记者 {rep}",
            f"本报记者 {rep} 通讯员 {self.name()}",
            f"□本报记者 {rep}",
            f"■ 记者 {rep}",
            f"新华社记者 {rep} {self.name()}",
        )
        return r.choice(forms)

    def news_article(self, chars: int) -> SourceArticle:
        r = self.rng
        pool = self.pools
        body: list[str] = []
        while sum(map(len, body)) < chars and pool.news_at < len(pool.news):
            body.append(pool.news[pool.news_at])
            pool.news_at += 1
        if not body:
            return self.cctv_article(chars)
        if r.random() < 0.5:
            head = f"{self.clause(4, 10)} {self.clause(4, 12)}"
        else:
            head = self.clause(8, 18)
        sub = None
        if r.random() < 0.35:
            sub = f"——访{r.choice(UNITS)}{r.choice(ROLES)}{self.name()}"
        if r.random() < 0.2:
            body[0] = (
                f"本报{r.choice(('北京', '上海', '呼和浩特', '济南'))}{r.randint(1, 12)}月{r.randint(1, 28)}日电 "
                + body[0]
            )
        return SourceArticle(head, body, sub, "news")

    def cctv_article(self, chars: int) -> SourceArticle:
        pool = self.pools
        if pool.cctv_at >= len(pool.cctv):
            pool.cctv_at = 0  # out of text: start over (pages then repeat articles)
        a = pool.cctv[pool.cctv_at]
        pool.cctv_at += 1
        body: list[str] = []
        for p in a.paragraphs:
            if sum(map(len, body)) >= chars:
                break
            body.append(p)
        return SourceArticle(a.headline, body, a.subhead, "cctv")

    def article(self, chars: int) -> SourceArticle:
        if self.pools.news_at < len(self.pools.news) and self.rng.random() < 0.5:
            return self.news_article(chars)
        return self.cctv_article(chars)

    def page_spec(self, index: int) -> dict[str, Any]:
        r = self.rng
        if self.half == "dev2":
            layouts = [lay for lay in LAYOUTS if lay.dev2_only]
        else:
            layouts = [
                lay
                for lay in LAYOUTS
                if not lay.dev2_only and (self.half == "report" or not lay.report_only)
            ]
        heads = [
            h for h in range(HEAD_FORMATS) if self.half == "report" or h not in REPORT_ONLY_HEADS
        ]
        # Cycle through layouts and head formats so that each one is used on several pages.
        layout = layouts[index % len(layouts)]
        head = heads[(index // len(layouts) + index) % len(heads)]
        year = r.choice((2024, 2025, 2025, 2026))
        month, day = r.randint(1, 12), r.randint(1, 28)
        import datetime

        weekday = datetime.date(year, month, day).weekday()
        page_no = r.randint(1, 16)
        facts = PageFacts(
            r.choice(PAPERS), year, month, day, weekday, page_no, r.choice(SECTIONS), self.name()
        )
        boxes = []
        fs_mm = layout.font_pt * 0.3528
        page_area = (layout.width_mm - 24) * (layout.height_mm - 40)
        total_cols = sum(b[2] for b in layout.boxes)
        for gc, gr, cols in layout.boxes:
            share = cols / total_cols
            cap = int(page_area * share / (fs_mm * fs_mm * layout.leading) * 1.3)
            arts = []
            given = 0
            if self.pools.continuations and r.random() < 0.5:
                cont = self.pools.continuations.pop(0)
                arts.append(cont)
                given += sum(map(len, cont.paragraphs))
            while given < cap:
                want = min(cap - given + 200, r.randint(500, 1600))
                a = self.article(want)
                a.byline = self.byline()
                arts.append(a)
                given += sum(map(len, a.paragraphs)) + 40
            jump = r.randint(page_no + 1, page_no + 8) if r.random() < 0.6 else None
            boxes.append({"grid": (gc, gr), "cols": cols, "articles": arts, "jump": jump})
        return {"layout": layout, "head": head, "facts": facts, "boxes": boxes}


# --------------------------------------------------------------------------- HTML


_FIT_JS = r"""
(function () {
  // Trim every box to what fits; the PDF's title records what was trimmed (the gold reads it).
  const CLOSE = "。！？；”";
  const log = [];
  function over(b) { return b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1; }
  for (const box of document.querySelectorAll(".box")) {
    if (!over(box)) continue;
    const items = [...box.querySelectorAll("[data-r]")];
    const rm = [];
    let removed = null, parent = null, cut = null, jumpAfter = null;
    while (over(box) && items.length) {
      removed = items.pop(); parent = removed.parentNode; removed.remove(); rm.push(removed.dataset.k);
    }
    const jump = box.dataset.jump;
    if (jump && removed && removed.dataset.r === "body") {
      const full = removed.textContent;
      const j = document.createElement("p");
      j.className = "jump"; j.textContent = "（下转第" + jump + "版）";
      parent.appendChild(removed); parent.appendChild(j);
      let lo = 0, hi = full.length - 4;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        removed.textContent = full.slice(0, mid);
        if (over(box)) hi = mid - 1; else lo = mid;
      }
      let at = lo;
      while (at > 0 && CLOSE.includes(full[at - 1])) at--;
      if (at >= 8) {
        removed.textContent = full.slice(0, at);
        rm.pop(); cut = [removed.dataset.k, at]; jumpAfter = removed.dataset.k;
      } else {
        removed.remove();
        if (over(box)) j.remove(); else jumpAfter = items.length ? items[items.length - 1].dataset.k : null;
      }
    }
    // An article left without any body paragraph goes altogether.
    for (const art of box.querySelectorAll(".art")) {
      if (!art.querySelector('[data-r="body"]')) {
        for (const e of art.querySelectorAll("[data-r]")) rm.push(e.dataset.k);
        if (jumpAfter !== null && art.querySelector('[data-k="' + jumpAfter + '"]')) jumpAfter = null;
        art.remove();
      }
    }
    log.push({rm: rm, cut: cut, jump: jumpAfter === null ? null : [jumpAfter, jump]});
  }
  document.title = "fit:" + JSON.stringify(log);
})();
"""


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def page_html(spec: dict[str, Any], with_script: bool) -> str:
    lay: Layout = spec["layout"]
    facts: PageFacts = spec["facts"]
    head, foot = _head(spec["head"], facts)
    # Every block's height is a whole number of body lines (a baseline grid, as papers set
    # them): the lines of neighbouring columns sit on the same baselines.
    line = lay.font_pt * lay.leading
    css = f"""
@page {{ size: {lay.width_mm}mm {lay.height_mm}mm; margin: 0; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "{lay.font}", "Noto Serif CJK SC", serif; font-size: {lay.font_pt}pt;
  line-height: {line:.2f}pt; color: #111; }}
.page {{ width: {lay.width_mm}mm; height: {lay.height_mm - 1}mm; box-sizing: border-box;
  padding: 9mm 11mm 8mm 11mm; display: flex; flex-direction: column; overflow: hidden; }}
.head {{ display: flex; justify-content: space-between; align-items: baseline;
  border-bottom: 1.5pt solid #222; padding-bottom: 1.5mm; margin-bottom: 3mm;
  font-family: "Noto Sans CJK SC", sans-serif; font-size: 9pt; }}
.head.big span:first-child {{ font-size: 20pt; font-weight: bold; }}
.grid {{ flex: 1; min-height: 0; display: grid; gap: 4mm 5mm;
  grid-template-columns: repeat({lay.grid_columns}, 1fr); grid-template-rows: {lay.grid_rows}; }}
.box {{ overflow: hidden; min-height: 0; column-fill: auto; column-gap: {lay.gap_mm}mm;
  {"column-rule: 0.4pt solid #777;" if lay.rules else ""} }}
.art {{ margin-bottom: {line:.2f}pt; }}
h2 {{ font-family: "Noto Sans CJK SC", sans-serif; font-size: {lay.font_pt * 1.7:.1f}pt;
  line-height: {2 * line:.2f}pt; margin: 0; font-weight: bold; break-inside: avoid; }}
h3 {{ font-size: {lay.font_pt * 1.15:.1f}pt; font-weight: normal; margin: 0; break-inside: avoid; }}
.by {{ font-family: "Noto Sans CJK SC", sans-serif; margin: 0; }}
p {{ margin: 0; text-indent: 2em; {"text-align: justify;" if lay.justify else ""} }}
p.cont {{ text-indent: 0; }}
p.jump, p.from {{ text-indent: 0; text-align: right; font-size: {lay.font_pt * 0.9:.1f}pt; }}
p.from {{ text-align: left; }}
.foot {{ display: flex; justify-content: space-between; margin-top: 2mm;
  font-family: "Noto Sans CJK SC", sans-serif; font-size: 9pt; }}
"""
    out = [
        "<!DOCTYPE html><html lang=zh-CN><head><meta charset=utf-8>",
        f"<style>{css}</style></head><body><div class=page>",
    ]
    big = " big" if spec["head"] == 7 else ""
    out.append(f'<div class="head{big}">')
    keys = iter(range(1, 10**6))

    def el(tag: str, role: str, text: str, attrs: str = "") -> str:
        return f'<{tag}{attrs} data-r="{role}" data-k="{next(keys)}">{_esc(text)}</{tag}>'

    out.extend(el("span", "furniture", h) for h in head)
    out.append('</div><div class="grid">')
    for bi, box in enumerate(spec["boxes"]):
        gc, gr = box["grid"]
        jump = f' data-jump="{box["jump"]}"' if box["jump"] else ""
        out.append(
            f'<div class="box" style="grid-column: {gc}; grid-row: {gr}; '
            f'column-count: {box["cols"]}"{jump}>'
        )
        for ai, art in enumerate(box["articles"]):
            out.append(f'<div class="art" data-a="{bi}.{ai}">')
            if art.headline:
                out.append(el("h2", "headline", art.headline))
            if art.subhead:
                out.append(el("h3", "subhead", art.subhead))
            if art.cont_from is not None:
                out.append(el("p", "jump", f"（上接第{art.cont_from}版）", ' class="from"'))
            elif art.byline:
                out.append(el("div", "byline", art.byline, ' class="by"'))
            for pi, p in enumerate(art.paragraphs):
                tail = art.cont_from is not None and pi == 0
                cls = ' class="cont" data-cut="start"' if tail else ""
                out.append(el("p", "body", p, f'{cls} data-p="{pi}"'))
            out.append("</div>")
        out.append("</div>")
    out.append('</div><div class="foot">')
    out.extend(el("span", "furniture", h) for h in foot)
    out.append("</div></div>")
    if with_script:
        out.append(f"<script>{_FIT_JS}</script>")
    out.append("</body></html>")
    return "".join(out)


# --------------------------------------------------------------------------- rendering


def tools_missing() -> list[str]:
    return [t for t in ("chromium", "pdftotext", "pdftoppm", "pdfinfo") if not shutil.which(t)]


def _chromium(args: list[str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    cmd = [
        "nice", "-n", "10", "chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-extensions", "--no-first-run", "--hide-scrollbars",
        "--font-render-hinting=none", *args,
    ]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="corpusfix-chromium-") as profile:
        cmd.insert(4, f"--user-data-dir={profile}")
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)


def _objects() -> Path:
    path = CACHE / "objects"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _key(*parts: str) -> str:
    h = hashlib.sha256(RECIPE.encode())
    for p in parts:
        h.update(b"\0" + p.encode())
    return h.hexdigest()[:24]


def print_pdf(page: str) -> tuple[Path, list[dict[str, Any]]]:
    """Print the page; returns the PDF and what the page's script trimmed (from the PDF's title)."""
    out = _objects() / f"{_key('pdf', page)}.pdf"
    if not out.exists():
        with tempfile.TemporaryDirectory(prefix="corpusfix-page-") as tmp:
            src = Path(tmp) / "page.html"
            src.write_text(page, "utf-8")
            pdf = Path(tmp) / "page.pdf"
            res = _chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", src.as_uri()])
            if not pdf.exists():
                raise RuntimeError(f"chromium printed nothing: {res.stderr.strip()[-300:]}")
            shutil.move(str(pdf), out)
    info = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", str(out)], capture_output=True, text=True, check=True
    ).stdout
    m = re.search(r"^Title:\s+fit:(.*)$", info, re.M)
    if not m:
        raise RuntimeError(f"{out}: the page's script did not run (no fit record in the title)")
    trims: list[dict[str, Any]] = json.loads(m.group(1))
    return out, trims


def pdf_pages_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(m.group(1)) if m else 0


def pdftotext(pdf: Path) -> str:
    """pdftotext in its default (reading-order) mode, as scrapers run it."""
    res = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    )
    return res.stdout.decode("utf-8")


def ocr_cache(pdf: Path) -> Path:
    """Where the OCR of a PDF is kept: by the PDF's content (pages of both halves share names)."""
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:24]
    return _objects() / f"{digest}.ocr{OCR_DPI}-psm{OCR_PSM}.txt"


def ocr(pdf: Path) -> str:
    out = ocr_cache(pdf)
    if out.exists():
        return out.read_text("utf-8")
    with tempfile.TemporaryDirectory(prefix="corpusfix-ocr-") as tmp:
        png = Path(tmp) / "page"
        subprocess.run(
            ["nice", "-n", "10", "pdftoppm", "-r", str(OCR_DPI), "-gray", "-png", "-singlefile",
             str(pdf), str(png)],
            check=True,
        )  # fmt: skip
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        res = subprocess.run(
            ["nice", "-n", "10", "tesseract", f"{png}.png", "stdout", "-l", "chi_sim",
             "--psm", str(OCR_PSM)],
            capture_output=True, check=True, env=env,
        )  # fmt: skip
    text = res.stdout.decode("utf-8")
    out.write_text(text, "utf-8")
    return text


# --------------------------------------------------------------------------- gold


class _Units(HTMLParser):
    """The labelled elements of a laid-out page (``data-r``), in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.units: list[dict[str, Any]] = []
        self._open: dict[str, Any] | None = None
        self._article = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("data-a"):
            self._article = a["data-a"] or ""
        role = a.get("data-r")
        if role:
            self._open = {"role": role, "text": "", "tag": tag, "k": a.get("data-k")}
            if role != "furniture":
                self._open["article"] = self._article
            if a.get("data-cut"):
                self._open["cut"] = a["data-cut"]
            if a.get("data-p"):
                self._open["p"] = int(a["data-p"] or 0)

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._open["tag"]:
            u = self._open
            del u["tag"]
            if u["role"] == "jump":
                u["role"] = "furniture"
            self.units.append(u)
            self._open = None


def gold_units(page: str, trims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The units left on the printed page, in document order, jump lines included."""
    parser = _Units()
    parser.feed(page)
    gone = {k for t in trims for k in t["rm"]}
    cuts = {t["cut"][0]: t["cut"][1] for t in trims if t["cut"]}
    jumps = {t["jump"][0]: t["jump"][1] for t in trims if t["jump"]}
    units = []
    for u in parser.units:
        k = u.pop("k")
        if k in gone:
            continue
        if k in cuts:
            u["rest"] = u["text"][cuts[k] :]
            u["text"] = u["text"][: cuts[k]]
            u["cut"] = "end" if "cut" not in u else "both"
        units.append(u)
        if k in jumps:
            units.append({"role": "furniture", "text": f"（下转第{jumps[k]}版）"})
    return units


# --------------------------------------------------------------------------- the pages


def make_page(maker: PageMaker, index: int) -> dict[str, Any]:
    """One page: trimmed, printed on one sheet, extracted; the gold and the files' paths."""
    spec = maker.page_spec(index)
    layout: Layout = spec["layout"]
    for _attempt in range(4):
        page = page_html(spec, with_script=True)
        pdf, trims = print_pdf(page)
        if pdf_pages_count(pdf) == 1:
            break
        # Nothing should spill over (the page box clips), but never score a two-sheet page.
        spec["layout"] = layout = dataclasses.replace(layout, height_mm=layout.height_mm - 3)
    else:
        raise RuntimeError(f"page {index} does not fit on one sheet")
    units = gold_units(page, trims)
    # What a box did not have room for goes on, as a continuation, on a later page.
    by_key = {
        f"{bi}.{ai}": a for bi, b in enumerate(spec["boxes"]) for ai, a in enumerate(b["articles"])
    }
    for u in units:
        if u.get("cut") in ("end", "both"):
            art = by_key[u["article"]]
            rest = u.pop("rest")
            if rest:
                short = None
                if art.headline and maker.rng.random() < 0.5:
                    short = art.headline
                maker.pools.continuations.append(
                    SourceArticle(
                        short, [rest, *art.paragraphs[u["p"] + 1 :]], None, art.origin,
                        cont_from=spec["facts"].page,
                    )
                )  # fmt: skip
    facts: PageFacts = spec["facts"]
    return {
        "layout": layout.name,
        "report_only_layout": layout.report_only,
        "head_format": spec["head"],
        "report_only_head": spec["head"] in REPORT_ONLY_HEADS,
        "facts": facts.__dict__,
        "html": page,
        "pdf": pdf,
        "units": units,
    }


def build(half: str, n: int, with_ocr: bool, seed: int = 2026) -> list[Path]:
    """Make (or find in the cache) the pages of a half; returns their gold files."""
    missing = tools_missing()
    if missing:
        sys.exit(f"cannot make PDF pages: {', '.join(missing)} not installed")
    folder = CACHE / half
    folder.mkdir(parents=True, exist_ok=True)
    maker = PageMaker(half, seed + {"tune": 0, "report": 1, "dev2": 2}[half])
    golds = []
    for i in range(n):
        page = make_page(maker, i)
        stem = folder / f"p{i:03d}"
        stem.with_suffix(".html").write_text(page["html"], "utf-8")
        shutil.copyfile(page["pdf"], stem.with_suffix(".pdf"))
        stem.with_suffix(".txt").write_text(pdftotext(page["pdf"]), "utf-8")
        gold = {
            "page": stem.name,
            "half": half,
            "layout": page["layout"],
            "report_only_layout": page["report_only_layout"],
            "head_format": page["head_format"],
            "report_only_head": page["report_only_head"],
            "facts": page["facts"],
            "units": page["units"],
            "furniture": [u["text"] for u in page["units"] if u["role"] == "furniture"],
        }
        gpath = stem.with_suffix(".gold.json")
        gpath.write_text(json.dumps(gold, ensure_ascii=False, indent=1), "utf-8")
        golds.append(gpath)
        print(f"{half} {stem.name}: {page['layout']}, head {page['head_format']}, "
              f"{sum(u['role'] == 'body' for u in page['units'])} body paragraphs", flush=True)  # fmt: skip
    if with_ocr:
        for i in range(n):
            stem = folder / f"p{i:03d}"
            stem.with_suffix(".ocr.txt").write_text(ocr(stem.with_suffix(".pdf")), "utf-8")
            print(f"{half} {stem.name}: OCR done", flush=True)
    return golds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--half", choices=("tune", "report", "both", "dev2"), default="both")
    ap.add_argument("--pages", type=int, default=45)
    ap.add_argument("--no-ocr", action="store_true", help="skip pdftoppm + tesseract")
    args = ap.parse_args()
    for half in ("tune", "report") if args.half == "both" else (args.half,):
        build(half, args.pages, not args.no_ocr)


if __name__ == "__main__":
    main()
