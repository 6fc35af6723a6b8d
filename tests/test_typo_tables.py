"""The typo check's tables, built the fast way at start-up, equal their plain definitions."""

from __future__ import annotations

from corpusfix import lexicon
from corpusfix.detectors.typos import tables
from corpusfix.detectors.typos.lm import MAX_WORD
from corpusfix.paths import resource_path


def test_the_word_list_reads_the_same_as_line_by_line() -> None:
    text = resource_path("lexicon", "words.tsv").read_text("utf-8")
    fast = lexicon.word_frequencies()
    assert list(fast.items()) == list(lexicon._parse_lines(text).items())  # order too
    assert len(fast) == 348_436


def test_a_word_list_the_one_split_would_misread_is_read_line_by_line() -> None:
    for text in (
        "# header\n甲乙\t5\n丙 丁\t4\n",  # a space inside a word
        "# header\n甲乙\t5\n# a comment further down\n丙丁\t4\n",
        "甲乙\t5\n\n丙丁\t4",  # an empty line, no newline at the end
        "甲乙\t\t5\n",
        "甲 1\t5\n\t6\n",  # a space and a number in a word, an empty word
    ):
        assert lexicon._parse(text) == lexicon._parse_lines(text), text


def test_the_tables_equal_their_plain_definitions() -> None:
    freq = lexicon.word_frequencies()
    words = frozenset(w for w, f in freq.items() if len(w) >= 2 and f >= tables.MIN_WORD_FREQ)
    assert tables.words() == words

    flags: dict[str, int] = {}
    for w in words:
        if len(w) == 2:
            flags[w] = flags.get(w, 0) | tables.IS_WORD
        elif len(w) <= 4:
            flags[w[:2]] = flags.get(w[:2], 0) | tables.STARTS_LONGER
    for w in tables.homophones():
        flags[w] = flags.get(w, 0) | tables.HAS_HOMOPHONE
    assert tables.bigram_flags() == flags
    assert tables.long_word_starts() == frozenset(w[:2] for w in words if len(w) >= 5)

    after: dict[str, set[str]] = {}
    before: dict[str, set[str]] = {}
    by_prefix: dict[str, set[str]] = {}
    by_suffix: dict[str, set[str]] = {}
    for w in words:
        if len(w) == 2:
            after.setdefault(w[0], set()).add(w[1])
            before.setdefault(w[1], set()).add(w[0])
        if len(w) == 4:
            by_prefix.setdefault(w[:3], set()).add(w[3])
            by_suffix.setdefault(w[1:], set()).add(w[0])
    assert tables.completions() == (
        {k: frozenset(v) for k, v in after.items()},
        {k: frozenset(v) for k, v in before.items()},
    )
    assert tables.four_char_index() == (
        {k: "".join(sorted(v)) for k, v in by_prefix.items()},
        {k: "".join(sorted(v)) for k, v in by_suffix.items()},
    )
    assert tables.three_char_starts() == frozenset(by_prefix)

    fills: dict[str, str] = {}
    for w, f in freq.items():  # most frequent first: so is each fill
        if f >= tables.LONG_WORD_FREQ and 3 <= len(w) <= 4:
            for k in range(len(w)):
                key = w[:k] + tables.WILDCARD + w[k + 1 :]
                fills[key] = fills.get(key, "") + w[k]
    assert list(tables.long_word_patterns().items()) == list(fills.items())

    lm = tables.language_model()
    known = frozenset(w for w in words if len(w) <= MAX_WORD and w in lm)
    assert lm._known == known
    assert lm._long_starts == frozenset(w[:2] for w in known if len(w) > 2)
