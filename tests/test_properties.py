"""Property tests: replaying the log reproduces the clean text; untouched text is byte-identical."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpusfix.core.changelog import parse_changelog, replay
from corpusfix.core.document import build_document
from corpusfix.core.loading import decode, encode_text
from corpusfix.core.session import ReviewSession
from corpusfix.core.suggestion import Suggestion
from corpusfix.export.writer import render

ALPHABET = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质族写确华节况记设清全打给候深建"
ENCODINGS = ["utf_8", "gb18030", "big5hkscs", "utf_16_le"]
FILLER = st.sampled_from(
    [*list(ALPHABET), "，", "。", "“", "”", "\n", "\n\n", "\r\n", " ", "A", "7", ",", "("]
)


@st.composite
def case(draw):  # type: ignore[no-untyped-def]
    encoding = draw(st.sampled_from(ENCODINGS))
    text = "".join(draw(st.lists(FILLER, min_size=1, max_size=200)))
    text = "".join(ch for ch in text if _encodable(ch, encoding)) or "的"
    if not text.strip():
        text += "的"
    bom = encoding == "utf_16_le" or (draw(st.booleans()) and encoding == "utf_8")
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    spans = []
    last = -1
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a > last and b >= a:  # non-overlapping, no two insertions at one point
            spans.append((a, b))
            last = b
    repls = [draw(st.text(alphabet="乙丙丁，", max_size=3)) for _ in spans]
    accepted = [draw(st.booleans()) for _ in spans]
    return encoding, bom, text, spans, repls, accepted


def _encodable(ch: str, enc: str) -> bool:
    try:
        return ch.encode(enc).decode(enc) == ch
    except UnicodeError:
        return False


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case())
def test_replay_reproduces_clean_and_untouched_text_is_identical(data) -> None:  # type: ignore[no-untyped-def]
    encoding, bom, text, spans, repls, accepted = data
    raw = encode_text(text, encoding, bom)
    loaded = decode(raw, encoding.replace("_le", "") if encoding == "utf_16_le" else encoding)
    assert loaded.text == text
    doc = build_document(loaded.text, loaded=loaded)
    suggestions = [
        Suggestion(f"s{i + 1}", "typo", "test", a, b, r, 0.9, "m", candidates=(r,))
        for i, ((a, b), r) in enumerate(zip(spans, repls, strict=True))
    ]
    session = ReviewSession(doc, suggestions)
    for s, ok in zip(suggestions, accepted, strict=True):
        if ok:
            session.accept(s.id)
        else:
            session.reject(s.id)
    result = render(session, original_name="x.txt")
    # Replaying the log on the original bytes gives exactly the clean bytes.
    log = parse_changelog(result.log.to_bytes())
    assert replay(raw, log) == result.clean
    # Text outside accepted spans comes out as it went in.
    expected = []
    pos = 0
    for (a, b), r, ok in zip(spans, repls, accepted, strict=True):
        if ok:
            expected.append(text[pos:a])
            expected.append(r)
            pos = b
    expected.append(text[pos:])
    assert result.clean == encode_text("".join(expected), encoding, bom)
    if not any(accepted):
        assert result.clean == raw
