"""Layout detectors: every signal, the hard cases, and the reference article's gold answer."""

from __future__ import annotations

import json
from pathlib import Path

from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.session import apply_edits
from corpusfix.core.suggestion import Suggestion
from tests.conftest import paragraphs

LAYOUT = frozenset({"merge", "duplicate", "truncation", "split", "furniture"})
HEAD = "增强创新活力 铸就科技强市新篇章\n\n——访某市科学技术局局长张三\n\n●本报记者 李四\n\n"


def found(text: str, kinds: frozenset[str] = LAYOUT) -> list[Suggestion]:
    return suggest(build_document(text), Settings(only=kinds))


def kinds_of(text: str) -> list[str]:
    return [s.kind for s in found(text)]


def fixed(text: str, kinds: frozenset[str] = LAYOUT) -> str:
    return apply_edits(
        text,
        [(s.start, s.end, s.replacement) for s in found(text, kinds) if s.replacement is not None],
    )


# ----- merge -----


def test_column_break_joined_with_exact_separator_span() -> None:
    text = HEAD + "二是高标准建设创新平台。创建呼\n\n包鄂国家自主创新示范区核心区，推进项目建设。"
    (s,) = found(text)
    assert s.kind == "merge" and text[s.start : s.end] == "\n\n" and s.replacement == ""
    assert fixed(text).endswith("创建呼包鄂国家自主创新示范区核心区，推进项目建设。")


def test_word_across_break_raises_confidence() -> None:
    plain = found(HEAD + "全面提升企业创新能力，加快\n\n预算支出标准体系建设。")[0]
    word = found(HEAD + "全面提升企业创新能力。努\n\n力将科技领军企业数量增加至50家。")[0]
    assert word.evidence["word_across_break"] == "努力"
    assert word.confidence > plain.confidence


def test_continuation_starting_with_a_digit_is_joined() -> None:
    text = HEAD + "全市科技领军企业数量将从44家增加至\n\n50家，国家科技型企业数量突破1500家。"
    assert kinds_of(text) == ["merge"]


def test_continuation_opening_a_quote_is_doubtful_unless_the_break_cannot_end() -> None:
    doubtful = found(HEAD + "他在接受采访时表示\n\n“我们将坚持把发展经济的着力点放在实体经济上。”")
    sure = found(HEAD + "与此同时，将以\n\n“三水统筹”为抓手，开展工作。")
    assert doubtful[0].kind == "merge" and doubtful[0].confidence < 0.8
    assert sure[0].kind == "merge" and sure[0].confidence >= 0.9


def test_latin_letters_get_a_space_when_joined() -> None:
    text = HEAD + "会议讨论了全市推进 AI\n\nmodels 的应用工作，并作出部署。"
    (s,) = found(text)
    assert s.replacement == " "


def test_never_joined_into_headline_subhead_byline_or_list_item() -> None:
    text = (
        "本版导读\n\n全市经济运行稳中有进，各项指标好于预期，为全年发展\n\n"
        "实施更加积极的财政政策 推动经济持续回升向好\n\n——访财政局局长王五\n\n●本报记者 赵六\n\n"
        "今年将从两个方面推进工作，重点抓好\n\n一是集中财力，服务发展。\n\n二是兜牢底线，改善民生。"
    )
    assert "merge" not in kinds_of(text)


def test_headline_without_punctuation_followed_by_body_is_not_merged() -> None:
    text = (
        "上一篇报道到此结束。\n\n新能源汽车产销两旺\n\n本报讯 今年以来，全市新能源汽车产销持续增长，"
        "产业链条不断完善，带动上下游企业共同发展。"
    )
    assert kinds_of(text) == []


def test_hard_wrapped_lines_inside_a_paragraph() -> None:
    text = (
        HEAD
        + "今年以来，全市经济运行稳中有进，\n各项指标好于预期，为全年发展\n打下了坚实基础。\n\n第二段。"
    )
    merges = [s for s in found(text) if s.kind == "merge"]
    assert len(merges) == 2 and all(s.evidence.get("hard_wrap") for s in merges)
    assert "稳中有进，各项指标好于预期，为全年发展打下了坚实基础。" in fixed(text)


