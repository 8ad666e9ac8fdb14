"""The likelihood scale shared by network filters and STIX confidence, read from ``model/data/stix.yaml``.

One table serves both so that ``--min-grade likely`` and a STIX confidence of 70 mean the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from veracity.analyse.graph import GradeLike
from veracity.model.errors import InvalidInput
from veracity.model.vocabulary import load_data


@dataclass(frozen=True, slots=True)
class Band:
    """One ICD-203 word with its probability range and its STIX 2.1 confidence number."""

    word: str
    low: float
    high: float
    stix: int


@cache
def stix_tables() -> dict[str, Any]:
    """The parsed ``stix.yaml`` (mapping tables and the confidence scale), loaded once."""
    data: dict[str, Any] = load_data("stix.yaml")
    return data


@cache
def bands() -> tuple[Band, ...]:
    return tuple(Band(b["word"], float(b["low"]), float(b["high"]), int(b["stix"]))
                 for b in stix_tables()["confidence"])


def word_floor(word: str) -> float:
    """The lowest probability an ICD-203 word allows (``likely`` -> 0.55); an unknown word is invalid input."""
    wanted = word.strip().lower().replace("-", " ").replace("_", " ")
    for band in bands():
        if band.word == wanted:
            return band.low
    words = ", ".join(b.word for b in bands())
    raise InvalidInput(f"unknown grade word {word!r}", fix=f"use one of: {words}")


def band_of(probability: float) -> Band:
    """The band whose range holds ``probability`` (clamped to the scale)."""
    for band in bands():
        if band.low <= probability < band.high:
            return band
    return bands()[0] if probability < bands()[0].low else bands()[-1]


def stix_confidence(grade: GradeLike | None) -> int | None:
    """STIX confidence for a grade: its word's row when the word is on the scale, else its probability's row."""
    if grade is None:
        return None
    for band in bands():
        if band.word == grade.word.lower():
            return band.stix
    return band_of(grade.probability).stix


def grade_of_confidence(confidence: int) -> Band:
    """The band a STIX confidence number falls in (for import): the row whose number is closest."""
    return min(bands(), key=lambda b: abs(b.stix - confidence))
