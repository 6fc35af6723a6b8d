"""Fit the typo confidence model on the tune halves (never the report halves, never sighan15).

    python -m bench.csc_fit [--clean-weight 3] [--l2 1] [--shift 0 | --clean-budget N]
                            [--keep GROUP,...] [--group-budget N] [--cached] [--write]

The shipped weights (session 12): `python -m bench.csc_fit --keep homophone --clean-budget 7
--group-budget 7 --write` — the largest bias shift, then a greedy shift per kind of evidence,
that keep at most 7 of the 2,702 clean tune sentences' finalists at >= 0.8 (0.26 %); the
homophone group keeps the weights in weights.py (refitted, it lost a fifth of the news recall
at the same clean budget). ``--keep`` reads weights.py as it is, so a rerun keeps what the last
one wrote.

Every typo finalist (not only the one the current weights would report) on the tune halves of
ocr-faspell-train, news-homophone-dev and the real-OCR set (when built: bench/ocr_dev.py), and on
the tune half of the clean sentences, is labelled: right (the edit is what the gold line has
there) or wrong (anything else; every finalist on a clean sentence). A logistic regression over
the features (scoring.features) is fitted by Newton's method; --write puts the weights into
corpusfix/detectors/typos/weights.py.
"""

from __future__ import annotations

import argparse
import pickle
import textwrap
from typing import Any

from bench.common import ROOT, WORK
from bench.csc import OCR_DEV, clean_pairs, load_pairs, ocr_dev_pairs
from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.suggestion import parse_kinds
from corpusfix.core.text_classes import HAN_RUN
from corpusfix.detectors.typos import detector
from corpusfix.detectors.typos.scoring import WEIGHTS, Scored, Site, confidence
from corpusfix.qa.csc_score import one_to_one

WEIGHTS_FILE = ROOT / "src" / "corpusfix" / "detectors" / "typos" / "weights.py"


def right_edit(wrong: str, right: str, start: int, end: int, text: str) -> bool:
    """Is the edit wrong[start:end] → text what the gold line has there?

    A substitution (as many characters in as out) is judged as bench.csc's character level
    judges it: each character it writes must be the gold's at that input position (the gold
    aligned to the input by csc_score, so a line whose length the OCR changed elsewhere still
    counts), whatever other slips are left nearby. An insertion or deletion must make the gold
    line's characters within three of it.
    """
    if text and end - start == len(text):
        gold = _gold_at(wrong, right)
        wants = [gold.get(i) for i in range(start, end)]
        return wants == list(text) and wrong[start:end] != text
    fixed = wrong[:start] + text + wrong[end:]
    if len(fixed) != len(right):
        return False
    lo, hi = max(0, start - 3), start + len(text) + 3
    return fixed[lo:hi] == right[lo:hi] and wrong[start:end] != right[start : start + len(text)]


def _gold_at(wrong: str, right: str) -> dict[int, str]:
    """Input position → the gold character there (positions in unequal runs left out)."""
    return one_to_one(wrong, right)


def labelled(rows: list[tuple[str, str]]) -> list[tuple[dict[str, float], bool, str]]:
    """Every finalist the detector scores on these lines (not only the one it would report),
    labelled right or wrong: the weights decide between the finalists, so they learn from all."""
    detector.REPORT_FLOOR = 0.0  # learn from every site, not only those the old weights kept
    seen: list[tuple[str, Scored]] = []
    evaluate = detector.evaluate

    def recording(site: Site, *args: Any, **kwargs: Any) -> list[Scored]:
        found: list[Scored] = evaluate(site, *args, **kwargs)
        seen.extend((site.run, s) for s in found)
        return found

    detector.evaluate = recording  # type: ignore[assignment]
    try:
        doc = build_document("\n".join(w for w, _ in rows) + "\n", name="tune", lines_mode=True)
        suggest(doc, Settings(only=parse_kinds("typo"), lines_mode=True))
    finally:
        detector.evaluate = evaluate
    lines_of: dict[str, list[int]] = {}
    for n, (wrong, _) in enumerate(rows):
        for run in set(HAN_RUN.findall(wrong)):
            lines_of.setdefault(run, []).append(n)
    out = []
    for run, s in seen:
        e = s.edit
        ok = False
        for n in lines_of.get(run, []):
            wrong, right = rows[n]
            at = wrong.find(run)
            ok = ok or right_edit(wrong, right, at + e.start, at + e.end, e.text)
        out.append((dict(s.features), ok, e.source))
    return out


