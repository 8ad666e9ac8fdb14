"""STIX for exchange (``analyse/stix_share.py``) and its storage side (``store/exchange.py``, migration 0006): TLP
2.0 markings both ways, a document and its lines read back under the same ids, an altered line refused, and the
collections a reader's scope gives, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy

import pytest
import stix2
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from veracity.analyse.stix_out import EXTENSION
from veracity.analyse.stix_share import (
    UNMARKED_TLP,
    Reading,
    document_objects,
    marking_definition,
    org_identity_id,
    tlp_of,
    tlp_ref,
)
from veracity.model import Assertion, Document, Entity, EntityKind, Mention, NotFound, Stance
from veracity.store import Scope
from veracity.store import accounts as acc
from veracity.store.engine import MIGRATIONS, migrate
from veracity.store.exchange import Shelf, package, peer_cursor, set_peer_cursor, shelf_documents, shelves
from veracity.store.marking import TLP, Actor, Marking

OFFICIAL = {"CLEAR": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            "GREEN": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            "AMBER": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
            "RED": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"}
PAK = Entity(EntityKind.ACTOR, "Pakistan", "state")
ISK = Entity(EntityKind.ACTOR, "ISIS-K", "armed_group")


def report(text: str, name: str) -> tuple[Document, Assertion]:
    doc = Document(text=text, name=name, outlet=name.title(), published="2025-03")
    line = Assertion(subject=PAK.id, predicate="supports", object=ISK.id, claimant=f"author:{doc.id}",
                     stance=Stance.ASSERTS, doc_id=doc.id, span=(7, len(text)), quote=text[7:], extractor="t@1",
                     hedge="reportedly", score=0.8)
    return doc, line


DOCS = {tlp: report(f"Kabul. Pakistan reportedly backs ISIS-K ({tlp} source).", f"doc-{tlp.lower()}")
        for tlp in ("GREEN", "AMBER", "RED")}


def fill(store) -> None:
    for org in ("A", "B"):
        acc.add_org(store, org)
    acc.add_group(store, "ab", ["A", "B"])
    for tlp, (doc, line) in DOCS.items():
        groups = ("ab",) if tlp != "GREEN" else ()
        with store.acting(Actor("ann", "A"), Marking("A", tlp, groups)).writer() as w:
            w.add_entity(PAK)
            w.add_entity(ISK)
            w.add_document(doc)
            w.add_mention(Mention(doc.id, PAK.id, 7, 15, 0, len(doc.text), "Pakistan"))
            w.add_assertion(line)


@pytest.mark.parametrize("tlp", TLP)
def test_stix_share_tlp_markings_map_both_ways(tlp: str) -> None:
    assert tlp_ref(tlp) == OFFICIAL[tlp]
    definition = marking_definition(tlp)
    assert definition["name"] == f"TLP:{tlp}" and definition["created"] == "2022-10-01T00:00:00.000Z"
    assert definition["extensions"]["extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"]["tlp_2_0"] == \
        tlp.lower()
    assert tlp_of([OFFICIAL[tlp]]) == tlp


def test_stix_share_tlp_1_markings_and_no_marking_read_back() -> None:
    assert [tlp_of([m.id]) for m in (stix2.TLP_WHITE, stix2.TLP_GREEN, stix2.TLP_AMBER, stix2.TLP_RED)] == [
        "CLEAR", "GREEN", "AMBER", "RED"]
    assert tlp_of([OFFICIAL["GREEN"], stix2.TLP_RED.id]) == "RED"  # the most restrictive wins
    assert tlp_of([]) == tlp_of(["marking-definition--00000000-0000-4000-8000-000000000000"]) == UNMARKED_TLP


def test_stix_share_document_reads_back_with_the_same_ids(any_store) -> None:
    fill(any_store)
    doc, line = DOCS["AMBER"]
    objects = document_objects(package(any_store.view(), doc.id), "AMBER", "A", "2026-01-02T03:04:05+00:00")
    for obj in objects:
        stix2.parse(obj, allow_custom=True)  # every object is valid STIX 2.1
    assert {o.get("created_by_ref") for o in objects if o["type"] in ("note", "report")} == {org_identity_id("A")}
    assert all(o.get("object_marking_refs") == [OFFICIAL["AMBER"]] for o in objects
               if o["type"] not in ("marking-definition", "extension-definition"))
    reading = Reading()
    for obj in reversed(objects):  # the report may come before its notes
        reading.add(obj)
    [got] = reading.documents()
    assert (got.tlp, got.origin_org, got.altered) == ("AMBER", "A", 0)
    assert got.package.document.id == doc.id and got.package.document.text == doc.text
    assert got.package.assertions == [line] and [a.id for a in got.package.assertions] == [line.id]
    assert [m.entity_id for m in got.package.mentions] == [PAK.id]
    assert {e.id for e in got.package.entities} == {PAK.id, ISK.id}


def test_stix_share_an_altered_line_is_refused(sqlite_store) -> None:
    fill(sqlite_store)
    doc, _ = DOCS["GREEN"]
    objects = copy.deepcopy(document_objects(package(sqlite_store.view(), doc.id), "GREEN", "A",
                                             "2026-01-02T03:04:05+00:00"))
    note = next(o for o in objects if o["type"] == "note")
    note["extensions"][EXTENSION]["stance"] = "denies"  # a relay that turned an accusation into a denial
    reading = Reading()
    for obj in objects:
        reading.add(obj)
    [got] = reading.documents()
    assert got.altered == 1 and got.package.assertions == []


def test_stix_share_collections_follow_the_readers_scope(any_store) -> None:
    fill(any_store)
    b = Scope("B", frozenset({"ab"}))
    assert [s.key for s in shelves(b)] == ["community", "group:ab", "org:B"]
    assert [s.key for s in shelves(None)] == ["store"]
    ids = {tlp: doc.id for tlp, (doc, _) in DOCS.items()}

    def held(scope: Scope | None, key: str) -> set[str]:
        return {s.doc_id for s in shelf_documents(any_store.view(scope), Shelf(key))}

    assert held(b, "community") == {ids["GREEN"]}
    assert held(b, "group:ab") == {ids["AMBER"]}  # RED names the group, and still never leaves A
    with pytest.raises(NotFound):
        held(b, "org:A")
    assert held(Scope("A", frozenset({"ab"})), "org:A") == set(ids.values())
    assert held(None, "store") == set(ids.values())


def test_stix_share_peer_cursor_only_moves_forward(any_store) -> None:
    with any_store.writer() as w:
        assert peer_cursor(w.connection, "http://peer/c/") is None
        set_peer_cursor(w.connection, "http://peer/c/", "2026-01-02T00:00:00.000000Z", {"objects": 3})
        set_peer_cursor(w.connection, "http://peer/c/", None, {"objects": 0})
        assert peer_cursor(w.connection, "http://peer/c/") == "2026-01-02T00:00:00.000000Z"


def test_stix_share_migration_0006_downgrades_and_upgrades(any_store) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with any_store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    names = set(inspect(any_store.engine).get_table_names())
    assert not {"origins", "peers"} & names and "markings" in names
    migrate(any_store.engine)
    assert {"origins", "peers"} <= set(inspect(any_store.engine).get_table_names())
