"""Plain text (``.txt``, ``.md``) and in-memory text into :class:`Document`, with the optional metadata header.

A text file may open with ``KEY: value`` lines (keys ``URL``, ``TITLE``, ``DATE``, ``OUTLET``, any case, any order,
an empty value meaning unknown) closed by a line ``---``. The header is cut off and everything after the ``---``
line is the text exactly as written, so character offsets counted in the original article still hold. Lines that
do not all look like known keys before a ``---`` are not a header: the file is text from its first byte, so prose
that happens to begin "Meanwhile: ..." is never eaten.

Without a ``TITLE`` the first non-empty line is taken as the title when it is shorter than 200 characters and more
text follows; it stays in the text (news files usually start with their headline, and offsets must not move).
Markdown is kept as written, not rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from veracity.ingest.clean import date_warnings, guess_title, parse_date
from veracity.ingest.items import Item, Loaded
from veracity.ingest.language import guess_language
from veracity.ingest.raw import decode, read_limited, stem
from veracity.model import Document, InvalidInput
from veracity.model.values import normalise_text

HEADER_KEYS = ("url", "title", "date", "outlet")
HEADER_END = "---"

_HEADER_LINE = re.compile(rf"^\s*({'|'.join(HEADER_KEYS)})\s*:(.*)$", re.IGNORECASE)


def split_header(text: str) -> tuple[dict[str, str | None], str]:
    """``(header, body)``: the header's values by lower-case key (the last of a repeated key wins) and the rest.

    Text without a valid header comes back whole with an empty header.
    """
    header: dict[str, str | None] = {}
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        after = len(text) if end < 0 else end + 1
        line = text[pos:after].rstrip("\r\n")
        if line.strip() == HEADER_END:
            return (header, text[after:]) if header else ({}, text)
        match = _HEADER_LINE.match(line)
        if match is None:
            return {}, text
        header[match.group(1).lower()] = match.group(2).strip() or None
        pos = after
    return {}, text


def format_header(header: Mapping[str, str | None]) -> str:
    """The header lines for ``header`` (known keys only, in the usual order) and the closing ``---`` line."""
    lines = [f"{key.upper()}: {header[key] or ''}".rstrip() for key in HEADER_KEYS if key in header]
    return "\n".join([*lines, HEADER_END]) + "\n"


def make_document(
    text: str,
    name: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: object = None,
    source: str | None = None,
    language: str | None = None,
) -> Document:
    """A :class:`Document` from already-extracted text; every reader ends here so ids are computed one way.

    Raises :class:`InvalidInput` when nothing is left after normalising. Empty metadata strings become ``None``.
    """
    clean = normalise_text(text)
    if not clean:
        raise InvalidInput("text is empty (or only whitespace)")
    return Document(
        text=clean,
        name=name,
        title=_blank_to_none(title),
        url=_blank_to_none(url),
        outlet=_blank_to_none(outlet),
        published=parse_date(published),
        language=language or guess_language(clean),
        source=source,
    )


def read_text_document(
    text: str,
    name: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    source: str | None = None,
    language: str | None = None,
) -> Document:
    """A :class:`Document` from in-memory text that may carry a header; keyword values win over the header's.

    Raises :class:`InvalidInput` when there is no text after the header.
    """
    header, body = split_header(text)
    if header and not normalise_text(body):
        raise InvalidInput(f"there is no text after the '{HEADER_END}' line that ends the header")
    return make_document(
        body,
        name,
        title=title or header.get("title") or guess_title(normalise_text(body)),
        url=url or header.get("url"),
        outlet=outlet or header.get("outlet"),
        published=published or header.get("date"),
        source=source,
        language=language,
    )


def read_text_file(path: Path, max_bytes: int) -> Iterator[Item]:
    """One document from a ``.txt`` or ``.md`` file, named after the file's stem."""
    text, decoded = decode(read_limited(path, max_bytes))
    document = read_text_document(text, stem(path), source=str(path))
    dates = date_warnings(split_header(text)[0].get("date"), document.published)
    yield Loaded(document, path, warnings=decoded + dates)


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
