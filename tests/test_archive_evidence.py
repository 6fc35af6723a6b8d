"""The archive as its own evidence: consistent rare forms are usage; common forms back a fix."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.suggestion import parse_kinds
from corpusfix.detectors.typos.archive import collect, save
from tests.conftest import Result

TYPO = parse_kinds("typo")
DAMAGED = "厂里生产的特高压变庄器装备运往各地。\n"


def typo_confidences(text: str, evidence: Path | None) -> list[float]:
    s = Settings(only=TYPO, archive_evidence=str(evidence) if evidence else None)
    return [x.confidence for x in suggest(build_document(text, name="a"), s)]


def test_a_form_many_files_share_is_usage(tmp_path: Path) -> None:
    files = [f"第{i}批特高压变庄器装备今天出厂，质量合格。\n" for i in range(5)]
    path = tmp_path / "evidence.json"
    save(collect(files), path)
    assert typo_confidences(DAMAGED, None)  # alone, the stretch is suspect
    assert typo_confidences(DAMAGED, path) == []  # five files spell it so: the archive's usage


def test_a_common_form_in_the_archive_backs_the_fix(tmp_path: Path) -> None:
    files = [f"第{i}台变压器今天运抵现场，变压器安装顺利。\n" for i in range(15)]
    path = tmp_path / "evidence.json"
    save(collect(files), path)
    (alone,) = typo_confidences(DAMAGED, None)
    (backed,) = typo_confidences(DAMAGED, path)
    assert backed > alone
    s = suggest(build_document(DAMAGED, name="a"), Settings(only=TYPO, archive_evidence=str(path)))[
        0
    ]
    assert s.evidence["archive"] == "变压器 ×30 in the archive"


def test_articles_in_traditional_characters_are_no_evidence() -> None:
    # Every traditional character is a stretch the simplified lexicon cannot explain: counted,
    # 們 and 這 would look like the archive's usage in every file.
    simplified = [f"第{i}台变压器今天运抵现场，安装顺利。\n" for i in range(3)]
    traditional = [f"第{i}台變壓器今天運抵現場，我們這裡安裝順利。\n" for i in range(6)]
    evidence = collect(simplified + traditional)
    assert evidence.files == 3
    assert not any("們" in k or "這" in k for k in evidence.stretch_files)


def test_batch_collects_evidence_from_the_inputs(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"{i}.txt").write_text(f"第{i}批特高压变庄器装备今天出厂，质量合格。\n", "utf-8")

    def typos_in(out: Path) -> int:
        logs = out.rglob("*.changelog.jsonl")
        lines = [ln for p in logs for ln in p.read_text("utf-8").splitlines()[1:]]
        return sum(json.loads(ln)["kind"] == "typo" for ln in lines)

    r = cli("batch", src, "-o", tmp_path / "with", "--jobs", "1", "--no-report")
    assert r.code == 0 and "archive evidence: 6 files sampled" in r.err
    assert typos_in(tmp_path / "with") == 0
    again = cli("batch", src, "-o", tmp_path / "with", "--jobs", "1", "--no-report")
    assert "archive evidence: reusing archive-evidence-" in again.err
    assert "6 already done" in again.err  # the same evidence: finished files stay finished
    r = cli(
        "batch",
        src,
        "-o",
        tmp_path / "alone",
        "--jobs",
        "1",
        "--no-report",
        "--no-archive-evidence",
    )
    assert r.code == 0 and "archive evidence" not in r.err
    assert typos_in(tmp_path / "alone") == 6


def test_evidence_collected_in_parallel_is_the_same_file(tmp_path: Path) -> None:
    from corpusfix.batch.evidence import archive_evidence
    from corpusfix.batch.inputs import discover

    src = tmp_path / "in"
    src.mkdir()
    places = ["沙尔沁", "蒙科聚", "变庄器", "变压器"]
    for i in range(24):
        line = f"第{i}批{places[i % 4]}装备今天出厂，{places[(i * 3) % 4]}运抵现场，质量合格。\n"
        (src / f"{i:02d}.txt").write_text(line * (1 + i % 3), "utf-8")
    (src / "broken.txt").write_bytes(b"\x00\xff\x00binary")
    tasks = discover([str(src)], tmp_path / "out")
    one = archive_evidence(tasks, tmp_path / "out1", None, None, jobs=1)
    three = archive_evidence(tasks, tmp_path / "out3", None, None, jobs=3)
    assert one is not None and three is not None
    assert one.name == three.name  # the digest of the contents
    data = json.loads(one.read_text("utf-8"))
    assert data["files"] == 24 and data["stretch_files"]["沙尔沁"] >= 2
    assert one.read_bytes() == three.read_bytes()
