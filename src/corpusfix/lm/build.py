"""Counting character n-grams and estimating interpolated modified Kneser-Ney probabilities.

Pure Python, memory bounded by ``memory_records`` and ``max_ngrams``, never by the input size:

1. Count: reversed N-character windows of each chunk of lines (padded with N-1 sentence starts,
   ended by a sentence end) go into a Counter; a full Counter is spilled as a sorted run.
2. Suffix pass: the merged runs arrive in suffix order, so every lower order's continuation count
   (how many distinct characters precede it, Kneser-Ney's count) is one streaming pass. Each
   order's n-grams go to an external sorter in ordinary (prefix) order, with their raw counts.
3. Estimate, order by order: in prefix order all followers of a context are adjacent, so its
   discount mass is one group. n-grams with raw count below the order's threshold are pruned and
   their mass given to the context's back-off, so every context still sums to 1. Raw counts and
   thresholds that never fall with the order keep the kept set closed under prefix and suffix.
"""

from __future__ import annotations

import hashlib
import math
import shutil
import tempfile
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from corpusfix import __version__
from corpusfix.core.errors import InputError, UsageError
from corpusfix.core.gc_pause import collector_paused
from corpusfix.lm.defaults import (
    DEFAULT_MAX_NGRAMS,
    DEFAULT_MEMORY_RECORDS,
    DEFAULT_ORDER,
    MAX_ORDER,
    MIN_ORDER,
)
from corpusfix.lm.fileformat import CHAR_BITS, FORMAT_VERSION, NEVER_LOG, Tables, encode, quantize
from corpusfix.lm.sorter import ExternalSorter, Record, SpillError, summed
from corpusfix.lm.text import BOS, EOS, normalize_line

_CHUNK_CHARS = 1 << 18
_BOS_CP = ord(BOS)
_EOS_CP = ord(EOS)

Log = Callable[[str], None]


def _no_log(_: str) -> None:
    pass


def discounts(coc: list[int]) -> tuple[float, float, float]:
    """Modified Kneser-Ney discounts for counts 1, 2, 3+ from the counts of counts n1..n4.

    Chen & Goodman's estimates; where the counts are too few for them to be valid (tiny
    corpora) the fixed 0.5, 1.0, 1.5 stand in (any 0 < D_c ≤ c keeps the model normalised).
    """
    n1, n2, n3, n4 = coc[1], coc[2], coc[3], coc[4]
    fallback = (0.5, 1.0, 1.5)
    if min(n1, n2, n3, n4) == 0:
        return fallback
    y = n1 / (n1 + 2 * n2)
    d = (1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3)
    if not all(0 < dc <= c for c, dc in enumerate(d, 1)):
        return fallback
    return d


def thresholds(
    hist: list[Counter[int]], order: int, max_ngrams: int, min_counts: list[int]
) -> list[int]:
    """Per-order minimum raw counts: the defaults, raised together for orders ≥ 2 until the
    kept n-grams fit in ``max_ngrams`` (unigrams are always all kept)."""
    largest = max((max(h) for h in hist[2:] if h), default=1)
    t = 1
    while True:
        ths = [0, 1] + [max(min_counts[k], t) for k in range(2, order + 1)]
        kept = sum(n for k in range(1, order + 1) for c, n in hist[k].items() if c >= ths[k])
        if kept + order - 1 <= max_ngrams or t > largest:
            return ths
        t += 1


