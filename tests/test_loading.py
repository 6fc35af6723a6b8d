from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from corpusfix.core.errors import InputError, UsageError
from corpusfix.core.loading import decode, encode_text, load_file

ARTICLE = (
    "滨河新区春季发展纪实\n\n今年以来，滨河新区围绕产业强区、生态立区的总体思路，一手抓项目建设，"
    "一手抓民生改善，各项工作呈现出稳中有进的良好态势。\n\n"
    "新区将建立项目专班推进机制，确保项目早落地、早投产、早见效。"
)


@pytest.mark.parametrize("encoding", ["utf_8", "gb18030", "big5"])
def test_detects_whole_article_encodings(encoding: str) -> None:
    text = ARTICLE
    if encoding == "big5":
        import opencc

        text = opencc.OpenCC("s2t").convert(ARTICLE)
    loaded = decode(text.encode(encoding), name="a.txt")
    assert loaded.text == text
    assert loaded.encoding.startswith(encoding.split("_")[0][:4])
    assert 0.0 < loaded.confidence <= 1.0


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf_8"),
        (codecs.BOM_UTF16_LE, "utf_16_le"),
        (codecs.BOM_UTF16_BE, "utf_16_be"),
    ],
)
def test_bom_is_remembered_and_restored(bom: bytes, codec: str) -> None:
    data = bom + ARTICLE.encode(codec)
    loaded = decode(data)
    assert loaded.bom and loaded.encoding == codec
    assert not loaded.text.startswith("\ufeff")
    assert encode_text(loaded.text, loaded.encoding, loaded.bom) == data


@pytest.mark.parametrize(("newline", "name"), [("\n", "lf"), ("\r\n", "crlf"), ("\r", "cr")])
def test_newline_style(newline: str, name: str) -> None:
    loaded = decode(ARTICLE.replace("\n", newline).encode("utf-8"))
    assert loaded.newline == name
    assert loaded.text == ARTICLE.replace("\n", newline)  # newlines are kept as in the file


def test_forced_encoding_overrides_detection() -> None:
    data = ARTICLE.encode("gb18030")
    assert decode(data, "gbk").encoding == "gb18030"
    with pytest.raises(InputError, match="not valid utf-8"):
        decode(data, "utf-8")


def test_unknown_encoding_name() -> None:
    with pytest.raises(UsageError, match="unknown encoding"):
        decode(b"abc", "klingon-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n \n", "no text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        (b"abc\x00def\x00" * 20, "binary"),
    ],
)
def test_refuses_what_is_not_an_article(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, name="x.txt")


def test_mixed_encodings_lose_nothing() -> None:
    # A UTF-8 file with a stretch pasted in from a GBK file: decoded by the dominant encoding,
    # the foreign bytes kept, and written back byte for byte.
    data = (
        ARTICLE.encode("utf-8")
        + "\n\n插入的一段国标文字。\n".encode("gb18030")
        + ARTICLE.encode("utf-8")
    )
    loaded = decode(data)
    assert loaded.encoding == "utf_8"
    assert loaded.undecodable > 0
    assert encode_text(loaded.text, loaded.encoding, loaded.bom) == data


def test_too_large_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    with pytest.raises(InputError, match="larger than the 64 MB limit"):
        load_file(big)


def test_missing_and_unreadable(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        load_file(tmp_path)


def test_mixed_stretch_reported_and_repaired() -> None:
    from corpusfix.api import suggest
    from corpusfix.core.document import build_document
    from corpusfix.core.session import apply_edits

    data = ARTICLE.encode("utf-8") + "\n\n插入的一段国标文字。\n".encode("gb18030")
    loaded = decode(data)
    doc = build_document(loaded.text, loaded=loaded)
    found = [s for s in suggest(doc) if s.kind == "encoding"]
    assert len(found) == 1 and found[0].replacement == "插入的一段国标文字。"
    fixed = apply_edits(doc.text, [(found[0].start, found[0].end, found[0].replacement)])
    assert fixed.endswith("\n\n插入的一段国标文字。\n")


@pytest.mark.parametrize("codec", ["utf_16_le", "utf_16_be"])
def test_utf16_without_bom_is_text_not_binary(codec: str) -> None:
    for text in (ARTICLE, ARTICLE + "\nPage 12 / 2024-03-01\n", ARTICLE[:12] + "\n"):
        data = text.encode(codec)
        loaded = decode(data, name="a.txt")
        assert (loaded.encoding, loaded.bom, loaded.text) == (codec, False, text)
        assert encode_text(loaded.text, loaded.encoding, loaded.bom) == data


@pytest.mark.parametrize(
    "data",
    [
        b"abc\x00def\x00" * 20,  # ASCII with NULs: its byte pairs read as ideographs
        b"\x00a\x00b\x00c\x00d" * 40 + b"\x00\x00" * 4,  # UTF-16 holding U+0000: binary
        bytes(range(256)) * 8,
    ],
)
def test_nul_bytes_that_are_not_utf16_stay_binary(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        decode(data, name="x.bin")


def test_binary_error_names_the_utf16_option_when_it_looks_like_utf16() -> None:
    truncated = ARTICLE.encode("utf_16_le")[:-1]  # odd length: no UTF-16 file
    with pytest.raises(InputError, match="--encoding utf-16-le"):
        decode(truncated, name="a.txt")


@pytest.mark.parametrize(
    ("data", "codec", "bom"),
    [
        (ARTICLE.encode("utf_16_le"), "utf_16_le", False),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf_16_le"), "utf_16_le", True),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf_16_be"), "utf_16_be", True),
        (ARTICLE.encode("utf_32_le"), "utf_32_le", False),
        (codecs.BOM_UTF32_BE + ARTICLE.encode("utf_32_be"), "utf_32_be", True),
    ],
)
def test_forced_utf16_or_utf32_takes_the_order_from_the_bytes(
    data: bytes, codec: str, bom: bool
) -> None:
    loaded = decode(data, codec[:6].replace("_", "-"))  # "utf-16" / "utf-32": no order given
    assert (loaded.encoding, loaded.bom, loaded.text) == (codec, bom, ARTICLE)
    assert encode_text(loaded.text, loaded.encoding, loaded.bom) == data  # no BOM added
