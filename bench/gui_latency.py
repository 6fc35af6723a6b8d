"""How long the window stops answering on a 3.5 MB article (issue 17: each ≤ 100 ms).

    QT_QPA_PLATFORM=offscreen python -m bench.gui_latency [--mb 3.5] [--runs 3] [--seed 17]

The article is built from ../shared/data/news-clean-dev with a fixed seed (bench/layout_gen's
e-paper pages: column breaks, orphan duplicate lines, cut-off sections) with a running head
after every other page. A 10 ms timer runs on the GUI thread; the longest gap between its ticks
is the longest event-loop stall, from the action until 1 s after it is done. Measured, median
of --runs runs, each undone before the next (the undo measured too): accepting all findings of
one kind (the duplicates, the running heads), Replace All of a word that occurs thousands of
times, opening the Changes tab, one keystroke in the findings filter, and a find in the article
(where the app has one: ``find_in_article`` below is the hook). Also says whether a bulk action showed its progress
dialog and how long it took (over 1 s it must show progress and offer Cancel).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from bench.common import WORK, add_compiled_option, rerun_compiled
from corpusfix.build_info import typo_detector_build

HEADS = ("人民日报 2026年3月1日 星期日", "本版责编：王伟 李娜", "要闻·第2版")
LIMIT_MS = 100
# After an action is done the event loop runs this long more: what it set off (a deferred
# repaint, the autosave 0.7 s after a decision) stalls the window too.
SETTLE_S = 1.0


def build_article(mb: float, seed: int, out: Path) -> Path:
    """E-paper pages with running heads, until mb megabytes (UTF-8); cached by its arguments."""
    from bench.layout_gen import Generator, halves

    path = out / f"gui-latency-{mb:g}mb-seed{seed}.txt"
    if path.is_file():
        return path
    parts = halves()
    gen = Generator(parts["tune"] + parts["report"], seed)
    rng = random.Random(seed)
    pieces: list[str] = []
    size = 0
    while size < mb * 1e6:
        page = gen.page(damaged=rng.random() < 0.9).text.rstrip("\n")
        pieces.append(page)
        size += len(page.encode("utf-8")) + 2
        if len(pieces) % 3 == 2:
            head = HEADS[len(pieces) % len(HEADS)]
            pieces.append(head)
            size += len(head.encode("utf-8")) + 2
    out.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(pieces) + "\n", encoding="utf-8")
    return path


class StallMeter:
    """The longest gap between the ticks of a 10 ms timer, while the event loop runs."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def spin(self, seconds: float, until: Callable[[], bool] = lambda: True) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end or not until():
            self.app.processEvents()
            if time.perf_counter() > end + 300:
                raise SystemExit("an action did not finish within 5 minutes")

    def measure(self, action: Callable[[], object], until: Callable[[], bool]) -> float:
        """ms of the longest stall from the action until it is done and the view settled."""
        self.spin(0.2)
        self.worst, self.last = 0.0, time.perf_counter()
        action()
        self.spin(0, until)
        self.spin(SETTLE_S)
        self._tick()  # a stall at the very end has had no tick after it yet
        return self.worst * 1000


