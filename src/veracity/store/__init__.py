"""The store: the only code that talks to a database. SQLite by default, PostgreSQL for a team.

``open_store(url)`` migrates on open; ``store.writer()`` batches writes in one transaction; ``store.view()`` reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from veracity.store.engine import make_engine, migrate
from veracity.store.view import View
from veracity.store.writer import Writer


class Store:
    """A database holding documents, entities and assertions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def writer(self) -> Iterator[Writer]:
        """One transaction: commits when the block ends, rolls back if it raises."""
        with self.engine.begin() as connection:
            yield Writer(connection)

    def view(self) -> View:
        """A fresh read-only view (cheap; create one per question so judgements are re-read)."""
        return View(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str) -> Store:
    """Open (creating and migrating if needed) the store at a SQLAlchemy URL."""
    engine = make_engine(url)
    migrate(engine)
    return Store(engine)


__all__ = ["Store", "View", "Writer", "open_store"]
