"""The pages on the demo store: every page renders and links on, hostile text is escaped, reviews need the token."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from veracity.serve.web.security import CSRF_COOKIE

ISKP = "actor:islamic-state-khorasan-province"
HOSTILE_NAME = "zz_hostile"  # the article conftest.py ingests
PAGES = ["/", "/search?q=ISKP", "/actors", "/actors?sort=-mentions&limit=5", f"/actors/{ISKP}", "/claims",
         "/claims?about=ISKP&stance=asserts&sort=-probability", "/propositions", "/propositions?sort=-contested",
         "/events", "/events?sort=-date", "/events/Kabul airport bombing", "/documents", "/network?name=ISKP&depth=2",
         "/network", "/map", "/timeline?actor=ISKP", "/docs"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_security_headers(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200, page.text[:500]
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    for src in re.findall(r'(?:src|href)="([^"]+)"', page.text):
        assert not src.startswith(("http:", "https:", "//")), f"{path} loads {src} from elsewhere"


@pytest.mark.parametrize("path", ["/", "/claims", "/actors/Nobody", "/documents/nothing"])
def test_pages_no_inline_script_anywhere(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script block"
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), "an inline event handler"
    assert not re.search(r"\sstyle\s*=", html), "an inline style attribute"


def test_pages_unknown_things_are_404_pages(client: TestClient) -> None:
    page = client.get("/actors/Nobody At All")
    assert page.status_code == 404 and "Nobody At All" in page.text and "<!doctype html>" in page.text


def test_pages_lists_link_each_other(client: TestClient) -> None:
    actor = client.get(f"/actors/{ISKP}").text
    assert '/propositions/' in actor and '/documents/' in actor and '/events/' in actor
    prop = re.search(r'href="(/propositions/[0-9a-f]{16})"', actor)
    assert prop and "/documents/" in client.get(prop.group(1)).text


def test_pages_claims_are_paged(client: TestClient) -> None:
    first = client.get("/claims", params={"limit": 5}).text
    assert 'rel="next"' in first and first.count('class="claim"') == 5
    nxt = re.search(r'rel="next" href="([^"]+)"', first)
    assert nxt and "offset=5" in nxt.group(1).replace("&amp;", "&")


def _hostile_doc(client: TestClient) -> dict:
    return client.get(f"/api/documents/{HOSTILE_NAME}").json()


def test_pages_hostile_article_is_escaped(client: TestClient) -> None:
    doc = _hostile_doc(client)
    html = client.get(f"/documents/{doc['id']}").text
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    search = client.get("/search", params={"q": "pwned"}).text
    assert "<script>window" not in search and "&lt;script&gt;" in search


def _reader_form(client: TestClient, doc_id: str) -> tuple[str, str]:
    html = client.get(f"/documents/{doc_id}").text
    token = re.search(r'name="csrf" value="([^"]+)"', html)
    claim = re.search(r'name="assertion_id" value="([0-9a-f]+)"', html)
    assert token and claim
    return token.group(1), claim.group(1)


def test_pages_review_form_needs_its_token(writer_client: TestClient) -> None:
    doc = _hostile_doc(writer_client)
    token, claim = _reader_form(writer_client, doc["id"])
    assert writer_client.cookies.get(CSRF_COOKIE) == token
    form = {"assertion_id": claim, "verdict": "confirm", "doc": doc["id"]}
    refused = writer_client.post("/reviews", data={**form, "csrf": "forged"}, follow_redirects=False)
    assert refused.status_code == 403 and refused.json()["error"] == "Forbidden"
    done = writer_client.post("/reviews", data={**form, "csrf": token}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].endswith(f"#a-{claim}")
    reader = writer_client.get(done.headers["location"]).text
    assert "analyst: confirm" in reader


def test_pages_cross_site_writes_are_refused(writer_client: TestClient) -> None:
    body = {"assertion_id": "ffffffffffff", "verdict": "confirm"}
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Sec-Fetch-Site": "same-site", "Origin": "http://testserver"}):
        response = writer_client.post("/api/reviews", json=body, headers=headers)
        assert response.status_code == 403 and set(response.json()) == {"error", "code", "message", "fix"}
    for headers in ({"Origin": "http://testserver"}, {"Sec-Fetch-Site": "same-origin", "Origin": "null"}, {}):
        same = writer_client.post("/api/reviews", json=body, headers=headers)
        assert same.status_code == 404, headers


@pytest.mark.parametrize("path", ["/vendor/cytoscape.min.js", "/vendor/leaflet.js", "/vendor/countries-50m.json",
                                  "/static/app.js", "/static/app.css", "/docs-assets/swagger-ui-bundle.js"])
def test_pages_assets_are_served_by_the_app(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and len(response.content) > 100


@pytest.mark.parametrize("path", ["/vendor/../package.json", "/vendor/leaflet", "/static/..%2Fpages.py",
                                  "/docs-assets/core.py"])
def test_pages_asset_routes_serve_only_listed_files(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404
