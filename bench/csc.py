"""Spelling-correction benchmark on ../shared/data: strict sentence level and character level.

    python -m bench.csc [--half tune|report|all] [--sets ocr,news,sighan,clean,ocr-dev]
                        [--path OCR_DEV_DIR] [--min-confidence 0.8] [--cli] [--save-hyp DIR]
                        [--lm MODEL]

Each set's wrong column goes through exactly what ``corpusfix fix --lines --only typo --accept
typo`` does (in process; ``--cli`` runs the real command instead, to cross-check), and the output
is scored by corpusfix.qa.csc_score (the definitions of ../shared/data/README.md).

Halves: lines are split by crc32 of the wrong column — even → tune, odd → report. Thresholds were
set looking at the tune half only; the report half and sighan15 (reporting only) are for figures.
The clean set is news-clean-dev split into sentences plus the right column of news-homophone-dev.
``ocr-dev`` is the real-OCR set bench/ocr_dev.py builds (tune.tsv / report.tsv in --path, default
/work/cache/ocr-dev or $CORPUSFIX_OCR_DEV); it comes split already. ``--lm MODEL`` scores with a
model of the user's own archive beside the shipped ones, as ``fix --lm MODEL`` does (e.g. one
``python -m bench.lm_build --keep DIR`` trains on the archive-cctv days before 2025).

Each line prints both levels (corpusfix.qa.csc_score): sentences (strict) and characters (of those
the tool changed, the share that became the gold character; of the gold's wrong characters, the
share mended; lines whose length changes are aligned by difflib, their length slips counted apart).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import zlib
from pathlib import Path

from bench.common import ROOT, SHARED_DATA, WORK, require
from corpusfix.api import Settings, open_document, start_session
from corpusfix.core.suggestion import parse_kinds
from corpusfix.qa.csc_score import CscScore, score_lines

SETS = {
    "ocr": "ocr-faspell-train/ocr_train_3575.tsv",
    "news": "news-homophone-dev/news_paper_dev_1000.tsv",
    "sighan": "sighan15/sighan2015_test.tsv",
}
OCR_DEV = Path(os.environ.get("CORPUSFIX_OCR_DEV") or "/work/cache/ocr-dev")
_SENTENCE = re.compile(r"[^。！？]*[。！？]|[^。！？]+$")


def in_half(line: str, half: str) -> bool:
    if half == "all":
        return True
    odd = zlib.crc32(line.encode("utf-8")) % 2 == 1
    return odd if half == "report" else not odd


def load_pairs(name: str, half: str) -> list[tuple[str, str]]:
    path = require(SHARED_DATA / SETS[name])
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if "\t" not in line:
            continue
        wrong, right = line.split("\t")[:2]
        if name == "sighan" or in_half(wrong, half):
            rows.append((wrong, right))
    return rows


def read_pairs(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in require(path).read_text("utf-8").splitlines():
        if "\t" in line:
            wrong, right = line.split("\t")[:2]
            rows.append((wrong, right))
    return rows


def ocr_dev_pairs(half: str, folder: Path = OCR_DEV) -> list[tuple[str, str]]:
    """The real-OCR dev set's halves, as bench/ocr_dev.py split them."""
    if not (folder / "tune.tsv").exists():
        sys.exit(
            f"ocr-dev set not found in {folder}: build it with python -m bench.ocr_dev --out DIR"
        )
    halves = ("tune", "report") if half == "all" else (half,)
    return [row for h in halves for row in read_pairs(folder / f"{h}.tsv")]


def clean_pairs(half: str) -> list[tuple[str, str]]:
    src = require(SHARED_DATA / "news-clean-dev" / "pku_test.utf8")
    sentences = []
    for para in src.read_text("utf-8").splitlines():
        sentences += [s.strip() for s in _SENTENCE.findall(para.strip()) if s.strip()]
    sentences += [right for _, right in load_pairs("news", "all")]
    return [(s, s) for s in sentences if in_half(s, half)]


def correct(
    lines: list[str],
    min_conf: float,
    work: Path,
    cli: bool,
    confusions: dict[str, str] | None = None,
    user_lm: str | None = None,
) -> list[str]:
    """What ``fix --lines --only typo --accept typo`` makes of these lines (``confusions``: the
    pairs ``--confusions``/``--user-lists`` would add, in process only; ``user_lm``: ``--lm``)."""
    work.mkdir(parents=True, exist_ok=True)
    src = work / "input.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if cli:
        out = work / "output.txt"
        out.unlink(missing_ok=True)
        cmd = [sys.executable, "-m", "corpusfix", "fix", str(src), "-o", str(out), "--lines"]
        cmd += ["--only", "typo", "--accept", "typo", "--min-confidence", str(min_conf)]
        cmd += ["--lm", user_lm] if user_lm else []
        subprocess.run(cmd, check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
        return out.read_text("utf-8").splitlines()
    kinds = parse_kinds("typo")
    settings = Settings(
        only=kinds, lines_mode=True, confusions=dict(confusions or {}), user_lm=user_lm
    )
    session = start_session(open_document(src, settings), settings)
    session.accept_all(kinds, min_confidence=min_conf)
    return session.clean_text().splitlines()


def run_set(name: str, rows: list[tuple[str, str]], args: argparse.Namespace) -> CscScore:
    t0 = time.perf_counter()
    work = WORK / "csc" / name
    hyp = correct([w for w, _ in rows], args.min_confidence, work, args.cli, user_lm=args.lm)
    elapsed = time.perf_counter() - t0
    if args.save_hyp:
        Path(args.save_hyp).mkdir(parents=True, exist_ok=True)
        Path(args.save_hyp, f"{name}.tsv").write_text(
            "".join(f"{w}\t{r}\n" for w, r in rows), encoding="utf-8"
        )
        Path(args.save_hyp, f"{name}.hyp").write_text("\n".join(hyp) + "\n", encoding="utf-8")
    result = score_lines(rows, hyp)
    chars = sum(len(w) for w, _ in rows)
    print(f"{name:7s} {result.summary()}  ({chars / elapsed / 1e3:.0f} k chars/s)")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--half", choices=("tune", "report", "all"), default="report")
    ap.add_argument("--sets", default="ocr,news,sighan,clean", help="also: ocr-dev")
    ap.add_argument("--path", type=Path, default=OCR_DEV, help="the ocr-dev set's folder")
    ap.add_argument("--min-confidence", type=float, default=0.8)
    ap.add_argument("--cli", action="store_true", help="run the corpusfix command itself")
    ap.add_argument("--save-hyp", default=None, help="write NAME.tsv and NAME.hyp for score_csc.py")
    ap.add_argument(
        "--lm", metavar="MODEL", help="the archive's own model, beside the shipped ones"
    )
    args = ap.parse_args()
    if args.lm:
        from corpusfix.lm.usermodel import identity, load_user_model

        print(f"--lm {args.lm}: {identity(load_user_model(args.lm))}")
    print(f"half={args.half} min-confidence={args.min_confidence}")
    for name in args.sets.split(","):
        if name == "clean":
            rows = clean_pairs(args.half)
        elif name == "ocr-dev":
            rows = ocr_dev_pairs(args.half, args.path)
        else:
            rows = load_pairs(name, args.half)
        run_set(name, rows, args)


if __name__ == "__main__":
    main()
