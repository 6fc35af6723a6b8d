"""Change logs written by an older corpusfix (tests/fixtures/main-logs) still verify and replay.

The fixture was made by make_fixture.py with main as of 2026-12-01, before the log reader was
rewritten: a reader that gets stricter must not start rejecting logs users already have.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpusfix.core.changelog import parse_changelog, replay
from corpusfix.core.verify import verify_file

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "main-logs"
ORIGINALS = FIXTURE / "originals"


def _triples() -> list[tuple[Path, Path, Path]]:
    out = []
    for log in sorted(FIXTURE.rglob("*.changelog.jsonl")):
        clean = log.with_name(log.name.removesuffix(".changelog.jsonl"))
        folder = log.parent.name
        if folder == "batch":
            original = FIXTURE / "batch-src" / clean.name
        else:
            original = ORIGINALS / (clean.name.split(".")[0] + ".txt")
        out.append((original, clean, log))
    return out


TRIPLES = _triples()


def test_fixture_is_complete() -> None:
    # 3 inputs x (accept all, accept nothing) + 2 batch outputs + 1 reviewed log
    assert len(TRIPLES) == 9
    assert all(p.is_file() for t in TRIPLES for p in t)


@pytest.mark.parametrize("triple", TRIPLES, ids=lambda t: t[2].relative_to(FIXTURE).as_posix())
def test_old_log_verifies_and_replays(triple: tuple[Path, Path, Path], cli) -> None:  # type: ignore[no-untyped-def]
    original, clean, log = triple
    assert verify_file(original, clean, log) == []
    assert cli("verify", original, clean, log).code == 0
    parsed = parse_changelog(log.read_bytes(), str(log))
    assert replay(original.read_bytes(), parsed, str(log)) == clean.read_bytes()


@pytest.mark.parametrize("triple", TRIPLES, ids=lambda t: t[2].relative_to(FIXTURE).as_posix())
def test_old_log_round_trips_to_the_same_bytes(triple: tuple[Path, Path, Path]) -> None:
    log = triple[2]
    data = log.read_bytes()
    assert parse_changelog(data, str(log)).to_bytes() == data


def test_apply_gives_the_same_clean_bytes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for n, (original, clean, log) in enumerate(TRIPLES):
        out = tmp_path / f"{n}.out"
        assert cli("apply", original, log, "-o", out).code == 0
        assert out.read_bytes() == clean.read_bytes(), log


def test_old_batch_outdir_verifies(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("verify", FIXTURE / "batch", "--originals", FIXTURE / "batch-src")
    assert r.code == 0, r.out


def test_the_writer_still_writes_what_main_wrote(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Same input, same decisions: the same log bytes, apart from `at` and the input's path.

    A typo record's `confidence` and `evidence` are the scorer's numbers, which change whenever
    its models or weights are refitted: those two are compared apart (same keys, same order,
    everything else equal); every other byte of the log must be what main wrote."""
    import json
    import re

    def scorer_free(line: bytes) -> bytes:
        record = json.loads(line)
        if not str(record.get("detector", "")).startswith("typo"):
            return line
        record["confidence"] = record["evidence"] = None
        return json.dumps(record, ensure_ascii=False).encode()

    def normal(data: bytes) -> bytes:
        data = re.sub(rb'"at": "[0-9TZ:-]+"', b'"at": ""', data)
        data = re.sub(rb'"original_path": "[^"]*"', b'"original_path": ""', data)
        return b"\n".join(scorer_free(line) if line else line for line in data.split(b"\n"))

    for name, accept in (("sample", "all"), ("gb18030-crlf", "all"), ("bom", None)):
        out = tmp_path / f"{name}.txt"
        args = ["--accept", accept] if accept else []
        assert cli("fix", ORIGINALS / f"{name}.txt", "-o", out, *args).code == 0
        old = FIXTURE / "fix" / f"{name}.{'all' if accept else 'none'}.txt"
        assert out.read_bytes() == old.read_bytes()
        new_log = (tmp_path / f"{name}.txt.changelog.jsonl").read_bytes()
        old_log = old.with_name(old.name + ".changelog.jsonl").read_bytes()
        assert normal(new_log) == normal(old_log)
