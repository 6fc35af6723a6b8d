"""Learning from decisions: `lists learn/forget/show/export/remove`, counted per log, reversible."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from corpusfix.core.changelog import build_changelog, parse_changelog
from corpusfix.core.document import build_document
from corpusfix.core.session import ReviewSession
from corpusfix.core.suggestion import Suggestion
from corpusfix.detectors.typos.learned import LearnedTable, count_log
from tests.conftest import Result

TEXT = "产品岳量好。全面贰彻落实。今天天气好。产品岳量高。申央决定。\n"


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


def _typo(sid: str, at: int, after: str, size: int = 1) -> Suggestion:
    return Suggestion(sid, "typo", "typo.test", at, at + size, after, 0.5, "test")


def reviewed_log(text: str = TEXT, slip: str = "岳") -> bytes:
    """A person's decisions: accepted 岳→质 twice, edited 贰→(贯), rejected 天→大, policy 气→汽.

    ``slip``: the character ``text`` has where 岳 stands in TEXT."""
    doc = build_document(text, name="a.txt")
    sugs = [
        _typo("s1", text.index(slip), "质"),
        _typo("s2", text.index("贰"), "武"),
        _typo("s3", text.index("天"), "大"),
        _typo("s4", text.index("气"), "汽"),
        _typo("s5", text.rindex(slip), "质"),
        _typo("s6", text.index("彻落"), "彻底落", 2),  # another length: no characters to learn
        Suggestion("m1", "manual", "manual", text.index("申"), text.index("申") + 1, "中", 1.0, ""),
    ]
    session = ReviewSession(doc, sugs)
    session.accept("s1", by="editor")
    session.edit("s2", "贯", by="editor")
    session.reject("s3", by="editor")
    session.accept("s4")  # the policy's own decision: nobody looked at it
    session.accept("s5", by="editor")
    session.accept("s6", by="editor")
    session.edit("m1", "中", by="editor")  # a slip the check missed, fixed by hand
    clean = session.clean_text().encode("utf-8")
    log = build_changelog(session, original_name="a.txt", clean_bytes=clean, out_encoding="utf_8")
    return log.to_bytes()


def test_counts_only_what_people_decided() -> None:
    c = count_log(parse_changelog(reviewed_log()), "a")
    assert c.slips == {"岳质": 2, "贰贯": 1, "申中": 1}
    assert c.rejected == {"天大": 1}
    assert c.shown == {"质": 2, "贯": 1, "天": 1, "中": 1}
    assert c.records == 5
    # fixed twice: not yet a candidate; in two logs, four times and never refused: a candidate
    assert LearnedTable({"x": c}).confusions() == {}
    table = LearnedTable({"x": c, "y": count_log(parse_changelog(reviewed_log()), "b")})
    assert table.confusions() == {"岳": "质"}
    shown, seen_as = LearnedTable({"x": c}).channel_counts()
    assert seen_as == {"质": {"岳": 2}, "贯": {"贰": 1}, "中": {"申": 1}} and shown["质"] == 2


def test_refusals_outweigh_fixes() -> None:
    c = count_log(parse_changelog(reviewed_log()), "a")
    c.slips["岳质"] = 4
    assert LearnedTable({"x": c}).confusions() == {"岳": "质"}
    c.rejected["岳质"] = 4
    assert LearnedTable({"x": c}).confusions() == {}


def test_learn_show_forget_remove(tmp_path: Path, config: Path, cli: Callable[..., Result]) -> None:
    log = tmp_path / "a.txt.changelog.jsonl"
    log.write_bytes(reviewed_log())
    r = cli("lists", "learn", log)
    assert r.code == 0 and "1 log learned (5 typo decisions)" in r.err
    table = config / "learned-channel.json"
    before = table.read_bytes()
    # the same log again changes nothing
    assert "already learned" in cli("lists", "learn", log).err
    assert table.read_bytes() == before
    assert cli("lists", "show", "learned").out.splitlines() == [
        "岳\t质\t2\t0",
        "申\t中\t1\t0",
        "贰\t贯\t1\t0",
        "天\t大\t0\t1",
    ]
    listed = cli("lists", "show", "learned", "logs").out.split("\t")
    assert len(listed[0]) == 64 and listed[2].strip() == str(log)
    out = tmp_path / "export.json"
    assert cli("lists", "export", "learned", out).code == 0
    assert json.loads(out.read_text("utf-8")) == json.loads(before)
    # a second log, then forgetting the first: exactly the second's counts stay
    other = tmp_path / "b.txt.changelog.jsonl"
    other.write_bytes(reviewed_log(TEXT.replace("今天", "明天")))
    assert cli("lists", "learn", other).code == 0
    assert cli("lists", "forget", log).code == 0
    alone = tmp_path / "alone.json"
    assert cli("lists", "learn", other, "--user-table", alone).code == 0
    assert (
        json.loads(table.read_text("utf-8"))["logs"] == json.loads(alone.read_text("utf-8"))["logs"]
    )
    # a log that is gone is forgotten by its sha256
    digest = cli("lists", "show", "learned", "logs").out.split("\t")[0]
    other.unlink()
    assert cli("lists", "forget", digest).code == 0
    assert cli("lists", "show", "learned").out == ""
    assert cli("lists", "remove", "learned").code == 0 and not table.exists()


def test_bad_logs_and_usage_are_one_line_errors(tmp_path: Path, cli: Callable[..., Result]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"no": "header"}\n', "utf-8")
    for args in (
        ("learn", bad),
        ("learn", tmp_path / "missing.jsonl"),
        ("show", "nonsense"),
        ("remove", "words"),
        ("export", "learned"),
        ("show", "words", "--user-table", tmp_path / "t.json"),
    ):
        r = cli("lists", *args)
        assert r.code == 2 and r.err.count("\n") == 1 and "Traceback" not in r.err, args
    table = tmp_path / "t.json"
    table.write_text("[1, 2]", "utf-8")
    r = cli("lists", "show", "learned", "--user-table", table)
    assert r.code == 2 and "not a corpusfix learned table" in r.err


def test_export_never_overwrites_the_table(
    tmp_path: Path, config: Path, cli: Callable[..., Result]
) -> None:
    log = tmp_path / "a.jsonl"
    log.write_bytes(reviewed_log())
    assert cli("lists", "learn", log).code == 0
    r = cli("lists", "export", "learned", config / "learned-channel.json")
    assert r.code == 2


def test_user_lists_use_learned_pairs_and_name_the_table(
    tmp_path: Path, config: Path, cli: Callable[..., Result]
) -> None:
    # 蔡 for 质: a misreading of the user's own engine that nothing shipped pairs (tesseract's
    # 岳 for 质 is in the measured channel now, so plain `fix` mends that one by itself)
    log, log2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    mine = TEXT.replace("岳", "蔡")
    log.write_bytes(reviewed_log(mine, slip="蔡"))
    log2.write_bytes(reviewed_log(mine.replace("今天", "明天"), slip="蔡"))  # fixed four times
    src = tmp_path / "in.txt"
    src.write_text("这批产品的蔡量很好，大家都满意。\n", "utf-8")
    plain = cli("fix", src, "-o", tmp_path / "plain.txt", "--only", "typo", "--accept", "typo")
    assert plain.code == 0
    assert (tmp_path / "plain.txt").read_text("utf-8") == src.read_text("utf-8")
    assert cli("lists", "learn", log, log2).code == 0
    out = tmp_path / "out.txt"
    r = cli("fix", src, "-o", out, "--only", "typo", "--accept", "typo", "--user-lists")
    assert r.code == 0
    assert out.read_text("utf-8") == "这批产品的质量很好，大家都满意。\n"
    header = json.loads((tmp_path / "out.txt.changelog.jsonl").read_text("utf-8").splitlines()[0])
    assert (
        header["learned_channel_sha256"]
        == LearnedTable.load(config / "learned-channel.json").sha256()
    )
    # without --user-lists nothing learned is used, and no header names it
    again = cli("fix", src, "-o", tmp_path / "o2.txt", "--only", "typo", "--accept", "typo")
    assert again.code == 0
    first = (tmp_path / "o2.txt.changelog.jsonl").read_text("utf-8").splitlines()[0]
    assert "learned_channel_sha256" not in json.loads(first)


def test_batch_with_user_lists_names_the_learned_table(
    tmp_path: Path, config: Path, cli: Callable[..., Result]
) -> None:
    log, log2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    log.write_bytes(reviewed_log())
    log2.write_bytes(reviewed_log(TEXT.replace("今天", "明天")))
    assert cli("lists", "learn", log, log2).code == 0
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("这批产品的岳量很好，大家都满意。\n", "utf-8")
    out = tmp_path / "out"
    r = cli("batch", src, "-o", out, "--only", "typo", "--accept", "typo", "--user-lists")
    assert r.code == 0, r.err
    assert (out / "a.txt").read_text("utf-8") == "这批产品的质量很好，大家都满意。\n"
    header = json.loads((out / "a.txt.changelog.jsonl").read_text("utf-8").splitlines()[0])
    assert (
        header["learned_channel_sha256"]
        == LearnedTable.load(config / "learned-channel.json").sha256()
    )


def test_app_settings_name_the_learned_table(tmp_path: Path, config: Path) -> None:
    """The app always uses what was learned: its exports must say which table."""
    from corpusfix.api import run_header
    from corpusfix.config import app_engine_settings

    assert "learned_channel_sha256" not in run_header(app_engine_settings())
    log, log2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    log.write_bytes(reviewed_log())
    log2.write_bytes(reviewed_log(TEXT.replace("今天", "明天")))
    from corpusfix.cli.main import main

    assert main(["lists", "learn", str(log), str(log2)]) == 0
    settings = app_engine_settings()
    assert settings.confusions.get("岳") == "质"
    assert (
        run_header(settings)["learned_channel_sha256"]
        == LearnedTable.load(config / "learned-channel.json").sha256()
    )
