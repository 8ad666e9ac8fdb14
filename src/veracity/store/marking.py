"""Markings: who owns a document, assertion, review or judgement, and who may read it (TLP 2.0, sharing groups).

A :class:`Scope` is the reader: an organisation and the sharing groups it belongs to. :meth:`Scope.hidden` is the
one definition of "may not see", used by the read-only ``View`` for every read, so no route decides visibility.

TLP 2.0 on one server (see docs/TEAM.md):
- ``CLEAR`` and ``GREEN``: every organisation of the server (GREEN is "the community": the server's members);
- ``AMBER`` and ``AMBER+STRICT``: the owner organisation and the organisations in the marking's sharing groups
  (``AMBER+STRICT`` is never relayed to another server);
- ``RED``: the owner organisation only, whatever groups are named.
A row with no marking predates the team server (or was written by the embedded store) and counts as CLEAR.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Select, Table, and_, delete, exists, insert, or_, select, update

from veracity.model.errors import InvalidInput, NotFound
from veracity.store import rows as R
from veracity.store import schema as S

TLP = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
"""TLP 2.0 labels, least to most restricted."""
KINDS = ("document", "assertion", "review", "judgement", "run")
"""What can be marked; a run is marked as its documents are, so its rejections (file names) stay with them."""
EVERYONE = ("CLEAR", "GREEN")
GROUPED = ("AMBER", "AMBER+STRICT")


@dataclass(frozen=True, slots=True)
class Scope:
    """A reader: its organisation and the sharing groups that organisation belongs to."""

    org: str
    groups: frozenset[str] = frozenset()

    def hidden(self, kind: str) -> Select[tuple[str]]:
        """The ids of rows of ``kind`` this reader may not see (a subquery for ``NOT IN``)."""
        m, g = S.markings, S.marking_groups
        shared = exists(select(g.c.ident).where(
            g.c.kind == m.c.kind, g.c.ident == m.c.ident, g.c.group_name.in_(sorted(self.groups))))
        visible = or_(m.c.tlp.in_(EVERYONE), m.c.owner_org == self.org, and_(m.c.tlp.in_(GROUPED), shared))
        return select(m.c.ident).where(m.c.kind == kind, ~visible)


@dataclass(frozen=True, slots=True)
class Marking:
    """The marking of one row."""

    owner_org: str
    tlp: str
    groups: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "tlp", clean_tlp(self.tlp))


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is writing, for the audit log: a user of an organisation, from a client address (or ``cli``)."""

    user: str
    org: str | None = None
    remote: str = "cli"


def clean_tlp(value: str) -> str:
    """``amber+strict`` -> ``AMBER+STRICT``; ``WHITE`` (TLP 1.0) reads as CLEAR; anything else is refused."""
    tlp = value.strip().upper().removeprefix("TLP:")
    tlp = "CLEAR" if tlp == "WHITE" else tlp
    if tlp not in TLP:
        raise InvalidInput(f"unknown TLP marking {value!r}", fix=f"use one of {', '.join(TLP)}")
    return tlp


def set_marking(conn: Connection, kind: str, ident: str, marking: Marking, by_org: str | None = None) -> None:
    """Mark a row, or change its marking; once marked, only the owner organisation (``by_org``) may change it.

    ``by_org=None`` is the embedded store's own CLI (the operator of the database file), which may re-mark anything.
    """
    if kind not in KINDS:
        raise InvalidInput(f"cannot mark a {kind!r}", fix=f"mark one of {', '.join(KINDS)}")
    tlp = clean_tlp(marking.tlp)
    _check_names(conn, S.organisations, [marking.owner_org], "organisation", "veracity org add")
    _check_names(conn, S.sharing_groups, marking.groups, "sharing group", "veracity group add")
    m = S.markings
    old = conn.execute(select(m.c.owner_org).where(m.c.kind == kind, m.c.ident == ident)).first()
    if old is not None and by_org is not None and old[0] != by_org:
        raise NotFound(f"no {kind} {ident!r} that your organisation owns",
                       fix="only the owner organisation can change a marking")
    values = {"owner_org": marking.owner_org, "tlp": tlp, "updated_at": R.now()}
    if old is None:
        conn.execute(insert(m).values(kind=kind, ident=ident, **values))
    else:
        conn.execute(update(m).where(m.c.kind == kind, m.c.ident == ident).values(**values))
    g = S.marking_groups
    conn.execute(delete(g).where(g.c.kind == kind, g.c.ident == ident))
    if marking.groups:
        conn.execute(insert(g), [{"kind": kind, "ident": ident, "group_name": n} for n in sorted(set(marking.groups))])


def marking_of(conn: Connection, kind: str, ident: str) -> Marking | None:
    """A row's marking, or ``None`` when it has none (it then counts as CLEAR)."""
    m, g = S.markings, S.marking_groups
    row = conn.execute(select(m.c.owner_org, m.c.tlp).where(m.c.kind == kind, m.c.ident == ident)).first()
    if row is None:
        return None
    groups = conn.execute(select(g.c.group_name).where(g.c.kind == kind, g.c.ident == ident)
                          .order_by(g.c.group_name)).scalars()
    return Marking(row.owner_org, row.tlp, tuple(groups))


def _check_names(conn: Connection, table: Table, names: Iterable[str], what: str, command: str) -> None:
    wanted = sorted(set(names))
    if not wanted:
        return
    key = table.primary_key.columns.values()[0]
    known = set(conn.execute(select(key).where(key.in_(wanted))).scalars())
    missing = [n for n in wanted if n not in known]
    if missing:
        raise InvalidInput(f"no {what} called {missing[0]!r}", fix=f"create it with `{command}`")
