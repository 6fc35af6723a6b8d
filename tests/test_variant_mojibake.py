"""Stray traditional characters (variant) and mojibake repair (encoding), and their round trip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.suggestion import Suggestion, parse_kinds
from tests.conftest import Result


def found(text: str, kinds: str) -> list[Suggestion]:
    s = Settings(only=parse_kinds(kinds))
    return suggest(build_document(text, name="t"), s)


SIMPLIFIED = "今年全市新建学校十二所，改造老旧小区三十个，群众生活明显改善。"


def test_stray_traditional_character_in_simplified_text() -> None:
    text = SIMPLIFIED + "各部门要及時處理群众反映的问题。\n"
    got = [(text[s.start : s.end], s.replacement, s.confidence) for s in found(text, "variant")]
    assert got == [("時處", "时处", 0.9)]


def test_ambiguous_conversion_is_only_a_weak_suggestion() -> None:
    text = SIMPLIFIED + "她去理髮店剪了头发。\n"
    (s,) = found(text, "variant")
    assert (s.replacement, s.confidence) == ("发", 0.6)
    assert "several simplified forms" in s.message


def test_traditional_article_is_left_alone() -> None:
    assert (
        found("今年全市新建學校十二所，改造老舊小區三十個，群眾生活明顯改善。\n", "variant") == []
    )


GOOD = "首届呼和浩特市人民代表大会"


def test_gbk_mojibake_is_repaired() -> None:
    garbled = GOOD.encode("utf-8").decode("gbk", errors="replace").rstrip("\ufffd")
    text = f"会议今天开幕。{garbled}\n"
    (s,) = found(text, "encoding")
    assert s.replacement is not None and GOOD.startswith(s.replacement)
    assert len(s.replacement) >= len(GOOD) - 1  # the last character lost a byte to the damage
    assert s.evidence["read_as"] == "GBK"


def test_latin1_mojibake_is_repaired() -> None:
    garbled = GOOD.encode("utf-8").decode("cp1252", errors="replace")
    text = f"会议今天开幕。{garbled}在此举行。\n"
    (s,) = found(text, "encoding")
    assert (text[s.start : s.end], s.replacement) == (garbled, GOOD)


def test_clean_text_has_no_encoding_or_variant_findings() -> None:
    text = SIMPLIFIED + "特高压变压器装备制造、合成生物学等产业加快发展。\n"
    assert found(text, "encoding,variant") == []


def test_mojibake_fix_round_trips_through_the_change_log(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    garbled = GOOD.encode("utf-8").decode("cp1252", errors="replace")
    src = tmp_path / "in.txt"
    src.write_text(f"会议今天开幕。{garbled}在此举行。\n", "utf-8")
    out, log = tmp_path / "out.txt", tmp_path / "out.log.jsonl"
    assert cli("fix", src, "-o", out, "--accept", "encoding", "--changelog", log).code == 0
    assert out.read_text("utf-8") == f"会议今天开幕。{GOOD}在此举行。\n"
    assert cli("verify", src, out, log).code == 0
