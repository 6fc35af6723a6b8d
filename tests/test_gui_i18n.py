"""Issue 17, defect 10: one language at a time. Under zh_CN every text a person can see (main
window, QA review, dialogs, menus, tooltips, status bar, the HTML report) is Chinese; under
English none is Chinese, apart from the article and text quoted from it."""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from corpusfix.gui.main_window import MainWindow
from tests.conftest import SAMPLE

# What may stay Latin in the Chinese UI: the product, key names, encodings, technical formats.
LATIN_OK = re.compile(
    r"^(corpusfix|Ctrl|Shift|Alt|Return|Enter|Backspace|Del|Delete|Esc|PgUp|PgDown|Tab|Space|Up|"
    r"Down|Left|Right|"
    r"F\d+|UTF|utf|GB\d*|gb\d*|GBK|Big|big|BIG|hkscs|HKSCS|HTML|LF|CRLF|CR|txt|jsonl|html)$"
)
# File names and paths are the person's own (they are shown as they are).
PATHS = re.compile(
    r"(?:[A-Za-z]:)?[/\\][^\s，。：；、“”（）()]+|[\w.-]+\.(?:txt|jsonl|html|diff|ini)"
)
QUOTED = re.compile(r"'[^']*'|“[^”]*”|‘[^’]*’")
HAN = re.compile(r"[\u3400-\u9fff]+")
NUMBERS = {"n", "line", "kept_line", "count", "want"}


def _plain(text: str) -> str:
    if "<" in text:
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    if isinstance(view, QTableWidget):  # (its model's columnCount is private in PySide6)
        for col in range(view.columnCount()):
            head = view.horizontalHeaderItem(col)
            if head is not None:
                yield head.text()
            for row in range(view.rowCount()):
                item = view.item(row, col)
                if item is not None:
                    yield item.text()
                    yield item.toolTip()
        return
    if isinstance(view, QListWidget):
        for row in range(view.count()):
            yield view.item(row).text()
        return
    model = view.model()
    if model is None:
        return

    def walk(parent: QModelIndex) -> Iterator[str]:
        for row in range(model.rowCount(parent)):
            for col in range(model.columnCount(parent)):
                index = model.index(row, col, parent)
                for role in (0, 3):  # display, tooltip
                    value = index.data(role)
                    if isinstance(value, str):
                        yield value
                yield from walk(index)

    yield from walk(QModelIndex())
    hidden = getattr(view, "isHeaderHidden", lambda: False)()
    for col in range(model.columnCount() if not hidden else 0):
        value = model.headerData(col, Qt.Orientation.Horizontal)
        if isinstance(value, str):
            yield value


def _menu_texts(menu: QMenu) -> Iterator[str]:
    yield menu.title()
    for action in menu.actions():
        yield action.text()
        yield action.toolTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu())


def visible_texts(root: QWidget, skip: tuple[QWidget, ...] = ()) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person can see in root: labels, buttons, fields, lists,
    tables, trees, tabs, menus, tooltips, the window title and the status bar."""
    yield "title", root.windowTitle()
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if any(w is s or s.isAncestorOf(w) for s in skip) or not w.isVisibleTo(root):
            continue
        where = type(w).__name__
        yield where + ".toolTip", w.toolTip()
        if isinstance(w, QLabel):
            yield where, _plain(w.text())
        elif isinstance(w, QAbstractButton):
            yield where, w.text()
        elif isinstance(w, QLineEdit):
            yield where, w.text()
            yield where + ".placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield where, w.itemText(i)
        elif isinstance(w, QTextBrowser):
            yield where, w.toPlainText()
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield where, w.tabText(i)
        if isinstance(w, QAbstractItemView):
            for text in _model_texts(w):
                yield where, text
    if hasattr(root, "menuBar"):
        for action in root.menuBar().actions():
            if action.menu() is not None:
                yield from (("menu", t) for t in _menu_texts(action.menu()))
    if hasattr(root, "statusBar"):
        yield "status", root.statusBar().currentMessage()


def latin_runs(text: str, article: str) -> list[str]:
    text = PATHS.sub(" ", text)
    return [
        run
        for run in re.findall(r"[A-Za-z]{2,}", text)
        if not LATIN_OK.match(run) and run not in article
    ]


def han_runs(text: str, article: str, quoted_ok: bool = True) -> list[str]:
    text = QUOTED.sub(" ", PATHS.sub(" ", text)) if quoted_ok else text
    return [run for run in HAN.findall(text) if run not in article]


@pytest.fixture
def chinese(qapp):  # type: ignore[no-untyped-def]
    from corpusfix.gui.app import install_translations

    loaded = install_translations(qapp, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    assert loaded, "resources/i18n/corpusfix_zh_CN.qm did not load"
    yield
    for t in loaded:
        qapp.removeTranslator(t)
    assert QCoreApplication.translate("corpusfix", "en") == "en"


def _window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.reviewer = "editor"
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    monkeypatch.setattr(w, "ask_save", lambda n: QMessageBox.StandardButton.Discard)
    return w


def _bulk_progress(tab, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The progress dialog of each bulk decision (a slice of one finding: it shows at once),
    then Cancel."""
    from corpusfix.gui import bulk

    monkeypatch.setattr(bulk, "SLICE_S", 0.0)
    monkeypatch.setattr(bulk, "CHUNK", 1)
    texts: list[tuple[str, str]] = []
    for start in (tab.accept_all_kind, tab.accept_shown, tab.reject_shown):
        pending = [s for s in tab.session.pending() if s.kind != "manual"]
        kin = [s for s in pending if s.kind == pending[0].kind]
        tab.select(kin[0] if len(kin) > 1 else pending[0])
        run = start()
        assert run is not None and run.dialog is not None, f"{start.__name__}: no progress"
        texts += [("progress." + k, t) for k, t in visible_texts(run.dialog)]
        run.cancel()
    return texts


