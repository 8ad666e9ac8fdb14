"""JSON Lines corpora (``.jsonl``): one document per line, read as a stream.

Each line is an object with ``text`` (required) and optional ``url``, ``title``, ``outlet``, ``published`` and
``id`` or ``name`` (the document's name; otherwise ``<file stem>-<line>``). A bad line is rejected with its line
number and the lines after it still load. Blank lines are skipped. The size limit applies to each line, not to the
file, because a corpus file holds many documents; a line over the limit is skipped without being held in memory.
The ``text`` is taken as it is (no header parsing), so the same text gives the same id as in a ``.txt`` file. A line
that is not UTF-8 is decoded in the encoding charset-normalizer finds, with a warning; a UTF-16 file is re-encoded
as it streams. ``corpus.jsonl.gz`` is read decompressing as it goes, under the ratio cap of ``raw.py``.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from veracity.ingest.clean import date_warnings, guess_title
from veracity.ingest.items import Item, Loaded, Rejected
from veracity.ingest.raw import SNIFF_BYTES, check_not_binary, detect_encoding, open_input, stem, wide_encoding
from veracity.ingest.text import make_document
from veracity.model import InvalidInput
from veracity.model.values import normalise_text

OPTIONAL_FIELDS = ("url", "title", "outlet", "published", "id", "name")
_CHUNK = 1 << 16


def read_jsonl_file(path: Path, max_bytes: int) -> Iterator[Item]:
    """Every line of ``path`` as a :class:`Loaded` or a :class:`Rejected` naming the line."""
    with open_input(path) as raw_handle:
        head = raw_handle.read(SNIFF_BYTES)
        check_not_binary(head)
        raw_handle.seek(0)
        handle = _utf8_stream(raw_handle, head)
        seen = False
        for number, raw in _lines(handle, max_bytes):
            if raw is not None and not raw.strip():
                continue
            seen = True
            if raw is None:
                yield Rejected(path, f"line is over the {max_bytes:,}-byte limit", number)
                continue
            try:
                loaded = parse_line(raw, path, number)
                yield replace(loaded, warnings=_wide_warning(head) + loaded.warnings) if number == 1 else loaded
            except InvalidInput as exc:
                yield Rejected(path, exc.message, number)
    if not seen:
        yield Rejected(path, "file has no JSON lines (it is empty or only whitespace)")


def parse_line(raw: bytes, path: Path, number: int) -> Loaded:
    """Line ``number`` of ``path`` as a document; raises :class:`InvalidInput` saying what is wrong with it."""
    record, decoded = _load_object(raw)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("JSON line has no 'text' string (or it is empty)")
    for key in OPTIONAL_FIELDS:
        value = record.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise InvalidInput(f"JSON field '{key}' must be a string, not {type(value).__name__}")
    name = record.get("id") or record.get("name") or f"{stem(path)}-{number}"
    document = make_document(
        text,
        str(name),
        title=_str(record.get("title")) or guess_title(normalise_text(text)),
        url=_str(record.get("url")),
        outlet=_str(record.get("outlet")),
        published=record.get("published"),
        source=f"{path}#{number}",
    )
    return Loaded(document, path, number, decoded + date_warnings(record.get("published"), document.published))


def _load_object(raw: bytes) -> tuple[dict[str, Any], tuple[str, ...]]:
    line = raw.rstrip(b"\r\n")
    warnings: tuple[str, ...] = ()
    try:
        decoded = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        guessed = detect_encoding(line)
        if guessed is None:
            raise InvalidInput("line is not valid UTF-8 and no text encoding reads it (re-save the file as UTF-8)"
                               ) from None
        decoded = line.decode(guessed)
        warnings = (f"line is not UTF-8; decoded it as {guessed} (detected by charset-normalizer)",)
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"line is not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InvalidInput(f"JSON line is a {type(record).__name__}, not an object with a 'text' field")
    return record, warnings


def _utf8_stream(handle: IO[bytes], head: bytes) -> IO[bytes]:
    """``handle`` itself, or for a UTF-16/32 file a stream that re-encodes it to UTF-8 as it is read."""
    wide = wide_encoding(head)
    if wide is None:
        return handle
    return codecs.EncodedFile(handle, data_encoding="utf-8", file_encoding=wide)


def _wide_warning(head: bytes) -> tuple[str, ...]:
    wide = wide_encoding(head)
    return () if wide is None else (f"file is {wide.upper()} text, not UTF-8; decoded it as {wide}",)


def _lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)``; ``None`` for a line over ``max_bytes``, whose rest is skipped unread."""
    number = 0
    while True:
        raw = handle.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw.rstrip(b"\r\n")) > max_bytes:
            _skip_line(handle, raw)
            yield number, None
        else:
            yield number, raw


def _skip_line(handle: IO[bytes], read: bytes) -> None:
    while read and not read.endswith(b"\n"):
        read = handle.readline(_CHUNK)


def _str(value: object) -> str | None:
    return None if value is None else str(value)
