"""The offline gazetteer: spelling variants, lower-cased text, coordinates, demonyms and the package fallback."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from veracity.model.errors import ConfigError
from veracity.model.gazetteer import build_gazetteer, compact_key, gazetteer

SEEDS_GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "gold.jsonl"


def _near(lat: float | None, lon: float | None, want: tuple[float, float], tolerance: float) -> bool:
    return lat is not None and lon is not None and math.hypot(lat - want[0], lon - want[1]) <= tolerance


@pytest.mark.parametrize(("surface", "name", "kind", "at", "tolerance"), [
    ("Mastung", "Mastung", "district", (29.8, 66.8), 0.3),
    ("Mustung", "Mastung", "district", (29.8, 66.8), 0.3),
    ("Kabul", "Kabul", "city", (34.5, 69.2), 0.2),
    ("Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa", "province", (34.5, 72.0), 1.0),
    ("NWFP", "Khyber Pakhtunkhwa", "province", (34.5, 72.0), 1.0),
    ("KPK", "Khyber Pakhtunkhwa", "province", (34.5, 72.0), 1.0),
    ("Baluchistan", "Balochistan", "province", (28.5, 65.5), 2.0),
    ("Jawzan", "Jowzjan", "province", (36.8, 65.8), 0.7),
    ("Jawzjan", "Jowzjan", "province", (36.8, 65.8), 0.7),
    ("Quetta", "Quetta", "city", (30.2, 67.0), 0.2),
    ("Peshawar", "Peshawar", "city", (34.0, 71.6), 0.2),
    ("Mazar-e-Sharif", "Mazar-i-Sharif", "city", (36.7, 67.1), 0.2),
    ("North Waziristan", "North Waziristan", "district", (32.9, 70.0), 0.5),
    ("Nangarhar", "Nangarhar", "province", (34.2, 70.5), 0.6),
    ("Pahalgam", "Pahalgam", "city", (34.0, 75.3), 0.2),
    ("Crokus City Hall", "Crocus City Hall", "site", (55.8, 37.4), 0.2),
    ("Kabul airport", "Hamid Karzai International Airport", "site", (34.57, 69.21), 0.1),
    ("#KabulAirport", "Hamid Karzai International Airport", "site", (34.57, 69.21), 0.1),
    ("Krasnogorsk", "Krasnogorsk", "city", (55.8, 37.3), 0.2),
    ("Tianjin", "Tianjin", "city", (39.1, 117.2), 0.3),
    ("Kerman", "Kerman", "city", (30.3, 57.1), 0.3),
    ("Torkham", "Torkham", "site", (34.1, 71.1), 0.2),
    ("Afghanistan-Pakistan border", "Durand Line", "border", (31.5, 68.5), 3.0),
    ("Afganistan", "Afghanistan", "country", (33.9, 67.7), 3.0),
    ("san salvador", "San Salvador", "city", (13.7, -89.2), 0.2),
    ("MEDELLÍN", "Medellin", "city", (6.25, -75.56), 0.2),
])
def test_gazetteer_places_and_spelling_variants(surface: str, name: str, kind: str, at: tuple[float, float],
                                                tolerance: float) -> None:
    found = gazetteer().lookup(surface)
    assert found, f"{surface!r} not found"
    place = found[0]
    assert (place.name, place.kind) == (name, kind)
    assert _near(place.lat, place.lon, at, tolerance), f"{name} at {place.lat},{place.lon}"


@pytest.mark.parametrize("surface", ["quetta", "KHYBER PAKHTUNKHWA", "north waziristan", "durand line", "kabul"])
def test_gazetteer_lookup_ignores_case(surface: str) -> None:
    assert gazetteer().lookup(surface), surface


def test_gazetteer_own_name_comes_before_alias() -> None:
    kinds = [p.kind for p in gazetteer().lookup("Kandahar")]
    assert kinds == ["city", "province"]


@pytest.mark.parametrize(("surface", "country"), [
    ("Pakistani", "Pakistan"), ("Afghan", "Afghanistan"), ("Russian", "Russia"), ("Indian", "India"),
    ("Chinese", "China"), ("Iranian", "Iran"), ("American", "United States"), ("Salvadoran", "El Salvador"),
])
def test_gazetteer_demonyms_are_kept_apart(surface: str, country: str) -> None:
    place = gazetteer().demonym(surface)
    assert place is not None and place.name == country
    assert gazetteer().lookup(surface) == []


@pytest.mark.parametrize(("name", "country"), [
    ("Mastung", "Pakistan"), ("Durand Line", "Afghanistan/Pakistan"), ("Line of Control", "India/Pakistan"),
    ("Pakistan", "Pakistan"), ("Crocus City Hall", "Russia"), ("Khorasan", None),
])
def test_gazetteer_country_of(name: str, country: str | None) -> None:
    assert gazetteer().country_of(name) == country


def test_gazetteer_every_gold_place_is_known_by_name_and_kind() -> None:
    rows = [json.loads(line) for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {(p["name"], p["kind"]) for row in rows for p in row["places"]}
    missing = {(n, k) for n, k in wanted if (p := gazetteer().get(n)) is None or (p.name, p.kind) != (n, k)}
    assert not missing


def test_gazetteer_all_places_have_plausible_coordinates() -> None:
    for place in gazetteer().places.values():
        assert place.lat is not None and place.lon is not None, place.name
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
    regional = [p for p in gazetteer().places.values() if p.country in {"AF", "PK"} and p.kind != "country"]
    assert all(23 <= p.lat <= 39 and 60 <= p.lon <= 78 for p in regional if p.lat and p.lon)


def test_gazetteer_patterns_carry_case_rules() -> None:
    patterns = {p.surface: p.case_sensitive for p in gazetteer().patterns()}
    assert patterns["Tank"] is True and patterns["KP"] is True and patterns["Crocus"] is True
    assert patterns["Quetta"] is False and "Pakistani" not in patterns


@pytest.mark.parametrize(("name", "country", "want_country", "at"), [
    ("Usulutan", None, "SV", (13.3, -88.4)),
    ("Chalatenango", None, "SV", (14.0, -88.9)),
    ("Huehuetenango", "GT", "GT", (15.3, -91.5)),
    ("Ayacucho", "PE", "PE", (-13.2, -74.2)),
    ("Cochabamba", None, "BO", (-17.4, -66.2)),
    ("Guayaquil", "EC", "EC", (-2.2, -79.9)),
])
def test_gazetteer_geocode_falls_back_to_the_package(name: str, country: str | None, want_country: str,
                                                     at: tuple[float, float]) -> None:
    place = gazetteer().geocode(name, country)
    assert place is not None and place.source == "countrystatecity" and place.country == want_country
    assert _near(place.lat, place.lon, at, 0.5)


def test_gazetteer_geocode_prefers_the_curated_place() -> None:
    place = gazetteer().geocode("Mustung")
    assert place is not None and place.name == "Mastung" and place.source == "gazetteer"
    assert gazetteer().geocode("Nowhereville Xyzzy") is None


def test_gazetteer_compact_key_joins_hashtags() -> None:
    assert compact_key("#KabulAirport") == compact_key("Kabul Airport") == "kabulairport"


def _raw(**extra: Any) -> dict[str, Any]:
    return {"name": "P", "kind": "city", "country": "PK", "lat": 30.0, "lon": 70.0, **extra}


@pytest.mark.parametrize(("entries", "message"), [
    ([_raw(), _raw()], "listed twice"),
    ([_raw(kind="town")], "unknown kind"),
    ([_raw(lat=95.0)], "lat"),
    ([_raw(lon="east")], "lon"),
    ([_raw(country="Pakistan")], "alpha-2"),
    ([_raw(population=5)], "unknown keys"),
    ([_raw(aliases="Q")], "list of non-empty strings"),
])
def test_gazetteer_validation_errors(entries: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        build_gazetteer(entries)
