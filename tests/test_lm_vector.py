"""The character model queried in batches (numpy) gives what ``CharLM.score`` gives, and the
typo check's batch of substitution gains what ``TypoModels.gain`` gives, with or without numpy."""

from __future__ import annotations

import random
from typing import Any

import pytest

from corpusfix.detectors.typos.charmodels import TypoModels, shipped_models
from corpusfix.lm import vector
from corpusfix.lm.build import build_model
from corpusfix.lm.model import CharLM

np = pytest.importorskip("numpy")

ALPHABET = "中国人民是的好学生我们爱很"


def _corpus(seed: int, lines: int = 300) -> list[str]:
    rng = random.Random(seed)
    follow = {c: rng.sample(ALPHABET, 4) for c in ALPHABET}
    out = []
    for _ in range(lines):
        ch = rng.choice(ALPHABET)
        line = [ch]
        for _ in range(rng.randrange(2, 12)):
            ch = rng.choice(follow[ch]) if rng.random() < 0.85 else rng.choice(ALPHABET)
            line.append(ch)
        out.append("".join(line))
    return out


def _windows(rng: random.Random, n: int, width: int) -> list[str]:
    # Known characters, one the model never saw (天), and spaces.
    return ["".join(rng.choice(ALPHABET + "天 ") for _ in range(width)) for _ in range(n)]


@pytest.mark.parametrize(("order", "max_ngrams"), [(3, None), (5, None), (5, 60)])
def test_batch_scores_equal_the_walk(order: int, max_ngrams: int | None) -> None:
    options: dict[str, Any] = (
        {} if max_ngrams is None else {"max_ngrams": max_ngrams}
    )  # pruned: back-offs
    lm = CharLM.from_bytes(build_model(_corpus(order), order, **options))
    rng = random.Random(order)
    texts = _windows(rng, 300, 9)
    got = vector.VectorLM(lm).logprobs(np.array([[ord(c) for c in t] for t in texts]))
    for text, row in zip(texts, got, strict=True):
        assert list(row) == pytest.approx(lm.score(text), abs=1e-9)


def test_left_padding_is_no_context() -> None:
    lm = CharLM.from_bytes(build_model(_corpus(1), 4))
    text = "我们是好学生"
    row = [vector.PAD, vector.PAD] + [ord(c) for c in text]
    got = vector.VectorLM(lm).logprobs(np.array([row]))[0]
    assert list(got[2:]) == pytest.approx(lm.score(text), abs=1e-9)


def _edits(run: str, rng: random.Random) -> list[tuple[int, str]]:
    return [(rng.randrange(len(run)), rng.choice("岳和向十古的人天")) for _ in range(40)]


@pytest.mark.parametrize("user", [False, True])
def test_substitution_gains_equal_one_by_one(user: bool) -> None:
    models = shipped_models()
    if user:
        models = models.with_user(CharLM.from_bytes(build_model(_corpus(2), 4)))
    run = "质量管理体系的基本要求和国家标准"
    edits = [*_edits(run, random.Random(5)), (0, "岳"), (len(run) - 1, "人")]
    expected = [models.gain(run, i, i + 1, c) for i, c in edits]
    assert models.substitution_gains(run, edits) == pytest.approx(expected, abs=1e-9)


def test_substitution_gains_without_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    models = TypoModels(shipped_models().shipped)
    run = "质量管理体系的基本要求"
    edits = _edits(run, random.Random(6))
    with_numpy = models.substitution_gains(run, edits)
    monkeypatch.setattr(vector, "np", None)
    assert not vector.available()
    assert models.substitution_gains(run, edits) == pytest.approx(with_numpy, abs=1e-9)


def test_rank_with_numpy_equals_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    models = TypoModels(shipped_models().shipped)
    chars = list("量和岳质十古向欧的人大天中国民")
    fast = models.rank("管理", chars, "体系")
    monkeypatch.setattr(vector, "np", None)
    slow = models.rank("管理", chars, "体系")
    assert [c for _, c in fast] == [c for _, c in slow]
    assert [s for s, _ in fast] == pytest.approx([s for s, _ in slow], abs=1e-9)
