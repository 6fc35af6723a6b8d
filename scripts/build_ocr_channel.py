"""Build resources/similarity/ocr_channel.tsv: what tesseract reads for each character it is shown.

    python scripts/build_ocr_channel.py [--lines 3000] [--seeds 3,4,5] [--fonts 1|2]
                                        [--add-to TSV] [--cache DIR] [--out PATH]

Text: lines of ../shared/corpora/laws-zh (public domain, art. 5(1) PRC Copyright Law) and lines
made of words of the shipped lexicon (resources/lexicon/words.tsv, from jieba, MIT), so that the
characters of everyday text are shown too, not only those of legal prose. Never ../shared/data.

Print: Noto Serif CJK SC, Noto Sans CJK SC (regular and bold) and WenQuanYi Micro Hei, drawn by
ImageMagick straight at a small size, then one of: binarised at a random threshold, impulse
(salt-and-pepper) noise, nearest-neighbour sampling (a coarse scanner, no smoothing), or
thinned/thickened strokes. ``--fonts 2`` prints in the second set instead (LXGW WenKai regular,
bold and light, WenQuanYi Zen Hei, Smiley Sans: Kai, Hei and condensed shapes the first set lacks;
Debian fonts-lxgw-wenkai, fonts-wqy-zenhei, fonts-smiley-sans). ``--add-to TSV`` adds the counts of
a table built before (its rows as they are, each truncated to MAX_SEEN readings) to this run's.
The real-OCR dev set (bench/ocr_dev.py) uses other fonts (AR PL UMing/UKai) and other damage
(blur, Gaussian noise, down-scaling), so the channel is not fitted to the renderings it is judged on.

Read back by ``tesseract -l chi_sim --psm 7`` (Apache-2.0) and aligned to the source by
corpusfix.qa.ocr_align; every one-to-one aligned Han character counts (meant → seen). The table
has one row per character shown: how often, and the Han characters it was read as (most often
first, at most MAX_SEEN). corpusfix.detectors.typos.tables.channel_prob smooths it with the glyph
and sound tables as priors. Renderings and OCR output are cached (--cache) per batch.
"""

from __future__ import annotations

import argparse
import lzma
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # bench.ocr_render: the printing and reading the dev set uses too

from bench.ocr_render import label, read_back, renderable  # noqa: E402

from corpusfix.core.files import atomic_write  # noqa: E402
from corpusfix.qa.ocr_align import align, is_han  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "laws-zh" / "laws-zh.txt.xz"
LEXICON = ROOT / "resources" / "lexicon" / "words.tsv"
OUT = ROOT / "resources" / "similarity" / "ocr_channel.tsv"
FONT_SETS = {
    1: (
        "Noto-Serif-CJK-SC",
        "Noto-Sans-CJK-SC",
        "Noto-Serif-CJK-SC-Bold",
        "Noto-Sans-CJK-SC-Bold",
        "WenQuanYi-Micro-Hei",
    ),
    2: (
        "LXGW-WenKai",
        "LXGW-WenKai-Bold",
        "LXGW-WenKai-Light",
        "WenQuanYi-Zen-Hei",
        "Smiley-Sans-Oblique",
    ),
}
FONTS = FONT_SETS[1]
BATCH = 80
MAX_SEEN = 24  # confusions kept per character: bounds the table's size
LIMIT_KB = 1024
LEXICON_SHARE = 0.35
_SENT = re.compile(r"[^。！？；，：]*[。！？；，：]|[^。！？；，：]+$")


def law_pool() -> list[str]:
    """Clauses of 10–40 characters of the laws corpus, each once, in a fixed order."""
    pool: set[str] = set()
    with lzma.open(CORPUS, "rt", encoding="utf-8") as fh:
        for para in fh:
            for s in _SENT.findall("".join(para.split())):
                if 10 <= len(s) <= 40 and renderable(s) and sum(map(is_han, s)) >= 8:
                    pool.add(s)
    return sorted(pool)


def lexicon_lines(n: int, rng: random.Random) -> list[str]:
    """``n`` lines of 12–30 characters made of lexicon words (the 60,000 most frequent)."""
    words = []
    with LEXICON.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                w = line.split("\t")[0]
                if all(map(is_han, w)):
                    words.append(w)
            if len(words) == 60_000:
                break
    out = []
    for _ in range(n):
        target = rng.randint(12, 30)
        line = ""
        while len(line) < target:
            line += rng.choice(words)
        out.append(line)
    return out


def look(rng: random.Random, fonts: tuple[str, ...] = FONTS) -> dict[str, object]:
    return {
        "font": rng.choice(fonts),
        "em": rng.randint(11, 17),
        "damage": rng.choice(("threshold", "impulse", "sample", "erode", "dilate")),
        "amount": round(rng.uniform(0.0, 1.0), 2),
    }


def im_args(text: str, lk: dict[str, object]) -> list[str]:
    amount = float(str(lk["amount"]))
    args = ["-font", str(lk["font"]), "-pointsize", str(lk["em"]), label(text)]
    args += ["-bordercolor", "white", "-border", "10"]
    damage = lk["damage"]
    if damage == "threshold":
        args += ["-threshold", f"{45 + 15 * amount:.0f}%"]
    elif damage == "impulse":
        args += ["-attenuate", f"{0.1 + 0.3 * amount:.2f}", "+noise", "Impulse"]
    elif damage == "sample":  # a coarse scanner: nearest-neighbour pixels, no smoothing
        args += ["-sample", f"{85 - 25 * amount:.0f}%"]
    elif damage == "erode":  # thin strokes: a light print
        args += ["-morphology", "Dilate", f"Disk:{0.5 + 0.5 * amount:.2f}"]  # white grows
    else:  # ink spread: a heavy print
        args += ["-morphology", "Erode", f"Disk:{0.5 + 0.5 * amount:.2f}"]  # black grows
    return args


