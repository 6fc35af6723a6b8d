"""Change logs under hostile text and hostile edits (issue 18, points 5, 6, 13; suites c and d).

(c) any text (every Unicode line break and control character, Han text, several encodings and
newline styles) gives a log that parses, verifies and replays byte for byte; (d) any edit of a
valid log is either refused by `apply` and `verify` alike, with the same reason, or harmless.
"""

from __future__ import annotations

import io
import json
import tempfile
import threading
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from corpusfix.api import DEFAULT_MIN_CONFIDENCE, Settings, document_from, start_session
from corpusfix.cli.main import main
from corpusfix.core.changelog import parse_changelog, replay
from corpusfix.core.errors import InputError
from corpusfix.core.loading import decode, sha256_hex
from corpusfix.core.suggestion import KINDS
from corpusfix.core.verify import verify_file
from corpusfix.export.writer import render
from corpusfix.qa.review import open_review
from tests.conftest import SAMPLE

# What str.splitlines() splits on beyond \n and \r: each used to cut a log record in two.
SPLITLINES_BREAKS = ("\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def run(*args: object) -> tuple[int, str, str]:
    """The command line, in process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def apply_reason(err: str) -> str:
    assert err.startswith("corpusfix: error: ") and err.count("\n") == 1, err
    return err.removeprefix("corpusfix: error: ").strip()


def assert_same_refusal(original: Path, clean: Path, log: Path, out: Path) -> str:
    """`apply` exits 2 and `verify` exits 1, both with one and the same one-line reason."""
    code, _, err = run("apply", original, log, "-o", out)
    assert code == 2, err
    assert "internal error" not in err
    reason = apply_reason(err)
    vcode, vout, _ = run("verify", original, clean, log)
    assert vcode == 1
    assert f"FAIL {reason}" in vout.splitlines(), (reason, vout)
    assert not out.exists()
    return reason


# ----- point 5: line breaks that str.splitlines() knows and JSON Lines does not -----

TEXT = "春季新区建设提速\n\n今年以来,新区围绕产业强区的思路{ch}一手抓项目建设;一手抓民生改善。\n"


def test_line_break_characters_keep_the_log_readable(tmp_path: Path) -> None:
    for n, ch in enumerate(SPLITLINES_BREAKS):
        src = tmp_path / f"in{n}.txt"
        src.write_text(TEXT.format(ch=ch), "utf-8")
        out = tmp_path / f"out{n}.txt"
        log = tmp_path / f"out{n}.txt.changelog.jsonl"
        assert run("fix", src, "-o", out, "--accept", "all")[0] == 0
        # one record per line for every reader, splitlines() included
        assert (
            len(log.read_text("utf-8").splitlines())
            == 1 + json.loads(log.open().readline())["records"]
        )
        code, _, err = run("apply", src, log, "-o", tmp_path / f"again{n}.txt")
        assert code == 0, (repr(ch), err)
        assert (tmp_path / f"again{n}.txt").read_bytes() == out.read_bytes()
        assert run("verify", src, out, log)[0] == 0, repr(ch)
        assert run("review", out, "--diff", tmp_path / f"r{n}.diff")[0] == 0, repr(ch)


def test_line_break_characters_in_a_batch_and_json_lines(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for n, ch in enumerate(SPLITLINES_BREAKS):
        (src / f"t{n}.txt").write_text(TEXT.format(ch=ch), "utf-8")
    (src / "c.jsonl").write_text(
        "".join(
            json.dumps({"text": TEXT.format(ch=ch)}, ensure_ascii=False) + "\n"
            for ch in SPLITLINES_BREAKS
        ),
        "utf-8",
    )
    out = tmp_path / "out"
    r = run("batch", src, "-o", out, "--accept", "all", "--jsonl-field", "text", "--jobs", "1")
    assert r[0] == 0, r[2]
    code, vout, _ = run("verify", out)
    assert code == 0, vout
    review = open_review(out)
    assert len(review.files) == len(SPLITLINES_BREAKS) + 1


def test_parser_splits_on_newline_only() -> None:
    log = _hand_log("甲\u2028乙\x85丙", [_rec("s1", 1, 2, "\u2028", "", decision="accepted")])
    raw = log.replace(b"\\u2028", "\u2028".encode())  # as main wrote it: the character raw
    parsed = parse_changelog(raw)
    assert parsed.records[0].before == "\u2028"


# ----- point 6: apply accepts nothing that verify rejects -----


def _rec(
    sid: str, start: int, end: int, before: str, after: str | None, **kw: Any
) -> dict[str, Any]:
    rec = {"id": sid, "kind": "typo", "detector": "t", "start": start, "end": end,
           "before": before, "after": after, "decision": "accepted", "confidence": 0.9}  # fmt: skip
    rec.update(kw)
    return rec


def _hand_log(text: str, records: list[dict[str, Any]], **header: Any) -> bytes:
    """A log as the writer makes it, for a UTF-8 original ``text``; clean_sha256 is correct."""
    clean = text
    for r in sorted(records, key=lambda r: (r["start"], r["end"]), reverse=True):
        if r["decision"] in ("accepted", "edited"):
            clean = clean[: r["start"]] + (r["after"] or "") + clean[r["end"] :]
    head = {"corpusfix": "0.1.0", "original": "o.txt",
            "original_sha256": sha256_hex(text.encode()), "encoding": "utf-8",
            "out_encoding": "utf-8", "newline": "lf", "bom": False,
            "clean_sha256": sha256_hex(clean.encode()), "records": len(records)}  # fmt: skip
    head.update(header)
    lines = [json.dumps(x, ensure_ascii=False) for x in (head, *records)]
    return ("\n".join(lines) + "\n").encode()


def _files(tmp_path: Path, text: str, log: bytes) -> tuple[Path, Path, Path]:
    original, clean, log_path = tmp_path / "o.txt", tmp_path / "c.txt", tmp_path / "c.log"
    original.write_bytes(text.encode())
    log_path.write_bytes(log)
    clean.write_bytes(replay(text.encode(), parse_changelog(log)))
    return original, clean, log_path


def _edit_records(log_path: Path, edit: Any) -> None:
    lines = log_path.read_text("utf-8").splitlines()
    objs = [json.loads(x) for x in lines]
    objs = edit(objs)
    log_path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), "utf-8")


def test_apply_checks_the_record_count_and_clean_sha256(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    assert run("fix", SAMPLE, "-o", out, "--accept", "all")[0] == 0
    log = tmp_path / "out.txt.changelog.jsonl"
    lines = log.read_bytes().splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(b"".join(lines[:-1]))  # head -n -1 LOG
    reason = assert_same_refusal(SAMPLE, out, cut, tmp_path / "a.txt")
    assert "record was dropped" in reason
    # the count made to agree again: the replay no longer gives the recorded clean text
    head = json.loads(lines[0])
    head["records"] -= 1
    cut.write_bytes(json.dumps(head, ensure_ascii=False).encode() + b"\n" + b"".join(lines[1:-1]))
    reason = assert_same_refusal(SAMPLE, out, cut, tmp_path / "a.txt")
    assert "does not give the clean text" in reason


def test_duplicated_zero_width_record_is_refused(tmp_path: Path) -> None:
    text = "甲乙丙丁\n"
    records = [_rec("s1", 2, 2, "", "X")]
    original, clean, log = _files(tmp_path, text, _hand_log(text, records))
    _edit_records(log, lambda o: [{**o[0], "records": 2}, o[1], o[1]])
    assert "duplicate id" in assert_same_refusal(original, clean, log, tmp_path / "a.txt")
    # two inserts at one point clash even with different ids (as in the review session)
    _edit_records(log, lambda o: [o[0], o[1], {**o[2], "id": "s2"}])
    assert "overlaps" in assert_same_refusal(original, clean, log, tmp_path / "a.txt")


def test_decision_and_after_are_checked(tmp_path: Path) -> None:
    text = "甲乙丙丁\n"
    records = [_rec("s1", 1, 2, "乙", "X"), _rec("s2", 2, 3, "丙", "Y")]
    original, clean, log = _files(tmp_path, text, _hand_log(text, records))
    good = log.read_bytes()
    for field, value, words in (
        ("decision", "ACCEPTED", "decision 'ACCEPTED'"),
        ("after", None, "'after' is null"),
        ("after", 123, "'after' is not a string"),
        ("review", "reverted", "'review' is not an object"),
        ("review", {"verdict": "nope"}, "review verdict"),
        ("start", "1", "'start' is not an integer"),
        ("start", 3, "start 3 is after end 2"),
    ):
        log.write_bytes(good)
        _edit_records(log, lambda o, f=field, v=value: [o[0], {**o[1], f: v}, o[2]])
        reason = assert_same_refusal(original, clean, log, tmp_path / "a.txt")
        assert words in reason and "line 2" in reason, reason


def test_header_encodings_that_cannot_replay_are_refused(tmp_path: Path) -> None:
    text = "甲乙丙丁\n"
    original, clean, log = _files(tmp_path, text, _hand_log(text, [_rec("s1", 1, 2, "乙", "X")]))
    good = log.read_bytes()
    for key in ("encoding", "out_encoding"):
        for codec in ("rot13", "idna", "punycode", "undefined", "no-such-codec"):
            log.write_bytes(good)
            _edit_records(log, lambda o, k=key, c=codec: [{**o[0], k: c}, *o[1:]])
            assert_same_refusal(original, clean, log, tmp_path / "a.txt")


def _jsonl_batch(tmp_path: Path) -> tuple[Path, Path, Path]:
    src = tmp_path / "src"
    src.mkdir()
    articles = ["今年以来,新区一手抓项目建设。", "没有问题的一篇文章", "记者走访了多个项目现场;"]
    (src / "c.jsonl").write_text(
        "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in articles), "utf-8"
    )
    out = tmp_path / "out"
    assert run("batch", src, "-o", out, "--accept", "all", "--jsonl-field", "text")[0] == 0
    return src / "c.jsonl", out / "c.jsonl", out / "c.jsonl.changelog.jsonl"


def test_json_lines_offsets_are_checked(tmp_path: Path) -> None:
    original, clean, log = _jsonl_batch(tmp_path)
    good = log.read_bytes()

    def insert(objs: list[dict[str, Any]], rec: dict[str, Any]) -> list[dict[str, Any]]:
        head = {**objs[0], "records": objs[0]["records"] + 1}
        return [head, *objs[1:], rec]

    for rec, words in (
        (_rec("x1", 5, 3, "", "", article=2, decision="rejected"), "start 5 is after end 3"),
        (_rec("x2", 90, 90, "", "Z", article=2), "outside the original text"),
    ):
        log.write_bytes(good)
        _edit_records(log, lambda o, r=rec: insert(o, r))
        assert words in assert_same_refusal(original, clean, log, tmp_path / "a.txt")


# ----- point 13: one-line errors, and verify OUTDIR goes on after a bad log -----


def test_verify_outdir_reports_a_bad_log_and_checks_the_others(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / f"{name}.txt").write_text(TEXT.format(ch=name), "utf-8")
    out = tmp_path / "out"
    assert run("batch", src, "-o", out, "--accept", "all", "--jobs", "1")[0] == 0
    _edit_records(out / "a.txt.changelog.jsonl", lambda o: [o[0], {**o[1], "after": 123}, *o[2:]])
    _edit_records(
        out / "b.txt.changelog.jsonl", lambda o: [o[0], {**o[1], "review": "reverted"}, *o[2:]]
    )
    (out / "c.txt").write_bytes((out / "c.txt").read_bytes() + b"x")
    code, vout, verr = run("verify", out)
    assert code == 1 and "internal error" not in vout + verr
    fails = [ln for ln in vout.splitlines() if ln.startswith("FAIL ")]
    assert any("a.txt.changelog.jsonl" in f and "'after'" in f for f in fails), fails
    assert any("b.txt.changelog.jsonl" in f and "'review'" in f for f in fails), fails
    assert any(f"{out / 'c.txt'}: " in f for f in fails), fails
    for name in ("a", "b"):
        code, _, err = run("apply", src / f"{name}.txt", out / f"{name}.txt.changelog.jsonl",
                           "-o", tmp_path / f"{name}.again")  # fmt: skip
        assert code == 2 and "internal error" not in err and err.count("\n") == 1


# ----- (c) the replay property over hostile text -----

HAN = "今天气很好我们去公园散步新区建设提速年以来围绕产业强的思路一手抓项目民生改善"
BREAKS = ["\r", "\n", "\r\n", *SPLITLINES_BREAKS, "\x00"]
CONTROLS = [chr(c) for c in (*range(1, 9), 0x0E, 0x1F, 0x7F, *range(0x80, 0xA0))]
DAMAGE = [",", ";", "?", " ", "\u200b", "\u3000", "（", "）", "“", "”", "\n\n", "‘"]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "big5"]

pieces = st.one_of(
    st.text(alphabet=HAN, min_size=1, max_size=12),
    st.sampled_from(BREAKS),
    st.sampled_from(CONTROLS),
    st.sampled_from(DAMAGE),
    st.just("NL"),
)


@st.composite
def hostile_inputs(draw: st.DrawFn) -> tuple[bytes, str]:
    parts = draw(st.lists(pieces, min_size=1, max_size=40))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = "".join(newline if p == "NL" else p for p in parts)
    encoding = draw(st.sampled_from(ENCODINGS))
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:  # big5 has no form for some characters
        raw = text.encode("utf-8")
        encoding = "utf-8"
    assume(text.strip())
    return raw, encoding


def _load(raw: bytes, encoding: str) -> Any:
    try:
        return decode(raw, None, name="x.txt")
    except InputError:  # binary-looking (NUL, controls): the user names the encoding
        forced = {"utf-8-sig": "utf-8"}.get(encoding, encoding)
        return decode(raw, forced, name="x.txt")


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(hostile_inputs())
def test_any_text_replays_byte_for_byte(case: tuple[bytes, str]) -> None:
    raw, encoding = case
    try:
        loaded = _load(raw, encoding)
    except InputError:
        assume(False)  # refused as input: nothing is written, nothing to replay
    session = start_session(document_from(loaded, name="x.txt"), Settings())
    session.accept_all(list(KINDS), min_confidence=DEFAULT_MIN_CONFIDENCE)
    result = render(session, original_name="x.txt")
    data = result.log.to_bytes()
    # one record per line for any reader, and the log reads back to the same bytes
    assert len(data.decode("utf-8").splitlines()) == 1 + len(result.log.records)
    log = parse_changelog(data)
    assert log.to_bytes() == data
    assert replay(raw, log) == result.clean
    with tempfile.TemporaryDirectory() as tmp:
        original, clean, log_path = Path(tmp, "x.txt"), Path(tmp, "c.txt"), Path(tmp, "c.log")
        original.write_bytes(raw)
        clean.write_bytes(result.clean)
        log_path.write_bytes(data)
        assert verify_file(original, clean, log_path) == []
        again = Path(tmp, "again.txt")
        assert run("apply", original, log_path, "-o", again)[0] == 0
        assert again.read_bytes() == result.clean


# ----- (d) random edits of a valid log -----

VALUES = [None, 123, -1, 10**9, True, "x", "", [], {}, 0.5, "ACCEPTED", "reverted", "idna", "rot13",
          {"verdict": "reverted"}, {"verdict": "approved", "by": "qa", "at": "t"}]  # fmt: skip
FIELDS = ["id", "kind", "detector", "start", "end", "line", "before", "after", "decision",
          "confidence", "message", "evidence", "by", "at", "review", "article"]  # fmt: skip
HEADER_FIELDS = ["corpusfix", "original_sha256", "encoding", "out_encoding", "newline", "bom",
                 "clean_sha256", "records", "original"]  # fmt: skip

edits = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("duplicate"), st.integers(0, 99)),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("swap"), st.integers(0, 99), st.integers(0, 99)),
    st.tuples(st.just("field"), st.integers(1, 99), st.sampled_from(FIELDS), st.sampled_from(VALUES)),
    st.tuples(st.just("drop-field"), st.integers(1, 99), st.sampled_from(FIELDS)),
    st.tuples(st.just("header"), st.sampled_from(HEADER_FIELDS), st.sampled_from(VALUES)),
    st.tuples(st.just("case"), st.integers(1, 99)),
    st.tuples(st.just("after-null"), st.integers(1, 99)),
    st.tuples(st.just("move"), st.integers(1, 99), st.integers(-3, 3), st.integers(-3, 3)),
    st.tuples(st.just("decision"), st.integers(1, 99), st.sampled_from(
        ["accepted", "rejected", "pending", "edited", "flagged"])),
)  # fmt: skip


def _apply_edit(data: bytes, edit: tuple[Any, ...]) -> bytes:
    op = edit[0]
    if op == "truncate":
        return data[: int(len(data) * edit[1])]
    try:
        lines = data.decode("utf-8").split("\n")[:-1]
        objs = [json.loads(x) for x in lines]
    except ValueError:  # already cut mid-line: later edits leave it as it is
        return data
    if not lines or not all(isinstance(o, dict) for o in objs):
        return data
    if op in ("delete", "duplicate"):
        k = edit[1] % len(lines)
        lines[k : k + 1] = [] if op == "delete" else [lines[k], lines[k]]
        return ("\n".join(lines) + "\n").encode()
    if op == "swap":
        a, b = edit[1] % len(lines), edit[2] % len(lines)
        lines[a], lines[b] = lines[b], lines[a]
        return ("\n".join(lines) + "\n").encode()
    if op == "header":
        objs[0][edit[1]] = edit[2]
    elif len(objs) > 1:
        rec = objs[1 + (edit[1] - 1) % (len(objs) - 1)]
        if op == "field":
            rec[edit[2]] = edit[3]
        elif op == "drop-field":
            rec.pop(edit[2], None)
        elif op == "case":
            rec["decision"] = str(rec.get("decision")).upper()
        elif op == "after-null":
            rec["after"] = None
        elif op == "move":
            for key, delta in (("start", edit[2]), ("end", edit[3])):
                if type(rec.get(key)) is int:
                    rec[key] += delta
        elif op == "decision":
            rec["decision"] = edit[2]
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs).encode()


_VALID: dict[str, tuple[Path, Path, bytes]] = {}


def _valid_log() -> tuple[Path, Path, bytes]:
    """A log of the sample article, with accepted, pending and flagged records (made once)."""
    if not _VALID:
        tmp = Path(tempfile.mkdtemp(prefix="corpusfix-log-"))
        out = tmp / "clean.txt"
        assert run("fix", SAMPLE, "-o", out, "--accept", "punctuation,merge,whitespace")[0] == 0
        _VALID["log"] = (tmp, out, (tmp / "clean.txt.changelog.jsonl").read_bytes())
    return _VALID["log"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=3))
def test_edited_log_is_refused_by_apply_exactly_when_verify_rejects_it(
    chosen: list[tuple[Any, ...]],
) -> None:
    tmp, clean, data = _valid_log()
    for edit in chosen:
        data = _apply_edit(data, edit)
    log = tmp / "edited.jsonl"
    log.write_bytes(data)
    out = tmp / "applied.txt"
    out.unlink(missing_ok=True)
    code, _, err = run("apply", SAMPLE, log, "-o", out)
    assert code in (0, 2) and "internal error" not in err
    event(f"apply exit {code}")
    vcode, vout, verr = run("verify", SAMPLE, clean, log)
    assert vcode in (0, 1) and "internal error" not in vout + verr
    if code == 2:
        assert f"FAIL {apply_reason(err)}" in vout.splitlines(), (err, vout)
        assert not out.exists()
    else:
        # accepted: the log is sound, so the only possible complaint is about the clean file
        assert run("verify", SAMPLE, out, log)[0] == 0
        problems = [ln.removeprefix("FAIL ") for ln in vout.splitlines()]
        assert all(p.startswith(f"{clean}:") for p in problems), problems


def test_a_log_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "log.jsonl"
    os.mkfifo(fifo)  # reading it would block forever
    result: list[tuple[int, str, str]] = []
    worker = threading.Thread(
        target=lambda: result.append(run("apply", SAMPLE, fifo, "-o", tmp_path / "out.txt")),
        daemon=True,
    )
    worker.start()
    worker.join(20)
    if worker.is_alive():
        with fifo.open("wb"):  # a writer lets the blocked reader go, so the test ends
            pass
        worker.join(5)
        pytest.fail("apply blocked reading a FIFO")
    code, _, err = result[0]
    assert code == 2 and "not a regular file" in err
    code, vout, _ = run("verify", SAMPLE, SAMPLE, fifo)
    assert code == 1 and f"FAIL {fifo}: change log is not a regular file" in vout
