"""Claimant track records on real SQLite stores: reviews and analyst judgements of a claimant's earlier lines."""

from __future__ import annotations

from veracity.assess.service import assess_view
from veracity.model.records import Assertion, Document, Outlet, Stance
from veracity.store.review import record_judgement, record_review

SPOKESMAN = "actor:zabihullah-mujahid"
TARGETS = ("actor:group-a", "actor:group-b", "actor:group-c")


def _fill(store) -> list[Assertion]:
    """A spokesman quoted by a B-graded wire: three earlier accusations and one new one."""
    made = []
    with store.writer() as w:
        w.add_outlet(Outlet("Wire", reliability="B"))
        for i, target in enumerate((*TARGETS, "actor:iskp")):
            text = f"Mujahid said Pakistan backs {target} ({i})."
            doc = Document(text=text, name=f"d{i}", outlet="Wire", published=f"2025-0{i + 1}-01")
            w.add_document(doc)
            a = Assertion(subject="actor:pakistan", predicate="supports", object=target, claimant=SPOKESMAN,
                          stance=Stance.ASSERTS, doc_id=doc.id, span=(0, len(text)), quote=text, extractor="test@1")
            w.add_assertion(a)
            made.append(a)
    return made


def _reliability(store, obj: str) -> tuple[str, str]:
    (grade,) = [g for g in assess_view(store.view()) if g.proposition.object == obj]
    factor = grade.supporting[0].representative.factors["reliability"]
    return str(factor[1]), str(factor[2])


def test_track_record_claimant_whose_lines_analysts_disagree_with_drops_a_grade(sqlite_store):
    _fill(sqlite_store)
    assert _reliability(sqlite_store, "actor:iskp")[0] == "B"
    for target in TARGETS[:2]:
        record_judgement(sqlite_store, ("actor:pakistan", "supports", target), f"Pakistan supports {target}",
                         "disagree", "no support found", "J. Smith")
    grade, why = _reliability(sqlite_store, "actor:iskp")
    assert grade == "C" and "track record" in why and "2 of 2" in why


def test_track_record_agreement_keeps_the_grade_and_uncertain_does_not_count(sqlite_store):
    _fill(sqlite_store)
    record_judgement(sqlite_store, ("actor:pakistan", "supports", TARGETS[0]), "x", "disagree", "", "J. Smith")
    record_judgement(sqlite_store, ("actor:pakistan", "supports", TARGETS[1]), "x", "agree", "", "J. Smith")
    record_judgement(sqlite_store, ("actor:pakistan", "supports", TARGETS[2]), "x", "uncertain", "", "J. Smith")
    assert _reliability(sqlite_store, "actor:iskp")[0] == "C"     # 1 of 2 failed: reject_share 0.5 reached
    record_judgement(sqlite_store, ("actor:pakistan", "supports", TARGETS[2]), "x", "agree", "", "A. Jones")
    assert _reliability(sqlite_store, "actor:iskp")[0] == "B"     # 1 of 3: the record holds


def test_track_record_rejected_extractions_of_a_claimant_count_against_it(sqlite_store):
    made = _fill(sqlite_store)
    for a in made[:2]:
        record_review(sqlite_store, a.id, "reject", "misquoted")
    grade, why = _reliability(sqlite_store, "actor:iskp")
    assert grade == "C" and "zabihullah" in why.lower()
