"""TAXII 2.1 between real veracity servers on loopback ports (``routes_taxii.py``, ``analyse/taxii.py``): A
publishes AMBER to a group B belongs to and RED to itself; B pulls with ``veracity pull`` (taxii2-client), sees
exactly the AMBER lines, grades with them, pulls again and gets nothing new; C relays A's report to B, and the
relayed copy is the same line, not independent corroboration, while C's own report is a second line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from veracity.analyse.stix_share import org_identity_id, tlp_ref
from veracity.assess.judge import judge
from veracity.assess.propositions import proposition_id
from veracity.assess.service import assess_view
from veracity.cli import app as cli
from veracity.model import Assertion, Document, Entity, EntityKind, Mention, Stance
from veracity.serve.background import Background
from veracity.serve.web import create_app
from veracity.serve.web.routes_taxii import MEDIA_TYPE
from veracity.store import Store, open_store
from veracity.store import accounts as acc
from veracity.store import schema as S
from veracity.store.marking import Actor, Marking, marking_of
from veracity.store.review import record_review

PAK = Entity(EntityKind.ACTOR, "Pakistan", "state")
ISK = Entity(EntityKind.ACTOR, "ISIS-K", "armed_group")
TRIPLE = (PAK.id, "supports", ISK.id)
runner = CliRunner()


def report(text: str, outlet: str) -> tuple[Document, Assertion]:
    doc = Document(text=text, name=outlet.lower(), outlet=outlet, published="2025-03-05")
    start = text.index("Pakistan")
    line = Assertion(subject=PAK.id, predicate="supports", object=ISK.id, claimant=f"author:{doc.id}",
                     stance=Stance.ASSERTS, doc_id=doc.id, span=(start, len(text)), quote=text[start:],
                     extractor="test.taxii@1")
    return doc, line


AMBER = report("Kabul, 5 March. Pakistan trains ISIS-K fighters in Quetta, officials told Dawn.", "Dawn")
RED = report("Quetta, 6 March. Pakistan pays ISIS-K commanders, a source told Khaama Press.", "Khaama")
OWN_C = report("Herat, 7 March. Pakistan arms ISIS-K units near Torkham, Tolo News learned.", "Tolo")


def publish(store: Store, org: str, marking: Marking, doc: Document, line: Assertion) -> None:
    with store.acting(Actor(f"analyst-{org}", org), marking).writer() as w:
        w.add_entity(PAK)
        w.add_entity(ISK)
        w.add_document(doc)
        w.add_mention(Mention(doc.id, PAK.id, line.span[0], line.span[0] + 8, line.span[0], line.span[1], "Pakistan"))
        w.add_assertion(line)


def server(url: str, orgs: list[str], groups: dict[str, list[str]], users: dict[str, tuple[str, str]]) -> Any:
    store = open_store(url)
    for org in orgs:
        acc.add_org(store, org)
    for group, members in groups.items():
        acc.add_group(store, group, members)
    tokens = {user: acc.add_user(store, user, org, role) for user, (org, role) in users.items()}
    return store, tokens


def pull(db: str, url: str, collection: str, token: str, *extra: str) -> str:
    done = runner.invoke(cli, ["--db", db, "pull", f"{url}/taxii2/", "--collection", collection, "--token", token,
                               *extra])
    assert done.exit_code == 0, done.output
    return done.output


def lines(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(S.assertions.c.id)).scalars())


def supporting_lines(store: Store, org: str) -> int:
    """How many independent lines support Pakistan -> supports -> ISIS-K for a user of ``org``."""
    from veracity.store.marking import Scope

    grades = [g for g in assess_view(store.view(Scope(org))) if g.proposition.triple == TRIPLE]
    assert len(grades) == 1
    return int(grades[0].factors["support"][1])


@pytest.mark.postgres
def test_taxii_b_pulls_exactly_the_amber_lines_and_a_relay_is_not_independent(
        store_urls: Callable[[], str]) -> None:
    url_a, url_b, url_c = store_urls(), store_urls(), store_urls()
    a, ta = server(url_a, ["A", "B", "C"], {"ab": ["A", "B"], "ac": ["A", "C"]},
                   {"ann": ("A", "analyst"), "bea": ("B", "viewer"), "cat": ("C", "viewer")})
    publish(a, "A", Marking("A", "AMBER", ("ab", "ac")), *AMBER)
    publish(a, "A", Marking("A", "RED", ("ab",)), *RED)
    ann = Actor("ann", "A")
    record_review(a.acting(ann, Marking("A", "AMBER", ("ab",))), AMBER[1].id, "confirm", "checked the quote", "ann")
    record_review(a.acting(ann, Marking("A", "RED")), AMBER[1].id, "reject", "our source recanted", "ann")
    prop, judged = judge(a.acting(ann, Marking("A", "AMBER", ("ab",))), proposition_id(*TRIPLE), "agree",
                         "matches our reporting", "ann", "A")
    b, _ = server(url_b, ["B"], {}, {"bob": ("B", "analyst")})
    c, tc = server(url_c, ["B", "C"], {"bc": ["B", "C"]}, {"cal": ("C", "analyst"), "bed": ("B", "viewer")})
    publish(c, "C", Marking("C", "AMBER", ("bc",)), *OWN_C)

    with Background(create_app(url_a)) as peer_a:
        listing = httpx.get(f"{peer_a}/taxii2/api/collections/", headers={"Authorization": f"Bearer {ta['bea']}"})
        assert listing.headers["content-type"] == MEDIA_TYPE
        offered = {col["alias"]: col["id"] for col in listing.json()["collections"]}
        assert set(offered) == {"community", "group-ab", "org-B"}  # B reads neither ac nor A's own collection
        assert httpx.get(f"{peer_a}/taxii2/api/collections/", timeout=10).status_code == 401

        out = pull(url_b, peer_a, offered["group-ab"], ta["bea"], "--org", "B")
        assert "2 new documents, 2 new assertions" in out and "1 new reviews" in out
        # the AMBER line and A's judgement under their original ids; the RED report never left A
        assert lines(b) == {AMBER[1].id, judged.id}
        with b.engine.connect() as conn:
            assert marking_of(conn, "document", AMBER[0].id) == Marking("B", "AMBER")
            origin = conn.execute(select(S.origins).where(S.origins.c.doc_id == AMBER[0].id)).one()
            pulled = [dict(r._mapping) for r in conn.execute(select(S.reviews))]
            assert [marking_of(conn, "review", r["id"]) for r in pulled] == [Marking("B", "AMBER")]
        assert (origin.doc_id, origin.origin_org, origin.tlp) == (AMBER[0].id, "A", "AMBER")
        assert [(r["reviewer"], r["verdict"], r["note"]) for r in pulled] == [("ann", "confirm", "checked the quote")]
        assert supporting_lines(b, "B") == 2  # A's report and A's analyst agreeing

        again = pull(url_b, peer_a, offered["group-ab"], ta["bea"], "--org", "B")
        assert "0 new documents, 0 new assertions" in again and "0 new reviews" in again
        assert lines(b) == {AMBER[1].id, judged.id}
        pull(url_c, peer_a, "group-ac", ta["cat"], "--org", "C", "--share", "bc")

    with Background(create_app(url_c)) as peer_c:
        auth = {"Authorization": f"Bearer {tc['bed']}", "Accept": MEDIA_TYPE}
        cid = next(col["id"] for col in httpx.get(f"{peer_c}/taxii2/api/collections/", headers=auth).json()[
            "collections"] if col["alias"] == "group-bc")
        got = httpx.get(f"{peer_c}/taxii2/api/collections/{cid}/objects/", params={"match[type]": "report"},
                        headers=auth).json()["objects"]
        authors = {r["extensions"][next(iter(r["extensions"]))]["doc_id"]: r["created_by_ref"] for r in got}
        assert authors == {AMBER[0].id: org_identity_id("A"), OWN_C[0].id: org_identity_id("C")}
        assert {tuple(r["object_marking_refs"]) for r in got} == {(tlp_ref("AMBER"),)}

        out = pull(url_b, peer_c, "group-bc", tc["bed"], "--org", "B")
        assert "1 new documents, 1 new assertions, 1 documents already here" in out

    assert lines(b) == {AMBER[1].id, OWN_C[1].id, judged.id}
    b_token = acc.add_user(b, "bix", "B", "viewer")
    with Background(create_app(url_b)) as peer_b:  # what B's analysts read, through B's own route
        got = httpx.get(f"{peer_b}/api/propositions/{prop.id}", headers={"Authorization": f"Bearer {b_token}"},
                        timeout=60)
        assert got.status_code == 200, got.text
        grade = got.json()
    reporting = [ln for ln in grade["evidence_lines"] if ln["kind"] == "reporting"]
    # A's report (pulled direct and relayed by C) is one line with one report; C's own is the second line
    assert sorted([m["id"] for m in ln["members"]] for ln in reporting) == sorted([[AMBER[1].id], [OWN_C[1].id]])
    assert [ln["members"][0]["id"] for ln in grade["evidence_lines"] if ln["kind"] == "analyst"] == [judged.id]
    assert grade["reviewed"][AMBER[1].id] == ["confirm"]  # A's AMBER review counts; the RED reject never came
    assert grade["lines"] == 3 and grade["rejected_by_analyst"] == []
    with b.engine.connect() as conn:
        assert dict(conn.execute(select(S.origins.c.doc_id, S.origins.c.origin_org)).all()) == {
            AMBER[0].id: "A", OWN_C[0].id: "C", judged.doc_id: "A"}
    for store in (a, b, c):
        store.close()


def test_taxii_paging_added_after_and_object_by_id(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    store, tokens = server(url, ["A"], {}, {"ann": ("A", "viewer")})
    for doc, line in (AMBER, RED, OWN_C):
        publish(store, "A", Marking("A", "GREEN"), doc, line)
    with Background(create_app(url)) as peer:
        auth = {"Authorization": f"Bearer {tokens['ann']}", "Accept": MEDIA_TYPE}
        base = f"{peer}/taxii2/api/collections/community/objects/"
        whole = httpx.get(base, headers=auth).json()
        assert whole["more"] is False and whole["objects"]
        ids = [o["id"] for o in whole["objects"]]
        paged, params = [], {"limit": "4"}
        while True:
            page = httpx.get(base, params=params, headers=auth)
            body = page.json()
            assert len(body.get("objects", [])) <= 4
            assert page.headers["X-TAXII-Date-Added-First"] <= page.headers["X-TAXII-Date-Added-Last"]
            paged += [o["id"] for o in body["objects"]]
            if not body["more"]:
                break
            params = {"limit": "4", "next": body["next"]}
        assert sorted(set(paged)) == sorted(ids)
        last = httpx.get(base, headers=auth).headers["X-TAXII-Date-Added-Last"]
        assert httpx.get(base, params={"added_after": last}, headers=auth).json() == {"more": False}
        note = next(o for o in whole["objects"] if o["type"] == "note")
        one = httpx.get(f"{base}{note['id']}/", headers=auth).json()
        assert [o["id"] for o in one["objects"]] == [note["id"]]
        assert httpx.get(f"{base}note--00000000-0000-4000-8000-000000000000/", headers=auth).status_code == 404
        assert httpx.get(base, headers={**auth, "Accept": "text/html"}).status_code == 406
    store.close()
