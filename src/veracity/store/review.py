"""Analyst reviews: verdicts recorded beside assertions, never edits of them.

A review says whether an *extraction* matches its source: ``confirm`` (it does: the line counts at its normal
weight, its extractor score taken as 1), ``reject`` (it does not: the line stops counting), ``correct`` (it does
not, and here is what the sentence says: a new reviewed assertion with the corrected slots supersedes the old
one). Endorsing or disputing a *claim* is a different act, an analyst judgement (``veracity judge``), stored as
an attributed line of its own by :func:`record_judgement`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from veracity.model.errors import InvalidInput, NotFound
from veracity.model.ids import content_hash
from veracity.model.records import Assertion, Document, Review, Stance, Verdict, analyst_claimant
from veracity.model.vocabulary import vocabulary
from veracity.store import Store
from veracity.store import rows as R
from veracity.store import schema as S
from veracity.store.view import CURATED_PREFIX

SLOTS = ("claimant", "stance", "subject", "predicate", "object", "hedge")
"""The slots ``correct`` can change."""
CORRECTION_EXTRACTOR = "analyst.correct@1"
JUDGEMENT_EXTRACTOR = f"{CURATED_PREFIX}.analyst@1"
"""Judgement documents are curated (never handed to the text extractor, never superseded by re-extraction)."""
MIN_PREFIX = 4
_HEX = re.compile(r"^[0-9a-f]+$")


def resolve_assertion(store: Store, key: str) -> str:
    """The full id of the assertion whose id is ``key`` or starts with it (a unique prefix of 4+ hex digits)."""
    key = key.strip().lower()
    if len(key) < MIN_PREFIX or not _HEX.match(key):
        raise InvalidInput(f"{key!r} is not an assertion id or prefix",
                           fix=f"copy an id from `veracity claims` (at least {MIN_PREFIX} hex digits)")
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(
            select(S.assertions.c.id).where(S.assertions.c.id.startswith(key),
                                            *store.view().visibility.filter("assertions")).limit(2))]
    if len(ids) != 1:
        raise NotFound(f"{'no' if not ids else 'more than one'} assertion matches {key!r}",
                       fix="give more of the id from `veracity claims` (short ids are its first 8 characters)")
    return ids[0]


def record_review(store: Store, assertion_id: str, verdict: str, note: str = "", reviewer: str = "analyst",
                  correction: dict[str, str] | None = None) -> Review:
    """Add a review for an assertion given by id or unique id prefix; ``correct`` needs the corrected slots."""
    try:
        kind = Verdict(verdict)
    except ValueError as exc:
        raise InvalidInput(f"unknown verdict {verdict!r}", fix="use confirm, reject or correct") from exc
    full = resolve_assertion(store, assertion_id)
    if kind is Verdict.CORRECT:
        return _correct(store, full, correction or {}, note, reviewer)
    if correction:
        raise InvalidInput(f"corrected slots only go with `correct`, not {verdict}", fix="drop the slot options")
    made = Review(assertion_id=full, verdict=kind, note=note, reviewer=reviewer)
    with store.writer() as w:
        w.add_review(made)
    return made


def _old(store: Store, assertion_id: str) -> Assertion:
    with store.engine.connect() as conn:
        row = conn.execute(select(S.assertions).where(S.assertions.c.id == assertion_id)).one()
    return R.row_assertion(row)


def _entity(store: Store, name: str, slot: str) -> str:
    try:
        return store.view().find_entity(name).id
    except NotFound as exc:
        raise InvalidInput(f"correct: no actor, place or event called {name!r} for the {slot}",
                           fix="name a stored entity (see `veracity actors`)") from exc


def corrected(store: Store, old: Assertion, slots: dict[str, str]) -> Assertion:
    """The old assertion with the given slots replaced (names resolved to entity ids, values checked)."""
    unknown = sorted(set(slots) - set(SLOTS))
    if unknown or not slots:
        raise InvalidInput(f"correct needs at least one of {', '.join(SLOTS)}" +
                           (f"; unknown {', '.join(unknown)}" if unknown else ""),
                           fix="e.g. `veracity review ID correct --stance denies`")
    changes: dict[str, Any] = {}
    for slot in ("claimant", "subject"):
        if slot in slots:
            changes[slot] = _entity(store, slots[slot], slot)
    if "object" in slots:
        try:
            changes["object"], changes["object_literal"] = store.view().find_entity(slots["object"]).id, False
        except NotFound:
            changes["object"], changes["object_literal"] = slots["object"], True
    if "predicate" in slots:
        if slots["predicate"] not in vocabulary().predicates and slots["predicate"] not in vocabulary().event_roles:
            raise InvalidInput(f"correct: unknown predicate {slots['predicate']!r}",
                               fix="use a predicate from model/data/vocabulary.yaml")
        changes["predicate"] = slots["predicate"]
    if "stance" in slots:
        try:
            changes["stance"] = Stance(slots["stance"])
        except ValueError as exc:
            raise InvalidInput(f"correct: unknown stance {slots['stance']!r}", fix="use asserts or denies") from exc
    if "hedge" in slots:
        changes["hedge"] = None if slots["hedge"].strip().lower() in ("", "none") else slots["hedge"].strip()
    return replace(old, **changes, extractor=CORRECTION_EXTRACTOR, score=1.0)


def _correct(store: Store, assertion_id: str, slots: dict[str, str], note: str, reviewer: str) -> Review:
    old = _old(store, assertion_id)
    new = corrected(store, old, slots)
    if new.id == old.id:
        raise InvalidInput("the correction changes nothing", fix="give a slot with a different value")
    made = Review(assertion_id=assertion_id, verdict=Verdict.CORRECT, note=note, reviewer=reviewer,
                  correction={**{k: str(v) for k, v in slots.items()}, "superseded_by": new.id})
    with store.writer() as w:
        w.add_assertion(new)
        w.add_review(Review(assertion_id=new.id, verdict=Verdict.CONFIRM, reviewer=reviewer,
                            note=f"correction of {assertion_id[:8]} by {reviewer}. {note}".strip()))
        w.add_review(made)
    return made


def record_judgement(store: Store, triple: tuple[str, str, str], statement: str, verdict: str, note: str = "",
                     analyst: str = "analyst", organisation: str = "", object_literal: bool = False) -> Assertion:
    """Store an analyst's judgement of a proposition as an attributed line: agree, disagree or uncertain.

    The analyst is the claimant (``analyst:<name>``) and the organisation the document's outlet, so the grade
    weighs it like a source and shows it as the analyst's, apart from the reporting.
    """
    stances = {"agree": (Stance.ASSERTS, None), "disagree": (Stance.DENIES, None),
               "uncertain": (Stance.ASSERTS, "uncertain")}
    if verdict not in stances:
        raise InvalidInput(f"unknown judgement {verdict!r}", fix="use agree, disagree or uncertain")
    if not analyst.strip():
        raise InvalidInput("a judgement needs the analyst's name", fix="pass --analyst NAME")
    stance, hedge = stances[verdict]
    day = datetime.now(UTC).date().isoformat()
    who = f"{analyst.strip()}{f' ({organisation.strip()})' if organisation.strip() else ''}"
    quote = f"{who} judges: {verdict} that {statement}." + (f" {note.strip()}" if note.strip() else "")
    doc = Document(text=f"Analyst judgement, {day}\n{quote}", name=f"judgement-{day}-{content_hash(quote)[:8]}",
                   title=f"Analyst judgement by {who}", outlet=organisation.strip() or None, published=day,
                   source="analyst")
    start = doc.text.index(quote)
    subject, predicate, obj = triple
    made = Assertion(subject=subject, predicate=predicate, object=obj, claimant=analyst_claimant(analyst),
                     stance=stance, doc_id=doc.id, span=(start, start + len(quote)), quote=quote,
                     extractor=JUDGEMENT_EXTRACTOR, hedge=hedge, object_literal=object_literal)
    with store.writer() as w:
        w.add_document(doc)
        w.add_extraction(doc.id, JUDGEMENT_EXTRACTOR, [])
        w.add_assertion(made)
    return made
