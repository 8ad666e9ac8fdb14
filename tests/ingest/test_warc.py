"""Web archives (``veracity.ingest.warc``): one document per archived page, streamed record by record."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from veracity.ingest import Loaded, Rejected

Write = Callable[[str, str | bytes], Path]
LoadAll = Callable[..., tuple[list[Loaded], list[Rejected]]]

PAGE = ("<html><head><title>Blast in Quetta</title></head><body><article><p>A bomb exploded in a crowded market "
        "in Quetta on Friday, killing at least {n} people, police said.</p></article></body></html>")


def warc_bytes(records: list[tuple[str, str, bytes, str]], gzip: bool) -> bytes:
    """A WARC file of ``(url, content type, body, status)`` response records, written by warcio itself."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for url, content_type, body, status in records:
        headers = StatusAndHeaders(f"{status} X", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return out.getvalue()


RECORDS = [
    ("https://news.example/a", "text/html; charset=utf-8", PAGE.format(n="twelve").encode(), "200"),
    ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n", "200"),
    ("https://news.example/gone", "text/html", b"<html>not found</html>", "404"),
    ("https://news.example/b", "text/html", PAGE.format(n="seven").encode("cp1252"), "200"),
    ("https://news.example/menu", "text/html", b"<html><body><nav>Home</nav></body></html>", "200"),
    ("https://news.example/c.txt", "text/plain", b"Police said the market reopened on Saturday morning.", "200"),
]


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_pages_load_and_the_rest_is_passed_over(write: Write, load_all: LoadAll, name: str, gzip: bool) -> None:
    loaded, rejected = load_all(write(name, warc_bytes(RECORDS, gzip)))
    assert [(i.line, i.document.name, i.document.url) for i in loaded] == [
        (1, "crawl-1", "https://news.example/a"), (4, "crawl-4", "https://news.example/b"),
        (6, "crawl-6", "https://news.example/c.txt")]
    assert "twelve people" in loaded[0].document.text
    assert [(r.line, r.reason[:20]) for r in rejected] == [(5, "no main text could b")]


def test_warc_record_over_the_limit_is_rejected_alone(write: Write, load_all: LoadAll) -> None:
    big = ("https://news.example/big", "text/plain", b"word " * 400, "200")
    loaded, rejected = load_all(write("big.warc", warc_bytes([big, RECORDS[5]], False)), max_bytes=1_000)
    assert [i.line for i in loaded] == [2]
    assert [(r.line, r.reason) for r in rejected] == [(1, "archived page is over the 1,000-byte limit")]


def test_warc_that_is_not_a_warc_is_rejected(write: Write, load_all: LoadAll) -> None:
    loaded, rejected = load_all(write("junk.warc", b"this is not an archive\r\n\r\n"))
    assert not loaded
    assert rejected[0].reason == "not a WARC file (record 1 has no WARC/1.x header)"
