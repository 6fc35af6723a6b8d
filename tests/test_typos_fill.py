"""Candidates that complete a common longer word, with no likeness to the character written."""

from __future__ import annotations

from corpusfix.detectors.typos import tables
from corpusfix.detectors.typos.candidates import (
    CHANNEL_SOURCE,
    FILL_SOURCE,
    table_alikes,
    word_forming,
)


def test_a_character_completing_a_long_word_is_a_candidate_without_likeness() -> None:
    # Low-resolution print OCR read 秘 as 筷: neither looks nor sounds alike, but 秘书长 is a
    # common word and few characters fill 〇书长.
    assert "秘" not in table_alikes("筷")
    found = {a.char: a.source for a in word_forming("联合国筷书长发表讲话", 3, {})}
    assert found.get("秘") == FILL_SOURCE


def test_a_look_alike_that_completes_the_word_keeps_its_own_source() -> None:
    found = {a.char: a.source for a in word_forming("一拍即台", 3, {})}
    assert found.get("合") == "look-alike"


def test_no_fill_where_many_characters_complete_the_word() -> None:
    many = [k for k, v in tables.long_word_patterns().items() if len(v) > 3 and k[0] != "*"]
    key = many[0]
    at = key.index("*")
    run = key.replace("*", "丨")  # a character no word has
    assert not any(a.source == FILL_SOURCE for a in word_forming(run, at, {}))


def test_the_detector_mends_a_misreading_that_only_the_longer_word_explains() -> None:
    from corpusfix.api import Settings, suggest
    from corpusfix.core.document import build_document
    from corpusfix.core.suggestion import parse_kinds

    settings = Settings(only=parse_kinds("typo"), lines_mode=True)
    doc = build_document("联合国筷书长古特雷斯发表讲话。\n", name="t", lines_mode=True)
    found = [s for s in suggest(doc, settings) if s.confidence >= 0.8]
    assert [(s.replacement, s.evidence["source"]) for s in found] == [("秘", FILL_SOURCE)]
    clean = build_document("联合国秘书长古特雷斯发表讲话。\n", name="t", lines_mode=True)
    assert suggest(clean, settings) == []


def test_what_the_measured_channel_read_as_this_character_is_a_candidate() -> None:
    # tesseract, shown 条 in the channel's fonts, read 末 (resources/similarity/ocr_channel.tsv);
    # the glyph table does not pair them. 条例 is a word: 条 is a candidate at 末例.
    assert "条" not in table_alikes("末")
    assert "条" in tables.ocr_channel().read_as()["末"]
    found = {a.char: a.source for a in word_forming("管理末例规定", 2, {})}
    assert found.get("条") == CHANNEL_SOURCE
