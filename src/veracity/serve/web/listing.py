"""Paging, sorting and filtering of result rows: one implementation for every list the API and the pages show.

Rows are the plain dicts the library returns (``veracity.store.summary``, ``veracity.assess``), so a list on a
page, its JSON twin and its CSV export agree; a sort key or filter that a row lacks is an error, not a silent
no-op, so a typo in a URL never looks like an empty answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from veracity.model.errors import InvalidInput

MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Paging:
    """Where a page starts, how long it is and how it is sorted (``-field`` sorts descending)."""

    offset: int = 0
    limit: int = 50
    sort: str | None = None

    def check(self, sortable: Sequence[str], cap: int | None = MAX_LIMIT) -> Paging:
        """Reject a negative offset, a limit outside 1..cap and a sort key this list does not have.

        ``cap`` is None only for callers that are not a server (the CLI's ``--limit 0``: every row).
        """
        if self.offset < 0:
            raise InvalidInput(f"offset must be 0 or more, not {self.offset}", fix="use offset=0")
        if self.limit < 1 or (cap is not None and self.limit > cap):
            raise InvalidInput(f"limit must be 1 to {MAX_LIMIT}, not {self.limit}", fix="use limit=50")
        if self.sort and self.sort.lstrip("-") not in sortable:
            raise InvalidInput(f"cannot sort by {self.sort!r}", fix=f"sort by one of: {', '.join(sortable)}")
        return self


def _sort_value(value: Any) -> tuple[int, Any]:
    """Missing values sort last either way; numbers and strings never compare with each other."""
    if value is None:
        return (2, "")
    if isinstance(value, bool | int | float):
        return (0, value)
    return (1, str(value).lower())


def page(rows: Iterable[dict[str, Any]], paging: Paging, sortable: Sequence[str], cap: int | None = MAX_LIMIT
         ) -> dict[str, Any]:
    """One page of rows with the total, so a client can draw the pager: ``{total, offset, limit, sort, items}``."""
    paging.check(sortable, cap)
    found = list(rows)
    if paging.sort:
        key = paging.sort.lstrip("-")
        descending = paging.sort.startswith("-")
        present = [r for r in found if r.get(key) is not None]
        missing = [r for r in found if r.get(key) is None]
        present.sort(key=lambda r: _sort_value(r.get(key)), reverse=descending)
        found = present + missing
    items = found[paging.offset:paging.offset + paging.limit]
    return {"total": len(found), "offset": paging.offset, "limit": paging.limit, "sort": paging.sort,
            "items": items}


def where(rows: Iterable[dict[str, Any]], tests: Iterable[Callable[[dict[str, Any]], bool] | None]
          ) -> list[dict[str, Any]]:
    """Rows passing every test (``None`` tests are filters the caller did not ask for)."""
    active = [t for t in tests if t is not None]
    return [r for r in rows if all(t(r) for t in active)]


def equals(field: str, wanted: str | None) -> Callable[[dict[str, Any]], bool] | None:
    """A case-insensitive equality filter on one field, or ``None`` when nothing is wanted."""
    if not wanted:
        return None
    low = wanted.lower()
    return lambda row: str(row.get(field) or "").lower() == low


def contains(fields: Sequence[str], wanted: str | None) -> Callable[[dict[str, Any]], bool] | None:
    """A case-insensitive substring filter over several fields."""
    if not wanted:
        return None
    low = wanted.lower()
    return lambda row: any(low in str(row.get(f) or "").lower() for f in fields)
