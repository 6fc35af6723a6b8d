"""The recall funnel's first stage: which slips the shipped candidate tables can mend at all."""

from __future__ import annotations

from bench.csc_funnel import char_stage, has_candidates

from corpusfix.detectors.typos.scoring import Edit, Scored


def test_a_look_alike_in_the_table_is_a_candidate() -> None:
    assert has_candidates("特高压变庄器", "特高压变压器")  # 庄/压: glyph halves


def test_a_homophone_word_swap_is_a_candidate() -> None:
    assert has_candidates("公司领到决定扩建", "公司领导决定扩建")  # 领到 → 领导: homophone table


def test_a_slip_with_no_alike_is_not() -> None:
    # 鱼 and 马 neither look nor sound alike: no table offers one for the other.
    assert not has_candidates("我们骑鱼去", "我们骑马去")


def test_every_slip_of_the_line_needs_a_candidate() -> None:
    assert not has_candidates("特高压变庄器骑鱼", "特高压变压器骑马")


def test_the_character_funnel_names_the_stage_that_loses_a_slip() -> None:
    right = Edit(4, 5, "压", 0.9, "look-alike")
    other = Edit(4, 5, "庆", 0.9, "look-alike")
    run = "特高压变庄器"
    assert char_stage([], 4, "压") == "no site"
    assert char_stage([(run, 4, 5, [other], [])], 4, "压") == "no candidate"
    assert char_stage([(run, 4, 5, [other, right], [])], 4, "压") == "cut"
    scored = [Scored(other, {}, 0.9), Scored(right, {}, 0.5)]
    assert char_stage([(run, 4, 5, [other, right], scored)], 4, "压") == "not first"
    scored = [Scored(right, {}, 0.7)]
    assert char_stage([(run, 4, 5, [right], scored)], 4, "压") == "below 0.8"
    scored = [Scored(right, {}, 0.85)]
    assert char_stage([(run, 4, 5, [right], scored)], 4, "压") == "first at 0.8"
