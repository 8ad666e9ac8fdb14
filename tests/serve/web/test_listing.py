"""Paging and sorting: totals, bounds, missing values last, and bad keys refused."""

from __future__ import annotations

import pytest

from veracity.model.errors import InvalidInput
from veracity.serve.web.listing import Paging, contains, equals, page, where

ROWS = [{"name": "b", "n": 2}, {"name": "A", "n": None}, {"name": "c", "n": 10}, {"name": "d", "n": 1}]


@pytest.mark.parametrize(("sort", "names"), [
    (None, ["b", "A", "c", "d"]),
    ("name", ["A", "b", "c", "d"]),
    ("-name", ["d", "c", "b", "A"]),
    ("n", ["d", "b", "c", "A"]),
    ("-n", ["c", "b", "d", "A"]),
])
def test_listing_sorts_with_missing_values_last(sort: str | None, names: list[str]) -> None:
    got = page(ROWS, Paging(0, 10, sort), ["name", "n"])
    assert [r["name"] for r in got["items"]] == names and got["total"] == 4


def test_listing_pages_cover_every_row_once() -> None:
    seen = [r["name"] for off in (0, 3) for r in page(ROWS, Paging(off, 3, "name"), ["name"])["items"]]
    assert seen == ["A", "b", "c", "d"]


@pytest.mark.parametrize("paging", [Paging(-1, 10), Paging(0, 0), Paging(0, 501), Paging(0, 10, "nope")])
def test_listing_refuses_bad_paging(paging: Paging) -> None:
    with pytest.raises(InvalidInput):
        page(ROWS, paging, ["name"])


def test_listing_filters_combine() -> None:
    assert where(ROWS, [equals("name", "a"), None]) == [ROWS[1]]
    assert [r["name"] for r in where(ROWS, [contains(["name"], "C")])] == ["c"]
    assert where(ROWS, [None]) == ROWS