class CharLMBuilder:
    """Feed text with ``add_text`` (and the inputs' sha256 with ``add_source``); ``build()``
    returns the model file's bytes. Use as a context manager: temporary files are removed."""

    def __init__(
        self,
        order: int = DEFAULT_ORDER,
        *,
        max_ngrams: int = DEFAULT_MAX_NGRAMS,
        memory_records: int = DEFAULT_MEMORY_RECORDS,
        min_counts: list[int] | None = None,
        tmpdir: str | None = None,
        log: Log = _no_log,
    ) -> None:
        if not MIN_ORDER <= order <= MAX_ORDER:
            raise UsageError(f"--order must be between {MIN_ORDER} and {MAX_ORDER}")
        self.order = order
        self.max_ngrams = max_ngrams
        self.memory_records = max(order + 1, memory_records)
        # singletons pruned from order 3 on (they are most of the high-order n-grams)
        self.min_counts = min_counts or [0, 1, 1] + [2] * (order - 2)
        mc = self.min_counts
        if len(mc) != order + 1 or mc[1] != 1 or mc[1:] != sorted(mc[1:]):
            # thresholds that fall with the order would break the closure the estimate needs
            raise ValueError("min_counts: [0, 1, ...] for orders 0..N, never decreasing")
        try:
            self._tmp = Path(tempfile.mkdtemp(prefix="corpusfix-lm.", dir=tmpdir))
        except OSError as exc:
            raise SpillError(f"cannot create a temporary folder ({exc})") from None
        self._log = log
        self._counter: Counter[str] = Counter()
        self._runs = ExternalSorter(self._tmp, self.memory_records, "count", combine=True)
        self._pending: list[str] = []
        self._pending_chars = 0
        self._sources: list[str] = []
        self.characters = 0
        self.lines = 0
        self.spills = 0
        self.header: dict[str, Any] = {}

    def __enter__(self) -> CharLMBuilder:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)

    # 1. counting ------------------------------------------------------------------------------

    def add_source(self, sha256: str) -> None:
        """Name one input (its bytes' sha256) for the header's training digest."""
        self._sources.append(sha256)

    def add_text(self, text: str) -> None:
        for raw in text.splitlines():
            line = normalize_line(raw)
            if line:
                self._pending.append(line)
                self._pending_chars += len(line)
                if self._pending_chars >= _CHUNK_CHARS:
                    self._count_pending()

    def add_lines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.add_text(line)

    def _count_pending(self) -> None:
        if not self._pending:
            return
        n = self.order
        pad = BOS * (n - 1)
        self.lines += len(self._pending)
        self.characters += self._pending_chars
        # Reversed, so that the sorted windows come out in suffix order (step 2).
        rev = "".join(pad + line + EOS for line in self._pending)[::-1]
        self._pending, self._pending_chars = [], 0
        windows = len(rev) - n + 1
        # a slice of windows at a time, so that one huge line cannot overfill the Counter
        for a in range(0, windows, _CHUNK_CHARS):
            b = min(a + _CHUNK_CHARS, windows)
            self._counter.update(map(rev.__getitem__, map(slice, range(a, b), range(a + n, b + n))))
            if len(self._counter) >= self.memory_records:
                self._spill_counter()

    def _spill_counter(self) -> None:
        # Millions of record tuples alive at once make each cyclic collection walk them all
        # (quadratic); the builder makes no reference cycles.
        with collector_paused():
            self._spill_counter_now()

    def _spill_counter_now(self) -> None:
        counter = self._counter
        # Windows that end on a sentence start straddle two lines: not n-grams of the text.
        run: list[Record] = [(k, counter[k], 0) for k in sorted(counter) if k[0] != BOS]
        self._counter = Counter()
        self._runs.add_run(run)
        self.spills += 1

    def _merged_counts(self) -> Iterator[tuple[str, int]]:
        if self._runs.spilled:
            if self._counter:
                self._spill_counter()
            stream: Iterator[Record] = self._runs.sorted_records()
        else:
            counter = self._counter
            stream = ((k, counter[k], 0) for k in sorted(counter) if k[0] != BOS)
        for key, total, _ in summed(stream):
            yield key, total
        self._counter = Counter()

    # 2. suffix pass ---------------------------------------------------------------------------

    def _suffix_pass(self) -> tuple[list[ExternalSorter], list[list[int]], list[Counter[int]]]:
        n = self.order
        per = max(1, self.memory_records // n)
        sorters = [ExternalSorter(self._tmp, per, f"order{k}") for k in range(n + 1)]
        bufs = [s.buffer for s in sorters]
        coc = [[0] * 5 for _ in range(n + 1)]  # counts of adjusted counts 1..4
        hist: list[Counter[int]] = [Counter() for _ in range(n + 1)]  # of raw counts
        top, top_buf, top_coc, top_hist = sorters[n], bufs[n], coc[n], hist[n]
        # Running sums instead of per-order accumulators: at a record whose common prefix with
        # the one before is ``same`` characters, the groups of orders > same close. An order-k
        # group's raw count is the total since it opened; its continuation count is 1 + the
        # records inside it that start a new (k+1)-suffix, i.e. whose common prefix is exactly k.
        total = 0
        cnt = [0] * (n + 1)
        open_total = [0] * n
        open_cnt = [0] * n
        prev = ""
        for r, c in self._merged_counts():
            top_buf.append((r[::-1], c, c))
            if len(top_buf) >= per:
                top.spill_if_full()
            if c <= 4:
                top_coc[c] += 1
            top_hist[c] += 1
            if prev:
                same = 0
                while prev[same] == r[same]:
                    same += 1
                for k in range(n - 1, same, -1):
                    raw = total - open_total[k]
                    gram = prev[:k][::-1]
                    adj = raw if gram[0] == BOS else 1 + cnt[k] - open_cnt[k]
                    buf = bufs[k]
                    buf.append((gram, adj, raw))
                    if len(buf) >= per:
                        sorters[k].spill_if_full()
                    if adj <= 4:
                        coc[k][adj] += 1
                    hist[k][raw] += 1
                    open_total[k], open_cnt[k] = total, cnt[k]
                cnt[same] += 1
            total += c
            prev = r
        if prev:
            for k in range(n - 1, 0, -1):
                raw = total - open_total[k]
                gram = prev[:k][::-1]
                adj = raw if gram[0] == BOS else 1 + cnt[k] - open_cnt[k]
                bufs[k].append((gram, adj, raw))
                if adj <= 4:
                    coc[k][adj] += 1
                hist[k][raw] += 1
        return sorters, coc, hist

    # 3. estimation ----------------------------------------------------------------------------

    def build(self) -> bytes:
        with collector_paused():
            return self._build()

    def _build(self) -> bytes:
        self._count_pending()
        if not self.characters:
            raise InputError("no text to train on")
        n = self.order
        self._log(f"counted {self.characters:,} characters in {self.lines:,} lines")
        sorters, coc, hist = self._suffix_pass()
        self._log("suffix pass done")
        ds = [(0.0, 0.0, 0.0)] + [discounts(coc[k]) for k in range(1, n + 1)]
        ths = thresholds(hist, n, self.max_ngrams, self.min_counts)
        keys: list[array[int]] = [array("Q") for _ in range(n + 1)]
        probs: list[array[float]] = [array("d") for _ in range(n + 1)]
        backs: list[array[float]] = [array("d") for _ in range(n + 1)]
        # suffix[k][row]: the row in order k-1 of that n-gram without its first character
        suffix: list[array[int]] = [array("Q") for _ in range(n + 1)]
        unk = self._unigrams(sorters[1].sorted_records(), ds[1], keys, probs, backs, suffix)
        for k in range(2, n + 1):
            records = sorters[k].sorted_records()
            self._order(k, records, ds[k], ths[k], ths[k - 1], keys, probs, backs, suffix)
            suffix[k - 1] = array("Q")
            sorters[k].discard()
            self._log(f"order {k}: {len(keys[k]):,} n-grams kept")
        tables = Tables(
            keys,
            [quantize(p) for p in probs],
            [quantize(b) if k < n else array("H") for k, b in enumerate(backs)],
        )
        digest = hashlib.sha256("\n".join(sorted(self._sources)).encode("ascii")).hexdigest()
        header: dict[str, Any] = {
            "format": "corpusfix-charlm",
            "format_version": FORMAT_VERSION,
            "corpusfix": __version__,
            "order": n,
            "smoothing": "interpolated modified Kneser-Ney",
            "vocab_size": len(keys[1]) - 1,  # characters and the sentence end, not BOS
            "unk_log10": round(unk, 6),
            "ngrams": [len(keys[k]) for k in range(1, n + 1)],
            "min_counts": ths[1:],
            "discounts": [[round(d, 6) for d in ds[k]] for k in range(1, n + 1)],
            "training_inputs": len(self._sources),
            "training_sha256": digest,
            "training_characters": self.characters,
            "training_lines": self.lines,
        }
        self.header = header
        return encode(header, tables)

    @staticmethod
    def _unigrams(
        records: Iterator[Record],
        d: tuple[float, float, float],
        keys: list[array[int]],
        probs: list[array[float]],
        backs: list[array[float]],
        suffix: list[array[int]],
    ) -> float:
        grams = list(records)
        total = sum(adj for _, adj, _ in grams)
        gamma = sum(d[min(adj, 3) - 1] for _, adj, _ in grams) / total
        uniform = gamma / (len(grams) + 1)  # + 1: the unknown character
        keys[1].append(_BOS_CP)  # a context only, never predicted
        probs[1].append(NEVER_LOG)
        for gram, adj, _ in grams:
            keys[1].append(ord(gram))
            probs[1].append(math.log10((adj - d[min(adj, 3) - 1]) / total + uniform))
        backs[1] = array("d", bytes(8 * len(keys[1])))
        suffix[1] = array("Q", bytes(8 * len(keys[1])))
        return math.log10(uniform)

    def _order(
        self,
        k: int,
        records: Iterator[Record],
        d: tuple[float, float, float],
        min_count: int,
        ctx_min: int,
        keys: list[array[int]],
        probs: list[array[float]],
        backs: list[array[float]],
        suffix: list[array[int]],
    ) -> None:
        top = k == self.order
        out_keys, out_probs, out_backs, out_suffix = keys[k], probs[k], backs[k], suffix[k]
        lower_keys, lower_probs = keys[k - 1], probs[k - 1]
        ctx_keys, ctx_backs, ctx_suffix = keys[k - 1], backs[k - 1], suffix[k - 1]
        if not top:  # the sentence start's own row: prefix BOS^(k-1) is row 0 of order k-1
            out_keys.append(_BOS_CP)
            out_probs.append(NEVER_LOG)
            out_backs.append(0.0)
            out_suffix.append(0)
        # The contexts that pass arrive in key order and are exactly the rows of order k-1 that
        # can be followed (all but those ending a sentence): a pointer walks them, no search.
        next_ctx = 0
        eos_mask = (1 << CHAR_BITS) - 1

        def flush(context: str, group: list[Record]) -> None:
            nonlocal next_ctx
            total = raw_sum = 0
            for _, adj, raw in group:
                total += adj
                raw_sum += raw
            # A context's raw count is its followers' sum; one below the threshold of its order
            # was pruned, and so were all its followers (the sentence start is always kept).
            if raw_sum < ctx_min and context[-1] != BOS:
                return
            ctx = next_ctx
            while ctx_keys[ctx] & eos_mask == _EOS_CP:
                ctx += 1
            next_ctx = ctx + 1
            mass = 0.0
            for _, adj, raw in group:
                mass += d[min(adj, 3) - 1] if raw >= min_count else adj  # pruned: all backs off
            gamma = mass / total
            ctx_backs[ctx] = math.log10(gamma)
            base = ctx << CHAR_BITS
            lower_ctx = ctx_suffix[ctx]  # row of context[1:] in order k-2
            lower_base = lower_ctx << CHAR_BITS
            lo = 0
            for gram, adj, raw in group:
                if raw < min_count:
                    continue
                cp = ord(gram[-1])
                lo = bisect_left(lower_keys, lower_base | cp, lo)
                if lower_keys[lo] != lower_base | cp:  # closure broken: never write a wrong model
                    raise RuntimeError(f"lm build: no lower-order n-gram for {gram!r}")
                p = (adj - d[min(adj, 3) - 1]) / total + gamma * 10.0 ** lower_probs[lo]
                out_keys.append(base | cp)
                out_probs.append(math.log10(p))
                if not top:
                    out_backs.append(0.0)
                    out_suffix.append(lo)

        context = ""
        group: list[Record] = []
        for rec in records:
            ctx = rec[0][:-1]
            if ctx != context:
                if group:
                    flush(context, group)
                context, group = ctx, []
            group.append(rec)
        if group:
            flush(context, group)


def build_model(
    texts: Iterable[str],
    order: int = DEFAULT_ORDER,
    *,
    sources: Iterable[str] = (),
    **options: Any,
) -> bytes:
    """The model file's bytes for ``texts`` (each a line or a whole document)."""
    with CharLMBuilder(order, **options) as builder:
        for sha in sources:
            builder.add_source(sha)
        for text in texts:
            builder.add_text(text)
        return builder.build()
