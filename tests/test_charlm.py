"""The character model: counts and probabilities against a brute-force reference, the file,
the spilling path, and ``corpusfix lm build``."""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from corpusfix.core.errors import InputError
from corpusfix.lm import build as build_module
from corpusfix.lm.build import CharLMBuilder, build_model, discounts
from corpusfix.lm.model import CharLM
from corpusfix.lm.text import BOS, EOS

QUANT_TOL = 4e-4  # log10 values are stored in steps of 1/4096


def _corpus(seed: int = 7, lines: int = 400) -> list[str]:
    """Sentences from a small Markov chain: every order has counts of 1, 2, 3 and 4, so the
    discounts are Chen and Goodman's estimates, not the fallback."""
    rng = random.Random(seed)
    alphabet = "中国人民是的好学生我们爱很"
    follow = {c: rng.sample(alphabet, 4) for c in alphabet}
    out = []
    for _ in range(lines):
        ch = rng.choice(alphabet)
        line = [ch]
        for _ in range(rng.randrange(2, 12)):
            ch = rng.choice(follow[ch]) if rng.random() < 0.85 else rng.choice(alphabet)
            line.append(ch)
        out.append("".join(line))
    return out


class Reference:
    """Interpolated modified Kneser-Ney, written the slow, obvious way."""

    def __init__(self, lines: list[str], order: int, min_counts: list[int]) -> None:
        self.n = n = order
        self.t = [0, *min_counts]
        raw: list[Counter[str]] = [Counter() for _ in range(n + 1)]
        for line in lines:
            s = BOS * (n - 1) + line + EOS
            for end in range(n - 1, len(s)):
                for k in range(1, n + 1):
                    raw[k][s[end - k + 1 : end + 1]] += 1
        adj: list[Counter[str]] = [Counter() for _ in range(n + 1)]
        adj[n] = Counter(raw[n])
        for k in range(1, n):
            left: defaultdict[str, set[str]] = defaultdict(set)
            for g in raw[k + 1]:
                left[g[1:]].add(g[0])
            for g, c in raw[k].items():
                adj[k][g] = c if g[0] == BOS else len(left[g])
        self.raw, self.adj = raw, adj
        self.d = [(0.0, 0.0, 0.0)]
        for k in range(1, n + 1):
            values = Counter(adj[k].values())
            self.d.append(discounts([0, values[1], values[2], values[3], values[4]]))

    def disc(self, k: int, c: int) -> float:
        return self.d[k][min(c, 3) - 1]

    def kept(self, gram: str) -> bool:
        k = len(gram)
        return set(gram) == {BOS} or self.raw[k][gram] >= self.t[k]

    def prob(self, h: str, w: str) -> float:
        k = len(h) + 1
        if k == 1:
            uni = self.adj[1]
            total = sum(uni.values())
            gamma = sum(self.disc(1, c) for c in uni.values()) / total
            base = gamma / (len(uni) + 1)
            return base + ((uni[w] - self.disc(1, uni[w])) / total if w in uni else 0.0)
        if not self.kept(h):
            return self.prob(h[1:], w)
        followers = {g: c for g, c in self.adj[k].items() if g[:-1] == h}
        total = sum(followers.values())
        mass = sum(
            self.disc(k, c) if self.kept(g) else c for g, c in followers.items()
        )  # pruned n-grams give all their count to the back-off
        p = mass / total * self.prob(h[1:], w)
        if h + w in followers and self.kept(h + w):
            c = followers[h + w]
            p += (c - self.disc(k, c)) / total
        return p


def _logprob(lm: CharLM, context: str, char: str, bos: bool) -> float:
    if char == EOS:
        return lm.score(context, bos=bos, eos=True)[-1]
    return lm.logprob(context, char, bos=bos)


def _contexts(lines: list[str], order: int) -> list[tuple[str, bool]]:
    out: set[tuple[str, bool]] = {("", False), ("", True)}
    for line in lines[:60]:
        for i in range(len(line)):
            for k in range(1, order):
                out.add((line[max(0, i - k) : i], i - k < 0))
    out.add(("爱爱爱爱", False))  # seen characters, an unseen context
    out.add(("xyz", False))  # unseen characters
    return sorted(out)


