"""The team server over HTTP (``serve/web/auth.py``, ``routes_team.py``): sign-in, roles, markings, audit, and the
proof that a RED report of organisation A changes nothing a user of organisation B can observe through any GET
route (``store/visible.py`` does the hiding, in storage)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from veracity.cli import app as cli
from veracity.serve.web import create_app
from veracity.serve.web.uploads import EXPORTS

RED = ("Kabul, 5 March 2025. Pakistan trains ISIS-K fighters in Quetta, Abu Omar Khalid, a commander of the "
       "Quetta shura, said on Tuesday. The Haqqani network denied it. Abu Omar Khalid also said the Taliban "
       "fund the Tehrik-i-Taliban Pakistan.\n")
CSRF = re.compile(r'(name="csrf" value=")[^"]+(")')
runner = CliRunner()


def cli_ok(db: Path, *args: str) -> str:
    done = runner.invoke(cli, ["--db", str(db), *args])
    assert done.exit_code == 0, done.output
    return done.output


def team(db: Path) -> dict[str, str]:
    """Organisations A, B (in group ab) and C; one user per role; returns each user's token."""
    for org in ("A", "B", "C"):
        cli_ok(db, "org", "add", org)
    cli_ok(db, "group", "add", "ab", "--org", "A", "--org", "B")
    tokens = {}
    for user, org, role in (("ann", "A", "analyst"), ("bob", "B", "viewer"), ("bea", "B", "analyst"),
                            ("adm", "B", "admin"), ("cat", "C", "viewer")):
        out = cli_ok(db, "user", "add", user, "--org", org, "--role", role, "--password", f"pw-{user}")
        tokens[user] = out.strip().splitlines()[-1]
    return tokens


def copy(demo_db: Path, dest: Path) -> Path:
    dest.mkdir()
    for suffix in ("", "-wal", "-shm"):
        source = demo_db.with_name(demo_db.name + suffix)
        if source.exists():
            shutil.copy(source, dest / f"demo.db{suffix}")
    return dest / "demo.db"


