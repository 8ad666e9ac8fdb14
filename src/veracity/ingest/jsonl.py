"""JSON Lines corpora (``.jsonl``): one document per line, read as a stream.

Each line is an object with ``text`` (required) and optional ``url``, ``title``, ``outlet``, ``published`` and
``id`` or ``name`` (the document's name; otherwise ``<file stem>-<line>``). A bad line is rejected with its line
number and the lines after it still load. Blank lines are skipped. The size limit applies to each line, not to the
file, because a corpus file holds many documents; a line over the limit is skipped without being held in memory.
The ``text`` is taken as it is (no header parsing), so the same text gives the same id as in a ``.txt`` file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from veracity.ingest.clean import date_warnings, guess_title
from veracity.ingest.items import Item, Loaded, Rejected
from veracity.ingest.raw import SNIFF_BYTES, check_not_binary
from veracity.ingest.text import make_document
from veracity.model import InvalidInput
from veracity.model.values import normalise_text

OPTIONAL_FIELDS = ("url", "title", "outlet", "published", "id", "name")
_CHUNK = 1 << 16


def read_jsonl_file(path: Path, max_bytes: int) -> Iterator[Item]:
    """Every line of ``path`` as a :class:`Loaded` or a :class:`Rejected` naming the line."""
    with path.open("rb") as handle:
        check_not_binary(handle.read(SNIFF_BYTES))
        handle.seek(0)
        seen = False
        for number, raw in _lines(handle, max_bytes):
            if raw is not None and not raw.strip():
                continue
            seen = True
            if raw is None:
                yield Rejected(path, f"line is over the {max_bytes:,}-byte limit", number)
                continue
            try:
                yield parse_line(raw, path, number)
            except InvalidInput as exc:
                yield Rejected(path, exc.message, number)
    if not seen:
        yield Rejected(path, "file has no JSON lines (it is empty or only whitespace)")


def parse_line(raw: bytes, path: Path, number: int) -> Loaded:
    """Line ``number`` of ``path`` as a document; raises :class:`InvalidInput` saying what is wrong with it."""
    record = _load_object(raw)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("JSON line has no 'text' string (or it is empty)")
    for key in OPTIONAL_FIELDS:
        value = record.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise InvalidInput(f"JSON field '{key}' must be a string, not {type(value).__name__}")
    name = record.get("id") or record.get("name") or f"{path.stem}-{number}"
    document = make_document(
        text,
        str(name),
        title=_str(record.get("title")) or guess_title(normalise_text(text)),
        url=_str(record.get("url")),
        outlet=_str(record.get("outlet")),
        published=record.get("published"),
        source=f"{path}#{number}",
    )
    return Loaded(document, path, number, date_warnings(record.get("published"), document.published))


def _load_object(raw: bytes) -> dict[str, Any]:
    try:
        record = json.loads(raw.rstrip(b"\r\n").decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidInput("line is not valid UTF-8 (re-save the file as UTF-8)") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"line is not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InvalidInput(f"JSON line is a {type(record).__name__}, not an object with a 'text' field")
    return record


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
