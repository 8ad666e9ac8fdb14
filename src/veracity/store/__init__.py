"""The store: the only code that talks to a database. SQLite by default, PostgreSQL for a team.

``open_store(url)`` migrates on open; ``store.writer()`` batches writes in one transaction; ``store.view()`` reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from veracity.store.engine import make_engine, migrate
from veracity.store.marking import Actor, Marking, Scope
from veracity.store.view import View
from veracity.store.writer import Writer


class Store:
    """A database holding documents, entities and assertions."""

    def __init__(self, engine: Engine, marking: Marking | None = None, actor: Actor | None = None,
                 scope: Scope | None = None) -> None:
        self.engine = engine
        self.marking = marking
        self.actor = actor
        self.scope = scope

    def acting(self, actor: Actor | None, marking: Marking | None = None, scope: Scope | None = None) -> Store:
        """The same store, whose writers mark what they add with ``marking`` and audit it as ``actor``, and whose
        views see only what ``scope`` may.

        So a run, a review or a judgement written through it is marked in the very transaction that adds it (no
        moment when a RED report is unmarked, and so CLEAR) without the run knowing about markings.
        """
        return Store(self.engine, marking, actor, scope)

    @contextmanager
    def writer(self) -> Iterator[Writer]:
        """One transaction: commits when the block ends, rolls back if it raises."""
        with self.engine.begin() as connection:
            yield Writer(connection, self.marking, self.actor)

    def view(self, scope: Scope | None = None) -> View:
        """A fresh read-only view (cheap; create one per question so judgements are re-read); with a ``scope``
        (or the store's own, see :meth:`acting`), only what that organisation may see."""
        return View(self.engine, scope or self.scope)

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str, pool_size: int | None = None, max_overflow: int | None = None) -> Store:
    """Open (creating and migrating if needed) the store at a SQLAlchemy URL (pool sizes: see ``make_engine``)."""
    engine = make_engine(url, pool_size, max_overflow)
    migrate(engine)
    return Store(engine)


__all__ = ["Scope", "Store", "View", "Writer", "open_store"]
