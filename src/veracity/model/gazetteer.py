"""The offline gazetteer: place names of the region with kind, country, province and coordinates.

Places are data (``data/places.yaml``): the countries, provinces, districts, cities, sites, borders and regions that
Af-Pak news names, with their spelling variants (Jowzjan / Jawzjan / Jawzan) and, for countries, their demonyms
kept apart ("Pakistani" is a nationality, not a location). Lookups are case-insensitive and accent-insensitive so
that lower-cased text (MUC-4) and transliterations both find their place. Anything not curated can still be placed
through :meth:`Gazetteer.geocode`, which reads the ``countrystatecity-countries`` package lazily, one country at a
time, so that importing the gazetteer costs nothing until a place outside the curated file is asked for.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from veracity.model.errors import ConfigError
from veracity.model.ids import entity_id
from veracity.model.registry import Named, check_curated_entry
from veracity.model.values import normalise_name
from veracity.model.vocabulary import load_data

_KEYS = frozenset({"name", "kind", "country", "admin1", "lat", "lon", "aliases", "demonyms", "lowercase_ok",
                   "case_sensitive"})
_COUNTRY = re.compile(r"^[A-Z]{2}(/[A-Z]{2})*$")
_COMPACT = re.compile(r"[\s\-'.,]+")
_FIX = "edit veracity/model/data/places.yaml"
# Countries the fallback searches first when no country is given: the region, then the MUC-4 countries.
PRIORITY = ("AF", "PK", "IN", "IR", "CN", "RU", "UZ", "TJ", "TM", "KZ", "KG",
            "SV", "GT", "PE", "CO", "HN", "NI", "BO", "CL", "EC")


def place_key(surface: str) -> str:
    """Lookup key: :func:`normalise_name` without accents, so "Medellín", "medellin" and "MEDELLIN" meet."""
    text = unicodedata.normalize("NFKD", normalise_name(surface))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def compact_key(surface: str) -> str:
    """The key without spaces and punctuation, for hashtags ("#KabulAirport") and run-together spellings."""
    return _COMPACT.sub("", place_key(surface))


@dataclass(frozen=True, slots=True)
class Place(Named):
    """One place. ``source`` says whether it is curated ("gazetteer") or came from the fallback package."""

    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    lowercase_ok: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    source: str = "gazetteer"

    @property
    def id(self) -> str:
        return entity_id("place", self.name)


class PlacePattern(NamedTuple):
    """One surface to match in text: which place it names and whether case matters."""

    surface: str
    place_id: str
    case_sensitive: bool


class _Fallback:
    """Per-country indexes over countrystatecity-countries, built on first use and kept."""

    def __init__(self) -> None:
        self._indexes: dict[str, dict[str, list[Place]]] = {}

    def countries(self) -> list[dict[str, Any]]:
        from countrystatecity_countries.loaders import DataLoader

        return list(DataLoader.load_countries())

    def index(self, code: str) -> dict[str, list[Place]]:
        if code not in self._indexes:
            self._indexes[code] = self._build(code)
        return self._indexes[code]

    def _build(self, code: str) -> dict[str, list[Place]]:
        from countrystatecity_countries.loaders import DataLoader

        index: dict[str, list[Place]] = defaultdict(list)
        for state in DataLoader.load_states(code):
            index[place_key(state["name"])].append(_package_place(state, "province", code, None))
            for city in DataLoader.load_cities(code, state["state_code"]):
                index[place_key(city["name"])].append(_package_place(city, "city", code, state["name"]))
        DataLoader.clear_cache()  # the package caches raw dicts; our index keeps only what it needs
        for places in index.values():
            places.sort(key=lambda p: p.kind != "city")  # a city is the more precise reading of a shared name
        return dict(index)


def _package_place(raw: dict[str, Any], kind: str, code: str, admin1: str | None) -> Place:
    def coord(value: Any) -> float | None:
        try:
            return float(value)
        except (TypeError, ValueError):
            return None

    return Place(name=raw["name"], kind=kind, country=code, admin1=admin1, lat=coord(raw.get("latitude")),
                 lon=coord(raw.get("longitude")), source="countrystatecity")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """All curated places with name, alias, compact and demonym indexes, and a lazy fallback."""

    places: dict[str, Place]
    _by_key: dict[str, tuple[str, ...]]
    _by_compact: dict[str, tuple[str, ...]]
    _by_demonym: dict[str, tuple[str, ...]]
    _fallback: _Fallback = field(default_factory=_Fallback)

    def lookup(self, surface: str) -> list[Place]:
        """Curated places named ``surface`` in any case; a place whose own name it is comes before alias matches."""
        key = place_key(surface)
        ids = self._by_key.get(key) or self._by_compact.get(compact_key(surface), ())
        found = [self.places[i] for i in ids]
        return sorted(found, key=lambda p: place_key(p.name) != key)

    def get(self, name: str) -> Place | None:
        """The place with this id or canonical name, else the first place a lookup of ``name`` finds."""
        if name in self.places:
            return self.places[name]
        found = self.lookup(name)
        return found[0] if found else None

    def demonym(self, surface: str) -> Place | None:
        """The country a nationality or adjective form belongs to ("Pakistani" -> Pakistan), else None."""
        ids = self._by_demonym.get(place_key(surface), ())
        return self.places[ids[0]] if ids else None

    def patterns(self) -> Iterator[PlacePattern]:
        """Every name and alias with its place id and case sensitivity, for an entity ruler (no demonyms)."""
        for place in self.places.values():
            for surface in dict.fromkeys(place.surfaces):
                yield PlacePattern(surface, place.id, place.is_case_sensitive(surface))

    def country_of(self, place: Place | str) -> str | None:
        """The country name of a place ("Afghanistan/Pakistan" for a border), or None when unknown."""
        found = self.get(place) if isinstance(place, str) else place
        if found is None or not found.country:
            return None
        if found.kind == "country":
            return found.name
        names = [self.country_name(code) for code in found.country.split("/")]
        return "/".join(n for n in names if n) or None

    def country_name(self, code: str) -> str | None:
        """The name of a country from its ISO alpha-2 code (curated name first, then the package's)."""
        for place in self.places.values():
            if place.kind == "country" and place.country == code:
                return place.name
        names = [c["name"] for c in self._fallback.countries() if c.get("iso2") == code]
        return names[0] if names else None

    def geocode(self, name: str, country: str | None = None, *, everywhere: bool = False) -> Place | None:
        """A place for ``name``: the curated one if any, else a state or city of countrystatecity-countries.

        ``country`` (ISO alpha-2, any country) narrows the search; without it the region and the MUC-4 countries
        are searched (:data:`PRIORITY`), and every other country too when ``everywhere`` is set. Each country's
        index is built once, on first need: about 1 s for the priority countries together, 3-9 s and ~100 MB
        for the whole world, which is why that is opt-in.
        """
        wanted = country.upper() if country else None
        for place in self.lookup(name):
            if wanted is None or wanted in (place.country or "").split("/"):
                return place
        key = place_key(name)
        for code in self._search_order(wanted, everywhere):
            hits = self._fallback.index(code).get(key)
            if hits:
                return hits[0]
        return None

    def _search_order(self, wanted: str | None, everywhere: bool) -> Iterable[str]:
        if wanted:
            return (wanted,)
        if not everywhere:
            return PRIORITY
        rest = [c["iso2"] for c in self._fallback.countries() if c.get("iso2") and c["iso2"] not in PRIORITY]
        return (*PRIORITY, *rest)

    def __len__(self) -> int:
        return len(self.places)


def _strings(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key) or ()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"place {raw.get('name')!r}: {key} must be a list of non-empty strings", fix=_FIX)
    return tuple(value)


