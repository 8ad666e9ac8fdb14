"""Loads the closed vocabularies (predicates, entity and event types) from the package's data files.

Vocabulary is data: adding a predicate means editing ``data/vocabulary.yaml``, and every stage sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from veracity.model.errors import ConfigError


def load_data(name: str) -> Any:
    """Parse a YAML file shipped in ``veracity/model/data``; a broken file is a :class:`ConfigError`."""
    path = resources.files("veracity.model") / "data" / name
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read data file {name}: {exc}", fix="reinstall veracity or fix the YAML") from exc


@dataclass(frozen=True, slots=True)
class Predicate:
    """One relation type: its meaning, whether it is symmetric, and which predicates contradict it."""

    name: str
    doc: str
    symmetric: bool = False
    opposes: tuple[str, ...] = ()
    object_kind: str = "actor"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """All closed vocabularies in one object."""

    entity_types: dict[str, tuple[str, ...]]
    violent_event_types: frozenset[str]
    predicates: dict[str, Predicate]
    event_roles: dict[str, dict[str, str]]
    attributions: tuple[str, ...]

    def check_predicate(self, name: str) -> str:
        """Return ``name`` if it is a known predicate or event role, else raise :class:`ConfigError`."""
        if name in self.predicates or name in self.event_roles:
            return name
        raise ConfigError(f"unknown predicate {name!r}", fix="add it to veracity/model/data/vocabulary.yaml")

    def opposites(self, name: str) -> frozenset[str]:
        """Predicates that contradict ``name`` (in either direction of the declaration)."""
        direct = set(self.predicates[name].opposes) if name in self.predicates else set()
        reverse = {p.name for p in self.predicates.values() if name in p.opposes}
        return frozenset(direct | reverse)


@cache
def vocabulary() -> Vocabulary:
    """The package vocabulary, loaded once."""
    raw = load_data("vocabulary.yaml")
    predicates = {
        name: Predicate(
            name=name,
            doc=spec.get("doc", ""),
            symmetric=bool(spec.get("symmetric", False)),
            opposes=tuple(spec.get("opposes", ())),
            object_kind=spec.get("object", "actor"),
        )
        for name, spec in raw["predicates"].items()
    }
    return Vocabulary(
        entity_types={kind: tuple(types) for kind, types in raw["entity_types"].items()},
        violent_event_types=frozenset(raw["violent_event_types"]),
        predicates=predicates,
        event_roles=dict(raw["event_roles"]),
        attributions=tuple(raw["attributions"]),
    )
