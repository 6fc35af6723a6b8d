"""Screenshots of the app on the bundled sample article (docs/screenshots/, shown in the README).

QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUTDIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def take(outdir: Path) -> list[Path]:
    from corpusfix.gui.main_window import MainWindow
    from corpusfix.paths import resource_path

    app = QApplication.instance() or QApplication([])
    settings = QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1400, 860)
    window.show()
    (tab,) = window.open_paths([resource_path("samples", "sample-article.txt")])
    for _ in range(100):
        if tab.session is not None:
            break
        _wait(50)
    assert tab.session is not None, "the sample did not load"
    dup = next(s for s in tab.session.suggestions if s.kind == "duplicate")
    tab.select(dup)
    _wait(100)
    outdir.mkdir(parents=True, exist_ok=True)
    shots = []
    main = outdir / "main-window.png"
    window.grab().save(str(main))
    shots.append(main)
    tab.session.accept_all()
    tab._after_change([s.id for s in tab.session.suggestions])
    tab.step_change(1)
    _wait(100)
    diff = outdir / "diff-view.png"
    window.grab().save(str(diff))
    shots.append(diff)
    dialog = window.export_dialog()
    assert dialog is not None
    dialog.resize(720, 260)
    _wait(100)
    export = outdir / "export-dialog.png"
    dialog.grab().save(str(export))
    shots.append(export)
    dialog.reject()
    tab.dirty = False
    window.close()
    app.processEvents()
    return shots


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for p in take(out):
        print(p)
