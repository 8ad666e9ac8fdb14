"""Metadata cleaners for ingest: publication dates and titles (the language is found in ``language.py``).

Like the model's value cleaners they return ``None`` for junk instead of raising: a page with an unreadable date is
still worth reading.
"""

from __future__ import annotations

from datetime import datetime

from dateutil import parser as dateparser

from veracity.model.values import clean_date

TITLE_MAX = 200
"""A first line at least this long is a paragraph, not a title."""

# Two different defaults: a date field dateutil filled in from the default differs between the two parses.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def parse_date(value: object) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from an ISO, RFC 822 or written date, at the precision given.

    "March 2024" is ``2024-03``, not a day dateutil made up; a date without a year is ``None``. The calendar date is
    the one written: "2024-03-22T23:30-05:00" stays the 22nd. Ambiguous numeric dates read month first (03/04 is
    4 March), as dateutil does.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    iso = clean_date(text)
    if iso is not None:
        return iso
    try:
        first, second = (dateparser.parse(text, default=default) for default in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    return clean_date(first.date())


def date_warnings(raw: object, parsed: str | None) -> tuple[str, ...]:
    """A warning when a date was given but could not be read, so the caller can count it; else nothing."""
    if parsed is None and raw is not None and str(raw).strip():
        return (f"date {str(raw).strip()[:60]!r} could not be read; published is left empty",)
    return ()


def guess_title(text: str) -> str | None:
    """The first non-empty line when it is short and more text follows it; a markdown ``#`` is dropped."""
    lines = text.strip().split("\n", 1)
    if len(lines) < 2 or not lines[1].strip():
        return None
    first = lines[0].strip().lstrip("#").strip()
    return first if first and len(first) < TITLE_MAX else None

