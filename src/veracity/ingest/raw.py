"""Bytes from disk, checked before anything parses them: size, compression, binary content, encoding.

Every check raises :class:`InvalidInput` with a sentence the user can act on; the reader turns it into a
:class:`Rejected`. Text is expected in UTF-8 (with or without a byte-order mark). Text in another encoding is not
refused when it can be read: UTF-16 (with a byte-order mark, or plainly so from its zero bytes) is decoded, and
other bytes are decoded in the encoding charset-normalizer (a maintained detector) finds, preferring the Windows
code pages news sites have used for decades. Either way the document carries a warning naming the encoding, because
a wrong guess changes quotes and accents (and so the document id) and someone should be able to check. Only bytes no
encoding reads are rejected. HTML that declares its charset in a ``<meta>`` tag is read in it without a warning: the
file says how to read it.

Files ending in ``.gz`` are decompressed as they are read, with the same size limit on what comes out and a cap
on the decompression ratio, so a small "zip bomb" is refused before it fills memory.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from pathlib import Path
from typing import IO, Any

import charset_normalizer

from veracity.model import InvalidInput

SNIFF_BYTES = 8192

MAX_RATIO = 100
"""Refuse a compressed input once it has produced this many times more bytes than it has consumed. Text compresses
3-10x with gzip; a decompression bomb runs at 1,000x and more."""

RATIO_FLOOR = 1 << 20
"""The ratio is checked only past this many decompressed bytes: tiny files have huge ratios harmlessly."""

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

PREFERRED_ENCODINGS = ("cp1252", "iso8859_15", "cp1250", "cp1251", "cp1256", "cp1253", "cp1254", "cp1255")
"""Single-byte encodings tried first, in this order of preference when they read the bytes equally well: Windows
Western (a superset of latin-1), then Central European, Cyrillic, Arabic (Urdu sites), Greek, Turkish, Hebrew."""

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GZIP_ERRORS = (OSError, EOFError, zlib.error)


class BoundedGzip:
    """A gzip file read through a cap on the decompression ratio; the rest of the code sees a binary file."""

    def __init__(self, path: Path) -> None:
        self.raw = path.open("rb")
        self.inner = gzip.GzipFile(fileobj=self.raw, mode="rb")
        self.produced = 0

    def _check(self, data: bytes) -> bytes:
        self.produced += len(data)
        consumed = max(self.raw.tell(), 1)
        if self.produced > RATIO_FLOOR and self.produced > MAX_RATIO * consumed:
            raise InvalidInput(f"compressed file expands more than {MAX_RATIO}-fold ({consumed:,} bytes gave "
                               f"{self.produced:,} so far); refused as a possible decompression bomb")
        return data

    def _call(self, method: str, size: int) -> bytes:
        try:
            return self._check(getattr(self.inner, method)(size))
        except _GZIP_ERRORS as exc:
            raise InvalidInput(f"file is not a readable gzip archive ({exc})") from None

    def read(self, size: int = -1) -> bytes:
        return self._call("read", size)

    def readline(self, size: int = -1) -> bytes:
        return self._call("readline", size)

    def seek(self, offset: int, whence: int = 0) -> int:
        self.produced = 0 if offset == 0 and whence == 0 else self.produced
        return self.inner.seek(offset, whence)

    def tell(self) -> int:
        return self.inner.tell()

    def close(self) -> None:
        self.inner.close()
        self.raw.close()

    def __enter__(self) -> BoundedGzip:
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def format_suffix(path: Path) -> str:
    """The extension that says the format, lower case: ``.jsonl`` for ``corpus.jsonl.gz`` as for ``corpus.jsonl``."""
    return Path(path.stem).suffix.lower() if is_gzip(path) else path.suffix.lower()


def stem(path: Path) -> str:
    """The document name a file gives: its name without the format extension (and without ``.gz``)."""
    return Path(path.stem).stem if is_gzip(path) else path.stem


def open_input(path: Path) -> IO[bytes]:
    """The bytes of ``path`` as a stream, decompressed (with the ratio cap) when the name ends in ``.gz``."""
    return BoundedGzip(path) if is_gzip(path) else path.open("rb")  # type: ignore[return-value]


def read_limited(path: Path, max_bytes: int) -> bytes:
    """All bytes of ``path``, refusing files over ``max_bytes`` before reading them (and if they grow meanwhile)."""
    if not is_gzip(path):
        size = path.stat().st_size
        if size > max_bytes:
            raise InvalidInput(_too_large(size, max_bytes))
    with open_input(path) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InvalidInput(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return (f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
            "(split it or raise VERACITY_MAX_DOC_BYTES)")


def check_not_binary(head: bytes) -> None:
    """Raise :class:`InvalidInput` when the first bytes show a binary file (known magic number or NUL bytes).

    UTF-16 and UTF-32 text have NUL bytes too; a byte-order mark or the zero bytes' pattern lets them through.
    """
    for magic, what in MAGIC:
        if head.startswith(magic):
            raise InvalidInput(f"file is binary ({what}), not text")
    if b"\x00" in head[:SNIFF_BYTES] and wide_encoding(head) is None:
        raise InvalidInput("file is binary (it contains NUL bytes), not text")


def decode(data: bytes, *, html: bool = False) -> tuple[str, tuple[str, ...]]:
    """``(text, warnings)`` of a whole file; the warning names the encoding when it was not UTF-8.

    For HTML, bytes that are not UTF-8 are first read with the charset the page declares in a ``<meta>`` tag.
    Raises :class:`InvalidInput` for binary files and for bytes that no encoding reads.
    """
    check_not_binary(data[:SNIFF_BYTES])
    wide = wide_encoding(data[:SNIFF_BYTES])
    if wide is not None:
        return _decode_wide(data, wide), (f"file is {wide.upper()} text, not UTF-8; decoded it as {wide}",)
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        declared = declared_charset(data) if html else None
        if declared is not None:
            return data.decode(declared, errors="replace"), ()
        guessed = detect_encoding(data)
        if guessed is None:
            raise InvalidInput(f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) and "
                               "no text encoding reads it; re-save it as UTF-8") from None
        return data.decode(guessed), (f"file is not UTF-8; decoded it as {guessed} (detected by "
                                      "charset-normalizer): check its accents and quotes",)


def detect_encoding(data: bytes) -> str | None:
    """The encoding that reads ``data`` best, or ``None``. Among equally good single-byte readings the earliest in
    :data:`PREFERRED_ENCODINGS` wins (charset-normalizer alone calls much Western text cp1250 or even big5)."""
    matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(PREFERRED_ENCODINGS)))
    if matches:
        least = min(match.chaos for match in matches)
        readings = {enc for m in matches if m.chaos <= least + 0.01 for enc in (m.encoding, *m.could_be_from_charset)}
        return next(enc for enc in (*PREFERRED_ENCODINGS, *sorted(readings)) if enc in readings)
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best.encoding)


def wide_encoding(head: bytes) -> str | None:
    """``utf-16``/``utf-32`` (with a BOM), ``utf-16-le``/``-be`` when every other byte is zero, else ``None``."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    sample = head[:SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.6 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.6 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decode_wide(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"file starts as {encoding.upper()} text but byte {exc.start} is not; "
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
