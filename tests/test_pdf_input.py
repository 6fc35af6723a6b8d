"""PDF pages as input (issue 16, point 4): check, fix, apply, verify, batch and the app read the
text layer of a ``.pdf`` and rebuild its articles from geometry; change logs refer to the
extracted text and name the extractor; a log whose extracted text differs is refused.

The PDFs are in tests/fixtures/pdf, made by scripts/make_pdf_fixtures.py (chromium's print of a
two-page HTML newspaper, gs for the encrypted one); ``article.gold.json`` is the text the pages
were typeset from.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpusfix.api import open_document
from corpusfix.core.document import Role
from corpusfix.core.extraction import text_sha256
from corpusfix.core.loading import sha256_hex
from tests.outputs import snapshot

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
ARTICLE = FIXTURES / "article.pdf"
SCANNED = FIXTURES / "scanned.pdf"
ENCRYPTED = FIXTURES / "encrypted.pdf"
GOLD = json.loads((FIXTURES / "article.gold.json").read_text("utf-8"))
LAYOUT = "merge,duplicate,furniture,split"


def paragraphs(text: str) -> list[str]:
    """Paragraphs as SPEC.md defines them in blank-line mode: runs of non-blank lines."""
    return [p for p in (block.strip() for block in text.split("\n\n")) if p]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    dst = tmp_path / "article.pdf"
    shutil.copy(ARTICLE, dst)
    return dst


def test_the_pages_articles_are_rebuilt_from_geometry() -> None:
    doc = open_document(ARTICLE)
    assert doc.paragraph_mode == "blank-line"
    paras = [doc.text[p.start : p.end] for p in doc.paragraphs]
    # every body paragraph exactly, the one cut by the page break (下转/上接) included,
    # in reading order: columns top to bottom, left to right, article after article
    body = [t for t in paras if t in GOLD["body"]]
    assert body == GOLD["body"]
    for line in GOLD["headlines"] + GOLD["subheads"] + GOLD["bylines"]:
        assert line in paras  # never glued to the body
    roles = {doc.text[p.start : p.end]: p.role for p in doc.paragraphs}
    assert all(roles[h] is Role.HEADLINE for h in GOLD["headlines"])
    # furniture is extracted as paragraphs of its own, known as furniture, never dropped
    assert doc.extraction is not None
    furniture = [doc.text[s:e] for s, e, _ in doc.extraction.furniture]
    assert sorted(furniture) == sorted(GOLD["furniture"])
    assert set(paras) == set(GOLD["body"]) | set(GOLD["furniture"]) | {
        *GOLD["headlines"],
        *GOLD["subheads"],
        *GOLD["bylines"],
    }


def test_check_reports_the_pdf_and_its_furniture(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", ARTICLE, "--format", "json")
    assert r.code == 1, r.err
    item = json.loads(r.out)
    assert item["extractor"].startswith("corpusfix-pdf ")
    assert item["pages"] == 2
    text = open_document(ARTICLE).text
    deleted = {
        text[s["start"] : s["end"]].strip()
        for s in item["suggestions"]
        if s["kind"] == "furniture" and s["confidence"] >= 0.8
    }
    assert set(GOLD["furniture"]) <= deleted


def test_fix_apply_verify_on_a_pdf(cli, article: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("fix", article, "--accept", LAYOUT)  # no -o: NAME.clean.txt beside it
    assert r.code == 0, r.err
    clean = tmp_path / "article.clean.txt"
    log = tmp_path / "article.clean.txt.changelog.jsonl"
    assert clean.is_file() and log.is_file()
    assert article.read_bytes() == ARTICLE.read_bytes()  # the input is never modified
    out = clean.read_text("utf-8")
    assert [p for p in paragraphs(out) if p in GOLD["body"]] == GOLD["body"]
    for line in GOLD["furniture"]:
        assert line not in paragraphs(out)
    header = json.loads(log.read_text("utf-8").splitlines()[0])
    extracted = open_document(article).text
    assert header["original_sha256"] == sha256_hex(ARTICLE.read_bytes())
    assert header["extracted_sha256"] == text_sha256(extracted)
    assert header["extractor"].startswith("corpusfix-pdf ")
    records = [json.loads(x) for x in log.read_text("utf-8").splitlines()[1:]]
    for rec in records:  # offsets refer to the extracted text
        assert extracted[rec["start"] : rec["end"]] == rec["before"]
    again = tmp_path / "again.txt"
    assert cli("apply", article, log, "-o", again).code == 0
    assert again.read_bytes() == clean.read_bytes()
    v = cli("verify", article, clean, log)
    assert v.code == 0, v.out


def test_a_log_whose_extracted_text_differs_is_refused(  # type: ignore[no-untyped-def]
    cli, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("fix", article, "-o", tmp_path / "out.txt", "--accept", LAYOUT).code == 0
    log = tmp_path / "out.txt.changelog.jsonl"
    from corpusfix.core import pdf_layout

    real = pdf_layout.extract

    def other_extractor(pages, version=2):  # type: ignore[no-untyped-def]
        found = real(pages, version)
        found.text = found.text.replace("\n\n", "\n\n\n", 1)  # one more blank line
        return found

    monkeypatch.setattr(pdf_layout, "extract", other_extractor)
    r = cli("apply", article, log, "-o", tmp_path / "again.txt")
    assert r.code == 2
    assert "extracted from the PDF differs" in r.err and len(r.err.strip().splitlines()) == 1
    assert not (tmp_path / "again.txt").exists()
    v = cli("verify", article, tmp_path / "out.txt", log)
    assert v.code == 1
    assert "extracted from the PDF differs" in v.out


def test_a_log_made_by_an_earlier_extractor_version_still_replays(  # type: ignore[no-untyped-def]
    cli, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade that changes what the extractor gives, a log recorded by the earlier
    version is replayed with that version's rules (not refused, not replayed wrongly)."""
    assert cli("fix", article, "-o", tmp_path / "out.txt", "--accept", LAYOUT).code == 0
    log = tmp_path / "out.txt.changelog.jsonl"
    from corpusfix.core import pdf_layout

    real = pdf_layout.extract

    def newer_extractor(pages, version=2):  # type: ignore[no-untyped-def]
        found = real(pages, version)
        if version >= 2:  # the new rules give other text; version 1's are the ones logged
            found.text = found.text.replace("\n\n", "\n\n\n", 1)
        return found

    lines = log.read_text("utf-8").splitlines()
    header = json.loads(lines[0])
    header["extractor"] = header["extractor"].replace("corpusfix-pdf 2 ", "corpusfix-pdf 1 ")
    lines[0] = json.dumps(header, ensure_ascii=False, separators=(", ", ": "))
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(pdf_layout, "extract", newer_extractor)
    v = cli("verify", article, tmp_path / "out.txt", log)
    assert v.code == 0, v.out
    header["extractor"] = header["extractor"].replace("corpusfix-pdf 1 ", "corpusfix-pdf 2 ")
    lines[0] = json.dumps(header, ensure_ascii=False, separators=(", ", ": "))
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli("verify", article, tmp_path / "out.txt", log).code == 1  # v2 rules: other text


