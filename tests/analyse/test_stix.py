"""STIX 2.1 export and import: the bundle validates, keeps provenance, and re-imports to the same propositions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import stix2
from stix2validator import ValidationOptions, validate_string

from veracity.analyse.stix_in import import_stix, read_bundle
from veracity.analyse.stix_out import EXTENSION, export_stix, provenance
from veracity.model.errors import InvalidInput
from veracity.store import Store


def propositions(store: Store) -> set[tuple[str, str, str, str]]:
    return {(e.assertion.subject, e.assertion.predicate, e.assertion.object, e.assertion.stance.value)
            for e in store.view().evidence()}


@pytest.fixture(scope="module")
def bundle(gold_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("stix") / "bundle.json"
    export_stix(gold_store.view(), out)
    return out


def validate(text: str) -> None:
    result = validate_string(text, ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for e in result.errors][:5]


def test_stix_bundle_parses_strictly(bundle: Path) -> None:
    parsed = stix2.parse(bundle.read_text(encoding="utf-8"), allow_custom=False)
    assert len(parsed.objects) > 300


def test_stix_bundle_about_one_actor_validates(gold_store: Store, tmp_path: Path) -> None:
    """The OASIS validator costs ~20 ms an object, so the default run validates a focused bundle."""
    out = tmp_path / "iskp.json"
    count = export_stix(gold_store.view(), out, about="ISKP")
    text = out.read_text(encoding="utf-8")
    assert len(stix2.parse(text, allow_custom=False).objects) == count
    validate(text)
    names = {o.get("name") for o in json.loads(text)["objects"]}
    assert {"Islamic State Khorasan Province", "Haqqani network"} <= names and "Sinwam ambush" not in names


@pytest.mark.slow
def test_stix_full_bundle_validates(bundle: Path) -> None:
    validate(bundle.read_text(encoding="utf-8"))


def test_stix_bundle_maps_objects_by_type(bundle: Path) -> None:
    objects = json.loads(bundle.read_text(encoding="utf-8"))["objects"]
    by_name = {o.get("name"): o for o in objects if "name" in o and o["type"] != "location"}
    assert by_name["Islamic State Khorasan Province"]["type"] == "threat-actor"
    assert "ISIS-K" in by_name["Islamic State Khorasan Province"]["aliases"]
    assert by_name["Pakistan"]["type"] == "identity" and by_name["Zabihullah Mujahid"]["identity_class"] == "individual"
    assert by_name["Kabul airport bombing"]["type"] == "incident"
    kabul = [o for o in objects if o["type"] == "location" and o["name"] == "Kabul"]
    assert kabul and 34.3 < kabul[0]["latitude"] < 34.7
    reports = [o for o in objects if o["type"] == "report"]
    assert len(reports) == 5 and all(r["object_refs"] for r in reports)


def test_stix_accusation_is_a_note_with_claimant_not_a_relationship(bundle: Path) -> None:
    """Mujahid's 'Pakistan backs ISIS-K' is a note keeping claimant, stance and quote; no relationship says it."""
    parsed = stix2.parse(bundle.read_text(encoding="utf-8"))
    notes = [o for o in parsed.objects if o.type == "note"
             and provenance(o).get("subject") == "actor:pakistan" and provenance(o).get("predicate") == "supports"
             and provenance(o).get("object") == "actor:islamic-state-khorasan-province"]
    assert notes and notes[0].authors == ["Zabihullah Mujahid"] and "backs ISIS-K" in notes[0].content
    assert provenance(notes[0])["stance"] == "asserts" and notes[0].external_references[0].external_id
    rels = [o for o in parsed.objects if o.type == "relationship"
            and {o.source_ref, o.target_ref} == {notes[0].object_refs[1], notes[0].object_refs[2]}
            and o.relationship_type == "supports"]
    assert rels == []
    assert EXTENSION in notes[0].extensions
    own_voice = [o for o in parsed.objects if o.type == "note" and provenance(o)["claimant"].startswith("author:")]
    assert own_voice and all(o.authors[0].startswith("author (outlet-") for o in own_voice)


