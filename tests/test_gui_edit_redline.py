"""The article with decisions in place (gui/redline.py, no Qt): what is on screen, where each
original character is, and how a keystroke becomes one engine edit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusfix.core.document import build_document
from corpusfix.core.errors import ConflictError
from corpusfix.core.session import ReviewSession
from corpusfix.core.suggestion import Suggestion
from corpusfix.gui.redline import Redline, qt_len

TEXT = "贯彻落会议精神，\r\n变庄器已修好。𠀀完"


def redline_of(session: ReviewSession) -> Redline:
    return Redline(
        session.doc.text,
        [
            (e.suggestion.id, e.start, e.end, e.text, e.suggestion.kind == "manual")
            for e in session.edits()
        ],
    )


def session_with_decisions() -> ReviewSession:
    at = TEXT.index("庄")
    found = [
        Suggestion("s1", "typo", "t", 3, 3, "实", 0.9, "insert"),
        Suggestion("s2", "typo", "t", at, at + 1, "压", 0.9, "replace"),
        Suggestion("s3", "merge", "t", 8, 10, "", 0.9, "join"),
    ]
    session = ReviewSession(build_document(TEXT), found)
    for s in found:
        session.accept(s.id, by="lin")
    return session


def test_every_change_is_shown_struck_and_inserted_in_place() -> None:
    red = redline_of(session_with_decisions())
    assert red.display == "贯彻落实会议精神，\n变庄压器已修好。𠀀完"  # the struck join is the ⏎
    shown = red.display
    for p in red.placed:
        a, b = p.struck
        assert shown[a:b] == TEXT[p.start : p.end].replace("\r\n", "\n")
        i0, i1 = p.inserted
        assert shown[i0:i1] == p.after
    assert len(red) == qt_len(shown)


def test_original_offsets_map_to_the_screen_and_back() -> None:
    red = redline_of(session_with_decisions())
    units = red.display.encode("utf-16-le")
    struck = [(p.start, p.end) for p in red.placed]
    for offset, ch in enumerate(TEXT):
        if ch == "\n" and TEXT[offset - 1] == "\r":
            continue  # a CRLF is one break on screen
        qt = red.to_qt(offset)
        assert units[2 * qt : 2 * qt + 2] == ("\n" if ch == "\r" else ch).encode("utf-16-le")[:2]
        if not any(a < offset < b for a, b in struck):
            assert red.from_qt(qt) == offset


def test_a_keystroke_in_plain_text_is_an_edit_of_the_original() -> None:
    session = session_with_decisions()
    red = redline_of(session)
    at = TEXT.index("已")
    pos = red.to_qt(at)
    done = red.compose(pos, pos + 1, "早")
    assert (done.start, done.end, done.text, done.merged) == (at, at + 1, "早", ())
    session.edit_text(done.start, done.end, done.text, by="lin")
    assert session.clean_text() == "贯彻落实会议精神，变压器早修好。𠀀完"


def test_typing_inside_a_decided_finding_is_refused() -> None:
    red = redline_of(session_with_decisions())
    s2 = red.by_id["s2"]
    with pytest.raises(ConflictError, match="s2"):
        red.compose(s2.inserted[0], s2.inserted[1], "x")
    with pytest.raises(ConflictError, match="s2"):
        red.compose(s2.struck[0] + 0, s2.inserted[1] - 0, "")
    # right after it is plain text again
    done = red.compose(s2.inserted[1], s2.inserted[1], "!")
    assert done.start == done.end == TEXT.index("器")


def test_typing_on_and_backspacing_in_a_manual_edit_keep_one_record() -> None:
    session = ReviewSession(build_document(TEXT), [])
    at = TEXT.index("已")
    for ch in "早就":
        red = redline_of(session)
        caret = red.to_qt(at) if not session.manual_edits() else red.placed[-1].inserted[1]
        d = red.compose(caret, caret, ch)
        session.edit_text(d.start, d.end, d.text, by="lin")
    (m,) = session.manual_edits()
    assert (m.start, m.end, m.replacement) == (at, at, "早就")
    red = redline_of(session)
    end = red.placed[-1].inserted[1]
    d = red.compose(end - 1, end, "")  # Backspace on 就
    session.edit_text(d.start, d.end, d.text, by="lin")
    assert [x.replacement for x in session.manual_edits()] == ["早"]
    red = redline_of(session)
    before = red.placed[-1].span[0]
    d = red.compose(before - 1, before, "")  # Backspace on the original 器 before it
    session.edit_text(d.start, d.end, d.text, by="lin")
    (m,) = session.manual_edits()
    assert (m.start, m.end, m.replacement) == (at - 1, at, "早")
    assert session.clean_text() == TEXT.replace("器已", "早已")


@settings(deadline=None, max_examples=150)
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 3), st.text("ab压⏎\n", max_size=3)),
        max_size=12,
    )
)
def test_screen_edits_keep_the_clean_text_what_the_screen_shows(
    steps: list[tuple[int, int, str]],
) -> None:
    """Whatever is typed where: the clean text is the screen minus the struck text."""
    session = ReviewSession(build_document("一二三四五六七八九十\n甲乙丙丁"), [])
    for pos, width, typed in steps:
        red = redline_of(session)
        p = min(pos, len(red))
        q = min(p + width, len(red))
        struck = {i for e in red.placed for i in range(*e.struck)}
        shown = red.display
        expected = (
            "".join(c for i, c in enumerate(shown[:p]) if i not in struck)
            + typed
            + "".join(c for i, c in enumerate(shown[q:], q) if i not in struck)
        )
        d = red.compose(p, q, typed)
        session.edit_text(d.start, d.end, d.text, by="lin")
        assert session.clean_text() == expected


@settings(deadline=None, max_examples=150)
@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 4), st.text("ab压\n", max_size=3)),
        max_size=12,
    )
)
def test_screen_edits_next_to_decided_findings(steps: list[tuple[int, int, str]]) -> None:
    """With decided findings on screen: an edit is refused, or the clean text is the screen
    minus the struck text (the findings' new text kept as shown), and the log replays."""
    text = "一二三四五\r\n六七八九十\n甲乙丙丁"
    found = [
        Suggestion("s1", "typo", "t", 1, 2, "贰", 0.9, "r"),
        Suggestion("s2", "merge", "t", 5, 7, "", 0.9, "join"),
        Suggestion("s3", "typo", "t", 9, 9, "插", 0.9, "insert"),
        Suggestion("s4", "typo", "t", 13, 14, "乙乙", 0.9, "pending"),
    ]
    session = ReviewSession(build_document(text), found)
    for sid in ("s1", "s2", "s3"):
        session.accept(sid, by="lin")
    for pos, width, typed in steps:
        red = redline_of(session)
        p = min(pos, len(red))
        q = min(p + width, len(red))
        struck = {i for e in red.placed for i in range(*e.struck)}
        shown = red.display
        expected = (
            "".join(c for i, c in enumerate(shown[:p]) if i not in struck)
            + typed
            + "".join(c for i, c in enumerate(shown[q:], q) if i not in struck)
        )
        try:
            d = red.compose(p, q, typed)
            session.edit_text(d.start, d.end, d.text, by="lin")
        except ConflictError:
            continue
        assert session.clean_text().replace("\r\n", "\n") == expected
    # whatever happened, the log of it is one that replays (no overlapping applied records)
    from corpusfix.core.changelog import build_changelog, parse_changelog

    log = build_changelog(session, original_name="a", clean_bytes=b"", out_encoding="utf_8")
    parse_changelog(log.to_bytes())
