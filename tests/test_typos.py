"""Typo detection: the reference article, gates, user lists, the document as evidence, --lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.suggestion import Suggestion, parse_kinds
from tests.conftest import SAMPLE, Result

TYPO = parse_kinds("typo")


def typos(text: str, **settings: object) -> list[Suggestion]:
    s = Settings(only=TYPO, **settings)  # type: ignore[arg-type]
    return suggest(build_document(text, name="t", lines_mode=s.lines_mode), s)


def fix_typo_lines(tmp_path: Path, cli: Callable[..., Result], lines: list[str]) -> list[str]:
    """What ``fix --lines --only typo --accept typo`` makes of ``lines``."""
    src, out = tmp_path / "lines.txt", tmp_path / "out.txt"
    src.write_text("".join(line + "\n" for line in lines), "utf-8")
    r = cli("fix", src, "-o", out, "--lines", "--only", "typo", "--accept", "typo")
    assert r.code == 0, r.err
    return out.read_text("utf-8").splitlines()


def test_reference_has_exactly_the_three_typos(reference: Path) -> None:
    settings = Settings(only=parse_kinds("typo,variant"))
    raw = (reference / "raw.txt").read_text("utf-8")
    found = suggest(build_document(raw, name="raw.txt"), settings)
    got = sorted((s.start, s.end, raw[s.start : s.end], s.candidates[0]) for s in found)
    assert got == [
        (831, 832, "庄", "压"),  # 特高压变庄器 → 变压器 (look-alike)
        (4565, 4565, "", "实"),  # 深入贯彻落|会议 → 落实 (dropped character)
        (4947, 4948, "具", "县"),  # 强企、强链、强具 → 强县 (look-alike in a list)
    ]
    assert all(s.kind == "typo" for s in found)
    assert raw[4560:4565].endswith("贯彻落")


def test_sample_article_typo_is_found() -> None:
    text = SAMPLE.read_text("utf-8")
    found = typos(text)
    assert [(text[s.start : s.end], s.replacement) for s in found] == [("庄", "压")]
    assert found[0].confidence >= 0.8
    assert found[0].evidence["source"] == "look-alike"


def test_clean_sentence_is_left_alone() -> None:
    assert typos("国家电网公司今年新建了三座特高压变电站，变压器全部国产。\n") == []


def test_titles_and_user_words_are_never_touched() -> None:
    line = "厂里生产的特高压变庄器装备运往各地。\n"
    assert typos(line)  # the damage is found when nothing gates it
    assert typos("他写了《特高压变庄器装备》一书。\n") == []
    assert typos(line, wordlist=frozenset({"变庄器"})) == []


def test_a_stretch_repeated_in_the_document_is_usage_not_a_slip() -> None:
    once = "厂里生产的特高压变庄器装备运往各地。\n"
    assert typos(once)
    twice = once + "\n" + "这批特高压变庄器装备质量很好。\n"
    assert typos(twice) == []


def test_user_confusion_pair_is_always_checked() -> None:
    found = typos("新厂房按装了空调。\n", confusions={"按装": "安装"})
    assert [(s.replacement, s.evidence["source"]) for s in found] == [("安装", "user")]
    assert found[0].confidence >= 0.8


def test_homophone_real_word_slip() -> None:
    found = typos("他们是我们在敌方上的好帮手，领到干部要带头。\n", lines_mode=True)
    assert ("敌方", "地方") in {(s.evidence["context"].split("|")[1], s.replacement) for s in found}


def test_a_doubled_character_in_a_fixed_expression_is_deleted(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    lines = [
        "各级党组织要深入贯彻彻落实会议精神。",
        "我们必须坚持实事求求是的思想路线。",
        "他常常去图书馆看看书。",  # reduplication is no slip
        "好好学习，天天向上。",
    ]
    assert fix_typo_lines(tmp_path, cli, lines) == [
        "各级党组织要深入贯彻落实会议精神。",
        "我们必须坚持实事求是的思想路线。",
        "他常常去图书馆看看书。",
        "好好学习，天天向上。",
    ]
    found = typos("各级党组织要深入贯彻彻落实会议精神。\n")
    assert [(s.replacement, s.evidence["source"]) for s in found] == [("", "doubled")]
    assert 0.8 <= found[0].confidence < 1.0
    assert "written twice" in found[0].message


def test_fix_lines_only_typo(tmp_path: Path, cli: Callable[..., Result]) -> None:
    lines = ["今天天气很好。", "厂里生产的特高压变庄器装备运往各地。", "他说,这个办法好。"]
    assert fix_typo_lines(tmp_path, cli, lines) == [
        "今天天气很好。",
        "厂里生产的特高压变压器装备运往各地。",
        "他说,这个办法好。",  # other kinds are not touched with --only typo
    ]


def test_gated_spans_overlap_and_cover() -> None:
    from corpusfix.detectors.typos.gates import Spans

    spans = Spans([(5, 8), (7, 10), (20, 22)])  # the first two merge into 5–10
    assert [spans.overlaps(a, b) for a, b in [(0, 5), (0, 6), (9, 9), (10, 20), (21, 30)]] == [
        False,
        True,
        True,  # an insertion point inside a gated span
        False,
        True,
    ]
    assert spans.covers(5, 10) and not spans.covers(4, 6) and not spans.covers(9, 11)


def test_a_column_break_gates_only_its_neighbourhood() -> None:
    # The break's margin must not hide the rest of the run beside it.
    text = (
        "今年，全省各地新建和改造的变电站共有十二座，其中规模最大的\n\n"
        "一座特高压变庄器装备来自本地工厂。\n"
    )
    found = suggest(build_document(text, name="t"), Settings())
    assert [s.kind for s in found] == ["merge", "typo"]
    assert (text[found[1].start : found[1].end], found[1].replacement) == ("庄", "压")


def test_a_look_alike_that_completes_a_longer_word() -> None:
    # No two-character word forms with the right character (即合, 计师 are not words): the
    # longer word is the evidence.
    for wrong, right in (
        ("双方一拍即台，很快签下了合作协议。", "双方一拍即合，很快签下了合作协议。"),
        ("他是一名服装设计帅，作品多次获奖。", "他是一名服装设计师，作品多次获奖。"),
    ):
        found = typos(wrong + "\n")
        assert len(found) == 1 and found[0].confidence >= 0.8
        fixed = wrong[: found[0].start] + found[0].candidates[0] + wrong[found[0].end :]
        assert fixed == right
        assert typos(right + "\n") == []


def test_a_same_sounding_word_is_judged_on_the_context_cut_up_to_it() -> None:
    # Forward matching reads 赛中表现 as 赛/中表/现, and the swap 凸出 → 突出 then looked no
    # better; the context cut backward from the word (赛/中/表现) shows it.
    from corpusfix.detectors.typos import tables

    lm = tables.language_model()
    assert lm.segment("赛中表现") == ["赛", "中表", "现"]
    assert lm.segment_backward("赛中表现") == ["赛", "中", "表现"]
    found = typos("他在比赛中表现凸出，获得了冠军。\n")
    assert [(s.replacement, s.evidence["source"]) for s in found] == [("突出", "homophone")]
    assert found[0].confidence >= 0.8


def test_an_article_in_traditional_characters_is_left_alone() -> None:
    # The lexicon and the model are simplified Chinese: 仔細 read as a slip for 仔细 would
    # mix simplified characters into a traditional article (applied at 0.99 by --accept).
    article = "他仔細地看了看這份報告，然後交給了主編。\n經過認真仔細的研究，他們制定了新的規劃。\n"
    assert typos(article) == []
    assert suggest(build_document(article, name="t"), Settings(only=parse_kinds("variant"))) == []
    # A simplified article around the same words is still checked.
    line = "他仔细地看了看这份报告，厂里的变庄器运往各地。\n"
    assert [s.replacement for s in typos(line)] == ["压"]


def test_only_same_syllable_sound_alikes_are_candidates() -> None:
    # 在 zai / 债 zhai is a fuzzy reading (z/zh): in the table, but it only distracted the
    # scoring (tune halves); 再 and 载 (zai) stay.
    from corpusfix.detectors.typos import tables
    from corpusfix.detectors.typos.candidates import table_alikes

    assert tables.phonetic().get("在")["债"] == 0.5
    alikes = table_alikes("在")
    assert "债" not in alikes
    assert alikes["再"].source == "sound-alike" and alikes["载"].source == "sound-alike"
