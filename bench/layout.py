"""Layout benchmark: merge / duplicate / truncation precision and recall on generated e-pages.

    python -m bench.layout [--half report|tune] [--pages 600] [--clean 300] [--show-errors N]
                           [--seed 2026]
    python -m bench.layout --speed [--mb 5]

Scores the detectors at their default settings against the generator's gold (bench/layout_gen.py):
merge and duplicate suggestions must match the gold span exactly; a truncation flag counts when it
falls inside a gold truncated region. Undamaged pages must get no suggestion of these kinds.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from bench.layout_gen import Article, generate
from bench.layout_timing import article, print_per_detector, print_rows
from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document

KINDS = frozenset({"merge", "duplicate", "truncation"})


def score(pages: list[Article], show: int, min_confidence: float) -> None:
    settings = Settings(only=KINDS)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    by_case: dict[str, Counter[str]] = defaultdict(Counter)
    fp_kinds: Counter[str] = Counter()
    clean_pages_with_findings = 0
    clean_findings = 0
    shown = 0
    n_articles = 0
    for page in pages:
        doc = build_document(page.text)
        found = [s for s in suggest(doc, settings) if s.confidence >= min_confidence]
        n_articles += sum(1 for p in doc.paragraphs if p.role.value == "headline")
        if not page.damaged:
            if found:
                clean_pages_with_findings += 1
                clean_findings += len(found)
                for s in found:
                    fp_kinds[f"{s.kind} on undamaged page: {s.message[:50]}"] += 1
                    if shown < show:
                        shown += 1
                        print("CLEAN-FP", s.kind, s.message, s.evidence.get("context"))
            continue
        matched: set[int] = set()
        for s in found:
            hits = []
            for gi, g in enumerate(page.gold):
                if g["kind"] != s.kind:
                    continue
                if s.kind == "truncation":  # any flag inside the region; regions may overlap
                    ok = g["start"] <= s.start < g["end"] + 1
                else:
                    ok = (g["start"], g["end"]) == (s.start, s.end)
                if ok:
                    hits.append(gi)
            if not hits:
                fp[s.kind] += 1
                fp_kinds[f"{s.kind}: {s.message.split('(')[0][:60]}"] += 1
                if shown < show:
                    shown += 1
                    print("FP", s.kind, s.message, s.evidence.get("context"))
            else:
                tp[s.kind] += 1
                matched.update(hits)
        for gi, g in enumerate(page.gold):
            by_case[f"{g['kind']}: {g['case']}"]["total"] += 1
            if gi in matched:
                by_case[f"{g['kind']}: {g['case']}"]["found"] += 1
            else:
                fn[g["kind"]] += 1
                if shown < show:
                    shown += 1
                    ctx = page.text[max(0, g["start"] - 15) : g["end"] + 15].replace("\n", "⏎")
                    print("MISS", g["kind"], g["case"], ctx)
    gold_total: Counter[str] = Counter()
    for page in pages:
        for g in page.gold:
            gold_total[g["kind"]] += 1
    n_damaged = sum(p.damaged for p in pages)
    print(f"pages: {n_damaged} damaged + {len(pages) - n_damaged} undamaged; {n_articles} articles")
    for kind in ("merge", "duplicate", "truncation"):
        # Truncation precision counts flags; recall counts gold regions found.
        found_regions = sum(c["found"] for k, c in by_case.items() if k.startswith(kind))
        prec = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        rec = found_regions / gold_total[kind] if gold_total[kind] else 0.0
        print(
            f"{kind:11s} precision {prec:.4f} ({tp[kind]}/{tp[kind] + fp[kind]})  "
            f"recall {rec:.4f} ({found_regions}/{gold_total[kind]})"
        )
    print(
        f"undamaged pages with any merge/duplicate/truncation suggestion: "
        f"{clean_pages_with_findings} ({clean_findings} suggestions)"
    )
    print("recall by case:")
    for case, c in sorted(by_case.items()):
        print(f"  {case:70s} {c['found']:4d}/{c['total']:4d}")
    if fp_kinds:
        print("false alarms by kind and message:")
        for k, v in fp_kinds.most_common(15):
            print(f"  {v:4d}  {k}")


def speed(mb: float) -> None:
    """Pages one by one, the same pages as one article, then an article of a quarter of ``mb``
    and one of ``mb`` megabytes (shifted copies): the rate must not fall as the text grows."""
    pages = generate("tune", 400, 0)
    texts = [p.text for p in pages]
    text = "\n\n".join(texts)
    suggest(build_document(texts[0]), Settings(only=KINDS))  # warm-up: lexicon, regexes
    small, big = article(texts, mb / 4), article(texts, mb)
    print(f"detectors: {', '.join(sorted(KINDS))} (+ furniture, which they read); CPU time")
    print_rows(
        [
            (f"{len(pages)} pages, one by one", texts),
            ("the same pages as one article", [text]),
            (f"one {len(small.encode()) / 1e6:.1f} MB article", [small]),
            (f"one {len(big.encode()) / 1e6:.1f} MB article", [big]),
        ],
        KINDS,
    )
    print_per_detector(texts, KINDS)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--half", choices=("tune", "report"), default="report")
    ap.add_argument("--pages", type=int, default=600)
    ap.add_argument("--clean", type=int, default=300)
    ap.add_argument("--show-errors", type=int, default=0)
    ap.add_argument("--speed", action="store_true")
    ap.add_argument(
        "--seed",
        type=int,
        default=2026,
        help="the generator's seed: other pages from the same half, to see how stable a figure is",
    )
    ap.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        help="score only suggestions this confident (the default 0 scores every suggestion)",
    )
    ap.add_argument("--mb", type=float, default=5.0)
    args = ap.parse_args()
    if args.speed:
        speed(args.mb)
        return
    pages = generate(args.half, args.pages, args.clean, seed=args.seed)
    print(
        f"half: {args.half} (source paragraphs {'looked at while tuning' if args.half == 'tune' else 'never looked at while tuning'})"
    )
    print(f"scoring suggestions with confidence >= {args.min_confidence}")
    if args.seed != 2026:
        print(f"seed: {args.seed}")
    score(pages, args.show_errors, args.min_confidence)


if __name__ == "__main__":
    main()
