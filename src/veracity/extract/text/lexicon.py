"""Cue lexicons loaded once from YAML: reporting verbs, hedges, relation cues, event triggers, known events.

Lexicons are data (``model/data/cues.yaml`` and ``extract/data/events.yaml``) so an analyst can add a verb or a
trigger without touching code; this module only turns them into lookup tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from veracity.model.errors import ConfigError
from veracity.model.vocabulary import load_data


def _extract_data(name: str) -> Any:
    path = resources.files("veracity.extract") / "data" / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read extract data file {name}: {exc}", fix="fix the YAML") from exc


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    """{predicate: [cue, ...]} -> {cue: predicate}; the first predicate listing a cue wins."""
    out: dict[str, str] = {}
    for key, cues in table.items():
        for cue in cues:
            out.setdefault(str(cue).lower(), key)
    return out


@dataclass(frozen=True, slots=True)
class KnownEvent:
    """A uniquely named event with its well-known date (world knowledge, not an article's reading)."""

    label: str
    type: str
    date: str | None
    place: str | None
    country: str | None
    keys: tuple[str, ...]
    recent_keys: tuple[str, ...] = ()
    until: str | None = None

    def keys_for(self, published: str | None) -> tuple[str, ...]:
        """Keys that name this event in a report of ``published``: recent keys only until ``until``."""
        if self.recent_keys and (published is None or self.until is None or published[:4] <= self.until):
            return self.keys + self.recent_keys
        return self.keys


@dataclass(frozen=True, slots=True)
class Cues:
    """Every lexicon as lookup tables."""

    raw: dict[str, Any]
    assert_verbs: frozenset[str]
    deny_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    hedging_verbs: frozenset[str]
    hedge_words: frozenset[str]
    hedge_phrases: tuple[str, ...]
    negations: frozenset[str]
    rel_verbs: dict[str, str]
    rel_nouns: dict[str, str]
    rel_participles: dict[str, str]
    rel_phrases: dict[str, str]
    titles: frozenset[str]
    _words: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def words(self, *path: str) -> frozenset[str]:
        """A word list anywhere in cues.yaml, lower-cased: ``cues.words('unnamed_sources', 'officials')``.

        Built once per path: rules ask for the same lists for every token they look at.
        """
        found = self._words.get(path)
        if found is None:
            node: Any = self.raw
            for key in path:
                node = node.get(key, {}) if isinstance(node, dict) else {}
            found = frozenset(str(w).lower() for w in node) if isinstance(node, list) else frozenset()
            self._words[path] = found
        return found


@cache
def cues() -> Cues:
    """The shipped cue lexicons, loaded once."""
    raw = load_data("cues.yaml")
    rel = raw["relations"]
    return Cues(
        raw=raw,
        assert_verbs=frozenset(raw["reporting"]["assert"]),
        deny_verbs=frozenset(raw["reporting"]["deny"]),
        claim_nouns=frozenset(raw["reporting"]["nouns"]),
        hedging_verbs=frozenset(raw["reporting"]["hedging_verbs"]),
        hedge_words=frozenset(w.lower() for w in raw["hedges"]["words"]),
        hedge_phrases=tuple(p.lower() for p in raw["hedges"]["phrases"]),
        negations=frozenset(raw["negation"]["words"]),
        rel_verbs=_invert(rel["verbs"]),
        rel_nouns=_invert(rel["nouns"]),
        rel_participles=_invert(rel["participles"]),
        rel_phrases=_invert(rel["phrases"]),
        titles=frozenset(t.lower() for t in raw["titles"]),
    )


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Event triggers, casualty cues, number words and the known-event table."""

    noun_triggers: dict[str, str]
    verb_triggers: dict[str, str]
    refine: dict[str, str]
    needs_context: dict[str, frozenset[str]]
    killed: frozenset[str]
    injured: frozenset[str]
    numbers: dict[str, int]
    vague: frozenset[str]
    known: tuple[KnownEvent, ...]
    mass_words: frozenset[str] = frozenset()
    mass_threshold: int = 4


@cache
def event_lexicon() -> EventLexicon:
    """The shipped event lexicon, loaded once."""
    raw = _extract_data("events.yaml")
    trig = raw["triggers"]
    known = tuple(
        KnownEvent(
            label=k["label"],
            type=k["type"],
            date=k.get("date"),
            place=k.get("place"),
            country=k.get("country"),
            keys=tuple(s.lower() for s in k["keys"]),
            recent_keys=tuple(s.lower() for s in k.get("recent_keys", ())),
            until=k.get("until"),
        )
        for k in raw["known"]
    )
    return EventLexicon(
        noun_triggers=_invert(trig["nouns"]),
        verb_triggers=_invert(trig["verbs"]),
        refine=_invert(trig["refine"]),
        needs_context={k: frozenset(v) for k, v in trig["needs_context"].items()},
        killed=frozenset(raw["casualties"]["killed"]),
        injured=frozenset(raw["casualties"]["injured"]),
        numbers={str(k): int(v) for k, v in raw["numbers"].items()},
        vague=frozenset(raw["vague"]),
        known=known,
        mass_words=frozenset(raw.get("mass_shooting", {}).get("words", ())),
        mass_threshold=int(raw.get("mass_shooting", {}).get("threshold", 4)),
    )
