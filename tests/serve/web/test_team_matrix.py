"""The authorisation matrix of a team server on the machine's PostgreSQL: every GET route of the app (generated
from its routes) and the writes, for every role, anonymous, and another organisation, over a CLEAR and a RED
document; every cell asserted (allowed, 401, 403, or a 404 that reads like a missing row's)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import PG_ADMIN, _pg_admin
from tests.serve.web.test_team import UNCOMPARED, get_routes

from veracity.analyse.stix_out import stix_id
from veracity.model import Assertion, Document, Entity, EntityKind, Mention, Stance
from veracity.serve.web import create_app
from veracity.store import accounts as acc
from veracity.store import open_store
from veracity.store.marking import Actor, Marking

PAK = Entity(EntityKind.ACTOR, "Pakistan", "state")
ISK = Entity(EntityKind.ACTOR, "ISIS-K", "armed_group")
DOCS = {tlp: Document(text=f"Kabul. Pakistan backs ISIS-K, a {tlp} source said.", name=f"doc-{tlp.lower()}",
                      published="2025-01") for tlp in ("CLEAR", "RED")}
USERS = {"a-admin": ("A", "admin"), "a-analyst": ("A", "analyst"), "a-viewer": ("A", "viewer"),
         "b-admin": ("B", "admin"), "b-analyst": ("B", "analyst"), "b-viewer": ("B", "viewer")}


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[TestClient, dict[str, str]]]:
    import uuid

    from sqlalchemy import text

    admin = _pg_admin()
    name = f"veracity_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    store = open_store(url)
    for org in ("A", "B"):
        acc.add_org(store, org)
    tokens = {user: acc.add_user(store, user, org, role) for user, (org, role) in USERS.items()}
    for tlp, doc in DOCS.items():
        with store.acting(Actor("a-analyst", "A"), Marking("A", tlp)).writer() as w:
            w.add_document(doc)
            w.add_entity(PAK)
            w.add_entity(ISK)
            w.add_mention(Mention(doc.id, PAK.id, 7, 15, 0, 30, "Pakistan"))
            w.add_assertion(line(doc))
    store.close()
    try:
        with TestClient(create_app(url)) as c:
            yield c, tokens
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def line(doc: Document) -> Assertion:
    return Assertion(subject=PAK.id, predicate="supports", object=ISK.id,
                     claimant=f"author:{doc.id}", stance=Stance.ASSERTS, doc_id=doc.id, span=(7, 29),
                     quote=doc.text[7:29], extractor="t@1")


def urls(tlp: str) -> dict[str, str]:
    doc = DOCS[tlp]
    out = {}
    for path in sorted(get_routes(create_app_routes())):
        key = doc.id if "documents" in path else PAK.id if "actors" in path else "nosuchevent"
        url = path.replace("{key}", key).replace("{key:path}", key).replace("{ident}", "nosuchproposition")
        url = url.replace("{fmt}", "jsonl").replace("{cid}", "community" if tlp == "CLEAR" else "org:A")
        url = url.replace("{object_id}", stix_id("note", line(doc).id))
        out[path] = url + ("?q=Pakistan" if path.endswith("search") else "?name=Pakistan" if path.endswith(
            "network") else "?a=Pakistan&b=ISIS-K" if path.endswith("path") else "")
    return out


_APP: list[Any] = []


def create_app_routes() -> Any:
    if not _APP:
        _APP.append(create_app("sqlite:///:memory:"))
    return _APP[0]


def expected(path: str, user: str | None, tlp: str) -> set[int]:
    """The cell: who may do what to which marking (the rules of docs/TEAM.md, restated)."""
    if user is None:
        return {303} if not path.startswith(("/api", "/taxii2")) else {401}
    org, role = USERS[user]
    if path == "/api/audit":
        return {200} if role == "admin" else {403}
    if path.endswith("/propositions/{ident}"):
        return {404}
    if path in ("/api/documents/{key}", "/documents/{key}") and tlp == "RED" and org != "A":
        return {404}
    if path.startswith("/taxii2/api/collections/{cid}") and tlp == "RED" and org != "A":
        return {404}
    if path in ("/api/events/{key}", "/events/{key:path}"):
        return {404}
    return {200}


@pytest.mark.postgres
@pytest.mark.parametrize("tlp", ["CLEAR", "RED"])
@pytest.mark.parametrize("user", [None, *USERS])
def test_team_matrix_get_routes(server, user: str | None, tlp: str) -> None:
    c, tokens = server
    headers = {"Authorization": f"Bearer {tokens[user]}"} if user else {}
    assert set(urls(tlp)) == get_routes(c.app) and "/login" in UNCOMPARED
    for path, url in urls(tlp).items():
        got = c.get(url, headers=headers, follow_redirects=False)
        assert got.status_code in expected(path, user, tlp), (path, user, tlp, got.status_code, got.text[:200])
        if got.status_code == 404 and path.startswith("/api/documents"):
            missing = c.get("/api/documents/" + "f" * 64, headers=headers).json()
            assert got.json() == {**missing, "message": missing["message"].replace("f" * 64, DOCS[tlp].id)}


@pytest.mark.postgres
@pytest.mark.parametrize("tlp", ["CLEAR", "RED"])
@pytest.mark.parametrize("user", [None, *USERS])
def test_team_matrix_writes(server, user: str | None, tlp: str) -> None:
    c, tokens = server
    headers = {"Authorization": f"Bearer {tokens[user]}"} if user else {}
    org, role = USERS[user] if user else (None, None)
    review = {"assertion_id": line(DOCS[tlp]).id, "verdict": "confirm", "note": "", "reviewer": str(user)}
    mark = {"kind": "document", "id": DOCS[tlp].id, "tlp": tlp}
    got_review = c.post("/api/reviews", json=review, headers=headers).status_code
    got_mark = c.post("/api/markings", json=mark, headers=headers).status_code
    if user is None:
        want = (401, 401)
    elif role == "viewer":
        want = (403, 403)
    elif org == "A":
        want = (201, 200)
    else:
        want = (404 if tlp == "RED" else 201, 404)
    assert (got_review, got_mark) == want
