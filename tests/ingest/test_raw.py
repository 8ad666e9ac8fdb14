"""Size, binary and encoding checks in ``veracity.ingest.raw``."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from veracity.ingest.raw import check_not_binary, declared_charset, decode, read_limited
from veracity.model import InvalidInput


def test_raw_read_limited_accepts_the_limit_and_refuses_one_byte_more(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 10)
    assert read_limited(path, 10) == b"x" * 10
    with pytest.raises(InvalidInput, match=r"10 bytes, over the 9-byte limit"):
        read_limited(path, 9)


@pytest.mark.parametrize(
    ("head", "fragment"),
    [
        (b"%PDF-1.7\n%...", "a PDF file"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff\xe0", "JPEG image"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"SQLite format 3\x00", "SQLite"),
        (b"some text\x00with a NUL", "NUL bytes"),
        (codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + "hi".encode("utf-16-be"), "UTF-16"),
    ],
)
def test_raw_check_not_binary_names_what_it_found(head: bytes, fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        check_not_binary(head)


@pytest.mark.parametrize("head", [b"plain text", "Kabul \u2019s".encode(), b"", b"PDF is fine mid-text %PDF"])
def test_raw_check_not_binary_passes_text(head: bytes) -> None:
    check_not_binary(head)


@pytest.mark.parametrize(
    ("data", "html", "expected"),
    [
        (b"plain", False, "plain"),
        (codecs.BOM_UTF8 + "caf\u00e9".encode(), False, "caf\u00e9"),
        (b'<meta charset="windows-1252"><p>caf\xe9</p>', True, "<meta charset=\"windows-1252\"><p>caf\u00e9</p>"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>\xe9", True, None),
    ],
)
def test_raw_decode_reads_utf8_and_declared_html_charsets(data: bytes, html: bool, expected: str | None) -> None:
    text = decode(data, html=html)
    assert text == (expected if expected is not None else data.decode("latin-1"))


@pytest.mark.parametrize(
    ("data", "html"),
    [(b"caf\xe9 au lait", False), (b"<p>caf\xe9</p>", True), (b'<meta charset="klingon"><p>caf\xe9</p>', True)],
)
def test_raw_decode_rejects_undeclared_non_utf8(data: bytes, html: bool) -> None:
    with pytest.raises(InvalidInput, match=r"not valid UTF-8 \(byte 0xe9 at offset \d+\); re-save it as UTF-8"):
        decode(data, html=html)


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b'<meta charset="UTF-8">', "utf-8"), (b"<META CHARSET=latin1>", "iso8859-1"), (b"<p>none</p>", None)],
)
def test_raw_declared_charset(data: bytes, expected: str | None) -> None:
    assert declared_charset(data) == expected
