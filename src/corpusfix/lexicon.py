"""The shipped word list with frequencies (resources/lexicon/words.tsv), loaded once on demand."""

from __future__ import annotations

from functools import lru_cache

from corpusfix.paths import resource_path


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, int]:
    """Word → frequency, in the file's order (most frequent first)."""
    text = resource_path("lexicon", "words.tsv").read_text("utf-8")
    return _parse(text)


def _parse(text: str) -> dict[str, int]:
    """``word<TAB>count`` lines; those starting with # are comments, empty ones are skipped."""
    body = text
    while body.startswith("#"):  # the header
        body = body.partition("\n")[2]
    # Start-up: one split of the whole text into words and counts, no string per line (~1.5×
    # faster). Only where that reads each line as it is: one tab in every line (so no empty
    # line), no comment past the header; else line by line.
    fields = body.replace("\t", "\n").split("\n")
    if fields[-1] == "":  # the last line's newline
        fields.pop()
    lines = body.count("\n") + (not body.endswith("\n"))
    if len(fields) == 2 * lines == 2 * body.count("\t") and "\n#" not in body:
        it = iter(fields)
        return dict(zip(it, map(int, it), strict=True))
    return _parse_lines(text)


def _parse_lines(text: str) -> dict[str, int]:
    parts = [ln.partition("\t") for ln in text.split("\n") if ln and not ln.startswith("#")]
    return {word: int(count) for word, _, count in parts}


def is_word(text: str, min_freq: int = 1) -> bool:
    return word_frequencies().get(text, 0) >= min_freq


def word_across(before: str, after: str, min_freq: int = 20) -> str | None:
    """The most frequent lexicon word that spans a break between two texts (努|力, 资|金链).

    None when the text before the break already ends with a word of its own (之一|张, 面前|人):
    a break at a word boundary says nothing.
    """
    freq = word_frequencies()
    if len(before) >= 2 and freq.get(before[-2:], 0) >= min_freq:
        return None
    best: tuple[int, str] | None = None
    for k in (1, 2, 3):
        for m in (1, 2, 3):
            if k > len(before) or m > len(after) or k + m > 4:
                continue
            w = before[-k:] + after[:m]
            f = freq.get(w, 0)
            if f >= min_freq and (best is None or f > best[0]):
                best = (f, w)
    return best[1] if best else None