# ----- duplicate -----


def test_orphan_repeating_the_start_of_a_paragraph_is_deleted_with_its_separator() -> None:
    text = (
        HEAD + "2025年，首府将按照精准治\n\n污、科学治污的原则制定实施方案。\n\n"
        "三是多维度做示范，打造生态领域亮点。\n\n2025年，首府将按照精准治\n\n下一篇标题 在这里\n\n——访某局局长\n\n●本报记者 李四"
    )
    dup = [s for s in found(text) if s.kind == "duplicate"]
    assert len(dup) == 1
    assert text[dup[0].start : dup[0].end] == "2025年，首府将按照精准治\n\n"
    assert dup[0].start > text.index("三是")  # the stray copy goes, the continued one stays
    assert dup[0].evidence["kept_line"] == 7


def test_orphan_repeating_the_middle_of_a_paragraph() -> None:
    text = HEAD + (
        "全市将推进食品安全监管体制改革，积极推行互联网明厨亮灶工作，同时着力推动预付式消费监管改革。\n\n"
        "积极推行互联网明厨亮灶\n\n实施电子签约、资金存管等服务。"
    )
    dup = [s for s in found(text) if s.kind == "duplicate"]
    assert len(dup) == 1 and "积极推行互联网明厨亮灶" in text[dup[0].start : dup[0].end]


def test_exact_and_near_identical_repeated_paragraphs() -> None:
    para = "全市市场监督管理部门将聚焦持续做大做强特色产业集群，在高质量支撑和标准引领上取得突破。"
    noisy = para.replace("聚焦", "聚集").replace("标准", "标谁")
    exact = found(HEAD + para + "\n\n第二段内容。\n\n" + para)
    near = found(HEAD + para + "\n\n第二段内容。\n\n" + noisy)
    assert [s.kind for s in exact] == ["duplicate"]
    assert [s.kind for s in near] == ["duplicate"] and near[0].evidence["how"].startswith("near")


def test_legitimate_repeats_are_not_duplicates() -> None:
    page = (
        "第一篇标题 在这里\n\n——访局长甲\n\n●本报记者 宋向华\n\n本报讯 今年以来全市经济稳中有进。\n\n（完）\n\n"
        "第二篇标题 在那里\n\n——访局长乙\n\n●本报记者 宋向华\n\n本报讯 今年以来全市农业稳中有进。\n\n（完）"
    )
    assert kinds_of(page) == []


def test_duplicate_runs_before_merge_so_a_stray_is_not_joined() -> None:
    text = HEAD + (
        "首府将按照精准治污的原则，围绕优良天数\n\n首府将按照精准治污\n\n超过310天等目标制定方案。"
    )
    result = fixed(text, frozenset({"merge", "duplicate"}))
    assert result.endswith("围绕优良天数超过310天等目标制定方案。")


# ----- truncation -----


def test_section_cut_off_before_next_headline_and_at_end() -> None:
    text = (
        HEAD + "大力推进自然资源领域改革，完善管理制度，探索盘活低效\n\n"
        "凝心聚力 奋力开创市场监管工作新局面\n\n——访局长王五\n\n●本报记者 赵六\n\n今年将推进改革，并且"
    )
    flags = [s for s in found(text) if s.kind == "truncation"]
    assert [text[s.start : s.end] for s in flags] == ["探索盘活低效", "进改革，并且"]
    assert all(s.replacement is None for s in flags)
    assert "missing" in flags[0].message


def test_enumeration_hole_across_paragraphs_and_inside_one() -> None:
    across = HEAD + "将从三个方面加强保护。\n\n一是解决遗留问题。\n\n三是多维度做示范。"
    inside = HEAD + "重点抓好以下工作。（一）加强基础建设。（三）完善配套设施。"
    (a,) = found(across)
    assert (
        a.kind == "truncation"
        and across[a.start : a.end] == "三是"
        and "二是 is missing" in a.message
    )
    (b,) = found(inside)
    assert inside[b.start : b.end] == "（三）" and "（二） is missing" in b.message


