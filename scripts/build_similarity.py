"""Build the look-alike and sound-alike tables in resources/similarity/.

    python scripts/build_similarity.py        (needs numpy, pypinyin and PySide6; build time only)

Characters: the 6,763 of GB2312 (the common simplified set) plus the characters of the lexicon's
words of frequency >= 50 that GB2312 lacks; look-alikes and sound-alikes are drawn from GB2312
only (a rare character is almost never the right correction).

visual.tsv — OCR look-alikes computed from the characters themselves: each glyph is drawn with
WenQuanYi Micro Hei by Qt at two sizes, blurred a little (OCR confusions are about shape, not
pixel alignment), and compared by cosine similarity of the whole glyph and of its halves (top,
bottom, left, right): two characters that share a frame or a component and differ in a small
part (庄/压, 具/县) score high on a half even when the whole glyph differs. Score = 0.6·whole +
0.4·best half, times the square root of the two glyphs' ink ratio (OCR keeps a glyph's
complexity: 具 is read as 县, not as 暴). The 50 best per character are kept with their score.

phonetic.tsv — sound-alikes from pypinyin (MIT) main readings: same syllable
and tone (s=1.0), same syllable other tone (0.8), fuzzy initial/final (zh/z, ch/c, sh/s, n/l,
f/h, r/l, an/ang, en/eng, in/ing; 0.5).

homophones.tsv — real-word homophone slips (地方→敌方, 注意→主意): for each two-character word of
the lexicon, the words that sound the same (toneless main readings), are at least RATIO times as
frequent and have a frequency of at least MIN_ALT_FREQ. A slip can go either way (地里 written
as the more common 地理), so rarer alternatives count too; the typo detector weighs the
frequency ratio as evidence.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "similarity"
FONT = "WenQuanYi Micro Hei"
TOP = 50
RATIO = 0.5
MIN_ALT_FREQ = 100
COMMON = 6763  # the GB2312 characters come first in charset()


def charset() -> list[str]:
    chars: list[str] = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            chars.append(ch)
    seen = set(chars)
    lex = ROOT / "resources" / "lexicon" / "words.tsv"
    # In word order (the file is in frequency order): the characters' order decides ties.
    for line in sorted(lex.read_text(encoding="utf-8").splitlines()):
        if line.startswith("#"):
            continue
        word, freq = line.split("\t")
        if int(freq) >= 50:
            for ch in word:
                if ch not in seen:
                    seen.add(ch)
                    chars.append(ch)
    return chars


def render(chars: list[str], size: int) -> np.ndarray:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    font = QFont(FONT)
    font.setPixelSize(int(size * 0.9))
    out = np.zeros((len(chars), size, size), dtype=np.float32)
    for i, ch in enumerate(chars):
        img = QImage(size, size, QImage.Format.Format_Grayscale8)
        img.fill(QColor(255, 255, 255))
        p = QPainter(img)
        p.setFont(font)
        p.setPen(QColor(0, 0, 0))
        p.drawText(QRect(0, 0, size, size), int(Qt.AlignmentFlag.AlignCenter), ch)
        p.end()
        ptr = img.constBits()
        arr = np.frombuffer(ptr, dtype=np.uint8).reshape(size, img.bytesPerLine())[:, :size]
        out[i] = (255.0 - arr) / 255.0
    return out


def blur(imgs: np.ndarray) -> np.ndarray:
    k = np.array([0.25, 0.5, 0.25], dtype=np.float32)
    padded = np.pad(imgs, ((0, 0), (1, 1), (1, 1)))
    rows = k[0] * padded[:, :-2, :] + k[1] * padded[:, 1:-1, :] + k[2] * padded[:, 2:, :]
    return k[0] * rows[:, :, :-2] + k[1] * rows[:, :, 1:-1] + k[2] * rows[:, :, 2:]


def unit(v: np.ndarray) -> np.ndarray:
    v = v.reshape(len(v), -1)
    v = v - v.mean(axis=1, keepdims=True)
    n = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.maximum(n, 1e-6)


def visual(chars: list[str]) -> list[tuple[str, str, float]]:
    score = np.zeros((len(chars), len(chars)), dtype=np.float32)
    ink = np.zeros(len(chars), dtype=np.float32)
    for size in (24, 32):
        raw = render(chars, size)
        ink += raw.reshape(len(chars), -1).sum(axis=1)
        imgs = blur(raw)
        h = size // 2
        whole = unit(imgs)
        parts = [imgs[:, :h, :], imgs[:, h:, :], imgs[:, :, :h], imgs[:, :, h:]]
        best_half = np.full_like(score, -1.0)
        for part in parts:
            u = unit(part)
            np.maximum(best_half, u @ u.T, out=best_half)
        score += 0.5 * (0.6 * (whole @ whole.T) + 0.4 * best_half)
    # OCR keeps a glyph's complexity: scale by the square root of the ink ratio (具/暴 drop).
    score *= np.sqrt(np.minimum.outer(ink, ink) / np.maximum.outer(ink, ink))
    np.fill_diagonal(score, -np.inf)
    score[:, COMMON:] = -np.inf
    rows: list[tuple[str, str, float]] = []
    for i, ch in enumerate(chars):
        idx = np.argpartition(-score[i], TOP)[:TOP]
        for j in idx[np.argsort(-score[i][idx])]:
            rows.append((ch, chars[j], float(score[i][j])))
    return rows


FUZZY_INITIALS = {"zh": "z", "ch": "c", "sh": "s", "n": "l", "f": "h", "r": "l"}
FUZZY_FINALS = {"ang": "an", "eng": "en", "ing": "in", "iang": "ian", "uang": "uan"}


def fuzzy(syllable: str) -> str:
    from pypinyin.style._utils import get_finals, get_initials

    ini = get_initials(syllable, strict=False)
    fin = get_finals(syllable, strict=False)
    return FUZZY_INITIALS.get(ini, ini) + FUZZY_FINALS.get(fin, fin)


def phonetic(chars: list[str]) -> list[tuple[str, str, float]]:
    from pypinyin import Style, pinyin

    tone: dict[str, set[str]] = {}
    for ch in chars:
        # The main reading only: pypinyin's rare readings (庄 peng2) would make noise.
        tone[ch] = {pinyin(ch, style=Style.TONE3, neutral_tone_with_five=True)[0][0]}
    by_tone: dict[str, set[str]] = {}
    by_plain: dict[str, set[str]] = {}
    by_fuzzy: dict[str, set[str]] = {}
    for ch, readings in tone.items():
        for r in readings:
            plain = r.rstrip("12345")
            by_tone.setdefault(r, set()).add(ch)
            by_plain.setdefault(plain, set()).add(ch)
            by_fuzzy.setdefault(fuzzy(plain), set()).add(ch)
    rows: list[tuple[str, str, float]] = []
    common = set(chars[:COMMON])
    for ch in chars:
        best: dict[str, float] = {}
        for r in tone[ch]:
            plain = r.rstrip("12345")
            for group, s in (
                (by_fuzzy[fuzzy(plain)], 0.5),
                (by_plain[plain], 0.8),
                (by_tone[r], 1.0),
            ):
                for other in group:
                    if other != ch and other in common and best.get(other, 0.0) < s:
                        best[other] = s
        for other, s in sorted(best.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append((ch, other, s))
    return rows


def homophone_words() -> list[tuple[str, str]]:
    from pypinyin import Style, lazy_pinyin

    freq: dict[str, int] = {}
    lex = ROOT / "resources" / "lexicon" / "words.tsv"
    for line in lex.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            word, f = line.split("\t")
            if len(word) == 2 and int(f) >= 3:
                freq[word] = int(f)
    groups: dict[str, list[str]] = {}
    for word in freq:
        groups.setdefault(" ".join(lazy_pinyin(word, style=Style.NORMAL)), []).append(word)
    rows: list[tuple[str, str]] = []
    for members in groups.values():
        for word in members:
            better = [
                w for w in members if w != word and freq[w] >= max(MIN_ALT_FREQ, RATIO * freq[word])
            ]
            if better:
                better.sort(key=lambda w: (-freq[w], w))
                rows.append((word, "".join(better)))
    rows.sort()
    return rows


def write(path: Path, header: str, rows: list[tuple[str, str, float]]) -> None:
    """One line per character: char, its alikes best first, their scores in hundredths."""
    grouped: dict[str, list[tuple[str, float]]] = {}
    for a, b, s in rows:
        grouped.setdefault(a, []).append((b, s))
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# {header}; built by scripts/build_similarity.py\n")
        for a in sorted(grouped):
            alikes = grouped[a]
            scores = ",".join(str(round(s * 100)) for _, s in alikes)
            fh.write(f"{a}\t{''.join(b for b, _ in alikes)}\t{scores}\n")
    print(f"{len(rows)} pairs -> {path} ({path.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    chars = charset()
    print(f"{len(chars)} characters")
    write(OUT / "visual.tsv", f"char<TAB>look-alikes<TAB>scores x100, {FONT} glyphs", visual(chars))
    write(
        OUT / "phonetic.tsv",
        "char<TAB>sound-alikes<TAB>scores x100, pypinyin readings",
        phonetic(chars),
    )
    rows = homophone_words()
    with (OUT / "homophones.tsv").open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# word<TAB>same-sounding words (frequency >= 100 and >= half the word's), most frequent first;"
            " built by scripts/build_similarity.py\n"
        )
        for word, better in rows:
            fh.write(f"{word}\t{better}\n")
    print(f"{len(rows)} words with same-sounding alternatives -> homophones.tsv")


if __name__ == "__main__":
    main()