def _confirmation(export) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The export's confirmation box (what goes where), as shown; answered Cancel."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: list[tuple[str, str]] = []

    def grab() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, grab)
            return
        seen.extend(("confirmation." + k, t) for k, t in visible_texts(box))
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, grab)
    assert not export.confirm_and_export()  # Cancel: nothing written
    assert seen, "no confirmation was shown"
    return seen


def _every_screen(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[tuple[str, str]], str]:  # type: ignore[no-untyped-def]
    """Open the sample, look at every finding, the dialogs, an export's report and its QA
    review; return every visible text and the article."""
    from corpusfix.gui.review_window import ReviewWindow
    from corpusfix.qa.review import open_review

    w = _window(qtbot, tmp_path, monkeypatch)
    texts: list[tuple[str, str]] = list(visible_texts(w))  # no article open: the hint
    article = tmp_path / "article.txt"
    shutil.copy(SAMPLE, article)
    (tab,) = w.open_paths([article])
    with qtbot.waitSignal(tab.loaded, timeout=30000):
        pass
    assert tab.session is not None
    original = tab.session.doc.text
    candidates = " ".join(c for s in tab.session.suggestions for c in s.candidates)
    quoted = original + " " + candidates
    skip = (tab.article, tab.diff, tab.detail.context)
    for s in tab.session.suggestions:  # every detail line, every kind
        tab.select(s)
        texts += visible_texts(w, skip)
    tab.accept_current()
    texts += visible_texts(w, skip)
    for open_bar in ("open_replace", "toggle_preview"):  # the find/replace bar, the preview
        if hasattr(tab, open_bar):
            getattr(tab, open_bar)()
            texts += visible_texts(w, skip)
    if hasattr(tab, "toggle_preview"):
        tab.toggle_preview()
    dialogs = [w.show_shortcuts(), w.manage_lists(), w.encoding_dialog(tab)]
    for dialog in dialogs:
        dialog.show()
        texts += visible_texts(dialog)
        dialog.close()
    texts += _bulk_progress(tab, monkeypatch)
    tab.views.setCurrentWidget(tab.diff)  # the Changes tab (its text is the article's)
    texts += visible_texts(w, skip)
    tab.views.setCurrentWidget(tab.article)
    tab.session.accept_all()
    tab._after_change([s.id for s in tab.session.suggestions])
    export = w.export_dialog()
    assert export is not None
    export.clean_path.setText(str(tmp_path / "out" / "article.txt"))
    export.log_path.setText(str(tmp_path / "out" / "article.txt.changelog.jsonl"))
    export.report_path.setText(str(tmp_path / "out" / "article.txt.report.html"))
    (tmp_path / "out").mkdir()
    texts += visible_texts(export)
    texts += _confirmation(export)
    export.export()
    assert export.exported is not None
    texts += [("status", w.statusBar().currentMessage())]
    report = (tmp_path / "out" / "article.txt.report.html").read_text("utf-8")
    texts.append(("report", _plain(report)))
    texts += [("report.title", t) for t in re.findall(r'(?:title|aria-label)="([^"]*)"', report)]
    review = ReviewWindow(open_review(tmp_path / "out" / "article.txt"), reviewer="qa")
    qtbot.addWidget(review)
    review.show()
    texts += visible_texts(review, (review.diff,))
    review.set_current("reverted")
    review.save()
    texts += visible_texts(review, (review.diff,))
    regenerated = (tmp_path / "out" / "article.txt.report.html").read_text("utf-8")
    texts.append(("report (QA)", _plain(regenerated)))
    review.close()
    w.close()
    return [(where, t) for where, t in texts if t], quoted