def test_enumeration_schemes_and_announced_count() -> None:
    first_missing = HEAD + "第二，加强监管。\n\n第三，完善制度。"
    assert "第一 is missing" in found(first_missing)[0].message
    short = HEAD + "将从三个方面推进工作。\n\n一是加强监管。\n\n二是完善制度。"
    (s,) = found(short)
    assert "三是 is missing" in s.message and short[s.start : s.end] == "从三个方面"
    order = HEAD + "首先，加强监管。最后，完善制度。"
    assert "其次" in found(order)[0].message


def test_counts_that_announce_no_enumeration_do_not_fire() -> None:
    text = HEAD + (
        "政府工作报告提出12项重点工作。\n\n做好推动污水处理厂二期投入运行等三个工程。\n\n"
        "以“三聚焦、三突破”为主脉络，奋楫扬帆。\n\n聚焦五个方面，扎实做好重点工作。"
    )
    assert kinds_of(text) == []


def test_complete_enumerations_do_not_fire() -> None:
    text = (
        HEAD
        + "从两个方面推进。\n\n一是抓项目。二是抓服务。\n\n（一）加强。\n\n（二）完善。\n\n1. 第一条。\n\n2. 第二条。"
    )
    assert kinds_of(text) == []


def test_unbalanced_marks_are_flagged_but_multi_paragraph_quotes_are_not() -> None:
    text = HEAD + "他说：“我们将坚持发展。\n\n“同时加强监管。”\n\n根据《管理办法规定，执行。"
    flags = [s for s in found(text) if s.kind == "truncation"]
    assert [text[s.start : s.end] for s in flags] == ["《"]


# ----- split and furniture -----


def test_headline_glued_onto_body_end_is_split() -> None:
    text = (
        "正文第一段。\n\n为群众提供更加舒适、便捷的生活环境。干起来 跑起来 不断筑牢首府生态安全屏障\n\n"
        "——访某局局长\n\n●本报记者 刘沙沙\n\n正文。"
    )
    (s,) = [s for s in found(text) if s.kind == "split"]
    assert text[s.start :].startswith("干起来") and s.replacement == "\n\n"


def test_continuation_notes_removed_and_break_joined() -> None:
    text = HEAD + "今年全市将大力推进科技创新（下转第3版）\n\n（上接第1版）示范区核心区建设。"
    result = fixed(text, frozenset({"furniture", "merge"}))
    assert result.endswith("今年全市将大力推进科技创新示范区核心区建设。")


def test_page_numbers_and_running_heads() -> None:
    head = "呼和浩特日报 2025年1月20日"
    text = f"{head}\n\n第一段内容。\n\n3\n\n{head}\n\n第二段内容。\n\n{head}\n\n第三段内容。"
    furniture = [s for s in found(text) if s.kind == "furniture"]
    assert len(furniture) == 4


# ----- the reference article -----


def test_reference_gold_merges_duplicate_and_truncations(
    reference: Path, cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    gold = json.loads((reference / "findings.json").read_text("utf-8"))["findings"]
    raw = (reference / "raw.txt").read_text("utf-8")
    got = found(raw, frozenset({"merge", "duplicate", "truncation"}))
    spans = {(s.kind, s.start, s.end) for s in got if s.kind != "truncation"}
    want = {(g["kind"], g["start"], g["end"]) for g in gold if g["kind"] in ("merge", "duplicate")}
    assert spans == want
    flags = [s for s in got if s.kind == "truncation"]
    assert len(flags) == 2
    assert 2514 <= flags[0].start < 2933  # the enumeration gap in lines 49-71
    assert 3812 <= flags[1].start < 4423  # the cut-off section, lines 91-101
    assert [s for s in found(raw) if s.kind in ("split", "furniture")] == []
    out = tmp_path / "out.txt"
    r = cli("fix", reference / "raw.txt", "-o", out, "--accept", "merge,duplicate")
    assert r.code == 0
    clean = paragraphs((reference / "clean.txt").read_text("utf-8"))
    ours = paragraphs(out.read_text("utf-8"))
    assert len(ours) == len(clean)
    differing = [i for i, (a, b) in enumerate(zip(ours, clean, strict=True)) if a != b]
    typo_words = ("变庄器", "落会议", "强具")
    assert len(differing) == 3
    assert all(any(w in ours[i] for w in typo_words) for i in differing)
