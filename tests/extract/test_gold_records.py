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
