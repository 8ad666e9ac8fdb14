"""Surges: a Poisson upper-tail test per series against its own trailing baseline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from veracity.analyse.surges import score_series, surges, surges_of
from veracity.model.errors import InvalidInput
from veracity.model.records import Entity, EntityKind
from veracity.store import Store

START = date(2024, 1, 1)


def attacks(weekly: list[int], actor: str, kind: str = "bombing") -> list[Entity]:
    out = []
    for week, n in enumerate(weekly):
        for i in range(n):
            day = (START + timedelta(weeks=week, days=i % 7)).isoformat()
            out.append(Entity(EntityKind.EVENT, f"{actor} {week} {i}", kind, attributes={"date": day, "actor": actor}))
    return out


def by_actor(event: Entity) -> list[str]:
    return [event.attributes["actor"]]


@pytest.mark.parametrize(
    ("weekly", "flagged_weeks"),
    [
        ([1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 8], [12]),   # a jump to 8 over a baseline of ~0.7
        ([5, 6, 4, 5, 6, 5, 4, 6, 5, 5, 6, 5, 7], []),      # 7 over a baseline of 5 is ordinary
        ([0, 0, 0, 0, 2], []),                              # below min_count
        ([3, 9, 0, 0], []),                                 # too little history to judge
    ],
)
def test_surges_flags_only_significant_rises(weekly: list[int], flagged_weeks: list[int]) -> None:
    result = surges(attacks(weekly, "x"), by_actor)
    [series] = result.series
    assert [(w.start - START).days // 7 for w in series.surges] == flagged_weeks
    assert series.total == sum(weekly)


def test_surges_series_have_their_own_baseline() -> None:
    """The same count is a surge for a quiet group and ordinary for a busy one."""
    quiet = attacks([0, 1, 0, 0, 1, 0, 0, 1, 6], "quiet")
    busy = attacks([6, 5, 7, 6, 5, 6, 7, 5, 6], "busy")
    result = surges(quiet + busy, by_actor)
    flags = {s.key: len(s.surges) for s in result.series}
    assert flags == {"quiet": 1, "busy": 0}
    week = result.series[0].surges[0]
    assert week.p_value is not None and week.p_value < 0.01 and week.highest_since == START
    assert "Poisson" in result.test


def test_surges_skip_undated_and_non_violent() -> None:
    events = [Entity(EntityKind.EVENT, "a", "bombing", attributes={"date": "2024-03"}),
              Entity(EntityKind.EVENT, "b", "other", attributes={"date": "2024-03-01", "actor": "x"})]
    result = surges(events, by_actor)
    assert (result.series, result.skipped) == ([], 1)


def test_surges_score_series_baseline_is_trailing_mean() -> None:
    starts = [START + timedelta(weeks=i) for i in range(6)]
    series = score_series("k", [2, 2, 4, 4, 3, 9], starts, window=4, min_history=4)
    assert series.weeks[3].baseline is None and series.weeks[4].baseline == 3.0
    assert series.weeks[5].baseline == pytest.approx(13 / 4)


@pytest.mark.parametrize(("by", "key"), [("actor", "Tehrik-i-Taliban Pakistan"), ("country", "Pakistan"),
                                         ("province", "Islamabad Capital Territory")])
def test_surges_of_store(gold_store: Store, by: str, key: str) -> None:
    result = surges_of(gold_store.view(), by)
    assert key in {s.key for s in result.series}
    assert result.skipped > 0


def test_surges_unknown_grouping(gold_store: Store) -> None:
    with pytest.raises(InvalidInput):
        surges_of(gold_store.view(), "weather")
