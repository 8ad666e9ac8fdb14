"""The actor filter: features of a name used as a location, the drop with a model built for the test (a name a
statement uses always stays), and the shipped model's file. Sentences written for the test."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.extract import Extractor
from veracity.extract.actors.filter import ActorFilter, candidates, filter_actors, load_model
from veracity.extract.actors.finder import ActorMention
from veracity.extract.text.linear import LinearModel
from veracity.model.records import Assertion, Document, Entity, EntityKind, Stance

TEXT = "Fighting in Afghanistan continued. The TTP attacked a post in Bannu."


@pytest.fixture(scope="module")
def unfiltered() -> Extractor:
    return Extractor(statements="rules", filter_actors=False)


def _ctx(extractor: Extractor) -> object:
    """The context with "Afghanistan" proposed as an actor, as the registry does where the finder cannot tell a
    location from a party."""
    ctx, _ = next(extractor.contexts([Document(text=TEXT, name="t", published="2024-05-14")]))
    k = next(t.i for t in ctx.sdoc if t.text == "Afghanistan")
    state = Entity(kind=EntityKind.ACTOR, name="Afghanistan", type="state")
    ctx.found.actors.append(ActorMention(k, k + 1, state, "Afghanistan", "registry"))
    return ctx


def test_actor_filter_features_see_a_location(unfiltered: Extractor) -> None:
    ctx = _ctx(unfiltered)
    rows = candidates(ctx.sdoc, ctx.found, [])  # type: ignore[attr-defined]
    afghanistan = rows["actor:afghanistan"]
    assert {"locative", "prep=in", "type=state", "locative_share=4"} <= set(afghanistan)


def test_actor_filter_drops_only_unreferenced_names(unfiltered: Extractor) -> None:
    model = ActorFilter(LinearModel.from_coefficients(["not", "actor"], ["locative"], np.array([[-5.0]]),
                                                      np.array([1.0])), 0.5, {})
    ctx = _ctx(unfiltered)
    dropped = filter_actors(ctx.sdoc, ctx.found, [], model)  # type: ignore[attr-defined]
    assert dropped == {"actor:afghanistan"}
    assert {m.entity.id for m in ctx.found.actors} >= {"actor:tehrik-i-taliban-pakistan"}  # type: ignore[attr-defined]
    ctx = _ctx(unfiltered)
    uses = Assertion("actor:tehrik-i-taliban-pakistan", "hostile_to", "actor:afghanistan", "author:t",
                     Stance.ASSERTS, "t", (0, 10), "q", "claims.learned@3")
    assert filter_actors(ctx.sdoc, ctx.found, [uses], model) == set()  # type: ignore[attr-defined]


def test_actor_filter_shipped_model_loads() -> None:
    model = load_model()
    assert model.model.labels == ("not", "actor") and 0 <= model.threshold < 1