@pytest.mark.parametrize(("order", "memory"), [(3, 10**6), (4, 50)])
def test_probabilities_equal_a_brute_force_reference(order: int, memory: int) -> None:
    lines = _corpus()
    lm = CharLM.from_bytes(build_model(lines, order, memory_records=memory))
    ref = Reference(lines, order, lm.header["min_counts"])
    assert lm.header["min_counts"] == [1, 1] + [2] * (order - 2)  # singletons pruned from 3 on
    assert lm.header["discounts"] == [[round(d, 6) for d in ds] for ds in ref.d[1:]]
    # Chen and Goodman's estimates, not the fallback (unigrams: 13 characters, too few counts)
    assert all(ds != [0.5, 1.0, 1.5] for ds in lm.header["discounts"][1:])
    kept = [sum(1 for g in ref.raw[k] if ref.kept(g)) for k in range(1, order + 1)]
    bos_rows = [1] * (order - 1) + [0]  # the sentence start's own row in orders below N
    assert lm.header["ngrams"] == [a + b for a, b in zip(kept, bos_rows, strict=True)]
    chars = [*sorted(lm.vocab), EOS, "Ω"]
    worst = 0.0
    for context, bos in _contexts(lines, order):
        h = (BOS * (order - 1) + context if bos else context)[-(order - 1) :]
        for ch in chars:
            expected = ref.prob(h, ch)
            got = 10 ** _logprob(lm, context, ch, bos)
            worst = max(worst, abs(got / expected - 1))
    assert worst < 2 * QUANT_TOL * 2.31  # log10 error → relative error


def test_every_context_sums_to_one() -> None:
    lines = _corpus(seed=3)
    for order in (2, 5):
        lm = CharLM.from_bytes(build_model(lines, order))
        chars = [*sorted(lm.vocab), EOS]
        for context, bos in _contexts(lines, order):
            total = sum(10 ** _logprob(lm, context, ch, bos) for ch in chars)
            total += 10 ** lm.logprob(context, "Ω", bos=bos)  # the unknown character
            assert abs(total - 1) < 2e-3, (context, bos, total)


def test_pruning_to_a_size_keeps_the_model_normalised() -> None:
    lines = _corpus(seed=5, lines=800)
    full = CharLM.from_bytes(build_model(lines, 4))
    cap = sum(full.header["ngrams"]) // 2
    small = CharLM.from_bytes(build_model(lines, 4, max_ngrams=cap))
    assert sum(small.header["ngrams"]) <= cap < sum(full.header["ngrams"])
    assert small.header["min_counts"][3] > full.header["min_counts"][3]
    chars = [*sorted(small.vocab), EOS]
    for context, bos in _contexts(lines, 4)[:80]:
        total = sum(10 ** _logprob(small, context, ch, bos) for ch in chars)
        total += 10 ** small.logprob(context, "Ω", bos=bos)
        assert abs(total - 1) < 2e-3


def test_spilling_gives_the_same_model_as_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "_CHUNK_CHARS", 200)  # many chunks, many spills
    lines = _corpus(seed=11)
    with CharLMBuilder(5, memory_records=30) as tiny:
        tiny.add_lines(lines)
        spilled = tiny.build()
        assert tiny.spills > 5
    with CharLMBuilder(5) as roomy:
        roomy.add_lines(lines)
        in_memory = roomy.build()
        assert roomy.spills == 0
    assert spilled == in_memory


def test_line_order_does_not_change_the_model() -> None:
    lines = _corpus(seed=2)
    shuffled = list(lines)
    random.Random(1).shuffle(shuffled)
    assert build_model(lines, 4) == build_model(shuffled, 4)


def test_save_load_round_trip(tmp_path: Path) -> None:
    data = build_model(["今天天气很好", "今天我们去学校", "天气很好的时候"], 3, sources=["ab" * 32])
    path = tmp_path / "m.charlm"
    path.write_bytes(data)
    lm = CharLM.load(path)
    again = CharLM.from_bytes(data)
    text = "今天天气很好，我们去"
    assert lm.score(text) == again.score(text)
    assert len(lm.score(text)) == len(text)
    assert len(lm.score(text, eos=True)) == len(text) + 1
    assert lm.header["order"] == 3 and lm.header["training_inputs"] == 1
    assert lm.header["vocab_size"] == len(set("今天天气很好我们去学校的时候")) + 1  # + EOS
    assert lm.score("今天", bos=True)[0] > lm.score("天今", bos=True)[0]
    # unseen characters get the unknown's probability, the lowest there is
    assert lm.score("龘")[0] == lm.header["unk_log10"] < min(lm.score("今天天气"))
    path.write_bytes(data[:-16])
    with pytest.raises(InputError, match="truncated"):
        CharLM.load(path)
    path.write_bytes(b"not a model at all")
    with pytest.raises(InputError, match="not a corpusfix character model"):
        CharLM.load(path)


