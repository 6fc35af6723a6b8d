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

``--sets ocr-dev`` (the real-OCR set, bench/ocr_dev.py) is followed per wrong character instead
(substitutions, Han for Han, positions aligned as bench.csc's character level aligns them), to
the first stage that loses it:

- no site: no stretch or word swap covers it — explained by the lexicon (a real word: 质量 read
  岳量), or a lone common or function character, a name, a title;
- no candidate: a site covers it but no option writes the right character (then: does the
  measured channel's read-as table hold it?);
- cut: an option, but not among the scored finalists (cheap pass, the gain floor, the cut);
- not first: scored, but another finalist of the site is more confident;
- below 0.8: first, but under the default threshold;
- lost later: first at ≥ 0.8, yet not in the output (overlapping another change);
- mended.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from bench.common import WORK
from bench.csc import correct, load_pairs, ocr_dev_pairs
from bench.csc_fit import right_edit
from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.suggestion import parse_kinds
from corpusfix.core.text_classes import HAN_RUN
from corpusfix.detectors.typos import detector, tables
from corpusfix.detectors.typos.candidates import from_context, table_alikes
from corpusfix.detectors.typos.charmodels import shipped_models
from corpusfix.detectors.typos.scoring import Edit, Scored, Site
from corpusfix.qa.csc_score import one_to_one
from corpusfix.qa.ocr_align import is_han


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


# (run, lo, hi, options, scored) of every site the detector scores
_Record = tuple[str, int, int, list[Edit], list[Scored]]


def _record_sites(rows: list[tuple[str, str]]) -> list[_Record]:
    seen: list[_Record] = []
    evaluate = detector.evaluate

    def recording(site: Site, options: list[Edit], *args: Any, **kwargs: Any) -> list[Scored]:
        found: list[Scored] = evaluate(site, options, *args, **kwargs)
        seen.append((site.run, site.lo, site.hi, list(options), found))
        return found

    detector.evaluate = recording  # type: ignore[assignment]
    try:
        doc = build_document("\n".join(w for w, _ in rows) + "\n", name="funnel", lines_mode=True)
        suggest(doc, Settings(only=parse_kinds("typo"), lines_mode=True))
    finally:
        detector.evaluate = evaluate
    return seen


def _writes(e: Edit, i: int, right: str) -> bool:
    """The edit writes ``right`` at run position ``i`` (one for one)."""
    return e.end - e.start == len(e.text) and e.start <= i < e.end and e.text[i - e.start] == right


def char_stage(records: list[_Record], i: int, right: str, threshold: float = 0.8) -> str:
    """The furthest stage the right character at run position ``i`` reaches in these sites."""
    best = "no site"
    order = ("no site", "no candidate", "cut", "not first", "below 0.8", "first at 0.8")
    for _, lo, hi, options, scored in records:
        if not (lo <= i < hi or any(e.start <= i < e.end for e in options)):
            continue
        stage = "no candidate"
        if any(_writes(e, i, right) for e in options):
            stage = "cut"
            if any(_writes(s.edit, i, right) for s in scored):
                stage = "not first"
                if _writes(scored[0].edit, i, right):
                    stage = "first at 0.8" if scored[0].confidence >= threshold else "below 0.8"
        if order.index(stage) > order.index(best):
            best = stage
    return best


def char_funnel(half: str) -> None:
    """Per wrong character of the real-OCR set: the stage that loses it (module docstring)."""
    rows = [(w, r) for w, r in ocr_dev_pairs(half) if w != r]
    records = _record_sites(rows)
    by_run: dict[str, list[_Record]] = {}
    for rec in records:
        by_run.setdefault(rec[0], []).append(rec)
    hyp = correct([w for w, _ in rows], 0.8, WORK / "csc_funnel" / "ocr-dev", cli=False)
    read_as = tables.ocr_channel().read_as()
    words = tables.words()
    stages: Counter[str] = Counter()
    detail: Counter[str] = Counter()
    for (wrong, right), out in zip(rows, hyp, strict=True):
        gold, got = one_to_one(wrong, right), one_to_one(wrong, out)
        runs = [(m.start(), m.group()) for m in HAN_RUN.finditer(wrong)]
        for p, want in gold.items():
            w = wrong[p]
            if want == w or not (is_han(w) and is_han(want)):
                continue
            if got.get(p) == want:
                stages["mended"] += 1
                continue
            base, run = next(((b, r) for b, r in runs if b <= p < b + len(r)), (p, w))
            i = p - base
            stage = char_stage(by_run.get(run, []), i, want)
            if stage == "first at 0.8":
                stage = "lost later"
            stages[stage] += 1
            if stage == "no site":
                in_word = any(
                    run[a : a + n] in words
                    for n in (2, 3, 4)
                    for a in range(max(0, i - n + 1), min(i, len(run) - n) + 1)
                )
                detail["no site: in a word" if in_word else "no site: outside any word"] += 1
            if stage in ("no site", "no candidate"):
                measured = read_as.get(w, {})
                top = sorted(measured, key=lambda m: (-measured[m], m))
                where = "top 6" if want in top[:6] else "top 24" if want in top[:24] else "absent"
                detail[f"{stage}: channel read-as {where}"] += 1
                alike = table_alikes(w).get(want)
                detail[f"{stage}: tables {'have it' if alike else 'lack it'}"] += 1
    n = sum(stages.values())
    print(f"ocr-dev ({half} half): {len(rows)} lines with errors, {n} wrong Han characters")
    for label in (
        "mended",
        "lost later",
        "below 0.8",
        "not first",
        "cut",
        "no candidate",
        "no site",
    ):
        print(f"  {label:14s} {stages[label]:5d}  {stages[label] / max(n, 1):.3f}")
    for label, count in sorted(detail.items()):
        print(f"    {label:40s} {count:5d}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--half", choices=("tune", "report", "all"), default="report")
    ap.add_argument("--sets", default="ocr,news,sighan")
    args = ap.parse_args()
    tables.loaded()
    for name in args.sets.split(","):
        if name == "ocr-dev":
            char_funnel(args.half)
        else:
            funnel(name, args.half)


if __name__ == "__main__":
    main()