def _coordinate(raw: dict[str, Any], key: str, limit: float) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > limit:
        raise ConfigError(f"place {raw['name']!r} has {key} {value!r}", fix=f"use decimal degrees within ±{limit}")
    return float(value)


def _check_entry(raw: Any) -> None:
    check_curated_entry(raw, "place", _KEYS, "kind", "place", "places.yaml")
    country = raw.get("country")
    if country is not None and not (isinstance(country, str) and _COUNTRY.match(country)):
        raise ConfigError(f"place {raw['name']!r} has country {country!r}",
                          fix="use an ISO-3166 alpha-2 code, or two joined by '/' for a border")


def _place(raw: Any) -> Place:
    _check_entry(raw)
    return Place(
        name=raw["name"],
        kind=raw["kind"],
        country=raw.get("country"),
        admin1=raw.get("admin1"),
        lat=_coordinate(raw, "lat", 90.0),
        lon=_coordinate(raw, "lon", 180.0),
        aliases=_strings(raw, "aliases"),
        demonyms=_strings(raw, "demonyms"),
        lowercase_ok=_strings(raw, "lowercase_ok"),
        case_sensitive=_strings(raw, "case_sensitive"),
    )


def _index(places: Iterable[Place], surfaces: str, keyer: Any) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for place in places:
        for surface in getattr(place, surfaces):
            key = keyer(surface)
            if key and place.id not in index[key]:
                index[key].append(place.id)
    return {k: tuple(v) for k, v in index.items()}


def build_gazetteer(entries: list[dict[str, Any]]) -> Gazetteer:
    """Index and validate raw place entries (as in ``places.yaml``); names must be unique."""
    places: dict[str, Place] = {}
    for raw in entries:
        place = _place(raw)
        if place.id in places:
            raise ConfigError(f"place {place.name!r} is listed twice (or shares its id with another)",
                              fix="merge the entries, or qualify the name: 'Hyderabad (Pakistan)'")
        places[place.id] = place
    values = places.values()
    return Gazetteer(places=places, _by_key=_index(values, "surfaces", place_key),
                     _by_compact=_index(values, "surfaces", compact_key),
                     _by_demonym=_index(values, "demonyms", place_key))


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once."""
    return build_gazetteer(load_data("places.yaml")["places"])
