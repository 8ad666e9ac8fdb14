"""The issue's targets on a real store built from the seeds demo: grades, reviews and judgements end to end."""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from veracity.assess import assess_view, explain_view, explanation
from veracity.assess.grade import line_kind
from veracity.cli import app
from veracity.store import open_store

runner = CliRunner()
CONTESTED = {  # Pakistan supports ISKP, the Haqqani network controls ISKP, India supports the TTP
    ("actor:pakistan", "supports", "actor:islamic-state-khorasan-province"),
    ("actor:haqqani-network", "controls", "actor:islamic-state-khorasan-province"),
    ("actor:india", "supports", "actor:tehrik-i-taliban-pakistan"),
}
AGAINST = {"unlikely", "very unlikely", "almost no chance"}
AT_MOST_EVEN = {"roughly even chance", "cannot be judged", *AGAINST}


def cli(db, *args: str) -> str:
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def grades_json(db, *args: str) -> dict[tuple[str, str, str], dict]:
    rows = [json.loads(line) for line in cli(db, "assess", "--json", *args).splitlines()]
    return {(r["subject"], r["predicate"], r["object"]): r for r in rows}


def view(db):
    return open_store(f"sqlite:///{db}").view()


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_demo_no_background_fact_reads_unlikely(demo_db):
    grades = assess_view(view(demo_db))
    background = [g for g in grades if any(line_kind(line) == "background" for line in g.supporting)]
    assert len(background) > 50
    for g in background:
        if not g.opposing:
            assert g.word not in AGAINST and g.probability > 0.5, g.summary()


def test_demo_one_uncorroborated_report_is_never_unlikely_by_default(demo_db):
    single = [g for g in assess_view(view(demo_db)) if len(g.supporting) == 1 and not g.opposing]
    assert single
    assert all(g.word not in AGAINST and g.probability >= 0.5 for g in single)
    assert any(g.word == "cannot be judged" and g.code.endswith("6") for g in single)


@pytest.mark.parametrize("triple", sorted(CONTESTED))
def test_demo_contested_seed_propositions_at_or_below_roughly_even_chance(demo_db, triple):
    row = grades_json(demo_db)[triple]
    assert row["probability"] <= 0.55 and row["word"] in AT_MOST_EVEN, row
    assert row["code"][0] in "ABCDEF" and 1 <= row["credibility"] <= 6


def test_demo_pakistan_supports_iskp_weighs_only_readings_more_likely_right_than_wrong(demo_db):
    # it read 0.540-0.548 because a 0.39-confidence machine reading of an opinion piece's clause ("the Pakistan's
    # ISI-controlled Haqqani network and the ISKP are one and the same") counted as a second line beside the
    # Taliban spokesman's accusation; that reading is now listed, not weighed
    grade = explain_view(view(demo_db), "22b1a7de")
    members = [m for line in grade.lines for m in line.members]
    unsure = [m for m in members if m.evidence.assertion.score < 0.5]
    assert unsure and all(m.weight == 0 and "unsure" in m.factors for m in unsure)
    weighed = [line for line in grade.supporting if line.weight > 0]
    assert weighed and all(line.representative.factors["interest"][1] == "hostile_accuser" for line in weighed)
    assert grade.probability <= 0.55 and grade.word in AT_MOST_EVEN


def test_demo_every_number_keeps_its_explanation(demo_db):
    v = view(demo_db)
    for g in assess_view(v)[:40]:
        data = json.loads(json.dumps(explanation(g, v.name)))
        assert data["axes"]["source"]["why"] and data["axes"]["credibility"]["why"]
        for line in data["evidence_lines"] + data["background_lines"]:
            assert line["factors"] and all(f["why"] for f in line["factors"].values())


def _normal_weight(member) -> float:
    """The member's weight with its extractor score set to 1: every factor but extraction and unsure."""
    return math.prod(f[0] for name, f in member.factors.items() if name not in {"extraction", "unsure"})


def _confirmable(db) -> list[tuple[str, str, float]]:
    """(proposition id, assertion id, normal weight) of supporting lines whose extractor was unsure, some of them
    below even odds (listed at weight 0 until confirmed)."""
    found = []
    v = view(db)
    for g in assess_view(v):
        for line in g.supporting:
            for member in line.members:
                factor = member.factors.get("extraction")
                if factor is not None and factor[0] < 0.9:
                    found.append((g.id, member.evidence.assertion.id, _normal_weight(member)))
    return found[:8]


