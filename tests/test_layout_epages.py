"""Blank-line e-pages: the case types an unseen generator made (issue 16, session 12).

Each test is a small synthetic page that the detectors before session 12 got wrong.
"""

from __future__ import annotations

import itertools

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


# ----- short orphan repeats of datelines and list starts -----


def _only_duplicate(text: str, stray: str) -> None:
    dups = [s for s in found(text) if s.kind == "duplicate"]
    assert [text[s.start : s.end].strip() for s in dups] == [stray]


def test_orphan_dateline_with_one_character_after_it_is_a_stray() -> None:
    for dateline in ("本报巴黎6月18日电今", "据新华社北京５月２２日电国"):
        opening = dateline + "天上午，两国领导人举行会谈，双方就共同关心的问题交换了意见。"
        _only_duplicate(HEAD + f"{opening}\n\n{AFTER}\n\n{dateline}", dateline)


def test_orphan_list_start_ending_in_a_closing_mark_or_dash_is_a_stray() -> None:
    for item, stray in (
        (
            "第一，出台《农民负担管理法》，从法律上规范农民负担的项目和标准。",
            "第一，出台《农民负担管理法》",
        ),
        ("一是我国部分大中城市出现煤烟——机动车尾气复合型污染。", "一是我国部分大中城市出现煤烟—"),
        ("一是“新官上任三把火”，烧出了新气象、新作风。", "一是“新官上任三把火”"),
        (
            "二是加快推进重点项目建设，具体安排如下：今年开工五十个项目。",
            "二是加快推进重点项目建设，具体安排如下：",
        ),
    ):
        _only_duplicate(HEAD + f"{BEFORE}\n\n{item}\n\n{AFTER}\n\n{stray}", stray)


def test_a_whole_sentence_repeated_as_a_quotation_is_kept() -> None:
    quote = "“我们一定要把这件事情办好。”"
    text = HEAD + f"他在会上说：{quote[1:-1]}大家深受鼓舞。\n\n{AFTER}\n\n{quote}"
    assert not [s for s in found(text) if s.kind == "duplicate"]
    text = HEAD + f"他在会上说，{quote}大家深受鼓舞。\n\n{AFTER}\n\n{quote}"
    assert not [s for s in found(text) if s.kind == "duplicate"]


# ----- a paragraph's first column line cut off alone, read as a headline -----


def _joined(first: str, rest: str) -> None:
    text = HEAD + f"{BEFORE}\n\n{first}\n\n{rest}\n\n{AFTER}"
    merges = [s for s in found(text) if s.kind == "merge"]
    assert [(text[s.start : s.end], s.replacement) for s in merges] == [("\n\n", "")], first
    assert doc_role(text, first) == "body"


def doc_role(text: str, para: str) -> str:
    doc = build_document(text)
    (p,) = [p for p in doc.paragraphs if text[p.start : p.end] == para]
    return p.role.value


def test_first_line_ending_mid_phrase_is_a_cut_not_a_headline() -> None:
    for first, rest in (
        ("江西这片红色的土地曾养育", "了一大批革命先辈，他们的事迹至今为人传颂。"),
        ("在1992年那个他印象中最", "寒冷的日子里，他第一次走进了这家工厂。"),
        ("第五届全国城市运动会将于2003年在", "长沙市举行，长沙市委、市政府决定全力以赴。"),
        ("小海龟放归大海仪式定于31日下午5时30", "分举行，当地居民早早就带着孩子来到海边。"),
        ("针对药品进购中的回扣", "风，市检察院向市委提出了专项治理的建议。"),
        ("我希望我的两个心愿能", "随着新世纪的到来尽快实现，这是我最大的愿望。"),
    ):
        _joined(first, rest)


def test_a_headline_over_a_story_stays_a_headline() -> None:
    # Titles that end in a word of their own, over stories that open like stories.
    for title in ("春节前夕市场供应充足祥和", "中国女排名将", "新世纪的发展方向", "我们的"):
        text = f"{BEFORE}\n\n{title}\n\n{AFTER}{AFTER}"
        assert doc_role(text, title) == "headline", title
        assert not [s for s in found(text) if s.kind == "merge"], title
    # A title ending on 的 over a story that opens with a short clause (the cut first line
    # 选举会议根据主席团的|提议， looks the same: left as it was).
    text = f"{BEFORE}\n\n第三十四条军官违反军纪的\n\n不久前，国家林业局组织专家进行了调查。{AFTER}"
    assert doc_role(text, "第三十四条军官违反军纪的") == "headline"
    # A word across by chance (高|处分: 高处) says nothing about a title over its story.
    text = (
        f"{BEFORE}\n\n要是我们职业化的程度不高\n\n处分分为警告、严重警告和记过，由纪委决定。{AFTER}"
    )
    assert doc_role(text, "要是我们职业化的程度不高") == "headline"


