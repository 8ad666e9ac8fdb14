"""Two analysts reviewing the same line at the same moment on a team server over the machine's PostgreSQL: every
review of both is kept, each with its marking and audit row (reviews are appended, never read-modify-written)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import func, select

from veracity.model import Assertion, Document, Entity, EntityKind, Stance
from veracity.serve.background import Background
from veracity.serve.web import create_app
from veracity.store import accounts as acc
from veracity.store import open_store
from veracity.store import schema as S
from veracity.store.marking import Actor, Marking

ROUNDS = 12
PAK = Entity(EntityKind.ACTOR, "Pakistan", "state")
ISK = Entity(EntityKind.ACTOR, "ISIS-K", "armed_group")
DOC = Document(text="Kabul. Pakistan backs ISIS-K, officials said.", name="line", published="2025-01")
LINE = Assertion(subject=PAK.id, predicate="supports", object=ISK.id, claimant=f"author:{DOC.id}",
                 stance=Stance.ASSERTS, doc_id=DOC.id, span=(7, 28), quote=DOC.text[7:28], extractor="t@1")


@pytest.mark.postgres
def test_two_analysts_review_the_same_line_at_once_and_both_reviews_are_kept(
        pg_databases: Callable[[], str]) -> None:
    url = pg_databases()
    store = open_store(url)
    acc.add_org(store, "A")
    tokens = {user: acc.add_user(store, user, "A", "analyst") for user in ("ann", "amy")}
    with store.acting(Actor("ann", "A"), Marking("A", "AMBER")).writer() as w:
        for entity in (PAK, ISK):
            w.add_entity(entity)
        w.add_document(DOC)
        w.add_assertion(LINE)
    barrier = threading.Barrier(2)
    failures: list[str] = []

    def analyst(user: str, verdict: str, base: str) -> None:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {tokens[user]}"}, timeout=60) as c:
            for i in range(ROUNDS):
                barrier.wait()
                got = c.post("/api/reviews", json={"assertion_id": LINE.id, "verdict": verdict,
                                                   "note": f"round {i}", "reviewer": user})
                if got.status_code != 201:
                    failures.append(f"{user} {i}: {got.status_code} {got.text[:200]}")

    with Background(create_app(url)) as base:
        threads = [threading.Thread(target=analyst, args=(user, verdict, base))
                   for user, verdict in (("ann", "confirm"), ("amy", "reject"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert failures == []
    with store.engine.connect() as conn:
        reviews = conn.execute(select(S.reviews.c.reviewer, S.reviews.c.verdict, S.reviews.c.note)).all()
        marked = conn.execute(select(func.count()).select_from(S.markings).where(S.markings.c.kind == "review")
                              ).scalar_one()
        audited = conn.execute(select(S.audit.c.user, func.count()).where(S.audit.c.action == "review")
                               .group_by(S.audit.c.user)).all()
    assert sorted(reviews) == sorted([("amy", "reject", f"round {i}") for i in range(ROUNDS)]
                                     + [("ann", "confirm", f"round {i}") for i in range(ROUNDS)])
    assert marked == 2 * ROUNDS
    assert dict(audited) == {"ann": ROUNDS, "amy": ROUNDS}
    assert len(store.view().reviews(LINE.id)) == 2 * ROUNDS
    store.close()
