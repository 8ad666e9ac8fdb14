"""Resolve date expressions against a publication date, and infer a publication date from the text.

News rarely gives full dates: "last spring", "overnight Saturday", "October last year", "on 26th August". The
resolver returns a partial ISO date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) no more precise than the text and the
anchor allow, or ``None`` when it cannot read the expression (the caller counts a warning). dateutil is used only
for the calendar arithmetic; the reading of the phrase is ours.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?\b(?:,?\s+(\d{{4}}))?")
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?,?\s+(?:of\s+)?(\d{{4}})\b")
_MONTH_REL = re.compile(rf"\b({_MONTH_RE})\b\s+(last|this|next)\s+year")
_MONTH = re.compile(rf"\b({_MONTH_RE})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_DECADE = re.compile(r"\b(1[89]\d0|20[0-4]0)['’]?s\b")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_AGO = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(day|week|month|year)s?\s+ago")
# "in the last three weeks", "over the past few days": a stretch ending at publication, read as its month
_RECENT = re.compile(
    r"\b(?:last|past)\s+(?:few|couple of|several|a|an|one|two|three|four|five|six|seven|\d+)\s+(day|week)s?\b"
)
_NUM = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def _anchor(published: str | None) -> tuple[date, int] | None:
    """The publication date as a calendar day (mid-period for partial dates) and its precision (1-3 parts)."""
    if not published:
        return None
    parts = [int(p) for p in published.split("-")]
    if len(parts) == 1:
        return date(parts[0], 7, 1), 1
    if len(parts) == 2:
        return date(parts[0], parts[1], 15), 2
    return date(parts[0], parts[1], parts[2]), 3


def _fmt(day: date, parts: int) -> str:
    return day.isoformat()[: {1: 4, 2: 7, 3: 10}[parts]]


def _month_name(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _past_year(month: int, anchor: tuple[date, int] | None) -> int | None:
    """Year of a yearless month in past-tense news: this year unless the month is still ahead."""
    if anchor is None:
        return None
    ref = anchor[0]
    return ref.year - 1 if month > ref.month + 1 and anchor[1] > 1 else ref.year


def _absolute(text: str, anchor: tuple[date, int] | None) -> str | None:
    for rx, day_first in ((_DAY_MONTH, True), (_MONTH_DAY, False)):
        m = rx.search(text)
        if m:
            d, mo = (m.group(1), m.group(2)) if day_first else (m.group(2), m.group(1))
            year = int(m.group(3)) if m.group(3) else _past_year(_month_name(mo), anchor)
            if year is None:
                return None
            try:
                return date(year, _month_name(mo), int(d)).isoformat()
            except ValueError:
                return None
    m = _MONTH_YEAR.search(text)
    if m:
        return f"{int(m.group(2)):04d}-{_month_name(m.group(1)):02d}"
    m = _ISO.search(text)
    if m:
        return m.group(0)
    m = _DECADE.search(text)
    if m:
        return m.group(1)
    return None


def _relative_year(text: str, ref: date) -> int | None:
    if "last year" in text or "previous year" in text:
        return ref.year - 1
    if "next year" in text:
        return ref.year + 1
    if "this year" in text or "earlier this" in text:
        return ref.year
    return None


def _season(text: str, anchor: tuple[date, int]) -> str | None:
    """ "last spring" is the most recent spring already begun before the anchor; "next" the coming one."""
    ref = anchor[0]
    for name, month in SEASONS.items():
        if name in text:
            year = ref.year if month < ref.month else ref.year - 1
            if "next" in text:
                year += 1
            return f"{year:04d}"
    return None


def _weekday(text: str, anchor: tuple[date, int]) -> str | None:
    ref, parts = anchor
    for name, wd in WEEKDAYS.items():
        if name in text:
            if parts < 3:
                return _fmt(ref, parts)
            delta = (ref.weekday() - wd) % 7 or 7
            return (ref - timedelta(days=delta)).isoformat()
    if "weekend" in text or "yesterday" in text or "overnight" in text:
        back = 1 if "yesterday" in text or "overnight" in text else (ref.weekday() + 2) % 7 or 7
        return (ref - timedelta(days=back)).isoformat() if parts == 3 else _fmt(ref, parts)
    return None


def _relative(text: str, anchor: tuple[date, int]) -> str | None:
    ref, parts = anchor
    m = _MONTH_REL.search(text)
    if m:
        year = _relative_year(m.group(2) + " year", ref)
        return f"{year:04d}-{_month_name(m.group(1)):02d}" if year else None
    m = _AGO.search(text)
    if m:
        n = int(m.group(1)) if m.group(1).isdecimal() else _NUM[m.group(1)]
        unit = m.group(2)
        back = relativedelta(**{unit + "s": n}) if unit != "week" else relativedelta(weeks=n)
        return _fmt(ref - back, min(parts, {"day": 3, "week": 3, "month": 2, "year": 1}[unit]))
    if _RECENT.search(text):
        return _fmt(ref, min(parts, 2))
    if "last month" in text or "previous month" in text:
        return _fmt(ref - relativedelta(months=1), min(parts, 2))
    if "this month" in text or "earlier this month" in text:
        return _fmt(ref, min(parts, 2))
    if "last week" in text or "this week" in text or "today" in text or "tonight" in text:
        return _fmt(ref - timedelta(days=7 if "last week" in text else 0), min(parts, 3 if "today" in text else 2))
    year = _relative_year(text, ref)
    if year is not None:
        return f"{year:04d}"
    return _season(text, anchor) or _weekday(text, anchor)


def resolve_date(text: str, published: str | None) -> str | None:
    """A partial ISO date for a date expression, read against ``published``; ``None`` when unreadable."""
    low = text.lower().replace("’", "'")
    anchor = _anchor(published)
    if _MONTH_REL.search(low) and anchor:
        return _relative(low, anchor)
    found = _absolute(low, anchor)
    if found:
        return found
    if anchor:
        rel = _relative(low, anchor)
        if rel:
            return rel
    m = _MONTH.search(low)
    if m and anchor:
        year = _past_year(_month_name(m.group(1)), anchor)
        return f"{year:04d}-{_month_name(m.group(1)):02d}"
    m = _YEAR.search(low)
    return m.group(1) if m else None


def _plain_year(text: str) -> str | None:
    m = _YEAR.search(text)
    return m.group(1) if m and not _DECADE.search(text.lower()) else None


def infer_published(expressions: list[str], known_dates: list[str]) -> str | None:
    """Publication date from evidence inside the text: the latest date it speaks of as past or present.

    ``expressions`` are the date phrases found in the text, ``known_dates`` the dates of uniquely named events it
    mentions. The latest absolute date wins; yearless month names later in that year move it forward (an article
    that mentions "September 1, 2021" and "October 2" was written in October 2021); decades never anchor.
    """
    dated = [d for d in (_absolute(e.lower(), None) or _plain_year(e) for e in expressions) if d and len(d) >= 4]
    dated = [d for d in dated if not re.fullmatch(r"\d{3}0", d) or d in known_dates] + list(known_dates)
    if not dated:
        return None
    latest = max(dated)
    year, month = int(latest[:4]), int(latest[5:7]) if len(latest) >= 7 else 0
    for expr in expressions:
        low = expr.lower()
        if _YEAR.search(low) or "last year" in low or "next" in low:
            continue
        months = [
            _month_name(m.group(1))
            for m in _MONTH.finditer(low)
            if m.group(1) != "may" or low.strip().startswith("may")
        ]
        months += [m for name, m in SEASONS.items() if name in low and "last" not in low]
        if month and months:
            month = max(month, *months)
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"
