"""Real-word misreadings (答理 for 管理): the measured channel's candidates inside text the
lexicon explains, decided by the character models and the channel (typos.realword)."""

from __future__ import annotations

import pytest

from corpusfix.detectors.typos import realword
from corpusfix.detectors.typos.charmodels import shipped_models
from corpusfix.detectors.typos.detector import cover_lengths
from corpusfix.lm.build import build_model
from corpusfix.lm.model import CharLM

pytest.importorskip("kenlm")

NEWS = [
    "我们要加强企业的管理工作",
    "公司的管理工作做得很好",
    "加强管理工作是今年的重点",
    "企业的管理水平不断提高",
] * 30
CHAT = ["他这个人不爱答理人", "你别答理他", "没人答理他的话", "她不爱答理别人"] * 30


def _user(lines: list[str]) -> CharLM:
    return CharLM.from_bytes(build_model(lines, 4))


def test_the_channel_offers_what_was_misread() -> None:
    assert "管" in [m for m, _ in realword.misread_from("答")]


def test_a_real_word_slip_is_found_with_a_model_that_knows_the_register() -> None:
    run = "我们要加强企业的答理工作"
    cover = cover_lengths(run)
    at = run.index("答")
    assert cover[at] == 2  # 答理 is a word: the stretch search never looks here
    models = shipped_models().with_user(_user(NEWS))
    assert realword.candidates(run, cover, models) == {at: ["管"]}


def test_the_same_word_where_it_belongs_is_left_alone() -> None:
    run = "他这个人不爱答理人"
    models = shipped_models().with_user(_user(CHAT))
    assert realword.candidates(run, cover_lengths(run), models) == {}


def test_names_are_never_rewritten() -> None:
    # 王 is a surname: the character after it is a given name that a word explains by chance.
    cover = [2] * 4
    assert all(i not in (0, 1) for i, _, _ in realword.positions("王二个人", cover, []))


def _found(models: object) -> list[tuple[int, str]]:
    from corpusfix.detectors.typos.detector import TypoDetector

    run = "我们要加强企业的管理下作"  # 下作 is a word too, with no homophone in the table
    homophone_at: list[int] = []
    cover = cover_lengths(run, homophone_at)
    sites = TypoDetector()._sites(run, cover, homophone_at, {}, models)  # type: ignore[arg-type]
    return [(e.start, e.text) for _, _, edits, _ in sites for e in edits if e.source == "realword"]


def test_the_pass_is_off_by_default() -> None:
    assert _found(shipped_models().with_user(_user(NEWS))) == []


@pytest.mark.parametrize("with_user", [False, True])
def test_the_pass_runs_only_beside_a_users_model(
    monkeypatch: pytest.MonkeyPatch, with_user: bool
) -> None:
    monkeypatch.setattr(realword, "ENABLED", True)
    models = shipped_models().with_user(_user(NEWS) if with_user else None)
    assert _found(models) == ([(10, "工")] if with_user else [])  # 管理下|作