def test_stix_round_trip_same_propositions(gold_store: Store, empty_store: Store, bundle: Path) -> None:
    imported = import_stix(empty_store, bundle)
    assert imported.assertions == gold_store.view().counts()["assertions"]
    assert propositions(empty_store) == propositions(gold_store)
    claimants = {e.assertion.claimant for e in empty_store.view().evidence()}
    assert claimants == {"actor:veracity"}
    import_stix(empty_store, bundle)
    assert empty_store.view().counts()["assertions"] == imported.assertions


FOREIGN = {
    "type": "bundle", "id": "bundle--1f8b2e9a-2f7e-4c8c-9a54-bb7e3a1e0c11", "objects": [
        {"type": "identity", "spec_version": "2.1", "id": "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z", "name": "Some CTI Team",
         "identity_class": "organization"},
        {"type": "intrusion-set", "spec_version": "2.1", "id": "intrusion-set--11111111-2222-4333-8444-555555555555",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z", "name": "Group A",
         "created_by_ref": "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"},
        {"type": "threat-actor", "spec_version": "2.1", "id": "threat-actor--66666666-7777-4888-8999-aaaaaaaaaaaa",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z", "name": "Group B",
         "aliases": ["GB"], "created_by_ref": "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"},
        {"type": "relationship", "spec_version": "2.1", "id": "relationship--bbbbbbbb-cccc-4ddd-8eee-ffffffffffff",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "relationship_type": "allied-with", "source_ref": "intrusion-set--11111111-2222-4333-8444-555555555555",
         "target_ref": "threat-actor--66666666-7777-4888-8999-aaaaaaaaaaaa",
         "created_by_ref": "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"},
    ]}


OPINION = {"type": "opinion", "spec_version": "2.1", "id": "opinion--cccccccc-dddd-4eee-8fff-000000000000",
           "created": "2024-02-01T00:00:00.000Z", "modified": "2024-02-01T00:00:00.000Z", "opinion": "disagree",
           "explanation": "They split in 2023.", "object_refs": ["relationship--bbbbbbbb-cccc-4ddd-8eee-ffffffffffff"],
           "created_by_ref": "identity--99999999-8888-4777-8666-555555555555"}
ANALYST = {"type": "identity", "spec_version": "2.1", "id": "identity--99999999-8888-4777-8666-555555555555",
           "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z", "name": "Other Analyst"}


def test_stix_foreign_opinion_denies_as_its_author() -> None:
    bundle = {**FOREIGN, "objects": [*FOREIGN["objects"], ANALYST, OPINION]}
    lines = [a for _, found in read_bundle(json.dumps(bundle)).documents for a in found]
    denial = next(a for a in lines if a.claimant == "actor:other-analyst")
    assert (denial.subject, denial.predicate, denial.object, denial.stance.value) == (
        "actor:group-a", "allied_with", "actor:group-b", "denies")
    assert denial.quote.startswith("They split in 2023.")


def test_stix_foreign_bundle_claimed_by_its_author() -> None:
    found = read_bundle(json.dumps(FOREIGN), "cti.json")
    [(doc, [assertion])] = found.documents
    assert (assertion.subject, assertion.predicate, assertion.object) == ("actor:group-a", "allied_with",
                                                                          "actor:group-b")
    assert assertion.claimant == "actor:some-cti-team" and found.entities["actor:group-a"].type == "armed_group"
    assert doc.text[assertion.span[0]:assertion.span[1]] == assertion.quote
    assert [a.surface for a in found.aliases] == ["GB"]


@pytest.mark.parametrize("text", ["not json", '{"type": "bundle"}', '{"type": "nonsense", "id": "x"}'])
def test_stix_rejects_bad_bundles(text: str) -> None:
    with pytest.raises(InvalidInput):
        read_bundle(text)
