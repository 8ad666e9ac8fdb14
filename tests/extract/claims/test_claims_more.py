"""Claims rules beyond the plain reporting verb: parenthetical 'as X said', claim nouns owned by their possessor,
'a statement saying', denials of reports and allegations, quote runs under an introducing paragraph, and the
pronoun rules (binding, pronoun chains) that decide who a threat is about. Af-Pak news style, with lower case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[..., dict[str, Any]]
TTP, ISKP, AT = "Tehrik-i-Taliban Pakistan", "Islamic State Khorasan Province", "Afghan Taliban"
BLA = "Balochistan Liberation Army"


def _claims(rec: dict[str, Any]) -> set[tuple[str, str, str, str, str]]:
    return {(c["claimant"], c["stance"], c["subject"], c["predicate"], c["object"]) for c in rec["claims"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "As a BLA commander told reporters, the group could ally with the TTP.",
            (BLA, "asserts", BLA, "allied_with", TTP),
        ),
        (
            "as a ttp commander told reporters, the group could ally with al-qaeda.",
            (TTP, "asserts", TTP, "allied_with", "al-Qaeda"),
        ),
        (
            "As Zabihullah Mujahid said on Sunday, Pakistan is sheltering ISKP fighters.",
            ("Zabihullah Mujahid", "asserts", "Pakistan", "harbours", ISKP),
        ),
        (
            "The BLA is funded by India, Pakistani officials said.",
            ("Pakistani official", "asserts", "India", "supports", BLA),
        ),
    ],
)
def test_claims_parenthetical_as_said(record: Record, text: str, expected: tuple[str, ...]) -> None:
    assert expected in _claims(record(text))


def test_claims_parenthetical_is_not_the_author_voice(record: Record) -> None:
    rec = record("As one TTP leader told reporters, the TTP could join forces with the IS-K.")
    assert all(c["claimant"] != "author" for c in rec["claims"])
    assert not rec["relations"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Islamabad repeated its claim that India funds the TTP.",
            ("Pakistan", "asserts", "India", "supports", TTP),
        ),
        (
            "Pakistan's allegations that India funds the BLA have angered New Delhi.",
            ("Pakistan", "asserts", "India", "supports", BLA),
        ),
        (
            "Taliban accusations that Pakistan backs ISIS-K have strained ties.",
            (AT, "asserts", "Pakistan", "supports", ISKP),
        ),
    ],
)
def test_claims_noun_claim_belongs_to_its_possessor(record: Record, text: str, expected: tuple[str, ...]) -> None:
    assert expected in _claims(record(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Taliban officials rejected allegations that Pakistan backs ISIS-K.",
            (AT, "denies", "Pakistan", "supports", ISKP),
        ),
        (
            "The Taliban dismissed claims that they harbour al-Qaeda.",
            (AT, "denies", AT, "harbours", "al-Qaeda"),
        ),
        (
            "the taliban dismissed claims that they harbour al-qaeda.",
            (AT, "denies", AT, "harbours", "al-Qaeda"),
        ),
        (
            "The TTP issued a statement saying that the Afghan Taliban had sheltered its fighters.",
            (TTP, "asserts", AT, "harbours", "fighters (unspecified)"),
        ),
    ],
)
def test_claims_denials_and_statements(record: Record, text: str, expected: tuple[str, ...]) -> None:
    assert expected in _claims(record(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Journalist Amador Guallar shared several tweets describing the nexus of the ISI and the Haqqani network.",
            ("Amador Guallar", "asserts", "Inter-Services Intelligence", "allied_with", "Haqqani network"),
        ),
        (
            "Journalist Amador Guallar, who reported from Kabul, posted a thread on the Haqqani network.\n\n"
            "English Translation: The Afghan ISK is controlled by the Haqqani network.\n"
            "English translation: The Afghan ISK was taken over by the Haqqani network in 2020.",
            ("Amador Guallar", "asserts", "Haqqani network", "controls", ISKP),
        ),
    ],
)
def test_claims_tweets_and_translated_quote_runs(record: Record, text: str, expected: tuple[str, ...]) -> None:
    assert expected in _claims(record(text))


@pytest.mark.parametrize(
    "text",
    [
        "As one TTP leader told international media, if the Afghan Taliban put too much pressure on them, they "
        "could join forces with the IS-K.",
        "as one ttp leader told reporters, if the taliban put pressure on them, they could ally with the ISKP.",
    ],
)
def test_claims_conditional_threat_is_the_speakers_group(record: Record, text: str) -> None:
    claims = _claims(record(text))
    assert (TTP, "asserts", TTP, "allied_with", ISKP) in claims
    assert not any(c[2] == AT and c[3] == "allied_with" for c in claims)
    assert all(c["hedged"] for c in record(text)["claims"] if c["predicate"] == "allied_with")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Some terrorists seek sanctuary in Pakistan, officials say.",
            ("anonymous official", "asserts", "Pakistan", "harbours", "terrorists (unspecified)"),
        ),
        (
            "ISKP militants have found safe havens in Afghanistan's northern provinces, Pakistani officials said.",
            ("Pakistani official", "asserts", "Afghanistan", "harbours", ISKP),
        ),
        (
            "That includes the TTP, which the Taliban appears to be using to establish leverage in Islamabad.",
            ("author", "asserts", AT, "supports", TTP),
        ),
    ],
)
def test_claims_havens_and_relative_pronouns(record: Record, text: str, expected: tuple[str, ...]) -> None:
    assert expected in _claims(record(text))


def test_claims_find_reports_only_with_a_clause(record: Record) -> None:
    rec = record("ISKP militants have found safe havens in Afghanistan's northern provinces.")
    assert all(c["claimant"] != ISKP for c in rec["claims"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Afghan Taliban insist they will not allow any terror group to use Afghanistan as a launchpad.",
            (AT, "denies", AT, "harbours", "terror groups (unspecified)"),
        ),
        (
            "Pakistan accused the Taliban of allowing the TTP to use Afghan territory for attacks.",
            ("Pakistan", "asserts", AT, "harbours", TTP),
        ),
        (
            "This may be an attempt by the ISI to weaken the Taliban by funding the TTP.",
            ("author", "asserts", "Inter-Services Intelligence", "supports", TTP),
        ),
    ],
)
def test_claims_permission_and_means(record: Record, text: str, expected: tuple[str, ...]) -> None:
    assert expected in _claims(record(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "While the Afghan Taliban maintains it will not allow any terror group to use Afghanistan as a launchpad "
            "for attacks into neighboring countries, it has not taken any steps to clamp down on the TTP.",
            (AT, "denies", AT, "harbours", "terror groups (unspecified)"),
        ),
        (
            "While Pakistan insists it does not back the Taliban, the ISI funds the TTP.",
            ("Pakistan", "denies", "Pakistan", "supports", AT),
        ),
    ],
)
def test_claims_fronted_while_clause(record: Record, text: str, expected: tuple[str, ...]) -> None:
    assert expected in _claims(record(text))


@pytest.mark.parametrize(
    "text",
    [
        "India and Afghanistan have accused Pakistan of sheltering the TTP.",
        "india and afghanistan have accused pakistan of sheltering the ttp.",
    ],
)
def test_claims_each_conjoined_claimant(record: Record, text: str) -> None:
    claims = _claims(record(text))
    assert ("India", "asserts", "Pakistan", "harbours", TTP) in claims
    assert ("Afghanistan", "asserts", "Pakistan", "harbours", TTP) in claims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pakistani officials said the Jaffar Express attack was planned in Afghanistan.",
            ("Pakistani official", "asserts", "Afghanistan", "responsible_for"),
        ),
        (
            "The Taliban alleged that the Crocus attack was orchestrated from Pakistan.",
            ("Afghan Taliban", "asserts", "Pakistan", "responsible_for"),
        ),
        (
            "the taliban alleged that the crocus attack was masterminded in pakistan.",
            ("Afghan Taliban", "asserts", "Pakistan", "responsible_for"),
        ),
    ],
)
def test_claims_attack_planned_from_a_country(record: Record, text: str, expected: tuple[str, ...]) -> None:
    assert expected in {c[:4] for c in _claims(record(text))}


def test_claims_attack_planned_in_a_city_names_no_state(record: Record) -> None:
    rec = record("Pakistani officials said the Jaffar Express attack was planned in Kandahar.")
    assert not [c for c in rec["claims"] if c["predicate"] == "responsible_for"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Islamabad has made allegations of Indian support for the TTP.",
            ("Pakistan", "asserts", "India", "supports", TTP),
        ),
        (
            "Afghan support for the TTP worries Islamabad.",
            ("author", "asserts", "Afghanistan", "supports", TTP),
        ),
    ],
)
def test_claims_nationality_adjective_stands_for_state(record: Record, text: str, expected: tuple[str, ...]) -> None:
    assert expected in _claims(record(text))


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan’s Inter-Services Intelligence (ISI) Directorate is believed to have played a decisive role in "
        "guiding the Taliban’s lightning strike takeover of Afghanistan.",
        "The ISI is believed to have played a role in guiding the Taliban's takeover.",
    ],
)
def test_claims_member_noun_and_event_possessor(record: Record, text: str) -> None:
    assert ("author", "asserts", "Inter-Services Intelligence", "supports", AT) in _claims(record(text))


@pytest.mark.parametrize(
    "text",
    [
        "Mujahid repeated accusations that Pakistan backs ISIS-K, but added that the Crocus attack was also "
        "orchestrated from there.",
        "Pakistani officials said the TTP is sheltered in Afghanistan and that the Jaffar Express attack was "
        "planned from there.",
    ],
)
def test_claims_there_is_the_country_named_before(record: Record, text: str) -> None:
    claims = {c[3] for c in _claims(record(text)) if c[2] in {"Pakistan", "Afghanistan"}}
    assert "responsible_for" in claims
