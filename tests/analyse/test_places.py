"""Places from the offline gazetteer and the GeoJSON a map shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veracity.analyse.places import places, write_geojson
from veracity.store import Store


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [("Mastung", (29.0, 30.5), (66.0, 67.5)), ("Khyber Pakhtunkhwa", (31.0, 36.5), (69.5, 74.0)),
     ("Kabul", (34.3, 34.7), (68.9, 69.4))],
)
def test_places_geojson_puts_seed_places_on_the_map(gold_store: Store, tmp_path: Path, name: str,
                                                    lat: tuple[float, float], lon: tuple[float, float]) -> None:
    out = tmp_path / "places.geojson"
    written = write_geojson(places(gold_store.view()), out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == written
    [feature] = [f for f in data["features"] if f["properties"]["name"] == name and f["properties"]["kind"] == "place"]
    x, y = feature["geometry"]["coordinates"]
    assert lat[0] <= y <= lat[1] and lon[0] <= x <= lon[1]


def test_places_events_located_and_say_how(gold_store: Store) -> None:
    report = places(gold_store.view())
    by_name = {p.name: p for p in report.located if p.kind == "event"}
    airport = by_name["Kabul airport bombing"]
    assert airport.located_by == "place" and airport.date == "2021-08-26"
    assert 34.3 < airport.lat < 34.8
    assert by_name["Suicide attack on Pakistani police station (February 2026)"].located_by == "country"