@pytest.fixture(scope="module")
def twins(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two copies of the demo store with the same team; the second also holds A's RED report."""
    root = tmp_path_factory.mktemp("team")
    plain, red = copy(demo_db, root / "plain"), copy(demo_db, root / "red")
    tokens = {"plain": team(plain), "red": team(red)}
    article = root / "a_red_report.txt"
    article.write_text(RED, encoding="utf-8")
    cli_ok(red, "ingest", str(article), "--tlp", "RED", "--org", "A")
    return {"plain": plain, "red": red, "tokens": tokens}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def samples(c: TestClient, auth: dict[str, str]) -> dict[str, list[str]]:
    """Concrete URLs for every GET route of the app (path parameters filled from the listings)."""
    first = {name: c.get(f"/api/{name}", headers=auth).json()["items"][0]["id"]
             for name in ("propositions", "events", "documents")}
    collections = "/taxii2/api/collections/"
    community = c.get(f"{collections}community/objects/?match[type]=note&limit=1", headers=auth).json()
    note = community["objects"][0]["id"]
    return {
        "/api/actors": ["/api/actors?all=true", "/api/actors?q=Taliban"],
        "/api/actors/{key}": ["/api/actors/Pakistan", "/api/actors/ISIS-K"],
        "/api/claims": ["/api/claims?limit=500", "/api/claims?about=Pakistan"],
        "/api/propositions": ["/api/propositions?limit=500"],
        "/api/propositions/{ident}": [f"/api/propositions/{first['propositions']}"],
        "/api/events": ["/api/events?limit=500"],
        "/api/events/{key}": [f"/api/events/{first['events']}"],
        "/api/network": ["/api/network?name=Pakistan&depth=2"],
        "/api/path": ["/api/path?a=Pakistan&b=ISIS-K"],
        "/api/timeline": ["/api/timeline"],
        "/api/places": ["/api/places"],
        "/api/documents": ["/api/documents?limit=500"],
        "/api/documents/{key}": [f"/api/documents/{first['documents']}"],
        "/api/search": ["/api/search?q=Pakistan+Quetta+Khalid&limit=100"],
        "/api/export/{fmt}": [f"/api/export/{fmt}" for fmt in sorted(EXPORTS)],
        "/api/me": ["/api/me"],
        "/api/audit": ["/api/audit"],
        "/": ["/"], "/search": ["/search?q=Quetta"], "/actors": ["/actors"], "/actors/{key:path}": ["/actors/ISIS-K"],
        "/claims": ["/claims"], "/propositions": ["/propositions"],
        "/propositions/{ident}": [f"/propositions/{first['propositions']}"], "/events": ["/events"],
        "/events/{key:path}": [f"/events/{first['events']}"], "/documents": ["/documents"],
        "/documents/{key}": [f"/documents/{first['documents']}"], "/network": ["/network?name=Pakistan"],
        "/map": ["/map"], "/timeline": ["/timeline"],
        "/taxii2/": ["/taxii2/"], "/taxii2/api/": ["/taxii2/api/"], "/taxii2/api/collections/": [collections],
        "/taxii2/api/collections/{cid}/": [f"{collections}{key}/" for key in TAXII_COLLECTIONS],
        "/taxii2/api/collections/{cid}/objects/": [f"{collections}{key}/objects/?limit=1000"
                                                   for key in TAXII_COLLECTIONS],
        "/taxii2/api/collections/{cid}/objects/{object_id}/": [f"{collections}community/objects/{note}/"],
    }


TAXII_COLLECTIONS = ("community", "group:ab", "org:B")
UNCOMPARED = {"/login", "/docs", "/openapi.json", "/vendor/{name}", "/static/{name}", "/docs-assets/{name}"}
"""GET routes whose answer holds no store data (the form, the explorer, fixed assets)."""


def get_routes(app: Any) -> set[str]:
    """Every GET path the app serves (routers included into it are walked)."""
    found: set[str] = set()

    def walk(routes: list[Any], prefix: str) -> None:
        for r in routes:
            if isinstance(r, APIRoute) and "GET" in r.methods:
                found.add(prefix + r.path)
            elif hasattr(r, "original_router"):
                walk(r.original_router.routes, prefix + r.include_context.prefix)

    walk(app.routes, "")
    return found - UNCOMPARED


def observed(c: TestClient, url: str, auth: dict[str, str]) -> tuple[int, str]:
    got = c.get(url, headers=auth)
    body = got.content.decode("utf-8", "replace")
    body = re.sub(r'"(created|modified)": ?"[^"]+"', r'"\1": ""', body)  # STIX export times
    body = re.sub(r'"published": "\d{4}-\d\d-\d\dT[^"]+"', '"published": ""', body)  # undated: export time
    body = re.sub(r"bundle--[0-9a-f-]{36}", "bundle--", body)  # a STIX bundle's random id
    return got.status_code, CSRF.sub(r"\1\2", body)


def test_team_red_report_of_a_changes_nothing_b_can_observe(twins: dict[str, Any]) -> None:
    with TestClient(create_app(f"sqlite:///{twins['plain']}")) as plain, \
            TestClient(create_app(f"sqlite:///{twins['red']}")) as red:
        tb, tr = bearer(twins["tokens"]["plain"]["bob"]), bearer(twins["tokens"]["red"]["bob"])
        urls = samples(plain, tb)
        assert set(urls) == get_routes(plain.app), "a GET route is missing from the comparison"
        compared = 0
        for url in (u for group in urls.values() for u in group):
            if url == "/api/me":
                continue
            want, got = observed(plain, url, tb), observed(red, url, tr)
            assert want == got, f"{url}: {_first_difference(want[1], got[1])}"
            compared += 1
        assert compared > 30
        # ...while A sees its own report: the comparison is not blind.
        ta = bearer(twins["tokens"]["red"]["ann"])
        assert "Abu Omar Khalid" in red.get("/api/actors?all=true&limit=500", headers=ta).text
        assert observed(red, "/api/claims?limit=500", ta) != observed(red, "/api/claims?limit=500", tr)
        assert red.get("/api/search?q=Khalid", headers=ta).json()["documents"]


def test_team_requests_without_credentials_are_refused(twins: dict[str, Any]) -> None:
    with TestClient(create_app(f"sqlite:///{twins['plain']}")) as c:
        assert c.get("/api/actors").status_code == 401
        assert c.get("/api/actors", headers=bearer("vt_nope_nope")).status_code == 401
        page = c.get("/actors", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
        assert c.get("/login").status_code == 200
        assert c.get("/static/app.css").status_code in (200, 404)


def test_team_login_form_opens_an_expiring_session(twins: dict[str, Any]) -> None:
    with TestClient(create_app(f"sqlite:///{twins['plain']}")) as c:
        form = c.get("/login?next=/actors")
        token = CSRF.search(form.text)
        assert token
        csrf = c.cookies.get("veracity_csrf")
        assert c.post("/login", data={"user": "bob", "password": "pw-bob", "next": "/actors"}).status_code == 403
        bad = c.post("/login", data={"user": "bob", "password": "wrong", "csrf": csrf, "next": "/actors"})
        assert bad.status_code == 401 and "Wrong user name" in bad.text
        ok = c.post("/login", data={"user": "bob", "password": "pw-bob", "csrf": csrf, "next": "//evil.test/"},
                    follow_redirects=False)
        assert ok.status_code == 303 and ok.headers["location"] == "/"
        assert "max-age=28800" in ok.headers["set-cookie"].lower() and "httponly" in ok.headers["set-cookie"].lower()
        assert c.get("/api/me").json() == {"user": "bob", "org": "B", "role": "viewer", "groups": ["ab"]}
        assert c.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
        assert c.get("/api/me").status_code == 401


def test_team_revoked_token_is_refused_at_once(twins: dict[str, Any]) -> None:
    db = twins["plain"]
    token = cli_ok(db, "token", "add", "cat").strip().splitlines()[-1]
    with TestClient(create_app(f"sqlite:///{db}")) as c:
        assert c.get("/api/me", headers=bearer(token)).json()["user"] == "cat"
        cli_ok(db, "token", "revoke", token)
        assert c.get("/api/me", headers=bearer(token)).status_code == 401


@pytest.fixture()
def team_client(demo_db: Path, tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str], Path]]:
    db = copy(demo_db, tmp_path / "own")
    tokens = team(db)
    with TestClient(create_app(f"sqlite:///{db}")) as c:
        yield c, tokens, db