def test_orphan_column_line_ending_a_sentence_mid_paragraph_is_a_stray() -> None:
    # The line starts inside a clause of its original (延续|使…死水。): no quotation does that.
    host = (
        "多年来，计划经济体制的长期延续使整个社会如一潭死水。改革开放以后，情况才有了根本的改变。"
    )
    stray = "的长期延续使整个社会如一潭死水。"
    _only_duplicate(HEAD + f"{BEFORE}\n\n{host}\n\n{stray}\n\n{AFTER}", stray)


def test_a_sentence_repeated_at_a_paragraph_start_or_after_punctuation_is_kept() -> None:
    for text in (
        HEAD
        + f"{BEFORE}\n\n第三十八条军官享受公费医疗待遇。具体办法另行规定。\n\n第三十八条军官享受公费医疗待遇。",
        HEAD + f"{BEFORE}\n\n会议指出，全市经济运行总体平稳。\n\n{AFTER}\n\n全市经济运行总体平稳。",
    ):
        assert not [s for s in found(text) if s.kind == "duplicate"]


def test_the_end_of_a_cut_paragraph_found_elsewhere_is_no_stray() -> None:
    text = HEAD + (
        f"{BEFORE}\n\n退休军官享受国家和社会优待。\n\n军官的配偶和子女教育，享受国家\n\n和社会优待。\n\n{AFTER}"
    )
    assert [s.kind for s in found(text)] == ["merge"]


def test_whole_copy_printed_inside_the_break_of_its_original_is_deleted() -> None:
    text = HEAD + f"{BEFORE}\n\n{PIECE1}\n\n{PIECE1}{PIECE2}\n\n{PIECE2}\n\n{AFTER}"
    (dup,) = [s for s in found(text) if s.kind == "duplicate"]
    assert text[dup.start : dup.end] == f"{PIECE1}{PIECE2}\n\n"
    assert fixed(text) == HEAD + f"{BEFORE}\n\n{PIECE1}{PIECE2}\n\n{AFTER}"


def test_orphan_repeat_of_a_whole_first_sentence_of_a_list_item_is_a_stray() -> None:
    stray = "第二，埃及迈向信息路的前程任重道远。"
    text = HEAD + (
        f"{BEFORE}\n\n第一，加快建设信息基础设施，扩大网络覆盖。\n\n"
        f"{stray}政府为此制订了一项长期计划。\n\n第三，加强人才培养，提高全民信息素养。\n\n{stray}"
    )
    _only_duplicate(text, stray)
    assert not [s for s in found(text) if s.kind == "truncation"]


# ----- the generator's new case types (bench/layout_gen.py) -----


def test_generator_new_case_types_and_unchanged_pages() -> None:
    import hashlib

    import pytest

    from tests.conftest import SHARED

    if not (SHARED / "data" / "news-clean-dev").is_dir():
        pytest.skip(f"evaluation data not found at {SHARED / 'data'} (../shared is absent)")
    from bench.layout_gen import generate

    pages = generate("tune", 60, 5)
    # The first pages carry none of the new damage: as the generator made them before session 12.
    first = "".join(p.text for p in pages[:3]).encode()
    assert hashlib.sha256(first).hexdigest() == (
        "cef7fcf88700fe446c755d3899586ab4cbe1247f5c0fc6d3646431e637f78cb5"
    )
    cases: set[str] = set()
    for page in pages:
        paras = page.text.split("\n\n")
        for g in page.gold:
            if g["kind"] != "duplicate":
                continue
            copy = page.text[g["start"] : g["end"]].strip("\n")
            if g["case"].startswith("whole paragraph"):
                cases.add("whole")
                joined = {a + b for a, b in itertools.pairwise(paras)}
                joined |= {a + c for a, c in zip(paras, paras[2:], strict=False)}
                assert copy in joined
            elif g["case"].startswith("orphan repeat"):
                cases.add(g["case"].split(" (")[0])
                assert sum(p.startswith(copy) for p in paras) >= 2
    assert cases == {
        "whole",
        "orphan repeat of a dateline start",
        "orphan repeat of a list start",
    }
