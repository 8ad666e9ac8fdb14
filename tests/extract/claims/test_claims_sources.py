"""Who speaks and what the link is when the parse hides it: a publication speaks for its author, an impersonal
'X is believed to' has no speaker, a misattached 'to' still names the receiver, and backing someone's act is
backing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[..., dict[str, Any]]


def _claims(rec: dict[str, Any]) -> set[tuple[str, str, str, str, str]]:
    return {(c["claimant"], c["stance"], c["subject"], c["predicate"], c["object"]) for c in rec["claims"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shoigu wrote a long article for Rossiyskaya Gazeta in early May, which condemned Western spy agencies’ "
            "transfer of foreign fighters to ISIS-K cells in Afghanistan.",
            (
                "Sergey Shoigu",
                "asserts",
                "Western intelligence agencies",
                "transfers_fighters_to",
                "Islamic State Khorasan Province",
            ),
        ),
        (
            "Lavrov's article, which accused Washington of arming the Taliban, drew wide attention.",
            ("Sergey Lavrov", "asserts", "United States", "supports", "Afghan Taliban"),
        ),
    ],
)
def test_a_publication_speaks_for_its_author(record: Record, text: str, expected: tuple[str, ...]) -> None:
    assert expected in _claims(record(text))


def test_a_publication_without_an_author_names_no_claimant(record: Record) -> None:
    rec = record("A report was published in May, which praised the Taliban's economic record.")
    assert not {c for c in _claims(rec) if c[0] not in {"author", "unnamed reports"}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "While the ISI is believed to have played a decisive role in guiding the Taliban’s offensive, the agency "
            "later misjudged the group.",
            ("author", "asserts", "Inter-Services Intelligence", "supports", "Afghan Taliban"),
        ),
        (
            "Analysts say the ISI guided the Taliban's offensive on Kabul.",
            ("unnamed observers", "asserts", "Inter-Services Intelligence", "supports", "Afghan Taliban"),
        ),
    ],
)
def test_backing_someones_act_is_backing_them(record: Record, text: str, expected: tuple[str, ...]) -> None:
    rec = record(text)
    assert expected in _claims(rec)
    assert not {c for c in _claims(rec) if c[0] == "Inter-Services Intelligence"}  # the believed is no speaker


def test_backing_a_campaign_against_someone_is_not_backing_them(record: Record) -> None:
    rec = record("The ISI backed the TTP's campaign against Islamabad.")
    links = {(c[2], c[3], c[4]) for c in _claims(rec)} | {
        (r["subject"], r["predicate"], r["object"]) for r in rec["relations"]
    }
    assert ("Inter-Services Intelligence", "supports", "Pakistan") not in links
    assert ("Inter-Services Intelligence", "supports", "Tehrik-i-Taliban Pakistan") in links


def test_a_month_is_not_a_hedge(record: Record) -> None:
    rec = record("Turkey has mediated between the Taliban and the Pakistan government since May.")
    assert ("Turkey", "mediates", "Afghan Taliban") in {
        (r["subject"], r["predicate"], r["object"]) for r in rec["relations"]
    }


BOMBING = "A suicide bomber attacked the Russian embassy in Kabul on Monday. "


@pytest.mark.parametrize(
    "text",
    [
        BOMBING + "Moscow must ascertain which Taliban factions might have facilitated the bombing like some have "
        "begun to suspect.",
        BOMBING + "Moscow must find out which Taliban factions might have facilitated the bombing, as some observers "
        "suspect.",
        BOMBING + "taliban factions facilitated the bombing, as several analysts have suggested.",
    ],
)
def test_like_or_as_some_suspect_reports_the_clause_before(record: Record, text: str) -> None:
    claims = _claims(record(text))
    assert (
        "unnamed observers",
        "asserts",
        "Afghan Taliban",
        "responsible_for",
        "Russian Embassy in Kabul bombing",
    ) in (claims)
    assert not {c for c in claims if c[0] in {"Russia", "author"} and c[2] == "Afghan Taliban"}


@pytest.mark.parametrize(
    "text",
    [
        BOMBING + "Moscow must find out whether the Taliban facilitated the bombing.",
        BOMBING + "Investigators will determine who facilitated the bombing.",
    ],
)
def test_an_indirect_question_asserts_nothing(record: Record, text: str) -> None:
    assert not {c for c in _claims(record(text)) if c[0] not in {"author"}}


def test_like_between_two_clauses_is_no_report(record: Record) -> None:
    rec = record("Pakistan backs the TTP like India backs the BLA.")
    assert not {c for c in _claims(rec) if c[0] not in {"author"}}


@pytest.mark.parametrize(
    "text",
    [
        "Analysts see the talks as a turning point for the Taliban.",
        "Many Afghans see Pakistan as an enemy.",  # an enemy of whom? no owner named
    ],
)
def test_regarding_needs_a_role_with_an_owner(record: Record, text: str) -> None:
    assert not {c for c in _claims(record(text)) if c[3] in {"controls", "hostile_to"}}


def test_a_conjoined_verb_with_a_stray_subject_keeps_the_first_speaker(record: Record) -> None:
    rec = record(
        "Zabihullah Mujahid, who has spoken often from Kabul and has deep knowledge of the region, shared several "
        "tweets describing the nexus of Pakistan’s ISI and Haqqani network."
    )
    speakers = {c[0] for c in _claims(rec) if c[3] == "allied_with"}
    assert speakers == {"Zabihullah Mujahid"}
