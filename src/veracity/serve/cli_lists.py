"""Listing commands: documents, actors, claims, events, each filtered, sorted and paged as the API does.

Rows come from the same calls as ``/api/documents``, ``/api/actors``, ``/api/claims`` and ``/api/events``
(``veracity.serve.web.queries`` and ``documents``, paged by ``listing.page``), so ``veracity claims --by Kabul
--json`` prints exactly the ``items`` of ``/api/claims?by=Kabul``. Tables fit the terminal (``cli_table``).
"""

from __future__ import annotations

from typing import Any

import typer

from veracity.serve.app import open_store
from veracity.serve.cli_table import Column, col, emit, paged, paging, shown

SORT_HELP = "Sort by this field; -field sorts descending. One of: "
LIMIT = typer.Option(None, "--limit", help="Rows per page (0: every row); default 50 in a table, every row "
                     "with --json.")
OFFSET = typer.Option(0, "--offset", help="Skip this many rows first.")
PAGE = typer.Option(None, "--page", help="Page number (1 is the first), counted in pages of --limit.")
JSON = typer.Option(False, "--json", help="JSON lines: the records the API returns for the same filters.")
DATE_FROM = typer.Option(None, "--from", help="From this date (YYYY[-MM[-DD]]).")
DATE_TO = typer.Option(None, "--to", help="Up to this date (YYYY[-MM[-DD]]).")


def _view() -> Any:
    return open_store().view()


def _sort(sortable: tuple[str, ...]) -> Any:
    return typer.Option(None, "--sort", help=SORT_HELP + ", ".join(sortable) + ".")


def _grade(row: dict[str, Any]) -> str:
    """``likely 0.62`` or ``-`` when the proposition has no grade."""
    if row.get("probability") is None:
        return "-"
    return f"{shown(row.get('word'))} {row['probability']:.2f}"


def _statement(row: dict[str, Any]) -> str:
    hedge = f" (hedged: {row['hedge']})" if row.get("hedge") else ""
    return f"{shown(row.get('subject'), '?')} {row['predicate']} {shown(row.get('object'), '?')}{hedge}"


def _claimant(row: dict[str, Any]) -> str:
    return shown(row.get("claimant"), "?") + (" (background)" if row.get("background") else "")


CLAIM_COLUMNS = [Column("id", lambda r: r["id"][:8], 8), Column("claimant", _claimant, 10),
                 col("stance", "stance", 7), Column("statement", _statement, 20),
                 Column("grade", _grade, 11, priority=1), col("published", "published", 10, priority=2),
                 col("outlet", "outlet", 10, priority=4), col("quote", "quote", 20, priority=3)]
CLAIM_LONG = [*CLAIM_COLUMNS[:5], col("published", "published"), col("outlet", "outlet"), col("document", "doc"),
              col("proposition", "proposition"), col("reviews", "reviews"), col("quote", "quote")]


def claims(
    about: str = typer.Option(None, "--about", help="Only claims whose subject or object is this actor."),
    by: str = typer.Option(None, "--by", help="Only claims made by this claimant."),
    predicate: str = typer.Option(None, "--predicate", help="Only this predicate (supports, responsible_for, ...)."),
    stance: str = typer.Option(None, "--stance", help="asserts | denies."),
    min_grade: str = typer.Option(None, "--min-grade", help="Only claims whose proposition is graded at least this "
                                  "ICD-203 word (likely, very likely, ...)."),
    outlet: str = typer.Option(None, "--outlet", help="Only claims reported by an outlet whose name contains this."),
    date_from: str = DATE_FROM, date_to: str = DATE_TO,
    as_of: str = typer.Option(None, "--as-of", help="Only documents published by this date."),
    sort: str = _sort(("published", "claimant", "subject", "predicate", "object", "stance", "probability",
                       "outlet")),
    limit: int | None = LIMIT, offset: int = OFFSET, page_number: int = PAGE, as_json: bool = JSON,
    long: bool = typer.Option(False, "--long", help="One record per block, with the whole quote and its source."),
) -> None:
    """Attributed claims with claimant, stance, grade and their sentence, filtered, sorted and paged."""
    from veracity.serve.web import queries as q

    rows = q.claims(_view(), about=about, by=by, predicate=predicate, stance=stance, min_grade=min_grade,
                    date_from=date_from, date_to=date_to, as_of=as_of, outlet=outlet)
    result = paged(rows, paging(limit, offset, page_number, sort, as_json), q.CLAIM_SORTS)
    emit(result, CLAIM_LONG if long else CLAIM_COLUMNS, as_json, "claims", blocks=long)


