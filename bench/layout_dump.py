"""Every layout suggestion on the benchmark pages, one JSON line per document, for diffing builds.

    python -m bench.layout_dump OUT.jsonl [--pdf]

A speed change must leave every finding as it was: dump with the old code and the new, then
``cmp`` (or ``diff``) the two files. Documents: bench.layout's generated e-pages (tune and report
halves, undamaged pages included, one by one and joined into one article), the pdftotext and
tesseract pages that bench.pdf_pages cached (one by one and joined), the bundled sample and the
reference article when ../shared is there; with ``--pdf`` also the cached page.pdf files read
by corpusfix itself (geometry hints). Each suggestion is written with all its fields.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
from collections.abc import Iterator
from pathlib import Path

from bench.common import ROOT, SHARED_DATA
from bench.layout_gen import generate
from corpusfix.api import Settings, document_from, suggest
from corpusfix.core.document import Document, build_document

KINDS = frozenset({"merge", "duplicate", "truncation", "split", "furniture"})
CACHE = Path(os.environ.get("CORPUSFIX_PDFPAGES") or ROOT.parent / "cache" / "pdfpages")
REFERENCE = SHARED_DATA.parent / "fixtures" / "hohhot-interviews" / "raw.txt"


def _texts() -> Iterator[tuple[str, str]]:
    for half in ("tune", "report"):
        pages = generate(half, 600, 300)
        for k, p in enumerate(pages):
            yield f"gen-{half}-{k}", p.text
        yield f"gen-{half}-joined", "\n\n".join(p.text for p in pages)
    for half in ("tune", "report"):
        for suffix in (".txt", ".ocr.txt"):
            files = sorted(
                p
                for p in (CACHE / half).glob(f"p*{suffix}")
                if suffix == ".ocr.txt" or not p.name.endswith(".ocr.txt")
            )
            texts = [p.read_text("utf-8") for p in files]
            for p, t in zip(files, texts, strict=True):
                yield f"{half}/{p.name}", t
            if texts:
                yield f"{half}/joined{suffix}", "\n\n".join(texts)
    yield (
        "sample-article",
        (ROOT / "resources" / "samples" / "sample-article.txt").read_text("utf-8"),
    )
    if REFERENCE.is_file():
        yield "reference", REFERENCE.read_text("utf-8")


def _pdf_docs() -> Iterator[tuple[str, Document]]:
    from corpusfix.core.sources import load_pdf

    for half in ("tune", "report"):
        for p in sorted((CACHE / half).glob("p*.pdf")):
            loaded, extraction = load_pdf(p.read_bytes(), p.name)
            yield f"{half}/{p.name}", document_from(loaded, name=p.name, extraction=extraction)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--pdf", action="store_true", help="also read the cached page.pdf files")
    args = ap.parse_args()
    settings = Settings(only=KINDS)
    docs: Iterator[tuple[str, Document]] = ((n, build_document(t)) for n, t in _texts())
    n_docs = n_sugg = 0
    with args.out.open("w", encoding="utf-8") as f:
        for source in (docs, _pdf_docs() if args.pdf else iter(())):
            for name, doc in source:
                found = [dataclasses.asdict(s) for s in suggest(doc, settings)]
                f.write(json.dumps({"doc": name, "suggestions": found}, ensure_ascii=False))
                f.write("\n")
                n_docs += 1
                n_sugg += len(found)
    print(f"{n_docs} documents, {n_sugg} suggestions -> {args.out}")


if __name__ == "__main__":
    main()
