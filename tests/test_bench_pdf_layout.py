"""The PDF-page layout benchmark: its scorer on tiny hand-made pages, and one real rendered page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bench import pdf_layout as pl

from tests.conftest import SHARED

HEAD = "增强创新活力 铸就科技强市新篇章"
BYLINE = "●本报记者 叶丽沙"
P1 = "一是高标准建设创新平台。创建呼包鄂国家自主创新示范区，推动科技成果落地转化。"
P2 = "二是加大研发投入力度，全年研发经费增长百分之十以上。"
P3 = "三是优化创新生态。"
RUNNING_HEAD = "经济日报 2014年4月7日 星期一 第7版 社会"


def gold(
    tmp_path: Path, furniture: tuple[str, ...] = (RUNNING_HEAD, "7")
) -> tuple[pl.Gold, dict[str, Any]]:
    units = [
        {"role": "headline", "text": HEAD},
        {"role": "byline", "text": BYLINE},
        {"role": "body", "text": P1},
        {"role": "body", "text": P2},
        {"role": "body", "text": P3},
    ]
    data = {"page": "p", "units": units, "furniture": list(furniture)}
    path = tmp_path / "p.gold.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return pl.Gold.load(path), data


def wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """Column lines: the first two characters shorter (the indent), as pdftotext gives them."""
    first = width - 2 if first is None else first
    lines = [text[:first]]
    rest = text[first:]
    while rest:
        lines.append(rest[:width])
        rest = rest[width:]
    return lines


def score(
    tmp_path: Path, extraction: str, output: str | None = None
) -> tuple[pl.Score, list[bool]]:
    g, data = gold(tmp_path)
    ext = pl.label_extraction(extraction, g, data["furniture"], fuzzy=False)
    lab = ext if output is None else pl.transfer(output, ext)
    return pl.score_output(lab, g, fuzzy=False), pl.ceiling(ext, g, fuzzy=False)


# A page as pdftotext reads it: blocks split by blank lines, paragraphs not; the byline stacked
# on P1's first lines; P1 cut by a column break with the page number between its pieces.
P1_LINES = wrap(P1, 15)
EXTRACTION = "\n".join(
    [
        RUNNING_HEAD,
        "",
        HEAD,
        "",
        BYLINE,
        *P1_LINES[:2],
        "",
        "7",
        "",
        *P1_LINES[2:],
        *wrap(P2, 15),
        *wrap(P3, 15),
        "\f",
    ]
)
IDEAL = f"{HEAD}\n\n{BYLINE}\n\n{P1}\n\n{P2}\n\n{P3}\n"


def test_paragraphs_follow_the_spec() -> None:
    assert pl.paragraphs("a\nb\n\nc\n") == ["a\nb", "c"]
    assert pl.paragraphs("a\nb\nc") == ["a", "b", "c"]  # no blank line: each line
    assert pl.paragraphs("\n\na\nb\n") == ["a", "b"]  # leading blank lines do not count
    assert pl.paragraphs("a\n\u3000\nb") == ["a", "b"]  # an ideographic space is blank
    assert pl.paragraphs("") == []


def test_naive_rule_joins_unless_a_sentence_ends() -> None:
    text = "一二三\n四五。\n\n六七\n八！\n九”\n十"
    assert pl.paragraphs(pl.naive(text)) == ["一二三四五。", "六七八！", "九”", "十"]


def test_normalise_is_strict_about_line_breaks() -> None:
    assert pl.normalise("  本报讯 今天下雨。 ") == "本报讯今天下雨。"
    assert pl.normalise("今天\n下雨。") != pl.normalise("今天下雨。")
    assert pl.normalise("GDP 增长") == "GDP增长"
    assert pl.normalise("Xi Jinping") == "Xi Jinping"  # a space between Latin words stays


def test_raw_extraction(tmp_path: Path) -> None:
    s, ceiling = score(tmp_path, EXTRACTION)
    assert ceiling == [True, True, True]  # P1's pieces in order, only a page number between
    assert (s.body, s.exact) == (3, 0)  # P3 is one line, but in a block with P1's end and P2
    # Blocks: running head | headline | byline + P1 | 7 | P1 + P2 + P3.
    assert (s.out_paragraphs, s.wrong_joins) == (5, 2)
    assert (s.furniture, s.furniture_left) == (2, 2)
    assert (s.heads, s.glued) == (2, 1)  # the byline sits on P1's first lines
    # Breaks: the headline's end is right; the break inside P1 is wrong; 1 of 4 found.
    assert (s.breaks_out, s.breaks_right, s.breaks_found, s.gold_breaks) == (2, 1, 1, 4)


def test_ideal_output_scores_full_marks(tmp_path: Path) -> None:
    s, _ = score(tmp_path, EXTRACTION, IDEAL)
    assert (s.exact, s.wrong_joins, s.furniture_left, s.glued) == (3, 0, 0, 0)
    assert (s.breaks_out, s.breaks_right, s.breaks_found) == (4, 4, 4)


def test_share_of_the_ceiling_counts_only_paragraphs_within_it(tmp_path: Path) -> None:
    g, data = gold(tmp_path)
    ext = pl.label_extraction(EXTRACTION, g, data["furniture"], fuzzy=False)
    out = f"{HEAD}\n\n{BYLINE}\n\n{P1}\n\n{P2}{P3}\n"  # P1 exact, P2 and P3 glued
    s = pl.score_output(pl.transfer(out, ext), g, False, [False, True, True])
    assert (s.exact, s.ceiling, s.exact_in_reach) == (1, 2, 0)


def test_naive_output(tmp_path: Path) -> None:
    s, _ = score(tmp_path, EXTRACTION, pl.naive(EXTRACTION))
    # One paragraph from the running head to P1's end (page number inside), then P2, then P3.
    assert (s.exact, s.out_paragraphs, s.wrong_joins) == (2, 3, 1)
    assert s.furniture_left == 2  # the glued page number counts too
    assert s.glued == 2
    assert (s.breaks_out, s.breaks_right, s.breaks_found) == (2, 2, 2)


def test_a_line_break_left_inside_or_two_paragraphs_glued_are_not_exact(tmp_path: Path) -> None:
    p1 = P1[:13] + "\n" + P1[13:]
    s, _ = score(tmp_path, EXTRACTION, f"{HEAD}\n\n{BYLINE}\n\n{p1}\n\n{P2}{P3}\n")
    assert s.exact == 0
    assert (s.out_paragraphs, s.wrong_joins) == (4, 1)
    assert (s.breaks_right, s.breaks_found) == (3, 3)  # P2's end is missing


def test_ceiling_needs_pieces_in_order_with_only_furniture_between(tmp_path: Path) -> None:
    g, data = gold(tmp_path)
    p1 = wrap(P1, 15)
    p2 = wrap(P2, 15)
    # P2's first line printed between P1's pieces (columns read across).
    across = "\n".join([HEAD, BYLINE, p1[0], p2[0], *p1[1:], *p2[1:], P3])
    ext = pl.label_extraction(across, g, data["furniture"], fuzzy=False)
    assert pl.ceiling(ext, g, fuzzy=False) == [False, False, True]
    # P1's last line lost: not whole.
    lost = "\n".join([HEAD, BYLINE, *p1[:2], *p2, P3])
    ext = pl.label_extraction(lost, g, data["furniture"], fuzzy=False)
    assert pl.ceiling(ext, g, fuzzy=False) == [False, True, True]


def test_pieces_put_out_of_order_are_still_labelled(tmp_path: Path) -> None:
    g, data = gold(tmp_path)
    # The headline comes out after the body, as pdftotext does with some wide headlines.
    text = f"{BYLINE}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{HEAD}\n"
    s = pl.score_output(pl.label_extraction(text, g, data["furniture"], fuzzy=False), g, False)
    assert (s.exact, s.wrong_joins, s.glued) == (3, 0, 0)
    assert s.breaks_found == 4  # the headline's end is found where it was printed


def test_ocr_breaks_are_matched_within_two_characters(tmp_path: Path) -> None:
    g, data = gold(tmp_path)
    # OCR: a character misread, P1's full stop and P2's first character dropped, the page
    # number read as "T".
    ocr = f"{HEAD}\n\n{BYLINE}\n\n{P1[:5]}杨{P1[6:-1]}\n\nT\n\n{P2[1:]}\n\n{P3}\n"
    ext = pl.label_extraction(ocr, g, data["furniture"], fuzzy=True)
    s = pl.score_output(ext, g, fuzzy=True)
    assert (s.breaks_right, s.breaks_found, s.gold_breaks) == (4, 4, 4)
    exact = pl.score_output(ext, g, fuzzy=False)
    assert exact.breaks_found == 3  # without the tolerance the P1|P2 break is a character off


def test_furniture_glued_inside_text_is_counted_left(tmp_path: Path) -> None:
    out = f"{HEAD}\n\n{BYLINE}\n\n{P1[:20]}{RUNNING_HEAD}{P1[20:]}\n\n{P2}\n\n{P3}\n"
    g, data = gold(tmp_path)
    s = pl.score_output(pl.label_extraction(out, g, data["furniture"], fuzzy=False), g, False)
    assert (s.furniture_left, s.wrong_joins, s.exact) == (1, 1, 2)


def _tools() -> list[str]:
    return [t for t in ("chromium", "pdftotext", "pdfinfo") if not shutil.which(t)]


def test_one_page_printed_by_chromium_and_read_by_pdftotext(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if _tools():
        pytest.skip(f"{', '.join(_tools())} not installed (Debian: chromium, poppler-utils)")
    if not (SHARED / "data" / "archive-cctv").is_dir():
        pytest.skip(f"evaluation data not found at {SHARED / 'data'} (../shared is absent)")
    from collections import Counter

    from bench import pdf_pages

    monkeypatch.setattr(pdf_pages, "CACHE", tmp_path)
    maker = pdf_pages.PageMaker("tune", 2026)
    page = pdf_pages.make_page(maker, 0)
    assert pdf_pages.pdf_pages_count(page["pdf"]) == 1
    roles = Counter(u["role"] for u in page["units"])
    assert roles["headline"] >= 1 and roles["body"] >= 3 and roles["furniture"] >= 1
    text = pdf_pages.pdftotext(page["pdf"])
    # The gold is exactly what was printed: the same characters, none trimmed off or left over.
    printed = Counter(pl.squeeze(text))
    gold_chars = Counter(pl.squeeze("".join(u["text"] for u in page["units"])))
    assert printed == gold_chars


def test_halves_share_no_paragraph_and_report_pages_have_their_own_designs() -> None:
    if not (SHARED / "data" / "archive-cctv").is_dir():
        pytest.skip(f"evaluation data not found at {SHARED / 'data'} (../shared is absent)")
    from bench import pdf_pages

    tune, report = pdf_pages.PageMaker("tune", 1), pdf_pages.PageMaker("report", 2)
    for pool in ("news", "titles"):
        assert not set(getattr(tune.pools, pool)) & set(getattr(report.pools, pool))
    cctv_tune = {p for a in tune.pools.cctv for p in a.paragraphs}
    cctv_report = {p for a in report.pools.cctv for p in a.paragraphs}
    assert cctv_tune and cctv_report and not cctv_tune & cctv_report
    designs = {
        half: {(s["layout"].name, s["head"]) for s in (m.page_spec(i) for i in range(24))}
        for half, m in (("tune", tune), ("report", report))
    }
    only = {lay.name for lay in pdf_pages.LAYOUTS if lay.report_only}
    assert len(only) >= 2 and len(pdf_pages.REPORT_ONLY_HEADS) >= 2
    assert not {lay for lay, _ in designs["tune"]} & only
    assert not {h for _, h in designs["tune"]} & pdf_pages.REPORT_ONLY_HEADS
    assert only <= {lay for lay, _ in designs["report"]}
    assert {h for _, h in designs["report"]} >= pdf_pages.REPORT_ONLY_HEADS
    assert len({lay for lay, _ in designs["tune"]}) >= 6
    assert len({h for _, h in designs["tune"]}) >= 6
