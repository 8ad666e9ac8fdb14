from __future__ import annotations

import pytest

from veracity.extract import Extraction
from veracity.model.records import Alias, Assertion, Document, Entity, EntityKind, Sameness, Stance
from veracity.resolve import match_entity, resolve_entities
from veracity.resolve.decisions import decide
from veracity.run.build import ExtractReport, store_extraction
from veracity.store import Store

KNOWN = {
    "tehreek-e-labbaik pakistan": "actor:tehreek-e-labbaik-pakistan",
    "tlp": "actor:tehreek-e-labbaik-pakistan",
    "jamaat ansar al-furqan": "actor:jamaat-ansar-al-furqan",
    "ttp": "actor:tehrik-i-taliban-pakistan",
    "kabul": "place:kabul",
}


@pytest.mark.parametrize(
    ("surfaces", "right", "sameness"),
    [
        (["tlp"], "actor:tehreek-e-labbaik-pakistan", Sameness.SAME),  # exact alias
        (["tehreek-i-labbaik pakistan"], "actor:tehreek-e-labbaik-pakistan", Sameness.SAME),  # transliteration
        (["jamat ansar al-furqan"], "actor:jamaat-ansar-al-furqan", Sameness.SAME),  # typo in a long name
        (["jamaat ansar"], "actor:jamaat-ansar-al-furqan", Sameness.UNSURE),  # partial: left to an analyst
    ],
)
def test_matching_judgements(surfaces: list[str], right: str, sameness: Sameness) -> None:
    judgement = match_entity(surfaces, KNOWN)
    assert judgement is not None
    assert (judgement.right, judgement.sameness) == (right, sameness)
    assert judgement.reason


@pytest.mark.parametrize("surfaces", [["tpp"], ["lashkar-e-jhangvi"], ["kabul"]])
def test_matching_no_merge_without_support(surfaces: list[str]) -> None:
    """Short names never match on spelling across documents; places are not actors."""
    assert match_entity(surfaces, KNOWN) is None


def _extraction() -> Extraction:
    doc = Document(text="Tehreek-i-Labbaik Pakistan supports the TTP.", name="x")
    tlp = Entity(kind=EntityKind.ACTOR, name="Tehreek-i-Labbaik Pakistan", type="political_party", resolved=False)
    ttp = Entity(
        kind=EntityKind.ACTOR,
        name="Tehrik-i-Taliban Pakistan",
        type="armed_group",
        id="actor:tehrik-i-taliban-pakistan",
    )
    claim = Assertion(
        subject=tlp.id,
        predicate="supports",
        object=ttp.id,
        claimant=f"author:{doc.id}",
        stance=Stance.ASSERTS,
        doc_id=doc.id,
        span=(0, 44),
        quote=doc.text,
        extractor="t@1",
    )
    return Extraction(
        document=doc,
        published=None,
        entities=[tlp, ttp],
        aliases=[Alias(tlp.id, tlp.name, "tehreek-i-labbaik pakistan")],
        assertions=[claim],
    )


def test_matching_resolve_entities_records_judgement_and_rewrites_nothing() -> None:
    extraction = _extraction()
    resolved, judgements = resolve_entities(extraction, KNOWN)
    assert [j.sameness for j in judgements] == [Sameness.SAME]
    assert (judgements[0].left, judgements[0].right) == (
        "actor:tehreek-i-labbaik-pakistan",
        "actor:tehreek-e-labbaik-pakistan",
    )
    assert resolved == extraction


def test_matching_automatic_merge_is_read_time_and_can_be_split(sqlite_store: Store) -> None:
    """The stored rows keep the document's own ids; the judgement joins them at read time, and an analyst's
    'not_same' undoes the automatic merge without rewriting anything."""
    known = Entity(kind=EntityKind.ACTOR, name="Tehreek-e-Labbaik Pakistan", type="political_party")
    with sqlite_store.writer() as w:
        w.add_entity(known)
        w.add_alias(Alias(known.id, known.name, "tehreek-e-labbaik pakistan"))
    extraction, found = resolve_entities(_extraction(), KNOWN)
    with sqlite_store.writer() as w:
        w.add_document(extraction.document)
    store_extraction(sqlite_store, extraction, "test@1", ExtractReport())
    with sqlite_store.writer() as w:
        for judgement in found:
            w.add_judgement(judgement)
    stored = next(iter(sqlite_store.view().rows("assertions")))
    merged = sqlite_store.view().canonical("actor:tehreek-i-labbaik-pakistan")
    decide(sqlite_store, "Tehreek-i-Labbaik Pakistan", "Tehreek-e-Labbaik Pakistan", Sameness.NOT_SAME)
    split = sqlite_store.view().canonical("actor:tehreek-i-labbaik-pakistan")
    assert stored["subject"] == "actor:tehreek-i-labbaik-pakistan"
    assert merged == known.id
    assert split == "actor:tehreek-i-labbaik-pakistan"


def test_matching_unsure_changes_nothing() -> None:
    extraction = _extraction()
    resolved, judgements = resolve_entities(extraction, {"tehreek-i pakistan movement": "actor:other"})
    assert all(j.sameness is not Sameness.SAME for j in judgements)
    assert resolved.assertions == extraction.assertions
