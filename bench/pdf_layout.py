"""Layout benchmark on newspaper pages corpusfix did not make: PDF text from Chromium + pdftotext.

    python -m bench.pdf_layout [--half tune|report] [--source pdftotext|tesseract|pdf]
                               [--pages N] [--dump DIR]

The pages come from bench/pdf_pages.py (run it first; it caches them). For every page the same run
scores, side by side:
- ``raw``: the extraction as it is;
- ``naive``: the rule "join a line to the next unless it ends in 。！？”" (blank lines ignored);
- ``corpusfix``: ``corpusfix fix PAGE --accept merge,duplicate,furniture,split`` at the default
  --min-confidence, through the CLI in-process, one document per page file.

Paragraphs are read as SPEC.md defines them: in a file with blank lines, a run of non-blank lines;
otherwise each line. Figures (docs/benchmarks-pdf.md says more):
- exact body paragraphs: share of gold body paragraphs equal to one output paragraph. Strict: only
  the paragraph's ends are stripped and spaces next to a Han character or CJK punctuation mark are
  ignored (pdftotext drops or adds them at line ends); a line break left inside is an error.
- ceiling: share of body paragraphs whose pieces come out of the extraction whole, in order, with
  only furniture between them (what a text-only repair can rebuild at best).
- wrong joins: share of output paragraphs holding text of two or more gold units (a headline, a
  subhead, a byline, a body paragraph; all furniture together counts as one unit).
- furniture left: furniture strings (running-head pieces, page numbers, jump lines) of which any
  text is still in the output.
- glued: headlines, subheads and bylines that share an output paragraph with body text.
- boundaries P/R/F: the paragraph breaks of the output against the gold breaks between units.

How output text is matched to the gold: all whitespace is removed; lines of the extraction that
are furniture (whole furniture strings or their pieces, fuzzily for OCR: similarity >= 0.75) are
labelled first; the rest is aligned to the gold units in page order by difflib (matching blocks of
3+ characters), and pieces that the extraction put out of order are found in a second pass. An
output of ``naive`` or ``corpusfix`` is aligned to its extraction (it is the extraction with
separators and deletions changed), so every output character inherits the extraction's label.
With OCR a break counts as right when it lands within 2 characters of a gold break (OCR drops and
adds characters at line ends); with text sources it must be exact.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from bench import pdf_pages

ACCEPT = "merge,duplicate,furniture,split"
SYSTEMS = ("raw", "naive", "corpusfix")
NAIVE_ENDS = "。！？”"
_WS = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK = re.compile(r"[ \t\u3000\u200b\u200c\u200d\ufeff]*")
# Spaces that carry nothing: next to a Han character or CJK punctuation.
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…·●■□]"
_SOFT_SPACE = re.compile(rf"(?<={_CJK})[ \t\u3000]+|[ \t\u3000]+(?={_CJK})")
NOISE = -(10**9)  # label of an output character that matches nothing of the gold
MIN_BLOCK = 3


def squeeze(s: str) -> str:
    return _WS.sub("", s)


def normalise(paragraph: str) -> str:
    """The strict comparison form: ends stripped, spaces next to CJK text dropped, nothing else."""
    return _SOFT_SPACE.sub("", paragraph.strip())


def paragraphs(text: str) -> list[str]:
    """Paragraphs as SPEC.md defines them (and the loader reads them): with a blank line between
    two non-blank lines, runs of non-blank lines; otherwise each non-blank line."""
    lines = _LINE_BREAK.split(text)
    blank = [_BLANK.fullmatch(ln) is not None for ln in lines]
    content = [i for i, b in enumerate(blank) if not b]
    if not content:
        return []
    if not any(blank[content[0] : content[-1] + 1]):
        return [lines[i] for i in content]
    out: list[str] = []
    run: list[str] = []
    for ln, b in zip(lines, blank, strict=True):
        if not b:
            run.append(ln)
        elif run:
            out.append("\n".join(run))
            run = []
    if run:
        out.append("\n".join(run))
    return out


def naive(text: str) -> str:
    """Join a line to the next unless it ends a sentence; blank lines do not stop the join."""
    out: list[str] = []
    cur = ""
    for ln in text.splitlines():
        s = ln.strip()
        if not s:
            continue
        cur += s
        if s[-1] in NAIVE_ENDS:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------- gold


@dataclass
class Gold:
    name: str
    units: list[dict[str, Any]]  # headline, subhead, byline, body; in page order
    furniture: list[str]
    stream: str = ""  # the units' text, whitespace removed, one after the other
    owner: list[int] = field(default_factory=list)  # unit index of each stream character
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Gold:
        data = json.loads(path.read_text("utf-8"))
        units = [u for u in data["units"] if u["role"] != "furniture"]
        g = cls(data["page"], units, [squeeze(f) for f in data["furniture"] if squeeze(f)])
        parts = []
        pos = 0
        for i, u in enumerate(units):
            t = squeeze(u["text"])
            parts.append(t)
            g.owner.extend([i] * len(t))
            g.starts.append(pos)
            pos += len(t)
            g.ends.append(pos)
        g.stream = "".join(parts)
        return g

    def boundaries(self) -> set[int]:
        return set(self.ends[:-1])


def _furniture_pieces(raw: list[str]) -> dict[str, int]:
    pieces: dict[str, int] = {}
    for i, f in enumerate(raw):
        for piece in [f, *re.split(r"[\s|｜·]+", f)]:
            p = squeeze(piece)
            if p and p not in pieces:
                pieces[p] = i
    return pieces


def _segments(c: str, pieces: dict[str, int]) -> int | None:
    """The furniture index of a line made only of furniture pieces, else None."""
    ok: list[int | None] = [None] * (len(c) + 1)
    ok[0] = -1
    for i in range(len(c)):
        if ok[i] is None:
            continue
        for p, k in pieces.items():
            if c.startswith(p, i) and ok[i + len(p)] is None:
                ok[i + len(p)] = k if ok[i] == -1 else ok[i]
    return ok[len(c)]


# --------------------------------------------------------------------------- labelling


@dataclass
class Labelled:
    """Whitespace-free text of a document with, per character, its paragraph and gold label."""

    stream: str
    para: list[int]
    label: list[int]  # >= 0: position in the gold stream; -1-k: furniture k; NOISE: nothing
    paragraphs: list[str]


def label_extraction(text: str, gold: Gold, raw_furniture: list[str], fuzzy: bool) -> Labelled:
    paras = paragraphs(text)
    pieces = _furniture_pieces(raw_furniture)
    whole = {squeeze(f): i for i, f in enumerate(raw_furniture) if len(squeeze(f)) >= 3}
    chars: list[str] = []
    para: list[int] = []
    label: list[int] = []
    for pi, p in enumerate(paras):
        for ln in p.split("\n"):
            c = squeeze(ln)
            if not c:
                continue
            k = _segments(c, pieces)
            if k is None and fuzzy:
                k = _fuzzy_furniture(c, raw_furniture)
            lab = [NOISE] * len(c) if k is None else [-1 - k] * len(c)
            if k is None:  # a whole furniture string inside a line of text
                for f, fk in whole.items():
                    for m in re.finditer(re.escape(f), c):
                        lab[m.start() : m.end()] = [-1 - fk] * len(f)
            chars.append(c)
            para.extend([pi] * len(c))
            label.extend(lab)
    stream = "".join(chars)
    _align_to_gold(stream, label, gold)
    return Labelled(stream, para, label, paras)


def _fuzzy_furniture(c: str, raw_furniture: list[str]) -> int | None:
    best, best_k = 0.0, None
    for k, f in enumerate(raw_furniture):
        for piece in [f, *re.split(r"[\s|｜·]+", f)]:
            p = squeeze(piece)
            if len(p) < 4 and p != squeeze(f):
                continue
            r = difflib.SequenceMatcher(None, c, p, autojunk=False).ratio()
            if r > best:
                best, best_k = r, k
    return best_k if best >= 0.75 else None


def _align_to_gold(stream: str, label: list[int], gold: Gold) -> None:
    """Give every character not labelled furniture its gold position, where one matches."""
    idx = [i for i, lab in enumerate(label) if lab == NOISE]
    sub = "".join(stream[i] for i in idx)
    sm = difflib.SequenceMatcher(None, gold.stream, sub, autojunk=False)
    # Per gold position: the stream index holding it and the length of the match that put it.
    holder: dict[int, tuple[int, int]] = {}
    blocks = [blk for blk in sm.get_matching_blocks() if blk[2]]
    for k, (a, b, n) in enumerate(blocks):
        # A short block counts where it goes on from (or into) a long one in the gold: the
        # two-character last line of a paragraph, put after a page number.
        before = (
            k > 0 and blocks[k - 1][0] + blocks[k - 1][2] == a and blocks[k - 1][2] >= MIN_BLOCK
        )
        after = k + 1 < len(blocks) and a + n == blocks[k + 1][0] and blocks[k + 1][2] >= MIN_BLOCK
        if n >= MIN_BLOCK or before or after:
            for j in range(n):
                label[idx[b + j]] = a + j
                holder[a + j] = (idx[b + j], n)
    # Second pass: runs left over (text the extraction put out of order), matched anywhere; a
    # longer match takes its gold positions from the shorter, chance matches of the first pass.
    i = 0
    while i < len(idx):
        if label[idx[i]] != NOISE:
            i += 1
            continue
        j = i
        while j < len(idx) and label[idx[j]] == NOISE and (j == i or idx[j] == idx[j - 1] + 1):
            j += 1
        if j - i >= 4:
            _place_run(stream, [idx[t] for t in range(i, j)], label, gold, holder)
        i = j


def _place_run(
    stream: str,
    where: list[int],
    label: list[int],
    gold: Gold,
    holder: dict[int, tuple[int, int]],
) -> None:
    run = "".join(stream[w] for w in where)
    sm = difflib.SequenceMatcher(None, gold.stream, run, autojunk=False)
    pending = [(0, len(run))]
    while pending:
        lo, hi = pending.pop()
        a, b, n = sm.find_longest_match(0, len(gold.stream), lo, hi)
        if n < MIN_BLOCK:
            continue
        if all(holder.get(a + t, (0, 0))[1] < n for t in range(n)):
            for t in range(n):
                old = holder.get(a + t)
                if old is not None:
                    label[old[0]] = NOISE
                label[where[b + t]] = a + t
                holder[a + t] = (where[b + t], n)
        pending += [(lo, b), (b + n, hi)]


def transfer(output: str, ext: Labelled) -> Labelled:
    """Label an output made from the extraction by aligning it to the extraction."""
    paras = paragraphs(output)
    chars: list[str] = []
    para: list[int] = []
    for pi, p in enumerate(paras):
        c = squeeze(p)
        chars.append(c)
        para.extend([pi] * len(c))
    stream = "".join(chars)
    label = [NOISE] * len(stream)
    sm = difflib.SequenceMatcher(None, ext.stream, stream, autojunk=False)
    for a, b, n in sm.get_matching_blocks():
        for j in range(n):
            label[b + j] = ext.label[a + j]
    return Labelled(stream, para, label, paras)


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    body: int = 0
    exact: int = 0
    ceiling: int = 0
    exact_in_reach: int = 0  # exact among the paragraphs within the ceiling
    out_paragraphs: int = 0
    wrong_joins: int = 0
    furniture: int = 0
    furniture_left: int = 0
    heads: int = 0
    glued: int = 0
    gold_breaks: int = 0
    breaks_found: int = 0
    breaks_out: int = 0
    breaks_right: int = 0
    wrong_examples: list[str] = field(default_factory=list)
    missed_examples: list[str] = field(default_factory=list)
    # What the wrong joins hold ("body+body", "heading+body", "furniture+body", ...) and why a
    # body paragraph within the ceiling is not exact.
    join_kinds: Counter[str] = field(default_factory=Counter)
    miss_kinds: Counter[str] = field(default_factory=Counter)

    def add(self, other: Score) -> None:
        for k, v in other.__dict__.items():
            if isinstance(v, int):
                setattr(self, k, getattr(self, k) + v)
            elif isinstance(v, Counter):
                getattr(self, k).update(v)
            else:
                getattr(self, k).extend(v)


def units_of(lab: Labelled, gold: Gold) -> list[tuple[set[int], bool]]:
    """Per output paragraph: the gold units it holds (3+ characters, or the whole unit), furniture?"""
    counts: list[Counter[int]] = [Counter() for _ in lab.paragraphs]
    furn = [False] * len(lab.paragraphs)
    for p, g in zip(lab.para, lab.label, strict=True):
        if g >= 0:
            counts[p][gold.owner[g]] += 1
        elif g != NOISE:
            furn[p] = True
    out = []
    for c, f in zip(counts, furn, strict=True):
        held = {u for u, n in c.items() if n >= min(MIN_BLOCK, gold.ends[u] - gold.starts[u])}
        out.append((held, f))
    return out


def ceiling(ext: Labelled, gold: Gold, fuzzy: bool) -> list[bool]:
    """Per body unit: do its pieces come out whole, in order, with only furniture between them?"""
    positions: dict[int, list[int]] = {}
    for i, g in enumerate(ext.label):
        if g >= 0:
            positions.setdefault(gold.owner[g], []).append(i)
    out = []
    for u, unit in enumerate(gold.units):
        if unit["role"] != "body":
            continue
        pos = positions.get(u, [])
        size = gold.ends[u] - gold.starts[u]
        if not pos or len(pos) < (0.9 if fuzzy else 1.0) * size:
            out.append(False)
            continue
        gs = [ext.label[i] for i in pos]
        ordered = all(x < y for x, y in pairwise(gs))
        between = ext.label[pos[0] : pos[-1] + 1]
        clean = all((g < 0 and g != NOISE) or (g >= 0 and gold.owner[g] == u) for g in between)
        if fuzzy:  # OCR noise between the pieces is no fault of the order
            clean = all(g < 0 or gold.owner[g] == u for g in between)
        out.append(ordered and clean)
    return out


def score_output(
    lab: Labelled, gold: Gold, fuzzy: bool, reachable: Sequence[bool] | None = None
) -> Score:
    """The figures of one output; ``reachable``: the ceiling's verdict per body paragraph."""
    s = Score()
    held = units_of(lab, gold)
    outs = {normalise(p) for p in lab.paragraphs}
    bodies = [u for u in gold.units if u["role"] == "body"]
    for b, unit in enumerate(bodies):
        s.body += 1
        in_reach = reachable is not None and reachable[b]
        s.ceiling += in_reach
        if normalise(unit["text"]) in outs:
            s.exact += 1
            s.exact_in_reach += in_reach
        elif len(s.missed_examples) < 3:
            s.missed_examples.append(f"{gold.name}: {unit['text'][:40]}")
    for p, (units, furn) in zip(lab.paragraphs, held, strict=True):
        if not squeeze(p):
            continue
        s.out_paragraphs += 1
        if len(units) + (1 if furn else 0) >= 2:
            s.wrong_joins += 1
            s.join_kinds[_join_kind(units, furn, gold)] += 1
            if len(s.wrong_examples) < 3:
                s.wrong_examples.append(f"{gold.name}: {p[:80]!r}")
    body_index = [u for u, unit in enumerate(gold.units) if unit["role"] == "body"]
    for b, u in enumerate(body_index):
        if reachable is None or not reachable[b] or normalise(gold.units[u]["text"]) in outs:
            continue
        where = [i for i, (units, _) in enumerate(held) if u in units]
        if not where:
            s.miss_kinds["lost (deleted)"] += 1
        elif len(where) > 1:
            s.miss_kinds["left in pieces"] += 1
        elif len(held[where[0]][0]) > 1 or held[where[0]][1]:
            s.miss_kinds["glued to another unit or furniture"] += 1
        else:
            s.miss_kinds["alone, but a line break or stray text inside"] += 1
    for u, unit in enumerate(gold.units):
        if unit["role"] in ("headline", "subhead", "byline"):
            s.heads += 1
            if any(
                u in units and any(gold.units[v]["role"] == "body" for v in units)
                for units, _ in held
            ):
                s.glued += 1
    left = {-1 - g for g in lab.label if g < 0 and g != NOISE}
    s.furniture = len(gold.furniture)
    s.furniture_left = len(left)
    # Paragraph breaks, in gold positions: the end of one paragraph's text, the start of the next.
    spans: list[tuple[int, int]] = []
    for pi in range(len(lab.paragraphs)):
        gs = [g for p, g in zip(lab.para, lab.label, strict=True) if p == pi and g >= 0]
        if gs:
            spans.append((min(gs), max(gs) + 1))
    tol = 2 if fuzzy else 0
    gold_breaks = sorted(gold.boundaries())
    found: set[int] = set()
    s.gold_breaks = len(gold_breaks)
    for (_, end), (start, _) in pairwise(spans):
        s.breaks_out += 1
        if any(abs(b - end) <= tol or abs(b - start) <= tol for b in gold_breaks):
            s.breaks_right += 1
    # A gold break is found where any paragraph starts or ends at it (the first and last
    # paragraphs too: a headline put after the body is still set apart).
    for start, end in spans:
        found.update(b for b in gold_breaks if abs(b - end) <= tol or abs(b - start) <= tol)
    s.breaks_found = len(found)
    return s


