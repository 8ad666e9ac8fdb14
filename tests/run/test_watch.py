"""Watching feeds (``veracity.run.watch``) against a feed served on loopback by the test itself."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veracity.model import InvalidInput
from veracity.run.watch import parse_every, poll, watch

ENTRY = ("<item><title>E{n}</title><link>https://wire.example/{n}</link><description>A bomb exploded in a market in "
         "Quetta on Friday, police said, and {n} people were hurt.</description></item>")


class Feed:
    """A feed whose entries and ETag the test changes, and the conditional headers each request carried."""

    def __init__(self) -> None:
        self.entries = 2
        self.seen: list[tuple[str | None, str | None]] = []

    @property
    def etag(self) -> str:
        return f'"v{self.entries}"'

    def body(self) -> bytes:
        items = "".join(ENTRY.format(n=n) for n in range(self.entries))
        return f"<rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>".encode()


@pytest.fixture()
def served() -> Iterator[tuple[Feed, str]]:
    feed = Feed()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            feed.seen.append((self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")))
            if self.path != "/feed.xml":
                self.send_error(404)
                return
            if self.headers.get("If-None-Match") == feed.etag:
                self.send_response(304)
                self.end_headers()
                return
            body = feed.body()
            self.send_response(200)
            self.send_header("ETag", feed.etag)
            self.send_header("Last-Modified", "Mon, 07 Dec 2026 10:00:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield feed, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_watch_polls_conditionally_and_stores_each_entry_once(sqlite_store, served) -> None:
    feed, base = served
    url = f"{base}/feed.xml"
    first = poll(sqlite_store, url, 1_000_000)
    assert first.changed and len(first.report.ingested) == 2
    second = poll(sqlite_store, url, 1_000_000)
    assert not second.changed and second.report.counts()["ingested"] == 0
    feed.entries = 3
    third = poll(sqlite_store, url, 1_000_000)
    assert third.changed and (len(third.report.ingested), len(third.report.duplicates)) == (1, 2)
    assert feed.seen == [(None, None), ('"v2"', "Mon, 07 Dec 2026 10:00:00 GMT"),
                         ('"v2"', "Mon, 07 Dec 2026 10:00:00 GMT")]
    names = sorted(d.name for d in sqlite_store.view().documents() if not d.name.startswith("registry-"))
    assert names == ["feed-1", "feed-2", "feed-3"]
    assert {d.source for d in sqlite_store.view().documents()} == {f"{url}#{n}" for n in (1, 2, 3)}


def test_watch_rounds_sleep_between_and_a_failing_feed_does_not_stop_the_rest(sqlite_store, served) -> None:
    _, base = served
    results: list[object] = []
    slept: list[float] = []
    rounds = watch(sqlite_store, [f"{base}/missing.xml", f"{base}/feed.xml", "file:///etc/hostname"], 900.0,
                   1_000_000, times=2, on_poll=results.append, sleep=slept.append)
    assert rounds == 2 and slept == [900.0]
    reasons = [getattr(r, "reason", None) for r in results]
    assert reasons[0].endswith("the server answered HTTP 404 Not Found")
    assert reasons[2] == "file:///etc/hostname: only http and https feeds can be watched"
    assert [getattr(r, "changed", None) for r in results] == [None, True, None, None, False, None]


@pytest.mark.parametrize(("value", "seconds"), [("15m", 900), ("30s", 30), ("1h", 3600), ("1d", 86400), ("45", 45),
                                                ("1.5m", 90)])
def test_watch_parse_every(value: str, seconds: float) -> None:
    assert parse_every(value) == seconds


@pytest.mark.parametrize("value", ["", "soon", "15 minutes", "-1m"])
def test_watch_parse_every_refuses_junk(value: str) -> None:
    with pytest.raises(InvalidInput, match="cannot read the interval"):
        parse_every(value)


def test_watch_cli_polls_a_feed(served, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from veracity.cli import app

    _, base = served
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "kb.db"), "watch", f"{base}/feed.xml", "--every", "0s",
                                      "--times", "2", "--no-extract"])
    assert result.exit_code == 0, result.output
    assert "ingested 2, duplicates 0" in result.output and "not modified" in result.output


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.one_of(st.text(max_size=12), st.from_regex(r"\s*\d{1,4}(\.\d{1,3})?\s*[smhd]?\s*", fullmatch=True)))
def test_watch_parse_every_reads_a_duration_or_says_why_not(value: str) -> None:
    try:
        seconds = parse_every(value)
    except InvalidInput as exc:
        assert repr(value) in exc.message  # the value as written, control characters shown escaped
        return
    assert seconds >= 0
