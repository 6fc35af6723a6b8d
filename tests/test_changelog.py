from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpusfix.core.changelog import Review, parse_changelog, replay
from corpusfix.core.errors import ChangelogError
from corpusfix.core.loading import sha256_hex
from tests.conftest import SAMPLE

HEADER_KEYS = {
    "corpusfix", "original", "original_sha256", "encoding", "out_encoding", "newline", "bom",
    "clean_sha256", "records",
}  # fmt: skip
RECORD_KEYS = {
    "id", "kind", "detector", "start", "end", "before", "after", "decision", "confidence",
    "message", "evidence", "by", "at",
}  # fmt: skip


def run_fix(cli, tmp_path: Path, *extra: str) -> tuple[dict, list[dict], Path]:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.txt"
    assert cli("fix", SAMPLE, "-o", out, *extra).code == 0
    lines = (tmp_path / "out.txt.changelog.jsonl").read_text("utf-8").splitlines()
    objs = [json.loads(x) for x in lines]
    return objs[0], objs[1:], out


def test_log_has_every_field_of_the_contract(cli, tmp_path: Path) -> None:
    header, records, out = run_fix(cli, tmp_path, "--accept", "punctuation")
    assert header.keys() >= HEADER_KEYS
    assert header["original"] == "sample-article.txt"
    assert header["original_sha256"] == sha256_hex(SAMPLE.read_bytes())
    assert header["clean_sha256"] == sha256_hex(out.read_bytes())
    assert header["encoding"] == header["out_encoding"] == "utf-8"
    assert header["newline"] == "lf" and header["bom"] is False
    assert records and all(r.keys() >= RECORD_KEYS for r in records)
    assert [r["start"] for r in records] == sorted(r["start"] for r in records)
    text = SAMPLE.read_text("utf-8")
    for r in records:
        assert text[r["start"] : r["end"]] == r["before"]
        assert r["at"].endswith("Z") and r["by"] == "corpusfix"


def test_dropped_record_and_tampering_are_found(cli, tmp_path: Path) -> None:
    _, _, out = run_fix(cli, tmp_path, "--accept", "all")
    log_path = tmp_path / "out.txt.changelog.jsonl"
    lines = log_path.read_text("utf-8").splitlines()
    dropped = tmp_path / "dropped.jsonl"
    dropped.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    r = cli("verify", SAMPLE, out, dropped)
    assert r.code == 1 and "record was dropped" in r.out
    changed = tmp_path / "changed.txt"
    data = bytearray(out.read_bytes())
    data[10] ^= 1
    changed.write_bytes(bytes(data))
    r = cli("verify", SAMPLE, changed, log_path)
    assert r.code == 1 and "differs from the replay" in r.out
    r = cli("verify", SAMPLE, tmp_path / "gone.txt", log_path)
    assert r.code == 1 and "missing" in r.out
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    r = cli("verify", SAMPLE, out, bad)
    assert r.code == 1 and "not JSON" in r.out
    assert cli("verify", SAMPLE, out).code == 2  # wrong usage only


def test_reverted_record_no_longer_applies(cli, tmp_path: Path) -> None:
    _, _, _out = run_fix(cli, tmp_path, "--accept", "all")
    log = parse_changelog((tmp_path / "out.txt.changelog.jsonl").read_bytes())
    target = log.applied()[0]
    i = log.records.index(target)
    log.records[i] = target.updated(review=Review("reverted", "qa", "2026-01-01T00:00:00Z"))
    assert not log.records[i].applied
    clean = replay(SAMPLE.read_bytes(), log, check_clean=False).decode("utf-8")
    assert clean[target.start : target.start + len(target.before)] == target.before


def test_record_that_does_not_match_original_is_an_error() -> None:
    original = "甲乙丙".encode()
    header = {
        "corpusfix": "0",
        "original_sha256": sha256_hex(original),
        "encoding": "utf-8",
        "records": 1,
    }
    rec = {
        "id": "s1",
        "kind": "typo",
        "start": 0,
        "end": 1,
        "before": "乙",
        "after": "X",
        "decision": "accepted",
    }
    log = parse_changelog(
        (json.dumps(header) + "\n" + json.dumps(rec, ensure_ascii=False)).encode()
    )
    with pytest.raises(ChangelogError, match="does not match the original"):
        replay(original, log)


