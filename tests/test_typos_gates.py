"""Where the typo check must see no site: long lexicon words, two common words, foreign names;
and where it must look although a surname stands near (session 14)."""

from __future__ import annotations

import pytest

from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.suggestion import parse_kinds
from corpusfix.detectors.typos import detector, gates, tables

SETTINGS = Settings(only=parse_kinds("typo"), lines_mode=True)
# In the mypyc build a module's calls to its own functions are bound at compile time: replacing
# detector.from_context or detector._cover_longest from a test changes nothing there.
PURE_ONLY = pytest.mark.skipif(
    not detector.__file__.endswith(".py"),
    reason="patches a module-level function, which the compiled module calls directly",
)


def _found(line: str) -> list[tuple[str, str, str]]:
    doc = build_document(line + "\n", name="t", lines_mode=True)
    return [
        (line[s.start : s.end], s.replacement, s.evidence.get("source", ""))
        for s in suggest(doc, SETTINGS)
        if s.confidence >= 0.8
    ]


def test_a_word_of_five_characters_explains_its_lone_middle_character() -> None:
    # 阿尔及利亚 is one lexicon word; 及 between 阿尔 and 利亚 looked unexplained, and an 尔
    # "dropped" after it (阿尔及尔, Algiers) was offered at 0.97.
    run = "阿尔及利亚总统特本表示"
    cover = detector.cover_lengths(run)
    assert cover[:5] == [5] * 5
    assert _found("阿尔及利亚总统特本表示，两国合作成果丰硕。") == []


def test_two_common_characters_side_by_side_are_two_words() -> None:
    # 更大 is no lexicon word, but 更 and 大 are words of their own: 作出更大贡献 is no slip for
    # 作出重大贡献, however much more often the models saw the latter.
    assert _found("中方愿同各方一道，为世界和平与发展作出更大贡献。") == []


def test_a_transliterated_name_is_no_typo_site() -> None:
    run = "德国国防部长皮斯托留斯表示"
    lo = run.index("留")
    assert gates.looks_like_name(run, lo, lo + 2)
    assert _found("德国国防部长皮斯托留斯表示，德国将增加投入。") == []


def test_a_stretch_of_ordinary_characters_before_a_foreign_name_is_still_a_site() -> None:
    # 筷书长 runs into 古特雷斯: three characters that are no transliteration keep the site open.
    run = "联合国筷书长古特雷斯发表讲话"
    assert not gates.looks_like_name(run, 3, 7)


def test_a_slip_on_a_surname_character_is_mended() -> None:
    # 康 is a surname; the stretch 康政 used to be gated as a name, so 廉政 was never offered.
    assert _found("各级干部要带头加强康政建设。") == [("康", "廉", "look-alike")]
    assert _found("各级干部要带头加强廉政建设。") == []


def test_the_shipped_transliteration_characters_are_what_the_build_script_makes() -> None:
    import importlib.util
    from pathlib import Path

    import pytest

    jieba = pytest.importorskip("jieba", reason="jieba builds the lexicon (pip install jieba)")
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location(
        "build_lexicon", root / "scripts" / "build_lexicon.py"
    )
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    lines = Path(jieba.__file__).with_name("dict.txt").read_text("utf-8").splitlines()
    assert frozenset(build.transliteration_chars(lines)) == gates.transliteration_chars()


def test_a_word_swap_the_word_model_cannot_decide_is_scored_when_the_character_model_can() -> None:
    # 名位/名为: the word model's quick pass gains 0.9 (under its 1.0), the character model 1.3;
    # the swap used to be dropped before the scoring ever saw it.
    from corpusfix.detectors.typos import scoring

    run = "他们组建了一支名位先锋的队伍"
    i = run.index("名位")
    ((_, gain),) = scoring.word_swap_gains(run, i, i + 2, ["名为"])
    assert detector.RESCUE_FLOOR <= gain < scoring.PREFILTER_GAIN
    assert _found(run + "。") == [("名位", "名为", "homophone")]


@pytest.mark.parametrize(
    ("line", "swap"),
    [
        ("执法人员当晚检查经营主题六十余家。", ("主题", "主体")),
        ("他是一名四季军士长。", ("四季", "四级")),
        ("文学是探究人及其心里生活的艺术。", ("心里", "心理")),
    ],
)
def test_a_word_swap_the_model_prefers_some_thirtyfold_is_scored(
    line: str, swap: tuple[str, str]
) -> None:
    # Same-sounding words whose full gain is 1.5–2.0: under the old floor of 2.0 they were never
    # given a confidence, though the model takes them at 0.8 or more.
    assert _found(line) == [(*swap, "homophone")]


