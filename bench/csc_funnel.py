"""Where recall is lost: the typo detector's funnel on the CSC sets, stage by stage.

    python -m bench.csc_funnel [--half report|tune|all] [--sets ocr,news,sighan]

For each line with errors (strict, sentence level, as bench.csc counts them):

1. candidates — every wrong character has its right one among the look-alikes or sound-alikes
   the detector considers (resources/similarity; fuzzy readings left out) or among the
   characters the character model proposes from context (candidates.from_context), or the
   line's slip is a two-character word whose right word is in the homophone table. A line that fails here cannot be corrected by any
   scoring of the shipped candidates: this is the recall ceiling of the approach.
2. suggested — the detector's suggestions at any confidence (the 0.6 display floor lifted)
   contain right edits that together give the gold line;
3. corrected — `fix --lines --only typo --accept typo` at the default 0.8 gives the gold line
   (the recall bench.csc reports).

Also per wrong character: how many have their right character among the 5 / 20 / 50 best
look-alikes, among the sound-alikes, or nowhere. Measures only: nothing is fitted here.
"""

from __future__ import annotations

import argparse
from collections import Counter

from bench.common import WORK
from bench.csc import correct, load_pairs
from bench.csc_fit import right_edit
from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.suggestion import parse_kinds
from corpusfix.core.text_classes import HAN_RUN
from corpusfix.detectors.typos import detector, tables
from corpusfix.detectors.typos.candidates import from_context, table_alikes
from corpusfix.detectors.typos.charmodels import shipped_models


def _from_context(line: str, i: int, right: str) -> bool:
    """The character model proposes ``right`` at line[i] from its context."""
    for m in HAN_RUN.finditer(line):
        if m.start() <= i < m.end():
            at = i - m.start()
            return right in [a.char for a in from_context(m.group(), at, shipped_models(), set())]
    return False


def _pair_source(wrong: str, right: str, line: str = "", i: int = -1) -> str:
    """Where the right character of one substitution is among the detector's candidates
    (``line`` and ``i``: where it stands, for the candidates from context)."""
    alike = table_alikes(wrong).get(right)
    if alike is None:
        return "context" if line and _from_context(line, i, right) else "none"
    if alike.source == "look-alike":
        at = alike.rank
        return "look-alike top 5" if at <= 5 else "look-alike top 20" if at <= 20 else "look-alike"
    return "sound-alike"


def has_candidates(wrong: str, right: str) -> bool:
    """Stage 1: the shipped tables hold a candidate for every slip in the line."""
    if len(wrong) != len(right):
        return True  # a dropped or doubled character: candidates come from the expressions
    diffs = [i for i, (a, b) in enumerate(zip(wrong, right, strict=True)) if a != b]
    homophones = tables.homophones()
    lo, hi = diffs[0], diffs[-1] + 1
    for a in range(max(0, hi - 2), min(lo, len(wrong) - 2) + 1):  # two-character words over them
        if _whole(homophones.get(wrong[a : a + 2], ""), right[a : a + 2]):
            return True
    return all(_pair_source(wrong[i], right[i], wrong, i) != "none" for i in diffs)


def _whole(joined: str, word: str) -> bool:
    """``word`` is one of the two-character words concatenated in ``joined``."""
    return any(joined[k : k + 2] == word for k in range(0, len(joined), 2))


def suggested(rows: list[tuple[str, str]]) -> list[bool]:
    """Stage 2: per line, do the right suggestions at any confidence give the gold line?"""
    floor = detector.REPORT_FLOOR
    detector.REPORT_FLOOR = 0.0
    try:
        doc = build_document("\n".join(w for w, _ in rows) + "\n", name="funnel", lines_mode=True)
        sugs = suggest(doc, Settings(only=parse_kinds("typo"), lines_mode=True))
    finally:
        detector.REPORT_FLOOR = floor
    starts = [0]
    for w, _ in rows:
        starts.append(starts[-1] + len(w) + 1)
    fixes: dict[int, list[tuple[int, int, str]]] = {}
    for s in sugs:
        n = s.line - 1
        wrong, right = rows[n]
        lo, hi, text = s.start - starts[n], s.end - starts[n], s.replacement or ""
        if right_edit(wrong, right, lo, hi, text):
            fixes.setdefault(n, []).append((lo, hi, text))
    out = []
    for n, (wrong, right) in enumerate(rows):
        fixed = wrong
        for lo, hi, text in sorted(set(fixes.get(n, [])), reverse=True):
            fixed = fixed[:lo] + text + fixed[hi:]
        out.append(fixed == right)
    return out


def funnel(name: str, half: str) -> None:
    rows = [(w, r) for w, r in load_pairs(name, half) if w != r]
    chars: Counter[str] = Counter()
    for w, r in rows:
        if len(w) == len(r):
            chars.update(
                _pair_source(a, b, w, i)
                for i, (a, b) in enumerate(zip(w, r, strict=True))
                if a != b
            )
    stage1 = [has_candidates(w, r) for w, r in rows]
    stage2 = suggested(rows)
    hyp = correct([w for w, _ in rows], 0.8, WORK / "csc_funnel" / name, cli=False)
    stage3 = [h == r for h, (_, r) in zip(hyp, rows, strict=True)]
    n = len(rows)
    part = "all lines" if name == "sighan" else f"{half} half"  # sighan15 is never split
    print(f"{name} ({part}): {n} lines with errors, {sum(chars.values())} wrong characters")
    for label, count in sorted(chars.items(), key=lambda kv: -kv[1]):
        print(f"  right character {label:18s} {count:5d}  {count / sum(chars.values()):.3f}")
    for label, stage in (
        ("1 candidates (tables, context)", stage1),
        ("2 suggested at any confidence", stage2),
        ("3 corrected at 0.8", stage3),
    ):
        print(f"  {label:32s} {sum(stage):5d}  {sum(stage) / n:.3f} of lines with errors")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--half", choices=("tune", "report", "all"), default="report")
    ap.add_argument("--sets", default="ocr,news,sighan")
    args = ap.parse_args()
    tables.loaded()
    for name in args.sets.split(","):
        funnel(name, args.half)


if __name__ == "__main__":
    main()