def fit(data: list[tuple[dict[str, float], bool, float]], l2: float) -> dict[str, float]:
    """L2-regularised logistic regression by Newton's method (IRLS)."""
    import numpy as np

    keys = sorted({k for f, _, _ in data for k in f})
    x = np.array([[1.0] + [f.get(k, 0.0) for k in keys] for f, _, _ in data])
    y = np.array([float(ok) for _, ok, _ in data])
    wt = np.array([w for _, _, w in data])
    beta = np.zeros(x.shape[1])
    reg = l2 * np.eye(x.shape[1])
    reg[0, 0] = 0.0
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        grad = x.T @ (wt * (p - y)) + reg @ beta
        hess = (x * (wt * p * (1 - p))[:, None]).T @ x + reg + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return {"bias": float(beta[0])} | {k: float(b) for k, b in zip(keys, beta[1:], strict=True)}


def largest_shift(
    w: dict[str, float],
    clean: list[tuple[dict[str, float], bool, str]],
    budget: int,
    keep: tuple[str, ...] = (),
) -> float:
    """The largest bias shift (−2 to 4, steps of 0.1) with at most ``budget`` clean finalists
    at the default threshold (the groups in ``keep`` with their shipped weights)."""
    best = -2.0
    for step in range(-20, 41):
        shifted = {**w, "bias": w["bias"] + step / 10}
        for g in keep:
            shifted = keep_group(shifted, g)
        if sum(confidence(f, shifted) >= 0.8 for f, _, _ in clean) <= budget:
            best = step / 10
    return best


def keep_group(w: dict[str, float], group: str) -> dict[str, float]:
    """``w`` with the shipped weights of ``group``: its features' weights as shipped, and its
    own weight making up for the new bias, so that its confidences are exactly the shipped."""
    out = {k: v for k, v in w.items() if not (k == group or k.startswith(group + ":"))}
    for k, v in WEIGHTS.items():
        if k.startswith(group + ":"):
            out[k] = v
    out[group] = WEIGHTS.get(group, 0.0) + WEIGHTS["bias"] - w["bias"]
    return out


SHIFTED_GROUPS = (
    "nonword",
    "homophone",
    "context",
    "fill",
    "measured",
)  # dropped/doubled: rules by hand


