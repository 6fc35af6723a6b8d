"""Issue 17, the Changes tab in the app: it shows the session's changes after bulk decisions
and undo; hidden, it is not rebuilt at every decision (only marked stale, rebuilt once when
shown); opening it computes and lays out a window of rows, not the article (on the 3.5 MB
article opening it stalled the window 1.4-2.6 s; bench/gui_latency.py measures the stall).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtGui import QTextCursor

from corpusfix.api import Settings
from corpusfix.core.document import build_document
from corpusfix.core.suggestion import Suggestion
from corpusfix.gui.document_tab import DocumentTab

HEAD = "这是一段被分栏切开的文字，"
TAIL = "它的后半在下一栏里接着写完。"


def tab_with(qtbot, tmp_path: Path, n: int) -> DocumentTab:  # type: ignore[no-untyped-def]
    """n paragraphs, each cut by a column break (a join) and followed by a duplicate line."""
    parts, found, pos = [], [], 0
    for i in range(n):
        head, tail, dup = f"{HEAD}{i}", f"{TAIL}", f"{HEAD}{i}"
        text = f"{head}\n\n{tail}\n\n{dup}"
        a = pos + len(head)
        found.append(Suggestion(f"m{i}", "merge", "t", a, a + 2, "", 0.9, "join"))
        d = pos + len(head) + 2 + len(tail)
        found.append(Suggestion(f"d{i}", "duplicate", "t", d, d + 2 + len(dup), "", 0.8, "dup"))
        parts.append(text)
        pos += len(text) + 2
    doc = build_document("\n\n".join(parts) + "\n")
    tab = DocumentTab(tmp_path / "a.txt", Settings(), "editor")
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=60000):
        tab._analysed(doc, found)
    return tab


def settled(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.bulk is None or not tab.bulk.running, timeout=120000)
    qtbot.waitUntil(lambda: not tab.busy, timeout=120000)  # a long undo/redo runs in slices
    view = tab.diff  # (getattr: the same test runs on a view that builds at once)
    qtbot.waitUntil(
        lambda: not getattr(view, "gathering", False) and not getattr(view, "growing", False),
        timeout=60000,
    )


def session_changes(tab: DocumentTab) -> list[tuple[int, int, str, str]]:
    """What the session has applied, in text order (from the session's own edits)."""
    assert tab.session is not None
    return sorted((e.start, e.end, e.text, e.suggestion.id) for e in tab.session.edits())


def shown_changes(tab: DocumentTab) -> list[tuple[int, int, str, str]]:
    return [
        (c.start, c.end, c.after, getattr(c, "id", None) or c.record.id) for c in tab.diff.changes
    ]


def clean_side(tab: DocumentTab) -> str:
    """The clean cells of the rows built, marks and shown line breaks taken out."""
    doc = tab.diff.browser.document()
    out, block = [], doc.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None and table.cellAt(block.position()).column() == 2:
            out.append(block.text())
        block = block.next()
    return "".join(out).translate(dict.fromkeys(map(ord, "⏎⁀‸\u2028"), None))


def accept_all(qtbot, tab: DocumentTab, kind: str) -> None:  # type: ignore[no-untyped-def]
    assert tab.session is not None
    tab.select(next(s for s in tab.session.suggestions if s.kind == kind))
    tab.accept_all_kind()
    settled(qtbot, tab)


def test_the_tab_shows_the_sessions_changes_after_bulk_decisions_and_undo(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    tab = tab_with(qtbot, tmp_path, 1500)
    tab.views.setCurrentWidget(tab.diff)
    for act in (
        lambda: accept_all(qtbot, tab, "merge"),  # shown: rebuilt where it is
        lambda: accept_all(qtbot, tab, "duplicate"),
        tab.undo,
        tab.redo,
        tab.undo,
    ):
        act()
        settled(qtbot, tab)
        assert shown_changes(tab) == session_changes(tab)
        # and the rows built read as the clean text there
        assert tab.session is not None
        clean = tab.session.clean_text()
        assert clean_side(tab) and clean_side(tab) in clean.replace("\n", "")
    assert len(shown_changes(tab)) == 1500  # the joins stayed, the duplicates undone
    tab.views.setCurrentWidget(tab.article)  # hidden: decisions, then shown again
    accept_all(qtbot, tab, "duplicate")
    tab.undo()
    tab.redo()
    tab.views.setCurrentWidget(tab.diff)
    settled(qtbot, tab)
    assert shown_changes(tab) == session_changes(tab) and len(session_changes(tab)) == 3000


def test_hidden_the_tab_is_rebuilt_once_when_shown_not_at_every_decision(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    tab = tab_with(qtbot, tmp_path, 30)
    assert tab.session is not None
    tab.views.setCurrentWidget(tab.diff)
    settled(qtbot, tab)
    tab.views.setCurrentWidget(tab.article)
    built = tab.diff.rows_built
    for s in tab.session.suggestions[:6]:  # decisions while the tab is hidden
        tab.select(s)
        tab.accept_current()
    assert tab.diff.rows_built == built, "the hidden tab was rebuilt at a decision"
    tab.views.setCurrentWidget(tab.diff)
    settled(qtbot, tab)
    assert shown_changes(tab) == session_changes(tab) and len(session_changes(tab)) == 6
    built = tab.diff.rows_built
    tab.views.setCurrentWidget(tab.article)  # away and back, nothing decided meanwhile
    tab.views.setCurrentWidget(tab.diff)
    settled(qtbot, tab)
    assert tab.diff.rows_built == built, "shown again unchanged, it was rebuilt"


def test_opening_it_builds_a_window_not_the_article(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = tab_with(qtbot, tmp_path, 3000)
    accept_all(qtbot, tab, "merge")
    accept_all(qtbot, tab, "duplicate")
    tab.views.setCurrentWidget(tab.diff)
    qtbot.waitUntil(lambda: not getattr(tab.diff, "gathering", False), timeout=60000)
    assert tab.diff.count == 6000
    first = tab.diff.rows_built  # the screenful, at once
    assert 0 < first <= 40
    settled(qtbot, tab)
    assert len(tab.diff.rows) <= 200 and tab.diff.rows_built <= 200  # rows: of the window
    assert tab.diff.index.rows_made <= 200
    n = tab.diff.step(-1)  # the last change: the window moves to the end
    assert n == 5999 and len(tab.diff.change_rects(n)) == 2
    assert tab.diff.index.rows_made <= 400


def test_a_decision_leaves_the_view_where_it_was(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Rebuilt after a decision, the row at the top stays at the top, at the same height (it
    moved a row down at every decision)."""
    from PySide6.QtWidgets import QTextBrowser

    from corpusfix.gui.diff_view import DiffView
    from tests.test_gui_changes import joined_article

    view = DiffView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    text, records = joined_article(300)
    view.show_diff(text, records)
    qtbot.waitUntil(lambda: not getattr(view, "growing", False))
    bar = view.findChildren(QTextBrowser)[0].verticalScrollBar()
    bar.setValue(bar.maximum() // 2 + 7)  # mid-row, somewhere in the window
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not getattr(view, "growing", False))
    top = view._top_offset()
    assert top is not None
    y = row_top(view, top)
    for _ in range(3):
        view.show_diff(text, records)  # as after a decision elsewhere in the article
        qtbot.wait(20)
        assert view._top_offset() == top
        assert abs(row_top(view, top) - y) <= 1
    qtbot.waitUntil(lambda: not getattr(view, "growing", False))
    assert view._top_offset() == top and abs(row_top(view, top) - y) <= 1


def row_top(view, start: int) -> int:  # type: ignore[no-untyped-def]
    """Where the row that starts at that offset is, in the viewport."""
    cursor = QTextCursor(view.browser.document())
    cursor.setPosition(view._anchors[f"r{start}"][0])
    return int(view.browser.cursorRect(cursor).top())
