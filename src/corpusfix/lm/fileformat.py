"""The model file: a small JSON header, then per order sorted keys and quantised log10 values.

    MAGIC | u32 header length | header JSON (UTF-8) | zero padding to 8 bytes |
    for each order k = 1..N: keys (u64 × n_k), log10 p (u16 × n_k), log10 backoff (u16 × n_k,
    orders below N only), each section padded to 8 bytes. All little-endian.

A key is ``row of the (k-1)-character prefix in order k-1 << 21 | code point of the last
character`` (unigrams: the code point), so a sorted key array is a trie level that one binary
search walks down, with no hashing and no collisions. Values are -log10 in steps of 1/4096
(error ≤ 0.00012 in log10); 65535 stands for "never predicted" (the sentence start).
"""

from __future__ import annotations

import json
import struct
import sys
from array import array
from dataclasses import dataclass
from typing import Any

from corpusfix.core.errors import InputError

MAGIC = b"corpusfix-charlm\n"
FORMAT_VERSION = 1
CHAR_BITS = 21
QUANT = 4096.0
NEVER = 65535
NEVER_LOG = -1e9  # the value the builder gives what is never predicted
_MAX_Q = NEVER - 1


def quantize(values: array[float]) -> array[int]:
    """log10 values (≤ 0) to steps; NEVER_LOG, the sentence start's probability, to NEVER."""
    top = _MAX_Q
    out = array("H", [min(top, int(-v * QUANT + 0.5)) for v in values])
    for i, v in enumerate(values[:1]):  # only a table's first row can be the sentence start
        if v == NEVER_LOG:
            out[i] = NEVER
    return out


@dataclass
class Tables:
    keys: list[array[int]]  # index k = order (index 0 unused, empty)
    probs: list[array[int]]  # quantised
    backoffs: list[array[int]]  # quantised; empty for the highest order


def _pad(n: int) -> bytes:
    return b"\0" * (-n % 8)


def _le(arr: array[Any]) -> bytes:
    if sys.byteorder == "big":
        arr = array(arr.typecode, arr)
        arr.byteswap()
    return arr.tobytes()


def encode(header: dict[str, Any], tables: Tables) -> bytes:
    order = int(header["order"])
    head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    parts = [MAGIC, struct.pack("<I", len(head)), head]
    size = sum(len(p) for p in parts)
    parts.append(_pad(size))
    for k in range(1, order + 1):
        sections = [tables.keys[k], tables.probs[k]]
        if k < order:
            sections.append(tables.backoffs[k])
        for arr in sections:
            data = _le(arr)
            parts += [data, _pad(len(data))]
    return b"".join(parts)


def _array(typecode: str, data: bytes) -> array[int]:
    arr = array(typecode)
    arr.frombytes(data)
    if sys.byteorder == "big":
        arr.byteswap()
    return arr


def decode(data: bytes, name: str = "model") -> tuple[dict[str, Any], Tables]:
    if not data.startswith(MAGIC):
        raise InputError(f"{name}: not a corpusfix character model")
    try:
        (length,) = struct.unpack_from("<I", data, len(MAGIC))
        start = len(MAGIC) + 4
        header: dict[str, Any] = json.loads(data[start : start + length].decode("utf-8"))
        if header.get("format_version") != FORMAT_VERSION:
            raise InputError(
                f"{name}: model format {header.get('format_version')} is not supported "
                f"(this corpusfix reads {FORMAT_VERSION}; rebuild it with 'corpusfix lm build')"
            )
        order = int(header["order"])
        counts = [int(n) for n in header["ngrams"]]
        pos = start + length
        pos += -pos % 8
        tables = Tables([array("Q")], [array("H")], [array("H")])
        for k in range(1, order + 1):
            n = counts[k - 1]
            widths = [("Q", 8), ("H", 2)] + ([("H", 2)] if k < order else [])
            arrays = []
            for code, width in widths:
                end = pos + n * width
                if end > len(data):
                    raise InputError(f"{name}: model file is truncated")
                arrays.append(_array(code, data[pos:end]))
                pos = end + (-end % 8)
            tables.keys.append(arrays[0])
            tables.probs.append(arrays[1])
            tables.backoffs.append(arrays[2] if k < order else array("H"))
    except (struct.error, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise InputError(f"{name}: damaged character model ({exc})") from None
    return header, tables
