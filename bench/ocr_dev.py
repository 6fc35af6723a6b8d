"""Build the real-OCR development set: clean dev text printed, read back by tesseract, aligned.

    python -m bench.ocr_dev [--out /work/cache/ocr-dev] [--lines 2000] [--seed 15]

Source lines: sentences (cut at clause marks to ≤ 42 characters) of news-clean-dev and of the
archive-cctv days from 2025-01-01 on, drawn with a fixed seed, half from each. Each line is drawn
as one print line by ImageMagick (``label:``) in a font the dev set ALONE uses (AR PL UMing /
UKai: the measured OCR channel, scripts/build_ocr_channel.py, never sees them), degraded
(point size, blur, Gaussian noise, down-scaling; drawn per line from the seed), and read back by
``tesseract -l chi_sim --psm 7`` (one image per line, one tesseract process per batch).

Alignment (corpusfix.qa.ocr_align): whitespace is dropped from both sides; punctuation and
symbols are taken out of the comparison (the right column keeps the source's, the wrong column
gets the source's too, so punctuation differences vanish from both columns). What remains (Han,
letters, digits; compared after NFKC, so １ = 1) is aligned by difflib's SequenceMatcher (no
autojunk): equal and same-length replaced runs map character to character; a longer or shorter
run, an insertion or a deletion makes a "length-changed" line, kept (the real task has them),
flagged in meta.tsv and scored apart by bench.csc. Lines that tesseract misses wholesale (content
similarity < 0.5) are dropped and counted.

Halves: crc32 of the right (source) column, even → tune.tsv, odd → report.tsv (both
``wrong<TAB>right`` like ../shared/data). Renderings and OCR output are cached under OUT/cache/
per batch (keyed by the batch's text and settings), so a rerun only re-aligns.
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.common import SHARED_DATA, require
from bench.ocr_render import label, read_back, renderable
from corpusfix.qa.ocr_align import Aligned, align, han, is_han, levenshtein

FONTS = ("AR-PL-UMing-CN", "AR-PL-UKai-CN")  # the dev set's alone
MAX_LEN = 42
MIN_HAN = 8
BATCH = 80
_SENT = re.compile(r"[^。！？；]*[。！？；]|[^。！？；]+$")
_CLAUSE = re.compile(r"[^，、：]*[，、：]|[^，、：]+$")


# --- source lines -------------------------------------------------------------------------


def split_lines(para: str) -> list[str]:
    """Sentences, long ones cut at clause marks, joined back up to MAX_LEN characters."""
    out: list[str] = []
    for sent in _SENT.findall(para.strip()):
        sent = "".join(sent.split())
        if len(sent) <= MAX_LEN:
            out.append(sent)
            continue
        cur = ""
        for clause in _CLAUSE.findall(sent):
            if cur and len(cur) + len(clause) > MAX_LEN:
                out.append(cur)
                cur = ""
            cur += clause
        if cur:
            out.append(cur)
    return [s for s in out if sum(map(is_han, s)) >= MIN_HAN and len(s) <= MAX_LEN + 8]


def news_lines() -> list[str]:
    text = require(SHARED_DATA / "news-clean-dev" / "pku_test.utf8").read_text("utf-8")
    return [s for para in text.splitlines() for s in split_lines(para)]


def archive_test_lines() -> list[str]:
    """Lines of the archive's days from 2025-01-01 on (the days the archive model never sees)."""
    path = require(SHARED_DATA / "archive-cctv" / "cctv-news.txt.xz")
    day = re.compile(r"^《新闻联播》 \((\d{8})\)")
    out: list[str] = []
    keep = False
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        for para in fh:
            m = day.match(para)
            if m:
                keep = m.group(1) >= "20250101"
                continue
            if keep:
                out += split_lines(para)
    return out


