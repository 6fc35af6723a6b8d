from __future__ import annotations

import json
from pathlib import Path

from corpusfix.core.document import Role, build_document
from corpusfix.core.loading import load_file


def test_reference_roles_match_gold(reference: Path) -> None:
    loaded = load_file(reference / "raw.txt")
    doc = build_document(loaded.text, loaded=loaded)
    gold = json.loads((reference / "findings.json").read_text(encoding="utf-8"))["paragraphs"]
    assert doc.paragraph_mode == "blank-line"
    got = [(p.start, p.end, p.line, p.role.value) for p in doc.paragraphs]
    want = [(g["start"], g["end"], g["line"], g["role"]) for g in gold]
    assert got == want


def test_paragraph_modes() -> None:
    lines = build_document("第一段。\n第二段。\n第三段。")
    assert lines.paragraph_mode == "line" and len(lines.paragraphs) == 3
    blank = build_document("\n\n第一行\n接着第一段。\n\n第二段。\n")
    assert blank.paragraph_mode == "blank-line"
    assert [p.text(blank) for p in blank.paragraphs] == ["第一行\n接着第一段。", "第二段。"]
    forced = build_document("第一段。\n\n第二段。", lines_mode=True)
    assert forced.paragraph_mode == "line"


def test_roles_of_page_furniture() -> None:
    text = (
        "增强创新活力 铸就科技强市新篇章\n\n——访某市科学技术局局长张三\n\n●本报记者 李四\n\n"
        "“我们将深入贯彻会议精神。”张三说。\n\n一是深度融合科技创新与产业创新。\n\n"
        "新能源汽车产销两旺\n\n本报讯 今年以来，全市新能源汽车产销持续增长，产业链条不断完善，"
        "带动上下游企业共同发展，成为拉动工业增长的重要力量。"
    )
    roles = [p.role for p in build_document(text).paragraphs]
    assert roles == [
        Role.HEADLINE,
        Role.SUBHEAD,
        Role.BYLINE,
        Role.BODY,
        Role.BODY,
        Role.HEADLINE,  # a headline without punctuation followed directly by body text
        Role.BODY,
    ]


def test_cut_fragment_is_not_a_headline() -> None:
    # The tail of a paragraph cut by a column break has no punctuation but follows an open sentence.
    text = "四是全面提升企业创新能力。努\n\n力将科技领军企业数量从44家增加至50家\n\n持续开展规上工业企业科技创新行动。"
    roles = [p.role for p in build_document(text).paragraphs]
    assert roles[1] is Role.BODY


def test_line_numbers_with_crlf() -> None:
    doc = build_document("标题\r\n\r\n正文第一句。\r\n\r\n正文第二句。")
    assert [p.line for p in doc.paragraphs] == [1, 3, 5]
    assert doc.line_of(doc.paragraphs[2].start) == 5