def test_a_surname_after_a_title_or_before_a_word_of_saying_opens_a_name() -> None:
    assert _found("全国政协委员黄宝荣介绍，甘肃今年粮食丰收。") == []  # was 黄金荣 at 0.99
    run = "代表王丙飞参加会议"
    lo = run.index("丙")
    assert gates.looks_like_name(run, lo, lo + 2)
    run = "王丙飞表示"
    assert gates.looks_like_name(run, 1, 3)
    assert not gates.looks_like_name("加强康政建设", 2, 4)  # no title, no saying


def _cover_longest_plain(run: str, cover: list[int]) -> None:
    """The long-word cover as first written (session 14): every slice of five to seven
    characters through each unexplained character."""
    words, n = tables.words(), len(run)
    for i in [k for k in range(n) if not cover[k]]:
        if cover[i]:
            continue
        for size in range(5, detector.LONGEST_WORD + 1):
            for a in range(max(0, i - size + 1), min(i, n - size) + 1):
                if run[a : a + size] in words:
                    for k in range(a, a + size):
                        cover[k] = max(cover[k], size)


@PURE_ONLY
def test_the_long_word_cover_equals_its_plain_definition(monkeypatch: pytest.MonkeyPatch) -> None:
    # The cover asks only the slices that start some long word (tables.long_word_starts): the
    # same lengths as asking every slice, on text full of long names and set phrases.
    text = (
        "阿尔及利亚总统特本表示，安提瓜和巴布达与伊斯坦布尔及阿尔及尔的代表在联合国秘书长"
        "古特雷斯主持下会谈，中华人民共和国外交部发言人说，马克思列宁主义毛泽东思想，"
        "全心全意为人民服务，实事求求是，贯彻落实，阿尔及尔利亚，布宜诺斯艾利斯港口"
    )
    runs = [text[a:b] for a in range(0, 60, 3) for b in range(a + 2, len(text) + 1, 5)]
    with monkeypatch.context() as m:
        m.setattr(detector, "_cover_longest", lambda run, cover: None)
        shorter = [detector.cover_lengths(run) for run in runs]
    changed = 0
    for run, cover in zip(runs, shorter, strict=True):
        plain, fast = list(cover), list(cover)
        _cover_longest_plain(run, plain)
        detector._cover_longest(run, fast)
        assert fast == plain, run
        changed += plain != cover
    assert changed > 20  # the long words did cover something


@PURE_ONLY
def test_candidates_from_context_are_sought_in_longer_stretches_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # At a lone rare character (曌) the candidates from context never became a finding at 0.8
    # on the tune halves (helper h3-tput): neither sought nor worked out ahead (prefetch).
    from corpusfix.detectors.typos.charmodels import models_with

    tables.loaded()
    models = models_with(None)
    asked: list[tuple[str, int]] = []
    real = detector.from_context

    def spy(run: str, i: int, models_: object, known: set[str]) -> object:
        asked.append((run, i))
        return real(run, i, models, known)

    monkeypatch.setattr(detector, "from_context", spy)
    for run in ("会议在北京召开曌代表们讨论了工作", "他们在会上讨淪了工作计划"):
        cover = detector.cover_lengths(run)
        plan = detector.TypoDetector._plan(run, cover, {})
        list(detector.TypoDetector()._sites(run, cover, [], {}, models, plan))
    assert asked == [("他们在会上讨淪了工作计划", i) for i in (5, 6, 7)]
    run = "会议在北京召开曌代表们讨论了工作"
    cover = detector.cover_lengths(run)
    runs = [(0, run, cover, [])]
    keys: list[tuple[str, str, str]] = []
    monkeypatch.setattr(detector, "prefetch", lambda models_, k: keys.extend(k))
    detector._prefetch_block(models, runs, [detector.TypoDetector._plan(run, cover, {})], 0)
    assert keys == []


def test_an_option_below_the_scored_gain_is_scored_only_as_a_list_item() -> None:
    from corpusfix.detectors.typos import scoring

    words = tables.words()
    plain = scoring.Site("强化科技创新驱功发展", 6, 8, "")
    listed = scoring.Site("强具建设", 0, 2, "强企、强链、")
    gain = (scoring.MIN_GAIN + scoring.MIN_GAIN_SCORED) / 2
    swap = scoring.Edit(7, 8, "动", 0.9, "look-alike", gain)
    assert not scoring._worth_scoring(swap, plain, words)
    assert scoring._worth_scoring(swap._replace(gain=scoring.MIN_GAIN_SCORED), plain, words)
    item = scoring.Edit(1, 2, "县", 0.9, "look-alike", gain)
    assert scoring._worth_scoring(item, listed, words)
    assert not scoring._worth_scoring(item._replace(gain=1.0), listed, words)
    # A word swap keeps its own floor (MIN_GAIN_REAL_WORD, below MIN_GAIN_SCORED)
    homophone = scoring.Edit(0, 2, "地方", 0.9, "homophone", scoring.MIN_GAIN_REAL_WORD)
    assert scoring._worth_scoring(homophone, plain, words)