def test_the_model_prefers_the_right_character() -> None:
    lines = ["我们今天去学校上课", "他们明天去学校上课", "学校上课的时间到了"] * 5
    lm = CharLM.from_bytes(build_model(lines, 4))
    right, wrong = sum(lm.score("去学校上课")), sum(lm.score("去学校土课"))
    assert right > wrong + 1


# --- the command line -------------------------------------------------------------------------

CLI = Callable[..., "object"]


def _archive(root: Path) -> dict[str, str]:
    texts = {
        "utf8.txt": "今天天气很好，我们去公园散步。\n公园里的花都开了。\n",
        "gbk.txt": "新华社北京电，国务院召开常务会议。\n会议研究部署经济工作。\n",
        "big5.txt": "臺灣的天氣很好，我們去公園散步。\n",
        "sub/utf16.txt": "子目录里的文章也要读到。\n",
        "news.jsonl": "",
    }
    encodings = {"gbk.txt": "gb18030", "big5.txt": "big5", "sub/utf16.txt": "utf-16"}
    for rel, text in texts.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".jsonl"):
            rows = [
                {"id": 1, "text": "记者从会上获悉消息。"},
                {"id": 2, "text": "消息称会议圆满结束。"},
            ]
            p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
            continue
        p.write_bytes(text.encode(encodings.get(rel, "utf-8")))
    (root / "notes.md").write_text("这个文件不在默认的输入里。", "utf-8")
    return texts


def test_cli_builds_from_a_folder_of_mixed_encodings(tmp_path: Path, cli: CLI) -> None:
    src = tmp_path / "archive"
    _archive(src)
    model = tmp_path / "archive.charlm"
    r = cli("lm", "build", src, "-o", model, "--order", "4")
    assert r.code == 0, r.err
    assert "0 failed" in r.err and "lm build:" in r.err
    lm = CharLM.load(model)
    assert lm.header["order"] == 4 and lm.header["training_inputs"] == 5
    vocab = lm.vocab
    for ch in "园务臺录获":  # one from each file: each was decoded right
        assert ch in vocab
    assert "这" not in vocab  # notes.md is not included by default
    assert "{" not in vocab and "id" not in "".join(vocab)  # JSON Lines: the text field only
    # the same inputs give the same bytes, whatever the order they are named in
    files = sorted(str(p) for p in src.rglob("*") if p.suffix in (".txt", ".jsonl"))
    again = tmp_path / "again.charlm"
    assert cli("lm", "build", *reversed(files), "-o", again, "--order", "4").code == 0
    assert again.read_bytes() == model.read_bytes()


def test_cli_refuses_an_output_that_is_an_input(tmp_path: Path, cli: CLI) -> None:
    src = tmp_path / "a.txt"
    src.write_text("今天天气很好。\n", "utf-8")
    before = src.read_bytes()
    r = cli("lm", "build", src, "-o", src)
    assert r.code == 2 and "never modifies its input" in r.err and r.err[-1] == "\n"
    assert r.err.count("\n") == 1
    folder = tmp_path / "f"
    folder.mkdir()
    inside = folder / "b.txt"
    inside.write_text("明天也很好。\n", "utf-8")
    r = cli("lm", "build", folder, "-o", inside)
    assert r.code == 2 and "never modifies its input" in r.err
    assert src.read_bytes() == before and inside.read_text("utf-8") == "明天也很好。\n"


def test_cli_refuses_an_output_that_is_an_input_through_a_link(tmp_path: Path, cli: CLI) -> None:
    src = tmp_path / "a.txt"
    src.write_text("今天天气很好。\n", "utf-8")
    before = src.read_bytes()
    (tmp_path / "hard.txt").hardlink_to(src)
    (tmp_path / "sub").mkdir()
    for out in (tmp_path / "hard.txt", tmp_path / "sub" / ".." / "a.txt"):
        r = cli("lm", "build", src, "-o", out)
        assert r.code == 2 and "never modifies its input" in r.err, (out, r.err)
    assert src.read_bytes() == before


