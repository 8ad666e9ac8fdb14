"""Engines and migrations: the only place that knows which database is behind the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from veracity.model.errors import ConfigError

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on, WAL for concurrent readers, and a busy timeout instead of instant 'database is locked'."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine for a SQLAlchemy URL, with SQLite tuned; a bad URL is a :class:`ConfigError`."""
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise ConfigError(f"cannot use database URL {url!r}: {exc}",
                          fix="give --db a path or a URL like sqlite:///kb.db or postgresql+psycopg://host/db") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema with Alembic (a no-op when it is already there)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise ConfigError(f"cannot open or migrate the store at {engine.url!r}: {exc.orig}",
                          fix="check the path or server and its permissions") from exc
