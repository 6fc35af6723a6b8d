"""Blank-line e-pages: the case types an unseen generator made (issue 16, session 12).

Each test is a small synthetic page that the detectors before session 12 got wrong.
"""

from __future__ import annotations

from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.session import apply_edits
from corpusfix.core.suggestion import Suggestion

LAYOUT = frozenset({"merge", "duplicate", "truncation", "split", "furniture"})
HEAD = "增强创新活力 铸就科技强市新篇章\n\n——访某市科学技术局局长张三\n\n●本报记者 李四\n\n"
BEFORE = "今年以来，全市上下认真贯彻落实中央决策部署，经济运行总体平稳。"
AFTER = "与此同时，各地区各部门密切配合，各项重点工作取得了新的进展。"


def found(text: str) -> list[Suggestion]:
    return suggest(build_document(text), Settings(only=LAYOUT))


def fixed(text: str) -> str:
    return apply_edits(
        text, [(s.start, s.end, s.replacement) for s in found(text) if s.replacement is not None]
    )


# ----- a whole paragraph repeated whose original a column break cut -----

PIECE1 = "市政府决定在全市范围内加快推进"
PIECE2 = "老旧小区改造工作，年内完成改造一百个小区，惠及居民三万余户。"


def test_whole_copy_of_a_cut_paragraph_after_it_is_deleted_and_the_pieces_joined() -> None:
    text = HEAD + f"{BEFORE}\n\n{PIECE1}\n\n{PIECE2}\n\n{AFTER}\n\n{PIECE1}{PIECE2}"
    kinds = sorted(s.kind for s in found(text))
    assert kinds == ["duplicate", "merge"]
    assert fixed(text) == HEAD + f"{BEFORE}\n\n{PIECE1}{PIECE2}\n\n{AFTER}"


def test_whole_copy_of_a_cut_paragraph_before_it_is_deleted_not_the_first_piece() -> None:
    text = HEAD + f"{BEFORE}\n\n{PIECE1}{PIECE2}\n\n{AFTER}\n\n{PIECE1}\n\n{PIECE2}"
    (dup,) = [s for s in found(text) if s.kind == "duplicate"]
    assert text[dup.start : dup.end] == f"{PIECE1}{PIECE2}\n\n"
    assert fixed(text) == HEAD + f"{BEFORE}\n\n{AFTER}\n\n{PIECE1}{PIECE2}"


def test_a_paragraph_that_only_repeats_a_cut_one_in_part_is_kept() -> None:
    # Not the two pieces joined: a sentence that quotes the start is no copy.
    text = HEAD + f"{BEFORE}\n\n{PIECE1}\n\n{PIECE2}\n\n{PIECE1}老旧小区改造，是一项民生工程。"
    assert [s.kind for s in found(text)] == ["merge"]
