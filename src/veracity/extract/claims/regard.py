"""Claims made by regarding something as something: "Islamabad sees the TTP as an Indian proxy", "the Ghani regime
the Taliban saw as a US-imposed puppet", "Kabul branded the ISPP an arm of the ISI".

The seer is the claimant; the thing seen and the role noun it is seen as ("proxy", "puppet", "arm", "enemy") give
the link, with the role's owner as the other side ("Indian", "US-imposed", "of the ISI"). The verbs are
``cues.yaml`` data (``regard_verbs``); the role nouns are the ones ``role_nouns`` and ``label_nouns`` already list.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from veracity.extract.claims.slots import demonym_state, ids, negated
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues
from veracity.model.records import Stance

EXTRACTOR = "claims.regarded_as"


def _role_predicate(noun: Token) -> tuple[str, bool] | None:
    """The predicate a role noun gives and whether the owner is its subject ('puppet': the owner controls it)."""
    lemma = noun.lemma_.lower()
    for predicate, words in cues().raw.get("role_nouns", {}).items():
        if lemma in {str(w).lower() for w in words}:
            return predicate, predicate != "member_of"
    for predicate, words in cues().raw.get("label_nouns", {}).items():
        if lemma in {str(w).lower() for w in words}:
            return predicate, False
    return None


def _owners(ctx: Ctx, noun: Token) -> list[str]:
    """Whose role it is: 'Pakistan's proxy', 'an arm of the ISI', 'an Indian proxy', 'a US-imposed puppet'."""
    out = [i for c in noun.children if c.dep_ in {"poss", "nmod", "compound"} for i in ids(ctx, c)]
    out += [i for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children for i in ids(ctx, p)]
    for mod in (c for c in noun.children if c.dep_ == "amod"):
        state = demonym_state(ctx, mod)
        out += (
            [state] if state else [i for c in mod.children if c.dep_ in {"npadvmod", "compound"} for i in ids(ctx, c)]
        )
    return [i for i in dict.fromkeys(out) if i.startswith("actor:")]


_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})


def _seen(ctx: Ctx, verb: Token, seer: str) -> list[str]:
    """What is regarded: the object, the seer itself ('Pakistan terms itself an ally of the West'), or the noun a
    reduced relative clause hangs on ('the regime the Taliban saw as ...')."""
    objects = sorted((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "dative"}), key=lambda c: c.i)
    if objects and objects[0].lower_ in _REFLEXIVES:
        return [seer] if seer.startswith("actor:") else []
    found = [i for c in objects for i in ids(ctx, c)]
    if not found and verb.dep_ in {"relcl", "acl"}:
        found = ids(ctx, verb.head)
    return [i for i in found if i.startswith("actor:")]


def _as_nouns(verb: Token) -> list[Token]:
    """'as a US-imposed puppet' (a preposition), or 'branded the TTP an Indian proxy' (a predicative object)."""
    out = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
    out += [c for c in verb.children if c.dep_ in {"oprd", "xcomp"} and c.pos_ == "NOUN"]
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    return out + [c for c in objects[1:] if c.pos_ == "NOUN"]  # "branded the ISPP an arm of the ISI": two objects


def regarded_as(ctx: Ctx, verb: Token, claimant: str | None, sent: Span, used: set[int]) -> None:
    """Record 'X sees Y as Z's proxy' as X's claim that Z controls Y (or Y is hostile to Z, for 'enemy')."""
    if verb.lemma_.lower() not in cues().words("regard_verbs") or claimant is None:
        return
    for noun in _as_nouns(verb):
        role = _role_predicate(noun)
        if role is None:
            continue
        predicate, owner_first = role
        for held in _seen(ctx, verb, claimant):
            for owner in _owners(ctx, noun):
                subject, obj = (owner, held) if owner_first else (held, owner)
                ctx.add(
                    subject,
                    predicate,
                    obj,
                    claimant=claimant,
                    sent=sent,
                    extractor=EXTRACTOR,
                    stance=Stance.DENIES if negated(verb) else Stance.ASSERTS,
                    quote=sent.doc[min(verb.left_edge.i, verb.i) : noun.right_edge.i + 1].text,
                )
        used.update(t.i for t in noun.subtree)
