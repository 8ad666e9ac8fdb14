"""The gold-schema record of an extraction: perpetrator fields hold actors only, and a group claiming its own act
is ``claimed_by``, never an accusation by itself (GOLD.md: unnamed people are not actors)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

TEXT = "Two gunmen attacked a checkpoint in Bannu on Sunday, killing four soldiers. The TTP claimed responsibility."


@pytest.fixture(scope="module")
def event(record: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    [found] = [e for e in record(TEXT, "2024-05-14")["events"] if e["perpetrator_claimed_by"]]
    return found


def test_records_self_claim_is_claimed_by(event: dict[str, Any]) -> None:
    assert event["perpetrator_claimed_by"] == ["Tehrik-i-Taliban Pakistan"]
    assert all(a["actor"] != a["by"] for a in event["perpetrator_attributed_by"])


def test_records_unnamed_attackers_are_no_perpetrators(event: dict[str, Any]) -> None:
    named = [*event["perpetrator_claimed_by"], *event["perpetrator_stated"],
             *(a["actor"] for a in event["perpetrator_attributed_by"])]
    assert not any("gunmen" in n.lower() for n in named)


def test_records_one_entry_per_statement() -> None:
    from veracity.extract.records import _distinct

    line = {"claimant": "India", "stance": "asserts", "subject": "Pakistan", "predicate": "supports",
            "object": "Jaish-e-Mohammed", "hedged": False, "quote": "India accused Pakistan of backing JeM."}
    elsewhere = {**line, "quote": "India again accused Pakistan of backing JeM."}
    denial = {**line, "stance": "denies"}
    assert _distinct([line, dict(line), elsewhere, denial]) == [line, elsewhere, denial]


def test_records_real_extraction_lists_no_statement_twice(record: Callable[..., dict[str, Any]]) -> None:
    rec = record("The TTP claimed responsibility for the attack in Bannu. The TTP claimed responsibility for the "
                 "attack in Bannu, a spokesman said. Officials said the TTP, also known as the Pakistani Taliban, "
                 "carried out the attack in Bannu.", "2024-05-14")
    keys = [tuple(sorted((k, v) for k, v in c.items() if k != "hedged")) for c in rec["claims"] + rec["relations"]]
    assert len(keys) == len(set(keys))