def test_a_tampered_extracted_sha_is_refused(cli, article: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("fix", article, "-o", tmp_path / "out.txt").code == 0
    log = tmp_path / "out.txt.changelog.jsonl"
    lines = log.read_text("utf-8").splitlines()
    header = json.loads(lines[0])
    header["extracted_sha256"] = "0" * 64
    log.write_text("\n".join([json.dumps(header, ensure_ascii=False), *lines[1:]]) + "\n")
    r = cli("apply", article, log, "-o", tmp_path / "again.txt")
    assert r.code == 2 and "differs" in r.err


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: shutil.copy(SCANNED, d / "scan.pdf"), "no text layer"),
        (lambda d: shutil.copy(ENCRYPTED, d / "scan.pdf"), "encrypted PDF"),
        (
            lambda d: (d / "scan.pdf").write_bytes(ARTICLE.read_bytes()[:2000]),
            "not a readable PDF",
        ),
        (lambda d: (d / "scan.pdf").write_text("不是PDF文件。\n", "utf-8"), "not a readable PDF"),
        (lambda d: (d / "scan.pdf").write_bytes(b""), "file is empty"),
    ],
    ids=["scanned", "encrypted", "truncated", "text-named-pdf", "empty"],
)
def test_pdfs_without_text_get_one_line_and_exit_2(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, make, reason: str
) -> None:
    make(tmp_path)
    pdf = tmp_path / "scan.pdf"
    for args in (("check", pdf), ("fix", pdf, "-o", tmp_path / "out.txt")):
        r = cli(*args)
        assert r.code == 2, r.err
        assert reason in r.err
        assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
    assert not (tmp_path / "out.txt").exists()


