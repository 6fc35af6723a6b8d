"""Bytes to text: encoding detection per file, BOM and newline style remembered.

Decisions (see docs/decisions.md):
- A BOM decides (UTF-8, UTF-16 LE/BE). Otherwise strict UTF-8 is tried first: valid UTF-8 of any
  length is practically never another encoding by accident.
- Otherwise charset-normalizer chooses, restricted to the encodings Chinese text comes in
  (GUIDE.md: unrestricted it guesses Korean/Thai for short GB18030 snippets).
- A file that no candidate decodes cleanly (two encodings mixed) is decoded by the candidate that
  leaves the fewest bytes undecodable; those bytes are kept as lone surrogates
  (``surrogateescape``) so that nothing is lost, and re-encoding restores them byte for byte.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass

from corpusfix.core.errors import InputError, UsageError
from corpusfix.core.reading import read_regular

# Encodings Chinese text really comes in, in the order ties are broken.
CHINESE_ENCODINGS = ("utf_8", "gb18030", "big5hkscs", "big5")
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
BINARY_MAGIC = (
    b"\x89PNG",
    b"%PDF",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\x1f\x8b",
)
_BOMS = (
    (codecs.BOM_UTF8, "utf_8"),
    (codecs.BOM_UTF16_LE, "utf_16_le"),
    (codecs.BOM_UTF16_BE, "utf_16_be"),
)
# Codecs whose byte order (and BOM) the bytes decide: name -> (BOMs to look for, the default).
_ORDERLESS = {
    "utf_8_sig": (((codecs.BOM_UTF8, "utf_8"),), "utf_8"),
    "utf_16": (
        ((codecs.BOM_UTF16_LE, "utf_16_le"), (codecs.BOM_UTF16_BE, "utf_16_be")),
        "utf_16_le",
    ),
    "utf_32": (
        ((codecs.BOM_UTF32_LE, "utf_32_le"), (codecs.BOM_UTF32_BE, "utf_32_be")),
        "utf_32_le",
    ),
}
_BOM_OF = {
    "utf_8": codecs.BOM_UTF8,
    "utf_16_le": codecs.BOM_UTF16_LE,
    "utf_16_be": codecs.BOM_UTF16_BE,
    "utf_32_le": codecs.BOM_UTF32_LE,
    "utf_32_be": codecs.BOM_UTF32_BE,
}
_ALIASES = {
    "utf8": "utf_8",
    "utf-8": "utf_8",
    "utf-8-sig": "utf_8_sig",  # UTF-8 that starts with a BOM (written with one)
    "gbk": "gb18030",  # GB18030 is a superset; decoding GBK text as GB18030 is lossless
    "gb2312": "gb18030",
    "cp936": "gb18030",
}


@dataclass(frozen=True)
class LoadedText:
    """A decoded file and what is needed to write it back the same way."""

    text: str
    encoding: str  # Python codec name, e.g. "utf_8", "gb18030"
    confidence: float  # 0..1, how sure the detection is
    bom: bool
    newline: str  # "lf", "crlf" or "cr": the dominant style
    sha256: str  # of the input bytes
    size: int  # bytes
    undecodable: int = 0  # bytes kept as surrogates (mixed encodings)
    name: str = ""


def _keep_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Like ``surrogateescape``, but passes ASCII bytes of an invalid sequence through as text.

    CJK decoders report a bad lead byte together with its (possibly ASCII) trail byte; plain
    ``surrogateescape`` refuses ASCII. Encoding with ``surrogateescape`` restores every byte.
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(chr(0xDC00 + b) if b >= 0x80 else chr(b) for b in bad), exc.end


codecs.register_error("corpusfix-keep", _keep_bytes)
KEEP = "corpusfix-keep"


def count_kept(text: str) -> int:
    """How many undecodable bytes a decoded text holds as lone surrogates."""
    return len(_KEPT.findall(text))


_KEPT = re.compile("[\udc80-\udcff]")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normalize_encoding(name: str) -> str:
    """Map a user-given encoding name to a Python codec name; UsageError if it names no text
    encoding (unknown, or a bytes/text transform such as rot13 or base64)."""
    key = name.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        info = codecs.lookup(key)
    except LookupError:
        raise UsageError(f"unknown encoding '{name}'") from None
    if not getattr(info, "_is_text_encoding", True):
        raise UsageError(f"'{name}' is not a text encoding (try utf-8, gb18030 or big5)")
    return info.name.replace("-", "_")


def detect_newline(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((lf, "lf"), (crlf, "crlf"), (cr, "cr"), key=lambda pair: pair[0])
    return best[1] if best[0] else "lf"


NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def read_input(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file's bytes, refusing what cannot be an article with a one-line reason.

    Only regular files, and never more than ``max_bytes`` (core/reading.py: a FIFO or a device
    would block or never end).
    """
    return read_regular(
        path,
        max_bytes,
        too_large=" for one article (split it, or use batch on a folder of articles)",
    )


_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27))


