"""QA review: verdicts recorded in the log, reverted text restored, outputs still verify."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from corpusfix.qa.review import APPROVED, REVERTED, open_review
from tests.conftest import SAMPLE
from tests.test_batch import make_archive


def batch_output(cli, tmp_path: Path, n: int) -> Path:  # type: ignore[no-untyped-def]
    src = make_archive(tmp_path, n)
    (src / "binary.txt").unlink()
    out = tmp_path / "out"
    assert cli("batch", src, "-o", out, "--accept", "all", "--jobs", "1").code == 0
    return out


def test_revert_restores_text_and_verifies(cli, tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    assert cli("fix", SAMPLE, "-o", out, "--accept", "all").code == 0
    review = open_review(out)
    (f,) = review.files
    merge = next(r for r in f.changes if r.kind == "merge")
    f.set_verdict(merge.id, REVERTED, "qa")
    for r in f.changes:
        if r.id != merge.id:
            f.set_verdict(r.id, APPROVED, "qa")
    review.save()
    text = out.read_text("utf-8")
    original = SAMPLE.read_text("utf-8")
    around = original[merge.start - 5 : merge.end + 5]
    assert "\n\n" in around and around in text  # the break is back, byte for byte
    log = [
        json.loads(x)
        for x in (tmp_path / "clean.txt.changelog.jsonl").read_text("utf-8").splitlines()
    ]
    verdicts = {
        r["id"]: r.get("review", {}).get("verdict") for r in log[1:] if r["decision"] == "accepted"
    }
    assert verdicts[merge.id] == "reverted" and set(verdicts.values()) == {
        "approved",
        "reverted",
    }
    assert all(r["review"]["by"] == "qa" for r in log[1:] if "review" in r)
    assert cli("verify", SAMPLE, out, tmp_path / "clean.txt.changelog.jsonl").code == 0


def test_review_diff_for_a_whole_batch(cli, tmp_path: Path) -> None:
    out = batch_output(cli, tmp_path, 4)
    diff = tmp_path / "all.diff"
    r = cli("review", out, "--diff", diff)
    assert r.code == 0
    text = diff.read_text("utf-8")
    assert text.count("--- a/") == 5 and "[-⏎⏎-]" in text and "{+，+}" in text


def test_review_app_revert_three_approve_the_rest(qtbot, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    pytest.importorskip("pytestqt")
    from PySide6.QtCore import Qt

    from corpusfix.gui.review_window import ReviewWindow

    out = batch_output(cli, tmp_path, 19)  # 19 articles + one duplicate copy = 20 files
    review = open_review(out)
    assert len(review.files) == 20
    window = ReviewWindow(review, reviewer="qa")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    # Sortable by number of changes.
    window.files.sortItems(1, Qt.SortOrder.DescendingOrder)
    counts = [int(window.files.item(r, 1).text()) for r in range(window.files.rowCount())]
    assert counts == sorted(counts, reverse=True)
    reverted = []
    for _ in range(3):
        window.step_file(1)
        rec = window.selected_change()
        assert window.current is not None
        assert rec is not None, (
            window.current.rel,
            window.changes.rowCount(),
            window.files.currentRow(),
        )
        reverted.append((window.current.rel, rec))
        qtbot.keyClick(window, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(
        window,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert all(f.reviewed() == len(f.changes) for f in review)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.unsaved() == 0
    assert cli("verify", out).code == 0
    for rel, rec in reverted:
        f = review.by_rel(rel)
        original = f.original_text()
        clean = (
            (out / rel)
            .read_bytes()
            .decode("gb18030" if f.log.header["encoding"] == "gb18030" else "utf-8")
        )
        around = original[max(0, rec.start - 4) : rec.end + 4]
        assert around in clean, f"{rel}: reverted text not restored"
        log = [json.loads(x) for x in f.log_path.read_text("utf-8").splitlines()]
        assert {r["id"]: r.get("review", {}).get("verdict") for r in log[1:]}[rec.id] == "reverted"
    approved = sum(1 for f in review for r in f.changes if f.verdict(r) == APPROVED)
    assert approved == sum(len(f.changes) for f in review) - 3


def _tamper_log(log_path: Path) -> None:
    """Turn one accepted record into a rejected one: the log still reads, but no longer
    replays to the clean text it records."""
    lines = log_path.read_text("utf-8").splitlines()
    n, rec = next((n, json.loads(x)) for n, x in enumerate(lines) if '"accepted"' in x)
    rec["decision"] = "rejected"
    lines[n] = json.dumps(rec, ensure_ascii=False, separators=(", ", ": "))
    log_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_saving_a_review_does_not_legitimise_a_tampered_log(cli, tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    log_path = tmp_path / "clean.txt.changelog.jsonl"
    assert cli("fix", SAMPLE, "-o", out, "--accept", "all").code == 0
    _tamper_log(log_path)
    assert cli("verify", SAMPLE, out, log_path).code == 1
    before = (out.read_bytes(), log_path.read_bytes())
    review = open_review(out)
    (f,) = review.files
    f.set_verdict(f.changes[0].id, APPROVED, "qa")
    errors = review.save()
    assert len(errors) == 1 and "replay" in errors[0]
    assert (out.read_bytes(), log_path.read_bytes()) == before  # nothing rewritten
    assert cli("verify", SAMPLE, out, log_path).code == 1  # still flagged


def test_saving_a_review_keeps_a_clean_file_edited_by_hand(cli, tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    log_path = tmp_path / "clean.txt.changelog.jsonl"
    assert cli("fix", SAMPLE, "-o", out, "--accept", "all").code == 0
    out.write_bytes(out.read_bytes() + "编辑后加的一句。\n".encode())
    edited, log = out.read_bytes(), log_path.read_bytes()
    review = open_review(out)
    (f,) = review.files
    f.set_verdict(f.changes[0].id, REVERTED, "qa")
    errors = review.save()
    assert len(errors) == 1 and "clean.txt" in errors[0]
    assert out.read_bytes() == edited  # the hand edit is not overwritten
    assert log_path.read_bytes() == log


def test_reading_a_batch_state_leaves_no_files_beside_it(cli, tmp_path: Path) -> None:
    from corpusfix.core.batch_layout import recorded_sources, state_path

    out = batch_output(cli, tmp_path, 3)
    state = state_path(out)
    before = sorted(p.name for p in state.parent.iterdir())
    assert recorded_sources(out)  # review and verify read the state this way
    assert sorted(p.name for p in state.parent.iterdir()) == before  # no -shm, no -wal
