"""Build resources/lexicon/words.tsv and transliteration.txt from jieba's dictionary (MIT licence).

    python scripts/build_lexicon.py [--jieba-dict PATH]

Keeps Han words of 1–8 characters with their jieba frequency, most frequent first (ties by
word), so that the resource is reproducible and the words read first — the ones every text asks
about — sit side by side in memory at run time (fewer CPU cache misses in the typo check's
lookups). jieba is needed only to build, not at run time.

transliteration.txt: the characters of transliterated foreign names (阿尔及利亚, 皮斯托瑞斯): those
in at least TRANSLIT_WORDS of jieba's words tagged ``nrt`` (transliterated person names), where
such words are at least TRANSLIT_SHARE of the words holding the character (so 尔 斯 拉 克 are in,
人 王 大 are not). The typo check leaves stretches among such characters alone.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{1,8}$")
OUT = Path(__file__).resolve().parents[1] / "resources" / "lexicon" / "words.tsv"
TRANSLIT_OUT = OUT.with_name("transliteration.txt")
TRANSLIT_WORDS = 10
TRANSLIT_SHARE = 0.1


def transliteration_chars(lines: list[str]) -> str:
    """The characters of transliterated names (module docstring), most such words first."""
    nrt: Counter[str] = Counter()
    every: Counter[str] = Counter()
    for line in lines:
        parts = line.split()
        if len(parts) < 3 or not HAN_WORD.match(parts[0]):
            continue
        for ch in set(parts[0]):
            every[ch] += 1
            if parts[2] == "nrt":
                nrt[ch] += 1
    return "".join(
        ch
        for ch, n in sorted(nrt.items(), key=lambda kv: (-kv[1], kv[0]))
        if n >= TRANSLIT_WORDS and n / every[ch] >= TRANSLIT_SHARE
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jieba-dict", type=Path, default=None)
    args = ap.parse_args()
    path = args.jieba_dict
    if path is None:
        import jieba

        path = Path(jieba.__file__).with_name("dict.txt")
    words: dict[str, int] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and HAN_WORD.match(parts[0]):
            words[parts[0]] = max(words.get(parts[0], 0), int(parts[1]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# word<TAB>frequency, from jieba 0.42.1 dict.txt (MIT); built by scripts/build_lexicon.py\n"
        )
        for w in sorted(words, key=lambda w: (-words[w], w)):
            fh.write(f"{w}\t{words[w]}\n")
    print(f"{len(words)} words -> {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
    chars = transliteration_chars(lines)
    TRANSLIT_OUT.write_text(
        "# characters of transliterated foreign names, from jieba 0.42.1 dict.txt (MIT): in >= "
        f"{TRANSLIT_WORDS} nrt words, >= {TRANSLIT_SHARE:.0%} of the words holding them; "
        "built by scripts/build_lexicon.py\n" + chars + "\n",
        encoding="utf-8",
        newline="\n",
    )
    print(f"{len(chars)} transliteration characters -> {TRANSLIT_OUT}")


if __name__ == "__main__":
    main()
