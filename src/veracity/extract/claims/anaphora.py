"""Claims whose content is said earlier (or later) than their claimant: anaphoric claim nouns and event plurals.

* "India, Iran and now the Taliban have all leveled these claims": 'these claims' points back to the accusation the
  previous sentences made, so each named claimant asserts that accusation again (``rejected such allegations``
  denies it).
* "a series of deadly attacks which Pakistan blamed on India-backed militants": a plural attack noun that is no
  event itself stands for the attacks the next sentence lists ("a series of"), or the previous one listed ("these
  attacks").

Kept apart from ``claims`` (one reporting verb, its own clause) because these read across sentences.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from veracity.extract.claims.slots import ids
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues
from veracity.model.records import Assertion, Stance
from veracity.model.vocabulary import vocabulary

EXTRACTOR = "claims.anaphoric"
_LOOKBACK = 3  # sentences an anaphoric claim noun may reach back
_SERIES_REACH = 2  # sentences 'a series of attacks' may reach ahead (or 'these attacks' back)


def is_anaphoric(noun: Token) -> bool:
    """'these claims', 'such accusations', 'those allegations': a claim noun with a pointing determiner and no
    clause of its own."""
    pointers = cues().words("claim_anaphora", "determiners")
    pointed = any(c.dep_ in {"det", "amod", "predet"} and c.lower_ in pointers for c in noun.children)
    own = any(c.dep_ in {"acl", "ccomp", "relcl"} for c in noun.children)
    return pointed and not own


def antecedent_links(ctx: Ctx, sent: Span) -> list[Assertion]:
    """The accusations of the nearest earlier sentence (within ``_LOOKBACK``) that made one: the links any claimant,
    the author included, put forward there. One triple each."""
    wanted = cues().words("claim_anaphora", "predicates")
    sents = list(ctx.sdoc.sents)
    index = next(i for i, s in enumerate(sents) if s.start == sent.start)
    for earlier in reversed(sents[max(0, index - _LOOKBACK) : index]):
        found = [a for a in ctx.assertions if a.span[0] == earlier.start_char and a.predicate in wanted]
        if found:
            unique: dict[tuple[str, str, str], Assertion] = {}
            for a in found:
                unique.setdefault((a.subject, a.predicate, a.object), a)
            return list(unique.values())
    return []


def listed_claimants(ctx: Ctx, subject: Token) -> list[str]:
    """Every actor of a listed subject: 'India, previously the US, occasionally Iran, and now the Taliban' parses
    as appositions and conjuncts hanging on each other."""
    out: list[str] = []
    todo = [subject]
    while todo:
        token = todo.pop(0)
        out += [i for i in ids(ctx, token) if i.startswith("actor:") and i not in out]
        todo += [c for c in token.children if c.dep_ in {"conj", "appos"}]
    return out


def restate(ctx: Ctx, noun: Token, sent: Span, claimants: list[str], deny: bool) -> bool:
    """Record the antecedent accusation once per claimant; True when there was one to restate."""
    links = antecedent_links(ctx, sent)
    for link in links:
        for who in claimants:
            if who == link.subject and not deny:
                continue  # "Pakistan has rejected these claims" is a denial; an accused never "levels" its own
            ctx.add_link(
                link,
                claimant=who,
                sent=sent,
                extractor=EXTRACTOR,
                stance=Stance.DENIES if deny else Stance.ASSERTS,
                attribution=("accused_by_authorities" if link.predicate == "responsible_for" else None),
                quote=sent.text.strip(),
                literal=link.object_literal,
            )
    return bool(links)


def series_events(ctx: Ctx, noun: Token) -> list[str]:
    """Violent events a plural attack noun stands for when it is not an event itself: 'a series of attacks' looks
    ahead to the next sentence that lists attacks, 'these attacks' back to the previous one."""
    if noun.lemma_.lower() not in cues().words("claim_anaphora", "attack_nouns") or noun.tag_ not in {"NNS", "NNPS"}:
        return []
    sents = list(noun.doc.sents)
    index = next(i for i, s in enumerate(sents) if s.start <= noun.i < s.end)
    ahead = noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in cues().words("claim_anaphora", "series")
    steps = range(1, _SERIES_REACH + 1)
    violent = vocabulary().violent_event_types
    for other in (index + k if ahead else index - k for k in steps):  # the nearest sentence that lists attacks
        if not 0 <= other < len(sents):
            break
        target = sents[other]
        found = [
            e.id for e in ctx.events if e.type in violent and any(target.start <= i < target.end for i in e.triggers)
        ]
        if found:
            return found
    return []
