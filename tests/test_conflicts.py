"""Conflict answers of the session's span index against a brute-force reference, and its cost."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusfix.core.document import build_document
from corpusfix.core.errors import ConflictError
from corpusfix.core.session import APPLIED, Decision, ReviewSession, State
from corpusfix.core.suggestion import Suggestion

TEXT = "一二三四五六七八九十" * 3


def _brute(session: ReviewSession, sid: str) -> list[str]:
    """The definition: applied suggestions (in list order) whose spans overlap sid's."""
    s = session.get(sid)
    return [
        o.id
        for o in session.suggestions
        if o.id != sid and session.state(o.id) in APPLIED and o.overlaps(s)
    ]


spans = st.lists(
    st.tuples(st.integers(0, len(TEXT)), st.integers(0, 10), st.booleans()),
    min_size=1,
    max_size=25,
)
ops = st.lists(
    st.tuples(
        st.sampled_from(
            ["accept", "edit", "reject", "reset", "restore", "undo", "redo", "all", "late"]
        ),
        st.integers(0, 30),
    ),
    max_size=40,
)


def _suggestions(raw: list[tuple[int, int, bool]]) -> list[Suggestion]:
    out = []
    for i, (start, length, flag) in enumerate(raw):
        end = min(len(TEXT), start + length)
        repl = None if flag and i % 3 == 0 else "改"
        out.append(
            Suggestion(f"s{i + 1}", "typo", "t", start, end, repl, (i % 7) / 7, "m", candidates=())
        )
    return out


@settings(max_examples=300, deadline=None)
@given(spans, ops)
def test_conflicts_equal_brute_force(raw: list[tuple[int, int, bool]], steps: list) -> None:
    suggestions = _suggestions(raw)
    session = ReviewSession(build_document(TEXT), suggestions)
    ids = [s.id for s in suggestions]
    for op, n in steps:
        sid = ids[n % len(ids)]
        try:
            if op == "accept":
                session.accept(sid)
            elif op == "edit":
                session.edit(sid, "编", by="ed")
            elif op == "reject":
                session.reject(sid)
            elif op == "reset":
                session.reset(sid)
            elif op == "restore":  # no conflict check: applied spans may now overlap
                session.restore(sid, Decision(State.EDITED, "复", "ed", "t"))
            elif op == "undo":
                session.undo()
            elif op == "redo":
                session.redo()
            elif op == "all":
                session.accept_all(min_confidence=(n % 5) / 5)
            else:  # a later pass that finds one more suggestion (ids renumbered)
                extra = Suggestion("late", "punctuation", "p", n % 20, n % 20 + 1, "，", 0.5, "m")
                if "late" not in ids:
                    session.add_late([*session.suggestions, extra])
                    ids.append("late")
        except ConflictError as exc:
            if "flag-only" not in str(exc):
                clash = _brute(session, sid)
                assert clash, "refused without a conflict"
                assert f"overlaps {clash[0]} " in str(exc)
        for i in ids:
            assert [o.id for o in session.conflicts_of(i)] == _brute(session, i)


def test_accept_all_costs_linear_overlap_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deciding n suggestions may not compare each one with every applied one (issue 18.16)."""
    n = 3000
    text = "文字，" * n
    suggestions = [
        Suggestion(f"s{i}", "punctuation", "p", 3 * i + 2, 3 * i + 3, ",", 0.9, "m")
        for i in range(n)
    ]
    session = ReviewSession(build_document(text), suggestions)
    calls = 0
    real = Suggestion.overlaps

    def counting(self: Suggestion, other: Suggestion) -> bool:
        nonlocal calls
        calls += 1
        return real(self, other)

    monkeypatch.setattr(Suggestion, "overlaps", counting)
    assert len(session.accept_all()) == n
    assert calls <= 20 * n, f"{calls} overlap checks for {n} suggestions"
