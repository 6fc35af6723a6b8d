from __future__ import annotations

from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.session import apply_edits


def fixes(text: str, kind: str) -> list[tuple[str, str | None]]:
    doc = build_document(text)
    return [
        (text[s.start : s.end], s.replacement)
        for s in suggest(doc, Settings(only=frozenset({kind})))
    ]


def cleaned(text: str, kind: str) -> str:
    doc = build_document(text)
    sugg = suggest(doc, Settings(only=frozenset({kind})))
    return apply_edits(text, [(s.start, s.end, s.replacement or "") for s in sugg])


def test_half_width_punctuation_between_han() -> None:
    assert (
        cleaned("产业链,引进企业;推动发展:加快建设", "punctuation")
        == "产业链，引进企业；推动发展：加快建设"
    )
    assert cleaned("你去过北京吗?我去过!", "punctuation") == "你去过北京吗？我去过！"
    assert cleaned("科学家(专家)工作站", "punctuation") == "科学家（专家）工作站"
    assert cleaned('他说"我们要坚持"。', "punctuation") == "他说“我们要坚持”。"


def test_punctuation_leaves_latin_and_numbers_alone() -> None:
    for text in (
        "版本1.2,3",
        "PM2.5浓度",
        "时间10:30开始",
        "Hello, world",
        "f(x)=1",
        "(1)加强建设",
    ):
        assert fixes(text, "punctuation") == [], text


def test_punctuation_evidence_has_context() -> None:
    doc = build_document("产业链,引进企业。")
    (s,) = suggest(doc)
    assert s.evidence["context"] == "产业链|,|引进企业。"
    assert s.kind == "punctuation" and s.detector == "normalize.punctuation"


def test_zero_width_removed_anywhere() -> None:
    assert cleaned("精\u200b准治污\ufeff", "whitespace") == "精准治污"


def test_stray_spaces_in_body_only() -> None:
    text = "增强创新活力 铸就科技强市新篇章\n\n——访局长 张三\n\n●本报记者 武子暄\n\n引导 市民践行绿色　低碳生活。"
    assert cleaned(text, "whitespace").endswith("引导市民践行绿色低碳生活。")
    assert cleaned(text, "whitespace").startswith("增强创新活力 铸就")
    assert "●本报记者 武子暄" in cleaned(text, "whitespace")


def test_dateline_space_and_indent_are_layout() -> None:
    assert fixes("本报讯 今年以来，全市经济稳中有进。", "whitespace") == []
    assert fixes("　　今年以来，全市经济稳中有进。", "whitespace") == []
    assert fixes("使用 Python 语言编写。", "whitespace") == []


def test_clean_reference_gets_no_normalize_suggestions(reference) -> None:  # type: ignore[no-untyped-def]
    from corpusfix.api import open_document

    doc = open_document(reference / "raw.txt")
    assert suggest(doc, Settings(only=frozenset({"punctuation", "whitespace"}))) == []
