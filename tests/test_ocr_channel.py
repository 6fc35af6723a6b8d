"""The measured OCR channel: counts, priors for unseen pairs, learned counts on top."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpusfix.detectors.typos import channel as channel_module
from corpusfix.detectors.typos.channel import Channel, format_counts, read_counts

ROWS = [
    "# meant<TAB>shown<TAB>seen<TAB>counts",
    "质\t200\t岳贡\t8,2",
    "量\t100\t和\t5",
    "的\t1000\t\t",
]
VISUAL = {"质": {"贡": 0.8, "后": 0.5}, "量": {"里": 0.7}}
SOUND = {"质": {"治": 0.9}}


def channel() -> Channel:
    shown, seen_as = read_counts(ROWS)
    return Channel(shown, seen_as, lambda c: VISUAL.get(c, {}), lambda c: SOUND.get(c, {}))


def test_measured_pairs_outweigh_pairs_never_seen() -> None:
    ch = channel()
    assert ch.rate == pytest.approx(15 / 1300)
    assert ch.prob("岳", "质") > ch.prob("贡", "质") > ch.prob("后", "质")
    # glyph prior over sound prior over neither, for pairs never measured
    assert ch.prob("后", "质") > ch.prob("治", "质") > ch.prob("猫", "质") > 0.0
    # the count dominates: 8 of 200 shown, the prior holding PRIOR_SHARE of the mass (200 · 0.25
    # = 50 pseudo-counts, more than ALPHA's 10)
    assert ch.prob("岳", "质") == pytest.approx((8 + 50 * ch.prior("岳", "质")) / 250)
    assert ch.prob("岳", "质") == pytest.approx(8 / 250, rel=0.05)
    # a character mostly read right
    assert ch.prob("质", "质") == pytest.approx((190 + 50 * (1 - ch.rate)) / 250)
    assert ch.prob("的", "的") > 0.99


def test_the_prior_keeps_its_share_however_often_a_character_was_shown() -> None:
    # Shown 100,000 times and never misread as 贡: a bigger measurement must not make every
    # pair it did not see (another font's slips) vanish.
    many = Channel({"质": 100_000}, {"质": {"岳": 100}}, VISUAL.get, SOUND.get)
    few = Channel({"质": 1_000}, {"质": {"岳": 1}}, VISUAL.get, SOUND.get)
    assert pytest.approx(0.2) == channel_module.PRIOR_SHARE
    for ch in (many, few):
        assert ch.prob("贡", "质") == pytest.approx(0.2 * ch.prior("贡", "质"))
        assert ch.prob("岳", "质") == pytest.approx(0.8 * 0.001 + 0.2 * ch.prior("岳", "质"))
    # a character shown only a few times: ALPHA pseudo-counts, as before
    rare = Channel({"质": 20}, {"质": {"岳": 1}}, VISUAL.get, SOUND.get)
    assert rare.prob("贡", "质") == pytest.approx(10 * rare.prior("贡", "质") / 30)


def test_a_character_never_shown_falls_back_to_the_prior() -> None:
    ch = channel()
    assert ch.prob("猫", "狗") == pytest.approx(ch.prior("猫", "狗"))


def test_candidates_put_measured_misreadings_first() -> None:
    ch = channel()
    # 岳 was measured as a reading of 质 only; 和 of 量
    assert ch.candidates("岳", 3)[0][0] == "质"
    assert ch.candidates("和", 1) == [("量", ch.prob("和", "量"))]
    # for 贡: measured 质 first, then its own look-alikes and sound-alikes by prior
    VISUAL["贡"] = {"页": 0.6, "质": 0.8}
    try:
        got = [m for m, _ in ch.candidates("贡", 5)]
    finally:
        del VISUAL["贡"]
    assert got == ["质", "页"]


def test_learned_counts_add_on_top() -> None:
    ch = channel()
    learned = ch.plus({"量": 3, "国": 2}, {"量": {"和": 3}, "国": {"图": 2}})
    assert learned.prob("和", "量") > ch.prob("和", "量")
    assert learned.prob("图", "国") > 0.1 > ch.prob("图", "国")
    assert ch.shown["量"] == 100  # the shipped channel is left as it was


def test_rows_round_trip(tmp_path: Path) -> None:
    shown, seen_as = read_counts(ROWS)
    path = tmp_path / "c.tsv"
    path.write_text("\n".join(format_counts(shown, seen_as)) + "\n", "utf-8")
    again = Channel.from_tsv(path, lambda c: {}, lambda c: {})
    assert again.shown == shown and again.seen_as == seen_as


def test_the_shipped_channel_is_bounded_and_sane() -> None:
    from corpusfix.detectors.typos import tables
    from corpusfix.paths import resource_path

    path = resource_path("similarity", "ocr_channel.tsv")
    assert path.stat().st_size < 1024 * 1024
    ch = tables.ocr_channel()
    assert len(ch.shown) > 2000 and 0.005 < ch.rate < 0.2
    # common characters are mostly read right, and probabilities stay probabilities
    assert tables.channel_prob("的", "的") > 0.9
    for meant, row in list(ch.seen_as.items())[:200]:
        for seen in row:
            assert 0.0 < tables.channel_prob(seen, meant) < 1.0
        total = sum(ch.prob(s, meant) for s in row) + ch.prob(meant, meant)
        assert total <= 1.0 + 1e-9
    assert all(len(m) == 1 and p > 0.0 for m, p in tables.channel_candidates("岳", 10))


def test_prob_is_the_formula_of_the_module_docstring_to_the_bit() -> None:
    """Channel.prob works out a character's count, row and alpha once; the numbers must be
    those of prior() and the formula, exactly (the typo check's findings depend on them)."""
    from corpusfix.detectors.typos import tables

    ch = tables.ocr_channel()
    for meant in [*list(ch.shown)[:300], "质", "庄", "岳"]:
        n = ch.shown.get(meant, 0)
        row = ch.seen_as.get(meant, {})
        alpha = max(
            channel_module.ALPHA,
            n * channel_module.PRIOR_SHARE / (1.0 - channel_module.PRIOR_SHARE),
        )
        pairs = [*row, *tables.visual().get(meant), *tables.phonetic().get(meant), "的"]
        for seen in pairs:
            if seen == meant:
                continue
            want = (row.get(seen, 0) + alpha * ch.prior(seen, meant)) / (n + alpha)
            assert ch.prob(seen, meant) == want


def test_no_pair_of_the_shipped_channel_is_more_likely_than_certain() -> None:
    """P(seen | meant) <= 1 for every pair: the candidates from context rely on it (a
    character the model alone does not prefer is dropped before the channel is asked)."""
    from corpusfix.detectors.typos import tables

    ch = tables.ocr_channel()
    for meant, n in ch.shown.items():
        assert sum(ch.seen_as.get(meant, {}).values()) <= n
    for meant in list(ch.shown)[:500]:
        for seen in [meant, *tables.visual().get(meant), *ch.seen_as.get(meant, {})]:
            assert 0.0 < tables.channel_prob(seen, meant) <= 1.0
            assert tables.log_channel_prob(seen, meant) <= 0.0