def _perpetrators(row: dict[str, Any]) -> str:
    return "; ".join(f"{p['actor']} ({shown(p['claimant'], '?')}, {p['attribution'] or p['stance']})"
                     for p in row["perpetrators"]) or "-"


EVENT_COLUMNS = [col("date", "date", 10), col("event", "label", 14), col("type", "type", 8, priority=2),
                 Column("place", lambda r: r.get("place") or r.get("country"), 10, priority=1),
                 col("killed", "killed", 6, priority=3), col("injured", "injured", 7, priority=4),
                 Column("perpetrator (according to)", _perpetrators, 16, priority=1)]


def events(
    type_: str = typer.Option(None, "--type", help="Only this event type (attack, kidnapping, ...)."),
    place: str = typer.Option(None, "--place", help="Only events whose place or country contains this."),
    perpetrator: str = typer.Option(None, "--perpetrator", help="Only events someone blames on an actor whose "
                                    "name contains this."),
    date_from: str = DATE_FROM, date_to: str = DATE_TO,
    sort: str = _sort(("date", "label", "type", "place", "killed", "injured")),
    limit: int | None = LIMIT, offset: int = OFFSET, page_number: int = PAGE, as_json: bool = JSON,
) -> None:
    """Dated events with place, casualties and who is said to be behind them (and by whom)."""
    from veracity.serve.web import queries as q

    rows = q.events(_view(), type=type_, place=place, date_from=date_from, date_to=date_to, perpetrator=perpetrator)
    wanted = paging(limit, offset, page_number, sort, as_json)
    emit(paged(rows, wanted, q.EVENT_SORTS), EVENT_COLUMNS, as_json, "events")


DOCUMENT_COLUMNS = [col("name", "name", 12), col("published", "published", 10), col("outlet", "outlet", 10, 1),
                    col("title", "title", 16), Column("id", lambda r: r["id"][:12], 12, priority=2),
                    col("chars", "chars", 5, priority=3)]


def documents(
    outlet: str = typer.Option(None, "--outlet", help="Only documents from an outlet whose name contains this."),
    date_from: str = DATE_FROM, date_to: str = DATE_TO,
    as_of: str = typer.Option(None, "--as-of", help="Only documents published by this date."),
    query: str = typer.Option(None, "--q", help="Only documents whose name or title contains this."),
    sort: str = _sort(("published", "name", "title", "outlet", "chars")),
    limit: int | None = LIMIT, offset: int = OFFSET, page_number: int = PAGE, as_json: bool = JSON,
) -> None:
    """Stored documents with outlet, publication date and title, filtered, sorted and paged."""
    from veracity.serve.web import documents as docs
    from veracity.serve.web import queries as q

    rows = docs.documents(_view(), as_of, outlet=outlet, date_from=date_from, date_to=date_to, q=query)
    emit(paged(rows, paging(limit, offset, page_number, sort, as_json), q.DOCUMENT_SORTS), DOCUMENT_COLUMNS, as_json,
         "documents")


ACTOR_COLUMNS = [Column("actor", lambda r: r["name"] + ("" if r["resolved"] else " (unresolved)"), 16),
                 col("type", "type", 6), col("mentions", "mentions", 8), col("surface forms", "surfaces", 16, 1),
                 col("id", "id", 12, priority=2)]


def actors(
    all_: bool = typer.Option(False, "--all", help="Include registry actors never mentioned."),
    query: str = typer.Option(None, "--q", help="Only actors whose name or an alias contains this."),
    type_: str = typer.Option(None, "--type", help="Only actors of this type (armed_group, state, person, ...)."),
    sort: str = _sort(("name", "type", "mentions")),
    limit: int | None = LIMIT, offset: int = OFFSET, page_number: int = PAGE, as_json: bool = JSON,
) -> None:
    """Actors with their merged aliases, most mentioned first, filtered, sorted and paged."""
    from veracity.serve.web import queries as q

    rows = q.actors(_view(), include_unmentioned=all_, q=query, type=type_)
    wanted = paging(limit, offset, page_number, sort, as_json)
    emit(paged(rows, wanted, q.ACTOR_SORTS), ACTOR_COLUMNS, as_json, "actors")


COMMANDS = (documents, actors, claims, events)
