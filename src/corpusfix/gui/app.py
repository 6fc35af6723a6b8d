"""Start the desktop app (``corpusfix``, ``corpusfix gui FILE…``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from corpusfix.core.background_writer import shared_writer
from corpusfix.core.errors import CorpusfixError
from corpusfix.gui.platform_check import startup_problem
from corpusfix.paths import resource_path


def install_translations(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Chinese UI on a Chinese system, English otherwise (Qt's own strings too)."""
    locale = locale or QLocale.system()
    loaded = []
    if locale.language() == QLocale.Language.Chinese:
        ours = QTranslator(app)
        if ours.load(str(resource_path("i18n", "corpusfix_zh_CN.qm"))):
            app.installTranslator(ours)
            loaded.append(ours)
        qt = QTranslator(app)
        if qt.load(
            locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            app.installTranslator(qt)
            loaded.append(qt)
    return loaded


def _application() -> QApplication:
    existing = QApplication.instance()
    if not isinstance(existing, QApplication) and (problem := startup_problem()):
        raise CorpusfixError(problem)  # one line and exit 2, not Qt's abort
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("corpusfix")
    app.setOrganizationName("corpusfix")
    app.setWindowIcon(QIcon(str(resource_path("icons", "corpusfix.png"))))
    install_translations(app)
    return app


def run_review(path: str, originals: str | None) -> int:
    from corpusfix.gui.review_window import ReviewWindow
    from corpusfix.qa.review import open_review

    review = open_review(Path(path), Path(originals) if originals else None)
    app = _application()
    window = ReviewWindow(review)
    window.show()
    return int(app.exec())


def run_gui(files: list[str], self_test: bool = False) -> int:
    from corpusfix.gui.main_window import MainWindow

    paths = [Path(f) for f in files]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        sys.stderr.write(f"corpusfix: error: {missing[0]}: no such file\n")
        return 2
    app = _application()
    window = MainWindow()
    tabs = window.open_paths(startup_paths(paths, window.recent_files(), self_test))
    window.show()
    if self_test:
        return _self_test(app, tabs)
    code = int(app.exec())
    shared_writer().flush(10)  # an autosave still being written is finished, not cut short
    return code


def startup_paths(paths: list[Path], recent: list[str], self_test: bool = False) -> list[Path]:
    """The articles to open: those asked for, then any whose review a crash left unsaved."""
    from corpusfix.core.review_state import left_behind

    wanted = list(paths)
    if not self_test:
        opened = {p.resolve() for p in wanted}
        for saved in left_behind():
            if saved.article.resolve() not in opened:
                wanted.append(saved.article)
                opened.add(saved.article.resolve())
    if not wanted and (self_test or not recent):
        wanted = [resource_path("samples", "sample-article.txt")]  # first run: the sample
    return wanted


def _self_test(app: QApplication, tabs: list[Any]) -> int:
    """Open, analyse, report, exit: proves a bundle or install works without a person."""
    from PySide6.QtCore import QTimer

    result = {"code": 1}

    def check() -> None:
        tab = tabs[0] if tabs else None
        if tab is not None and tab.session is not None:
            n = len(tab.session.suggestions)
            sys.stdout.write(f"self-test: {tab.path.name}: {n} findings\n")
            result["code"] = 0 if n else 1
            app.quit()
        else:
            QTimer.singleShot(100, check)

    QTimer.singleShot(100, check)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    return result["code"]
