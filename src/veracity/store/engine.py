"""Engines and migrations: the only place that knows which database is behind the store."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from veracity.model.errors import ConfigError

MIGRATIONS = Path(__file__).with_name("migrations")


MIGRATION_LOCK = 7_463_514
"""PostgreSQL advisory-lock key held while migrating, so two processes opening a new store do not both create it."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on, WAL for concurrent readers, and a busy timeout instead of instant 'database is locked'.

    The driver's own transaction handling is switched off (``_sqlite_begin`` emits BEGIN): Python's sqlite3 does not
    open a transaction before DDL, so a migration killed half-way would leave tables without their version stamp.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, pool_size: int | None = None, max_overflow: int | None = None) -> Engine:
    """Create an engine for a SQLAlchemy URL, with SQLite tuned; a bad URL is a :class:`ConfigError`.

    ``pool_size`` and ``max_overflow`` size a server database's connection pool (settings ``db_pool_size``,
    ``db_max_overflow``; SQLite files ignore them): a team server's request opens a few short connections in turn,
    so the pool should hold about one per concurrent request (figures in docs/TEAM.md).
    """
    pool: dict[str, int] = {}
    if not url.startswith("sqlite"):
        pool = {k: v for k, v in (("pool_size", pool_size), ("max_overflow", max_overflow)) if v is not None}
    try:
        engine = create_engine(url, future=True, **pool)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise ConfigError(f"cannot use database URL {url!r}: {exc}",
                          fix="give --db a path or a URL like sqlite:///kb.db or postgresql+psycopg://host/db") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_begin(connection: Connection) -> None:
    """Every transaction, DDL included, is a real SQLite transaction; ``IMMEDIATE`` takes the write lock at once
    (waiting out the busy timeout) for a transaction that reads before it writes, such as a migration."""
    immediate = connection.get_execution_options().get("sqlite_immediate")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema with Alembic (a no-op when it is already there)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.connect().execution_options(sqlite_immediate=True) as connection, connection.begin():
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise ConfigError(f"cannot open or migrate the store at {engine.url!r}: {exc.orig}",
                          fix="check the path or server and its permissions") from exc


def backup(engine: Engine, dest: Path) -> Path:
    """A consistent copy of the live store in ``dest``, taken while others may be writing.

    SQLite: the online backup API (pages copied under a read lock, WAL included), giving a plain database file.
    PostgreSQL: ``pg_dump`` in its custom format (one consistent snapshot), for ``pg_restore`` or :func:`restore`.
    """
    if engine.dialect.name == "sqlite":
        with sqlite3.connect(_sqlite_path(engine)) as source, sqlite3.connect(dest) as target:
            source.backup(target)
        return dest
    _pg_tool("pg_dump", "--format=custom", "--no-owner", f"--file={dest}", _libpq_url(engine))
    return dest


def restore(engine: Engine, src: Path) -> None:
    """Replace the store's contents with a backup made by :func:`backup` (then migrate it to this version)."""
    if engine.dialect.name == "sqlite":
        engine.dispose()
        with sqlite3.connect(src) as source, sqlite3.connect(_sqlite_path(engine)) as target:
            source.backup(target)
    else:
        _pg_tool("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                 f"--dbname={_libpq_url(engine)}", str(src))
    migrate(engine)


def _sqlite_path(engine: Engine) -> str:
    if not engine.url.database or engine.url.database == ":memory:":
        raise ConfigError("an in-memory SQLite store cannot be backed up or restored", fix="use a database file")
    return engine.url.database


def _libpq_url(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_tool(*args: str) -> None:
    try:
        done = subprocess.run(args, capture_output=True, text=True, check=False, timeout=3600)
    except FileNotFoundError:
        raise ConfigError(f"{args[0]} is not installed", fix="install the PostgreSQL client tools") from None
    if done.returncode != 0:
        raise ConfigError(f"{args[0]} failed: {done.stderr.strip()[-500:]}", fix="check the server and the URL")
