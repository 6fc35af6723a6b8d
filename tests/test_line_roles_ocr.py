"""Running heads and jump lines as an OCR engine reads them (one line per printed line).

tesseract reads the ideographic space between a date and its weekday as a quote mark, a page
code A11 as Al11, the full-width bracket of a jump line as 〈, adds spaces inside brackets and
sets a head's pieces far apart on one wide line. The furniture rules must see through that
and still leave sentences alone.
"""

from __future__ import annotations

import pytest

from corpusfix.detectors.layout.line_roles import LineRole, is_furniture_line, role_of


@pytest.mark.parametrize(
    "line",
    [
        "2025年4月17日”星期四",  # 　 read as ”
        "2025年11月5日 ”星期三",
        "Al11 社会",  # A11 read as Al11
        "Al16 理论",
        "Al1民生",
        "(上接第11版 )",
        "〈上接第7版)",
        "（ 下转第 3 版 ）",
        "星期一2026-12-07" + " " * 34 + "第9版" + " " * 34 + "责任编辑:贾刚嘉",
        "新华日报 | 2025.08.19 | 第2版 | 经;",  # the section's last character read as ;
    ],
)
def test_ocr_read_furniture_is_furniture(line: str) -> None:
    assert is_furniture_line(line), line
    assert role_of(line.strip()) is LineRole.FURNITURE


@pytest.mark.parametrize(
    "line",
    [
        "他说”星期四再来",
        "2025年4月17日”他说",
        "Al11是一种合金",
        "(上接第11版)的内容很多",
        "会议定于2025年4月17日星期四上午在北京举行，" + " " * 30 + "届时",
        "经济;",
    ],
)
def test_sentences_that_look_alike_stay_text(line: str) -> None:
    assert not is_furniture_line(line), line


def test_a_running_head_atop_an_ocr_block_of_interleaved_columns_is_removed() -> None:
    """OCR of a whole page reads across the columns: a block of wide lines, pieces of several
    columns side by side, has no column width to learn, so line repair leaves it alone; the
    running head that is its first line is furniture all the same (bench.pdf_layout
    --source tesseract: 星期一2026-12-07 … 第9版 … 责任编辑: 贾刚嘉 was left in)."""
    from corpusfix.api import Settings, suggest
    from corpusfix.core.document import build_document
    from corpusfix.core.session import apply_edits

    head = "星期一2026-12-07" + " " * 30 + "第9版" + " " * 30 + "责任编辑: 贾刚嘉"
    block = [
        head,
        "(上接第11版 )           基石。他还呼吁人民始    权力机构主席阿拉伯31   是个巨大的宝",
        "俄罗斯进行谈判。在内政    终保持团结和艰苦奋斗的    日在此间表示，他已作好",
        "准备，并且表示将在    三个方面开展工作，并    同时推进改革开放的各项措施",
        "和政策。他说，这是    一个新的开始。",
    ]
    from tests.test_line_repair import P1, P2, P3, typeset

    columns = "\n\n".join("\n".join(typeset(p, 18)) for p in (P1, P2, P3))
    text = "\n".join(block) + "\n\n" + columns + "\n"
    doc = build_document(text)
    found = [s for s in suggest(doc, Settings()) if s.kind == "furniture"]
    fixed = apply_edits(text, [(s.start, s.end, s.replacement) for s in found])
    assert "星期一" not in fixed and "贾刚嘉" not in fixed, fixed
    assert "基石。他还呼吁人民始" in fixed and fixed.endswith(columns + "\n")


@pytest.mark.parametrize("line", ["国 记者 石符", "图 记者 范怡", "国 本报记者 唐明春"])
def test_a_byline_whose_mark_tesseract_read_as_a_character_is_a_byline(line: str) -> None:
    # ● read as 国 or 图, a space after it (the mark stands apart from the words).
    assert role_of(line) is LineRole.BYLINE


@pytest.mark.parametrize("line", ["国记者协会会长说", "国 记者们纷纷前往现场采访，"])
def test_a_body_line_opening_with_the_same_characters_stays_text(line: str) -> None:
    assert role_of(line) is LineRole.TEXT


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("一一访发展改革局董事长朱瑾彩", LineRole.SUBHEAD),  # ——访…, the dash read as 一一
        ("一一访交通运输局", LineRole.SUBHEAD),
        ("一一访问了各家企业", LineRole.TEXT),  # 一一: one by one
        ("一一访谈节目播出后", LineRole.TEXT),
    ],
)
def test_a_subhead_whose_dash_ocr_read_as_two_ones_is_a_subhead(line: str, role: LineRole) -> None:
    assert role_of(line) is role
