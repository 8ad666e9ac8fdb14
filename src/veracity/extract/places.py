"""Places through the gazetteer: a surface form becomes a normalised place name, kind and country.

``veracity.model.gazetteer`` is written by another engineer; until it is importable a small private adapter reads
the offline ``countrystatecity-countries`` data for the region's countries (names, provinces, cities) so the
extractor works either way. Both answer :func:`lookup_place`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from veracity.model.values import normalise_name

_REGION = ("AF", "PK", "IN", "IR", "CN", "RU", "US", "TJ", "UZ", "TM", "BD", "SY", "IQ", "UA", "GB", "QA", "SA")
_KIND = {
    "province": "province",
    "state": "province",
    "administered area": "region",
    "territory": "province",
    "union territory": "province",
    "federal territory": "province",
    "capital territory": "region",
}


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """What the extractor needs from a gazetteer entry."""

    name: str
    kind: str
    country: str | None


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


@cache
def _fallback() -> dict[str, PlaceHit]:
    """Countries, provinces and cities of the region from the offline package, keyed by normalised name."""
    import countrystatecity_countries as csc

    table: dict[str, PlaceHit] = {}
    names = {c.iso2: c.name for c in csc.get_countries()}
    for code in _REGION:
        for state in csc.get_states_of_country(code):
            hit = PlaceHit(_ascii(state.name), _KIND.get(state.type or "", "province"), names.get(code))
            table[normalise_name(_ascii(state.name))] = hit
        for city in csc.get_cities_of_country(code):  # a city beats its namesake province (Kabul, Moscow)
            table[normalise_name(_ascii(city.name))] = PlaceHit(_ascii(city.name), "city", names.get(code))
    for country in csc.get_countries():
        table[normalise_name(country.name)] = PlaceHit(country.name, "country", country.name)
    return table


@cache
def _gazetteer() -> Any:
    try:
        from veracity.model import gazetteer as module  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    return module.gazetteer()


@cache
def country_name(code_or_name: str | None) -> str | None:
    """A country's English name for an ISO alpha-2 code ("PK" -> "Pakistan"); names pass through."""
    if not code_or_name or len(code_or_name) != 2 or not code_or_name.isupper():
        return code_or_name
    import countrystatecity_countries as csc

    found = csc.get_country_by_code(code_or_name)
    return found.name if found else code_or_name


def lookup_place(surface: str) -> PlaceHit | None:
    """The best gazetteer entry for a surface form, or ``None`` when the place is unknown."""
    gaz = _gazetteer()
    if gaz is not None:
        found = gaz.lookup(surface)
        if found:
            place = found[0]
            return PlaceHit(place.name, place.kind, country_name(getattr(place, "country", None)))
        return None
    return _fallback().get(normalise_name(_ascii(surface)))
