"""What learning from people's decisions gains on the real-OCR dev set (issue 15, point 4).

    python -m bench.learn_gain [--path /work/cache/ocr-dev] [--chunk 100] [--min-confidence 0.8]

1. The tune half is cut into files of --chunk lines; the typo check runs on each (every finding,
   as the app lists them) and a simulated editor decides each finding from the gold line: accept
   when the suggestion is the gold text, edit to the gold text when the gold differs there too,
   reject otherwise; the slips no finding covers the editor fixes by hand (``manual`` edits, one
   per run of differing characters, on lines whose length the OCR kept). Each file's change log
   is written (by "editor") under bench/_work/learn/.
2. ``corpusfix lists learn`` reads those logs into a fresh table (a temporary config folder).
3. The report half, and the clean sentences' report half, are corrected as ``fix --lines --only
   typo --accept typo`` does, without and with the learned pairs (what ``--user-lists`` adds), and
   scored at both levels.
Only the tune half's decisions are learned; the report half is only scored.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections import Counter
from pathlib import Path

from bench.common import WORK
from bench.csc import OCR_DEV, clean_pairs, correct, ocr_dev_pairs
from corpusfix.api import Settings, start_session
from corpusfix.core.changelog import build_changelog
from corpusfix.core.document import build_document
from corpusfix.core.errors import ConflictError
from corpusfix.core.kinds import MANUAL
from corpusfix.core.session import ReviewSession
from corpusfix.core.suggestion import Suggestion, parse_kinds
from corpusfix.core.text_classes import is_han
from corpusfix.detectors.typos import learned as learned_module
from corpusfix.qa.csc_score import score_lines


def hand_fixes(text: str, gold: str, found: list[Suggestion]) -> list[Suggestion]:
    """``manual`` edits for the differing runs of same-length lines that no finding touches."""
    taken = [(s.start, s.end) for s in found]
    out: list[Suggestion] = []
    pos = 0
    for wrong, right in zip(text.split("\n"), gold.split("\n"), strict=True):
        if len(wrong) == len(right):
            i = 0
            while i < len(wrong):
                if wrong[i] == right[i]:
                    i += 1
                    continue
                j = i
                while j < len(wrong) and wrong[j] != right[j]:
                    j += 1
                lo, hi = pos + i, pos + j
                if not any(a < hi and lo < b for a, b in taken):
                    sid = f"m{len(out) + 1}"
                    out.append(Suggestion(sid, MANUAL, MANUAL, lo, hi, right[i:j], 1.0, ""))
                i = j
        pos += len(wrong) + 1
    return out


def reviewed_logs(rows: list[tuple[str, str]], chunk: int, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    kinds = parse_kinds("typo")
    logs = []
    for n in range(0, len(rows), chunk):
        part = rows[n : n + chunk]
        text = "".join(w + "\n" for w, _ in part)
        gold = "".join(r + "\n" for _, r in part)
        doc = build_document(text, name=f"tune-{n:05d}.txt", lines_mode=True)
        found = start_session(doc, Settings(only=kinds, lines_mode=True)).suggestions
        session = ReviewSession(doc, [*found, *hand_fixes(text, gold, found)])
        same_length = [len(w) == len(r) for w, r in part]
        for s in session.suggestions:
            if s.kind == MANUAL:
                session.edit(s.id, s.replacement or "", by="editor")
                continue
            line = s.line - 1
            if not same_length[line]:  # the editor's fix there is not one for one: leave it
                continue
            want = gold[s.start : s.end]
            try:
                if want == text[s.start : s.end]:
                    session.reject(s.id, by="editor")
                elif s.replacement == want:
                    session.accept(s.id, by="editor")
                else:
                    session.edit(s.id, want, by="editor")
            except ConflictError:  # overlaps a fix already made there
                session.reject(s.id, by="editor")
        clean = session.clean_text().encode("utf-8")
        log = build_changelog(
            session, original_name=doc.name, clean_bytes=clean, out_encoding="utf_8"
        )
        path = out / f"{doc.name}.changelog.jsonl"
        path.write_bytes(log.to_bytes())
        logs.append(path)
    return logs


def misreadings(rows: list[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """(seen, meant) Han pairs of the same-length lines: what learning could know."""
    found: Counter[tuple[str, str]] = Counter()
    for seen, meant in rows:
        if len(seen) == len(meant):
            found.update((a, b) for a, b in zip(seen, meant, strict=True) if a != b and is_han(a))
    return found


def print_upper_bound(tune: list[tuple[str, str]], report: list[tuple[str, str]]) -> None:
    """How many of the report half's misread characters the tune half's decisions can teach at
    all: their pair is misread in the tune half too, once, twice, three times or more."""
    taught, asked = misreadings(tune), misreadings(report)
    total = sum(asked.values()) or 1
    shares = "  ".join(
        f">= {k}x {n} ({n / total:.3f})"
        for k in (1, 2, 3)
        for n in [sum(c for pair, c in asked.items() if taught[pair] >= k)]
    )
    print(
        f"upper bound: tune {sum(taught.values())} misread characters in {len(taught)} pairs; "
        f"report {sum(asked.values())} in {len(asked)}; report characters whose pair the tune "
        f"half misreads {shares}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--path", type=Path, default=OCR_DEV)
    ap.add_argument("--chunk", type=int, default=100)
    ap.add_argument("--min-confidence", type=float, default=0.8)
    ap.add_argument("--clean-half", choices=("tune", "report"), default="report")
    ap.add_argument("--min-slips", type=int, default=None, help="instead of learned.MIN_SLIPS")
    args = ap.parse_args()
    work = WORK / "learn"
    print_upper_bound(ocr_dev_pairs("tune", args.path), ocr_dev_pairs("report", args.path))
    logs = reviewed_logs(ocr_dev_pairs("tune", args.path), args.chunk, work / "logs")
    if args.min_slips is not None:
        learned_module.MIN_SLIPS = args.min_slips
    with tempfile.TemporaryDirectory(prefix="corpusfix-learn-") as tmp:
        os.environ["CORPUSFIX_CONFIG_DIR"] = tmp
        from corpusfix import config
        from corpusfix.cli.main import main as cli

        cli(["lists", "learn", *map(str, logs)])
        learned = config.load_learned_confusions()
        digest = config.learned_table_sha256()
    print(f"{len(logs)} logs learned: {len(learned)} confusion pairs, table sha256 {digest}")
    report = ocr_dev_pairs("report", args.path)
    clean = clean_pairs(args.clean_half)
    for label, pairs in (("shipped", {}), ("learned", learned)):
        for name, rows in (("ocr-dev", report), ("clean", clean)):
            hyp = correct(
                [w for w, _ in rows], args.min_confidence, work / name, False, confusions=pairs
            )
            print(f"{label:8s} {name:8s} {score_lines(rows, hyp).summary()}")


if __name__ == "__main__":
    main()
