"""Large JSON Lines and WARC files are read as streams: memory stays flat as the file grows four-fold."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from veracity.ingest import read_paths

BODY = "A bomb exploded in a crowded market in Quetta on Friday, police said. Report {n} of the series. " * 8


def jsonl(path: Path, docs: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(docs):
            handle.write(json.dumps({"text": BODY.format(n=n)}) + "\n")
    return path


def warc(path: Path, docs: int) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(docs):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response", http_headers=headers,
                                                          payload=io.BytesIO(BODY.format(n=n).encode())))
    return path


def peak_while_reading(path: Path) -> tuple[int, int]:
    """``(documents, peak traced bytes)`` for reading every document of ``path`` and dropping it."""
    tracemalloc.start()
    count = sum(1 for _ in read_paths([path]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return count, peak


@pytest.mark.parametrize(("make", "name"), [(jsonl, "big.jsonl"), (warc, "big.warc.gz")])
def test_streaming_memory_is_flat_as_the_file_grows(tmp_path: Path, make, name: str) -> None:
    small = peak_while_reading(make(tmp_path / f"small-{name}", 500))
    large = peak_while_reading(make(tmp_path / name, 2_000))
    assert (small[0], large[0]) == (500, 2_000)
    assert large[1] < 1.5 * small[1], (small, large)
