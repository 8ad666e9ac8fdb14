"""Web archives (``.warc``, ``.warc.gz``): one document per archived page, read as a stream with warcio.

A crawl's WARC file holds thousands of pages and runs to gigabytes, so it is never loaded whole: warcio yields one
record at a time and each record's body is read up to the size limit (a larger one is rejected by its record
number and skipped). Only ``response`` and ``resource`` records with a 200 status and an HTML or plain-text body
are documents; requests, metadata, redirects, errors, images and scripts are part of how a crawl is stored, not
reporting, and are passed over without a word. Pages are read as saved pages are (``html.py``); the archived URL is
the document's URL when the page names none. Records are named ``<file stem>-<n>`` with ``n`` the 1-based record
number, which is also the ``line`` of the :class:`Loaded` or :class:`Rejected`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from veracity.ingest.html import read_html
from veracity.ingest.items import Item, Loaded, Rejected
from veracity.ingest.raw import decode, stem
from veracity.ingest.text import make_document
from veracity.model import InvalidInput

DOCUMENT_RECORDS = frozenset({"response", "resource"})
_READ_ERRORS = (ArchiveLoadFailed, OSError, EOFError, ValueError)


def read_warc_file(path: Path, max_bytes: int) -> Iterator[Item]:
    """Every page archived in ``path``; a file warcio cannot read raises :class:`InvalidInput` where it breaks."""
    with path.open("rb") as handle:
        try:
            for number, record in enumerate(ArchiveIterator(handle), start=1):
                if record.format != "warc":
                    raise InvalidInput(f"not a WARC file (record {number} has no WARC/1.x header)")
                kind = _document_kind(record)
                if kind is None:
                    continue
                try:
                    yield _record_document(record, kind, path, number, max_bytes)
                except InvalidInput as exc:
                    yield Rejected(path, exc.message, number)
        except _READ_ERRORS as exc:
            raise InvalidInput(f"not a readable WARC file ({exc})") from None


def _document_kind(record: Any) -> str | None:
    """``html`` or ``text`` for a record holding a page, else ``None``."""
    if record.rec_type not in DOCUMENT_RECORDS:
        return None
    if record.http_headers is not None:
        if record.http_headers.get_statuscode() != "200":
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    content_type = content_type.split(";")[0].strip().lower()
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    return "text" if content_type == "text/plain" else None


def _record_document(record: Any, kind: str, path: Path, number: int, max_bytes: int) -> Loaded:
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        raise InvalidInput(f"archived page is over the {max_bytes:,}-byte limit")
    url = record.rec_headers.get_header("WARC-Target-URI")
    name, source = f"{stem(path)}-{number}", f"{path}#{number}"
    text, warnings = decode(body, html=kind == "html")
    if kind == "html":
        document, repaired = read_html(text, name, source=source)
        document = document if document.url else replace(document, url=url)
        return Loaded(document, path, number, warnings + repaired)
    return Loaded(make_document(text, name, url=url, source=source), path, number, warnings)
