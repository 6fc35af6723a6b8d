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
