"""Issue 17: bulk decisions in the app, and defect 4 (accepting all 8,584 duplicates froze the
window ~110 s: every decided row made the findings proxy and tree re-check its whole group).

The tests count the work (signals per decided finding, slices) rather than time this machine;
bench/gui_latency.py measures the stalls on the 3.5 MB article.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QPushButton

from corpusfix.api import Settings
from corpusfix.core.document import build_document
from corpusfix.core.session import State
from corpusfix.core.suggestion import Suggestion
from corpusfix.gui import bulk as bulk_module
from corpusfix.gui.document_tab import DocumentTab
from tests.gui_driver import check

PARA = "这是一段用来检查的文字，它会在后面重复出现很多次。"


def big_tab(qtbot, tmp_path: Path, n: int) -> DocumentTab:  # type: ignore[no-untyped-def]
    """A tab on an article with n duplicate lines and n/4 typos (no analysis: the findings are
    given, so the test measures the app, not the detectors)."""
    parts, found, pos = [], [], 0
    for i in range(n):
        p = f"{PARA}第{i}行。"
        parts.append(p)
        found.append(
            Suggestion(
                f"d{i}", "duplicate", "t", pos, pos + len(p) + 2, "", 0.5 + (i % 5) / 10, "dup"
            )
        )
        if i % 4 == 0:
            found.append(Suggestion(f"t{i}", "typo", "t", pos + 2, pos + 3, "段", 0.9, "typo"))
        pos += len(p) + 2
    doc = build_document("\n\n".join(parts) + "\n")
    tab = DocumentTab(tmp_path / "a.txt", Settings(), "editor")
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=60000):
        tab._analysed(doc, found)
    return tab


def leaves_shown(tab: DocumentTab) -> int:
    proxy, count = tab.proxy, 0
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for r in range(proxy.rowCount(parent)):
            child = proxy.index(r, 0, parent)
            if proxy.rowCount(child):
                stack.append(child)
            else:
                count += 1
    return count


def finish(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.bulk is not None and not tab.bulk.running, timeout=120000)


def test_accept_all_of_a_kind_tells_the_views_once_per_slice(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = big_tab(qtbot, tmp_path, 3000)
    assert tab.session is not None
    signals: list[int] = []
    tab.model.dataChanged.connect(lambda *_a: signals.append(1))
    tab.select(tab.session.get("d0"))
    tab.min_conf.setValue(0.7)  # "at ≥ 0.70": the confidence box
    tab.select(tab.session.get("d3"))
    run = tab.accept_all_kind()
    assert run is not None
    finish(qtbot, tab)
    wanted = {
        s.id for s in tab.session.suggestions if s.kind == "duplicate" and s.confidence >= 0.7
    }
    accepted = {sid for sid, d in tab.session.decisions.items() if d.state is State.ACCEPTED}
    assert accepted == wanted and len(wanted) > 1000
    # one range per group and its parents per slice, not one signal per decided finding
    assert len(signals) <= 4 * run.slices + 4, f"{len(signals)} signals for {len(wanted)}"
    assert "[accepted]" in tab.model.items["d3"].text()
    check(tab)
    tab.undo()  # one step takes the whole bulk decision back (a slice at a time)
    qtbot.waitUntil(lambda: not tab.busy, timeout=60000)
    assert not any(d.state is State.ACCEPTED for d in tab.session.decisions.values())
    assert "[pending]" in tab.model.items["d3"].text()


def test_accept_and_reject_all_shown_follow_the_filter(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = big_tab(qtbot, tmp_path, 400)
    assert tab.session is not None
    tab.filter_box.setText("第1")  # 第1, 第10…, 第100…: the findings shown
    shown = {s.id for s in tab.visible_findings()}
    assert 0 < len(shown) < len(tab.session.suggestions)
    tab.accept_shown()
    finish(qtbot, tab)
    decided = {sid for sid, d in tab.session.decisions.items() if d.state is not State.PENDING}
    # the typos overlap their duplicates: the duplicate is accepted first, the typo stays pending
    assert decided and decided <= shown
    tab.filter_box.setText("")
    tab.hide_decided.setChecked(True)
    before = leaves_shown(tab)
    tab.filter_box.setText("第2")
    target = {s.id for s in tab.visible_findings()}
    tab.reject_shown()
    finish(qtbot, tab)
    assert all(tab.session.state(i) is State.REJECTED for i in target)
    tab.filter_box.setText("")
    assert leaves_shown(tab) == before - len(target)  # "undecided only" hides them at once
    check(tab)


def half_way(run, past: int) -> None:  # type: ignore[no-untyped-def]
    """Drive the run's slices by hand until ``past`` units are decided, and no further: polling
    from the test let a loaded machine finish the whole run first (a cancel then is rightly a
    no-op, and the test failed)."""
    run._timer.stop()
    while run.bulk.position <= past:
        assert not run._work() and run._after is None, "the run ended before half-way"
        run._show_progress()


def test_a_long_bulk_decision_shows_progress_and_cancel_puts_everything_back(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    tab = big_tab(qtbot, tmp_path, 600)
    assert tab.session is not None
    monkeypatch.setattr(bulk_module, "SLICE_S", 0.0)  # one chunk a slice: a long run here
    tab.select(tab.session.get("d1"))
    depth = len(tab.session._undo)
    run = tab.accept_all_kind()
    assert run is not None and run.dialog is not None and run.dialog.isVisible()
    half_way(run, 100)
    assert run.dialog.value() > 0  # progress shown as it goes
    run.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    assert run.cancelled
    assert all(d.state is not State.ACCEPTED for d in tab.session.decisions.values())
    assert len(tab.session._undo) == depth
    qtbot.waitUntil(lambda: not run.running, timeout=60000)  # the labels go back in slices
    assert "[pending]" in tab.model.items["d1"].text()
    assert not any("[accepted]" in item.text() for item in tab.model.items.values())
    check(tab)


def test_bulk_accept_leaves_the_state_of_one_by_one_decisions(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from corpusfix.core.session import ReviewSession

    tab = big_tab(qtbot, tmp_path, 800)
    session = tab.session
    assert session is not None
    tab.select(session.get("d0"))
    run = tab.accept_all_kind()
    assert run is not None
    finish(qtbot, tab)
    # the same decisions made one at a time, most confident first, on a session of its own
    alone = ReviewSession(session.doc, session.suggestions)
    for s in sorted(alone.suggestions, key=lambda s: (-s.confidence, s.start, s.id)):
        if s.kind == "duplicate" and not alone.conflicts_of(s.id):
            alone.accept(s.id, by="editor")

    def states(x: ReviewSession) -> dict[str, tuple[str, str | None, str]]:
        return {k: (d.state.value, d.text, d.by) for k, d in x.decisions.items()}

    assert states(session) == states(alone)
    assert session.clean_text() == alone.clean_text()
    assert tab.article.positions.display == tab.redline().display  # the article shows it all
    assert tab.article.toPlainText() == tab.redline().display


def test_cancel_half_way_leaves_a_state_that_undo_and_redo_still_follow(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    tab = big_tab(qtbot, tmp_path, 600)
    session = tab.session
    assert session is not None
    session.reject("t0", by="editor")  # one earlier decision, one undo step
    tab._after_change(["t0"])
    before = dict(session.decisions)
    monkeypatch.setattr(bulk_module, "SLICE_S", 0.0)
    tab.select(session.get("d1"))
    run = tab.accept_all_kind()
    assert run is not None
    half_way(run, 100)
    run.cancel()
    qtbot.waitUntil(lambda: not tab.busy, timeout=60000)
    assert session.decisions == before  # every decision of the run put back, the earlier kept
    tab.undo()  # the earlier decision is the last step still
    qtbot.waitUntil(lambda: not tab.busy, timeout=60000)
    assert session.state("t0") is State.PENDING
    tab.redo()
    assert session.state("t0") is State.REJECTED
    assert tab.article.toPlainText() == tab.redline().display
    check(tab)


def test_replace_all_on_a_long_text_shows_progress_cancels_and_is_one_step(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    tab = big_tab(qtbot, tmp_path, 600)
    session = tab.session
    assert session is not None
    monkeypatch.setattr(bulk_module, "SLICE_S", 0.0)
    monkeypatch.setattr(bulk_module, "CHUNK", 20)
    original = session.clean_text()
    run = tab.replace_all("检查", "核对")
    assert run is not None and run.dialog is not None and run.dialog.isVisible()
    qtbot.waitUntil(lambda: len(run.bulk.done) > 40, timeout=60000)
    assert run.dialog.value() > 0
    run.dialog.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: not tab.busy, timeout=60000)
    assert session.clean_text() == original and not session.manual_edits()
    assert tab.article.toPlainText() == tab.redline().display
    depth = len(session._undo)
    run = tab.replace_all("检查", "核对")
    assert run is not None
    qtbot.waitUntil(lambda: not tab.busy, timeout=60000)
    assert len(session.manual_edits()) == 600  # one record per line, none overlaps a decision
    assert session.clean_text() == original.replace("检查", "核对")
    assert tab.article.toPlainText() == tab.redline().display
    assert len(session._undo) == depth + 1
    tab.undo()
    qtbot.waitUntil(lambda: not tab.busy, timeout=60000)
    assert session.clean_text() == original
    assert tab.article.toPlainText() == tab.redline().display


def test_accepting_and_undoing_thousands_of_deletions_never_renders_the_article_again(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Session 7's bulk accept ended in one setPlainText of the whole article (0.4 s on the
    3.5 MB one) and its undo relabelled every finding at once: deletions insert no text, so
    the article only changes its highlights, and the views catch up in slices."""
    tab = big_tab(qtbot, tmp_path, 1200)
    session = tab.session
    assert session is not None
    renders: list[int] = []
    real = tab.article.show_redline
    monkeypatch.setattr(tab.article, "show_redline", lambda red: renders.append(1) or real(red))
    tab.select(session.get("d0"))
    tab.accept_all_kind()
    finish(qtbot, tab)
    assert renders == []
    assert len(tab.article.positions.placed) == 1200
    assert tab.article.toPlainText() == tab.redline().display
    monkeypatch.setattr(bulk_module, "SLICE_S", 0.0)
    tab.undo()
    assert tab.busy and tab._refresh is not None  # a slice at a time, not one stall
    qtbot.waitUntil(lambda: not tab.busy, timeout=60000)
    assert tab._refresh.slices > 2 and renders == []
    assert tab.article.positions.placed == []
    assert not any("[accepted]" in item.text() for item in tab.model.items.values())
    check(tab)
