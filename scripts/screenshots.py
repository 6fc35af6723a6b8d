"""Screenshots of the app on the bundled sample article (docs/screenshots/, shown in the README
and the guides): the main window, the diff, the export dialog and QA review, in English
(NAME.png) and Chinese (NAME.zh.png).

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


def _language(app: QApplication, lang: str) -> list[object]:
    """Install the Chinese translation for "zh" (returns what to remove afterwards)."""
    from PySide6.QtCore import QLocale

    from corpusfix.gui.app import install_translations

    if lang != "zh":
        return []
    return list(install_translations(app, QLocale(QLocale.Language.Chinese, QLocale.Country.China)))


def _name(outdir: Path, stem: str, lang: str) -> Path:
    return outdir / (f"{stem}.png" if lang == "en" else f"{stem}.{lang}.png")


def take(outdir: Path, lang: str = "en") -> list[Path]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    installed = _language(app, lang)
    try:
        return _take(app, outdir, lang)
    finally:
        for t in installed:
            app.removeTranslator(t)  # type: ignore[arg-type]


def _take(app: QApplication, outdir: Path, lang: str) -> list[Path]:
    from corpusfix.gui.main_window import MainWindow
    from corpusfix.paths import resource_path

    settings = QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1400, 860)
    window.show()
    (tab,) = window.open_paths([resource_path("samples", "sample-article.txt")])
    loaded: list[bool] = []
    tab.loaded.connect(lambda: loaded.append(True))
    for _ in range(1200):  # a minute at most (a busy machine)
        if loaded:
            break
        _wait(50)
    assert tab.session is not None, "the sample did not load"
    dup = next(s for s in tab.session.suggestions if s.kind == "duplicate")
    tab.select(dup)
    _wait(100)
    outdir.mkdir(parents=True, exist_ok=True)
    shots = []
    main = _name(outdir, "main-window", lang)
    window.grab().save(str(main))
    shots.append(main)
    tab.session.accept_all()
    tab._after_change([s.id for s in tab.session.suggestions])
    tab.step_change(1)
    _wait(100)
    diff = _name(outdir, "diff-view", lang)
    window.grab().save(str(diff))
    shots.append(diff)
    dialog = window.export_dialog()
    assert dialog is not None
    dialog.resize(720, 260)
    _wait(100)
    export = _name(outdir, "export-dialog", lang)
    dialog.grab().save(str(export))
    shots.append(export)
    dialog.reject()
    tab.dirty = False
    window.close()
    app.processEvents()
    return shots


def take_review(outdir: Path, lang: str = "en") -> Path:
    """QA review of the sample exported with every suggestion accepted, one change reverted."""
    from corpusfix.api import Settings, open_document, start_session
    from corpusfix.export.writer import write_outputs
    from corpusfix.gui.review_window import ReviewWindow
    from corpusfix.paths import resource_path
    from corpusfix.qa.review import REVERTED, open_review

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    installed = _language(app, lang)
    try:
        work = Path(tempfile.mkdtemp())
        article = work / "sample-article.txt"
        article.write_bytes(resource_path("samples", "sample-article.txt").read_bytes())
        session = start_session(open_document(article, Settings()), Settings())
        session.accept_all()
        out = work / "clean" / "sample-article.txt"
        out.parent.mkdir()
        write_outputs(session, input_path=article, out=out)
        window = ReviewWindow(open_review(out), reviewer="qa")
        window.resize(1400, 860)
        window.show()
        window.changes.selectRow(2)
        window.set_current(REVERTED)
        _wait(150)
        shot = _name(outdir, "qa-review", lang)
        outdir.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(shot))
        for f in window.review:
            f.changed = False  # a picture, not a review: nothing to save
        window.close()
        app.processEvents()
        return shot
    finally:
        for t in installed:
            app.removeTranslator(t)  # type: ignore[arg-type]


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for language in ("en", "zh"):
        for p in [*take(out, language), take_review(out, language)]:
            print(p)
