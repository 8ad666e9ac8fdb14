"""The incident place chooser: candidates on a paragraph written for the test (dateline included), the choice with
a model built for the test, and the shipped model's file."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.extract import Extractor
from veracity.extract.events.place_choice import candidates, load_model, place_events
from veracity.extract.text.linear import LinearModel
from veracity.model.records import Document

TEXT = ("PESHAWAR: Militants attacked a checkpoint in Bannu district on Sunday, killing four soldiers. "
        "The attack was the third in Khyber Pakhtunkhwa this month.")


@pytest.fixture(scope="module")
def unplaced() -> Extractor:
    """Incidents merged and dated, places as the event finder set them: what the chooser reads."""
    return Extractor(statements="rules", place_events=False)


def _context(extractor: Extractor) -> object:
    ctx, _ = next(extractor.contexts([Document(text=TEXT, name="t", published="2024-05-14")]))
    return ctx


def test_event_places_candidates(unplaced: Extractor) -> None:
    ctx = _context(unplaced)
    [attack] = [e for e in ctx.events if any(ctx.sdoc[i].lower_ == "attacked" for i in e.triggers)]  # type: ignore[attr-defined]
    cands = candidates(ctx.sdoc, ctx.found, attack)  # type: ignore[attr-defined]
    names = [c.name for c in cands]
    assert names[:2] == [None, attack.place]
    assert "Peshawar" in names and "Bannu" in names and "Khyber Pakhtunkhwa" in names
    assert "dateline" in next(c for c in cands if c.name == "Peshawar").features


def test_event_places_choice_follows_the_model(unplaced: Extractor) -> None:
    ctx = _context(unplaced)
    events = ctx.events  # type: ignore[attr-defined]
    filed = LinearModel.from_coefficients(["score"], ["dateline"], np.array([[5.0]]), np.zeros(1))
    place_events(ctx.sdoc, ctx.found, events, filed)  # type: ignore[attr-defined]
    assert all(e.place == "Peshawar" and e.country == "Pakistan" for e in events if not e.known)
    unplace = LinearModel.from_coefficients(["score"], ["unplaced"], np.array([[5.0]]), np.zeros(1))
    place_events(ctx.sdoc, ctx.found, events, unplace)  # type: ignore[attr-defined]
    assert all(e.place is None for e in events if not e.known)


def test_event_places_shipped_model_loads() -> None:
    assert load_model().labels == ("score",) and load_model().index
