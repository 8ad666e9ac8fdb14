"""Analyst reviews: verdicts recorded beside assertions, never edits of them."""

from __future__ import annotations

from sqlalchemy import select

from veracity.model.errors import InvalidInput, NotFound
from veracity.model.records import Review, Verdict
from veracity.store import Store
from veracity.store import schema as S


def record_review(store: Store, assertion_id: str, verdict: str, note: str = "", reviewer: str = "analyst") -> Review:
    """Add a review for an assertion given by id or unique id prefix."""
    try:
        kind = Verdict(verdict)
    except ValueError as exc:
        raise InvalidInput(f"unknown verdict {verdict!r}", fix="use confirm, reject or correct") from exc
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(
            select(S.assertions.c.id).where(S.assertions.c.id.startswith(assertion_id)).limit(2))]
    if len(ids) != 1:
        raise NotFound(f"{'no' if not ids else 'more than one'} assertion matches {assertion_id!r}",
                       fix="give the full id from `veracity claims --json`")
    made = Review(assertion_id=ids[0], verdict=kind, note=note, reviewer=reviewer)
    with store.writer() as w:
        w.add_review(made)
    return made
