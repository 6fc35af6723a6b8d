"""Batch benchmark: a synthetic archive of real news sentences, damaged like e-papers.

    python -m bench.archive [--mb 200] [--jobs 1 2] [--keep]

Builds (once, into bench/_work/) an archive of ≥ 20,000 articles for 200 MB: articles recombined
from the sentences of ../shared/data/news-clean-dev (so paragraphs do not repeat by accident),
mixed UTF-8 / GB18030, plus Big5 files that are whole traditional-Chinese articles; 5 % of the
articles appear twice (half exact copies, half the same article damaged differently). Then runs
`corpusfix batch --accept all` with each --jobs value and prints throughput, the peak memory of the
whole process tree, and duplicate-article precision/recall against the generator's clusters.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.common import WORK, add_compiled_option, news_paragraphs, rerun_compiled
from corpusfix.build_info import typo_detector_build

_SENT = re.compile(r"[^。！？]*[。！？]”?")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲芬燕彩春菊兰凤洁梅琳素云"


def sentences() -> list[str]:
    out = []
    for p in news_paragraphs():
        for s in _SENT.findall(p):
            s = s.strip()
            if 8 <= len(s) <= 120 and s.count("“") == s.count("”"):
                out.append(s)
    return sorted(set(out))


class Archive:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.sents = sentences()
        import opencc

        self.s2t = opencc.OpenCC("s2t")

    def article(self) -> list[str]:
        r = self.rng
        title = r.choice(self.sents)[: r.randint(8, 16)].rstrip("，。、；：")
        paras = [title, f"●本报记者 {r.choice(SURNAMES)}{r.choice(GIVEN)}{r.choice(GIVEN)}"]
        for _ in range(r.randint(10, 24)):
            paras.append("".join(r.choice(self.sents) for _ in range(r.randint(2, 5))))
        return paras

    def damage(self, paras: list[str], seed: int) -> str:
        r = random.Random(seed)
        width = r.randint(12, 22)
        out: list[str] = []
        for i, p in enumerate(paras):
            if i >= 2 and r.random() < 0.25:
                cuts = [
                    k for k in range(width - 2, len(p) - 1, width) if p[k - 1] not in "。！？”，、"
                ]
                if cuts:
                    c = r.choice(cuts)
                    out.extend([p[:c], p[c:]])
                    continue
            if i >= 2 and r.random() < 0.05:
                p = p.replace("，", ",", 1)
            out.append(p)
        if r.random() < 0.1:
            out.append(out[r.randrange(2, len(out))][: width - 2])  # an orphan line
        return "\n\n".join(out) + "\n"


def build(mb: float, root: Path, seed: int = 11) -> dict[str, object]:
    arch = Archive(seed)
    r = arch.rng
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    total = 0
    n = 0
    clusters: list[list[str]] = []
    made: list[tuple[str, list[str], str]] = []  # (rel, paragraphs, encoding)
    while total < mb * 1e6:
        if made and r.random() < 0.05:
            src_rel, paras, enc = r.choice(made)
            exact = r.random() < 0.5
            text = None if exact else arch.damage(paras, r.randrange(1 << 30))
            rel = f"{n // 1000:03d}/dup-{n:06d}.txt"
            data = (root / src_rel).read_bytes() if exact else _encode(arch, text or "", enc)
            for c in clusters:
                if src_rel in c:
                    c.append(rel)
                    break
            else:
                clusters.append([src_rel, rel])
        else:
            paras = arch.article()
            enc = r.choices(["utf-8", "gb18030", "big5"], [60, 30, 10])[0]
            if enc == "big5":
                paras = [arch.s2t.convert(p) for p in paras]
            text = arch.damage(paras, r.randrange(1 << 30))
            data = _encode(arch, text, enc)
            if data is None:
                enc, data = "utf-8", text.encode("utf-8")
            rel = f"{n // 1000:03d}/article-{n:06d}.txt"
            made.append((rel, paras, enc))
        assert data is not None
        path = root / rel
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        total += len(data)
        n += 1
    gold = {"files": n, "bytes": total, "clusters": [sorted(c) for c in clusters]}
    (root.parent / f"{root.name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return gold


def _encode(arch: Archive, text: str, enc: str) -> bytes | None:
    try:
        return text.encode(enc)
    except UnicodeEncodeError:
        return None


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):  # noqa: PTH208 (names, not paths, are wanted)
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(stat[1]), []).append(int(d))
            except (OSError, IndexError):
                continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        todo.extend(children.get(p, []))
    return total


def run(root: Path, out: Path, jobs: int) -> tuple[float, int]:
    if out.exists():
        shutil.rmtree(out)
    cmd = [
        sys.executable,
        "-m",
        "corpusfix",
        "batch",
        str(root),
        "-o",
        str(out),
        "--accept",
        "all",
        "--jobs",
        str(jobs),
    ]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.5)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    proc.wait()
    stop.set()
    th.join()
    return time.perf_counter() - t0, peak


def dup_scores(out: Path, gold: dict[str, object]) -> tuple[float, float, int, int]:
    found = json.loads((out / "_corpusfix" / "summary.json").read_text("utf-8"))[
        "duplicate_articles"
    ]

    def pairs(clusters: list[list[str]]) -> set[tuple[str, str]]:
        return {(a, b) for c in clusters for a in c for b in c if a < b}

    want, got = pairs(gold["clusters"]), pairs(found)  # type: ignore[arg-type]
    tp = len(want & got)
    return (tp / len(got) if got else 1.0), (tp / len(want) if want else 1.0), len(got), len(want)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=200.0)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument(
        "--verify", action="store_true", help="then run corpusfix verify on the last output"
    )
    add_compiled_option(ap)
    args = ap.parse_args()
    rerun_compiled(args, "bench.archive")
    root = WORK / f"archive-{args.mb:g}mb"
    gold_path = root.parent / f"{root.name}.gold.json"
    gold = (
        json.loads(gold_path.read_text())
        if gold_path.exists() and root.exists()
        else build(args.mb, root)
    )
    mb = gold["bytes"] / 1e6  # type: ignore[operator]
    print(
        f"archive: {gold['files']} files, {mb:.1f} MB, {len(gold['clusters'])} duplicate clusters; "
        f"build: {typo_detector_build()}"
    )  # type: ignore[arg-type]
    base = None
    for jobs in args.jobs:
        out = WORK / f"out-{root.name}-j{jobs}"
        secs, peak = run(root, out, jobs)
        rate = mb / secs
        base = base or rate
        p, r, ng, nw = dup_scores(out, gold)
        print(
            f"--jobs {jobs}: {secs:.1f} s, {rate:.2f} MB/s ({rate / base:.2f}x --jobs {args.jobs[0]}), "
            f"peak memory {peak / 2**20:.0f} MiB; duplicate pairs precision {p:.4f} recall {r:.4f} "
            f"({ng} found, {nw} gold)",
            flush=True,
        )
    if args.verify:
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "corpusfix", "verify", str(out)], capture_output=True, text=True
        )
        print(
            f"verify {out.name}: exit {proc.returncode}, {proc.stderr.strip()} ({time.perf_counter() - t0:.0f} s)"
        )


if __name__ == "__main__":
    main()
