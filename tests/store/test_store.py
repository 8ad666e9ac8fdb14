"""The store on real SQLite files and the machine's real PostgreSQL: round trips, idempotence, supersede."""

from __future__ import annotations

from dataclasses import replace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from veracity.model import (
    Alias,
    AliasOrigin,
    Assertion,
    Document,
    Entity,
    EntityKind,
    Judgement,
    Mention,
    NotFound,
    Outlet,
    Review,
    Sameness,
    Stance,
    Verdict,
    author_claimant,
)
from veracity.model.errors import ConfigError, InvalidInput
from veracity.store import open_store
from veracity.store.schema import metadata

TEXT = "Taliban spokesman Zabihullah Mujahid said Pakistan backs ISIS-K. Islamabad denied it."
DOC = Document(text=TEXT, name="d1", title="T", outlet="Example Times", published="2025-10", url="https://x.test/1")
ISKP = Entity(EntityKind.ACTOR, "Islamic State Khorasan Province", "armed_group", qid="Q19983818")
PAK = Entity(EntityKind.ACTOR, "Pakistan", "state")
ZM = Entity(EntityKind.ACTOR, "Zabihullah Mujahid", "person")


def claim(extractor: str = "veracity.extract@1", stance: Stance = Stance.ASSERTS, claimant: str = ZM.id) -> Assertion:
    return Assertion(subject=PAK.id, predicate="supports", object=ISKP.id, claimant=claimant, stance=stance,
                     doc_id=DOC.id, span=(0, 64), quote=TEXT[:64], extractor=extractor)


def fill(store) -> None:
    with store.writer() as w:
        w.add_document(DOC)
        for e in (ISKP, PAK, ZM):
            w.add_entity(e)
        w.add_alias(Alias(ISKP.id, "ISIS-K", "isis-k", AliasOrigin.EXTRACTED))
        w.add_mention(Mention(DOC.id, ISKP.id, 57, 63, 0, 64, "ISIS-K"))
        w.add_assertion(claim())
        w.add_outlet(Outlet("Example Times", "x.test", "B"))


def test_store_round_trips_every_record(any_store) -> None:
    fill(any_store)
    view = any_store.view()
    assert view.document("d1") == DOC
    assert view.document(DOC.id[:10]).name == "d1"
    assert view.entity(ISKP.id) == ISKP
    assert view.aliases(ISKP.id) == [Alias(ISKP.id, "ISIS-K", "isis-k", AliasOrigin.EXTRACTED)]
    assert view.mentions(entity_id=ISKP.id) == [Mention(DOC.id, ISKP.id, 57, 63, 0, 64, "ISIS-K")]
    [ev] = list(view.evidence(about=PAK.id))
    assert ev.assertion == claim() and ev.outlet == "Example Times" and ev.published == "2025-10"
    assert view.outlets()["Example Times"].reliability == "B"


def test_store_reingest_changes_nothing(any_store) -> None:
    fill(any_store)
    before = any_store.view().counts()
    with any_store.writer() as w:
        assert w.add_document(DOC) is False
        assert w.add_assertion(claim()) is False
    fill(any_store)
    assert any_store.view().counts() == before


def test_store_supersede_keeps_reviewed_assertions(any_store) -> None:
    fill(any_store)
    old = claim()
    other = replace(old, predicate="harbours")
    with any_store.writer() as w:
        w.add_assertion(other)
        w.add_review(Review(other.id, Verdict.CONFIRM, note="checked against the original"))
    with any_store.writer() as w:
        w.add_assertion(claim(extractor="veracity.extract@2"))
        assert w.supersede(DOC.id, [claim(extractor="veracity.extract@2").id]) == 2
        assert w.supersede(DOC.id, [claim(extractor="veracity.extract@2").id]) == 0
    view = any_store.view()
    current = {ev.assertion.extractor + ev.assertion.predicate for ev in view.evidence()}
    assert current == {"veracity.extract@2supports", "veracity.extract@1harbours"}
    assert view.counts()["assertions"] == 3  # nothing deleted
    assert len(list(view.evidence(include_superseded=True))) == 3
    assert [r.verdict for r in view.reviews(other.id)] == [Verdict.CONFIRM]


def test_store_as_of_counts_partial_dates_from_their_end(sqlite_store) -> None:
    fill(sqlite_store)
    view = sqlite_store.view()
    assert list(view.evidence(as_of="2025-10-15")) == []
    assert len(list(view.evidence(as_of="2025-10-31"))) == 1
    assert [d.name for d in view.documents(as_of="2025-11")] == ["d1"]
    with pytest.raises(InvalidInput):
        list(view.evidence(as_of="last week"))


