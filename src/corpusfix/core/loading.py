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

from corpusfix.core.errors import InputError
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
_ALIASES = {
    "utf8": "utf_8",
    "utf-8": "utf_8",
    "utf-8-sig": "utf_8",
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
    """Map a user-given encoding name to a Python codec name; raise InputError if unknown."""
    key = name.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name.replace("-", "_")
    except LookupError:
        raise InputError(f"unknown encoding '{name}'") from None


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
        enc = normalize_encoding(encoding)
        body = data
        has_bom = False
        if bom and (bom[0] == enc or (enc == "utf_16" and bom[0].startswith("utf_16"))):
            enc, has_bom, body = bom[0], True, data[bom[1] :]
        elif enc == "utf_8" and data.startswith(codecs.BOM_UTF8):
            has_bom, body = True, data[3:]
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
    if bom:
        if encoding == "utf_8":
            return codecs.BOM_UTF8 + body
        if encoding == "utf_16_le":
            return codecs.BOM_UTF16_LE + body
        if encoding == "utf_16_be":
            return codecs.BOM_UTF16_BE + body
    return body
