"""Size, binary and encoding checks in ``veracity.ingest.raw``."""

from __future__ import annotations

import codecs
import gzip
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
    ],
)
def test_raw_check_not_binary_names_what_it_found(head: bytes, fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        check_not_binary(head)


@pytest.mark.parametrize("head", [b"plain text", "Kabul \u2019s".encode(), b"", b"PDF is fine mid-text %PDF",
                                  codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"), "Kabul said".encode("utf-16-be")])
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
    assert decode(data, html=html) == (expected if expected is not None else data.decode("latin-1"), ())


WESTERN = "Café owners said the “attack” came at dawn; the naïve guards fled the résumé desk."
GERMAN = "Der Anschlag in Köln: Die Polizei sagte, dass fünf Menschen verletzt wurden. Straße gesperrt."
ARABIC = "انفجار قنبلة في سوق مزدحم في مدينة كويتا"


@pytest.mark.parametrize(
    ("text", "encoding", "named"),
    [
        (WESTERN, "cp1252", "cp1252"),
        (GERMAN, "cp1252", "cp1252"),
        ("caf\u00e9 au lait \u00e0 Kaboul", "latin-1", "cp1252"),
        ("\u0412 \u041a\u0430\u0431\u0443\u043b\u0435 \u043f\u0440\u043e\u0438\u0437\u043e\u0448\u0451\u043b "
         "\u0432\u0437\u0440\u044b\u0432, \u043f\u043e\u0433\u0438\u0431\u043b\u0438 \u043b\u044e\u0434\u0438.",
         "cp1251", "cp1251"),
        (ARABIC, "cp1256", "cp1256"),
    ],
)
def test_raw_decode_reads_legacy_encodings_with_a_warning(text: str, encoding: str, named: str) -> None:
    decoded, warnings = decode(text.encode(encoding))
    assert decoded == text
    assert warnings == (f"file is not UTF-8; decoded it as {named} (detected by charset-normalizer): check its "
                        "accents and quotes",)


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (WESTERN.encode("utf-16"), "file is UTF-16 text, not UTF-8; decoded it as utf-16"),
        (WESTERN.encode("utf-16-le"), "file is UTF-16-LE text, not UTF-8; decoded it as utf-16-le"),
        (WESTERN.encode("utf-16-be"), "file is UTF-16-BE text, not UTF-8; decoded it as utf-16-be"),
        (WESTERN.encode("utf-32"), "file is UTF-32 text, not UTF-8; decoded it as utf-32"),
    ],
)
def test_raw_decode_reads_utf16_and_utf32_with_a_warning(data: bytes, warning: str) -> None:
    assert decode(data) == (WESTERN, (warning,))


@pytest.mark.parametrize("html", [False, True])
def test_raw_decode_rejects_what_no_encoding_reads(undecodable: bytes, html: bool) -> None:
    with pytest.raises(InvalidInput, match=r"not valid UTF-8 \(byte 0x[0-9a-f]{2} at offset \d+\) and no text "
                                           r"encoding reads it; re-save it as UTF-8"):
        decode(undecodable, html=html)


def test_raw_gzip_is_decompressed_and_a_bomb_refused(tmp_path: Path) -> None:
    text = tmp_path / "a.txt.gz"
    text.write_bytes(gzip.compress(WESTERN.encode()))
    assert read_limited(text, 1_000) == WESTERN.encode()
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 50_000_000))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(InvalidInput, match=r"expands more than 100-fold .* decompression bomb"):
        read_limited(bomb, 60_000_000)
    with pytest.raises(InvalidInput, match="over the 1,000-byte limit"):
        read_limited(bomb, 1_000)
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(gzip.compress(WESTERN.encode())[:-12])
    with pytest.raises(InvalidInput, match="not a readable gzip archive"):
        read_limited(broken, 1_000)


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b'<meta charset="UTF-8">', "utf-8"), (b"<META CHARSET=latin1>", "iso8859-1"), (b"<p>none</p>", None)],
)
def test_raw_declared_charset(data: bytes, expected: str | None) -> None:
    assert declared_charset(data) == expected
