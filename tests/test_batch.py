from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from corpusfix.batch.inputs import discover
from corpusfix.batch.policy import load_policy
from corpusfix.core.errors import UsageError
from tests.conftest import SAMPLE
from tests.outputs import snapshot, summary

ARTICLE = SAMPLE.read_text("utf-8")


def make_archive(root: Path, n: int = 12) -> Path:
    """Articles in mixed encodings, one duplicated, one binary, one undecodable."""
    src = root / "archive"
    for i in range(n):
        folder = src / f"{i % 3:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = ARTICLE.replace("滨河新区", f"第{i}新区")
        data = text.encode("gb18030" if i % 4 == 1 else "utf-8")
        (folder / f"article-{i:03d}.txt").write_bytes(data)
    if n > 3:
        (src / "00" / "copy-of-3.txt").write_bytes((src / "00" / "article-003.txt").read_bytes())
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (src / "notes.md").write_text("not included", encoding="utf-8")
    return src


def test_layout_follows_spec(cli, tmp_path: Path) -> None:
    src = make_archive(tmp_path)
    out = tmp_path / "out"
    r = cli("batch", src, "-o", out, "--accept", "merge,duplicate", "--jobs", "1")
    assert r.code == 1  # the binary file failed, the rest went on
    for rel in ("00/article-000.txt", "01/article-001.txt"):
        assert (out / rel).is_file()
        assert (out / f"{rel}.changelog.jsonl").is_file()
        assert (out / f"{rel}.report.html").is_file()
    assert not (out / "notes.md").exists()
    for name in ("state.sqlite", "summary.json", "summary.html", "summary.csv"):
        assert (out / "_corpusfix" / name).is_file()
    s = summary(out)
    assert s["files"] == 14
    assert [f["path"] for f in s["failed"]] == [str((src / "binary.txt").resolve())]
    assert "binary" in s["failed"][0]["error"]
    assert s["changes_by_kind"]["merge"] > 0 and s["suggestions_by_kind"]["truncation"] > 0
    assert ["00/article-003.txt", "00/copy-of-3.txt"] in s["duplicate_articles"]
    assert len(s["review_queue"]) == 13  # truncations stay for a person
    assert cli("verify", out).code == 0


def test_input_mapping_and_collisions(tmp_path: Path) -> None:
    a, b = tmp_path / "x" / "data", tmp_path / "y" / "data"
    for d in (a, b):
        d.mkdir(parents=True)
        (d / "one.txt").write_text("文字。", encoding="utf-8")
    out = tmp_path / "out"
    assert [t.rel for t in discover([str(a)], out)] == ["one.txt"]
    assert [t.rel for t in discover([str(a / "one.txt")], out)] == ["one.txt"]
    assert [t.rel for t in discover([str(a), str(tmp_path / "x")], out)] == [
        "data/one.txt",
        "x/data/one.txt",
    ]
    with pytest.raises(UsageError, match=r"same output 'data/one\.txt'"):
        discover([str(a), str(b)], out)
    with pytest.raises(UsageError, match="must not be the input"):
        discover([str(a)], tmp_path / "x")  # the input inside the output folder
    # An output folder inside the input tree is fine: its files are never read back.
    (tmp_path / "x" / "out").mkdir()
    (tmp_path / "x" / "out" / "old.txt").write_text("旧输出。", encoding="utf-8")
    assert [t.rel for t in discover([str(tmp_path / "x")], tmp_path / "x" / "out")] == [
        "data/one.txt"
    ]


def test_resume_skips_finished_files(cli, tmp_path: Path) -> None:
    src = make_archive(tmp_path, 6)
    out = tmp_path / "out"
    cli("batch", src, "-o", out, "--jobs", "1")
    first = snapshot(out)
    r = cli("batch", src, "-o", out, "--jobs", "1")
    assert "0 processed" not in r.err and "7 already done" in r.err  # 6 articles + copy
    assert snapshot(out) == first
    (src / "01" / "article-001.txt").write_text("改过的文章,内容。", encoding="utf-8")
    r = cli("batch", src, "-o", out, "--jobs", "1")
    assert "6 already done" in r.err


def test_jobs_do_not_change_results(cli, tmp_path: Path) -> None:
    src = make_archive(tmp_path, 9)
    one, two = tmp_path / "one", tmp_path / "two"
    cli("batch", src, "-o", one, "--accept", "all", "--jobs", "1")
    cli("batch", src, "-o", two, "--accept", "all", "--jobs", "2")
    assert snapshot(one) == snapshot(two)
    s1, s2 = summary(one), summary(two)
    for key in ("changes_by_kind", "suggestions_by_kind", "duplicate_articles", "review_queue"):
        assert s1[key] == s2[key]


