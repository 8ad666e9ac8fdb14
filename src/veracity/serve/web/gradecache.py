"""Grades kept between requests, keyed by the store's revision, so a page no longer grades the whole store.

A grade weighs every line of reporting, opposing propositions and syndication across documents, so each page that
shows one built an :class:`~veracity.assess.grade.Assessor` over the whole store (600 ms on the seeds). Grading is
a pure function of the stored rows, the date (an undated question is graded as of today) and the weights; this
module keeps one assessor and the grades it has given for each (store, reader's scope, revision, as-of, today)
and drops them when the revision moves. The semantics are ``veracity.assess``'s own: the same ``Assessor``,
``grade`` and ``find_proposition`` calls the CLI makes, only made once per revision.

The revision is one cheap query: the largest rowid of every table a grade reads (SQLite appends rows with a
growing rowid, and re-extraction writes new assertions and an extraction row), or their row counts and the
superseded count on PostgreSQL, plus an in-process counter that the API's write routes bump. A write from
another process is therefore seen on the next request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, literal_column, select

from veracity.assess.grade import Assessor, Grade
from veracity.assess.propositions import normalise
from veracity.assess.service import assessor_for, find_proposition
from veracity.store import View
from veracity.store import schema as S

TABLES = (S.documents, S.entities, S.aliases, S.mentions, S.assertions, S.outlets, S.reviews, S.judgements,
          S.extractions, S.markings, S.marking_groups)
KEEP = 4  # assessors kept at once (each holds the store's evidence): the latest revision, a few as-of dates
_writes = 0
_lock = threading.Lock()


def touched() -> None:
    """Say this process wrote to a store (a review, a judgement, an upload): every cached grade is stale."""
    global _writes
    with _lock:
        _writes += 1


def revision(view: View) -> tuple[Any, ...]:
    """A value that changes whenever a row a grade depends on is added, replaced or superseded."""
    engine = view.engine
    if engine.dialect.name == "sqlite":
        parts: list[Any] = [select(func.max(literal_column("rowid"))).select_from(t).scalar_subquery()
                            for t in TABLES]
    else:
        parts = [select(func.count()).select_from(t).scalar_subquery() for t in TABLES]
        parts.append(select(func.count(S.assertions.c.superseded_at)).scalar_subquery())
    with engine.connect() as conn:
        row = conn.execute(select(*parts)).one()
    return (_writes, *row)


@dataclass
class Graded:
    """One assessor and the grades it gave, for one store revision and date."""

    assessor: Assessor
    grades: dict[Any, Grade] = field(default_factory=dict)
    everything: list[Grade] | None = None
    by_id: dict[str, dict[str, Any]] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def grade(self, prop: Any) -> Grade:
        """The proposition's grade, computed once."""
        found = self.grades.get(prop.id)
        if found is None:
            with self.lock:
                found = self.grades.get(prop.id) or self.assessor.grade(prop)
                self.grades[prop.id] = found
        return found

    def all(self, about: str | None = None) -> list[Grade]:
        """``Assessor.grade_all``: every proposition (or those naming ``about``), best supported first."""
        if about is not None:
            return sorted((self.grade(p) for p in self.assessor.propositions(about)),
                          key=lambda g: (-g.probability, g.id))
        if self.everything is None:
            self.everything = sorted((self.grade(p) for p in self.assessor.propositions()),
                                     key=lambda g: (-g.probability, g.id))
        return self.everything

    def summaries(self) -> dict[str, dict[str, Any]]:
        """Every grade's summary by proposition id (callers copy what they change: this is shared)."""
        if self.by_id is None:
            self.by_id = {g.id: g.summary() for g in self.all()}
        return self.by_id

    def find(self, ident: str) -> Grade:
        """A grade by proposition id or unique prefix (``explain_view``)."""
        return self.grade(find_proposition(self.assessor, ident))

    def triple(self, triple: tuple[str, str, str]) -> Grade | None:
        """The grade of a triple, ``None`` when no line states it (the network's grader)."""
        prop = self.assessor.props.get(normalise(*triple))
        return self.grade(prop) if prop is not None else None


_cache: OrderedDict[tuple[Any, ...], Graded] = OrderedDict()


def graded(view: View, as_of: str | None = None) -> Graded:
    """The cached assessor for this view's store now, built on first use after any write."""
    # the reader's scope is part of the key: on a team server each organisation's grades are built from what it
    # may see, and one organisation's cached grades are never served to another
    key = (str(view.engine.url), id(view.engine), view.scope, revision(view), as_of, date.today())
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    made = Graded(assessor_for(view, as_of))
    with _lock:
        found = _cache.setdefault(key, made)
        _cache.move_to_end(key)
        stale = [k for k in _cache if k[:3] == key[:3] and k[3] != key[3]]
        for old in stale:
            del _cache[old]
        while len(_cache) > KEEP:
            _cache.popitem(last=False)
    return found


def clear() -> None:
    """Drop every cached assessor (tests, and a bench's cold runs)."""
    with _lock:
        _cache.clear()
