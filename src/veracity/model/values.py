"""Value cleaners: messy text in, a clean value or ``None`` out, never an exception.

News text is messy by nature. A date or count that cannot be read becomes ``None`` and the caller counts a warning.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})

PRECISIONS = ("year", "month", "day")


def clean_date(value: object) -> str | None:
    """Return ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` for a valid partial ISO date, else ``None``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    match = _DATE.match(str(value).strip()[:10])
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            return date(int(year), int(month), int(day)).isoformat()
        if month:
            return f"{int(year):04d}-{int(month):02d}" if 1 <= int(month) <= 12 else None
        return f"{int(year):04d}"
    except ValueError:
        return None


def date_precision(value: str | None) -> str | None:
    """``year``, ``month`` or ``day`` for a cleaned partial date."""
    if not value:
        return None
    return PRECISIONS[value.count("-")]


def date_upper_bound(value: str) -> str:
    """The last day a partial date can mean, as ``YYYY-MM-DD`` (for 'published by' comparisons)."""
    parts = value.split("-")
    if len(parts) == 3:
        return value
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1).isoformat()
    return f"{parts[0]}-12-31"


def clean_count(value: object) -> int | None:
    """A non-negative whole number, or ``None`` for vague or unreadable counts."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    text = str(value).strip().replace(",", "")
    return int(text) if text.isascii() and text.isdecimal() else None


def normalise_text(text: str) -> str:
    """Unicode NFC, unified line ends, trailing spaces stripped: the form a document id is hashed from."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def normalise_name(name: str) -> str:
    """Key for alias lookup: case-folded, quotes unified, possessive and hashtag stripped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES).strip()
    text = text.lstrip("#@")
    if text.endswith("'s") or text.endswith("s'"):
        text = text[:-2] if text.endswith("'s") else text[:-1]
    text = text.replace(".", "") if len(text) <= 6 else text
    return _SPACES.sub(" ", text).casefold().strip()