def test_team_amber_upload_is_shared_with_the_group_only_and_audited(team_client) -> None:
    c, tokens, db = team_client
    files = {"files": ("amber.txt", RED.replace("RED", "AMBER").encode(), "text/plain")}
    made = c.post("/api/ingest?tlp=AMBER&share=ab", files=files, headers=bearer(tokens["ann"]))
    assert made.status_code == 200, made.text
    seen = {u: "Abu Omar Khalid" in c.get("/api/actors?all=true&limit=500", headers=bearer(tokens[u])).text
            for u in ("ann", "bob", "cat")}
    assert seen == {"ann": True, "bob": True, "cat": False}
    doc = next(d for d in c.get("/api/documents?limit=500", headers=bearer(tokens["ann"])).json()["items"]
               if d["name"].startswith("amber"))
    assert c.get(f"/api/documents/{doc['id']}", headers=bearer(tokens["cat"])).status_code == 404
    # only the owner organisation may re-mark it; B gets the same 404 as for a document it cannot see
    body = {"kind": "document", "id": doc["id"], "tlp": "RED"}
    assert c.post("/api/markings", json=body, headers=bearer(tokens["bea"])).status_code == 404
    assert c.post("/api/markings", json=body, headers=bearer(tokens["ann"])).json()["tlp"] == "RED"
    assert c.get(f"/api/documents/{doc['id']}", headers=bearer(tokens["bob"])).status_code == 404
    log = c.get("/api/audit?limit=1000", headers=bearer(tokens["adm"])).json()
    actions = {(e["user"], e["action"]) for e in log}
    assert {("ann", "ingest"), ("ann", "mark"), ("cat", "token"), ("cli", "user.add")} <= actions
    assert cli_ok(db, "audit", "--action", "mark").count("mark") >= 1


