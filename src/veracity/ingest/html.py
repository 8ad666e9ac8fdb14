"""Saved web pages (``.html``, ``.htm``) into :class:`Document`, with trafilatura finding the article.

Pages are mostly navigation, adverts and footers around a few paragraphs of reporting; trafilatura is a maintained
main-text extractor, so boilerplate rules do not live here. Its metadata gives the title, date, canonical URL
(``<link rel=canonical>`` or ``og:url``) and site name, which is taken as the outlet. The date comes from the
page's markup only, never from dates mentioned in the story.

A page whose extracted text has no line of at least six words is rejected: trafilatura falls back to any text it
can find, and a menu ("Home / World news") is not an article. Malformed markup is not a reason to reject: a page
trafilatura cannot parse is repaired by lxml's HTML parser and read again, with a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from veracity.ingest.items import Item, Loaded
from veracity.ingest.raw import decode, read_limited
from veracity.ingest.raw import stem as _stem
from veracity.ingest.text import make_document
from veracity.model import Document, InvalidInput

MIN_PROSE_WORDS = 6
"""A page needs at least one line this long to count as having main text."""

EXTRACTOR_FAILURES = (ValueError, TypeError, AttributeError, IndexError, KeyError, AssertionError, RecursionError,
                      lxml.etree.LxmlError)
"""What trafilatura and its helpers (htmldate, lxml) have been seen to raise on malformed pages, e.g. an
``AssertionError`` from lxml's ``drop_tree`` while htmldate looks for a date. Such a page is rejected, not a crash."""

DATE_SEARCH = {"extensive_search": False, "original_date": True}
"""Dates from the page's markup only. htmldate's default also guesses from dates written in the text, and an article
about an attack "on 26 August 2021" would be dated that day; a wrong publication date is worse than none, because
relative dates ("last spring") are resolved against it."""

_REPAIRED = "page is malformed HTML; its text was read from the markup as lxml repaired it"
_NO_TEXT = "no main text could be extracted from the HTML (it may be only navigation, or rendered by scripts)"


def read_html_document(html: str, name: str, *, source: str | None = None) -> Document:
    """A :class:`Document` from a page's HTML; raises :class:`InvalidInput` when it has no main text."""
    return read_html(html, name, source=source)[0]


def read_html(html: str, name: str, *, source: str | None = None) -> tuple[Document, tuple[str, ...]]:
    """``(document, warnings)`` from a page's HTML, falling back on repaired markup when the page is malformed.

    trafilatura gives up on markup it cannot parse into a tree (text before any tag, an unclosed ``<script>``);
    lxml's HTML parser repairs such pages the way a browser does, and trafilatura then reads the repaired page. A
    page read only that way carries a warning. Raises :class:`InvalidInput` when no attempt finds main text.
    """
    warnings: tuple[str, ...] = ()
    found = _extract(html)
    if not _has_prose(found):
        repaired = _repair(html)
        found = _extract(repaired) if repaired else None
        if not _has_prose(found) and repaired:
            found = _baseline(repaired)
        warnings = (_REPAIRED,)
    if not _has_prose(found):
        raise InvalidInput(_NO_TEXT)
    document = make_document(
        getattr(found, "text", None) or "",
        name,
        title=getattr(found, "title", None),
        url=getattr(found, "url", None),
        outlet=getattr(found, "sitename", None),
        published=getattr(found, "date", None),
        source=source,
    )
    return document, warnings


def _has_prose(found: Any) -> bool:
    text = getattr(found, "text", None) or ""
    return any(len(line.split()) >= MIN_PROSE_WORDS for line in text.split("\n"))


def _repair(html: str) -> str | None:
    """The page re-serialised by lxml's forgiving HTML parser, or ``None`` when even that finds nothing."""
    try:
        return str(lxml.html.tostring(lxml.html.document_fromstring(html), encoding="unicode"))
    except EXTRACTOR_FAILURES:
        return None


def _baseline(html: str) -> Any:
    """trafilatura's baseline extractor (article body, paragraphs, else the page's text) as an object with text."""
    try:
        return SimpleNamespace(text=trafilatura.baseline(html)[1])
    except EXTRACTOR_FAILURES:
        return None


def _extract(html: str) -> Any:
    """trafilatura's result, retried without metadata when the metadata step fails; ``None`` when both fail."""
    for with_metadata in (True, False):
        try:
            return trafilatura.bare_extraction(html, with_metadata=with_metadata, include_comments=False,
                                               date_extraction_params=DATE_SEARCH)
        except EXTRACTOR_FAILURES:
            continue
    return None


def read_html_file(path: Path, max_bytes: int) -> Iterator[Item]:
    """One document from a saved page, named after the file's stem."""
    html, decoded = decode(read_limited(path, max_bytes), html=True)
    document, repaired = read_html(html, _stem(path), source=str(path))
    yield Loaded(document, path, warnings=decoded + repaired)
