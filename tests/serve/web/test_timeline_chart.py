"""The timeline's SVG chart: one dot per dated event, in its type's lane, linked to the event; labels escaped."""

from __future__ import annotations

from fastapi.testclient import TestClient

from veracity.serve.web.render import TEMPLATES, timeline_chart


def test_timeline_page_draws_a_dot_per_dated_event(client: TestClient) -> None:
    entries = client.get("/api/timeline").json()
    dated = [e for e in entries if e["date"]]
    page = client.get("/timeline")
    assert page.status_code == 200
    assert page.text.count("<circle") == len(dated) > 0
    for e in dated[:5]:
        assert f'href="/events/{e["id"]}"' in page.text


def test_chart_places_dots_by_date_and_lane_and_sizes_by_toll() -> None:
    entries = [{"id": "event:a", "label": "a", "type": "bombing", "date": "2020-01-01",
                "figures": [{"killed": 100}, {"killed": 4}]},
               {"id": "event:b", "label": "b", "type": "clash", "date": "2022-07", "figures": []},
               {"id": "event:c", "label": "c", "type": "clash", "date": None, "figures": []},
               {"id": "event:d", "label": "d", "type": "clash", "date": "someday", "figures": []}]
    chart = timeline_chart(entries)
    a, b = chart["dots"]
    assert [d["id"] for d in chart["dots"]] == ["event:a", "event:b"], "undated and unreadable dates are left out"
    assert a["x"] < b["x"] and a["y"] != b["y"] and a["r"] > b["r"] and a["killed"] == 100
    assert [t["label"] for t in chart["ticks"]][:2] == ["2020", "2021"]
    assert timeline_chart([])["dots"] == []


def test_chart_labels_are_escaped() -> None:
    hostile = '<script>alert(1)</script>" onmouseover="x'
    entries = [{"id": "event:x", "label": hostile, "type": "<b>bombing</b>", "date": "2024-03-02", "figures": [],
                "lines": [], "precision": "day", "place": None}]
    html = TEMPLATES.get_template("timeline.html").render(
        request=None, csrf="t", here=lambda **c: "/timeline", entries=entries,
        filters={"actor": None, "place": None, "from": None, "to": None})
    assert "<script>alert" not in html and 'onmouseover="x' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
