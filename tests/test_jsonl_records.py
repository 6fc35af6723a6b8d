"""A bad record of a JSON Lines corpus fails alone: its line is copied, the others are cleaned."""

from __future__ import annotations

import json
from pathlib import Path

from tests.outputs import summary

FIXABLE = "今年以来,滨河新区围绕产业强区的总体思路开展工作。"


def test_one_bad_line_fails_that_record_alone(cli, tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    src.mkdir()
    lines = [
        json.dumps({"id": 0, "text": FIXABLE}, ensure_ascii=False) + "\n",
        '{"id": 1, "text": "没有结尾的引号}\n',  # not JSON
        json.dumps({"id": 2, "body": FIXABLE}, ensure_ascii=False) + "\n",  # no text field
        "\n",  # blank lines are no records
        json.dumps({"id": 4, "text": "另一篇文章,也有半角逗号。"}, ensure_ascii=False) + "\n",
        '{"id": 5, "text": "\\ud800孤立的代理项"}\n',  # JSON, but no Unicode text
    ]
    data = "".join(lines).encode("utf-8") + b"\xff\xfe not utf-8\n"
    (src / "news.jsonl").write_bytes(data)
    (src / "ok.txt").write_text(FIXABLE + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ("batch", src, "-o", out, "--jsonl-field", "text", "--accept", "all", "--jobs", "1")
    r = cli(*args, "--only", "punctuation")
    assert r.code == 1, r.err
    s = summary(out)
    path = str((src / "news.jsonl").resolve())
    assert [(f["path"], f.get("article")) for f in s["failed"]] == [
        (path, 1),
        (path, 2),
        (path, 5),
        (path, 6),
    ]
    reasons = [f["error"] for f in s["failed"]]
    assert "line 2 is not JSON" in reasons[0] and "line 3 has no text field" in reasons[1]
    assert "line 6" in reasons[2] and "line 7 is not UTF-8" in reasons[3]
    assert all(reason.startswith(path) for reason in reasons)
    assert s["done"] == 2  # the corpus itself is done: its good records are cleaned
    clean = (out / "news.jsonl").read_bytes().splitlines(keepends=True)
    original = data.splitlines(keepends=True)
    assert len(clean) == len(original)
    for i in (1, 2, 3, 5, 6):  # failed records and the blank line: copied byte for byte
        assert clean[i] == original[i]
    assert json.loads(clean[0])["text"] == FIXABLE.replace(",", "，")
    assert json.loads(clean[4])["text"] == "另一篇文章，也有半角逗号。"
    assert cli("verify", out).code == 0
    assert cli("review", out, "--diff", tmp_path / "all.diff").code == 0
    # Resumed: the file is done, and its failed records are still reported.
    r = cli(*args, "--only", "punctuation")
    assert r.code == 1 and "2 already done" in r.err
    assert summary(out)["failed"] == s["failed"]


def test_a_file_with_no_good_record_fails_as_a_whole(cli, tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    src.mkdir()
    (src / "wrong-field.jsonl").write_text('{"body": "正文"}\n{"body": "正文"}\n', "utf-8")
    out = tmp_path / "out"
    r = cli(
        "batch", src, "-o", out, "--jsonl-field", "text", "--jobs", "1", "--only", "punctuation"
    )
    assert r.code == 1
    [failed] = summary(out)["failed"]
    assert "article" not in failed and "line 1 has no text field 'text'" in failed["error"]
    assert not (out / "wrong-field.jsonl").exists()


def test_a_corpus_with_a_utf8_bom_is_read_and_keeps_it(cli, tmp_path: Path) -> None:
    """A JSON Lines corpus saved with a BOM (Windows Notepad, PowerShell 5) failed as a whole:
    'line 1 is not JSON (Unexpected UTF-8 BOM (decode using utf-8-sig))' (session 12). The BOM
    is read past and kept, so unchanged lines stay byte for byte and the first line's fix too."""
    src = tmp_path / "corpus"
    src.mkdir()
    rows = [{"id": 0, "text": FIXABLE}, {"id": 1, "text": "另一篇文章,也有半角逗号。"}]
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    (src / "news.jsonl").write_bytes(b"\xef\xbb\xbf" + body)
    out = tmp_path / "out"
    args = (
        "batch",
        src,
        "-o",
        out,
        "--jsonl-field",
        "text",
        "--jobs",
        "1",
        "--only",
        "punctuation",
    )
    r = cli(*args)
    assert r.code == 0, r.err
    assert (out / "news.jsonl").read_bytes() == b"\xef\xbb\xbf" + body  # nothing accepted
    out2 = tmp_path / "out2"
    r = cli("batch", src, "-o", out2, "--jsonl-field", "text", "--jobs", "1", "--only",
            "punctuation", "--accept", "all")  # fmt: skip
    assert r.code == 0, r.err
    clean = (out2 / "news.jsonl").read_bytes()
    assert clean.startswith(b"\xef\xbb\xbf{")
    first = json.loads(clean[3:].decode("utf-8").splitlines()[0])
    assert first["id"] == 0 and "，" in first["text"] and "," not in first["text"]
    assert cli("verify", out2).code == 0
