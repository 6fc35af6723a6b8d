"""Aligning an OCR reading to its source line (the real-OCR dev set and the measured channel)."""

from __future__ import annotations

from corpusfix.qa.ocr_align import align, levenshtein


def test_substitutions_keep_the_source_punctuation_and_drop_whitespace() -> None:
    a = align("他说：“经济 增长，质量提升。”", '他 说:"经济增长,岳量提升."')
    assert a.right == "他说：“经济增长，质量提升。”"
    assert a.wrong == "他说：“经济增长，岳量提升。”"
    assert not a.length_changed
    assert ("岳", "质") in a.pairs and ("说", "说") in a.pairs
    assert all(len(s) == len(m) == 1 for s, m in a.pairs)


def test_full_and_half_width_digits_compare_equal() -> None:
    a = align("增长１９．８％", "增长19.8%")
    assert a.wrong == a.right == "增长１９．８％"


def test_dropped_and_inserted_characters_change_the_length() -> None:
    dropped = align("烟花爆竹厂", "烟花竹厂")
    assert dropped.length_changed and dropped.wrong == "烟花竹厂"
    inserted = align("烟花爆竹厂", "烟花爆人竹厂")
    assert inserted.length_changed and inserted.wrong == "烟花爆人竹厂"
    # a two-for-one misreading stands in the one character's place
    split = align("明天会下雨", "明天会下雨雨")
    assert split.length_changed and split.wrong == "明天会下雨雨"
    # mapped pairs never include the unaligned characters
    assert ("人", "爆") not in inserted.pairs and ("人", "竹") not in inserted.pairs


def test_nothing_read_leaves_an_empty_wrong_line_with_punctuation() -> None:
    a = align("好的。", "")
    assert a.length_changed and a.wrong == "。" and a.similarity == 0.0


def test_levenshtein() -> None:
    assert levenshtein("质量", "岳量") == 1
    assert levenshtein("烟花爆竹", "烟花竹") == 1
    assert levenshtein("", "三个") == 2
