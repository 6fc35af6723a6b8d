"""The fit's labels: a finalist is right when it writes what the gold has there."""

from __future__ import annotations

from bench.csc_fit import right_edit


def test_a_lone_right_substitution_is_right() -> None:
    assert right_edit("特高压变庄器", "特高压变压器", 4, 5, "压")
    assert not right_edit("特高压变庄器", "特高压变压器", 4, 5, "圧")


def test_a_right_fix_next_to_another_slip_is_right() -> None:
    # Two OCR slips side by side: mending one is a right character at the character level,
    # though the line around it is not the gold's yet.
    assert right_edit("特高压变庄噐", "特高压变压器", 4, 5, "压")


def test_a_right_fix_in_a_line_whose_length_changed_elsewhere_is_right() -> None:
    # The OCR dropped a character at the start of the line: the gold is one longer.
    assert right_edit("高压变庄器运行正常", "特高压变压器运行正常", 3, 4, "压")
    assert not right_edit("高压变庄器运行正常", "特高压变压器运行正常", 3, 4, "正")


def test_an_unchanged_character_is_no_fix() -> None:
    assert not right_edit("特高压变压器", "特高压变压器", 4, 5, "压")


def test_a_word_swap_is_right_where_the_gold_has_the_word() -> None:
    assert right_edit("公司领到决定扩建", "公司领导决定扩建", 2, 4, "领导")
    assert not right_edit("公司领到决定扩建", "公司领到决定扩建", 2, 4, "领导")


def test_a_deletion_must_make_the_gold() -> None:
    assert right_edit("贯彻彻落实会议", "贯彻落实会议", 2, 3, "")
    assert not right_edit("贯彻落实会议", "贯彻落实会议", 2, 3, "")
