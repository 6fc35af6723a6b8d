"""Benchmark of ``corpusfix lm build``: time, peak memory and size, memory flatness, perplexity.

    nice -n 10 python -m bench.lm_build [--flat-mb 100,300] [--order 5] [--only full,train,ppl,flat,order]

- full: a model on all of ../shared/data/archive-cctv (11.1 M characters; evaluation data, never
  shipped): wall and CPU time, peak memory (ru_maxrss of a child process that does only this),
  model size. Target: ≤ 5 minutes on one core.
- train / ppl: a model on the archive's days before 2025, and the held-out per-character
  perplexity (10^-mean log10 P, sentence end not counted, unknown characters included) of it and
  of the shipped laws model on the days from 2025 on; also the scoring speed (characters/s).
- order: held-out perplexity of orders 3-6 on laws-zh alone (every 10th line held out).
- flat: inputs of each size in --flat-mb: laws-zh, then copies of the archive with 3 % of their
  characters (newlines excepted) replaced at random by characters of the archive, a new seed per
  copy, streamed to the builder (nothing written); peak memory of each build.

Each build runs in its own child process, so each ru_maxrss is that build's alone.
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from corpusfix.lm.build import CharLMBuilder
from corpusfix.lm.defaults import DEFAULT_ORDER
from corpusfix.lm.model import CharLM

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARCHIVE = SHARED / "data" / "archive-cctv" / "cctv-news.txt.xz"
LAWS = SHARED / "corpora" / "laws-zh" / "laws-zh.txt.xz"
LAWS_MODEL = ROOT / "resources" / "lm" / "laws-lexicon.charlm"
DAY = re.compile(r"^《新闻联播》\s*\((\d{8})\)\s*$")


def archive_days(before: str | None = None, since: str | None = None) -> Iterator[str]:
    """The archive's lines (day headers dropped), of the days before/since YYYYMMDD."""
    day = ""
    with lzma.open(ARCHIVE, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = DAY.match(line.strip())
            if m:
                day = m.group(1)
                continue
            if (before and day >= before) or (since and day < since):
                continue
            yield line


def laws_lines() -> Iterator[str]:
    with lzma.open(LAWS, "rt", encoding="utf-8") as fh:
        yield from fh


def damaged_copies() -> Iterator[str]:
    """Copies of the archive, 3 % of each line's characters replaced by characters drawn from
    the archive, a new seed per copy, forever (the caller stops). Streamed line by line: the
    generator holds no copy, so the builder's memory is what is measured."""
    pool = "".join(c for line in islice(archive_days(), 20_000) for c in line if not c.isspace())
    seed = 0
    while True:
        seed += 1
        rng = random.Random(seed)
        for line in archive_days():
            body = line.rstrip("\n")
            k = int(len(body) * 0.03 + rng.random())
            if k:
                chars = list(body)
                for pos in rng.sample(range(len(chars)), min(k, len(chars))):
                    chars[pos] = rng.choice(pool)
                body = "".join(chars)
            yield body + "\n"


def flat_input(mb: float) -> Iterator[str]:
    limit = int(mb * 1e6)
    done = 0
    for source in (laws_lines(), damaged_copies()):
        for line in source:
            done += len(line.encode("utf-8"))
            if done > limit:
                return
            yield line


def _child(spec: str, order: int, out: Path) -> dict[str, object]:
    start, cpu = time.monotonic(), time.process_time()
    if spec == "full":
        lines: Iterator[str] = archive_days()
    elif spec == "train":
        lines = archive_days(before="20250101")
    elif spec.startswith("flat:"):
        lines = flat_input(float(spec[5:]))
    else:
        raise SystemExit(f"unknown child {spec}")
    size_in = 0
    with CharLMBuilder(order) as builder:
        for line in lines:
            size_in += len(line.encode("utf-8"))
            builder.add_text(line)
        data = builder.build()
        chars, spills, ngrams = builder.characters, builder.spills, builder.header["ngrams"]
    out.write_bytes(data)
    return {
        "input_mb": round(size_in / 1e6, 1),
        "characters": chars,
        "wall_s": round(time.monotonic() - start, 1),
        "cpu_s": round(time.process_time() - cpu, 1),
        "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "model_mb": round(len(data) / 1e6, 2),
        "ngrams": ngrams,
        "counter_spills": spills,
    }


def perplexity(model: Path) -> dict[str, object]:
    lm = CharLM.load(model)
    total = 0.0
    count = 0
    start = time.process_time()
    for line in archive_days(since="20250101"):
        text = line.strip()
        if text:
            scores = lm.score(text, bos=True)
            total += sum(scores)
            count += len(scores)
    cpu = time.process_time() - start
    return {
        "model": str(model),
        "test_characters": count,
        "perplexity": round(10 ** (-total / count), 2),
        "chars_per_s": round(count / cpu),
    }


def order_choice(orders: list[int], chars: int) -> None:
    """Held-out perplexity by order at the default size cap, on laws-zh alone (every 10th
    line held out): the order is chosen on the shipped model's own corpus, not on evaluation
    data."""
    train, test = [], []
    done = 0
    for n, line in enumerate(laws_lines()):
        (test if n % 10 == 0 else train).append(line)
        done += len(line)
        if done > chars:
            break
    for order in orders:
        start = time.process_time()
        with CharLMBuilder(order) as builder:
            builder.add_lines(train)
            data = builder.build()
        cpu = time.process_time() - start
        lm = CharLM.from_bytes(data)
        total = count = 0.0
        for line in test:
            text = line.strip()
            if text:
                scores = lm.score(text, bos=True)
                total += sum(scores)
                count += len(scores)
        print(f"order {order}: laws held-out perplexity {10 ** (-total / count):.2f}, "
              f"model {len(data) / 1e6:.1f} MB, build {cpu:.0f} s CPU "
              f"({sum(len(t) for t in train):,} training characters)", flush=True)  # fmt: skip


def _run_child(spec: str, order: int, out: Path) -> dict[str, object]:
    cmd = [sys.executable, "-m", "bench.lm_build", "--child", spec, "--order", str(order),
           "--model", str(out)]  # fmt: skip
    res = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if res.returncode:
        raise SystemExit(f"{spec} failed:\n{res.stderr}")
    result: dict[str, object] = json.loads(res.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--order", type=int, default=DEFAULT_ORDER)
    ap.add_argument("--flat-mb", default="100,300", help="input sizes of the flatness check")
    ap.add_argument("--only", default="full,train,ppl,flat")
    ap.add_argument("--order-chars", type=int, default=6_000_000, help="laws text for 'order'")
    ap.add_argument("--laws-model", type=Path, default=LAWS_MODEL)
    ap.add_argument("--keep", help="a folder to keep the models in (default: deleted)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--model", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.order, args.model)))
        return 0
    if not ARCHIVE.exists():
        print(f"skipped: {ARCHIVE} is not here (evaluation data)")
        return 0
    steps = set(args.only.split(","))
    if "order" in steps:
        order_choice([3, 4, 5, 6], args.order_chars)
    with tempfile.TemporaryDirectory(prefix="lm-bench.") as scratch:
        tmp = args.keep or scratch
        if "full" in steps:
            r = _run_child("full", args.order, Path(tmp) / "full.charlm")
            print("full archive:", json.dumps(r), flush=True)
        train = Path(tmp) / "train.charlm"
        if "train" in steps:
            r = _run_child("train", args.order, train)
            print("archive before 2025:", json.dumps(r), flush=True)
        if "ppl" in steps:
            for model in (args.laws_model, train):
                if model.exists():
                    print("perplexity on 2025+:", json.dumps(perplexity(model)), flush=True)
        if "flat" in steps:
            for mb in args.flat_mb.split(","):
                r = _run_child(f"flat:{mb}", args.order, Path(tmp) / f"flat{mb}.charlm")
                print(f"flatness {mb} MB:", json.dumps(r), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
