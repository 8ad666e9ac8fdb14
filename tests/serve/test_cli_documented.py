"""Every CLI command is documented in the README (the datasette habit)."""

from __future__ import annotations

from pathlib import Path

import typer.main

from veracity.cli import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _command_paths() -> list[str]:
    group = typer.main.get_group(app)
    paths = []
    for name, command in group.commands.items():
        paths.append(name)
        for sub in getattr(command, "commands", {}):
            paths.append(f"{name} {sub}")
    return paths


def test_cli_every_command_is_in_the_readme() -> None:
    paths = _command_paths()
    assert {"ingest", "extract", "actors", "actor", "claims", "events", "demo"} <= set(paths)
    missing = [p for p in paths if f"`veracity {p}" not in README]
    assert missing == []
