"""Start the desktop app (``corpusfix``, ``corpusfix gui FILE…``)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

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


def run_review(path: str, originals: str | None) -> int:
    from corpusfix.gui.review_window import ReviewWindow
    from corpusfix.qa.review import open_review

    review = open_review(Path(path), Path(originals) if originals else None)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translations(app)  # type: ignore[arg-type]
    window = ReviewWindow(review)
    window.show()
    return int(app.exec())


def run_gui(files: list[str]) -> int:
    from corpusfix.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("corpusfix")
    app.setOrganizationName("corpusfix")
    install_translations(app)  # type: ignore[arg-type]
    window = MainWindow()
    paths = [Path(f) for f in files]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        sys.stderr.write(f"corpusfix: error: {missing[0]}: no such file\n")
        return 2
    if not paths and not window.recent_files():
        paths = [resource_path("samples", "sample-article.txt")]  # first run: the sample
    window.open_paths(paths)
    window.show()
    return int(app.exec())
