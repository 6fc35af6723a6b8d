"""The shortcuts the layout speed work took behave like the code they replaced (issue 16).

Each fast path is checked against the plain computation it stands for; bench.layout_dump
compares every suggestion on the benchmark pages between two builds.
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import pickle
import random
import re
from collections.abc import Iterator

import pytest

from corpusfix.core.document import Document, build_document
from corpusfix.core.gc_pause import collector_paused
from corpusfix.core.suggestion import Draft, Suggestion
from corpusfix.detectors import pipeline
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.layout.enumeration import _ANY, MAYBE_MARKER
from corpusfix.detectors.registry import DETECTORS


def _context_plain(text: str, start: int, end: int, width: int = 12) -> str:
    def flat(s: str) -> str:
        return s.replace("\n", "⏎").replace("\r", "")

    left = flat(text[max(0, start - width) : start])
    return f"{left}|{flat(text[start:end])}|{flat(text[end : end + width])}"


def test_context_matches_piece_by_piece() -> None:
    rnd = random.Random(16)
    for _ in range(20_000):
        text = "".join(rnd.choice("ab\n\r中。 ") for _ in range(rnd.randint(0, 40)))
        start, end = rnd.randint(-2, len(text) + 2), rnd.randint(-2, len(text) + 2)
        width = rnd.randint(0, 14)
        want = _context_plain(text, start, end, width)
        assert context(text, start, end, width) == {"context": want}, (text, start, end)


def test_marker_prefilter_finds_every_paragraph_with_a_marker() -> None:
    """A paragraph without a prefilter hit has no marker: the whole-text scan may skip it."""
    rnd = random.Random(3)
    pieces = ["一是", "二是", "第三，", "（四）", "(5)", "12.", "3、", "4．5", "首先，", "最后，"]
    pieces += ["是", "第", "（", "。", "，", "中", "文", " ", "7", "十"]
    paras = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 8))) for _ in range(3000)]
    doc = build_document("\n\n".join(paras))
    starts = [m.start() for m in MAYBE_MARKER.finditer(doc.text)]
    marked = 0
    for p in doc.paragraphs:
        k = bisect.bisect_left(starts, p.start)
        hit = k < len(starts) and starts[k] < p.end
        if _ANY.search(doc.text[p.start : p.end]):
            marked += 1
            assert hit, doc.text[p.start : p.end]
    assert marked > 500  # the random text does hold many markers


def test_document_lines_split_the_same_with_and_without_cr() -> None:
    text = "标题\n\n  第一段\n第一段续\n\u3000\n第二段\n\n\n末段"
    lf, crlf = build_document(text), build_document(text.replace("\n", "\r\n"))
    assert lf.paragraph_mode == crlf.paragraph_mode == "blank-line"
    assert [p.line for p in lf.paragraphs] == [p.line for p in crlf.paragraphs] == [1, 3, 6, 9]
    assert [lf.line_of(p.start) for p in lf.paragraphs] == [1, 3, 6, 9]
    assert [m.start() for m in re.finditer("^", text, re.M)] == lf._line_starts


def test_frozen_records_keep_dataclass_behaviour() -> None:
    a = Draft("merge", 1, 2, "", 0.9, "join")
    b = Draft(kind="merge", start=1, end=2, replacement="", confidence=0.9, message="join")
    assert a == b and hash(a) == hash(b)
    assert a.evidence == {} and a.evidence is not b.evidence  # a fresh dict each
    assert a.candidates == () and a.message_id == "" and a.params == {}
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.start = 5  # type: ignore[misc]
    assert dataclasses.replace(a, start=0).start == 0
    assert pickle.loads(pickle.dumps(a)) == a
    s = Suggestion("s1", "merge", "layout.merge", 1, 2, "", 0.9, "join", evidence={"k": 1})
    assert dataclasses.asdict(s)["evidence"] == {"k": 1} and s.line == 0
    assert dataclasses.replace(s, id="s2").id == "s2"
    assert s == Suggestion("s1", "merge", "layout.merge", 1, 2, "", 0.9, "join", evidence={"k": 1})


def test_context_copy_keeps_every_field() -> None:
    ctx = DetectContext(wordlist=frozenset({"词"}), confusions={"a": "b"})
    own = ctx.seeing({"x": []})
    assert own.found == {"x": []} and ctx.found == {}
    assert dataclasses.replace(own, found={}) == dataclasses.replace(ctx, found={})


class _Probe:
    id = "test.probe"
    kinds = frozenset({"merge"})
    order = 99
    requires: tuple[str, ...] = ()
    needs_context = False
    slow = False
    needs_model = False

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        yield Draft("merge", 0, 1, "", 0.5, "probe")


def test_detector_plan_follows_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """The running order is cached per settings, but a detector registered later still runs."""
    doc = build_document("一段文字")
    only = frozenset({"merge"})
    before = pipeline.analyze(doc, only=only)
    assert all(s.detector != "test.probe" for s in before)
    monkeypatch.setitem(DETECTORS, "test.probe", _Probe())
    after = pipeline.analyze(doc, only=only)
    assert [s.detector for s in after if s.detector == "test.probe"] == ["test.probe"]
    assert "test.probe" not in {s.detector for s in pipeline.analyze(doc, disabled=["test.probe"])}


def test_collector_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # the caller's choice stands
    finally:
        gc.enable()
    pipeline.analyze(build_document("一段文字\n\n另一段"))
    assert gc.isenabled()
