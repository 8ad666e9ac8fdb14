"""Stance of a text toward a claim: denials, debunks, hedged reports and plain assertions, and the sentence finder."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veracity.assess.stance import (
    LABELS,
    SentenceStance,
    StanceModel,
    classify,
    model,
    search_query,
    sentences,
    stance_against,
    stance_in_store,
)
from veracity.assess.stance_features import features, negation_on_claim, tokenize
from veracity.cli import app
from veracity.model.errors import NotFound
from veracity.model.records import Document
from veracity.model.vocabulary import load_data

DENIALS = [
    ("Pakistan supports ISKP", "Islamabad denies it supports ISKP"),
    ("Pakistan supports ISKP", "Pakistan did not support ISKP, foreign ministry insists"),
    ("The caliph was killed in an airstrike", "Iraqi officials deny reports the caliph was killed in airstrike"),
    ("The group kidnapped 200 schoolgirls", "Army refutes claim that the group kidnapped 200 schoolgirls"),
    ("Al-Shabaab claimed the Nairobi mall attack", "Al-Shabaab rejects responsibility for Nairobi mall attack"),
]
DEBUNKS = [
    ("A bird pooped on Vladimir Putin during a speech", "The video of a bird pooping on Vladimir Putin is a hoax"),
    ("The militant leader was arrested in Turkey", "No, the militant leader was not arrested in Turkey"),
    ("ISIS fighters crossed the Mexican border", "Debunked: ISIS fighters crossing the Mexican border is a myth"),
    ("A photo shows the commander alive", "Viral photo of commander alive is fake"),
    ("The spokesman was killed in Idlib", "The rumor that the spokesman was killed in Idlib is false"),
]
REPORTS = [
    ("The caliph was killed in an airstrike", "Caliph may have been killed in airstrike, sources say"),
    ("The commander was wounded in Raqqa", "Commander reportedly wounded in Raqqa"),
    ("The group received weapons from Iran", "Group allegedly received weapons from Iran, report claims"),
    ("The emir fled to Libya", "Did the emir flee to Libya?"),
    ("The faction will merge with al-Qaeda", "Faction could merge with al-Qaeda, analysts predict"),
]
ASSERTS = [
    ("ISIS beheaded the journalist", "BREAKING: ISIS beheads American journalist"),
    ("The commander was killed in an airstrike", "Commander killed in US airstrike, Pentagon confirms"),
    ("Jihadi John is a Londoner named Mohammed Emwazi", "Jihadi John named as London man Mohammed Emwazi"),
    ("The group captured the airport", "Militants capture the city's airport after heavy fighting"),
]


@pytest.mark.parametrize(("claim", "text"), DENIALS + DEBUNKS)
def test_stance_denials_and_debunks(claim: str, text: str) -> None:
    assert classify(claim, text).label == "denies"


@pytest.mark.parametrize(("claim", "text"), REPORTS)
def test_stance_hedged_reports(claim: str, text: str) -> None:
    assert classify(claim, text).label == "reports"


@pytest.mark.parametrize(("claim", "text"), ASSERTS)
def test_stance_assertions(claim: str, text: str) -> None:
    assert classify(claim, text).label == "asserts"


def test_stance_result_explains_itself() -> None:
    result = classify("A bird pooped on Putin", "The video of a bird pooping on Putin is a hoax")
    assert "debunk:hoax" in result.cues
    assert set(result.scores) == set(LABELS)
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert result.scores["denies"] == max(result.scores.values())


@pytest.mark.parametrize(
    ("text", "tokens"),
    [("Apple didn't change it", ["apple", "did", "n't", "change", "it"]),
     ("Is it real? Nope", ["is", "it", "real", "?", "nope"]),
     ("Pope’s dog isn’t in heaven", ["pope's", "dog", "is", "n't", "in", "heaven"])],
)
def test_stance_tokenize(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [("apple did not change the iphone", 1),     # negation governs a claim word
     ("no one expected apple to win", 0),         # negation far from the claim's words
     ("apple changed the iphone", 0)],
)
def test_stance_negation_attaches_to_claim(text: str, expected: int) -> None:
    tokens = tokenize(text)
    negations = [i for i, t in enumerate(tokens) if t in {"not", "no"}]
    assert negation_on_claim(tokens, negations, {"iphone", "chang"}) == expected


def test_stance_features_see_overlap() -> None:
    close, _ = features("Pakistan supports ISKP", "Pakistan supports ISKP fighters")
    far, _ = features("Pakistan supports ISKP", "Football results from the weekend")
    assert close["overlap:cover"] == 1.0
    assert far["overlap:cover"] == 0.0
    assert close["overlap:token_set"] > far["overlap:token_set"]


def test_stance_model_file_is_small_and_complete() -> None:
    path = resources.files("veracity.model") / "data" / "stance_model.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert len(path.read_bytes()) < 500_000
    assert raw["labels"] == list(LABELS)
    assert raw["cv"]["grouped_by"] == "claimId"
    assert {"bias", "cue:debunk", "cue:hedge", "overlap:cover"} <= set(raw["weights"])


def test_stance_model_unknown_features_weigh_nothing() -> None:
    m = StanceModel({"bias": (1.0, 0.0, 0.0)}, "test")
    assert m.scores({"bias": 1.0}) == m.scores({"bias": 1.0, "w=never-seen": 1.0})
    assert model().version


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("First sentence here. Second one?  Third!\nFourth line", ["First sentence here.", "Second one?", "Third!",
                                                                    "Fourth line"]),
        ("U.S. officials denied it. Gen. Smith said so.", ["U.S. officials denied it.", "Gen. Smith said so."]),
        ('He said "it is fake." Then he left.', ['He said "it is fake."', "Then he left."]),
        ("  \n ", []),
    ],
)
def test_stance_sentences_keep_spans(text: str, expected: list[str]) -> None:
    found = list(sentences(text))
    assert [s for _, _, s in found] == expected
    assert all(text[a:b] == s for a, b, s in found)


DOCS = [
    Document("The weather was cold. A Taliban spokesman said Pakistan supports ISKP and shelters its fighters.",
             name="a"),
    Document("Analysts said the claim was baseless and that Pakistan does not support ISKP. Markets rose.",
             name="b"),
]


def test_stance_against_finds_and_labels_sentences() -> None:
    found = stance_against("Pakistan supports ISKP", DOCS, limit=10)
    assert {(s.doc_name, s.label) for s in found} == {("a", "reports"), ("b", "denies")}
    assert all("ISKP" in s.sentence for s in found)
    for s in found:
        doc = next(d for d in DOCS if d.id == s.doc_id)
        assert doc.text[s.span[0] : s.span[1]] == s.sentence
    assert len(stance_against("Pakistan supports ISKP", DOCS, limit=1)) == 1
    assert stance_against("Volcanic eruption in Iceland", DOCS, limit=10) == []


class FakeView:
    """A stand-in for the search half of a store view (the real store is tested in the CLI test below)."""

    def __init__(self, docs: list[Document]) -> None:
        self.docs = {d.id: d for d in docs}

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        words = set(query.lower().split())
        return [(i, "") for i, d in self.docs.items() if words & set(d.text.lower().split())][:limit]

    def document(self, doc_id_or_name: str) -> Document:
        if doc_id_or_name not in self.docs:
            raise NotFound(doc_id_or_name)
        return self.docs[doc_id_or_name]


def test_stance_in_store_uses_search_then_sentences() -> None:
    found = stance_in_store("Pakistan supports ISKP", FakeView(DOCS), limit=5)
    assert all(isinstance(s, SentenceStance) for s in found)
    assert sorted(s.doc_name for s in found) == ["a", "b"]
    assert search_query("The claim that Pakistan supports ISKP") == "claim pakistan supports iskp"


def test_stance_cli_on_files(tmp_path: Path) -> None:
    for doc in DOCS:
        (tmp_path / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
    (tmp_path / "c.txt").write_text("Rebels say [bold]Pakistan supports ISKP[/bold].", encoding="utf-8")
    result = CliRunner().invoke(app, ["stance", "Pakistan supports ISKP", "--docs", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["doc"] for r in rows} == {"a", "b", "c"}
    assert {r["label"] for r in rows} <= set(LABELS)
    table = CliRunner().invoke(app, ["stance", "Pakistan supports ISKP", "--docs", str(tmp_path)])
    assert table.exit_code == 0, table.output
    assert "[bold]" in table.output.replace("\\[", "[")   # article markup printed, not interpreted


def test_stance_cli_on_the_store(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    files = tmp_path / "docs"
    files.mkdir()
    for doc in DOCS:
        (files / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
    ingest = CliRunner().invoke(app, ["--db", db, "ingest", str(files), "--no-extract"])
    assert ingest.exit_code == 0, ingest.output
    result = CliRunner().invoke(app, ["--db", db, "stance", "Pakistan supports ISKP", "--json"])
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["label"] for line in result.output.splitlines()} == {"reports", "denies"}


def test_stance_cue_file_holds_only_strings() -> None:
    """YAML reads a bare ``no`` or ``on`` as a boolean; such an entry would silently become "false"."""
    raw = load_data("stance_cues.yaml")
    bad = {group: [e for e in entries if not isinstance(e, str)] for group, entries in raw.items()}
    assert {group: entries for group, entries in bad.items() if entries} == {}
