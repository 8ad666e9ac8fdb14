"""The incident date chooser: its candidates on a paragraph written for the test, the choice with a model built
for the test, and the shipped model's file."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.extract import Extractor
from veracity.extract.events.date_choice import candidates, date_events, load_model
from veracity.extract.text.linear import LinearModel
from veracity.model.records import Document

TEXT = ("Militants stormed a police post in Bannu, killing four officers. The assault began on Sunday night, "
        "police said. A similar raid in 2019 had been repelled.")


@pytest.fixture(scope="module")
def merged() -> Extractor:
    """Incidents merged, dates as the event finder set them: what the chooser reads."""
    return Extractor(statements="rules", date_events=False)


def _context(extractor: Extractor) -> tuple[object, list]:  # type: ignore[type-arg]
    ctx, _ = next(extractor.contexts([Document(text=TEXT, name="t", published="2024-05-14")]))
    return ctx, ctx.events


def test_event_dates_candidates_cover_nearby_expressions(merged: Extractor) -> None:
    ctx, events = _context(merged)
    [storming] = [e for e in events if 1 in e.triggers]
    cands = candidates(ctx.sdoc, storming, ctx.published)  # type: ignore[attr-defined]
    values = [c.value for c in cands]
    assert values[:3] == [None, storming.date, "2024-05-14"]  # undated, as found, published
    assert "2024-05-12" in values  # "on Sunday night" before a Tuesday publication, in "the assault" sentence
    sunday = next(c for c in cands if c.value == "2024-05-12" and "as_found" not in c.features)
    assert "shape=weekday" in sunday.features and "vs_pub=before" in sunday.features


def test_event_dates_choice_follows_the_model(merged: Extractor) -> None:
    ctx, events = _context(merged)
    prefers_weekdays = LinearModel.from_coefficients(["score"], ["shape=weekday"], np.array([[5.0]]), np.zeros(1))
    date_events(ctx.sdoc, events, ctx.published, prefers_weekdays)  # type: ignore[attr-defined]
    storming = next(e for e in events if 1 in e.triggers)
    assert storming.date == "2024-05-12"
    undated = LinearModel.from_coefficients(["score"], ["undated"], np.array([[5.0]]), np.zeros(1))
    date_events(ctx.sdoc, events, ctx.published, undated)  # type: ignore[attr-defined]
    assert storming.date is None


def test_event_dates_shipped_model_loads() -> None:
    model = load_model()
    assert model.labels == ("score",) and model.index
