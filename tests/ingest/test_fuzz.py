"""Fuzzing every ingest parser with hypothesis: no input crashes them, and every failure is an ``InvalidInput``
(turned into a ``Rejected`` that names the file, and the line or entry, with a reason).

Inputs are drawn from strategies that look like each format (headers, JSON lines with odd field types, tag soup,
feeds with entities and CDATA, WARC records, gzip members) as well as raw bytes in several encodings, since pure
noise rarely gets past the first check. The date and count readers have their own file (``test_fuzz_values.py``).
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from veracity.ingest import Loaded, Rejected, from_file
from veracity.ingest.feeds import html_to_text
from veracity.ingest.html import read_html
from veracity.ingest.jsonl import parse_line
from veracity.ingest.raw import decode
from veracity.ingest.sources import READERS
from veracity.ingest.text import read_text_document, split_header
from veracity.model import InvalidInput
from veracity.model.ids import text_hash

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
"""Derandomized so the suite is reproducible; explore with `pytest tests/ingest/test_fuzz.py --hypothesis-seed=N`."""

WORDS = st.sampled_from(["Quetta", "police", "said", "bomb", "&amp;", "&#0;", "&lol;", "\u2028", "caf\u00e9", "]]>",
                         "<!--", "-->", "\x0b", "\ufeff", "\u0628\u0645", "\ud7ff", "12", "---", ":", "\r\n", "\n"])
PHRASE = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=25).map(" ".join)
TAGS = st.sampled_from(["p", "div", "script", "style", "br", "article", "title", "meta charset='cp1252'", "html",
                        "body", "table", "td", "svg", "!DOCTYPE html", "?xml version='1.0'?", "a href='x'"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """Tag soup: opening and closing tags (matched or not) around phrases."""
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(TAGS)
        parts.append(draw(st.sampled_from([f"<{tag}>", f"</{tag.split()[0]}>", f"<{tag}"])) + draw(PHRASE))
    return "".join(parts)


@st.composite
def feeds(draw: st.DrawFn) -> str:
    """RSS or Atom with entries whose fields are phrases, tag soup or missing, sometimes with a DTD."""
    doctype = draw(st.sampled_from(["", "<!DOCTYPE rss>", '<!DOCTYPE x [<!ENTITY a "b">]>',
                                    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>']))
    entries = "".join(
        f"<item><title>{draw(PHRASE)}</title><pubDate>{draw(PHRASE)}</pubDate>"
        f"<description><![CDATA[{draw(html_pages())}]]></description><link>{draw(PHRASE)}</link></item>"
        for _ in range(draw(st.integers(0, 3)))
    )
    if draw(st.booleans()):
        return f"<?xml version='1.0'?>{doctype}<rss version='2.0'><channel><title>{draw(PHRASE)}</title>{entries}"
    return f"<feed xmlns='http://www.w3.org/2005/Atom'><entry><content type='html'>{draw(PHRASE)}</content></entry>"


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | PHRASE,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                       max_size=3), max_leaves=6)


@st.composite
def jsonl_files(draw: st.DrawFn) -> str:
    """Lines that are JSON objects with the known keys holding any JSON value, or broken JSON, or blank."""
    keys = ["text", "title", "url", "outlet", "published", "id", "name"]
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        record = {key: draw(JSON_VALUES) for key in draw(st.lists(st.sampled_from(keys), max_size=7))}
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        lines.append(draw(st.sampled_from([line, line[:-1], "", "[1, 2]", line + " x"])))
    return "\n".join(lines)


@st.composite
def text_files(draw: st.DrawFn) -> str:
    header = "".join(f"{draw(st.sampled_from(['TITLE', 'date', 'Url', 'OUTLET', 'other']))}: {draw(PHRASE)}\n"
                     for _ in range(draw(st.integers(0, 4))))
    return header + draw(st.sampled_from(["---\n", "--\n", ""])) + draw(PHRASE)


def warc_file(body: bytes, content_type: str, status: str) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders(f"{status} X", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example/a", "response", payload=io.BytesIO(body),
                                                  http_headers=headers))
    return out.getvalue()


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "latin-1"])


def encoded(texts: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.tuples(texts, ENCODINGS).map(lambda pair: pair[0].encode(pair[1], errors="replace"))


FILES = st.one_of(
    st.tuples(st.sampled_from([".txt", ".md", ".txt.gz"]), encoded(text_files())),
    st.tuples(st.sampled_from([".html", ".htm"]), encoded(html_pages())),
    st.tuples(st.sampled_from([".xml", ".rss", ".atom"]), encoded(feeds())),
    st.tuples(st.sampled_from([".jsonl", ".jsonl.gz"]), encoded(jsonl_files())),
    st.tuples(st.just(".warc"), st.builds(warc_file, encoded(html_pages()) | st.binary(max_size=200),
                                          st.sampled_from(["text/html", "text/plain", "image/png"]),
                                          st.sampled_from(["200", "404"]))),
    st.tuples(st.sampled_from(sorted(READERS)), st.binary(max_size=300)),
)


def read_file(suffix: str, content: bytes, max_bytes: int = 2_000) -> Iterator[tuple[Path, Loaded | Rejected]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(gzip.compress(content) if suffix.endswith(".gz") else content)
        for item in from_file(path, max_bytes=max_bytes):
            yield path, item


@FUZZ
@given(FILES, st.sampled_from([200, 2_000, 5_000_000]))
def test_fuzz_every_reader_loads_or_rejects_naming_the_file(file: tuple[str, bytes], max_bytes: int) -> None:
    suffix, content = file
    for path, item in read_file(suffix, content, max_bytes):
        assert item.path == path
        if isinstance(item, Rejected):
            assert item.reason.strip() and item.where.startswith(str(path))
        else:
            assert item.document.text.strip() and item.document.id == text_hash(item.document.text)
            assert all(isinstance(w, str) and w for w in item.warnings)


@FUZZ
@given(st.sampled_from(sorted(READERS)), st.one_of(st.binary(max_size=300), encoded(html_pages())))
def test_fuzz_readers_raise_only_invalid_input(suffix: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(content)
        try:
            items = list(READERS[suffix](path, 2_000))
        except InvalidInput as exc:
            assert exc.message
        else:
            assert all(isinstance(item, Loaded | Rejected) for item in items)


@FUZZ
@given(st.one_of(st.binary(max_size=200), encoded(jsonl_files())))
def test_fuzz_jsonl_parse_line(raw: bytes) -> None:
    try:
        loaded = parse_line(raw, Path("c.jsonl"), 7)
    except InvalidInput as exc:
        assert exc.message
    else:
        assert loaded.line == 7 and loaded.document.text


@FUZZ
@given(st.one_of(st.text(), text_files()))
def test_fuzz_text_header_and_document(text: str) -> None:
    header, body = split_header(text)
    assert body == text or set(header) <= {"url", "title", "date", "outlet"}
    try:
        document = read_text_document(text, "t")
    except InvalidInput as exc:
        assert exc.message
    else:
        assert document.text


@FUZZ
@given(st.one_of(st.text(), html_pages()))
def test_fuzz_html_pages_and_fragments(html: str) -> None:
    assert isinstance(html_to_text(html), str)
    try:
        document, warnings = read_html(html, "page")
    except InvalidInput as exc:
        assert exc.message
    else:
        assert document.text and isinstance(warnings, tuple)


@FUZZ
@given(st.one_of(st.binary(max_size=400), encoded(PHRASE)), st.booleans())
def test_fuzz_decode(data: bytes, html: bool) -> None:
    try:
        text, warnings = decode(data, html=html)
    except InvalidInput as exc:
        assert exc.message
    else:
        assert isinstance(text, str) and isinstance(warnings, tuple)


@FUZZ
@given(st.one_of(encoded(feeds()), st.binary(max_size=300)))
def test_fuzz_feed_bytes_as_watch_reads_them(data: bytes) -> None:
    """A polled feed's body (``veracity watch``) is read by the same reader as a file: entries or a rejection
    naming the feed, and when the whole feed is unreadable an :class:`InvalidInput`, never another error."""
    from veracity.ingest.feeds import read_feed_bytes

    where = Path("news.example/feed")
    try:
        items = list(read_feed_bytes(data, where, "feed", "https://news.example/feed"))
    except InvalidInput as exc:
        assert exc.message
        return
    for item in items:
        assert isinstance(item, Loaded | Rejected) and item.path == where
        if isinstance(item, Rejected):
            assert item.reason


@FUZZ
@given(st.one_of(PHRASE, st.tuples(st.sampled_from(["QUETTA", "Kabul", "PESHAWAR, Pakistan", "Khost (AFP)"]),
                                    st.sampled_from([": ", " - ", " -- ", ", March 3 (Reuters) - ", " "]), PHRASE)
                 .map("".join)))
def test_fuzz_dateline(text: str) -> None:
    """A dateline is found only at the start, with a place and an end inside the text; anything else is None."""
    from veracity.ingest.dateline import find_dateline

    found = find_dateline(text)
    if found is not None:
        assert 0 < found.end <= len(text) and found.place and found.place.lower() in text.lower()