def _bom(data: bytes) -> tuple[str, int] | None:
    for mark, enc in _BOMS:
        if data.startswith(mark):
            return enc, len(mark)
    return None


def _looks_binary(data: bytes) -> bool:
    if data.startswith(BINARY_MAGIC):
        return True
    head = data[:65536]
    # Text in the supported (non UTF-16) encodings never contains NUL or many C0 controls.
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(head) // 100)


# What UTF-16 Chinese text is made of: ASCII text, Latin, general and CJK punctuation, kana,
# bopomofo, CJK ideographs (all planes, as surrogate pairs decode to them), fullwidth forms.
_UTF16_TEXT = re.compile(
    "[\t\n\f\r\x20-\x7e\xa0-\u024f\u2000-\u206f\u2e80-\u2fdf\u3000-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003ffff]"
)
UTF16_MIN_TEXT = 0.95  # share of such characters; random bytes give about 0.4


def _sniff_utf16(data: bytes) -> tuple[str, float, str] | None:
    """(codec, share of text characters, the text) when NUL-holding bytes are BOM-less UTF-16.

    Text in every other supported encoding has no NUL byte, so this never takes a file that
    loaded before. UTF-16 of ASCII characters puts a NUL in every other byte; the strict
    decoding must succeed, hold no U+0000 and consist almost wholly of text characters.
    """
    if len(data) % 2:
        return None
    head = data[:65536]
    best: tuple[str, float] | None = None
    for enc in ("utf_16_le", "utf_16_be"):
        try:
            text = codecs.getincrementaldecoder(enc)().decode(head, final=len(head) == len(data))
        except UnicodeDecodeError:
            continue
        if not text or "\x00" in text:
            continue
        share = len(_UTF16_TEXT.findall(text)) / len(text)
        if share < UTF16_MIN_TEXT or _paired_ascii(text):
            continue
        if best is None or share > best[1]:
            best = (enc, round(share, 3))
    if best is None:
        return None
    try:  # the whole file, once: decode() uses this text
        return best[0], best[1], data.decode(best[0])
    except UnicodeDecodeError:
        return None


_IDEOGRAPH = re.compile("[\u3400-\u9fff]")


def _paired_ascii(text: str) -> bool:
    """Are the "ideographs" ASCII bytes misread as UTF-16 (ASCII text with NULs in it)?

    A real ideograph's low byte is as good as random: about 63 % of them hold neither an ASCII
    character nor NUL there. Two ASCII bytes read as one unit, or an ASCII byte and a NUL read in
    the wrong order, always do.
    """
    ideographs = _IDEOGRAPH.findall(text)
    if len(ideographs) < 8:
        return False
    real = sum(1 for c in ideographs if not 0x20 <= ord(c) & 0xFF <= 0x7E and ord(c) & 0xFF)
    return real < 0.2 * len(ideographs)


# The high bytes of UTF-16 Chinese text: ASCII (NUL), punctuation, CJK ideographs, fullwidth.
_UTF16_HIGH = bytes([0x00, 0x20, 0x30, *range(0x34, 0xA0), 0xFE, 0xFF])


def _utf16_profile(head: bytes) -> bool:
    """Do the bytes at even or at odd offsets look like the high bytes of UTF-16 text?"""
    for side in (head[1::2], head[0::2]):
        if side and len(side.translate(None, _UTF16_HIGH)) <= 0.2 * len(side):
            return True
    return False


def _count_undecodable(data: bytes, encoding: str) -> int:
    return count_kept(data.decode(encoding, errors=KEEP))


def _detect(data: bytes) -> tuple[str, float]:
    """Choose an encoding for BOM-less, non-UTF-8 bytes."""
    from charset_normalizer import from_bytes  # imported lazily: costs ~50 ms

    matches = from_bytes(data, cp_isolation=list(CHINESE_ENCODINGS[1:]))
    best = matches.best()
    if best is not None:
        enc = normalize_encoding(best.encoding)
        if enc in ("gbk", "gb2312", "hz"):
            enc = "gb18030"
        confidence = max(0.0, min(1.0, 1.0 - float(best.chaos)))
        return enc, round(confidence, 3)
    # Nothing decodes cleanly: the dominant encoding is the one that leaves fewest bytes over.
    scored = sorted(
        (_count_undecodable(data, enc), rank, enc) for rank, enc in enumerate(CHINESE_ENCODINGS)
    )
    bad, _, enc = scored[0]
    return enc, round(max(0.0, 1.0 - bad / max(1, len(data))), 3)


def _forced(data: bytes, enc: str, bom: tuple[str, int] | None) -> tuple[str, bool, bytes]:
    """The concrete codec, BOM and body of bytes read with a user-given encoding.

    ``utf-16`` (or ``utf-32``, ``utf-8-sig``) leaves the order to a BOM; without one it is
    little-endian and the output gets no BOM either, so unchanged text stays byte for byte.
    """
    if enc in _ORDERLESS:
        marks, default = _ORDERLESS[enc]
        for mark, concrete in marks:
            if data.startswith(mark):
                return concrete, True, data[len(mark) :]
        return default, False, data
    if bom and bom[0] == enc:
        return enc, True, data[bom[1] :]
    if enc in ("utf_32_le", "utf_32_be") and data.startswith(_BOM_OF[enc]):
        return enc, True, data[4:]
    return enc, False, data


