"""``corpusfix check``: list suggestions (exit 0 none, 1 some, 2 any file failed)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from corpusfix.api import open_document, suggest
from corpusfix.cli.counts import counted
from corpusfix.cli.options import confidence_option, settings_from
from corpusfix.core.changelog import encoding_label
from corpusfix.core.errors import CorpusfixError


def _one_line(s: str) -> str:
    return s.replace("\r", "").replace("\n", "⏎")


def run_check(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    min_confidence = confidence_option(args.min_confidence, default=0.0)
    results: list[dict[str, Any]] = []
    failed = 0
    any_suggestion = False
    total = len(args.files)
    for n, name in enumerate(args.files, 1):
        if total > 1 and sys.stderr.isatty():
            sys.stderr.write(f"\rchecking {n}/{total} {name[-40:]}\x1b[K")
        try:
            doc = open_document(name, settings)
        except CorpusfixError as exc:
            failed += 1
            sys.stderr.write(f"corpusfix: error: {exc}\n")
            continue
        suggestions = [s for s in suggest(doc, settings) if s.confidence >= min_confidence]
        any_suggestion = any_suggestion or bool(suggestions)
        item = {
            "file": name,
            "encoding": encoding_label(doc.encoding),
            "encoding_confidence": doc.encoding_confidence,
            "paragraphs": doc.paragraph_mode,
            "chars": len(doc.text),
            "suggestions": [s.to_json() for s in suggestions],
        }
        if doc.extraction is not None:  # a PDF: offsets are into the text extracted from it
            item["extractor"] = doc.extraction.extractor
            item["pages"] = doc.extraction.pages
        if args.format == "text":
            _print_text(item, doc.text)
        elif args.format == "jsonl":
            for s in item["suggestions"]:
                sys.stdout.write(json.dumps({"file": name, **s}, ensure_ascii=False) + "\n")
        results.append(item)
    if total > 1 and sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K")
    if args.format == "json":
        payload: Any = results[0] if len(args.files) == 1 and results else results
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    if failed:
        return 2
    return 1 if any_suggestion else 0


def _print_text(item: dict[str, Any], text: str) -> None:
    name = item["file"]
    sys.stderr.write(
        f"{name}: {item['encoding']}, {item['paragraphs']} paragraphs, "
        f"{counted(item['chars'], 'character')}, "
        f"{counted(len(item['suggestions']), 'suggestion')}\n"
    )
    for s in item["suggestions"]:
        before = _one_line(text[s["start"] : s["end"]])
        after = "—" if s["replacement"] is None else _one_line(s["replacement"])
        change = f"'{before}' → '{after}'" if s["replacement"] is not None else f"'{before}'"
        sys.stdout.write(
            f"{name}:{s['line']}: {s['kind']} {s['id']} ({s['detector']}, {s['confidence']:.2f}) "
            f"{change}: {s['message']}\n"
        )
