"""Denials of reported acts: the denier, the act as an event, the stance, and what must not match."""

from __future__ import annotations

import pytest

DENIED = [
    ("Taliban official statements have denied widespread reports that many TTP fighters were released from prison.",
     "Afghan Taliban", "Afghan Taliban", "Release of Tehrik-i-Taliban Pakistan prisoners"),
    ("The Pakistan army denied reports that it had released three TTP commanders from prison in Swat.",
     "Pakistan Army", "Pakistan Army", "Release of Tehrik-i-Taliban Pakistan prisoners"),
    ("Kabul rejected allegations that the Taliban freed BLA fighters held in Kandahar jail.",
     "Afghan Taliban", "Afghan Taliban", "Release of Balochistan Liberation Army prisoners"),
    ("the pakistan army denied reports that it had released ttp commanders from jail.",
     "Pakistan Army", "Pakistan Army", "Release of Tehrik-i-Taliban Pakistan prisoners"),
]


@pytest.mark.parametrize(("text", "claimant", "subject", "event"), DENIED)
def test_denials_of_reported_acts(record, text: str, claimant: str, subject: str, event: str) -> None:
    rec = record(text)
    denials = [c for c in rec["claims"] if c["stance"] == "denies" and c["predicate"] == "responsible_for"]
    assert [(c["claimant"], c["subject"], c["object"]) for c in denials] == [(claimant, subject, event)]
    assert event in {e["label"] for e in rec["events"]}
    assert all(e["type"] == "other" for e in rec["events"] if e["label"] == event)


@pytest.mark.parametrize("text", [
    "The Taliban released a statement saying the TTP was not welcome in Afghanistan.",  # no denial
    "The Pakistan army denied reports that its jets had crossed into Afghan airspace.",  # no reported act
    "Officials denied that the prison had been attacked.",  # no report noun
])
def test_denials_need_a_denied_report_of_an_act(record, text: str) -> None:
    rec = record(text)
    assert not any(e["label"].startswith("Release") for e in rec["events"])
    assert not any(c["object"].startswith("Release") for c in rec["claims"])


@pytest.mark.parametrize(("text", "reporter"), [
    ("Taliban officials have denied widespread reports that many TTP commanders were freed from prison in Kabul.",
     "unnamed reports"),
    ("The Taliban denied the ISI's claims that TTP fighters were released from Bagram prison.",
     "Inter-Services Intelligence"),
    ("the pakistan army denied reports that it had released ttp commanders from jail.", "unnamed reports"),
])
def test_denied_report_is_its_makers_hedged_claim(record, text: str, reporter: str) -> None:
    """The report someone denies is a claim too: its maker (or 'unnamed reports') asserts the act, hedged."""
    rec = record(text)
    asserted = [c for c in rec["claims"] if c["stance"] == "asserts" and c["object"].startswith("Release")]
    assert [(c["claimant"], c["hedged"]) for c in asserted] == [(reporter, True)]


def test_a_denied_act_with_no_report_noun_has_no_reporter(record) -> None:
    rec = record("Officials of the Taliban denied that they had released TTP commanders from prison.")
    assert not [c for c in rec["claims"] if c["claimant"] == "unnamed reports"]
