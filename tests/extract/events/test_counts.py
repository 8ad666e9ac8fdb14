"""Tests for ``veracity.extract.events.counts``: casualty figures read from the words, junk read as nothing."""

from __future__ import annotations

import pytest
from spacy.language import Language

from veracity.extract.events.counts import casualties


@pytest.fixture(scope="module")
def nlp(extractor) -> Language:  # type: ignore[no-untyped-def]
    return extractor.nlp


@pytest.mark.parametrize(
    ("number", "killed"),
    [("12", 12), ("twelve", 12), ("\u00b2", None), ("1\u00b2", None), ("\u0663", 3)],  # superscripts are not counts
)
def test_counts_killed_reads_decimal_digits_only(nlp: Language, number: str, killed: int | None) -> None:
    assert casualties(nlp(f"The blast killed {number} people.")[:])[0] == killed
