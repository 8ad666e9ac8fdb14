"""Surges: weekly attack counts per actor or province, tested against each series' own trailing baseline.

The test (printed with every result): for each series and week *t*, the baseline λ is the mean weekly count over
the ``window`` weeks before *t* (at least ``min_history`` weeks of history, floored at ``LAMBDA_FLOOR`` so a quiet
series is not infinitely surprised by one attack). Under "no change" the week's count X is Poisson(λ), and the
week is flagged when the upper-tail probability P(X >= x | λ) is below ``alpha`` and x >= ``min_count``. Each
flag also says since when the count is the highest ("highest since 2022-01-03"), the form in which claims such as
"attacks hit a four-year high" are made and can be checked.

Only violent events dated to the day are binned; events dated to a month or year cannot be placed in a week and
are counted in ``skipped`` rather than guessed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from scipy.stats import poisson

from veracity.analyse.graph import usable
from veracity.model.errors import InvalidInput
from veracity.model.records import Entity, EntityKind, Evidence, Stance
from veracity.model.values import clean_date
from veracity.model.vocabulary import vocabulary

LAMBDA_FLOOR = 0.1
TEST = ("Poisson upper tail: flag week t when P(X >= x_t | lambda) < alpha and x_t >= min_count, lambda = mean of "
        "the series' previous {window} weeks (>= {min_history} weeks of history, floor 0.1)")


@dataclass(frozen=True, slots=True)
class Week:
    """One week of one series with its baseline and tail probability."""

    start: date
    count: int
    baseline: float | None
    p_value: float | None
    flagged: bool
    highest_since: date | None = None


@dataclass(slots=True)
class Series:
    """Weekly counts for one actor or province."""

    key: str
    weeks: list[Week] = field(default_factory=list)

    @property
    def surges(self) -> list[Week]:
        return [w for w in self.weeks if w.flagged]

    @property
    def total(self) -> int:
        return sum(w.count for w in self.weeks)


@dataclass(slots=True)
class Surges:
    """Every series plus the test's statement and what could not be binned."""

    by: str
    test: str
    series: list[Series]
    skipped: int = 0


def week_start(day: date) -> date:
    """The Monday of a day's ISO week."""
    return day - timedelta(days=day.weekday())


def attack_weeks(events: Iterable[Entity], keys: Callable[[Entity], Iterable[str]]) -> tuple[Counter, int]:
    """Counts per (series key, week) of violent, day-dated events; and how many events were skipped."""
    violent = vocabulary().violent_event_types
    counts: Counter = Counter()
    skipped = 0
    for event in events:
        if event.kind is not EntityKind.EVENT or event.type not in violent:
            continue
        day = clean_date(event.attributes.get("date"))
        if day is None or day.count("-") != 2:
            skipped += 1
            continue
        for key in set(keys(event)):
            counts[(key, week_start(date.fromisoformat(day)))] += 1
    return counts, skipped


def _highest_since(history: list[int], starts: list[date], count: int) -> date | None:
    """The start of the series (or the week after the last week at least as high) when ``count`` tops it."""
    for i in range(len(history) - 1, -1, -1):
        if history[i] >= count:
            return starts[i + 1] if i + 1 < len(starts) else None
    return starts[0] if starts else None


def score_series(key: str, counts: list[int], starts: list[date], window: int = 12, min_history: int = 4,
                alpha: float = 0.01, min_count: int = 3) -> Series:
    """Apply the Poisson upper-tail test (module docstring) to one zero-filled weekly series."""
    series = Series(key)
    for t, x in enumerate(counts):
        past = counts[max(0, t - window):t]
        if len(past) < min_history:
            series.weeks.append(Week(starts[t], x, None, None, False))
            continue
        lam = max(sum(past) / len(past), LAMBDA_FLOOR)
        p = float(poisson.sf(x - 1, lam)) if x > 0 else 1.0
        flagged = p < alpha and x >= min_count
        since = _highest_since(counts[:t], starts, x) if flagged else None
        series.weeks.append(Week(starts[t], x, lam, p, flagged, since))
    return series


def surges(events: Iterable[Entity], keys: Callable[[Entity], Iterable[str]], by: str = "actor", window: int = 12,
           min_history: int = 4, alpha: float = 0.01, min_count: int = 3) -> Surges:
    """Weekly series per key over the common span of all events, each tested against its own baseline."""
    counts, skipped = attack_weeks(events, keys)
    test = TEST.format(window=window, min_history=min_history) + f", alpha={alpha}, min_count={min_count}"
    if not counts:
        return Surges(by, test, [], skipped)
    first, last = min(w for _, w in counts), max(w for _, w in counts)
    starts = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    grouped: dict[str, list[int]] = defaultdict(lambda: [0] * len(starts))
    for (key, week), n in counts.items():
        grouped[key][(week - first).days // 7] = n
    series = [score_series(k, v, starts, window, min_history, alpha, min_count) for k, v in sorted(grouped.items())]
    series.sort(key=lambda s: (-len(s.surges), -s.total, s.key))
    return Surges(by, test, series, skipped)


BY = ("actor", "province", "country")


def perpetrators(evidence: Iterable[Evidence]) -> dict[str, set[str]]:
    """Event id -> actors asserted (by anyone) to be responsible; denials and rejected lines do not count."""
    found: dict[str, set[str]] = defaultdict(set)
    for ev in evidence:
        a = ev.assertion
        if a.predicate == "responsible_for" and a.stance is Stance.ASSERTS and usable(ev):
            found[a.object].add(a.subject)
    return found


def key_function(view: Any, by: str) -> Callable[[Entity], Iterable[str]]:
    """How events are assigned to series: by attributed actor, by province (gazetteer) or by country."""
    if by == "actor":
        doers = perpetrators(view.evidence(predicate="responsible_for"))
        names: dict[str, str] = {}

        def actors(event: Entity) -> list[str]:
            return [names.setdefault(i, view.name(i)) for i in doers.get(event.id, ())]

        return actors
    if by == "province":
        from veracity.analyse.places import default_gazetteer, province_of

        gaz = default_gazetteer()
        return lambda e: [p] if (p := e.attributes.get("province") or province_of(gaz, e.attributes.get("place"))) \
            else []
    if by == "country":
        return lambda e: [c] if (c := e.attributes.get("country")) else []
    raise InvalidInput(f"cannot group surges by {by!r}", fix=f"use --by {' | '.join(BY)}")


def surges_of(view: Any, by: str = "actor", **options: Any) -> Surges:
    """Surges over a store view's events (see :func:`surges` for the test and its options)."""
    return surges(view.entities(EntityKind.EVENT), key_function(view, by), by=by, **options)
