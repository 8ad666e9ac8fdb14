"""Which rows a :class:`Scope` may see, as SQL conditions the read-only ``View`` adds to every query.

The one place visibility is decided (see ``marking.py`` for what each TLP label means). Assertions, mentions and
extraction warnings inherit the marking of their document; an entity is hidden when every mention or assertion
naming it is in a hidden document; an alias read from text is shown only when a visible mention uses it; a
judgement is hidden when it is marked so or names a hidden entity, so a restricted report cannot merge, and so
rename, what others see. A run's warnings are hidden with the run (marked by the ingest that started it) and,
when a warning is about a document, with that document. Without a scope (the embedded store) every condition
list is empty.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, exists, or_, select

from veracity.store import schema as S
from veracity.store.marking import KINDS, Scope


class Visibility:
    """The visibility conditions of one scope, computed once per view (a view is one question, one request)."""

    def __init__(self, engine: Engine, scope: Scope | None) -> None:
        self.engine = engine
        self.scope = scope

    def _all(self, stmt: Select[Any]) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(stmt))

    @cached_property
    def hidden_kinds(self) -> frozenset[str]:
        """The kinds of row of which this scope cannot see at least one (none without a scope)."""
        if self.scope is None:
            return frozenset()
        with self.engine.connect() as conn:
            return frozenset(k for k in KINDS if conn.execute(self.scope.hidden(k).limit(1)).first())

    def visible(self, column: Any, kind: str) -> list[ColumnElement[bool]]:
        """Conditions keeping rows whose ``column`` (an id of ``kind``) this scope may see."""
        if self.scope is None or kind not in self.hidden_kinds:
            return []
        return [column.not_in(self.scope.hidden(kind))]

    @cached_property
    def hidden_documents(self) -> frozenset[str]:
        if "document" not in self.hidden_kinds or self.scope is None:
            return frozenset()
        return frozenset(r[0] for r in self._all(self.scope.hidden("document")))

    @cached_property
    def hidden_entities(self) -> frozenset[str]:
        """Entities named only in documents this scope may not see."""
        if "document" not in self.hidden_kinds:
            return frozenset()
        m, a = S.mentions, S.assertions
        hidden = sorted(self.hidden_documents)
        named: set[str] = set()
        for chunk in range(0, len(hidden), 500):
            docs = hidden[chunk:chunk + 500]
            named |= {r[0] for r in self._all(select(m.c.entity_id).where(m.c.doc_id.in_(docs)).distinct())}
            named |= {r[0] for r in self._all(select(a.c.subject).where(a.c.doc_id.in_(docs)).distinct())}
            named |= {r[0] for r in self._all(select(a.c.object).where(
                a.c.doc_id.in_(docs), a.c.object_literal.is_(False)).distinct())}
        seen: set[str] = set()
        candidates = sorted(named)
        for chunk in range(0, len(candidates), 500):
            ids = candidates[chunk:chunk + 500]
            shown = self.visible(m.c.doc_id, "document")
            seen |= {r[0] for r in self._all(select(m.c.entity_id).where(m.c.entity_id.in_(ids), *shown))}
            shown = self.visible(a.c.doc_id, "document")
            seen |= {r[0] for r in self._all(select(a.c.subject).where(a.c.subject.in_(ids), *shown))}
            seen |= {r[0] for r in self._all(select(a.c.object).where(a.c.object.in_(ids), *shown))}
        return frozenset(named - seen)

    def _entity_visible(self, column: Any) -> list[ColumnElement[bool]]:
        hidden = self.hidden_entities
        return [column.not_in(sorted(hidden))] if hidden else []

    def filter(self, table_name: str) -> list[ColumnElement[bool]]:
        """The visibility conditions of a whole table (counts and full-store export)."""
        if self.scope is None:
            return []
        t = S.metadata.tables[table_name]
        if table_name == "documents":
            return self.visible(t.c.id, "document")
        if table_name in ("mentions", "extractions"):
            return self.visible(t.c.doc_id, "document")
        if table_name == "assertions":
            return self.visible(t.c.doc_id, "document") + self.visible(t.c.id, "assertion")
        if table_name == "reviews":
            shown = self.filter("assertions")
            of_shown = [t.c.assertion_id.in_(select(S.assertions.c.id).where(*shown))] if shown else []
            return self.visible(t.c.id, "review") + of_shown
        if table_name == "judgements":
            return (self.visible(t.c.id, "judgement") + self._entity_visible(t.c.left)
                    + self._entity_visible(t.c.right))
        if table_name == "entities":
            return self._entity_visible(t.c.id)
        if table_name == "aliases":
            return [*self._entity_visible(t.c.entity_id), self._alias_seen()]
        if table_name == "runs":
            return self.visible(t.c.id, "run")
        if table_name == "run_warnings":  # the run's marking, and its document's when it names one
            of_doc = self.visible(t.c.doc_id, "document")
            return self.visible(t.c.run_id, "run") + ([or_(t.c.doc_id.is_(None), *of_doc)] if of_doc else [])
        return []

    def _alias_seen(self) -> ColumnElement[bool]:
        """An alias read from text is shown only when a visible mention of its entity uses that surface."""
        al, m = S.aliases, S.mentions
        mention = select(m.c.id).where(m.c.entity_id == al.c.entity_id, m.c.surface == al.c.surface,
                                       *self.visible(m.c.doc_id, "document"))
        return or_(al.c.origin != "extracted", exists(mention))
