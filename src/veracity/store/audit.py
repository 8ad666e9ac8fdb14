"""The audit log: one appended row per write, review, judgement, export, sign-in and token use.

Who (user and organisation), when, what (an action and its target) and from where (client address, or ``cli``).
Rows are only ever inserted: nothing in veracity updates or deletes them, and the sequence number shows a gap if
someone does so behind its back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select

from veracity.store import rows as R
from veracity.store import schema as S

if TYPE_CHECKING:
    from veracity.store import Store


def record(conn: Connection, user: str, action: str, target: str = "", *, org: str | None = None,
           remote: str = "cli", detail: dict[str, Any] | None = None) -> None:
    """Append one audit row in the caller's transaction (so the act and its record commit together)."""
    conn.execute(insert(S.audit).values(at=R.now(), user=user[:100], org=org, action=action[:40],
                                        target=target[:2000], remote=remote[:100], detail=detail or {}))


def append(store: Store, user: str, action: str, target: str = "", **kw: Any) -> None:
    """:func:`record` in a transaction of its own (for acts that write nothing else, such as an export)."""
    with store.writer() as w:
        record(w.connection, user, action, target, **kw)


def entries(store: Store, *, user: str | None = None, action: str | None = None, since: str | None = None,
            limit: int = 200) -> list[dict[str, Any]]:
    """The newest audit rows first, filtered by user, action or time (ISO 8601, inclusive)."""
    a = S.audit
    stmt = select(a).order_by(a.c.seq.desc()).limit(limit)
    if user:
        stmt = stmt.where(a.c.user == user)
    if action:
        stmt = stmt.where(a.c.action == action)
    if since:
        stmt = stmt.where(a.c.at >= since)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]