def find_in_article(tab, text: str) -> bool:  # type: ignore[no-untyped-def]
    """The hook for the article's find (Ctrl+F, from the editing work): False where none."""
    for name in ("find_text", "find_in_article", "find_next"):
        method = getattr(tab, name, None)
        if callable(method):
            method(text)
            return True
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=3.5)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=17)
    add_compiled_option(ap)
    args = ap.parse_args()
    rerun_compiled(args, "bench.gui_latency")
    print(f"build: {typo_detector_build()}")
    path = build_article(args.mb, args.seed, WORK / "gui_latency")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    os.environ["CORPUSFIX_CONFIG_DIR"] = tempfile.mkdtemp()  # no word list, no autosave of ours
    from corpusfix.gui.main_window import MainWindow

    window = MainWindow(QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat))
    window.ask_save = lambda n: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.resize(1400, 860)
    window.show()
    meter = StallMeter(app)
    t0 = time.perf_counter()
    (tab,) = window.open_paths([path])
    loaded: list[float] = []
    tab.loaded.connect(lambda: loaded.append(time.perf_counter() - t0))
    app.processEvents()  # the tab's first paint (fonts) belongs to opening, not to analysis
    meter.worst, meter.last = 0.0, time.perf_counter()
    meter.spin(0, lambda: bool(loaded))
    analysis_stall = meter.worst * 1000
    assert tab.session is not None
    session = tab.session
    kinds: dict[str, int] = {}
    for s in session.suggestions:
        kinds[s.kind] = kinds.get(s.kind, 0) + 1
    print(
        f"article {path.stat().st_size / 1e6:.2f} MB, {len(session.suggestions)} findings {kinds}"
    )
    print(f"analysed and listed in {loaded[0]:.1f} s")

    rows: list[tuple[str, list[float], str]] = [
        ("analysis and listing", [analysis_stall], "once (the article opened)")
    ]

    def bulk_of(kind: str) -> None:
        first = next(s for s in session.suggestions if s.kind == kind and not s.flag_only)
        results, notes, undos = [], [], []
        for _ in range(args.runs):
            tab.select(first)
            started = time.perf_counter()
            ms = meter.measure(tab.accept_all_kind, lambda: not tab.busy)
            run = tab.bulk
            assert run is not None
            took = time.perf_counter() - started - SETTLE_S
            notes.append(
                f"{len(run.bulk.done)} accepted in {took:.1f} s, "
                f"{'progress dialog' if run.slices > 1 else 'one slice'}"
            )
            results.append(ms)
            undos.append(meter.measure(tab.undo, lambda: not tab.busy))
        rows.append((f"accept all {kind}", results, notes[-1]))
        rows.append((f"undo it ({kind})", undos, "one undo step"))

    bulk_of("duplicate")
    bulk_of("furniture")

    # Replace All: thousands of manual records, each inserting text into the article
    replaced, undone, note = [], [], ""
    for _ in range(args.runs):
        started = time.perf_counter()
        replaced.append(
            meter.measure(lambda: tab.replace_all("中国", "我国"), lambda: not tab.busy)
        )
        run = tab.bulk
        assert run is not None
        took = time.perf_counter() - started - SETTLE_S
        note = (
            f"{len(run.bulk.done)} replaced in {took:.1f} s, "
            f"{'progress dialog' if run.slices > 1 else 'one slice'}"
        )
        undone.append(meter.measure(tab.undo, lambda: not tab.busy))
    rows.append(("replace all 中国→我国", replaced, note))
    rows.append(("undo it (replace all)", undone, "one undo step"))

    # The Changes tab with changes to show: every merge and duplicate accepted
    for kind in ("duplicate", "merge"):
        tab.select(next(s for s in session.suggestions if s.kind == kind))
        tab.accept_all_kind()
        meter.spin(0.1, lambda: not tab.busy)

    def diff_done() -> bool:
        return not getattr(tab.diff, "gathering", False) and not getattr(tab.diff, "growing", False)

    changes = []
    for _ in range(args.runs):
        tab.diff_stale = True  # each run rebuilds it, as after a decision made elsewhere
        changes.append(meter.measure(lambda: tab.views.setCurrentWidget(tab.diff), diff_done))
        tab.views.setCurrentWidget(tab.article)
    rows.append(("open the Changes tab", changes, f"{tab.diff.count} changes"))

    # A decision with the Changes tab shown (rebuilt where it is), and hidden (the baseline:
    # the article, the list and the detail pane alone)
    pending = [s for s in session.suggestions if s.kind == "furniture"][: args.runs]
    for shown in (True, False):
        tab.views.setCurrentWidget(tab.diff if shown else tab.article)
        meter.spin(0.2, diff_done)
        decided = []
        for s in pending:
            tab.select(s)
            decided.append(meter.measure(tab.accept_current, diff_done))
            tab.undo()
            meter.spin(0.2, diff_done)
        name = f"decision, Changes {'shown' if shown else 'hidden'}"
        rows.append((name, decided, f"{tab.diff.count} changes" if shown else "the baseline"))
    tab.views.setCurrentWidget(tab.article)

    keys = []
    for _ in range(args.runs):
        tab.filter_box.setFocus()
        keys.append(meter.measure(lambda: QTest.keyClick(tab.filter_box, "d"), lambda: True))
        tab.filter_box.clear()
    rows.append(("filter keystroke", keys, f"{len(tab.visible_findings())} shown after clearing"))

    finds: list[float] = []
    if find_in_article(tab, "记者"):
        for _ in range(args.runs):
            finds.append(meter.measure(lambda: find_in_article(tab, "发展"), lambda: True))
        rows.append(("find in the article", finds, ""))
    else:
        rows.append(("find in the article", [], "no find in this build (hook: find_in_article)"))

    print(f"\nlongest event-loop stall, ms (10 ms timer; median of {args.runs}; limit {LIMIT_MS})")
    print(f"{'action':<24} {'runs':<22} {'median':>7}  ok   note")
    for name, values, note in rows:
        if not values:
            print(f"{name:<24} {'—':<22} {'—':>7}  —    {note}")
            continue
        med = statistics.median(values)
        runs = " ".join(f"{v:.0f}" for v in values)
        print(f"{name:<24} {runs:<22} {med:>7.0f}  {'yes' if med <= LIMIT_MS else 'NO ':<4} {note}")
    window.close()


if __name__ == "__main__":
    main()
