"""Issue 17, defect 3: in `corpusfix review` the side-by-side diff follows the selected change
(s6 showed lines 21–37, s9 line 39 on, s16 did not scroll) and stays there after a verdict (it
jumped back to the top)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMessageBox, QTextBrowser

from corpusfix.core.changelog import LogRecord
from corpusfix.gui.review_window import ReviewWindow
from corpusfix.qa.review import APPROVED, open_review
from tests.conftest import SAMPLE


def visible_text(window: ReviewWindow) -> str:
    """What the diff shows on screen, on either side."""
    out = []
    for view in window.diff.findChildren(QTextBrowser):
        vp = view.viewport().rect()
        a = view.cursorForPosition(vp.topLeft()).position()
        b = view.cursorForPosition(QPoint(vp.right(), vp.bottom())).position()
        out.append(view.document().toPlainText()[a : b + 1])
    return "\n".join(out).replace("⏎", "").replace("\u2028", "\n")


def context(original: str, rec: LogRecord) -> str:
    """Unchanged original text just before the change (or after it), within its line."""
    before = original[max(0, rec.start - 8) : rec.start].rsplit("\n", 1)[-1]
    if len(before) >= 4:
        return before
    return original[rec.end : rec.end + 8].split("\n", 1)[0]


@pytest.fixture(params=["sample", "reference"])
def review(qtbot, cli, tmp_path: Path, request) -> ReviewWindow:  # type: ignore[no-untyped-def]
    """The sample article's fix, and the reference article's (the report's s6, s9, s16)."""
    article = SAMPLE
    if request.param == "reference":
        article = request.getfixturevalue("reference") / "raw.txt"
    out = tmp_path / "clean.txt"
    assert cli("fix", article, "-o", out, "--accept", "all").code == 0
    window = ReviewWindow(open_review(out), reviewer="qa")
    window.ask_save = lambda n: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def shows(window: ReviewWindow, rec: LogRecord) -> bool:
    assert window.current is not None
    return context(window.current.original_text(), rec) in visible_text(window)


def test_the_diff_follows_the_selected_change(qtbot, review: ReviewWindow) -> None:  # type: ignore[no-untyped-def]
    assert review.current is not None
    changes = review.current.changes
    far = sorted(range(len(changes)), key=lambda i: -changes[i].start)[:3]
    rows = [*far, 5, 8, 15, 0]  # the farthest ones, and s6, s9, s16 of the report
    for row in (r for r in rows if r < len(changes)):
        review.changes.selectRow(row)
        qtbot.wait(10)
        assert shows(review, changes[row]), f"{changes[row].id} is not on screen"


def test_f8_and_a_verdict_keep_the_diff_on_the_change(qtbot, review: ReviewWindow) -> None:  # type: ignore[no-untyped-def]
    assert review.current is not None
    changes = review.current.changes
    last = max(range(len(changes)), key=lambda i: changes[i].start)
    review.changes.selectRow(last - 1)
    review.step_change(1)  # F8
    qtbot.wait(10)
    assert review.changes.currentRow() == last and shows(review, changes[last])
    review.changes.selectRow(last - 1)
    review.set_current(APPROVED)  # Ctrl+Return: approve, the next change is selected
    qtbot.wait(10)
    assert review.current.changes[last - 1].verdict == APPROVED
    assert review.changes.currentRow() == last and shows(review, changes[last])


def test_closing_with_save_stays_open_when_the_log_was_changed_after_export(
    qtbot, cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "clean.txt"
    assert cli("fix", SAMPLE, "-o", out, "--accept", "all").code == 0
    window = ReviewWindow(open_review(out), reviewer="qa")
    qtbot.addWidget(window)
    out.write_bytes(out.read_bytes() + "编辑后加的一句。\n".encode())  # edited after export
    edited = out.read_bytes()
    (f,) = window.review.files
    f.set_verdict(f.changes[0].id, APPROVED, "qa")
    warned: list[list[str]] = []
    window.ask_save = lambda n: QMessageBox.StandardButton.Save  # type: ignore[method-assign]
    window.warn_not_saved = warned.append  # type: ignore[method-assign]
    window.show()
    assert not window.close()  # refused: the verdict could not be saved
    assert window.isVisible() and len(warned) == 1 and out.read_bytes() == edited
    window.ask_save = lambda n: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    assert window.close()


def test_typed_and_replaced_edits_are_changes_qa_review_shows(qtbot, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: an edit typed in the article and a Replace All are rows of QA review, named by
    their kind, shown in the diff when selected; reverting one keeps `verify` happy."""
    from corpusfix.api import open_document, start_session
    from corpusfix.core.labels import kind_name
    from corpusfix.export.writer import write_outputs
    from corpusfix.qa.review import REVERTED

    original = tmp_path / "a.txt"
    original.write_bytes(SAMPLE.read_bytes())
    session = start_session(open_document(original))
    text = session.doc.text
    at = text.index("守护绿水青山")
    session.edit_text(at, at + 2, "保护", by="lin")  # typed over 守护
    ids, _left = session.replace_all("新区", "新城区", by="lin")  # Ctrl+H, Replace All
    n = len(ids)
    assert n > 1
    clean = tmp_path / "a.clean.txt"
    write_outputs(session, input_path=original, out=clean)
    window = ReviewWindow(open_review(clean), reviewer="qa")
    window.ask_save = lambda n: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    qtbot.waitExposed(window)
    assert window.current is not None
    changes = window.current.changes
    manual = [row for row, r in enumerate(changes) if r.kind == "manual"]
    assert len(manual) == 1 + n  # every edit is a row of its own
    assert {changes[row].after for row in manual} == {"保护", "新城区"}
    for row in (manual[0], manual[len(manual) // 2], manual[-1]):
        assert window.changes.item(row, 1).text() == kind_name("manual", "en")
        window.changes.selectRow(row)
        qtbot.wait(10)
        assert shows(window, changes[row]), f"{changes[row].id} is not on screen"
    (typed,) = [row for row in manual if changes[row].after == "保护"]
    window.changes.selectRow(typed)
    window.set_current(REVERTED)
    window.save()
    log = clean.with_name(clean.name + ".changelog.jsonl")
    assert cli("verify", original, clean, log).code == 0
    assert "守护绿水青山" in clean.read_text("utf-8")  # the reverted edit is out of the text
