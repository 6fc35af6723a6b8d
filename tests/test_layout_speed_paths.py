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

from corpusfix.api import Settings, suggest
from corpusfix.core.document import Document, build_document
from corpusfix.core.gc_pause import collector_paused
from corpusfix.core.suggestion import Draft, Suggestion
from corpusfix.detectors import pipeline
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.layout.enumeration import _ANY, MAYBE_MARKER
from corpusfix.detectors.layout.line_roles import MAYBE_SPECIAL, maybe_special
from corpusfix.detectors.layout.signals import DELETES_PARAGRAPH, PARAGRAPH_DELETERS
from corpusfix.detectors.registry import DETECTORS
from tests.conftest import REFERENCE, SAMPLE

LAYOUT_KINDS = frozenset({"merge", "duplicate", "truncation", "split", "furniture"})


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


def test_line_pretest_in_two_parts_finds_what_maybe_special_finds() -> None:
    """lines_of and role_of test a line with two regexes in place of MAYBE_SPECIAL."""
    rnd = random.Random(15)
    alphabet = list(
        "记者通讯员版页年月星期周一六日报·|／ \u3000\t\n\r07０٣-.第本台新华社网文/编辑AlIZ●（(口的"
    )
    lines = [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(60_000)
    ]
    lines += SAMPLE.read_text("utf-8").split("\n")
    hits = 0
    for t in lines:
        want = MAYBE_SPECIAL.search(t) is not None
        hits += want
        assert maybe_special(t) is want, t
    assert 5_000 < hits < len(lines) - 5_000  # both answers are common in the random lines


class _Ties(_Probe):
    id = "test.ties"
    kinds = frozenset({"merge", "truncation"})

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        yield Draft("merge", 2, 3, "", 0.5, "second at 2")
        yield Draft("truncation", 0, 1, None, 0.5, "flag at 0")
        yield Draft("merge", 0, 1, "", 0.5, "first at 0")
        yield Draft("merge", 0, 1, "x", 0.5, "again at 0")
        yield Draft("merge", 2, 3, "", 0.5, "again at 2")


def test_pipeline_sorts_by_position_kind_and_keeps_the_found_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(DETECTORS, "test.ties", _Ties())
    out = [s for s in pipeline.analyze(build_document("一段文字")) if s.detector == "test.ties"]
    assert [s.message for s in out] == [
        "first at 0",
        "again at 0",
        "flag at 0",
        "second at 2",
        "again at 2",
    ]
    assert [s.candidates for s in out] == [("",), ("x",), (), ("",), ("",)]
    assert [s.line for s in out] == [1] * 5


def test_only_the_paragraph_deleters_delete_paragraphs() -> None:
    """deleted_paragraphs reads the drafts of PARAGRAPH_DELETERS alone: no other detector marks
    a paragraph deleted whole."""
    body = "国家统计局和人事部近日联合召开全国统计系统表彰大会，授予刘力等同志先进工作者称号。"
    texts = [
        SAMPLE.read_text("utf-8"),
        f"第3版\n\n{body}\n\n{body}\n\n（下转第2版）\n\n{body[:12]}\n\n12",
    ]
    if (REFERENCE / "raw.txt").is_file():
        texts.append((REFERENCE / "raw.txt").read_text("utf-8"))
    seen = set()
    for t in texts:
        for s in suggest(build_document(t), Settings(only=LAYOUT_KINDS)):
            if DELETES_PARAGRAPH in s.evidence:
                seen.add(s.detector)
    assert seen and seen <= PARAGRAPH_DELETERS