def test_the_command_line_process_reads_a_pdf(tmp_path: Path) -> None:
    """Through the real entry point (no traceback; the one-line error goes to stderr)."""
    shutil.copy(SCANNED, tmp_path / "scan.pdf")
    r = subprocess.run(
        [sys.executable, "-m", "corpusfix", "check", str(tmp_path / "scan.pdf")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2
    assert "page 1 of 1 has no text layer" in r.stderr and "Traceback" not in r.stderr


def _tree(root: Path) -> Path:
    (root / "sub").mkdir(parents=True)
    shutil.copy(ARTICLE, root / "sub" / "paper.pdf")
    shutil.copy(SCANNED, root / "scan.pdf")
    (root / "note.txt").write_text(
        "滨江公园二期开园迎客\n\n经过两年建设，滨江公园二期工程日前正式开园。\n", "utf-8"
    )
    return root


def test_batch_takes_pdfs_when_include_names_them(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = _tree(tmp_path / "src")
    out = tmp_path / "out"
    r = cli("batch", src, "-o", out, "--include", "*.pdf", "--include", "*.txt", "--accept", LAYOUT)
    assert r.code == 1, r.err  # the scanned page failed, the others are done
    clean = out / "sub" / "paper.pdf.txt"
    assert clean.is_file()
    assert (out / "sub" / "paper.pdf.txt.changelog.jsonl").is_file()
    assert [p for p in paragraphs(clean.read_text("utf-8")) if p in GOLD["body"]] == GOLD["body"]
    summary = json.loads((out / "_corpusfix" / "summary.json").read_text("utf-8"))
    failed = {f["path"]: f["error"] for f in summary["failed"]}
    assert any("scan.pdf" in p for p in failed)
    assert all("no text layer" in e for e in failed.values())
    assert not (out / "scan.pdf.txt").exists()
    assert cli("verify", out).code == 0
    assert cli("verify", out, "--originals", src).code == 0  # name.pdf.txt -> name.pdf
    # the same run in the same folder: nothing changes
    before = snapshot(out)
    again = cli(
        "batch", src, "-o", out, "--include", "*.pdf", "--include", "*.txt", "--accept", LAYOUT
    )
    assert again.code == 1
    assert snapshot(out) == before


def test_a_default_batch_over_a_folder_with_pdfs_is_unchanged(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Without --include '*.pdf' PDFs are not read: a run over a folder that holds PDFs writes
    what it wrote before PDF input existed, and a resumed run does exactly the same."""
    src = _tree(tmp_path / "src")
    out = tmp_path / "out"
    first = cli("batch", src, "-o", out, "--accept", LAYOUT)
    assert first.code == 0, first.err  # the scanned PDF is not even looked at
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    outputs = [f for f in files if not f.startswith("_corpusfix/")]
    assert outputs == ["note.txt", "note.txt.changelog.jsonl", "note.txt.report.html"]
    summary = json.loads((out / "_corpusfix" / "summary.json").read_text("utf-8"))
    assert summary["files"] == 1 and summary["failed"] == []
    before = snapshot(out)
    resumed = cli("batch", src, "-o", out, "--accept", LAYOUT)
    assert resumed.code == 0
    assert snapshot(out) == before
    after = json.loads((out / "_corpusfix" / "summary.json").read_text("utf-8"))
    assert after == summary


def test_review_reads_the_extracted_text(cli, article: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from corpusfix.qa.review import open_review

    assert cli("fix", article, "--accept", LAYOUT).code == 0
    (f,) = open_review(tmp_path / "article.clean.txt")
    assert f.original_text() == open_document(article).text


def test_the_export_path_of_a_pdf_is_name_clean_txt() -> None:
    from corpusfix.export.writer import default_clean

    assert default_clean(Path("a/paper.pdf")) == Path("a/paper.clean.txt")
    assert default_clean(Path("a/paper.PDF")) == Path("a/paper.clean.txt")
    assert default_clean(Path("a/note.txt")) == Path("a/note.clean.txt")


def test_the_app_opens_a_pdf_and_exports_name_clean_txt(  # type: ignore[no-untyped-def]
    qtbot, cli, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("PySide6", reason="PySide6 is not installed")
    from PySide6.QtCore import QSettings

    from corpusfix.gui import main_window
    from corpusfix.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    asked: list[str] = []

    def choose(parent, caption, folder, filters):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return [str(article)]

    monkeypatch.setattr(main_window, "open_files", choose)
    w.open_dialog()
    assert "*.pdf" in asked[0]  # the open dialog offers PDFs
    tab = w.current_tab()
    assert tab is not None
    qtbot.waitUntil(lambda: tab.session is not None, timeout=60000)
    assert tab.session.doc.text == open_document(article).text
    tab.session.accept_all(LAYOUT.split(","), min_confidence=0.8)
    dialog = w.export_dialog()
    assert dialog is not None
    assert Path(dialog.clean_path.text()) == tmp_path / "article.clean.txt"
    dialog.export()
    assert dialog.exported is not None
    clean = tmp_path / "article.clean.txt"
    log = tmp_path / "article.clean.txt.changelog.jsonl"
    header = json.loads(log.read_text("utf-8").splitlines()[0])
    assert "extracted_sha256" in header
    assert cli("verify", article, clean, log).code == 0
    # the app's export is the command line's fix, byte for byte
    cli_out = tmp_path / "cli"
    assert cli("fix", article, "-o", cli_out / "article.clean.txt", "--accept", LAYOUT).code == 0
    assert (cli_out / "article.clean.txt").read_bytes() == clean.read_bytes()


def test_a_scanned_page_inside_a_document_is_named(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(ARTICLE)
    doc.import_pages(pdfium.PdfDocument(SCANNED))
    mixed = tmp_path / "mixed.pdf"
    doc.save(mixed)
    r = cli("fix", mixed, "-o", tmp_path / "out.txt")
    assert r.code == 2
    assert "page 3 of 3 has no text layer" in r.err
    assert not (tmp_path / "out.txt").exists()
