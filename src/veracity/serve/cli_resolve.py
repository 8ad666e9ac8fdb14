"""CLI for analyst resolution: ``veracity merge A B``, ``veracity split A B``, ``veracity judgements``.

Each command is a docstring, argument parsing and one call into :mod:`veracity.resolve.decisions`. Nothing is
deleted: a merge or split is a judgement, and the newest judgement for a pair wins.
"""

from __future__ import annotations

import typer

from veracity.model.records import Judgement
from veracity.serve.app import console, escape, handle_errors, open_store


def _print(j: Judgement) -> None:
    console.print(
        f"{escape(j.sameness.value)}  {escape(j.left)}  {escape(j.right)}  score={j.score:.2f}  "
        f"by {escape(j.user)}  {escape(j.created_at)}  {escape(j.reason)}"
    )


@handle_errors
def merge(
    a: str = typer.Argument(..., help="Entity id, canonical name or alias."),
    b: str = typer.Argument(..., help="Entity id, canonical name or alias."),
    reason: str = typer.Option("", "--reason", help="Why they are the same (kept with the judgement)."),
    user: str = typer.Option("analyst", "--user", help="Who decides."),
) -> None:
    """Record that A and B are the same entity (reversible with `veracity split`)."""
    from veracity.model.records import Sameness
    from veracity.resolve.decisions import decide

    _print(decide(open_store(), a, b, Sameness.SAME, user=user, reason=reason))


@handle_errors
def split(
    a: str = typer.Argument(..., help="Entity id, canonical name or alias."),
    b: str = typer.Argument(..., help="Entity id, canonical name or alias."),
    reason: str = typer.Option("", "--reason", help="Why they differ (kept with the judgement)."),
    user: str = typer.Option("analyst", "--user", help="Who decides."),
) -> None:
    """Record that A and B are different entities (undoes an earlier merge)."""
    from veracity.model.records import Sameness
    from veracity.resolve.decisions import decide

    _print(decide(open_store(), a, b, Sameness.NOT_SAME, user=user, reason=reason))


@handle_errors
def judgements() -> None:
    """List every resolution judgement, newest first."""
    from veracity.resolve.decisions import judgements as all_judgements

    for j in all_judgements(open_store()):
        _print(j)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.command("merge")(merge)
    app.command("split")(split)
    app.command("judgements")(judgements)
