"""Watching feeds: poll each URL every so often, store what is new, skip what is not.

Each poll sends a conditional request (the validators of the last answer are kept in the store's ``feeds``
table), so an unchanged feed is one ``304``. A changed feed is read like a feed file; its entries that are already
stored (same text, same id) count as duplicates and change nothing, so an entry seen in ten polls is stored once.
Each poll is a run with its warnings, as an ingest is. A feed that fails is reported and the others go on.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from veracity.ingest.feeds import read_feed_bytes
from veracity.ingest.fetch import fetch
from veracity.ingest.items import Rejected
from veracity.ingest.language import language_warnings
from veracity.model import InvalidInput
from veracity.run.build import IngestReport, store_document
from veracity.run.runs import RunLog

if TYPE_CHECKING:
    from veracity.store import Store

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass
class Poll:
    """One feed's answer in one round: ``changed`` False for a 304, the ingest report otherwise."""

    url: str
    changed: bool
    report: IngestReport


def parse_every(value: str) -> float:
    """Seconds in ``"15m"``, ``"30s"``, ``"1h"``, ``"1d"`` or a bare number of seconds."""
    match = _EVERY.match(value)
    if match is None:
        raise InvalidInput(f"cannot read the interval {value!r}", fix="write it like 30s, 15m, 1h or 1d")
    return float(match.group(1)) * _UNITS[match.group(2)]


def poll(store: Store, url: str, max_bytes: int) -> Poll:
    """Ask ``url`` once and store its new entries; raises :class:`InvalidInput` when it cannot be fetched or read."""
    state = next((row for row in store.view().rows("feeds") if row["url"] == url), {})
    fetched = fetch(url, state.get("etag"), state.get("last_modified"), max_bytes)
    run = RunLog.start(store, "watch", [url])
    report = IngestReport(run=run)
    if fetched.status != 304:
        parsed = urlparse(url)
        where = Path(parsed.netloc + parsed.path)
        for item in read_feed_bytes(fetched.body, where, where.stem or parsed.netloc, url):
            if isinstance(item, Rejected):
                report.rejected.append(item)
                with store.writer() as w:
                    run.record(w, "rejected", item.where, [item.reason])
            else:
                found = language_warnings(item.document.language)
                store_document(store, replace(item, warnings=item.warnings + found), report, run)
    with store.writer() as w:
        w.set_feed_state(url, fetched.etag, fetched.last_modified)
    run.finish(store, report.counts())
    return Poll(url, fetched.status != 304, report)


def watch(store: Store, urls: Iterable[str], every_s: float, max_bytes: int, times: int | None = None,
          on_poll: Callable[[Poll | Rejected], None] | None = None, sleep: Callable[[float], None] = time.sleep
          ) -> int:
    """Poll every URL, wait ``every_s`` seconds, again; ``times`` rounds (forever when ``None``). Returns rounds."""
    urls = list(urls)
    rounds = 0
    while times is None or rounds < times:
        if rounds:
            sleep(every_s)
        for url in urls:
            try:
                result: Poll | Rejected = poll(store, url, max_bytes)
            except InvalidInput as exc:
                result = Rejected(Path(url), exc.message)
            if on_poll:
                on_poll(result)
        rounds += 1
    return rounds
