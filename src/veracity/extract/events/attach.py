"""Which event a role filler (a perpetrator, target, victim or weapon) belongs to, when its trigger is no event.

A report that mentions a war or a battle beside an attack must not hand the attacker to the war: "the TTP has
fought the state since 2007 ... On Monday its fighters stormed a checkpoint" names the TTP as the doer of the
assault, not of the insurgency. So a filler goes to an event of a compatible kind (an attack word's filler to an
incident, a war word's to a war or battle; an event of kind ``other`` fits any), in its own sentence first, then in
its paragraph, then anywhere, each time the closest mention before it (else after). A filler near an attack word is
never put on a war or battle that its sentence does not mention; with nothing else left it gets an event of its
own (the bridge makes one from its trigger).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from veracity.extract.events.anaphora import same_paragraph

_FIGHTING = frozenset({"war", "clash"})
_NEUTRAL = "other"


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event a filler may hang on: its id, type and the token indices where it is mentioned."""

    id: str
    type: str
    triggers: tuple[int, ...]


def family(kind: str) -> str:
    """The kind of happening an event type is: fighting (war, clash), a takeover, or an incident (any attack)."""
    if kind in _FIGHTING:
        return "fighting"
    return kind if kind in {"takeover", _NEUTRAL} else "incident"


def _fits(want: str | None, kind: str) -> bool:
    return want is None or kind == _NEUTRAL or family(kind) == want


def _closest(positions: Iterable[int], at: int) -> tuple[int, int]:
    """Closest mention before ``at`` first (reports name the event, then its doers), else closest after."""
    spots = list(positions)
    before = [at - i for i in spots if i <= at]
    return (0, min(before)) if before else (1, min(i - at for i in spots))


def _rank(cand: Candidate, doc: Doc, at: int, sent: Span, want: str | None) -> tuple[int, tuple[int, int]] | None:
    """Sort key of a candidate (lower is better), None when it must not take the filler."""
    fits = _fits(want, cand.type)
    own = [i for i in cand.triggers if sent.start <= i < sent.end]
    if own:
        return (0 if fits else 1, _closest(own, at))
    if not fits and want == "incident":  # an attacker is never the doer of a war mentioned elsewhere
        return None
    near = [i for i in cand.triggers if same_paragraph(doc, i, at)]
    if fits and near:
        return (2, _closest(near, at))
    return (3 if fits else 4, _closest(cand.triggers, at))


def choose_event(candidates: Iterable[Candidate], doc: Doc, at: int, want: str | None) -> str | None:
    """The id of the event the filler at token ``at`` belongs to, given the :func:`family` its words name (None
    when they name none); None when no candidate may take it."""
    sent = doc[at].sent
    ranked = [(key, c.id) for c in candidates if c.triggers and (key := _rank(c, doc, at, sent, want)) is not None]
    return min(ranked)[1] if ranked else None
