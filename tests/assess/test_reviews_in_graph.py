"""Reviews mean the same in the network as in the grades: the analyst's latest word decides, on a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.analyse.graph import collect, usable
from veracity.model.ids import entity_id
from veracity.model.records import Assertion, Evidence, Review, Stance, Verdict
from veracity.store import open_store
from veracity.store.review import record_review


def _item(*verdicts: Verdict) -> Evidence:
    a = Assertion(entity_id("actor", "Pakistan"), "supports", entity_id("actor", "ISKP"), "author:d1",
                  Stance.ASSERTS, "d1", (0, 10), "Pakistan supports ISKP", "test@1")
    reviews = tuple(Review(a.id, v, created_at=f"2026-01-0{i + 1}") for i, v in enumerate(verdicts))
    return Evidence(a, reviews=reviews)


@pytest.mark.parametrize(("verdicts", "kept"), [
    ((), True),
    ((Verdict.CONFIRM,), True),
    ((Verdict.REJECT,), False),
    ((Verdict.CORRECT,), False),                   # superseded by the corrected assertion
    ((Verdict.REJECT, Verdict.CONFIRM), True),     # the later confirm restores it
    ((Verdict.CONFIRM, Verdict.CORRECT), False),
])
def test_graph_usable_follows_the_newest_review(verdicts: tuple[Verdict, ...], kept: bool) -> None:
    assert usable(_item(*verdicts)) is kept


def _edges(db: Path) -> dict[tuple[str, str, str], set[str]]:
    net = collect(open_store(f"sqlite:///{db}").view().evidence())
    return {(e.source, e.predicate, e.target): {ev.id for ev in e.evidence.values()} for e in net.edges.values()}


def test_graph_corrected_and_rejected_lines_leave_the_network(demo_copy: Path) -> None:
    store = open_store(f"sqlite:///{demo_copy}")
    before = _edges(demo_copy)
    key, ids = next((k, v) for k, v in sorted(before.items()) if len(v) >= 2)
    first, second = sorted(ids)[:2]
    record_review(store, first, "reject")
    review = record_review(store, second, "correct", correction={"stance": "denies"})
    after = _edges(demo_copy)
    counted = after.get(key, set())
    assert first not in counted and second not in counted
    new_id = review.correction["superseded_by"]
    assert any(new_id in ids for ids in after.values())   # the corrected assertion is its own evidence
