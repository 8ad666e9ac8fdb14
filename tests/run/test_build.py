"""Filling the store: registry lines with provenance, ingest batches that survive bad files, idempotent extraction."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from veracity.model.registry import build_registry
from veracity.run import build

REGISTRY = build_registry([
    {"name": "Tehrik-i-Taliban Pakistan", "type": "armed_group", "aliases": ["TTP"],
     "affiliations": [{"predicate": "allied_with", "object": "Afghan Taliban", "source": "UN report S/2023/370"}]},
    {"name": "Afghan Taliban", "type": "armed_group", "aliases": ["Taliban"]},
])
TEXT = ("TITLE: Ambush\nDATE: 2021-10-03\n---\nOn October 2, a TTP militant killed four Pakistani soldiers in an "
        "ambush in North Waziristan. The TTP took responsibility for the attack.\n")


def test_build_registry_affiliations_are_claimed_by_their_source(sqlite_store) -> None:
    assert build.load_registry(sqlite_store, REGISTRY) == 1
    assert build.load_registry(sqlite_store, REGISTRY) == 0
    view = sqlite_store.view()
    [ev] = list(view.evidence())
    assert ev.assertion.claimant == "registry:UN report S/2023/370"
    assert ev.assertion.quote == "Tehrik-i-Taliban Pakistan allied with Afghan Taliban."
    doc = view.document(ev.assertion.doc_id)
    assert doc.text[slice(*ev.assertion.span)] == ev.assertion.quote
    assert view.find_entity("TTP").name == "Tehrik-i-Taliban Pakistan"
    assert view.unextracted("veracity.extract@1") == []


def test_build_ingest_keeps_going_past_bad_files(sqlite_store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "corpus"
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "One good line about Kabul."}\n{not json}\n', encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    report = build.ingest(sqlite_store, [tmp_path], max_bytes=1_000_000)
    assert len(report.ingested) == 2 and len(report.rejected) == 2
    assert {r.path.name for r in report.rejected} == {"b.jsonl", "c.txt"}
    again = build.ingest(sqlite_store, [tmp_path], max_bytes=1_000_000)
    assert again.ingested == [] and len(again.duplicates) == 2
    assert sqlite_store.view().counts()["documents"] == 2


@pytest.fixture(scope="module")
def extractor():
    from veracity.extract import Extractor

    return Extractor()


def test_build_extract_is_idempotent_and_supersedes_on_upgrade(sqlite_store, tmp_path: Path, extractor) -> None:
    tmp_path = tmp_path / "corpus"
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    build.ingest(sqlite_store, [tmp_path], max_bytes=1_000_000)
    first = build.extract(sqlite_store, extractor)
    assert first.documents == 1 and first.assertions > 0
    counts = sqlite_store.view().counts()
    assert build.extract(sqlite_store, extractor).documents == 0
    assert sqlite_store.view().counts() == counts

    class Upgraded(type(extractor)):  # a newer extractor that no longer finds the last assertion
        def extract_many(self, docs, batch_size=64):
            for found in super().extract_many(docs, batch_size):
                yield replace(found, assertions=found.assertions[:-1])

    upgraded = Upgraded.__new__(Upgraded)
    upgraded.__dict__.update(extractor.__dict__)
    again = build.extract(sqlite_store, upgraded, force=True)
    assert again.documents == 1 and again.superseded == 1 and again.assertions == 0
    view = sqlite_store.view()
    assert view.counts()["assertions"] == counts["assertions"]
    assert len(list(view.evidence())) == len(list(view.evidence(include_superseded=True))) - 1


def test_build_outlets_user_file_overrides_shipped_grades(sqlite_store, tmp_path: Path) -> None:
    user = tmp_path / "outlets.yaml"
    user.write_text("outlets:\n  - {name: Example Wire, domains: [example.test], reliability: B, basis: tested}\n",
                    encoding="utf-8")
    count = build.load_outlets(sqlite_store, str(user))
    stored = sqlite_store.view().outlets()
    assert len(stored) == count > 50
    assert stored["Example Wire"].reliability == "B"
    assert {o.reliability for o in stored.values()} <= set("ABCDEF")
