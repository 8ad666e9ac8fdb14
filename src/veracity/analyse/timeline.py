"""Timelines: events in date order with their precision, casualty figures with sources, and claims over time.

A timeline answers "what happened, how sure are we of the date and toll, and who blamed whom when". Each
casualty figure stays with the document that gave it (two outlets' different tolls are two lines, not an average),
and each proposition about an event records when it first appeared and when denials followed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from veracity.model.records import Entity, EntityKind, Evidence, Stance
from veracity.model.values import clean_count, clean_date, date_precision, date_upper_bound, normalise_name

UNDATED = "9999"


@dataclass(frozen=True, slots=True)
class Figure:
    """One casualty figure and where it came from (``source`` is a document id, or ``None`` when unsourced)."""

    killed: int | None
    injured: int | None
    source: str | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Line:
    """One proposition about an event over time: first appearance, every claimant, and the denials."""

    subject: str
    predicate: str
    object: str
    first_seen: str | None = None
    first_claimant: str = ""
    claimants: list[tuple[str | None, str]] = field(default_factory=list)
    denials: list[tuple[str | None, str]] = field(default_factory=list)

    @property
    def denied_after(self) -> bool:
        """True when a denial was published on or after the proposition's first appearance."""
        return any(d and self.first_seen and d >= self.first_seen for d, _ in self.denials)


@dataclass(slots=True)
class Entry:
    """One event on the timeline."""

    event: Entity
    date: str | None
    precision: str | None
    place: str | None
    country: str | None
    figures: list[Figure]
    lines: list[Line]

    @property
    def actors(self) -> set[str]:
        return {x for line in self.lines for x in (line.subject, line.object)} - {self.event.id}


def _sort_date(published: str | None) -> str:
    return published or UNDATED


def event_date(event: Entity) -> tuple[str | None, str | None]:
    """(date, precision) of an event; precision is recomputed when the attribute is missing."""
    date = clean_date(event.attributes.get("date"))
    return date, event.attributes.get("precision") or date_precision(date)


CASUALTY_ROLES = ("killed", "injured")


def asserted_figures(evidence: list[Evidence]) -> list[Figure]:
    """Figures stated as assertions (``event killed "31"``, a literal count), one per document and claimant."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for ev in evidence:
        a = ev.assertion
        if a.predicate in CASUALTY_ROLES and a.object_literal and a.stance is Stance.ASSERTS:
            item = found.setdefault((a.doc_id, a.claimant), {"doc_id": a.doc_id, "outlet": ev.outlet,
                                                              "published": ev.published})
            item[a.predicate] = clean_count(a.object)
    return [Figure(f.get("killed"), f.get("injured"), f["doc_id"], f["outlet"], f["published"])
            for f in found.values()]


def figures(event: Entity, evidence: list[Evidence]) -> list[Figure]:
    """Casualty figures with sources: count assertions, ``attributes['figures']`` lines, else the event's own.

    A figure line is ``{killed, injured, doc_id}``; a document's outlet and date are filled from the evidence of
    that document when the event has any. The entity-level figure is kept as one line whose source is
    ``attributes['doc_id']`` or ``None``, so a toll is never shown without saying where it came from (or that
    nothing says).
    """
    stated = asserted_figures(evidence)
    if stated:
        return stated
    docs = {e.assertion.doc_id: e for e in evidence}
    raw: list[dict[str, Any]] = list(event.attributes.get("figures") or [])
    if not raw and (event.attributes.get("killed") is not None or event.attributes.get("injured") is not None):
        raw = [{"killed": event.attributes.get("killed"), "injured": event.attributes.get("injured"),
                "doc_id": event.attributes.get("doc_id")}]
    out = []
    for item in raw:
        doc = docs.get(item.get("doc_id") or "")
        out.append(Figure(clean_count(item.get("killed")), clean_count(item.get("injured")), item.get("doc_id"),
                          doc.outlet if doc else item.get("outlet"), doc.published if doc else item.get("published")))
    return out


def lines(evidence: Iterable[Evidence]) -> list[Line]:
    """Group evidence by proposition in publication order; record first appearance, claimants and denials."""
    found: dict[tuple[str, str, str], Line] = {}
    for ev in sorted(evidence, key=lambda e: (_sort_date(e.published), e.id)):
        a = ev.assertion
        line = found.setdefault(a.triple, Line(a.subject, a.predicate, a.object))
        if a.stance is Stance.DENIES:
            line.denials.append((ev.published, a.claimant))
            continue
        if not line.claimants:
            line.first_seen, line.first_claimant = ev.published, a.claimant
        line.claimants.append((ev.published, a.claimant))
    return sorted(found.values(), key=lambda ln: (_sort_date(ln.first_seen), ln.predicate, ln.subject))


def entry(event: Entity, evidence: list[Evidence]) -> Entry:
    """A timeline entry for one event from the evidence about it."""
    date, precision = event_date(event)
    attrs = event.attributes
    return Entry(event, date, precision, attrs.get("place"), attrs.get("country"), figures(event, evidence),
                 lines(evidence))


def lower_bound(date: str) -> str:
    """The first day a partial date can mean (``2025-10`` -> ``2025-10-01``)."""
    parts = date.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def in_range(date: str | None, date_from: str | None, date_to: str | None) -> bool:
    """Does a partial date's interval overlap [from, to]? ``2025-10`` overlaps ``--from 2025-10-15``.

    Undated events fall outside any range, since nothing says they belong in it.
    """
    if not date_from and not date_to:
        return True
    if date is None:
        return False
    if date_from and date_upper_bound(date) < lower_bound(date_from):
        return False
    return not (date_to and lower_bound(date) > date_upper_bound(date_to))


def matches_place(entry_: Entry, place_keys: set[str]) -> bool:
    """True when the event's place or country, or a ``located_in`` line, names one of ``place_keys``."""
    names = {entry_.place, entry_.country} | {ln.object for ln in entry_.lines if ln.predicate == "located_in"}
    return any(n and (n in place_keys or normalise_name(n) in place_keys) for n in names)


def build(events: Iterable[Entity], evidence_of: Any, *, actor: str | None = None,
          place_keys: set[str] | None = None, date_from: str | None = None,
          date_to: str | None = None) -> Iterator[Entry]:
    """Timeline entries in date order; ``evidence_of(event_id)`` returns the evidence about one event.

    Filters: ``actor`` (an entity id on any line about the event), ``place_keys`` (ids or normalised names of a
    place), and a date range compared at each event's own precision.
    """
    chosen = [e for e in events if e.kind is EntityKind.EVENT and in_range(event_date(e)[0], date_from, date_to)]
    chosen.sort(key=lambda e: (event_date(e)[0] or UNDATED, e.name))
    for event in chosen:
        item = entry(event, list(evidence_of(event.id)))
        if actor and actor not in item.actors:
            continue
        if place_keys and not matches_place(item, place_keys):
            continue
        yield item


def timeline(view: Any, actor: str | None = None, place: str | None = None, date_from: str | None = None,
             date_to: str | None = None) -> list[Entry]:
    """The timeline of a store view (see :func:`build`); names are resolved through the view (NotFound)."""
    actor_id = view.find_entity(actor).id if actor else None
    keys = None
    if place:
        found = view.find_entity(place)
        keys = {found.id, found.name, normalise_name(found.name)}
    return list(build(view.entities(EntityKind.EVENT), lambda i: view.evidence(about=i), actor=actor_id,
                      place_keys=keys, date_from=clean_date(date_from) or date_from,
                      date_to=clean_date(date_to) or date_to))
