"""Bytes from disk, checked before anything parses them: size, binary content, encoding.

Every check raises :class:`InvalidInput` with a sentence the user can act on; the reader turns it into a
:class:`Rejected`. Encodings: UTF-8 with or without a byte-order mark. Anything else is rejected rather than guessed,
because a wrong guess (cp1252 decodes almost any bytes) silently corrupts quotes and changes the document id. The one
exception is HTML that declares its own charset in a ``<meta>`` tag: the file says how to read it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from veracity.model import InvalidInput

SNIFF_BYTES = 8192

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)
"""Leading bytes of common binary formats found in download folders, with what to call them in a reason."""

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_limited(path: Path, max_bytes: int) -> bytes:
    """All bytes of ``path``, refusing files over ``max_bytes`` before reading them (and if they grow meanwhile)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InvalidInput(_too_large(size, max_bytes))
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InvalidInput(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return (f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
            "(split it or raise VERACITY_MAX_DOC_BYTES)")


def check_not_binary(head: bytes) -> None:
    """Raise :class:`InvalidInput` when the first bytes show a binary file (known magic number or NUL bytes)."""
    for magic, what in MAGIC:
        if head.startswith(magic):
            raise InvalidInput(f"file is binary ({what}), not text")
    if head.startswith(_UTF16_BOMS):
        raise InvalidInput("file is UTF-16 text, which is not supported (re-save it as UTF-8)")
    if b"\x00" in head[:SNIFF_BYTES]:
        raise InvalidInput("file is binary (it contains NUL bytes), not text")


def decode(data: bytes, *, html: bool = False) -> str:
    """Text of a whole file: binary check, then UTF-8 (a leading byte-order mark is dropped).

    For HTML only, bytes that are not UTF-8 are read with the charset the page declares in a ``<meta>`` tag.
    """
    check_not_binary(data[:SNIFF_BYTES])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = declared_charset(data) if html else None
        if declared is not None:
            return data.decode(declared, errors="replace")
        raise InvalidInput(f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                           "re-save it as UTF-8") from None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, if Python knows it."""
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