def output_form(encoding: str, input_bom: bool) -> tuple[str, bool]:
    """(codec, BOM) to write for an output encoding the user chose (normalized name).

    ``utf-8-sig`` means a BOM; ``utf-16``/``utf-32`` need one to be readable (little-endian);
    any other Unicode encoding keeps the input's BOM, and the others have none.
    """
    if encoding in _ORDERLESS:
        return _ORDERLESS[encoding][1], True
    return encoding, input_bom and encoding in _BOM_OF


def decode(
    data: bytes, encoding: str | None = None, name: str = "", *, strict: bool = True
) -> LoadedText:
    """Decode file bytes.

    ``encoding`` forces a codec; undecodable bytes are then an error, unless ``strict`` is False
    (replaying a log of a mixed-encoding file), where they are kept as the loader keeps them.
    """
    label = name or "input"
    if not data:
        raise InputError(f"{label}: file is empty")
    digest = sha256_hex(data)
    bom = _bom(data)
    if encoding is not None:
        enc, has_bom, body = _forced(data, normalize_encoding(encoding), bom)
        try:
            text = body.decode(enc, errors="strict" if strict else KEEP)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{label}: not valid {encoding} (byte {exc.start + (len(data) - len(body))}: "
                f"{exc.reason}); try another --encoding or leave it out to detect"
            ) from None
        return _loaded(text, enc, 1.0, has_bom, digest, len(data), count_kept(text), name)
    if bom:
        enc, skip = bom
        text = data[skip:].decode(enc, errors=KEEP)
        bad = count_kept(text)
        if enc.startswith("utf_16") and "\x00" in text:
            raise InputError(f"{label}: binary file (NUL characters in UTF-16 text)")
        return _loaded(text, enc, 1.0, True, digest, len(data), bad, name)
    if b"\x00" in data[:65536] and not data.startswith(BINARY_MAGIC):
        sniffed = _sniff_utf16(data)
        if sniffed is not None:
            enc, confidence, text = sniffed
            return _loaded(text, enc, confidence, False, digest, len(data), 0, name)
        hint = (
            " (if it is UTF-16 without a byte-order mark, give --encoding utf-16-le or "
            "--encoding utf-16-be)"
            if _utf16_profile(data[:65536])
            else ""
        )
        raise InputError(f"{label}: binary file, not text{hint}")
    if _looks_binary(data):
        raise InputError(f"{label}: binary file, not text")
    try:
        text = data.decode("utf_8")
    except UnicodeDecodeError:
        pass
    else:
        return _loaded(text, "utf_8", 1.0, False, digest, len(data), 0, name)
    # Valid multi-byte UTF-8 almost never happens by accident in GBK or Big5 text, so a file
    # whose non-ASCII bytes are mostly valid UTF-8 is UTF-8 with a foreign stretch pasted in.
    bad_utf8 = data.decode("utf_8", errors="replace").count("\ufffd")  # C speed, close enough
    non_ascii = len(data.translate(None, bytes(range(128))))
    if bad_utf8 < 0.5 * non_ascii:
        enc, confidence = "utf_8", round(1.0 - bad_utf8 / non_ascii, 3)
    else:
        enc, confidence = _detect(data)
    text = data.decode(enc, errors=KEEP)
    bad = count_kept(text)
    if bad > len(data) // 2:
        raise InputError(f"{label}: cannot decode as Chinese text in any supported encoding")
    return _loaded(text, enc, confidence, False, digest, len(data), bad, name)


def _loaded(
    text: str, enc: str, conf: float, bom: bool, digest: str, size: int, bad: int, name: str
) -> LoadedText:
    if not text.strip():
        raise InputError(f"{name or 'input'}: file has no text (only whitespace)")
    return LoadedText(text, enc, conf, bom, detect_newline(text), digest, size, bad, name)


def load_file(
    path: str | os.PathLike[str],
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadedText:
    data = read_input(path, max_bytes)
    return decode(data, encoding, name=str(path))


def encode_text(text: str, encoding: str, bom: bool) -> bytes:
    """Encode output text; lone surrogates (kept undecodable bytes) go back as their bytes."""
    try:
        body = text.encode(encoding, errors="surrogateescape")
    except UnicodeEncodeError as exc:
        ch = exc.object[exc.start : exc.end]
        raise InputError(
            f"the output cannot be written in {encoding}: '{ch}' (U+{ord(ch[0]):04X}) at "
            f"character {exc.start} has no {encoding} form; choose --out-encoding utf-8"
        ) from None
    if bom and encoding in _BOM_OF:
        return _BOM_OF[encoding] + body
    return body
