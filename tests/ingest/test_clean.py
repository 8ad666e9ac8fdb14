"""Dates and titles from ``veracity.ingest.clean``."""

from __future__ import annotations

import pytest

from veracity.ingest.clean import date_warnings, guess_title, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", "2024"),
        ("2024-03", "2024-03"),
        ("2024-03-22", "2024-03-22"),
        ("2024-03-22T10:00Z", "2024-03-22"),
        ("2024-03-22T23:30:00-05:00", "2024-03-22"),
        ("March 22, 2024", "2024-03-22"),
        ("22 March 2024", "2024-03-22"),
        ("March 2024", "2024-03"),
        ("Fri, 22 Mar 2024 10:00:00 +0000", "2024-03-22"),
        ("Fri, 22 Mar 2024 10:00:00 GMT", "2024-03-22"),
        ("22/03/2024", "2024-03-22"),
        ("03/04/2024", "2024-03-04"),
        (2024, "2024"),
        ("  2021-10  ", "2021-10"),
        ("March 22", None),
        ("yesterday", None),
        ("2024-13-01", None),
        ("Mon, 30 Feb 2024 10:00:00 GMT", None),
        ("", None),
        (None, None),
    ],
)
def test_clean_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("someday", ("date 'someday' could not be read; published is left empty",)),
        ("  soon ", ("date 'soon' could not be read; published is left empty",)),
        ("2024-03-22", ()),
        ("", ()),
        (None, ()),
    ],
)
def test_clean_date_warnings(raw: object, expected: tuple[str, ...]) -> None:
    assert date_warnings(raw, parse_date(raw)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Blast in Quetta\n\nA bomb exploded.", "Blast in Quetta"),
        ("\n\n  Blast in Quetta  \nA bomb exploded.", "Blast in Quetta"),
        ("# Blast in Quetta\n\nA bomb exploded.", "Blast in Quetta"),
        ("Only one line of text here.", None),
        ("Only one line\n\n   ", None),
        ("x" * 200 + "\nmore text", None),
        ("x" * 199 + "\nmore text", "x" * 199),
        ("", None),
    ],
)
def test_clean_guess_title(text: str, expected: str | None) -> None:
    assert guess_title(text) == expected
