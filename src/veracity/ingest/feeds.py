"""RSS and Atom feeds (``.xml``, ``.rss``, ``.atom``): one document per entry, via feedparser.

An entry's text is its full content when the feed carries it, else its summary; HTML is flattened to text with
lxml, keeping paragraph breaks (entries are fragments, too short for a main-text extractor to judge). The feed's
title is the outlet. Entries are named ``<file stem>-<n>`` with ``n`` the 1-based entry number, which is also the
``line`` of the :class:`Loaded` or :class:`Rejected`. feedparser is lenient: a feed it flags as malformed is still
read when it found entries; it is rejected only when it found none. A feed that declares XML entities is refused
before parsing (see :func:`check_safe_xml`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import lxml.etree
import lxml.html
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as defused_fromstring

from veracity.ingest.clean import date_warnings
from veracity.ingest.items import Item, Loaded, Rejected
from veracity.ingest.raw import SNIFF_BYTES, check_not_binary, read_limited, stem
from veracity.ingest.text import make_document
from veracity.model import Document, InvalidInput

BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table", "ul",
        "ol", "section", "article", "header", "footer", "figcaption",
    }
)
"""Elements that end a line when HTML is flattened to text."""

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_feed_file(path: Path, max_bytes: int) -> Iterator[Item]:
    """Every entry of the feed in ``path``; a feed feedparser cannot read at all is one :class:`Rejected`."""
    yield from read_feed_bytes(read_limited(path, max_bytes), path, stem(path), str(path))


def read_feed_bytes(data: bytes, path: Path, name: str, source: str) -> Iterator[Item]:
    """Every entry of a feed held in ``data`` (a file's or a download's), named ``<name>-<n>``, sourced
    ``<source>#<n>``; raises :class:`InvalidInput` when the feed as a whole cannot be read."""
    check_not_binary(data[:SNIFF_BYTES])
    if not data.strip():
        raise InvalidInput("file is empty (or only whitespace)")
    check_safe_xml(data)
    try:
        parsed = feedparser.parse(data)
    except ValueError as exc:  # feedparser's own bugs on hostile input, e.g. a surrogate character reference
        raise InvalidInput(f"not a readable RSS or Atom feed (the parser failed: {exc})") from None
    if not parsed.entries:
        raise InvalidInput(_unreadable(parsed))
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            document = entry_document(entry, f"{name}-{number}", outlet, f"{source}#{number}")
        except InvalidInput as exc:
            yield Rejected(path, exc.message, number)
            continue
        yield Loaded(document, path, number, date_warnings(_entry_date(entry), document.published))


def check_safe_xml(data: bytes) -> None:
    """Refuse XML that declares entities or reaches for external ones, before feedparser sees it.

    Entity declarations are what "billion laughs" expansion and external-entity (XXE) file reads are made of, and
    no real feed needs them. defusedxml parses with expat and stops at the first such declaration. XML too broken to
    parse is left to feedparser's lenient reading (which does not process a DTD).
    """
    try:
        defused_fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InvalidInput(f"feed declares XML entities or external references ({type(exc).__name__}), which are "
                           "refused: they are used for entity-expansion and external-entity attacks") from None
    except (ParseError, ValueError, UnicodeError, LookupError):
        return


def entry_document(entry: Any, name: str, outlet: str | None, source: str) -> Document:
    """One feed entry as a :class:`Document`; raises :class:`InvalidInput` when it has no text."""
    text = entry_text(entry)
    if not text.strip():
        raise InvalidInput("feed entry has no content or summary text")
    return make_document(
        text,
        name,
        title=html_to_text(entry.get("title") or "") or None,
        url=entry.get("link"),
        outlet=outlet,
        published=_entry_date(entry),
        source=source,
    )


def entry_text(entry: Any) -> str:
    """The entry's longest content block, else its summary, as plain text."""
    blocks = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or ()]
    if not any(value.strip() for value, _ in blocks):
        detail = entry.get("summary_detail") or {}
        blocks = [(entry.get("summary") or "", detail.get("type") or "text/html")]
    value, kind = max(blocks, key=lambda block: len(block[0]))
    return value if kind == "text/plain" else html_to_text(value)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per paragraph or line break; markup-free input comes back as it is."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    fragment = _CONTROL.sub("", fragment)  # lxml refuses to set text holding them (found by fuzzing)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError, AssertionError):  # lxml asserts "too many bodies" (fuzzing)
        return fragment
    for element in root.iter():
        # Source line breaks are soft wraps in HTML; only block elements and <br> end a line.
        element.text = _SPACES.sub(" ", element.text) if element.text else element.text
        element.tail = _SPACES.sub(" ", element.tail) if element.tail else element.tail
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _entry_date(entry: Any) -> str | None:
    return entry.get("published") or entry.get("updated")


def _unreadable(parsed: Any) -> str:
    if parsed.get("bozo"):
        problem = str(parsed.get("bozo_exception") or "malformed XML").rstrip(".")
        return f"not a readable RSS or Atom feed ({problem})"
    if not parsed.get("version"):
        return "not an RSS or Atom feed (no channel or feed element found)"
    return "feed has no entries"
