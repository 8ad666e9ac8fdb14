"""Places: every place and event with coordinates from the offline gazetteer, and GeoJSON a map can show.

Coordinates come only from the shipped gazetteer (``veracity.model.gazetteer``), never from a network service, so
the map is reproducible offline. An event is placed at its own place when the gazetteer knows it, else at its
country, and the feature says which (``located_by``) so a country centroid is never mistaken for a site.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from veracity.model.errors import ConfigError
from veracity.model.records import Entity, EntityKind


class PlaceLike(Protocol):
    """What the gazetteer's ``Place`` offers that we use."""

    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None


class GazetteerLike(Protocol):
    def get(self, name: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class Located:
    """A place or event with coordinates and how they were found."""

    entity_id: str
    name: str
    kind: str
    type: str
    lat: float
    lon: float
    country: str | None
    located_by: str
    date: str | None = None
    place: str | None = None

    def feature(self) -> dict[str, Any]:
        """A GeoJSON Feature (coordinates are [lon, lat], as RFC 7946 requires)."""
        props = {"id": self.entity_id, "name": self.name, "kind": self.kind, "type": self.type,
                 "country": self.country, "located_by": self.located_by, "date": self.date, "place": self.place}
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [self.lon, self.lat]},
                "properties": props}


def default_gazetteer() -> GazetteerLike:
    """The shipped offline gazetteer; a missing module is a :class:`ConfigError` that says what to install."""
    try:
        from veracity.model.gazetteer import gazetteer
    except ImportError as exc:
        raise ConfigError("the offline gazetteer (veracity.model.gazetteer) is not available",
                          fix="update veracity; places need its gazetteer data") from exc
    found: GazetteerLike = gazetteer()
    return found


def optional_gazetteer() -> GazetteerLike | None:
    """The gazetteer, or ``None`` when it cannot be loaded (exports then leave coordinates out)."""
    try:
        return default_gazetteer()
    except ConfigError:
        return None


def locate(gaz: GazetteerLike, name: str | None) -> PlaceLike | None:
    """The gazetteer entry for a name, when it has coordinates."""
    if not name:
        return None
    found = gaz.get(name)
    if found is None and hasattr(gaz, "geocode"):
        found = gaz.geocode(name)
    if found is None or getattr(found, "lat", None) is None or getattr(found, "lon", None) is None:
        return None
    place: PlaceLike = found
    return place


def _place(entity: Entity, gaz: GazetteerLike) -> Located | None:
    found = locate(gaz, entity.name)
    if found is None:
        return None
    assert found.lat is not None and found.lon is not None
    return Located(entity.id, entity.name, "place", entity.type, float(found.lat), float(found.lon),
                   found.country, "gazetteer")


def _event(entity: Entity, gaz: GazetteerLike) -> Located | None:
    attrs = entity.attributes
    for how, name in (("place", attrs.get("place")), ("country", attrs.get("country"))):
        found = locate(gaz, name)
        if found is not None:
            assert found.lat is not None and found.lon is not None
            return Located(entity.id, entity.name, "event", entity.type, float(found.lat), float(found.lon),
                           found.country, how, attrs.get("date"), attrs.get("place"))
    return None


def locate_all(entities: Iterable[Entity], gaz: GazetteerLike) -> Iterator[Located | Entity]:
    """Each place and event located, or the entity itself when the gazetteer cannot place it."""
    for entity in entities:
        if entity.kind is EntityKind.ACTOR:
            continue
        found = _place(entity, gaz) if entity.kind is EntityKind.PLACE else _event(entity, gaz)
        yield found if found is not None else entity


@dataclass(slots=True)
class PlaceReport:
    """What ``veracity places`` shows: the located features and the names the gazetteer could not place."""

    located: list[Located]
    unlocated: list[Entity]

    def feature_collection(self) -> dict[str, Any]:
        return {"type": "FeatureCollection", "features": [p.feature() for p in self.located]}


def places(view: Any, gaz: GazetteerLike | None = None) -> PlaceReport:
    """Every place and event of a store view, located with the offline gazetteer."""
    gaz = gaz or default_gazetteer()
    report = PlaceReport([], [])
    for item in locate_all(view.entities(), gaz):
        (report.located.append if isinstance(item, Located) else report.unlocated.append)(item)  # type: ignore[arg-type]
    return report


def write_geojson(report: PlaceReport, path: str | Path) -> int:
    """Write the FeatureCollection to ``path``; returns the number of features."""
    Path(path).write_text(json.dumps(report.feature_collection(), ensure_ascii=False, indent=1), encoding="utf-8")
    return len(report.located)


def province_of(gaz: GazetteerLike, name: str | None) -> str | None:
    """The province (first-level division) a place lies in, for surge series; the place itself if a province."""
    found = locate(gaz, name)
    if found is None:
        return None
    if found.kind == "province":
        return found.name
    for attr in ("province", "admin1", "state"):
        value = getattr(found, attr, None)
        if value:
            return str(value)
    return None