def test_chinese_ui_has_no_english(  # type: ignore[no-untyped-def]
    qtbot, chinese, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts, article = _every_screen(qtbot, tmp_path, monkeypatch)
    assert len(texts) > 500  # the walk saw the windows, not an empty screen
    bad = sorted({(where, t[:120]) for where, t in texts if latin_runs(t, article)})
    assert not bad, f"English in the Chinese UI ({len(bad)}):\n" + "\n".join(map(str, bad[:40]))
    joined = " ".join(t for _, t in texts)
    for kind_word in ("错别字", "重复", "断段", "待定", "已接受"):
        assert kind_word in joined  # kind names and states are there, in Chinese


def test_english_ui_has_no_chinese(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts, article = _every_screen(qtbot, tmp_path, monkeypatch)
    bad = sorted({(where, t[:120]) for where, t in texts if han_runs(t, article)})
    assert not bad, f"Chinese in the English UI ({len(bad)}):\n" + "\n".join(map(str, bad[:40]))


def test_filter_by_chinese_kind_name_finds(  # type: ignore[no-untyped-def]
    qtbot, chinese, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = _window(qtbot, tmp_path, monkeypatch)
    (tab,) = w.open_paths([SAMPLE])
    with qtbot.waitSignal(tab.loaded, timeout=30000):
        pass
    assert tab.session is not None
    typos = [s for s in tab.session.suggestions if s.kind == "typo"]
    assert typos
    tab.filter_box.setText("错别字")
    assert {s.id for s in tab.visible_findings()} == {s.id for s in typos}


def test_every_marked_string_has_a_translation() -> None:
    """What the code passes to tr() (pyside6-lupdate lists it) is in the translation table."""
    import importlib.util
    import subprocess
    import sys
    import xml.etree.ElementTree as ET

    lupdate = shutil.which("pyside6-lupdate") or str(
        Path(sys.executable).with_name("pyside6-lupdate")
    )
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate is not installed")
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("bt", root / "scripts" / "build_translations.py")
    assert spec is not None and spec.loader is not None
    table = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(table)
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"corpusfix-lupdate-{os.getpid()}.ts"
    gui = sorted(str(p) for p in (root / "src" / "corpusfix" / "gui").glob("*.py"))
    subprocess.run([lupdate, *gui, "-ts", str(out)], check=True, capture_output=True)
    missing = [
        (ctx.findtext("name"), msg.findtext("source"))
        for ctx in ET.parse(out).getroot()
        for msg in ctx.findall("message")
        if msg.findtext("source") not in table.CONTEXTS.get(ctx.findtext("name"), {})
    ]
    out.unlink()
    assert not missing, missing
    # and the built .qm is the table's (scripts/build_translations.py was run)
    ts = (root / "resources" / "i18n" / "corpusfix_zh_CN.ts").read_text("utf-8")
    for ctx, entries in table.CONTEXTS.items():
        for src in entries:
            assert html.escape(src, quote=False) in ts, (ctx, src)


def test_every_message_renders_in_both_languages_and_parses_back() -> None:
    from corpusfix.core.messages import MESSAGES, render

    for m in MESSAGES:
        names = re.findall(r"\(\?P<(\w+)>", m.pattern)
        realistic = {
            "source": "look-alike",
            "gain": "3.4",
            "read_as": "GBK",
            "encoding": "utf_8",
            "names": "U+200B",
        }
        if m.id.startswith("encoding."):
            realistic["source"] = "gb18030"
        params = {n: realistic.get(n, "1" if n in NUMBERS else "一") for n in names}
        for lang in ("en", "zh"):
            text = render(m.id, params, lang)
            assert text and "{" not in text, (m.id, lang)
        zh = render(m.id, params, "zh")
        assert not latin_runs(zh, ""), (m.id, zh)
        assert not han_runs(render(m.id, params, "en"), ""), (m.id, render(m.id, params, "en"))


def test_engine_messages_carry_their_id_and_parameters() -> None:
    """parse(message) gives back the id and parameters the detector set, for every finding."""
    from corpusfix.api import Settings, open_document, start_session
    from corpusfix.core.messages import parse

    fixtures = Path(__file__).parent / "fixtures" / "main-logs" / "originals"
    seen = set()
    for path in [SAMPLE, *sorted(fixtures.glob("*.txt"))]:
        doc = open_document(path, Settings())
        for s in start_session(doc, Settings()).suggestions:
            assert s.message_id, s.message
            assert parse(s.message) == (s.message_id, dict(s.params)), s.message
            seen.add(s.message_id)
    assert len(seen) >= 6


@pytest.mark.parametrize(
    ("env", "option", "chinese"),
    [
        ({"LANG": "zh_CN.UTF-8"}, [], True),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, [], True),
        ({"LANG": "en_US.UTF-8"}, [], False),
        ({"LANG": "zh_CN.UTF-8"}, ["--lang", "en"], False),
        ({"LANG": "C.UTF-8"}, ["--lang", "zh"], True),
    ],
)
def test_fix_report_follows_the_locale_and_lang_overrides(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli, env, option, chinese
) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    article = tmp_path / "article.txt"
    shutil.copy(SAMPLE, article)
    report = tmp_path / "report.html"
    out = tmp_path / "clean.txt"
    assert cli("fix", article, "-o", out, "--accept", "all", "--report", report, *option).code == 0
    page = _plain(report.read_text("utf-8"))
    text = SAMPLE.read_text("utf-8") + out.read_text("utf-8")  # the article, before and after
    assert bool(han_runs(page, text)) is chinese
    assert bool(latin_runs(page, text)) is not chinese
    # the change log keeps the engine's (English) text whatever the report's language
    log = (tmp_path / "clean.txt.changelog.jsonl").read_text("utf-8")
    assert "looks like a typo for" in log
