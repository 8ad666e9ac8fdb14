"""The API and pages over a real SQLite store: JSON shapes, one error shape, hostile text escaped."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from veracity.model import Alias, Assertion, Document, Entity, EntityKind, Mention, Stance
from veracity.serve.api import create_app
from veracity.store import open_store

HOSTILE = 'Pakistan backs ISIS-K <script>alert("x")</script> said the spokesman.'


@pytest.fixture()
def client(tmp_path) -> TestClient:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    store = open_store(url)
    doc = Document(text=HOSTILE, name="hostile", outlet="<b>Wire</b>", published="2025-01-02")
    pak = Entity(EntityKind.ACTOR, "Pakistan", "state")
    iskp = Entity(EntityKind.ACTOR, "Islamic State Khorasan Province", "armed_group")
    with store.writer() as w:
        w.add_document(doc)
        for e in (pak, iskp):
            w.add_entity(e)
        w.add_alias(Alias(iskp.id, "ISIS-K", "isis-k"))
        w.add_mention(Mention(doc.id, iskp.id, 15, 21, 0, len(HOSTILE), "ISIS-K"))
        w.add_mention(Mention(doc.id, pak.id, 0, 8, 0, len(HOSTILE), "Pakistan"))
        w.add_assertion(Assertion(pak.id, "supports", iskp.id, f"author:{doc.id}", Stance.ASSERTS, doc.id,
                                  (0, len(HOSTILE)), HOSTILE, "test@1"))
    return TestClient(create_app(url))


def test_api_lists_actors_and_claims(client: TestClient) -> None:
    actors = client.get("/api/actors").json()["items"]
    assert {a["name"] for a in actors} == {"Pakistan", "Islamic State Khorasan Province"}
    claims = client.get("/api/claims", params={"about": "ISIS-K"}).json()["items"]
    assert [(c["subject"], c["predicate"], c["object"]) for c in claims] == [
        ("Pakistan", "supports", "Islamic State Khorasan Province")]
    assert client.get("/api/search", params={"q": "spokesman"}).json()["documents"][0]["snippet"]


def test_api_errors_have_one_json_shape(client: TestClient) -> None:
    response = client.get("/api/actors/Nobody")
    assert response.status_code == 404
    assert set(response.json()) == {"error", "code", "message", "fix"}
    bad = client.get("/api/claims", params={"as-of": "yesterday"})
    assert bad.status_code == 400 and bad.json()["error"] == "InvalidInput"


@pytest.mark.parametrize("path", ["/", "/claims", "/actors/Pakistan"])
def test_api_pages_escape_article_text(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert "<script>" not in page.text and "<b>Wire</b>" not in page.text
    if path != "/":
        assert "&lt;script&gt;" in page.text


def test_api_page_for_unknown_actor_is_404(client: TestClient) -> None:
    page = client.get("/actors/Nobody")
    assert page.status_code == 404 and "Nobody" in page.text
