"""Accounts, markings and visibility in storage (``store/accounts.py``, ``marking.py``, ``visible.py``) and
migration 0005, on SQLite and on the machine's PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from veracity.model import Alias, AliasOrigin, Assertion, Document, Entity, EntityKind, Mention, Review, Stance, Verdict
from veracity.model.errors import InvalidInput, NotFound
from veracity.store import Scope, audit
from veracity.store import accounts as acc
from veracity.store.engine import MIGRATIONS, migrate
from veracity.store.marking import Actor, Marking, clean_tlp, marking_of

TEAM_TABLES = {"organisations", "users", "tokens", "sessions", "sharing_groups", "group_members", "markings",
               "marking_groups", "audit"}
SHARED = Document(text="Kabul. Pakistan backs ISIS-K, Mujahid said.", name="shared", published="2025-01")
SECRET = Document(text="Kabul. Abu Omar Khalid leads the Quetta cell, a source said.", name="secret",
                  published="2025-02")
PAK = Entity(EntityKind.ACTOR, "Pakistan", "state")
KHALID = Entity(EntityKind.ACTOR, "Abu Omar Khalid", "person")


def teams(store) -> None:
    for org in ("A", "B", "C"):
        acc.add_org(store, org)
    acc.add_group(store, "ab", ["A", "B"])


def line(doc: Document, subject: str, quote: str) -> Assertion:
    return Assertion(subject=subject, predicate="leads", object="Quetta cell", object_literal=True,
                     claimant=f"author:{doc.id}", stance=Stance.ASSERTS, doc_id=doc.id, span=(0, 20), quote=quote,
                     extractor="t@1")


def write(store, doc: Document, entity: Entity, marking: Marking | None) -> Assertion:
    made = line(doc, entity.id, doc.text[:20])
    with store.acting(Actor("ann", "A"), marking).writer() as w:
        w.add_document(doc)
        w.add_entity(entity)
        w.add_alias(Alias(entity.id, entity.name, entity.name.lower(), AliasOrigin.EXTRACTED))
        w.add_mention(Mention(doc.id, entity.id, 7, 7 + len(entity.name), 0, 40, entity.name))
        w.add_assertion(made)
    return made


def test_access_migration_0005_downgrades_and_upgrades(any_store) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with any_store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    names = set(inspect(any_store.engine).get_table_names())
    assert not TEAM_TABLES & names and "runs" in names
    migrate(any_store.engine)
    assert set(inspect(any_store.engine).get_table_names()) >= TEAM_TABLES


def test_access_tokens_are_hashed_verified_and_revoked(any_store) -> None:
    teams(any_store)
    token = acc.add_user(any_store, "ann", "A", "analyst")
    assert token.startswith("vt_")
    with any_store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT hash FROM tokens").scalar_one()
    assert stored.startswith("$argon2id$") and token.split("_", 2)[2] not in stored
    who = acc.token_principal(any_store, token)
    assert (who.user, who.org, who.role, who.groups) == ("ann", "A", "analyst", frozenset({"ab"}))
    with pytest.raises(acc.Unauthorised):
        acc.token_principal(any_store, token[:-2] + "xx")
    acc.revoke_token(any_store, token)
    with pytest.raises(acc.Unauthorised):
        acc.token_principal(any_store, token)
    with pytest.raises(NotFound):
        acc.revoke_token(any_store, token)


def test_access_passwords_open_sessions_that_expire(any_store) -> None:
    teams(any_store)
    acc.add_user(any_store, "bob", "B", "viewer", password="correct horse")
    with pytest.raises(acc.Unauthorised):
        acc.login(any_store, "bob", "wrong")
    with pytest.raises(acc.Unauthorised):
        acc.login(any_store, "nobody", "correct horse")
    secret, who = acc.login(any_store, "bob", "correct horse")
    assert acc.session_principal(any_store, secret) == who
    acc.logout(any_store, secret)
    with pytest.raises(acc.Unauthorised):
        acc.session_principal(any_store, secret)


@pytest.mark.parametrize(("bad", "call"), [
    ("role", lambda s: acc.add_user(s, "x", "A", "root")),
    ("org", lambda s: acc.add_user(s, "x", "Z", "viewer")),
    ("dup", lambda s: acc.add_org(s, "A")),
    ("name", lambda s: acc.add_org(s, "a,b")),
    ("group", lambda s: acc.add_group(s, "g", ["Z"])),
])
def test_access_bad_account_input_is_refused(sqlite_store, bad: str, call) -> None:
    teams(sqlite_store)
    with pytest.raises(InvalidInput):
        call(sqlite_store)


@pytest.mark.parametrize(("tlp", "groups", "seen_by"), [
    ("CLEAR", (), {"A", "B", "C"}),
    ("GREEN", (), {"A", "B", "C"}),
    ("AMBER", ("ab",), {"A", "B"}),
    ("AMBER+STRICT", ("ab",), {"A", "B"}),
    ("AMBER", (), {"A"}),
    ("RED", ("ab",), {"A"}),
])
def test_access_tlp_decides_who_sees_a_document(any_store, tlp: str, groups: tuple[str, ...],
                                                 seen_by: set[str]) -> None:
    teams(any_store)
    write(any_store, SECRET, KHALID, Marking("A", tlp, groups))
    member = {"A": {"ab"}, "B": {"ab"}, "C": set()}
    for org in "ABC":
        view = any_store.view(Scope(org, frozenset(member[org])))
        sees = org in seen_by
        assert [d.name for d in view.documents()] == (["secret"] if sees else [])
        assert bool(list(view.evidence())) is sees
        assert bool(view.search("Quetta")) is sees
        assert bool(view.entities()) is sees


def test_access_hidden_document_leaves_no_trace_in_any_read(any_store) -> None:
    teams(any_store)
    write(any_store, SHARED, PAK, None)
    before = _everything(any_store.view(Scope("B")))
    write(any_store, SECRET, KHALID, Marking("A", "RED"))
    with any_store.writer() as w:
        w.add_review(Review(line(SECRET, KHALID.id, SECRET.text[:20]).id, Verdict.CONFIRM, reviewer="ann"))
    assert _everything(any_store.view(Scope("B"))) == before
    assert _everything(any_store.view(Scope("A"))) != before
    with pytest.raises(NotFound):
        any_store.view(Scope("B")).document("secret")
    with pytest.raises(NotFound):
        any_store.view(Scope("B")).find_entity("Abu Omar Khalid")
    assert any_store.view(Scope("A")).find_entity("Abu Omar Khalid").id == KHALID.id


def _everything(view) -> dict[str, object]:
    return {"docs": view.documents(), "evidence": list(view.evidence()), "entities": view.entities(),
            "mentions": view.mentions(), "reviews": view.reviews(), "counts": view.counts(),
            "search": view.search("Kabul"), "aliases": view.aliases(PAK.id), "judgements": view.judgements(),
            "rows": {t: list(view.rows(t)) for t in ("documents", "entities", "aliases", "mentions", "assertions",
                                                     "reviews")}}


def test_access_markings_are_set_in_the_writing_transaction_and_changed_by_the_owner_only(any_store) -> None:
    teams(any_store)
    write(any_store, SECRET, KHALID, Marking("A", "amber", ("ab",)))
    with any_store.engine.begin() as conn:
        assert marking_of(conn, "document", SECRET.id) == Marking("A", "AMBER", ("ab",))
        with pytest.raises(NotFound):
            from veracity.store.marking import set_marking

            set_marking(conn, "document", SECRET.id, Marking("B", "CLEAR"), by_org="B")
        set_marking(conn, "document", SECRET.id, Marking("A", "RED"), by_org="A")
        assert marking_of(conn, "document", SECRET.id) == Marking("A", "RED", ())
    [entry] = [e for e in audit.entries(any_store) if e["action"] == "ingest"]
    assert (entry["user"], entry["org"], entry["target"]) == ("ann", "A", f"document:{SECRET.id}")
    assert entry["detail"] == {"tlp": "AMBER", "groups": ["ab"]}


@pytest.mark.parametrize(("given", "want"), [("red", "RED"), ("TLP:AMBER+STRICT", "AMBER+STRICT"),
                                             ("white", "CLEAR")])
def test_access_tlp_labels_are_cleaned(given: str, want: str) -> None:
    assert clean_tlp(given) == want


def test_access_unknown_tlp_is_refused() -> None:
    with pytest.raises(InvalidInput):
        clean_tlp("PURPLE")


def test_access_a_red_review_written_without_a_time_is_hidden_from_other_organisations(any_store) -> None:
    teams(any_store)
    shared = write(any_store, SHARED, PAK, Marking("A", "GREEN"))
    with any_store.acting(Actor("ann", "A"), Marking("A", "RED")).writer() as w:
        stored = w.add_review(Review(shared.id, Verdict.REJECT, "our source recanted", "ann"))
    with any_store.engine.connect() as conn:
        assert marking_of(conn, "review", stored) == Marking("A", "RED")
    assert [r.note for r in any_store.view(Scope("A")).reviews()] == ["our source recanted"]
    assert any_store.view(Scope("B", frozenset({"ab"}))).reviews() == []


def test_access_migration_0007_moves_review_markings_onto_the_stored_ids(any_store) -> None:
    from sqlalchemy import update

    from veracity.store import schema as S

    teams(any_store)
    shared = write(any_store, SHARED, PAK, Marking("A", "GREEN"))
    review = Review(shared.id, Verdict.REJECT, "our source recanted", "ann")
    with any_store.acting(Actor("ann", "A"), Marking("A", "AMBER", ("ab",))).writer() as w:
        stored = w.add_review(review)
    with any_store.engine.begin() as conn:  # the state the writer left before 0007: marked under the unstamped id
        for table in (S.markings, S.marking_groups):
            conn.execute(update(table).where(table.c.ident == stored).values(ident=review.id))
    assert len(any_store.view(Scope("C")).reviews()) == 1  # the leak: unmarked reads as CLEAR
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with any_store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    migrate(any_store.engine)
    with any_store.engine.connect() as conn:
        assert marking_of(conn, "review", stored) == Marking("A", "AMBER", ("ab",))
        assert marking_of(conn, "review", review.id) is None
    assert any_store.view(Scope("C")).reviews() == []
    assert len(any_store.view(Scope("B", frozenset({"ab"}))).reviews()) == 1
