from __future__ import annotations

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