def test_kill_9_then_rerun_gives_identical_outputs(cli, tmp_path: Path) -> None:
    src = make_archive(tmp_path, 150)
    whole = tmp_path / "whole"
    cli("batch", src, "-o", whole, "--accept", "all", "--jobs", "1")
    out = tmp_path / "killed"
    cmd = [
        sys.executable,
        "-m",
        "corpusfix",
        "batch",
        str(src),
        "-o",
        str(out),
        "--accept",
        "all",
        "--jobs",
        "2",
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    # Kill at a random moment once work is under way (a random number of files written).
    target = random.Random().randint(5, 100)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.changelog.jsonl"))) < target:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = len(list(out.rglob("*.changelog.jsonl")))
    assert 0 < written < 151, "the kill must land in the middle of the run"
    leftovers = list(out.rglob(".*.tmp"))
    r = cli("batch", src, "-o", out, "--accept", "all", "--jobs", "2")
    assert r.code == 1  # the binary file
    assert snapshot(out) == snapshot(whole)
    assert not list(out.rglob("*.tmp")), f"partial writes left over (before the rerun: {leftovers})"
    assert cli("verify", out).code == 0


def test_failures_are_recorded_and_the_run_goes_on(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = make_archive(tmp_path, 3)
    (src / "02" / "undecodable.txt").write_bytes(
        "正文".encode("gb18030") + b"\xff\xfe\x00\x00" * 200
    )
    vanishing = src / "02" / "vanishing.txt"
    vanishing.write_text("会消失的文章。", encoding="utf-8")
    locked = src / "02" / "locked.txt"
    locked.write_text("没有权限的文章。", encoding="utf-8")
    real_open = os.open

    def fake_open(path: object, *args: Any, **kwargs: Any) -> int:  # where reading starts
        name = Path(str(path)).name
        if name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        if name == "vanishing.txt":
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    out = tmp_path / "out"
    r = cli("batch", src, "-o", out, "--jobs", "1")
    assert r.code == 1
    errors = {Path(f["path"]).name: f["error"] for f in summary(out)["failed"]}
    assert set(errors) == {"binary.txt", "undecodable.txt", "vanishing.txt", "locked.txt"}
    assert "Permission denied" in errors["locked.txt"]
    assert summary(out)["done"] == 3


def test_policy_file(tmp_path: Path) -> None:
    pol = tmp_path / "policy.toml"
    pol.write_text(
        'accept = ["merge", "duplicate"]\nmin_confidence = 0.9\n[min_confidence_by_kind]\nmerge = 0.95\n'
    )
    p = load_policy(str(pol), None, None)
    assert (
        p.accept == {"merge", "duplicate"}
        and p.threshold("merge") == 0.95
        and p.threshold("duplicate") == 0.9
    )
    assert load_policy(str(pol), "typo", 0.5).accept == {"typo"}
    pol.write_text('accept = ["nonsense"]\n')
    with pytest.raises(UsageError, match="unknown kind"):
        load_policy(str(pol), None, None)
    pol.write_text("accept = [\n")
    with pytest.raises(UsageError, match="not a valid TOML"):
        load_policy(str(pol), None, None)


def test_policy_decides_and_the_rest_is_queued(cli, tmp_path: Path) -> None:
    src = make_archive(tmp_path, 2)
    pol = tmp_path / "p.toml"
    pol.write_text('accept = ["punctuation"]\n')
    out = tmp_path / "out"
    cli("batch", src, "-o", out, "--policy", str(pol), "--jobs", "1")
    s = summary(out)
    assert set(s["changes_by_kind"]) == {"punctuation"}
    log = (out / "00" / "article-000.txt.changelog.jsonl").read_text("utf-8").splitlines()
    decisions = {json.loads(x)["kind"]: json.loads(x)["decision"] for x in log[1:]}
    assert decisions["punctuation"] == "accepted" and decisions["merge"] == "pending"


def test_jsonl_corpus_keeps_other_fields(cli, tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    src.mkdir()
    rows = [
        {"id": 1, "title": "甲", "text": ARTICLE},
        {"id": 2, "title": "乙", "text": "今年以来，全市经济稳中有进。"},
        {"id": 3, "title": "丙", "text": ARTICLE},
    ]
    (src / "news.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    out = tmp_path / "out"
    r = cli("batch", src, "-o", out, "--jsonl-field", "text", "--accept", "all", "--jobs", "1")
    assert r.code == 0, r.err
    lines = (out / "news.jsonl").read_text("utf-8").splitlines()
    objs = [json.loads(x) for x in lines]
    assert [(o["id"], o["title"]) for o in objs] == [(1, "甲"), (2, "乙"), (3, "丙")]
    assert objs[0]["text"] != ARTICLE and lines[1] == json.dumps(rows[1], ensure_ascii=False)
    log = [
        json.loads(x) for x in (out / "news.jsonl.changelog.jsonl").read_text("utf-8").splitlines()
    ]
    assert log[0]["jsonl_field"] == "text" and {rec["article"] for rec in log[1:]} == {0, 2}
    assert ["news.jsonl#0", "news.jsonl#2"] in summary(out)["duplicate_articles"]
    assert cli("verify", out).code == 0


def test_near_identical_articles_cluster_but_boilerplate_does_not(cli, tmp_path: Path) -> None:
    src = tmp_path / "a"
    src.mkdir()
    base = ARTICLE
    noisy = base.replace("产业", "产亚", 1).replace("项目", "项日", 2)
    other = "本报讯 今年以来，全市农业生产稳中有进，粮食产量再创新高。\n\n（完）\n"
    (src / "1.txt").write_text(base, encoding="utf-8")
    (src / "2.txt").write_text(noisy, encoding="utf-8")
    (src / "3.txt").write_text(other, encoding="utf-8")
    (src / "4.txt").write_text(
        other.replace("农业生产", "工业生产").replace("粮食产量", "工业产值"), encoding="utf-8"
    )
    out = tmp_path / "out"
    cli("batch", src, "-o", out, "--jobs", "1")
    assert summary(out)["duplicate_articles"] == [["1.txt", "2.txt"]]


def test_dask_local_cluster_matches_local_run(cli, tmp_path: Path) -> None:
    distributed = pytest.importorskip(
        "dask.distributed", reason="dask[distributed] is not installed"
    )
    src = make_archive(tmp_path, 8)
    local = tmp_path / "local"
    cli("batch", src, "-o", local, "--accept", "all", "--jobs", "1")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        remote = tmp_path / "remote"
        r = cli(
            "batch", src, "-o", remote, "--accept", "all", "--scheduler", cluster.scheduler_address
        )
        assert r.code == 1, r.err
    assert snapshot(remote) == snapshot(local)
    assert summary(remote)["duplicate_articles"] == summary(local)["duplicate_articles"]
