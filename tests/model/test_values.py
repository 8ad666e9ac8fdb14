"""Value cleaners turn messy input into clean values or None, never exceptions."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veracity.model.values import (
    clean_count,
    clean_date,
    date_precision,
    date_upper_bound,
    normalise_name,
    normalise_text,
)


@pytest.mark.parametrize(("raw", "clean"), [
    ("2024-03-22", "2024-03-22"), ("2024-3", "2024-03"), ("2021", "2021"), (date(2021, 8, 26), "2021-08-26"),
    ("2024-02-30", None), ("2024-13", None), ("last spring", None), ("", None), (None, None),
    ("2025-10-11T12:00:00Z", "2025-10-11"), (datetime(2024, 3, 22, 10, 0), "2024-03-22"),
])
def test_values_clean_date(raw, clean) -> None:
    assert clean_date(raw) == clean


@pytest.mark.parametrize(("value", "precision", "end"), [
    ("2024", "year", "2024-12-31"), ("2024-02", "month", "2024-02-29"), ("2023-12", "month", "2023-12-31"),
    ("2021-08-26", "day", "2021-08-26"),
])
def test_values_precision_and_upper_bound(value, precision, end) -> None:
    assert date_precision(value) == precision
    assert date_upper_bound(value) == end


@pytest.mark.parametrize(("raw", "count"), [
    (4, 4), ("31", 31), ("1,200", 1200), ("hundreds", None), (-3, None), (True, None), (None, None),
])
def test_values_clean_count(raw, count) -> None:
    assert clean_count(raw) == count


@pytest.mark.parametrize(("a", "b"), [
    ("ISIS-K", "isis-k"), ("Pakistan’s", "pakistan"), ("#KabulAiport", "kabulaiport"), ("U.S.", "us"),
    ("  Haqqani   network ", "haqqani network"),
])
def test_values_normalise_name_unifies_surface_variants(a: str, b: str) -> None:
    assert normalise_name(a) == b


@given(st.text())
def test_values_cleaners_never_raise(text: str) -> None:
    clean_date(text)
    clean_count(text)
    normalise_name(text)
    assert normalise_text(normalise_text(text)) == normalise_text(text)
