"""Listing output for the CLI: tables that fit the terminal, one record per block when it is too narrow, JSON lines.

Every listing command (``documents``, ``events``, ``claims``, ``actors``, ``propositions``) takes its rows from the
same calls the API uses (``veracity.serve.web.queries``, ``documents``, ``listing.page``), so ``--json`` prints the
API's records for the same filters. The width comes from :func:`shutil.get_terminal_size` at print time (so
``COLUMNS=80`` or a narrow window is honoured); columns are dropped by priority when even their minimum widths do
not fit, and long cells end in an ellipsis instead of wrapping a row over many lines. A missing value prints as
``-`` (or a caller's word), never as ``None``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from veracity.model.errors import InvalidInput
from veracity.serve.app import escape
from veracity.serve.web.listing import Paging, page

NARROW = 50  # below this many columns a table is unreadable: print one record per block instead
PAD = 3  # what rich spends per column on borders and padding


def shown(value: Any, missing: str = "-") -> str:
    """A cell's text: ``missing`` for ``None`` or an empty string, so no listing ever prints ``None``."""
    if value is None or value == "":
        return missing
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return ", ".join(shown(v, missing) for v in value) or missing
    return str(value)


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, how a row gives its text, the width it needs and how soon it is dropped.

    ``priority`` 0 columns are never dropped; higher numbers are dropped first when the terminal is narrow.
    """

    header: str
    value: Callable[[dict[str, Any]], Any]
    min_width: int = 6
    priority: int = 0
    max_width: int | None = None


def col(header: str, key: str, min_width: int = 6, priority: int = 0, max_width: int | None = None) -> Column:
    """A column showing one field of the row."""
    return Column(header, lambda row: row.get(key), min_width, priority, max_width)


def terminal_width() -> int:
    """The terminal's width now (``COLUMNS`` first, then the terminal, then 80 when there is none)."""
    return max(20, shutil.get_terminal_size((80, 24)).columns)


def wrapping_console() -> Console:
    """A console that wraps long lines at the terminal's width now (the shared one leaves that to the terminal)."""
    return Console(width=terminal_width(), highlight=False, soft_wrap=False)


def fitting(columns: Sequence[Column], width: int) -> list[Column]:
    """The columns whose minimum widths fit ``width``, dropping the highest ``priority`` first (ties: rightmost)."""
    kept = list(columns)
    while len(kept) > 1 and sum(c.min_width + PAD for c in kept) + 1 > width:
        drop = max(range(len(kept)), key=lambda i: (kept[i].priority, i))
        if kept[drop].priority == 0:
            break
        kept.pop(drop)
    return kept


def widths(natural: Sequence[int], minimum: Sequence[int], room: int) -> list[int]:
    """Column widths summing to at most ``room``: natural widths when they fit, else each column gets its minimum
    (or less, when its text is shorter) and the rest is shared in proportion to what each still wants."""
    if sum(natural) <= room:
        return list(natural)
    given = [min(n, m) for n, m in zip(natural, minimum, strict=True)]
    spare = max(0, room - sum(given))
    wants = [n - g for n, g in zip(natural, given, strict=True)]
    total = sum(wants) or 1
    extra = [w * spare // total for w in wants]
    return [g + e for g, e in zip(given, extra, strict=True)]


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in an ellipsis when something was cut."""
    return text if len(text) <= width else text[:max(0, width - 1)] + "…"


def render(rows: Sequence[dict[str, Any]], columns: Sequence[Column], *, width: int | None = None,
           title: str | None = None, blocks: bool = False) -> None:
    """Print rows as a table fitting the terminal, or as one block per record (wrapped) when it is very narrow
    or ``blocks`` asks for every field in full."""
    width = width or terminal_width()
    out = Console(width=width, highlight=False, soft_wrap=False)
    if blocks or width < NARROW:
        for row in rows:
            for c in columns:
                out.print(f"[bold]{escape(c.header)}[/bold]: {escape(shown(c.value(row)))}", overflow="fold")
            out.print("")
        return
    kept = fitting(columns, width)
    cells = [[" ".join(shown(c.value(row)).split()) for c in kept] for row in rows]
    natural = [min(c.max_width or 10_000, max([len(c.header), *(len(r[i]) for r in cells)]))
               for i, c in enumerate(kept)]
    sized = widths(natural, [c.min_width for c in kept], width - PAD * len(kept) - 1)
    table = Table(title=escape(title) if title else None)
    for c, w in zip(kept, sized, strict=True):
        table.add_column(escape(clip(c.header, w)), width=w, overflow="ellipsis", no_wrap=True)
    for r in cells:
        table.add_row(*(escape(clip(text, w)) for text, w in zip(r, sized, strict=True)))
    out.print(table)


def paging(limit: int | None, offset: int, page_number: int | None, sort: str | None, as_json: bool = False
           ) -> Paging:
    """Paging from the CLI's options: ``--page N`` counts pages of ``--limit``; ``--limit 0`` means every row, the
    default for ``--json`` (a script wants everything) while a table shows 50 rows."""
    if limit is None:
        limit = 0 if as_json and page_number is None else 50
    if limit < 0:
        raise InvalidInput(f"--limit must be 0 (all) or more, not {limit}", fix="use --limit 50")
    if page_number is not None:
        if page_number < 1:
            raise InvalidInput(f"--page must be 1 or more, not {page_number}", fix="use --page 1")
        if not limit:
            raise InvalidInput("--page needs a --limit above 0", fix="use --limit 50 --page 2")
        offset = (page_number - 1) * limit
    return Paging(offset=offset, limit=limit, sort=sort or None)


def paged(rows: list[dict[str, Any]], wanted: Paging, sortable: Sequence[str]) -> dict[str, Any]:
    """The page envelope the API returns (``listing.page``); ``limit`` 0 is every row, with no cap."""
    if wanted.limit == 0:
        everything = Paging(wanted.offset, max(1, len(rows)), wanted.sort)
        return page(rows, everything, sortable, cap=None)
    return page(rows, wanted, sortable)


def emit(result: dict[str, Any], columns: Sequence[Column], as_json: bool, what: str,
         title: str | None = None, blocks: bool = False) -> None:
    """Print one page: JSON lines (the API's ``items``) or a fitted table, and where the page sits on stderr."""
    items = result["items"]
    if as_json:
        for row in items:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
    else:
        reported = [r for r in items if not r.get("background")]
        background = [r for r in items if r.get("background")]
        if reported or not background:
            render(reported, columns, title=title, blocks=blocks)
        if background:
            wrapping_console().rule("background: curated registry affiliations (not reporting; one public source "
                                    "each)")
            render(background, columns, blocks=blocks)
    total, first = result["total"], result["offset"] + 1
    if not as_json or len(items) < total:
        span = f"{first}-{result['offset'] + len(items)} of {total}" if items else f"none of {total}"
        more = " (--page, --offset or --limit 0 for more)" if result["offset"] + len(items) < total else ""
        Console(width=terminal_width(), highlight=False, soft_wrap=False, stderr=as_json,
                markup=False).print(f"{what} {span}{more}")
