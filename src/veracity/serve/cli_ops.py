"""Operations commands: backup and restore of the store (the procedure of docs/OPERATIONS.md, one command each)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import typer

from veracity.serve.app import console, escape, handle_errors, open_store


def backup(dest: Path = typer.Argument(..., help="File to write (SQLite: a database file; PostgreSQL: a pg_dump)."),
           force: bool = typer.Option(False, "--force", help="Overwrite DEST if it exists.")) -> None:
    """Take a consistent copy of the store while others may be writing (SQLite online backup, or pg_dump)."""
    from veracity.model.errors import InvalidInput
    from veracity.store.engine import backup as take

    if dest.exists() and not force:
        raise InvalidInput(f"{dest} exists", fix="choose another file or pass --force")
    if dest.exists():
        dest.unlink()
    store = open_store()
    take(store.engine, dest)
    console.print(f"backed up {escape(str(store.engine.url.render_as_string(hide_password=True)))} to "
                  f"{escape(str(dest))}")


def restore(src: Path = typer.Argument(..., help="A file written by `veracity backup`."),
            yes: bool = typer.Option(False, "--yes", help="Replace the store's contents without asking.")) -> None:
    """Replace the store's contents with a backup, then migrate it to this version."""
    from veracity.model.errors import InvalidInput
    from veracity.store.engine import restore as put_back

    if not src.is_file():
        raise InvalidInput(f"{src}: no such backup file", fix="give the file `veracity backup` wrote")
    if not yes:
        typer.confirm("Replace everything in the store with this backup?", abort=True)
    try:
        put_back(open_store().engine, src)
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(f"{src}: not a SQLite backup ({exc})", fix="give the file `veracity backup` wrote") from exc
    console.print(f"restored {escape(str(src))}")


def register(app: typer.Typer) -> None:
    """Add the operations commands."""
    for command in (backup, restore):
        app.command(name=command.__name__)(handle_errors(command))
