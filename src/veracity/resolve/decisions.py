"""Analyst decisions on identity: merge and split as recorded judgements, never edits of stored rows.

A merge is a ``same`` judgement between the two entities the store finds for the names given; a split is a
``not_same`` one, which overrides an earlier merge because the newest judgement for a pair wins. The store is
passed in (``veracity.store`` sits above this layer), so the functions serve the CLI, the API and tests alike.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from veracity.model.errors import InvalidInput
from veracity.model.records import Judgement, Sameness
from veracity.model.values import normalise_name


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _exact(view: Any, name: str) -> Any:
    """The entity a name denotes itself, not the canonical entity of its merged cluster (a split needs both
    sides of an earlier merge)."""
    found = view.find_entity(name)
    key = normalise_name(name)
    members = [view.entity(m) for m in view.cluster(found.id)]
    for entity in members:
        if entity.id == name or normalise_name(entity.name) == key:
            return entity
    for entity in members:
        if any(a.entity_id == entity.id and normalise_name(a.surface) == key for a in view.aliases(entity.id)):
            return entity
    return found


def decide(
    store: Any, left: str, right: str, sameness: Sameness, *, user: str = "analyst", reason: str = ""
) -> Judgement:
    """Record an analyst's judgement about two entities named by id, canonical name or alias."""
    view = store.view()
    a, b = _exact(view, left), _exact(view, right)
    if a.id == b.id:
        raise InvalidInput(
            f"{left!r} and {right!r} are already the same entity ({a.id})", fix="name two different entities"
        )
    judgement = Judgement(
        left=a.id,
        right=b.id,
        sameness=sameness,
        score=1.0,
        reason=reason or f"analyst {sameness.value}",
        user=user,
        created_at=_now(),
    )
    with store.writer() as writer:
        writer.add_judgement(judgement)
    return judgement


def judgements(store: Any) -> list[Judgement]:
    """Every recorded judgement, newest first."""
    return sorted(store.view().judgements(), key=lambda j: j.created_at, reverse=True)
