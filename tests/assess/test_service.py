"""End to end through a real SQLite store file: assess, explain and ach, as library calls and as CLI commands."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from veracity.assess import ach_view, assess_view, explain_view, explanation
from veracity.cli import app
from veracity.model.errors import InvalidInput, NotFound
from veracity.model.records import Assertion, Document, Entity, EntityKind, Outlet, Stance, author_claimant
from veracity.store import open_store

WIRE = ("KABUL (Wire) - Taliban spokesman Zabihullah Mujahid said on Tuesday that Pakistan backs ISKP and trains "
        "its fighters in camps in Khyber Pakhtunkhwa, adding that recruits arrive through Karachi airport and that "
        "the group planned attacks in Iran and Russia from there, a charge Islamabad has rejected before.")
EVENT = "event:kabul-airport-bombing"


def _assertion(doc: Document, subject: str, predicate: str, obj: str, claimant: str, quote: str,
               stance: Stance = Stance.ASSERTS) -> Assertion:
    start = doc.text.find(quote)
    return Assertion(subject=subject, predicate=predicate, object=obj, claimant=claimant, stance=stance,
                     doc_id=doc.id, span=(start, start + len(quote)), quote=quote, extractor="test@1")


def _docs() -> list[Document]:
    return [
        Document(WIRE, name="wire-a", outlet="Daily A", published="2025-10-14"),
        Document(WIRE + " (Wire)", name="wire-b", outlet="Daily B", published="2025-10-15"),
        Document("Reuters found that Pakistan supports ISKP through the ISI. ISKP claimed the Kabul airport "
                 "bombing.", name="reuters", outlet="Reuters", published="2025-11-02"),
        Document("Pakistan denied that Pakistan supports ISKP.", name="denial", outlet="Daily A",
                 published="2025-12"),
    ]


def _fill(store) -> None:
    docs = _docs()
    with store.writer() as w:
        w.add_outlet(Outlet("Reuters", "reuters.com", "B"))
        for name, kind, type_ in [("Pakistan", EntityKind.ACTOR, "state"), ("ISKP", EntityKind.ACTOR, "armed_group"),
                                  ("Zabihullah Mujahid", EntityKind.ACTOR, "person"),
                                  ("Kabul airport bombing", EntityKind.EVENT, "suicide_bombing")]:
            w.add_entity(Entity(kind, name, type_))
        for doc in docs:
            w.add_document(doc)
        for doc in docs[:2]:
            w.add_assertion(_assertion(doc, "actor:pakistan", "supports", "actor:iskp", "actor:zabihullah-mujahid",
                                       "Pakistan backs ISKP"))
        w.add_assertion(_assertion(docs[2], "actor:pakistan", "supports", "actor:iskp", author_claimant(docs[2].id),
                                   "Reuters found that Pakistan supports ISKP through the ISI."))
        w.add_assertion(_assertion(docs[2], "actor:iskp", "responsible_for", EVENT, "actor:iskp",
                                   "ISKP claimed the Kabul airport bombing."))
        w.add_assertion(_assertion(docs[3], "actor:pakistan", "supports", "actor:iskp", "actor:pakistan",
                                   "Pakistan denied that Pakistan supports ISKP.", Stance.DENIES))


@pytest.fixture()
def db(tmp_path) -> str:
    path = tmp_path / "kb.db"
    store = open_store(f"sqlite:///{path}")
    _fill(store)
    store.close()
    return str(path)


def _grade(view, **kw):
    return next(g for g in assess_view(view, about="Pakistan", **kw) if g.proposition.predicate == "supports")


def test_service_assess_through_sqlite_counts_lines_not_reports(db):
    view = open_store(f"sqlite:///{db}").view()
    grade = _grade(view)
    assert (len(grade.supporting), len(grade.opposing), grade.reports) == (2, 1, 4)
    reuters = next(line for line in grade.supporting if line.representative.evidence.outlet == "Reuters")
    assert reuters.representative.factors["reliability"][1] == "B"
    assert grade.opposing[0].representative.factors["interest"][1] == "accused_denial"


@pytest.mark.parametrize(("as_of", "reports"), [("2025-10-14", 1), ("2025-10", 2), ("2025-11", 3), (None, 4)])
def test_service_as_of(db, as_of, reports):
    assert _grade(open_store(f"sqlite:///{db}").view(), as_of=as_of).reports == reports


def test_service_explain_and_ach(db):
    view = open_store(f"sqlite:///{db}").view()
    grade = _grade(view)
    data = explanation(explain_view(view, grade.id[:8]), view.name)
    assert data["statement"] == "Pakistan supports ISKP"
    assert {m["outlet"] for line in data["evidence_lines"] for m in line["members"]} == {"Daily A", "Daily B",
                                                                                          "Reuters"}
    with pytest.raises(NotFound):
        explain_view(view, "ffffffffffff")
    matrix = ach_view(view, "Kabul airport bombing")
    assert matrix.hypotheses[0].id == "actor:iskp"
    with pytest.raises(InvalidInput):
        ach_view(view, "Pakistan")


def test_service_cli_commands(db, tmp_path):
    runner = CliRunner()
    out = runner.invoke(app, ["--db", db, "assess", "--json"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert {"id", "subject", "predicate", "object", "probability", "word", "admiralty", "lines", "reports"} <= set(
        rows[0])
    pid = next(r["id"] for r in rows if r["predicate"] == "supports")
    shown = runner.invoke(app, ["--db", db, "explain", pid])
    assert shown.exit_code == 0 and "Zabihullah Mujahid" in shown.output and "Daily B" in shown.output
    assert runner.invoke(app, ["--db", db, "explain", "nope-nope"]).exit_code == NotFound.exit_code
    target = tmp_path / "ach.csv"
    matrix = runner.invoke(app, ["--db", db, "ach", "Kabul airport bombing", "--csv", str(target), "--json"])
    assert matrix.exit_code == 0, matrix.output
    assert json.loads(matrix.output)["hypotheses"][0]["id"] == "actor:iskp"
    assert next(csv.reader(target.open(encoding="utf-8")))[:2] == ["evidence", "kind"]
    listed = runner.invoke(app, ["--db", db, "assess", "--about", "ISKP", "--as-of", "2025-12-31"])
    assert listed.exit_code == 0 and "propositions as of 2025-12-31" in listed.output
    assert runner.invoke(app, ["--db", db, "assess", "--as-of", "soon"]).exit_code == InvalidInput.exit_code