def _join_kind(units: set[int], furn: bool, gold: Gold) -> str:
    roles = [gold.units[u]["role"] for u in units]
    parts = ["body+body"] if roles.count("body") >= 2 else ["body"] if "body" in roles else []
    if any(r != "body" for r in roles):
        parts.insert(0, "heading")
    if furn:
        parts.insert(0, "furniture")
    return "+".join(parts)


# --------------------------------------------------------------------------- systems


def run_corpusfix(src: Path, tmp: Path) -> tuple[str | None, str]:
    """``corpusfix fix SRC --accept ...`` in-process; the clean text, or None and the error."""
    from corpusfix.cli.main import main as cli

    out = tmp / (src.name + ".clean.txt")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli(["fix", str(src), "-o", str(out), "--accept", ACCEPT])
    if code != 0 or not out.exists():
        return None, err.getvalue().strip().splitlines()[-1:][
            0
        ] if err.getvalue() else f"exit {code}"
    return out.read_text("utf-8"), ""


def page_files(half: str) -> list[Path]:
    folder = pdf_pages.CACHE / half
    golds = sorted(folder.glob("p*.gold.json"))
    if not golds:
        sys.exit(
            f"no pages in {folder}: make them first with `python -m bench.pdf_pages --half {half}` "
            "(or set CORPUSFIX_PDFPAGES to their folder)"
        )
    return golds


