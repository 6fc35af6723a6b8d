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
