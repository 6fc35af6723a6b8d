"""Build resources/lexicon/words.tsv from jieba's dictionary (MIT licence).

    python scripts/build_lexicon.py [--jieba-dict PATH]

Keeps Han words of 1–8 characters with their jieba frequency, most frequent first (ties by
word), so that the resource is reproducible and the words read first — the ones every text asks
about — sit side by side in memory at run time (fewer CPU cache misses in the typo check's
lookups). jieba is needed only to build, not at run time.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{1,8}$")
OUT = Path(__file__).resolve().parents[1] / "resources" / "lexicon" / "words.tsv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jieba-dict", type=Path, default=None)
    args = ap.parse_args()
    path = args.jieba_dict
    if path is None:
        import jieba

        path = Path(jieba.__file__).with_name("dict.txt")
    words: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
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


if __name__ == "__main__":
    main()
