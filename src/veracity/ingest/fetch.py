"""Fetching a feed over HTTP with a conditional request, so an unchanged feed costs one small answer.

A watched feed is asked again every few minutes; servers answer ``304 Not Modified`` when the ``ETag`` or
``Last-Modified`` they gave last time still holds. Only ``http`` and ``https`` URLs are fetched (never ``file:``),
the body is read up to the size limit, and compressed answers are not asked for. Every failure is an
:class:`InvalidInput` naming the URL.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlparse

from veracity.model import InvalidInput

TIMEOUT_S = 30
USER_AGENT = "veracity-watch/1"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A feed's answer: ``status`` 200 with a body, or 304 (unchanged) with none; the validators to send next."""

    status: int
    body: bytes
    etag: str | None
    last_modified: str | None


def fetch(url: str, etag: str | None, last_modified: str | None, max_bytes: int) -> Fetched:
    """GET ``url`` with ``If-None-Match``/``If-Modified-Since`` from the last answer."""
    if urlparse(url).scheme not in ("http", "https"):
        raise InvalidInput(f"{url}: only http and https feeds can be watched")
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    headers |= {"If-None-Match": etag} if etag else {}
    headers |= {"If-Modified-Since": last_modified} if last_modified else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise InvalidInput(f"{url}: feed is over the {max_bytes:,}-byte limit")
            return Fetched(response.status, body, response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(304, b"", etag, last_modified)
        raise InvalidInput(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise InvalidInput(f"{url}: cannot fetch the feed ({getattr(exc, 'reason', exc)})") from None