def evaluate(
    half: str, source: str, limit: int | None, dump: Path | None
) -> dict[str, Score] | None:
    """Score the three systems on the pages of a half; None when --source pdf cannot be read."""
    golds = page_files(half)
    fuzzy = source == "tesseract"
    if fuzzy:  # OCR is slow: score the pages read so far
        golds = [g for g in golds if g.with_name(g.name.replace(".gold.json", ".ocr.txt")).exists()]
        if not golds:
            sys.exit(f"no OCR output yet: run `python -m bench.pdf_pages --half {half}`")
    golds = golds[:limit]
    totals = {name: Score() for name in SYSTEMS}
    ceil_ok = ceil_n = 0
    by_layout: dict[str, Counter[str]] = {}
    by_head: dict[int, Counter[str]] = {}
    with tempfile.TemporaryDirectory(prefix="corpusfix-pdfbench-") as tmpdir:
        tmp = Path(tmpdir)
        for gpath in golds:
            stem = gpath.with_name(gpath.name.removesuffix(".gold.json"))
            data = json.loads(gpath.read_text("utf-8"))
            gold = Gold.load(gpath)
            # --source pdf: raw, naive and the ceiling stay on pdftotext's text, side by side.
            ext_path = stem.with_suffix(".ocr.txt" if fuzzy else ".txt")
            if not ext_path.exists():
                sys.exit(
                    f"{ext_path} missing: run `python -m bench.pdf_pages --half {half}` (with OCR)"
                )
            extraction = ext_path.read_text("utf-8")
            ext = label_extraction(extraction, gold, data["furniture"], fuzzy)
            ok = ceiling(ext, gold, fuzzy)
            ceil_ok += sum(ok)
            ceil_n += len(ok)
            outputs: dict[str, str] = {"raw": extraction, "naive": naive(extraction)}
            src = stem.with_suffix(".pdf") if source == "pdf" else ext_path
            text, error = run_corpusfix(src, tmp)
            if text is None and source == "pdf" and gpath == golds[0]:
                print(f"skipped: corpusfix does not read PDF pages yet ({error})")
                return None
            if text is None:
                sys.exit(f"corpusfix could not read {src}: {error}")
            outputs["corpusfix"] = text
            only = " (report only)" if data["report_only_layout"] else ""
            lay = by_layout.setdefault(data["layout"] + only, Counter())
            head = by_head.setdefault(data["head_format"], Counter())
            for name, out in outputs.items():
                if name == "corpusfix" and source == "pdf":
                    lab = label_extraction(out, gold, data["furniture"], fuzzy)
                else:
                    lab = ext if name == "raw" else transfer(out, ext)
                sc = score_output(lab, gold, fuzzy, ok)
                totals[name].add(sc)
                if name == "corpusfix":
                    lay["body"] += sc.body
                    lay["exact"] += sc.exact
                    lay["ceiling"] += sc.ceiling
                    lay["pages"] += 1
                    head["furniture"] += sc.furniture
                    head["left"] += sc.furniture_left
                    head["pages"] += 1
            if dump:
                _dump(dump, stem.name, extraction, outputs, data)
    print(f"half: {half}; source: {source}; {len(golds)} pages; {ceil_n} body paragraphs")
    print(
        f"ceiling (pieces in order, only furniture between): {ceil_ok / max(1, ceil_n):.4f} ({ceil_ok}/{ceil_n})"
    )
    _table(totals, ceil_ok, fuzzy)
    print("corpusfix exact body paragraphs by layout (exact / ceiling / all body paragraphs):")
    for name, c in sorted(by_layout.items()):
        print(
            f"  {name:38s} {c['pages']:3d} pages  {c['exact']:4d} / {c['ceiling']:4d} / {c['body']:4d}"
        )
    print(
        "corpusfix furniture left by running-head format (left of all; formats 6, 7 report only):"
    )
    for fmt, c in sorted(by_head.items()):
        print(f"  format {fmt}: {c['pages']:3d} pages  {c['left']:4d} of {c['furniture']:4d}")
    return totals


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.4f} ({a}/{b})" if b else "-"


