"""``veracity stance "CLAIM"``: which sentences discuss a claim, and does each assert, deny or only report it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from veracity.serve.app import console, err_console, escape, handle_errors, open_store, settings


def _documents(paths: list[Path]) -> list[Any]:
    """The documents in ``paths``; unreadable ones are named on stderr, and none at all is an error."""
    from veracity.ingest import Rejected, read_paths
    from veracity.model.errors import InvalidInput

    docs = []
    for item in read_paths(paths, max_bytes=settings().max_doc_bytes):
        if isinstance(item, Rejected):
            err_console.print(f"[yellow]skipped[/yellow] {escape(item.where)}: {escape(item.reason)}")
        else:
            docs.append(item.document)
    if not docs:
        raise InvalidInput("no readable document in --docs", fix="give text, HTML, JSON Lines or feed files")
    return docs


def _table(claim: str, found: list[Any]) -> Table:
    table = Table(title=f"Stance toward: {escape(claim)}")
    for col in ("stance", "p", "doc", "sentence", "cues"):
        table.add_column(col, overflow="fold")
    colour = {"asserts": "green", "denies": "red", "reports": "yellow"}
    for s in found:
        table.add_row(f"[{colour[s.label]}]{s.label}[/]", f"{s.stance.scores[s.label]:.2f}",
                      escape(s.doc_name or s.doc_id[:12]), escape(s.sentence), escape(", ".join(s.stance.cues)))
    return table


def stance(
    claim: str = typer.Argument(..., help="The claim, in free text."),
    docs: list[Path] = typer.Option(None, "--docs", help="Read these files or folders instead of the store."),
    limit: int = typer.Option(20, "--limit", min=1, help="Most sentences to label, closest to the claim first."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per sentence."),
) -> None:
    """Find the sentences that discuss CLAIM and label each asserts, denies or reports (observing)."""
    from veracity.assess.stance import stance_against, stance_in_store

    if docs:
        found = stance_against(claim, _documents(docs), limit)
    else:
        found = stance_in_store(claim, open_store().view(), limit)
    if as_json:
        for s in found:
            typer.echo(json.dumps(s.as_dict(), ensure_ascii=False))
    elif not found:
        console.print(f"no sentence discusses: {escape(claim)}")
    else:
        console.print(_table(claim, found))


def register(app: typer.Typer) -> None:
    """Add the ``stance`` command."""
    app.command(name="stance")(handle_errors(stance))