def test_store_judgements_merge_and_unmerge_without_rewriting(any_store) -> None:
    fill(any_store)
    stray = Entity(EntityKind.ACTOR, "IS-K", "armed_group", resolved=False)
    with any_store.writer() as w:
        w.add_entity(stray)
        w.add_alias(Alias(stray.id, "IS-K", "is-k"))
        w.add_judgement(Judgement(stray.id, ISKP.id, Sameness.SAME, 0.9, "alias", created_at="2026-01-01T00:00:00"))
    view = any_store.view()
    assert view.find_entity("IS-K").id == ISKP.id
    assert {a.surface for a in view.aliases(ISKP.id)} == {"ISIS-K", "IS-K"}
    with any_store.writer() as w:
        w.add_judgement(Judgement(stray.id, ISKP.id, Sameness.NOT_SAME, 1.0, "split",
                                  created_at="2026-01-02T00:00:00"))
    assert any_store.view().find_entity("IS-K").id == stray.id
    assert any_store.view().counts()["judgements"] == 2


def test_store_find_entity_by_alias_and_not_found(sqlite_store) -> None:
    fill(sqlite_store)
    view = sqlite_store.view()
    assert view.find_entity("isis-k").id == ISKP.id
    assert view.find_entity("Pakistan").id == PAK.id
    with pytest.raises(NotFound):
        view.find_entity("Nobody at all")


def test_store_search_is_full_text_and_injection_safe(any_store) -> None:
    fill(any_store)
    hits = any_store.view().search("Mujahid backs")
    assert [h[0] for h in hits] == [DOC.id]
    assert any_store.view().search("'; DROP TABLE documents; --") == []
    assert any_store.view().counts()["documents"] == 1


def test_store_names_author_voice_by_outlet(sqlite_store) -> None:
    fill(sqlite_store)
    assert sqlite_store.view().name(author_claimant(DOC.id)) == "author (Example Times)"
    assert sqlite_store.view().name(ZM.id) == "Zabihullah Mujahid"


def test_store_failed_transaction_keeps_earlier_commits(sqlite_store) -> None:
    fill(sqlite_store)
    other = Document(text="Another report entirely.", name="d2")
    with pytest.raises(RuntimeError), sqlite_store.writer() as w:
        w.add_document(other)
        raise RuntimeError("extractor crashed mid-document")
    assert [d.name for d in sqlite_store.view().documents()] == ["d1"]


def test_store_migrations_match_the_declared_schema(any_store) -> None:
    with any_store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    # The full-text index is dialect-specific (FTS5 tables / a GIN index) and lives only in the migration.
    full_text = [d for d in diff if "documents_fts" in str(d[1].name)]
    assert len(full_text) == len(diff)
    assert full_text


def test_store_rows_round_trip_between_stores(sqlite_store, tmp_path) -> None:
    fill(sqlite_store)
    copy = open_store(f"sqlite:///{tmp_path / 'copy.db'}")
    for table in metadata.sorted_tables:
        with copy.writer() as w:
            w.insert_rows(table.name, sqlite_store.view().rows(table.name))
    for table in metadata.sorted_tables:
        assert list(copy.view().rows(table.name)) == list(sqlite_store.view().rows(table.name))
    assert copy.view().search("Mujahid")


def test_store_bad_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        open_store("nosuchdialect://x")


def test_store_edge_rows_count_what_networks_count(any_store) -> None:
    fill(any_store)
    weapon = replace(claim(), predicate="weapon", object="car bomb", object_literal=True)
    rejected = replace(claim(), predicate="harbours")
    stale = replace(claim(), predicate="trains")
    with any_store.writer() as w:
        for extra in (weapon, rejected, stale):
            w.add_assertion(extra)
        w.add_review(Review(rejected.id, Verdict.REJECT, note="misread"))
        w.supersede(DOC.id, [claim().id, weapon.id, rejected.id])
    rows = list(any_store.view().edge_rows([PAK.id]))
    assert [tuple(r) for r in rows] == [(claim().id, PAK.id, "supports", ISKP.id, ZM.id, "asserts", None, DOC.id)]
    assert list(any_store.view().edge_rows([ISKP.id], as_of="2025-09")) == []
