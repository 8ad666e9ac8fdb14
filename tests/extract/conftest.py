"""One extractor (one spaCy load) for the whole session, and a helper that extracts a sentence as a gold record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from veracity.extract import Extraction, Extractor
from veracity.extract.records import to_gold_record
from veracity.model.records import Document


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The hand rules alone: these tests pin the rule modules, which the learned models read as features and
    proposers. The learned path (statements, incident coreference) is tested with ``learned``."""
    return Extractor(statements="rules", merge_events=False, date_events=False, place_events=False,
                     filter_actors=False, learn_triggers=False)


@pytest.fixture(scope="session")
def learned() -> Extractor:
    """The default extractor: rules with the learned event triggers, then the learned statement model."""
    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor: Extractor) -> Callable[..., Extraction]:
    def run(text: str, published: str | None = "2025-10-15") -> Extraction:
        return extractor.extract(Document(text=text, name="t", published=published))

    return run


@pytest.fixture(scope="session")
def record(extract: Callable[..., Extraction]) -> Callable[..., dict[str, Any]]:
    def run(text: str, published: str | None = "2025-10-15") -> dict[str, Any]:
        return to_gold_record(extract(text, published))

    return run
