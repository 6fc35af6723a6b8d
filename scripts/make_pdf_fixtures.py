"""Make the small PDFs the PDF-input tests read (tests/fixtures/pdf/), with their gold.

    python scripts/make_pdf_fixtures.py [OUTDIR]

Needs Debian's chromium (``--headless --print-to-pdf``) and fonts-noto-cjk or fonts-wqy-microhei;
``encrypted.pdf`` needs Ghostscript (``gs``). The text is written for this project (fictional
news, MIT like the code): no evaluation data goes in. Each page is an HTML newspaper page:
running head (paper, date, page, section), articles with headline, subhead and byline, body in
CSS columns with 2-em first-line indents, a paragraph cut by a page break with jump lines
（下转第2版）/（上接第1版）, and a page number at the foot. ``article.gold.json`` holds what
the extractor must rebuild: headlines, body paragraphs and furniture lines, in reading order.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "pdf"

CSS = """
@page { size: A4; margin: 12mm; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; font-size: 10pt;
       line-height: 1.5; margin: 0; }
.page { height: 268mm; position: relative; break-after: page; }
.head { display: flex; justify-content: space-between; border-bottom: 1px solid #000;
        font-size: 9pt; }
.foot { position: absolute; bottom: 0; width: 100%; text-align: center; font-size: 9pt; }
h1 { font-size: 20pt; text-align: center; margin: 8pt 0 2pt; line-height: 1.3; }
h2 { font-size: 12pt; text-align: center; margin: 2pt 0; font-weight: normal; }
.byline { text-align: center; margin: 2pt 0 6pt; }
.cols { column-gap: 1.5em; }
.cols p { text-indent: 2em; margin: 0; text-align: justify; }
.cols p.cut { text-align-last: justify; }
.cols p.cont { text-indent: 0; }
.cols p.jump { text-indent: 0; text-align: right; }
"""

ARTICLE_1 = {
    "headline": "河畔新城加快建设智慧交通体系 公交地铁实现一码通行",
    "subhead": "——访河畔新城交通运输局局长孙立平",
    "byline": "●本报记者 王思远",
    "columns": 3,
    "paragraphs": [
        "“今年我们要让市民出行更方便、更快捷。”河畔新城交通运输局局长孙立平在接受记者采访时说，新城将从线网优化、智慧调度和绿色出行三个方面推进交通体系建设。",
        "一是优化公交线网。全年新开和调整公交线路24条，新增公交站点136个，重点解决新建小区、产业园区和学校周边的出行难题。新城还将试点需求响应式公交，市民可以通过手机预约乘车，车辆按需调度，减少空驶里程。",
        "二是推进智慧调度。新城交通运行监测中心已接入全部公交车辆和主要路口的实时数据，利用5G network和边缘计算设备，调度员可以在屏幕上看到每一辆车的位置和满载率，遇到大客流时及时加密班次。",
        "三是倡导绿色出行。新城计划新建和改造慢行步道85公里，增设公共自行车租赁点60处，在地铁站周边建设非机动车停车场，让骑行和步行成为越来越多市民的选择。",
        "孙立平介绍，公交地铁一码通行已于上月全面上线，市民使用同一个乘车码即可在公交和地铁之间换乘，换乘优惠自动计算。截至目前，乘车码注册用户已超过120万，日均使用量达到45万人次，",
    ],
    # the last paragraph goes on on page 2 (after the jump lines)
    "continued": "占全部公交地铁客流的六成以上。下一步，新城将把出租车、网约车和共享单车也纳入一码通行体系，逐步实现城市交通一张网、一个码、一次付。",
}

ARTICLE_2 = {
    "headline": "老旧小区改造惠及三万居民",
    "subhead": "",
    "byline": "●本报通讯员 刘晓燕",
    "columns": 4,
    "paragraphs": [
        "记者从河畔新城住房和城乡建设局获悉，今年新城将启动42个老旧小区改造项目，涉及居民1.1万户、3万余人，改造内容包括屋面防水、外墙保温、管网更新、加装电梯和增设停车位等。",
        "在已经完工的东风小区，原本坑洼不平的路面铺上了沥青，杂乱的架空线缆全部入地，楼道里安装了声控照明灯。居民张大爷说，过去下雨天院子里到处是积水，现在干干净净，住着舒心多了。",
        "新城住房和城乡建设局有关负责人表示，改造坚持先民生后提升，充分听取居民意见，做到一小区一方案。改造完成后，小区将引入物业服务，建立长效管理机制，防止出现重改造、轻管理的问题。",
    ],
}

ARTICLE_3 = {
    "headline": "滨江公园二期开园迎客",
    "subhead": "——新增绿地面积十八万平方米",
    "byline": "",
    "columns": 3,
    "paragraphs": [
        "经过两年建设，滨江公园二期工程日前正式开园。二期工程沿江岸线长约3.2公里，新增绿地面积18万平方米，建有滨水步道、亲子乐园、健身广场和观景平台等设施。",
        "公园设计突出生态优先理念，保留了原有的芦苇湿地和大树，新种植乔木4000余株、灌木和地被植物20万平方米。开园首日，不少市民带着孩子前来游玩，在草坪上搭起帐篷，享受江边的春日时光。",
    ],
}


def _article(a: dict[str, object], cut: str = "", cont: str = "", jump: str = "") -> str:
    parts = [f"<h1>{html.escape(str(a['headline']))}</h1>"]
    if a.get("subhead"):
        parts.append(f"<h2>{html.escape(str(a['subhead']))}</h2>")
    if a.get("byline"):
        parts.append(f'<p class="byline">{html.escape(str(a["byline"]))}</p>')
    body = []
    if jump and cont:  # the continuation of a paragraph from another page
        body.append(f'<p class="jump">{html.escape(jump)}</p>')
        body.append(f'<p class="cont">{html.escape(cont)}</p>')
    paras = [str(p) for p in a["paragraphs"]]  # type: ignore[attr-defined]
    for i, p in enumerate(paras):
        last = i == len(paras) - 1
        klass = ' class="cut"' if cut and last else ""
        body.append(f"<p{klass}>{html.escape(p)}</p>")
    if cut:
        body.append(f'<p class="jump">{html.escape(cut)}</p>')
    parts.append(f'<div class="cols" style="column-count:{a["columns"]}">{"".join(body)}</div>')
    return "".join(parts)


def _page(head: tuple[str, str, str], articles: str, number: str) -> str:
    spans = "".join(f"<span>{html.escape(h)}</span>" for h in head)
    return (
        f'<div class="page"><div class="head">{spans}</div>{articles}'
        f'<div class="foot">{html.escape(number)}</div></div>'
    )


def newspaper_html() -> tuple[str, dict[str, object]]:
    page1 = _page(
        ("河畔日报", "2026年3月2日 星期一", "第1版 要闻"),
        _article(ARTICLE_1, cut="（下转第2版）") + _article(ARTICLE_2),
        "1",
    )
    page2_first = {**ARTICLE_1, "headline": "", "subhead": "", "byline": "", "paragraphs": []}
    page2 = _page(
        ("河畔日报", "2026年3月2日 星期一", "第2版 城市"),
        _continuation(page2_first) + _article(ARTICLE_3),
        "2",
    )
    doc = f'<!doctype html><html><head><meta charset="utf-8"><style>{CSS}</style></head><body>{page1}{page2}</body></html>'
    a1 = [str(p) for p in ARTICLE_1["paragraphs"]]  # type: ignore[attr-defined]
    a1[-1] += str(ARTICLE_1["continued"])
    gold = {
        "headlines": [ARTICLE_1["headline"], ARTICLE_2["headline"], ARTICLE_3["headline"]],
        "subheads": [ARTICLE_1["subhead"], ARTICLE_3["subhead"]],
        "bylines": [ARTICLE_1["byline"], ARTICLE_2["byline"]],
        "body": a1 + list(ARTICLE_2["paragraphs"]) + list(ARTICLE_3["paragraphs"]),  # type: ignore[call-overload]
        "furniture": [
            "河畔日报 2026年3月2日 星期一 第1版 要闻",
            "（下转第2版）",
            "1",
            "河畔日报 2026年3月2日 星期一 第2版 城市",
            "（上接第1版）",
            "2",
        ],
    }
    return doc, gold


def _continuation(a: dict[str, object]) -> str:
    body = (
        f'<p class="jump">{html.escape("（上接第1版）")}</p>'
        f'<p class="cont">{html.escape(str(ARTICLE_1["continued"]))}</p>'
    )
    return f'<div class="cols" style="column-count:3;margin-top:8pt">{body}</div>'


def scanned_html() -> str:
    """A page with no text layer: a drawn box stands in for a scanned image."""
    return (
        '<!doctype html><html><head><meta charset="utf-8"><style>@page{size:A5;margin:10mm}'
        "</style></head><body>"
        '<svg width="300" height="400"><rect x="10" y="10" width="280" height="380" '
        'fill="#ccc"/><rect x="40" y="60" width="220" height="12" fill="#333"/></svg>'
        "</body></html>"
    )


def print_pdf(html_text: str, out: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is needed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html_text, encoding="utf-8")
        subprocess.run(
            [
                chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-pdf-header-footer", f"--user-data-dir={tmp}/profile",
                f"--print-to-pdf={out}", page.as_uri(),
            ],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip


def encrypt(src: Path, out: Path) -> None:
    subprocess.run(
        [
            "gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-sOwnerPassword=owner",
            "-sUserPassword=secret", f"-sOutputFile={out}", str(src),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    doc, gold = newspaper_html()
    print_pdf(doc, out / "article.pdf")
    (out / "article.gold.json").write_text(
        json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print_pdf(scanned_html(), out / "scanned.pdf")
    encrypt(out / "scanned.pdf", out / "encrypted.pdf")
    for p in sorted(out.glob("*.pdf")):
        print(f"{p}: {p.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