def _table(totals: dict[str, Score], ceil_ok: int, fuzzy: bool) -> None:
    rows: list[tuple[str, list[str]]] = [
        ("exact body paragraphs", [_ratio(t.exact, t.body) for t in totals.values()]),
        ("  of the ceiling", [_ratio(t.exact_in_reach, ceil_ok) for t in totals.values()]),
        ("wrong joins", [_ratio(t.wrong_joins, t.out_paragraphs) for t in totals.values()]),
        ("furniture left", [f"{t.furniture_left} of {t.furniture}" for t in totals.values()]),
        ("headlines/bylines glued", [f"{t.glued} of {t.heads}" for t in totals.values()]),
        ("breaks precision", [_ratio(t.breaks_right, t.breaks_out) for t in totals.values()]),
        ("breaks recall", [_ratio(t.breaks_found, t.gold_breaks) for t in totals.values()]),
        ("breaks F", [f"{_f(t):.4f}" for t in totals.values()]),
    ]
    width = max(len(r[1][i]) for r in rows for i in range(len(SYSTEMS))) + 2
    print(f"{'':26s}" + "".join(f"{n:>{width}s}" for n in totals))
    for label, cells in rows:
        print(f"{label:26s}" + "".join(f"{c:>{width}s}" for c in cells))
    cf = totals["corpusfix"]
    for name, t in totals.items():
        if name == "raw":
            continue
        joins = ", ".join(f"{k} {v}" for k, v in t.join_kinds.most_common())
        misses = ", ".join(f"{k} {v}" for k, v in t.miss_kinds.most_common())
        print(f"{name} wrong joins hold: {joins or '-'}")
        print(f"{name} misses within the ceiling: {misses or '-'}")
    if cf.wrong_examples:
        print("corpusfix wrong joins, first examples:")
        for e in cf.wrong_examples[:5]:
            print("  ", e)


def _f(t: Score) -> float:
    p = t.breaks_right / t.breaks_out if t.breaks_out else 0.0
    r = t.breaks_found / t.gold_breaks if t.gold_breaks else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _dump(
    folder: Path, name: str, extraction: str, outputs: dict[str, str], data: dict[str, Any]
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.extraction.txt").write_text(extraction, "utf-8")
    for sys_name, out in outputs.items():
        if sys_name != "raw":
            (folder / f"{name}.{sys_name}.txt").write_text(out, "utf-8")
    lines = [
        f"[{u['role']}{'/' + u['cut'] if u.get('cut') else ''}] {u['text']}" for u in data["units"]
    ]
    (folder / f"{name}.gold.txt").write_text("\n".join(lines) + "\n", "utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--half", choices=("tune", "report", "dev2"), default="report")
    ap.add_argument("--source", choices=("pdftotext", "tesseract", "pdf"), default="pdftotext")
    ap.add_argument("--pages", type=int, default=None, help="score only the first N pages")
    ap.add_argument(
        "--dump", type=Path, default=None, help="write extraction, outputs, gold per page"
    )
    args = ap.parse_args(argv)
    evaluate(args.half, args.source, args.pages, args.dump)


if __name__ == "__main__":
    main()
