"""Timelines: date precision, casualty figures with their sources, attributions over time and denials."""

from __future__ import annotations

import pytest

from veracity.analyse.timeline import in_range, lines, timeline
from veracity.model.records import Assertion, Evidence, Stance
from veracity.store import Store


@pytest.mark.parametrize(
    ("date", "date_from", "date_to", "inside"),
    [
        ("2021-08-26", "2021-08", "2021-08", True),
        ("2021-08", "2021-08-15", None, True),
        ("2021", "2021-10-01", "2021-10-31", True),
        ("2021-07-31", "2021-08", None, False),
        ("2022-01-01", None, "2021", False),
        (None, "2021", None, False),
        (None, None, None, True),
    ],
)
def test_timeline_in_range(date: str | None, date_from: str | None, date_to: str | None, inside: bool) -> None:
    assert in_range(date, date_from, date_to) is inside


def _ev(claimant: str, published: str, stance: Stance = Stance.ASSERTS) -> Evidence:
    a = Assertion("actor:x", "responsible_for", "event:e", claimant, stance, f"doc-{published}", (0, 1), "q", "t@1")
    return Evidence(a, published=published)


def test_timeline_lines_first_appearance_and_later_denial() -> None:
    [line] = lines([_ev("actor:b", "2024-03-25"), _ev("actor:x", "2024-03-24", Stance.DENIES),
                    _ev("actor:a", "2024-03-23"), _ev("actor:x", "2024-03-26", Stance.DENIES)])
    assert (line.first_seen, line.first_claimant) == ("2024-03-23", "actor:a")
    assert [c for _, c in line.claimants] == ["actor:a", "actor:b"]
    assert line.denials == [("2024-03-24", "actor:x"), ("2024-03-26", "actor:x")] and line.denied_after


def test_timeline_figures_from_count_assertions_keep_each_source() -> None:
    from veracity.analyse.timeline import figures
    from veracity.model.records import Entity, EntityKind

    def count(role: str, n: str, doc: str, outlet: str) -> Evidence:
        a = Assertion("event:e", role, n, f"author:{doc}", Stance.ASSERTS, doc, (0, 1), "q", "t@1",
                      object_literal=True)
        return Evidence(a, published="2026-02", outlet=outlet)

    event = Entity(EntityKind.EVENT, "e", "bombing", attributes={"killed": 30})
    found = figures(event, [count("killed", "31", "d1", "Dawn"), count("injured", "169", "d1", "Dawn"),
                            count("killed", "32", "d2", "Reuters")])
    assert sorted((f.killed, f.injured, f.outlet) for f in found) == [(31, 169, "Dawn"), (32, None, "Reuters")]


def test_timeline_kabul_airport_attributions(gold_store: Store) -> None:
    entries = timeline(gold_store.view(), actor="ISKP", date_from="2021-08-01", date_to="2021-08-31")
    [airport] = [e for e in entries if e.event.name == "Kabul airport bombing"]
    assert (airport.date, airport.precision) == ("2021-08-26", "day")
    doers = {ln.subject for ln in airport.lines if ln.predicate == "responsible_for"}
    assert {"actor:islamic-state-khorasan-province", "actor:haqqani-network"} <= doers
    taliban = next(ln for ln in airport.lines if ln.subject == "actor:afghan-taliban")
    assert taliban.denials and taliban.first_seen == "2021-08"


def test_timeline_casualties_keep_their_source(gold_store: Store) -> None:
    view = gold_store.view()
    [mosque] = [e for e in timeline(view, place="Islamabad") if e.event.name == "Islamabad Shia mosque bombing"]
    [figure] = mosque.figures
    assert figure.killed == 31 and figure.source == view.document("001_9d29a5099517b682").id
    assert (figure.outlet, figure.published) == ("outlet-001", "2026-02")


@pytest.mark.parametrize(
    ("kwargs", "expected", "excluded"),
    [
        ({"actor": "TTP"}, "Sinwam ambush", "Kabul airport bombing"),
        ({"place": "Kabul"}, "Taliban takeover of Kabul", "Sinwam ambush"),
        ({"date_from": "2024", "date_to": "2024"}, "Crocus City Hall attack", "Kabul airport bombing"),
    ],
)
def test_timeline_filters(gold_store: Store, kwargs: dict, expected: str, excluded: str) -> None:
    names = [e.event.name for e in timeline(gold_store.view(), **kwargs)]
    assert expected in names and excluded not in names


def test_timeline_is_in_date_order(gold_store: Store) -> None:
    dates = [e.date for e in timeline(gold_store.view()) if e.date]
    assert dates == sorted(dates) and len(dates) > 20