def _log(*records: dict, **header: object) -> bytes:
    head = {"corpusfix": "0", "original_sha256": "0" * 64, "encoding": "utf-8",
            "records": len(records), **header}  # fmt: skip
    return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in (head, *records)).encode()


def _r(sid: str, start: int, end: int, **kw: object) -> dict:
    return {"id": sid, "kind": "typo", "start": start, "end": end, "before": "乙" * (end - start),
            "after": "X", "decision": "accepted", **kw}  # fmt: skip


def test_unknown_fields_and_key_order_survive_a_round_trip() -> None:
    data = _log(
        {"note": [1, {"x": None}], **_r("s1", 1, 2, at="t", line=3)},
        {**_r("s2", 2, 3), "review": {"at": "t", "verdict": "approved", "extra": 1, "by": "qa"}},
        future_key={"a": 1},
    )
    log = parse_changelog(data)
    assert log.to_bytes() == data
    assert log.records[0].extra == {"note": [1, {"x": None}]} and log.records[0].line == 3
    assert log.records[1].verdict == "approved" and log.records[1].applied
    reverted = log.records[1].updated(review=Review("reverted", "qa", "t2"))
    assert not reverted.applied and reverted.keys == log.records[1].keys
    assert list(reverted.to_json()["review"]) == ["verdict", "by", "at"]
    assert list(log.records[0].updated(article=4).to_json())[-1] == "article"


def test_applied_is_decided_in_one_place() -> None:
    from corpusfix.core.session import State, is_applied

    assert [is_applied(s) for s in State] == [s in (State.ACCEPTED, State.EDITED) for s in State]
    assert not is_applied("accepted", "reverted") and is_applied("edited", "approved")
    assert not is_applied("ACCEPTED")
    rec = parse_changelog(_log(_r("s1", 0, 1, decision="edited"))).records[0]
    assert rec.applied and not rec.updated(review=Review("reverted")).applied


@pytest.mark.parametrize(
    ("records", "header", "words"),
    [
        ([_r("s1", 0, 1), _r("s1", 2, 3)], {}, "duplicate id"),
        ([_r("s1", 2, 3), _r("s2", 0, 1)], {}, "out of order"),
        ([_r("s1", 0, 2), _r("s2", 1, 3)], {}, "overlaps an earlier applied change"),
        ([_r("s1", 1, 1), _r("s2", 1, 1)], {}, "overlaps"),
        ([_r("s1", 0, 3), _r("s2", 1, 1)], {}, "overlaps"),
        ([_r("s1", 0, 1)], {"records": "1"}, "header 'records' is not an integer"),
        ([_r("s1", 0, 1)], {"records": True}, "header 'records' is not an integer"),
        ([_r("s1", 0, 1)], {"encoding": "rot13"}, "unknown encoding 'rot13'"),
        ([_r("s1", 0, 1)], {"newline": "LF"}, "'newline'"),
        ([_r("s1", 0, 1)], {"jsonl_field": "text"}, "has no 'article'"),
        ([_r("s1", -1, 1)], {}, "negative offset"),
        ([_r("s1", 0, 1, confidence=float("nan"))], {}, "finite"),
        ([_r("s1", 0, 1, evidence=[])], {}, "'evidence' is not an object"),
        ([_r("s1", 0, 1, decision="Accepted")], {}, "decision 'Accepted'"),
        ([_r("s1", 0, 1, decision="pending", after=None)], {}, "'after' is null"),
    ],
)
def test_malformed_logs_get_a_one_line_reason(records: list, header: dict, words: str) -> None:
    with pytest.raises(ChangelogError, match=words) as info:
        parse_changelog(_log(*records, **header), "x.log")
    assert str(info.value).startswith("x.log: ") and "\n" not in str(info.value)


def test_pending_flag_only_and_rejected_after_rules() -> None:
    ok = [_r("s1", 0, 1, kind="truncation", decision="pending", after=None),
          _r("s2", 1, 2, kind="truncation", decision="flagged", after=None),
          _r("s3", 1, 2, decision="rejected"), _r("s4", 1, 2, decision="pending")]  # fmt: skip
    assert len(parse_changelog(_log(*ok)).records) == 4
    # an insertion at the start of a replaced span is not an overlap (the session allows it)
    assert parse_changelog(_log(_r("s1", 1, 1), _r("s2", 1, 2))).applied()