def test_demo_confirming_moves_a_grade_by_at_most_the_lines_normal_weight(demo_copy):
    targets = _confirmable(demo_copy)
    assert len(targets) >= 3
    for prop, assertion, normal in targets:
        before = explain_view(view(demo_copy), prop).probability
        cli(demo_copy, "review", assertion[:8], "confirm", "--note", "checked against the article")
        after = explain_view(view(demo_copy), prop)
        assert abs(logit(after.probability) - logit(before)) <= normal + 1e-9
        assert any("review" in m.factors for line in after.lines for m in line.members
                   if m.evidence.assertion.id == assertion)


def _member(db, prop: str) -> dict:
    data = explanation(explain_view(view(db), prop))
    return data["evidence_lines"][0]["members"][0]


def test_demo_review_reject_stops_the_line_counting(demo_copy):
    prop = "22b1a7de"
    before = explain_view(view(demo_copy), prop)
    member = _member(demo_copy, prop)
    cli(demo_copy, "review", member["id"][:8], "reject", "--note", "not what the sentence says")
    after = explain_view(view(demo_copy), prop)
    assert after.reports == before.reports and member["id"] in {e.id for e in after.rejected}
    assert member["id"] not in {m.evidence.assertion.id for line in after.lines for m in line.members}


def test_demo_review_correct_stores_a_reviewed_assertion_that_supersedes_the_old(demo_copy):
    prop = "22b1a7de"
    member = _member(demo_copy, prop)
    out = cli(demo_copy, "review", member["id"][:8], "correct", "--stance", "denies", "--note", "he denies it")
    assert "supersedes" in out
    after = explanation(explain_view(view(demo_copy), prop))
    assert member["id"] in after["rejected_by_analyst"]
    denials = [m for line in after["evidence_lines"] if line["direction"] == "opposes" for m in line["members"]
               if m["quote"] == member["quote"]]
    assert denials and denials[0]["stance"] == "denies"
    reviews = view(demo_copy).reviews(denials[0]["id"])
    assert [r.verdict.value for r in reviews] == ["confirm"]
    claims = cli(demo_copy, "claims", "--json")
    assert denials[0]["id"] in claims


def test_demo_review_correct_needs_slots_and_known_names(demo_copy):
    member = _member(demo_copy, "22b1a7de")
    for args in ([], ["--subject", "Nobody At All"], ["--stance", "maybe"]):
        result = runner.invoke(app, ["--db", str(demo_copy), "review", member["id"][:8], "correct", *args])
        assert result.exit_code != 0 and "correct" in result.output


@pytest.mark.parametrize(("key", "problem"), [("12", "not an assertion id"), ("0", "not an assertion id"),
                                              ("ffffffff", "no assertion matches")])
def test_demo_review_id_prefixes(demo_copy, key, problem):
    result = runner.invoke(app, ["--db", str(demo_copy), "review", key, "confirm"])
    assert result.exit_code != 0 and problem in result.output


def test_demo_claims_print_short_ids_that_review_accepts(demo_copy):
    out = cli(demo_copy, "claims", "--about", "ISKP")
    short = next(word for word in out.split() if len(word) == 8 and all(c in "0123456789abcdef" for c in word))
    assert f"recorded confirm on {short}" in cli(demo_copy, "review", short, "confirm")


@pytest.mark.parametrize(("verdict", "direction", "moves"), [("agree", "supports", 1), ("disagree", "opposes", -1),
                                                              ("uncertain", "supports", 0)])
def test_demo_judge_is_an_attributed_analyst_line(demo_copy, verdict, direction, moves):
    prop = "22b1a7de"
    before = explain_view(view(demo_copy), prop).probability
    cli(demo_copy, "judge", prop, verdict, "--note", "desk review", "--analyst", "J. Smith",
        "--organisation", "Desk A")
    grade = explain_view(view(demo_copy), prop)
    data = explanation(grade)
    (line,) = [line for line in data["evidence_lines"] if line["kind"] == "analyst"]
    assert line["direction"] == direction and line["members"][0]["claimant"] == "analyst:J. Smith"
    assert line["members"][0]["outlet"] == "Desk A" and "desk review" in line["members"][0]["quote"]
    change = grade.probability - before
    assert (change > 0) - (change < 0) == moves
    assert "J. Smith" in cli(demo_copy, "explain", prop)


def test_demo_background_can_be_switched_off(demo_db):
    on, off = grades_json(demo_db), grades_json(demo_db, "--no-background")
    registry_only = [t for t, r in on.items() if r["background_lines"] == r["lines"] + r["opposing_lines"]]
    assert registry_only and not any(t in off for t in registry_only)
    assert all(r["background_lines"] == 0 and r["background"] is False for r in off.values())
    out = cli(demo_db, "claims")
    reported, _, background = out.partition("background: curated registry")
    assert background and "registry (" not in reported and "registry (" in background
