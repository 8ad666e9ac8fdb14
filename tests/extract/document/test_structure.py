"""Document structure in extraction: a dateline is parsed apart from the first sentence, dates the document when
nothing else does, and its agency credit is never a claimant or the doer of what the report describes."""

from __future__ import annotations

from veracity.extract import Extractor
from veracity.extract.document.structure import COMPONENT, dateline_of
from veracity.extract.records import to_gold_record
from veracity.model.records import Document

WIRE = ("Quetta, 12 March 2024 (Reuters) – The Balochistan Liberation Army claimed responsibility for the bombing "
        "of a train in Quetta that killed 12 people.")


def test_structure_dateline_is_its_own_segment(learned: Extractor) -> None:
    assert COMPONENT in learned.nlp.pipe_names
    assert learned.nlp.pipe_names.index(COMPONENT) < learned.nlp.pipe_names.index("parser")
    sdoc = learned.nlp(WIRE)
    sents = [s.text for s in sdoc.sents]
    assert sents[0] == "Quetta, 12 March 2024 (Reuters) –" and sents[1].startswith("The Balochistan")
    found = dateline_of(sdoc)
    assert found is not None and (found.place, found.agency) == ("Quetta", "Reuters")


def test_structure_agency_is_no_claimant_and_dates_the_report(learned: Extractor) -> None:
    record = to_gold_record(learned.extract(Document(text=WIRE, name="wire")))
    assert record["published"] == "2024-03-12"
    people = {c["claimant"] for c in record["claims"]} | {c["subject"] for c in record["claims"] + record["relations"]}
    assert "Reuters" not in people
    [event] = [e for e in record["events"] if e["type"] in {"bombing", "suicide_bombing"}]
    assert event["perpetrator_claimed_by"] == ["Balochistan Liberation Army"]


def test_structure_rules_also_read_the_split(extractor: Extractor) -> None:
    record = to_gold_record(extractor.extract(Document(text=WIRE, name="wire")))
    assert "Reuters" not in {c["claimant"] for c in record["claims"]}
    assert "Reuters" not in {r["subject"] for r in record["relations"]}
