"""The typo check's memo tables (detectors/typos/memo.py) change no finding and stay bounded.

The scores are memoised per window of text; a memo that returned a stale or wrong score would
change findings silently, and one that grew with the input would eat an archive's memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.suggestion import parse_kinds
from corpusfix.detectors.typos import candidates, memo, tables
from corpusfix.detectors.typos.charmodels import models_with, shipped_models
from tests.conftest import SAMPLE, SHARED

TYPO = parse_kinds("typo")


def _tables() -> list[dict[Any, Any]]:
    # models_with(None): the object the detector scores with (a copy of shipped_models()')
    return (
        tables.language_model().memo_tables()
        + shipped_models().memo_tables()
        + models_with(None).memo_tables()
    )


def _forget() -> None:
    """Empty every memo of the typo check (the candidates from context's too)."""
    for t in _tables():
        t.clear()
    tables.channel_prob.cache_clear()
    tables.log_channel_prob.cache_clear()


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    _forget()
    yield
    _forget()  # the next test starts with the default cap and empty tables


def _texts() -> list[tuple[str, bool]]:
    """(text, lines mode): the bundled sample article, and real damaged lines where ../shared is."""
    out = [(SAMPLE.read_text("utf-8"), False)]
    for name in (
        "news-homophone-dev/news_paper_dev_1000.tsv",
        "ocr-faspell-train/ocr_train_3575.tsv",
    ):
        path = SHARED / "data" / name
        if path.is_file():
            rows = path.read_text("utf-8").splitlines()[:300]
            out.append(("\n".join(r.split("\t")[0] for r in rows) + "\n", True))
    return out


def _findings() -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = []
    for text, lines in _texts():
        doc = build_document(text, name="memo", lines_mode=lines)
        for s in suggest(doc, Settings(only=TYPO, lines_mode=lines)):
            found.append((s.start, s.end, s.replacement, s.confidence, s.message, s.candidates))
    return found


def test_same_findings_with_the_memo_on_and_off(monkeypatch: pytest.MonkeyPatch) -> None:
    first = _findings()  # memo on, empty tables
    assert first, "the texts must give the typo check something to find"
    assert any(_tables()), "the memo was never used"
    again = _findings()  # memo on, every window scored before
    monkeypatch.setattr(memo, "CAP", 0)
    _forget()
    off = _findings()
    assert not any(_tables()), "CAP 0 must switch the memo off"
    assert first == again == off


def test_memo_tables_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    unbounded = _findings()
    biggest = max(len(t) for t in _tables())
    cap = 20
    assert biggest > cap  # else this test proves nothing
    monkeypatch.setattr(memo, "CAP", cap)
    _forget()
    assert _findings() == unbounded  # a table emptied when full gives the same scores
    assert all(len(t) <= cap for t in _tables())


def test_store_empties_a_full_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "CAP", 3)
    table: dict[str, int] = {}
    for i, k in enumerate("abcd"):
        memo.store(table, k, i)
    assert table == {"d": 3}


def test_a_batch_finds_what_one_window_at_a_time_finds() -> None:
    """Candidates from context worked out for many windows at once (one numpy array per shape)
    are those worked out for each window alone, with the shipped model and beside a user's."""
    from corpusfix.core.text_classes import HAN_RUN
    from corpusfix.lm.build import build_model
    from corpusfix.lm.model import CharLM

    sample = SAMPLE.read_text("utf-8")
    # with slips, so that windows are surprising; the user's model knows half the sample
    text = (
        sample
        + "厂里生产的特高压变庄器装备运往各地。要深入贯彻落会议精神，推动强企、强链、强具。"
        # (tesseract's own slips: since the measured channel grew, the model proposes fewer
        # characters from context on the sample alone)
        + "这批产品的岳量很好。会议由国务院总理主特。经济持续回什向好。"
    )
    keys = [
        candidates.context_key(m.group(), i)
        for m in HAN_RUN.finditer(text)
        for i in range(len(m.group()))
    ]
    lines = sample.splitlines()
    user = CharLM.from_bytes(build_model(lines[: len(lines) // 2], 4))
    pool = list("的一是在不了有和人这中大为上")  # numpy ranks pools of VECTOR_MIN or more
    for models in (shipped_models(), shipped_models().with_user(user)):
        batched = candidates._fitting_many(models, keys)
        assert batched == [candidates._fitting_many(models, [k])[0] for k in keys]
        asks = [(left, pool, right) for left, _, right in keys]
        assert models.rank_many(asks) == [models.rank(*ask) for ask in asks]
    assert sum(map(bool, candidates._fitting_many(shipped_models(), keys))) >= 3  # has teeth


def test_a_run_scored_before_gives_what_a_fresh_one_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """The detector memoises each run's sites, and evaluate each site's finalists: a run seen
    before in another place (gated there by the user's word, after a list item's mark, twice in
    one document) gives the findings it gives on its own."""
    slips = "厂里生产的特高压变庄器装备运往各地。要深入贯彻落会议精神，推动强企、强链、强具。"
    texts = [
        (slips, frozenset({"变庄器"})),  # the user's word: that site is gated here only
        ("强具建设，要深入贯彻落会议精神。" + slips, frozenset()),
        ("他说变庄器很好。强具中抓出特色。", frozenset()),
        ("在质量强企、强链、强具中抓出特色。", frozenset()),  # the same run, a list item now
    ]

    def found(text: str, words: frozenset[str]) -> list[tuple[object, ...]]:
        doc = build_document(text, name="memo")
        return [
            (s.start, s.end, s.replacement, s.confidence, s.message, s.candidates, s.evidence)
            for s in suggest(doc, Settings(only=TYPO, wordlist=words))
        ]

    warm = [found(t, w) for t, w in texts] + [found(t, w) for t, w in reversed(texts)]
    assert any(models_with(None).memo_tables()), "the memo was never used"
    monkeypatch.setattr(memo, "CAP", 0)
    _forget()
    fresh = [found(t, w) for t, w in texts]
    assert warm == fresh + fresh[::-1]
    # has teeth: the look-alike where it is not gated, the dropped 实, the list item's mend
    assert [[f[2] for f in doc] for doc in fresh] == [["实"], ["实", "压", "实"], ["压"], ["县"]]