def source_lines(n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    picked: list[tuple[str, str]] = []
    seen: set[str] = set()
    for name, lines in (("news", news_lines()), ("cctv", archive_test_lines())):
        pool = sorted({s for s in lines if renderable(s)})
        rng.shuffle(pool)
        k = 0
        for s in pool:
            if k == n // 2:
                break
            if s not in seen:
                seen.add(s)
                picked.append((name, s))
                k += 1
    return picked


# --- rendering and OCR ----------------------------------------------------------------------


@dataclass(frozen=True)
class Look:
    font: str
    size: int  # point size drawn at
    scale: int  # per cent, down-scaling after drawing
    blur: float
    noise: float

    def args(self, text: str) -> list[str]:
        return [
            "-font",
            self.font,
            "-pointsize",
            str(self.size),
            label(text),
            "-bordercolor",
            "white",
            "-border",
            "12",
            "-blur",
            f"0x{self.blur:.2f}",
            "-resize",
            f"{self.scale}%",
            "-attenuate",
            f"{self.noise:.2f}",
            "+noise",
            "Gaussian",
        ]


def draw_look(rng: random.Random) -> Look:
    # Drawn large, then scaled down to a 10–16 px em: below 10 px tesseract reads little
    # (Han CER ~20–30 %), above 16 px it reads print almost perfectly.
    size = rng.randint(20, 30)
    em = rng.uniform(10.0, 16.0)
    return Look(
        font=rng.choice(FONTS),
        size=size,
        scale=round(100 * em / size),
        blur=rng.uniform(0.4, 1.2),
        noise=rng.uniform(0.0, 0.5),
    )


# --- halves -------------------------------------------------------------------------------


def in_report(right: str) -> bool:
    return zlib.crc32(right.encode("utf-8")) % 2 == 1


# --- main -----------------------------------------------------------------------------------


def build(out: Path, n: int, seed: int) -> dict[str, object]:
    rows = source_lines(n, seed)
    rng = random.Random(seed + 1)
    looks = [draw_look(rng) for _ in rows]
    cache = out / "cache"
    read: list[str] = []
    for b in range(0, len(rows), BATCH):
        texts = [s for _, s in rows[b : b + BATCH]]
        batch = looks[b : b + BATCH]
        per_line = [lk.args(t) for t, lk in zip(texts, batch, strict=True)]
        read += read_back(texts, per_line, [vars(lk) for lk in batch], cache)
        print(f"\r{len(read)}/{len(rows)} lines read", end="", flush=True)
    print()
    kept: list[tuple[str, Aligned, Look]] = []
    dropped = 0
    for (name, src), ocr, look in zip(rows, read, looks, strict=True):
        a = align(src, ocr)
        if a.similarity < 0.5:
            dropped += 1
            continue
        kept.append((name, a, look))
    han_chars = sum(len(han(a.right)) for _, a, _ in kept)
    han_edits = sum(levenshtein(han(a.wrong), han(a.right)) for _, a, _ in kept)
    slips = sum(a.wrong != a.right for _, a, _ in kept)
    changed = sum(a.length_changed for _, a, _ in kept)
    subs: Counter[tuple[str, str]] = Counter()
    for _, a, _ in kept:
        if not a.length_changed:
            subs.update((w, r) for w, r in zip(a.wrong, a.right, strict=True) if w != r)
    halves = {"tune": [k for k in kept if not in_report(k[1].right)]}
    halves["report"] = [k for k in kept if in_report(k[1].right)]
    for half, items in halves.items():
        (out / f"{half}.tsv").write_text(
            "".join(f"{a.wrong}\t{a.right}\n" for _, a, _ in items), "utf-8"
        )
    with (out / "meta.tsv").open("w", encoding="utf-8") as fh:
        fh.write("half\tsource\tlength_changed\tsimilarity\tfont\tsize\tscale\tblur\tnoise\n")
        for half, items in halves.items():
            for name, a, lk in items:
                fh.write(
                    f"{half}\t{name}\t{int(a.length_changed)}\t{a.similarity:.3f}\t{lk.font}\t"
                    f"{lk.size}\t{lk.scale}\t{lk.blur:.2f}\t{lk.noise:.2f}\n"
                )
    stats: dict[str, object] = {
        "source_lines": len(rows),
        "dropped_unreadable": dropped,
        "lines": len(kept),
        "tune": len(halves["tune"]),
        "report": len(halves["report"]),
        "lines_with_slips": slips,
        "share_with_slips": round(slips / len(kept), 4),
        "length_changed_lines": changed,
        "han_chars": han_chars,
        "han_cer": round(han_edits / han_chars, 4),
        "top_substitutions": [f"{w}/{r} {c}" for (w, r), c in subs.most_common(25)],
    }
    (out / "stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=1), "utf-8")
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("/work/cache/ocr-dev"))
    ap.add_argument("--lines", type=int, default=2000, help="source lines drawn (before drops)")
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    stats = build(args.out, args.lines, args.seed)
    for k, v in stats.items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
