"""How long the window stops answering while a big article is analysed and shown.

    QT_QPA_PLATFORM=offscreen python -m bench.gui_latency [--mb 1]

A 10 ms timer runs on the GUI thread; the longest gap between its ticks is the longest
event-loop stall (target < 100 ms). Also reports when the first findings were on screen.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from bench.common import add_compiled_option, news_paragraphs, rerun_compiled
from corpusfix.build_info import typo_detector_build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=1.0)
    add_compiled_option(ap)
    args = ap.parse_args()
    rerun_compiled(args, "bench.gui_latency")
    print(f"build: {typo_detector_build()}")
    paras = news_paragraphs()
    text, i = [], 0
    while sum(len(p) * 3 for p in text) < args.mb * 1e6:
        p = paras[i % len(paras)]
        text.append(p[: len(p) // 2] if i % 7 == 0 else p)  # some cut paragraphs: findings
        i += 1
    path = Path(tempfile.mkdtemp()) / "big.txt"
    path.write_text("\n\n".join(text), encoding="utf-8")
    app = QApplication.instance() or QApplication([])
    from corpusfix.gui.main_window import MainWindow

    window = MainWindow(QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat))
    window.show()
    gaps: list[float] = []
    last = [time.perf_counter()]
    t0 = last[0]

    slow: list[tuple[float, float]] = []

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        if now - last[0] > 0.05:
            slow.append((round(last[0] - t0, 2), round(now - last[0], 3)))
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    t0 = time.perf_counter()
    shown: list[float] = []
    done: list[float] = []
    (tab,) = window.open_paths([path])
    # A big article shows its fast findings first (previewed), then the typo check (loaded).
    tab.previewed.connect(lambda: shown.append(time.perf_counter() - t0))
    tab.loaded.connect(lambda: done.append(time.perf_counter() - t0))
    tab.loaded.connect(lambda: shown.append(time.perf_counter() - t0))
    opened = time.perf_counter() - t0
    app.processEvents()  # the tab's first paint (fonts) belongs to opening, not to analysis
    gaps.clear()
    slow.clear()
    last[0] = time.perf_counter()
    deadline = time.perf_counter() + 120
    while not shown and time.perf_counter() < deadline:
        app.processEvents()
    t1 = time.perf_counter()
    while time.perf_counter() - t1 < 0.5:  # let the view settle
        app.processEvents()
    marks = {"first findings": round(shown[0], 2) if shown else None}
    for _ in range(5):  # a few decisions and F8 steps while the typo check may still run
        tab.accept_current()
        app.processEvents()
        tab.next_finding()
        app.processEvents()
    marks["decided"] = round(time.perf_counter() - t0, 2)
    while not done and time.perf_counter() < deadline:
        app.processEvents()
    marks["typo check done"] = round(done[0], 2) if done else None
    assert tab.session is not None
    kept = sum(1 for d in tab.session.decisions.values() if d.by != "corpusfix")
    marks["decisions kept"] = kept
    print(f"phases (s): {marks}")
    timer.stop()
    n = len(tab.session.suggestions) if tab.session else 0
    print(f"article {path.stat().st_size / 1e6:.2f} MB, {n} findings")
    print(f"opening the tab (before analysis starts) took {opened * 1000:.0f} ms")
    print(f"first findings on screen after {shown[0]:.2f} s" if shown else "never loaded")
    print(f"stalls over 50 ms (start s, length s): {slow}")
    print(
        f"longest event-loop stall {max(gaps) * 1000:.0f} ms (median tick {sorted(gaps)[len(gaps) // 2] * 1000:.0f} ms)"
    )
    from PySide6.QtWidgets import QMessageBox

    window.ask_save = lambda n: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.close()  # without asking: the benchmark's decisions are not worth saving


if __name__ == "__main__":
    main()