def group_shifts(
    w: dict[str, float], sets: dict[str, list[tuple[dict[str, float], bool, str]]], budget: int
) -> dict[str, float]:
    """Per kind of evidence, a shift of its own (steps of 0.1, greedy), as long as at most
    ``budget`` clean tune finalists are kept at >= 0.8. Each step raises the group whose step
    gains most per clean finalist it adds; the gain is, summed over the sets with errors, the
    right finalists it adds less the wrong ones, each set's count divided by its right
    finalists (so that the small news set weighs as much as the large OCR one). A threshold per
    group, fitted on the tune halves: a homophone swap and a word fill are different games."""
    has = {g for rows in sets.values() for f, _, _ in rows for g in SHIFTED_GROUPS if g in f}
    groups = [g for g in SHIFTED_GROUPS if g in has]
    dev = {n: rows for n, rows in sets.items() if n != "clean"}
    size = {n: max(1, sum(ok for _, ok, _ in rows)) for n, rows in dev.items()}
    clean_rows = [f for f, _, _ in sets["clean"]]

    def kept(weights: dict[str, float], g: str) -> tuple[float, int]:
        value = 0.0
        for n, rows in dev.items():
            for f, ok, _ in rows:
                if g in f and confidence(f, weights) >= 0.8:
                    value += (1.0 if ok else -1.0) / size[n]
        clean = sum(1 for f in clean_rows if g in f and confidence(f, weights) >= 0.8)
        return value, clean

    shifts = dict.fromkeys(groups, 0.0)
    cur = dict(w)
    now = {g: kept(cur, g) for g in groups}
    clean_total = sum(confidence(f, cur) >= 0.8 for f in clean_rows)
    for _ in range(200):
        best: tuple[float, str, tuple[float, int]] | None = None
        for g in groups:
            if shifts[g] >= 4.0:
                continue
            found = kept({**cur, g: cur.get(g, 0.0) + 0.1}, g)
            gain, d_clean = found[0] - now[g][0], found[1] - now[g][1]
            if clean_total + d_clean > budget or gain <= 0:
                continue
            score = gain / (max(d_clean, 0) + 0.5)
            if best is None or score > best[0]:
                best = (score, g, found)
        if best is None:
            break
        _, g, found = best
        cur[g] = cur.get(g, 0.0) + 0.1
        shifts[g] = round(shifts[g] + 0.1, 1)
        clean_total += found[1] - now[g][1]
        now[g] = found
    return shifts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clean-weight", type=float, default=3.0)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--shift", type=float, default=0.0, help="added to the fitted bias")
    ap.add_argument(
        "--clean-budget",
        type=int,
        default=None,
        help="instead of --shift: the largest shift (steps of 0.1) that leaves at most this "
        "many clean tune finalists at >= 0.8",
    )
    ap.add_argument(
        "--group-budget",
        type=int,
        default=None,
        help="after --shift/--clean-budget: a shift per kind of evidence (group_shifts) "
        "within this many clean tune finalists at >= 0.8",
    )
    ap.add_argument(
        "--keep",
        default="",
        help="groups (comma-separated, e.g. homophone) that keep the shipped weights: their "
        "confidences stay exactly as they are",
    )
    ap.add_argument("--write", action="store_true", help="write typos/weights.py")
    ap.add_argument("--cached", action="store_true", help="reuse the last run's suggestions")
    args = ap.parse_args()
    cache = WORK / "csc_fit.pkl"
    if args.cached:
        sets = pickle.loads(cache.read_bytes())
    else:
        sets = {
            "ocr": labelled(load_pairs("ocr", "tune")),
            "news": labelled(load_pairs("news", "tune")),
            "clean": labelled(clean_pairs("tune")),
        }
        if (OCR_DEV / "tune.tsv").exists():  # the real-OCR set (bench/ocr_dev.py), when built
            sets["ocr-dev"] = labelled(ocr_dev_pairs("tune"))
        else:
            print(f"no real-OCR tune half in {OCR_DEV}: fitted without it")
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(sets))
    data = []
    for name, rows in sets.items():
        wt = args.clean_weight if name == "clean" else 1.0
        data += [(f, ok, wt) for f, ok, _ in rows]
        print(f"{name}: {len(rows)} suggestions, {sum(ok for _, ok, _ in rows)} right")
    w = fit(data, args.l2)
    if args.clean_budget is not None:
        keep = tuple(filter(None, args.keep.split(",")))
        args.shift = largest_shift(w, sets["clean"], args.clean_budget, keep)
        print(f"shift {args.shift:.1f}: the largest within {args.clean_budget} clean finalists")
    w["bias"] += args.shift
    for g in filter(None, args.keep.split(",")):
        w = keep_group(w, g)
    shifts: dict[str, float] = {}
    if args.group_budget is not None:
        shifts = group_shifts(w, sets, args.group_budget)
        for g, d in shifts.items():
            w[g] = w.get(g, 0.0) + d
        print("group shifts: " + ", ".join(f"{g} {d:+.1f}" for g, d in shifts.items()))
    if args.write:
        lines = [
            '"""Confidence weights of the typo detector, written by `python -m bench.csc_fit --write`.',
            "",
            *textwrap.wrap(
                "Fitted on the tune halves of ocr-faspell-train, news-homophone-dev, the real-OCR "
                f"set (bench/ocr_dev.py) and the clean sentences (clean weight {args.clean_weight}, "
                f"L2 {args.l2}, bias shift {args.shift:.1f}"
                + (
                    "; group shifts "
                    + ", ".join(f"{g} {d:+.1f}" for g, d in shifts.items())
                    + f" within {args.group_budget} clean finalists"
                    if shifts
                    else ""
                )
                + (f"; kept as shipped: {args.keep}" if args.keep else "")
                + ").",
                96,
            ),
            "Weights of features only: no word, character or text from the data is in here.",
            '"""',
            "",
            "WEIGHTS: dict[str, float] = {",
            *(f'    "{k}": {v:.4f},' for k, v in w.items()),
            "}",
            "",
        ]
        WEIGHTS_FILE.write_text("\n".join(lines), encoding="utf-8")
        print(f"weights -> {WEIGHTS_FILE}")
    for label, weights in (("current", WEIGHTS), ("fitted", w)):
        for name, rows in sets.items():
            for t in (0.5, 0.8, 0.9):
                kept = [ok for f, ok, _ in rows if confidence(f, weights) >= t]
                p = sum(kept) / len(kept) if kept else 0.0
                print(
                    f"{label:8s} {name:6s} >= {t}: kept {len(kept):4d} right {sum(kept):4d} P {p:.3f}"
                )


if __name__ == "__main__":
    main()
