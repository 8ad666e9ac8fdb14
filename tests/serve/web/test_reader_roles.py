"""The document reader marks event roles (perpetrator, target, victim, weapon) on the filler's own words, and a
mention's highlight covers its name alone even when the stored span kept a trailing stop ("ISIS-K.")."""

from __future__ import annotations

import html
import re
from typing import Any

from fastapi.testclient import TestClient

from veracity.serve.web.documents import fit_span
from veracity.serve.web.render import reader_pieces

from .conftest import HOSTILE_NAME

PIECE = re.compile(r'<span class="piece([^"]*)"[^>]*>([^<]*)</span>')


def _marked(page: str, role: str) -> list[str]:
    return [html.unescape(text) for classes, text in PIECE.findall(page) if f" r-{role}" in classes]


def _documents(client: TestClient) -> list[dict[str, Any]]:
    rows = client.get("/api/documents", params={"limit": 500}).json()["items"]
    return [client.get(f"/api/documents/{r['id']}").json() for r in rows]


def test_fit_span_trims_a_trailing_stop_and_keeps_other_spans() -> None:
    text = "The Haqqani network denied any link to ISIS-K."
    at = text.index("ISIS-K")
    assert fit_span(text, at, len(text), "ISIS-K") == (at, at + 6)
    assert fit_span(text, at, at + 6, "ISIS-K") == (at, at + 6)
    assert fit_span(text, 4, 11, "Kabul") == (4, 11), "a surface not in the span is left as stored"


def test_every_mention_span_is_its_surface(client: TestClient) -> None:
    docs = _documents(client)
    hostile = next(d for d in docs if d["name"] == HOSTILE_NAME)
    assert any(m["surface"] == "ISIS-K" for m in hostile["mentions"])
    wrong = [(d["name"], m["surface"], d["text"][m["start"]:m["end"]]) for d in docs for m in d["mentions"]
             if m["surface"] in d["text"][m["start"]:m["end"]] and d["text"][m["start"]:m["end"]] != m["surface"]]
    assert not wrong, wrong[:5]


def test_reader_marks_targets_and_perpetrators_on_their_words(client: TestClient) -> None:
    docs = _documents(client)
    with_target = next(d for d in docs if any(r["predicate"] == "target" for r in d["roles"]))
    role = next(r for r in with_target["roles"] if r["predicate"] == "target")
    page = client.get(f"/documents/{with_target['id']}").text
    marked = _marked(page, "target")
    objects = " | ".join(str(r["object"]).lower() for r in with_target["roles"] if r["predicate"] == "target")
    assert marked and all(m.lower() in with_target["text"].lower() and m.lower() in objects for m in marked)
    assert any(piece["roles"] == ["target"] and piece["text"].lower() in str(role["object"]).lower()
               for piece in reader_pieces(with_target))
    blamed = next(d for d in docs if any(c["predicate"] == "responsible_for" for c in d["claims"]))
    claim = next(c for c in blamed["claims"] if c["predicate"] == "responsible_for")
    page = client.get(f"/documents/{blamed['id']}").text
    perpetrators = _marked(page, "perpetrator")
    assert perpetrators, "no perpetrator marked"
    names = {m["surface"] for m in blamed["mentions"] if m["entity_id"] == claim["subject_id"]} | {claim["subject"]}
    inside = "".join(p["text"] for p in reader_pieces(blamed)
                     if "perpetrator" in p["roles"] and claim["start"] <= p["start"] < claim["end"])
    assert any(n.lower() in inside.lower() for n in names), (inside, names)
    assert 'class="r-perpetrator"' in page, "the legend names the role highlights"
