"""Event roles (perpetrator, target, victim, weapon) from the shared role finder, as assertions.

The role finder lives in ``veracity.extract.roles`` (``find_roles(sdoc) -> list[RoleFiller]``), written and tuned
on MUC-4 by another engineer, so the benchmark and the product use the same component. Until it is importable this
bridge adds nothing beyond what the events and relations steps already record.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from veracity.extract.context import Ctx
from veracity.extract.links import ids

_ROLE_PREDICATE = {"target": "target", "victim": "victim", "weapon": "weapon"}


@cache
def _finder() -> Any:
    try:
        module = importlib.import_module("veracity.extract.roles")
    except ImportError:
        return None
    return getattr(module, "find_roles", None)


def _event_for(ctx: Ctx, filler: Any) -> str | None:
    start = getattr(filler, "trigger_char", None)
    text = getattr(filler, "trigger", None) or ""
    span = ctx.sdoc.char_span(start, start + max(1, len(text)), alignment_mode="expand") if start is not None else None
    if span is not None:
        for token in span:
            event = ctx.event(token)
            if event is not None:
                return event.id
    sent_start = getattr(filler, "sent_start", None)
    for event in ctx.events:
        if any(ctx.sdoc[i].sent.start_char == sent_start for i in event.triggers):
            return event.id
    return None


def add_roles(ctx: Ctx, used: set[int]) -> None:
    """Turn each role filler into an assertion about the event it belongs to (perpetrators: responsible_for).

    ``used`` holds the tokens read as reported speech: a perpetrator found there is someone's accusation, already
    recorded as a claim, and is never restated in the article's voice.
    """
    finder = _finder()
    if finder is None:
        return
    try:
        fillers = finder(ctx.sdoc)
    except OSError:  # the trained role model is not shipped yet: the product still works without roles
        return
    for filler in fillers:
        _add_filler(ctx, filler, used)


def _add_filler(ctx: Ctx, filler: Any, used: set[int]) -> None:
    event = _event_for(ctx, filler)
    span = ctx.sdoc.char_span(filler.start_char, filler.end_char, alignment_mode="expand")
    if event is None or span is None:
        return
    found = ids(ctx, span.root)
    if filler.role.startswith("perpetrator"):
        if span.root.i in used:
            return
        for actor in (f for f in found if f.startswith("actor:")):
            if not any(a.subject == actor and a.object == event for a in ctx.assertions):
                ctx.add(
                    actor,
                    "responsible_for",
                    event,
                    claimant=ctx.author,
                    sent=span.sent,
                    extractor="events.roles",
                    attribution="stated",
                )
        return
    predicate = _ROLE_PREDICATE.get(filler.role)
    if predicate:
        obj = found[0] if found and filler.role == "target" else filler.text
        ctx.add(
            event,
            predicate,
            obj,
            claimant=ctx.author,
            sent=span.sent,
            extractor="events.roles",
            literal=obj == filler.text,
        )
