"""The project's strict sentence-level scorer (SIGHAN conventions)."""

from __future__ import annotations

import pytest

from corpusfix.qa.csc_score import score_lines

ROWS = [
    ("我跟我朋唷去。", "我跟我朋友去。"),  # error, corrected
    ("他很高心。", "他很高兴。"),  # error, wrongly "corrected"
    ("今天天气好。", "今天天气好。"),  # clean, left alone
    ("明天会下语。", "明天会下雨。"),  # error, untouched
    ("大家都来了。", "大家都来了。"),  # clean, changed: a false alarm
]
OUT = ["我跟我朋友去。", "他很高欣。", "今天天气好。", "明天会下语。", "大家都来啦。"]


def test_strict_sentence_metrics() -> None:
    s = score_lines(ROWS, OUT)
    assert (s.with_errors, s.changed, s.corrected, s.clean, s.clean_changed) == (3, 3, 1, 2, 1)
    p, r, f = s.correction
    assert (p, r) == pytest.approx((1 / 3, 1 / 3))
    assert f == pytest.approx(1 / 3)
    assert s.false_alarm_rate == 0.5
    # detection: the wrong fix of line 2 still changed the right position
    assert s.detected == 2


def test_line_counts_must_match() -> None:
    with pytest.raises(ValueError):
        score_lines(ROWS, OUT[:-1])


def test_character_level_counts_each_character() -> None:
    rows = [
        ("我跟我朋唷去了行。", "我跟我朋友去了吧。"),  # two slips: one mended, one left
        ("他很高心。", "他很高兴。"),  # a slip "corrected" to a third character
        ("今天天气好。", "今天天气好。"),  # clean, one character changed: a false alarm
    ]
    out = ["我跟我朋友去了行。", "他很高欣。", "今天天汽好。"]
    c = score_lines(rows, out).chars
    assert c is not None
    assert (c.changed, c.right, c.wrong, c.mended) == (3, 1, 3, 1)
    assert c.precision == pytest.approx(1 / 3)
    assert c.recall == pytest.approx(1 / 3)
    assert (c.length_slips, c.length_lines) == (0, 0)
    # the sentence level is strict: the half-mended line is no right correction
    assert score_lines(rows, out).corrected == 0


def test_untouched_lines_score_no_change() -> None:
    rows = [("明天会下语。", "明天会下雨。"), ("好。", "好。")]
    c = score_lines(rows, [w for w, _ in rows]).chars
    assert c is not None
    assert (c.changed, c.right, c.wrong, c.mended) == (0, 0, 1, 0)
    assert c.precision == 0.0 and c.recall == 0.0


def test_length_changing_lines_are_aligned_and_counted_apart() -> None:
    # the OCR dropped 了 and misread 雨 as 语: the substitution is aligned past the deletion
    rows = [("明天会下语吗", "明天了会下雨吗")]
    mended = score_lines(rows, ["明天会下雨吗"]).chars
    assert mended is not None
    assert (mended.changed, mended.right, mended.wrong, mended.mended) == (1, 1, 1, 1)
    assert (mended.length_slips, mended.length_mended, mended.length_lines) == (1, 0, 1)
    assert mended.recall == 1.0
    assert mended.recall_all == pytest.approx(1 / 2)
    # the tool restoring the dropped character is a right length edit
    both = score_lines(rows, ["明天了会下雨吗"]).chars
    assert both is not None
    assert (both.changed, both.right, both.length_mended) == (2, 2, 1)
    assert both.recall_all == 1.0
    # an insertion where the gold has none is a changed, wrong character
    extra = score_lines([("明天会下雨", "明天会下雨")], ["明天会下大雨"]).chars
    assert extra is not None
    assert (extra.changed, extra.right, extra.wrong) == (1, 0, 0)


def test_character_summary_names_length_slips() -> None:
    text = score_lines([("明天会下语吗", "明天了会下雨吗")], ["明天会下雨吗"]).summary()
    assert "chars changed 1 P 1.000 R 1.000" in text
    assert "1 length slips in 1 lines 0.500" in text
