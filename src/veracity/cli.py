"""The ``veracity`` command: a root app whose commands come from one module per area in ``veracity.serve``.

Each ``serve/cli_<area>.py`` module has ``register(app)``; a command there is a docstring, argument parsing and one
call into the library.
"""

from __future__ import annotations

import importlib

import typer

from veracity import __version__
from veracity.serve import app as shared

COMMAND_MODULES = ("core", "resolve", "eval", "train", "assess", "stance", "analyse", "web", "ops", "team")

app = typer.Typer(
    name="veracity",
    help="Build and question a sourced knowledge graph of militant-network reporting.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"veracity {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    db: str = typer.Option(None, "--db", help="SQLAlchemy URL or SQLite file path (env VERACITY_DB)."),
    spacy_model: str = typer.Option(None, "--spacy-model", help="spaCy pipeline (env VERACITY_SPACY_MODEL)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """veracity: who says what about whom, how sure, and how far it holds."""
    shared.configure(db, spacy_model)


for _name in COMMAND_MODULES:
    importlib.import_module(f"veracity.serve.cli_{_name}").register(app)


def main() -> None:
    """Console-script entry point."""
    app()