def count(
    lines: list[str],
    looks: list[dict[str, object]],
    cache: Path,
    shown: Counter[str],
    seen_as: dict[str, Counter[str]],
) -> int:
    """Print, read and align ``lines``; add to ``shown`` / ``seen_as``; return lines dropped."""
    dropped = 0
    by_damage: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # lines, unread, han, slips
    t0 = time.monotonic()
    for b in range(0, len(lines), BATCH):
        texts, lks = lines[b : b + BATCH], looks[b : b + BATCH]
        per_line = [im_args(t, lk) for t, lk in zip(texts, lks, strict=True)]
        read = read_back(texts, per_line, lks, cache)
        for text, ocr, lk in zip(texts, read, lks, strict=True):
            a = align(text, ocr)
            stat = by_damage[f"{lk['damage']} em {lk['em']}"]
            stat[0] += 1
            if a.similarity < 0.5:
                dropped += 1
                stat[1] += 1
                continue
            han_pairs = [(s, m) for s, m in a.pairs if is_han(m)]
            stat[2] += len(han_pairs)
            stat[3] += sum(s != m for s, m in han_pairs)
            for seen, meant in a.pairs:
                if is_han(meant):
                    shown[meant] += 1
                    if seen != meant and is_han(seen):
                        seen_as[meant][seen] += 1
        done = min(b + BATCH, len(lines))
        print(f"\r{done}/{len(lines)} lines ({time.monotonic() - t0:.0f} s)", end="", flush=True)
    print()
    for key, (n, unread, han, slips) in sorted(by_damage.items()):
        print(
            f"  {key:16s} lines {n:4d} unreadable {unread:3d} substituted {slips / max(han, 1):.3f}"
        )
    return dropped


def add_table(path: Path, shown: Counter[str], seen_as: dict[str, Counter[str]]) -> list[str]:
    """Add the counts of a table built before; return its header lines (its provenance)."""
    header = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#"):
            header.append(line.lstrip("# "))
            continue
        meant, n, seen, counts = line.split("\t")
        shown[meant] += int(n)
        for s, c in zip(seen, counts.split(",") if counts else [], strict=True):
            seen_as[meant][s] += int(c)
    return header[1:]  # the first line says what the columns are


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--lines", type=int, default=3000)
    ap.add_argument("--seeds", default="3,4,5", help="one run of --lines lines per seed")
    ap.add_argument("--cache", type=Path, default=Path("/work/cache/ocr-channel"))
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--fonts", type=int, choices=sorted(FONT_SETS), default=1)
    ap.add_argument("--add-to", type=Path, help="a table built before, whose counts are added")
    args = ap.parse_args()
    fonts = FONT_SETS[args.fonts]
    pool = law_pool()
    n_lex = round(args.lines * LEXICON_SHARE)
    shown: Counter[str] = Counter()
    seen_as: dict[str, Counter[str]] = defaultdict(Counter)
    dropped = 0
    lines: list[str] = []
    seeds = [int(s) for s in args.seeds.split(",")]
    for seed in seeds:
        rng = random.Random(seed)
        run = rng.sample(pool, args.lines - n_lex) + lexicon_lines(n_lex, rng)
        # the looks of the first seed's run come from Random(len(run)), the others' offset by seed
        look_rng = random.Random(len(run) + seed - seeds[0])
        looks = [look(look_rng, fonts) for _ in run]
        dropped += count(run, looks, args.cache, shown, seen_as)
        lines += run
    before: list[str] = []
    if args.add_to:
        before = add_table(args.add_to, shown, seen_as)
    total = sum(shown.values())
    slips = sum(sum(c.values()) for c in seen_as.values())
    rows = [
        "# OCR channel measured by scripts/build_ocr_channel.py: meant<TAB>times shown<TAB>"
        "Han characters it was read as<TAB>counts",
        f"# in all: {total} Han characters shown, {slips} read as another Han character",
        f"# {len(lines)} lines ({dropped} unreadable, left out) of laws-zh and lexicon words, "
        f"seeds {args.seeds}; fonts: " + ", ".join(fonts) + "; tesseract 5 chi_sim --psm 7",
        *(f"# added: {h}" for h in before),
    ]
    for meant, n in sorted(shown.items(), key=lambda kv: (-kv[1], kv[0])):
        top = seen_as[meant].most_common(MAX_SEEN) if meant in seen_as else []
        rows.append(
            f"{meant}\t{n}\t{''.join(s for s, _ in top)}\t{','.join(str(c) for _, c in top)}"
        )
    data = ("\n".join(rows) + "\n").encode("utf-8")
    if len(data) > LIMIT_KB * 1024:
        sys.exit(f"build_ocr_channel: {len(data) // 1024} KB is over the {LIMIT_KB} KB limit")
    atomic_write(args.out, data)
    print(
        f"{args.out}: {len(shown)} characters, {total} shown, {slips} confusions "
        f"({slips / total:.2%}), {len(data) // 1024} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
