"""An input file's bytes to the text corpusfix works on: decoded text, or text extracted from a
PDF's text layer (offsets and change logs then refer to the extracted text)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from corpusfix.core.errors import ChangelogError
from corpusfix.core.extraction import Extraction, text_sha256
from corpusfix.core.loading import LoadedText, decode, sha256_hex
from corpusfix.core.pdf_read import is_pdf_name

# The change-log header keys of an extracted text (SPEC.md: added keys only).
EXTRACTOR_KEY = "extractor"
EXTRACTED_SHA_KEY = "extracted_sha256"


def load_source(
    data: bytes, encoding: str | None, name: str
) -> tuple[LoadedText, Extraction | None]:
    """``name`` decides: a ``.pdf`` is read through its text layer (``encoding`` does not apply
    to it), anything else is decoded as text."""
    if is_pdf_name(name):
        return load_pdf(data, name)
    return decode(data, encoding, name=name), None


def load_pdf(data: bytes, name: str, version: int | None = None) -> tuple[LoadedText, Extraction]:
    """``version``: an earlier extractor's rules (replaying its logs); default the current."""
    from corpusfix.core.pdf_layout import extract
    from corpusfix.core.pdf_read import EXTRACTOR_VERSION, extractor_name, read_pages

    version = EXTRACTOR_VERSION if version is None else version
    pages = read_pages(data, name or "input")
    found = extract(pages, version)
    loaded = LoadedText(
        text=found.text,
        encoding="utf_8",
        confidence=1.0,
        bom=False,
        newline="lf",
        sha256=sha256_hex(data),
        size=len(data),
        name=name,
    )
    extraction = Extraction(
        extractor=extractor_name(version),
        text_sha256=text_sha256(found.text),
        pages=found.pages,
        furniture=found.furniture,
        headlines=found.headlines,
    )
    return loaded, extraction


def header_keys(extraction: Extraction) -> dict[str, str]:
    return {EXTRACTOR_KEY: extraction.extractor, EXTRACTED_SHA_KEY: extraction.text_sha256}


def extracted_text(original: bytes, header: Mapping[str, Any], log_name: str) -> str:
    """The text a log of a PDF refers to, extracted again; ChangelogError (one line) when this
    extractor gives another text than the one the log was made on."""
    from corpusfix.core.errors import CorpusfixError
    from corpusfix.core.pdf_read import recorded_version

    label = str(header.get("original", "original"))
    try:
        loaded, extraction = load_pdf(original, label, recorded_version(header.get(EXTRACTOR_KEY)))
    except CorpusfixError as exc:
        raise ChangelogError(f"{log_name}: cannot extract the original's text: {exc}") from None
    recorded = header.get(EXTRACTED_SHA_KEY)
    if recorded != extraction.text_sha256:
        then = header.get(EXTRACTOR_KEY, "?")
        why = (
            f"made by '{then}', this is '{extraction.extractor}'"
            if then != extraction.extractor
            else "same extractor"
        )
        raise ChangelogError(
            f"{log_name}: the text extracted from the PDF differs from the one the log refers to "
            f"(extracted sha256 {extraction.text_sha256[:12]}…, recorded "
            f"{str(recorded)[:12]}…; {why})"
        )
    return loaded.text