def test_cli_reports_and_skips_a_file_that_fails(tmp_path: Path, cli: CLI) -> None:
    src = tmp_path / "archive"
    src.mkdir()
    (src / "good.txt").write_text("今天天气很好，我们去公园散步。\n", "utf-8")
    (src / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (src / "empty.txt").write_bytes(b"")
    (src / "broken.jsonl").write_text("{not json\n", "utf-8")
    model = tmp_path / "m.charlm"
    r = cli("lm", "build", src, "-o", model)
    assert r.code == 1
    errors = [line for line in r.err.splitlines() if line.startswith("corpusfix:")]
    assert len(errors) == 3
    assert any("bad.txt" in e and "binary" in e for e in errors)
    assert any("empty.txt" in e for e in errors) and any("broken.jsonl" in e for e in errors)
    assert CharLM.load(model).header["training_inputs"] == 1
    (src / "good.txt").unlink()
    r = cli("lm", "build", src, "-o", tmp_path / "none.charlm")
    assert r.code == 2 and "no input could be read" in r.err
    assert not (tmp_path / "none.charlm").exists()


def test_cli_usage_errors(tmp_path: Path, cli: CLI) -> None:
    assert cli("lm", "build", tmp_path / "missing", "-o", tmp_path / "m").code == 2
    assert cli("lm", "build", tmp_path, "-o", tmp_path / "m", "--order", "12").code == 2
    assert cli("lm").code == 2
    (tmp_path / "a.txt").write_text("今天天气很好。", "utf-8")
    r = cli("lm", "build", tmp_path, "-o", tmp_path / "m", "--encoding", "klingon")
    assert r.code == 2 and r.err.count("\n") == 1 and "unknown encoding" in r.err
    (tmp_path / "a.txt").unlink()
    r = cli("lm", "build", tmp_path, "-o", tmp_path / "m")  # an empty folder
    assert r.code == 2 and "no input files" in r.err


def test_interrupted_build_leaves_no_model_and_no_temporary_files(
    tmp_path: Path, cli: CLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "a.txt"
    src.write_text("今天天气很好。\n" * 50, "utf-8")
    model = tmp_path / "m.charlm"
    spill = tmp_path / "spill"
    spill.mkdir()

    def interrupted(self: CharLMBuilder) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(CharLMBuilder, "_build", interrupted)
    r = cli("lm", "build", src, "-o", model, "--tmpdir", spill)
    assert r.code == 130
    assert not model.exists() and list(spill.iterdir()) == []
    assert list(tmp_path.glob(".m.charlm*")) == []


def test_a_damaged_header_is_one_line_error(tmp_path: Path) -> None:
    data = build_model(["今天天气很好"], 3)
    path = tmp_path / "m.charlm"
    path.write_bytes(data[:40])
    with pytest.raises(InputError, match="damaged character model"):
        CharLM.load(path)


@pytest.mark.parametrize("combine", [False, True])
def test_external_sorter_merges_levels_of_runs(tmp_path: Path, combine: bool) -> None:
    from corpusfix.lm.sorter import FAN_IN, ExternalSorter

    rng = random.Random(4)
    records = [
        ("".join(rng.choices("甲乙丙丁\udc80", k=3)), rng.randrange(1, 9), 0) for _ in range(3000)
    ]
    sorter = ExternalSorter(tmp_path, 7, "t", combine=combine)
    for rec in records:
        sorter.add(rec)
    assert len(sorter._levels) >= 3  # runs merged twice over: 3000 / 7 > FAN_IN**2
    assert sum(len(level) for level in sorter._levels) < 3 * FAN_IN
    got = list(sorter.sorted_records())
    if combine:
        totals: Counter[str] = Counter()
        for k, c, _ in records:
            totals[k] += c
        merged: Counter[str] = Counter()
        for k, c, _ in got:
            merged[k] += c
        assert merged == totals and [k for k, _, _ in got] == sorted(k for k, _, _ in got)
    else:
        assert sorted(got) == sorted(records)  # every record, none summed
        assert [r[0] for r in got] == sorted(r[0] for r in records)
    sorter.discard()
    assert list(tmp_path.iterdir()) == []


def test_one_huge_line_is_counted_in_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "_CHUNK_CHARS", 64)
    line = "".join(_corpus(seed=9))  # one line of ~2,700 characters
    with CharLMBuilder(4, memory_records=40) as small:
        small.add_text(line)
        sliced = small.build()
        assert small.spills > 10
    monkeypatch.setattr(build_module, "_CHUNK_CHARS", 1 << 18)
    assert sliced == build_model([line], 4)
