"""Issue 17: the Changes tab's rows, found near a place instead of for the whole article.

Checked against a plain definition, written out here: a row starts at every line start that
no change straddles; a change belongs to the row its start is in (one at the very end, to the
last row); blank lines without changes are left out. The rows found around any offset must be
a run of those rows, and hold that offset.
"""

from __future__ import annotations

import random

from corpusfix.export.diff_rows import DiffChange, Row, RowIndex, all_rows, changes_of

Rows = list[tuple[int, int, tuple[int, ...], int]]  # start, end, its changes, line


def reference_rows(text: str, changes: list[DiffChange]) -> Rows:
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text)]
    cuts = [p for p in starts if not any(c.start < p < c.end for c in changes)]
    bounds = list(zip(cuts, [*cuts[1:], len(text)], strict=True)) or [(0, 0)]
    rows = []
    for k, (a, b) in enumerate(bounds):
        final = k == len(bounds) - 1
        mine = [n for n, c in enumerate(changes) if a <= c.start and (c.start < b or final)]
        if text[a:b].strip() or mine:
            rows.append((a, b, tuple(mine), text.count("\n", 0, a) + 1))
    return rows


def as_tuple(row: Row) -> tuple[int, int, tuple[int, ...], int]:
    return (row.start, row.end, tuple(range(row.first, row.last)), row.line)


def random_case(rng: random.Random) -> tuple[str, list[DiffChange]]:
    """Lines, blank lines and column breaks; joins, deleted lines, typos and insertions."""
    pieces = []
    for _ in range(rng.randint(0, 25)):
        pieces.append(rng.choice(["", " ", "甲乙丙", "一二三四五六", "x", "\r"]))
    text = "\n".join(pieces) + rng.choice(["", "\n", "\n\n"])
    changes: list[DiffChange] = []
    pos = 0
    while pos < len(text) and len(changes) < 12:
        pos += rng.randint(0, 6)
        if pos > len(text):
            break
        kind = rng.random()
        if kind < 0.3 and "\n" in text[pos:]:  # a join: the break(s) from here on removed
            nl = text.index("\n", pos)
            end = nl + (2 if text[nl + 1 : nl + 2] == "\n" else 1)
            changes.append(DiffChange(nl, end, "", f"j{len(changes)}"))
            pos = end
        elif kind < 0.5:  # whole lines removed (a duplicate)
            end = min(len(text), pos + rng.randint(1, 12))
            changes.append(DiffChange(pos, end, "", f"d{len(changes)}"))
            pos = end
        elif kind < 0.75:  # an insertion (also at the very end)
            changes.append(DiffChange(pos, pos, "插", f"i{len(changes)}"))
            pos += 1
        elif pos < len(text):  # a replacement of one character
            changes.append(DiffChange(pos, pos + 1, "字", f"t{len(changes)}"))
            pos += 2
    return text, changes


def test_every_row_is_found_as_the_definition_says() -> None:
    rng = random.Random(17)
    for _ in range(3000):
        text, changes = random_case(rng)
        want = reference_rows(text, changes)
        assert [as_tuple(r) for r in all_rows(text, changes)] == want, (text, changes)


def test_the_rows_around_any_offset_are_a_run_of_the_rows_and_hold_it() -> None:
    rng = random.Random(18)
    for _ in range(500):
        text, changes = random_case(rng)
        want = reference_rows(text, changes)
        index = RowIndex(text, changes)
        for offset in range(len(text) + 1):
            got = [as_tuple(r) for r in index.around(offset, rng.randint(1, 8), 3)]
            if not want:
                assert got == []
                continue
            assert got, (text, changes, offset)
            k = want.index(got[0])
            assert want[k : k + len(got)] == got, (text, changes, offset)
            # the row the offset is in starts where cut_at says (left-out blank lines aside)
            a = index.cut_at(offset)
            holder = [r for r in want if r[0] == a]
            assert not holder or holder[0] in got
            for n in range(len(changes)):
                row = [r for r in want if n in r[2]]
                assert row and row[0][0] == index.row_start_of_change(n), (text, changes, n)


def test_the_applied_records_become_changes_in_text_order() -> None:
    from corpusfix.core.changelog import LogRecord

    records = [
        LogRecord("b", "typo", 5, 6, "庄", "压", "accepted"),
        LogRecord("a", "merge", 1, 3, "\n\n", "", "accepted"),
        LogRecord("c", "typo", 8, 9, "x", "y", "rejected"),
    ]
    assert changes_of(records) == [DiffChange(1, 3, "", "a"), DiffChange(5, 6, "压", "b")]


def test_a_window_of_rows_is_found_without_walking_the_article() -> None:
    """Rows near the end of a long article: only the rows asked for are made."""
    text = "".join(f"第{i}段，一些文字。\n\n" for i in range(20000))
    changes = [DiffChange(p, p + 1, "", f"m{p}") for p in range(10, len(text), 400)]
    index = RowIndex(text, changes)
    rows = index.around(len(text) - 50, 500, 20)
    assert rows and rows[-1].start == text.rindex("第")  # the last line (blank ones left out)
    assert index.rows_made <= 2 * 20 + 2


def test_the_sessions_changes_are_its_edits_in_slices_and_reused_while_unchanged() -> None:
    from corpusfix.core.document import build_document
    from corpusfix.core.session import ReviewSession
    from corpusfix.core.suggestion import Suggestion
    from corpusfix.export.diff_rows import session_changes, sorted_changes

    text = "".join(f"第{i}段变庄器。\n\n" for i in range(40))
    found = [
        Suggestion(f"t{i}", "typo", "t", 9 * i + 3, 9 * i + 4, "压", 0.9, "t") for i in range(40)
    ]
    session = ReviewSession(build_document(text), found)
    for s in found[::3]:
        session.accept(s.id)
    session.reject(found[1].id)
    session.edit_text(9 * 5 + 1, 9 * 5 + 2, "五", by="editor")  # a manual edit too
    known: dict[str, DiffChange] = {}

    def gathered() -> list[DiffChange]:
        parts = list(session_changes(session, step=7, known=known))
        assert len(parts) > 1  # in slices
        return sorted_changes(c for part in parts for c in part)

    want = sorted(DiffChange(e.start, e.end, e.text, e.suggestion.id) for e in session.edits())
    first = gathered()
    assert first == want and len(want) == 15
    session.accept(found[2].id)
    again = gathered()
    assert again == sorted(
        DiffChange(e.start, e.end, e.text, e.suggestion.id) for e in session.edits()
    )
    assert all(any(a is b for b in first) for a in again if a.id != found[2].id)  # reused