def test_team_reviews_need_an_analyst_and_a_visible_line(team_client) -> None:
    c, tokens, db = team_client
    cli_ok(db, "ingest", str(_article(db)), "--tlp", "RED", "--org", "A")
    own = [x for x in c.get("/api/claims?limit=500", headers=bearer(tokens["ann"])).json()["items"]
           if x["doc"] == "red"]
    assert own
    review = {"assertion_id": own[0]["id"], "verdict": "confirm", "note": ""}
    assert c.post("/api/reviews", json=review, headers=bearer(tokens["bob"])).status_code == 403
    assert c.post("/api/reviews", json=review, headers=bearer(tokens["bea"])).status_code == 404
    assert c.post("/api/reviews", json=review, headers=bearer(tokens["ann"])).status_code == 201
    assert c.get("/api/audit", headers=bearer(tokens["bea"])).status_code == 403


def _article(db: Path) -> Path:
    path = db.with_name("red.txt")
    path.write_text(RED, encoding="utf-8")
    return path


def _first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at {at}: {a[max(0, at - 150):at + 150]!r} vs {b[max(0, at - 150):at + 150]!r}"


def test_team_reviewer_and_analyst_are_the_signed_in_user_never_the_body(team_client) -> None:
    c, tokens, db = team_client
    auth = bearer(tokens["bea"])
    claim = c.get("/api/claims?about=Pakistan&limit=1", headers=auth).json()["items"][0]
    before = len(c.get("/api/audit?action=review&limit=1000", headers=bearer(tokens["adm"])).json())
    forged = {"assertion_id": claim["id"], "verdict": "reject", "note": "forged", "reviewer": "ann"}
    refused = c.post("/api/reviews", json=forged, headers=auth)
    assert refused.status_code == 403 and "bea" in refused.json()["message"]
    made = c.post("/api/reviews", json={**forged, "reviewer": None, "note": "mine"}, headers=auth)
    assert made.status_code == 201 and made.json()["reviewer"] == "bea"
    stored = {(r["note"], r["reviewer"]) for r in _reviews(db)}
    assert ("mine", "bea") in stored and not any(note == "forged" for note, _ in stored)
    log = c.get("/api/audit?action=review&limit=1000", headers=bearer(tokens["adm"])).json()
    assert len(log) == before + 1 and log[0]["user"] == "bea" and log[0]["org"] == "B"

    judged = {"proposition": claim["proposition"], "verdict": "disagree", "analyst": "ann"}
    assert c.post("/api/judgements", json=judged, headers=auth).status_code == 403
    assert c.post("/api/judgements", json={**judged, "analyst": None, "organisation": "A"},
                  headers=auth).status_code == 403
    own = c.post("/api/judgements", json={**judged, "analyst": "bea"}, headers=auth)
    assert own.status_code == 201 and own.json()["analyst"] == "bea"
    line = next(x for x in c.get(f"/api/claims?about={claim['subject']}&limit=500", headers=auth).json()[
        "items"] if x["id"] == own.json()["assertion_id"])
    assert line["claimant_id"] == "analyst:bea" and line["outlet"] == "B" and line["analyst"]
    log = c.get("/api/audit?limit=50", headers=bearer(tokens["adm"])).json()
    assert {(e["user"], e["action"]) for e in log} >= {("bea", "ingest")}
    assert not [e for e in log if e["user"] == "ann" and e["action"] in ("review", "ingest")]


def _reviews(db: Path) -> list[dict[str, Any]]:
    from veracity.store import open_store
    from veracity.store import schema as S

    store = open_store(f"sqlite:///{db}")
    try:
        with store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(S.reviews.select())]
    finally:
        store.close()
