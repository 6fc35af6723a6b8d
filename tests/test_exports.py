from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from corpusfix.core.changelog import LogRecord
from corpusfix.export.diff import inline_diff
from corpusfix.export.report import html_report


def rec(
    sid: str,
    start: int,
    end: int,
    before: str,
    after: str | None,
    kind: str = "typo",
    decision: str = "accepted",
) -> LogRecord:
    return LogRecord(id=sid, kind=kind, detector="t", start=start, end=end, before=before,
                     after=after, decision=decision, confidence=0.9, message="m")  # fmt: skip


TEXT = "标题\n\n特高压变庄器装备制造。创建呼\n\n包鄂国家自主创新示范区。\n\n第三段没有改动。\n"


def test_inline_diff_marks_only_changed_characters() -> None:
    z, m = TEXT.index("庄"), TEXT.index("呼") + 1
    recs = [rec("s1", z, z + 1, "庄", "压"), rec("s2", m, m + 2, "\n\n", "", kind="merge")]
    diff = inline_diff(TEXT, recs, name_a="raw.txt", name_b="out.txt", context=0)
    lines = diff.splitlines()
    assert lines[:2] == ["--- a/raw.txt", "+++ b/out.txt"]
    assert lines[2].startswith("@@ -3,3 +3,1 @@")
    assert lines[3] == "~特高压变[-庄-]{+压+}器装备制造。创建呼[-⏎⏎-]包鄂国家自主创新示范区。"
    assert "第三段" not in diff


def test_diff_uses_character_diff_inside_an_edit() -> None:
    a = TEXT.index("高压变庄")
    recs = [rec("s1", a, a + 4, "高压变庄", "高压变压", decision="edited")]
    diff = inline_diff(TEXT, recs, context=0)
    assert "高压变[-庄-]{+压+}" in diff


def test_report_escapes_article_content_and_labels_changes() -> None:
    text = "<script>alert(1)</script>变庄器\n"
    z = text.index("庄")
    page = html_report(text, [rec("s1", z, z + 1, "庄", "压")], title="<b>t</b>")
    assert "<script>alert(1)</script>" not in page.replace("<script>(function", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;t&lt;/b&gt;" in page
    assert 'data-kind="typo"' in page and "s1 · typo · t · 0.90 · accepted" in page
    assert "<del " in page and "<ins " in page


def test_report_counts_every_decision() -> None:
    recs = [rec("s1", 0, 1, "标", "X"), rec("s2", 1, 2, "题", "Y", decision="rejected"),
            rec("s3", 4, 6, "特高", None, kind="truncation", decision="flagged")]  # fmt: skip
    page = html_report(TEXT, recs, title="t")
    assert (
        "<tr><th>typo</th><td>2</td><td>1</td><td>0</td><td>1</td><td>0</td><td>0</td></tr>" in page
    )
    assert "<tr><th>truncation</th><td>1</td>" in page


# ----- the files `fix` writes: permissions and encodings --------------------------------------

FAST = ("--only", "whitespace,punctuation")
FIXABLE = "今年以来,滨河新区围绕产业强区的总体思路开展工作。\n\n第二段 没有改动。\n"


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_new_outputs_follow_the_umask_and_overwritten_ones_keep_their_mode(
    cli, tmp_path: Path, umask: int
) -> None:
    src = tmp_path / "in.txt"
    src.write_text(FIXABLE, encoding="utf-8")
    out = tmp_path / "out.txt"
    outputs = [out, tmp_path / "out.txt.changelog.jsonl", tmp_path / "r.html", tmp_path / "d.diff"]
    args = ("fix", src, "-o", out, "--report", outputs[2], "--diff", outputs[3], *FAST)
    old = os.umask(umask)
    try:
        assert cli(*args).code == 0
        assert {p.name: _mode(p) for p in outputs} == {p.name: 0o666 & ~umask for p in outputs}
        for p, mode in zip(outputs, (0o640, 0o604, 0o444, 0o600), strict=True):
            p.chmod(mode)
        assert cli(*args, "--accept", "all").code == 0
    finally:
        os.umask(old)
    assert [_mode(p) for p in outputs] == [0o640, 0o604, 0o444, 0o600]


def test_out_encoding_utf8_sig_writes_a_bom(cli, tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(FIXABLE.encode("gb18030"))
    out, log = tmp_path / "out.txt", tmp_path / "out.txt.changelog.jsonl"
    for accept in ((), ("--accept", "all")):
        assert cli("fix", src, "-o", out, "--out-encoding", "utf-8-sig", *FAST, *accept).code == 0
        data = out.read_bytes()
        assert data.startswith(codecs.BOM_UTF8) and not data[3:].startswith(codecs.BOM_UTF8)
        assert data[3:].decode("utf-8").replace("，", ",").replace("段没", "段 没") == FIXABLE
        assert cli("verify", src, out, log).code == 0
        replayed = tmp_path / "replayed.txt"
        assert cli("apply", src, log, "-o", replayed).code == 0
        assert replayed.read_bytes() == data


@pytest.mark.parametrize(
    ("data", "option"),
    [
        (FIXABLE.encode("utf_16_le"), ("--encoding", "utf-16")),  # no BOM: little-endian
        (FIXABLE.encode("utf_16_le"), ()),  # detected
        (FIXABLE.encode("utf_16_be"), ("--encoding", "utf-16-be")),
        (FIXABLE.encode("utf_16_be"), ()),
        (codecs.BOM_UTF16_LE + FIXABLE.encode("utf_16_le"), ("--encoding", "utf-16")),
        (codecs.BOM_UTF16_BE + FIXABLE.encode("utf_16_be"), ("--encoding", "utf-16")),
        (codecs.BOM_UTF16_BE + FIXABLE.encode("utf_16_be"), ()),
    ],
    ids=["le-forced", "le", "be-forced", "be", "bom-le-forced", "bom-be-forced", "bom-be"],
)
def test_fix_utf16_with_nothing_accepted_gives_the_input_bytes(
    cli, tmp_path: Path, data: bytes, option: tuple[str, ...]
) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(data)
    out = tmp_path / "out.txt"
    r = cli("fix", src, "-o", out, *option, *FAST)
    assert r.code == 0, r.err
    assert out.read_bytes() == data
    assert cli("verify", src, out, tmp_path / "out.txt.changelog.jsonl").code == 0
