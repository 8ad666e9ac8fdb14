"""Writes through the API on a private copy of the demo store: a review's reply carries the proposition and its
grade after the review, a correction names the corrected proposition, and judge records an analyst's line as
`veracity judge` does (the CLI reads the same judgement back)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from veracity.cli import app as cli


def _get(client: TestClient, path: str, **params: object) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _backing(client: TestClient) -> dict[str, Any]:
    return next(c for c in _get(client, "/api/claims", about="ISKP", by="Zabihullah Mujahid", limit=500)["items"]
                if c["predicate"] == "supports")


def test_review_reply_carries_the_proposition_and_its_grade_after(writer_client: TestClient) -> None:
    claim = _backing(writer_client)
    made = writer_client.post("/api/reviews", json={"assertion_id": claim["id"][:10], "verdict": "reject"})
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["assertion_id"] == claim["id"] and body["proposition"] == claim["proposition"]
    after = _get(writer_client, f"/api/propositions/{claim['proposition']}")
    # one of two reports in a merged line (see test_routes_api): the proposition is still graded
    assert body["grade"] is not None and body["grade"]["id"] == claim["proposition"]
    assert body["grade"]["probability"] == pytest.approx(after["probability"], abs=1e-4)
    assert claim["id"] in after["rejected_by_analyst"]


def test_review_correct_through_the_api_names_the_new_proposition(writer_client: TestClient) -> None:
    claim = _backing(writer_client)
    made = writer_client.post("/api/reviews", json={"assertion_id": claim["id"], "verdict": "correct",
                                                    "correction": {"predicate": "hostile_to"}, "note": "misread"})
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["corrected_assertion"] and body["corrected_proposition"] != claim["proposition"]
    fixed = _get(writer_client, f"/api/propositions/{body['corrected_proposition']}")
    assert fixed["predicate"] == "hostile_to" and body["corrected_grade"]["id"] == fixed["id"]


def test_review_with_an_unknown_slot_is_422(writer_client: TestClient) -> None:
    claim = _backing(writer_client)
    made = writer_client.post("/api/reviews", json={"assertion_id": claim["id"], "verdict": "correct",
                                                    "correction": {"colour": "red"}})
    assert made.status_code == 422 and "message" in made.json()


@pytest.mark.parametrize("verdict", ["agree", "disagree", "uncertain"])
def test_judge_through_the_api_adds_the_analysts_line(writer_client: TestClient, writable_db: Path,
                                                      verdict: str) -> None:
    claim = _backing(writer_client)
    before = _get(writer_client, f"/api/propositions/{claim['proposition']}")
    made = writer_client.post("/api/judgements", json={"proposition": claim["proposition"][:8], "verdict": verdict,
                                                       "note": "<b>checked</b> the sources", "analyst": "Dana",
                                                       "organisation": "Desk"})
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["proposition"] == claim["proposition"] and body["grade"]["id"] == claim["proposition"]
    after = _get(writer_client, f"/api/propositions/{claim['proposition']}")
    assert body["grade"]["probability"] == pytest.approx(after["probability"], abs=1e-4)
    if verdict == "agree":
        assert after["probability"] >= before["probability"]
    elif verdict == "disagree":
        assert after["probability"] <= before["probability"] and after["opposing_lines"] > before["opposing_lines"]
    mine = [c for c in _get(writer_client, "/api/claims", about="ISKP", limit=500)["items"]
            if c["id"] == body["assertion_id"]]
    assert mine and mine[0]["analyst"] and "Dana" in mine[0]["claimant"]
    done = CliRunner().invoke(cli, ["--db", str(writable_db), "claims", "--about", "ISKP", "--json"])
    assert body["assertion_id"] in [json.loads(line)["id"] for line in done.output.splitlines()]


@pytest.mark.parametrize(("body", "status"), [
    ({"proposition": "ffffffffffff", "verdict": "agree"}, 404),
    ({"proposition": "ffffffffffff", "verdict": "approve"}, 422),
    ({"verdict": "agree"}, 422),
])
def test_bad_judgements_are_refused(writer_client: TestClient, body: dict[str, str], status: int) -> None:
    response = writer_client.post("/api/judgements", json=body)
    assert response.status_code == status and "message" in response.json()
