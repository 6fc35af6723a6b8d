"""Issue 17, defects 4 and 7: the Changes tab (original | clean).

The two sides stay in line however many joins there are (they drifted ~40 px within a few
screens), the join point shows on the clean side, the current change is marked, the font is
the article's, and a big article's diff is built a window at a time (opening the tab took 19 s).
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser

from corpusfix.core.changelog import LogRecord, build_changelog
from corpusfix.core.document import build_document
from corpusfix.core.session import ReviewSession
from corpusfix.core.suggestion import Suggestion
from corpusfix.gui.diff_view import DiffView
from corpusfix.gui.text_view import ArticleView

PARA = "这是一段用来检查分栏接续的文字，它足够长，可以在窗口里折成好几行显示出来，看两边是否对齐。"


def joined_article(n: int) -> tuple[str, list[LogRecord]]:
    """n paragraphs, each cut in two by a column break the session joins, and a typo in each."""
    parts, found, pos = [], [], 0
    for i in range(n):
        head, tail = PARA[:20], PARA[20:] + f"第{i}段。"
        parts.append(f"{head}\n\n{tail}")
        a = pos + len(head)
        found.append(Suggestion(f"m{i}", "merge", "t", a, a + 2, "", 0.9, "join"))
        t = a + 2 + 3
        found.append(Suggestion(f"t{i}", "typo", "t", t, t + 1, "字", 0.9, "typo"))
        pos += len(parts[-1]) + 2
    text = "\n\n".join(parts) + "\n"
    session = ReviewSession(build_document(text), found)
    session.accept_all()
    log = build_changelog(session, original_name="a.txt", clean_bytes=b"", out_encoding="utf_8")
    return session.doc.text, log.records


def joins(records: list[LogRecord]) -> list[int]:
    """The numbers of the joins among the applied changes (in text order, as the anchors)."""
    applied = sorted((r for r in records if r.applied), key=lambda r: (r.start, r.end))
    return [n for n, r in enumerate(applied) if r.kind == "merge"]


def anchors(view: DiffView, name: str) -> list[tuple[QTextBrowser, int]]:
    """(browser, position) of every anchor of that name, left to right on screen."""
    out = []
    for browser in view.findChildren(QTextBrowser):
        block = browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if name in frag.charFormat().anchorNames():
                    out.append((browser, frag.position()))
                it += 1
            block = block.next()
    return sorted(out, key=lambda bp: rect(*bp).x())


def rect(browser: QTextBrowser, pos: int):  # type: ignore[no-untyped-def]
    cursor = QTextCursor(browser.document())
    cursor.setPosition(pos)
    r = browser.cursorRect(cursor)
    return r.translated(browser.viewport().mapToGlobal(QPoint(0, 0)))


def on_screen(browser: QTextBrowser, pos: int) -> bool:
    cursor = QTextCursor(browser.document())
    cursor.setPosition(pos)
    return browser.viewport().rect().contains(browser.cursorRect(cursor).center())


@pytest.fixture
def view(qtbot) -> DiffView:  # type: ignore[no-untyped-def]
    v = DiffView()
    qtbot.addWidget(v)
    v.resize(900, 600)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_both_sides_stay_in_line_after_many_joins(qtbot, view: DiffView) -> None:  # type: ignore[no-untyped-def]
    text, records = joined_article(60)
    view.show_diff(text, records)
    first = view.findChildren(QTextBrowser)[0]
    bar = first.verticalScrollBar()
    for fraction in (0.3, 0.6, 0.95):  # a few screens down, as a reader scrolls
        bar.setValue(int(bar.maximum() * fraction))
        qtbot.wait(20)
        seen = 0
        for n in joins(records):
            places = anchors(view, f"c{n}")
            if not places or not on_screen(*places[0]):
                continue
            assert len(places) == 2, f"change {n} is not on both sides"
            ys = [rect(*p).y() for p in places]
            assert max(ys) - min(ys) <= 3, f"change {n}: the sides are {ys} px apart"
            seen += 1
        assert seen >= 2


def test_the_join_point_is_visible_on_the_clean_side(view: DiffView) -> None:
    text, records = joined_article(3)
    view.show_diff(text, records)
    for n in joins(records):
        browser, pos = anchors(view, f"c{n}")[-1]  # the clean side
        cursor = QTextCursor(browser.document())
        cursor.setPosition(pos + 1)  # the format of the character after the position
        marked = cursor.charFormat().background().color()
        plain = browser.document().characterAt(pos)
        assert marked.alpha() > 0 and marked.name() != "#000000", f"join {n}: {plain!r} unmarked"


def test_the_current_change_is_marked_and_brought_into_view(qtbot, view: DiffView) -> None:  # type: ignore[no-untyped-def]
    text, records = joined_article(40)
    view.show_diff(text, records)
    for delta in (1, 1, -1, -1, -1):  # Alt+N, Alt+P, wrapping round to the last change
        n = view.step(delta)
        qtbot.wait(10)
        places = anchors(view, f"c{n}")
        assert len(places) == 2 and all(on_screen(*p) for p in places), f"change {n}"
        for browser, pos in places:
            covered = [
                s
                for s in browser.extraSelections()
                if s.cursor.selectionStart() <= pos < s.cursor.selectionEnd()
            ]
            assert covered, f"change {n} is not marked as the current one"


def test_the_diff_has_the_article_font_size(view: DiffView) -> None:
    text, records = joined_article(2)
    view.show_diff(text, records)
    article = ArticleView()
    for browser in view.findChildren(QTextBrowser):
        assert browser.document().defaultFont().pointSize() == article.font().pointSize()


def test_a_big_diff_is_built_a_window_at_a_time(qtbot, view: DiffView) -> None:  # type: ignore[no-untyped-def]
    """Opening the tab lays out a few screens, not the whole article; every change is reachable."""
    text, records = joined_article(4000)  # ~0.3 M characters, 8,000 changes
    view.show_diff(text, records)
    built = sum(b.document().characterCount() for b in view.findChildren(QTextBrowser))
    assert built < len(text) / 5, f"{built} characters laid out for a {len(text)} text"
    for n in (view.count - 1, view.count // 2, 0):
        view.current = n - 1
        view.step(1)
        qtbot.wait(10)
        places = anchors(view, f"c{n}")
        assert places and all(on_screen(*p) for p in places), f"change {n} not shown"
    built = sum(b.document().characterCount() for b in view.findChildren(QTextBrowser))
    assert built < len(text) / 5


def test_scrolling_past_the_window_brings_the_next_rows(qtbot, view: DiffView) -> None:  # type: ignore[no-untyped-def]
    text, records = joined_article(1500)
    view.show_diff(text, records)
    bar = view.findChildren(QTextBrowser)[0].verticalScrollBar()
    qtbot.waitUntil(lambda: not view.growing)  # (built a screenful first, then a few more)
    lo, hi = view.loaded
    for _ in range(3):  # the reader scrolls to the end of what is built, three times
        bar.setValue(bar.maximum())
        qtbot.wait(20)
        qtbot.waitUntil(lambda: not view.growing)
    assert view.loaded[1] > hi and view.loaded[0] > lo  # the window moved down
    assert bar.value() < bar.maximum()  # and the view is not stuck at its bottom edge
    shown = view._top_offset()
    assert shown is not None and view.loaded[0] < shown  # rows above it are built too
