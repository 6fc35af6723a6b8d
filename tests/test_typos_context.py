"""Typo scoring with the character model, and candidates that come from context (issue 15)."""

from __future__ import annotations

import math

import pytest

from corpusfix.detectors.typos import candidates
from corpusfix.detectors.typos.candidates import (
    channel_prob,
    from_context,
    table_alikes,
)
from corpusfix.detectors.typos.charmodels import TypoModels, shipped_models
from corpusfix.lm.build import build_model
from corpusfix.lm.model import CharLM


def test_the_channel_is_the_measured_one_never_zero() -> None:
    from corpusfix.detectors.typos import tables

    assert channel_prob("庄", "压") == tables.channel_prob("庄", "压")
    # 岳 for 质: no glyph or sound table pairs them; unlikely, never impossible.
    assert "质" not in table_alikes("岳")
    assert 0 < channel_prob("岳", "质") < channel_prob("庄", "庄")
    assert 0 < channel_prob("庄", "压") < channel_prob("庄", "庄")


def test_context_proposes_a_character_no_table_pairs() -> None:
    run = "今年产品岳量明显提高"
    at = run.index("岳")
    assert "质" not in table_alikes("岳")
    proposed = from_context(run, at, shipped_models(), set())
    assert "质" in [a.char for a in proposed]
    assert all(a.source == "context" and a.char != "岳" for a in proposed)
    assert len(proposed) <= candidates.CONTEXT_TOP
    # What the tables offer already is not proposed twice.
    assert "质" not in [a.char for a in from_context(run, at, shipped_models(), {"质"})]


def test_context_is_not_asked_where_the_character_fits() -> None:
    run = "今年产品质量明显提高"
    assert from_context(run, run.index("质"), shipped_models(), set()) == []


def test_the_character_model_prefers_the_mended_text() -> None:
    models = shipped_models()
    run = "特高压变庄器装备"
    at = run.index("庄")
    assert models.gain(run, at, at + 1, "压") > 1.0
    # The gain is antisymmetric: undoing the edit loses what the edit won.
    mended = run.replace("庄", "压")
    assert models.gain(mended, at, at + 1, "庄") == pytest.approx(
        -models.gain(run, at, at + 1, "压"), abs=1e-9
    )


def test_a_user_model_beside_the_shipped_one() -> None:
    shipped = shipped_models()
    assert shipped.user is None and shipped.sha256 == ""
    # The same model on both sides mixes to itself.
    same = shipped.with_user(shipped.shipped)
    run = "特高压变庄器装备"
    assert same.gain(run, 4, 5, "压") == pytest.approx(shipped.gain(run, 4, 5, "压"), abs=1e-6)
    # An archive that writes 沙尔沁 makes 沁 after 沙尔 likelier than the shipped model alone.
    archive = CharLM.from_bytes(build_model(["沙尔沁镇今年新建了三座变电站。"] * 20, 4))
    both = shipped.with_user(archive)
    assert both.sha256 == archive.sha256 != ""
    text = "沙尔心镇"
    assert both.gain(text, 2, 3, "沁") > shipped.gain(text, 2, 3, "沁")


def test_mixing_is_half_and_half_per_character() -> None:
    lines = ["今天天气很好", "今天我们去学校", "天气很好的时候"]
    a = CharLM.from_bytes(build_model(lines, 3))
    b = CharLM.from_bytes(build_model(lines[:1] * 3, 3))
    models = TypoModels(a, b)
    text = "天气很好"
    expected = sum(
        math.log10(0.5 * 10**x + 0.5 * 10**y)
        for x, y in zip(a.score(text)[1:], b.score(text)[1:], strict=True)
    )
    assert models.logprob(text, 1) == pytest.approx(expected)


def test_context_candidates_do_not_depend_on_string_hashing() -> None:
    # Ties between equally frequent words were broken by a set's order, which changes with
    # PYTHONHASHSEED: two runs (or the compiled build) proposed different characters.
    import os
    import subprocess
    import sys

    code = (
        "from corpusfix.detectors.typos.candidates import _partners;"
        "print([_partners(s, c) for s in (0, 1) for c in '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质信感京委'])"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1
