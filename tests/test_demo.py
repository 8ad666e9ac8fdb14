"""End to end: the seeds demo builds a knowledge base that reads right to an analyst (issue: Foundation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veracity.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    result = runner.invoke(app, ["--db", db, "demo"])
    assert result.exit_code == 0, result.output
    assert "ingested 5" in result.output
    return db


def _lines(db: str, *args: str) -> list[dict]:
    result = runner.invoke(app, ["--db", db, *args, "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def _seed_text(name: str) -> str:
    return next(Path(__file__).resolve().parents[1].glob(f"examples/seeds/{name}*.txt")).read_text(encoding="utf-8")


def _actor_with(actors: list[dict], surface: str) -> dict:
    found = [a for a in actors if surface in a["surfaces"]]
    assert len(found) == 1, f"{surface!r} should belong to exactly one actor, got {found}"
    return found[0]


def test_demo_merges_aliases_into_one_actor(demo_db: str) -> None:
    actors = _lines(demo_db, "actors")
    iskp = _actor_with(actors, "ISIS-K")
    assert {"ISIS-K", "ISKP", "IS-K", "ISK"} <= set(iskp["surfaces"])
    assert iskp["name"] == "Islamic State Khorasan Province"
    mujahid = _actor_with(actors, "Zabihullah Mujahid")
    assert "Zabiullah Mujahid" in mujahid["surfaces"]


def test_demo_lists_dated_events(demo_db: str) -> None:
    events = _lines(demo_db, "events")
    dates = {e["date"] for e in events}
    assert "2021-08-26" in dates  # the Kabul airport bombing
    assert "2024-03-22" in dates  # the Crocus City Hall attack
    assert all(e["type"] for e in events)


def test_demo_claims_keep_claimant_stance_and_sentence(demo_db: str) -> None:
    taliban_side = {"Zabihullah Mujahid", "Afghan Taliban"}
    claims = _lines(demo_db, "claims", "--about", "Pakistan")
    crocus = [c for c in claims if c["predicate"] == "responsible_for" and c["subject"] == "Pakistan"
              and "Crocus" in c["object"] and c["claimant"] in taliban_side]
    assert crocus and all(c["stance"] == "asserts" for c in crocus)
    assert all(c["quote"] in _seed_text(c["doc"]) and c["published"] == "2025-10" for c in crocus)
    denials = [c for c in _lines(demo_db, "claims", "--about", "Afghan Taliban") if c["stance"] == "denies"]
    assert any("release" in c["quote"].lower() for c in denials)


def test_demo_never_stores_an_accusation_as_fact(demo_db: str) -> None:
    claims = _lines(demo_db, "claims", "--about", "Pakistan")
    accusations = [c for c in claims if c["predicate"] == "supports" and "Khorasan" in c["object"]
                   and c["doc"].startswith("000")]
    assert accusations, "the Taliban spokesman's accusation that Pakistan backs ISIS-K is missing"
    assert all(c["claimant"] == "Zabihullah Mujahid" for c in accusations if "accusations" in c["quote"])
    assert not any(c["author_voice"] for c in accusations if "accusations" in c["quote"])


def test_demo_rerun_changes_nothing(demo_db: str) -> None:
    before = runner.invoke(app, ["--db", demo_db, "documents"]).output
    again = runner.invoke(app, ["--db", demo_db, "demo"])
    assert again.exit_code == 0 and "ingested 0, duplicates 5" in again.output
    assert runner.invoke(app, ["--db", demo_db, "documents"]).output == before


def test_demo_grades_the_contested_seed_propositions(demo_db: str) -> None:
    grades = {(g["subject"], g["predicate"], g["object"]): g for g in _lines(demo_db, "assess")}
    airport = grades[("actor:islamic-state-khorasan-province", "responsible_for", "event:kabul-airport-bombing")]
    contested = [grades[("actor:pakistan", "supports", "actor:islamic-state-khorasan-province")],
                 grades[("actor:haqqani-network", "controls", "actor:islamic-state-khorasan-province")],
                 grades[("actor:india", "supports", "actor:tehrik-i-taliban-pakistan")]]
    assert all(g["probability"] <= 0.55 for g in contested), contested
    assert all(airport["probability"] > g["probability"] for g in contested)
    haqqani = contested[1]
    assert haqqani["reports"] > haqqani["lines"] and haqqani["opposing_lines"] >= 1
