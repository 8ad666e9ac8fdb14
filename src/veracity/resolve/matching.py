"""Cross-document resolution: an unregistered entity from one article against the aliases already in the store.

Decisions are judgements (same / not_same / unsure, with score and reason), never destructive merges: the
extraction is stored with its own ids and a ``same`` judgement joins them to the known entity at read time (the
store's ``View`` canonicalises ids through the newest judgement of each pair), so an analyst's later ``not_same``
splits an automatic merge without any row being rewritten; an ``unsure`` one is recorded for an analyst and changes
nothing. Short all-capital names are never merged on spelling alone across documents ("TPP" may be a typo
for "TTP" in one article and a party elsewhere); that needs the document's own context (``extract.coref``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from rapidfuzz import process
from rapidfuzz.fuzz import ratio

from veracity.extract.pipeline import Extraction
from veracity.model.records import Entity, EntityKind, Judgement, Sameness
from veracity.model.values import normalise_name

SAME_AT = 92.0
UNSURE_AT = 82.0


def _surfaces(extraction: Extraction, entity: Entity) -> list[str]:
    forms = [entity.name] + [a.surface for a in extraction.aliases if a.entity_id == entity.id]
    return list(dict.fromkeys(normalise_name(f) for f in forms))


def match_entity(surfaces: list[str], known: Mapping[str, str], kind_prefix: str = "actor:") -> Judgement | None:
    """The judgement for one entity given its normalised surfaces, or ``None`` when nothing is close.

    Exact alias match is ``same`` (score 1); a long name within a few edits of a known alias is ``same`` above
    :data:`SAME_AT` and ``unsure`` above :data:`UNSURE_AT`; short names only ever match exactly.
    """
    candidates = {k: v for k, v in known.items() if v.startswith(kind_prefix)}
    for surface in surfaces:
        if surface in candidates:
            return Judgement(
                left="",
                right=candidates[surface],
                sameness=Sameness.SAME,
                score=1.0,
                reason=f"alias {surface!r} is known",
            )
    best: tuple[float, str, str] | None = None
    for surface in (s for s in surfaces if len(s) >= 6):
        hit = process.extractOne(surface, list(candidates), scorer=ratio, score_cutoff=UNSURE_AT)
        if hit and (best is None or hit[1] > best[0]):
            best = (hit[1], surface, hit[0])
    if best is None:
        return _subset(surfaces, candidates)
    score, surface, alias = best
    sameness = Sameness.SAME if score >= SAME_AT else Sameness.UNSURE
    return Judgement(
        left="",
        right=candidates[alias],
        sameness=sameness,
        score=round(score / 100, 3),
        reason=f"{surface!r} is {score:.0f}% similar to known alias {alias!r}",
    )


def _subset(surfaces: list[str], candidates: Mapping[str, str]) -> Judgement | None:
    """'jamaat ansar' inside 'jamaat ansar al-furqan': maybe a short form, maybe a different group -> unsure."""
    for surface in surfaces:
        words = surface.split()
        if len(words) < 2:
            continue
        for alias, ident in candidates.items():
            if alias.split()[: len(words)] == words:
                return Judgement(
                    left="",
                    right=ident,
                    sameness=Sameness.UNSURE,
                    score=0.6,
                    reason=f"{surface!r} is the start of known alias {alias!r}",
                )
    return None


def resolve_entities(extraction: Extraction, known: Mapping[str, str]) -> tuple[Extraction, list[Judgement]]:
    """Match each unresolved actor of an extraction against ``known`` (normalised alias -> entity id).

    Returns the extraction unchanged (its ids are never rewritten: resolution only records decisions) and every
    judgement taken.
    """
    judgements: list[Judgement] = []
    for entity in extraction.entities:
        if entity.resolved or entity.kind is not EntityKind.ACTOR or entity.name[:1].islower():  # placeholders
            continue
        found = match_entity(_surfaces(extraction, entity), known)
        if found is None or found.right == entity.id:
            continue
        judgements.append(replace(found, left=entity.id))
    return extraction, judgements
