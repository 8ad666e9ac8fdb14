"""Whose voice a claim is in when no named actor speaks: the article itself ("this analysis argued"), an unnamed
holder of a title ("a former ISI chief said", "... of the former chief of the ISI, where he brags"), or the quoted
speaker when a reporting verb inside a quote has no speaker of its own ("it will be stated that ...").

GOLD.md gives unnamed people fixed placeholder names, never actors: "former ISI chief (unnamed)". The name is built
from what the text says (the organisation as written, the title, "former"), so the scorer's half-words rule can
match it. Word lists are ``cues.yaml`` data (``self_reference``, ``titles``, ``former_modifiers``).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from veracity.extract.actors.finder import ActorMention
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
_OWNER_DEPS = frozenset({"compound", "poss", "nmod", "appos", "pobj", "prep", "amod"})
_REACH = 60  # tokens back a pronoun may look for an unnamed title holder


def self_reference(ctx: Ctx, subject: Token) -> str | None:
    """'This analysis here assessed ...', 'the present article argues ...': the article speaking of itself is the
    author. Needs a demonstrative ('this', 'the present') and no owner ('this analysis by Reuters' is not)."""
    c = cues()
    if subject.lemma_.lower() not in c.words("self_reference", "nouns"):
        return None
    pointed = any(
        d.dep_ in {"det", "amod"} and d.lower_ in c.words("self_reference", "pointers") for d in subject.children
    )
    owned = any(
        d.dep_ in {"poss", "compound"} or (d.dep_ == "prep" and d.lower_ in {"by", "of", "from"})
        for d in subject.children
    )
    return ctx.author if pointed and not owned else None


def publication_owner(ctx: Ctx, subject: Token) -> str | None:
    """'An analysis by Reuters argued ...', 'a report from the UN found ...': a publication speaks for whoever
    the 'by'/'from' phrase names."""
    if subject.lemma_.lower() not in cues().words("publication_nouns") | cues().words("self_reference", "nouns"):
        return None
    for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            actor = ctx.actor(pobj)
            if actor is not None:
                return actor.entity.id
    return None


def _is_former(noun: Token) -> bool:
    return any(c.dep_ in {"amod", "compound"} and c.lower_ in cues().words("former_modifiers") for c in noun.children)


def _organisation(ctx: Ctx, noun: Token) -> ActorMention | None:
    """The body a title belongs to: 'ISI chief', 'chief of Pakistan's secret service ISI' (the most specific body
    wins: an agency or group over its state)."""
    found: list[ActorMention] = []
    for token in noun.subtree:
        if token.i == noun.i or token.dep_ in {"relcl", "acl"} or not _within_phrase(token, noun):
            continue
        actor = ctx.found.actor_at(token.i)
        if actor is not None and actor.entity.type != "person" and actor not in found:
            found.append(actor)
    found.sort(key=lambda m: (m.entity.type != "state", m.start))
    return found[-1] if found else None


def _within_phrase(token: Token, noun: Token) -> bool:
    """The token modifies the title noun's own phrase, not a clause hanging on it."""
    head = token
    while head.i != noun.i:
        if head.dep_ not in _OWNER_DEPS:
            return False
        head = head.head
    return True


def _named_person_near(ctx: Ctx, noun: Token) -> bool:
    """'Taliban spokesman Zabihullah Mujahid', 'Sergey Shoigu, the secretary': the title belongs to a named person."""
    near = [noun.head, *noun.children]
    return any((m := ctx.found.actor_at(t.i)) is not None and m.entity.type == "person" for t in near)


def titled_unnamed(ctx: Ctx, noun: Token) -> str | None:
    """A placeholder for an unnamed title holder of a named body: 'a former ISI chief' -> 'former ISI chief
    (unnamed)'. A current member of an armed group speaks for the group (``claims._group_of``), so a title of a
    non-state body counts here only with 'former'."""
    name = _unnamed_name(ctx, noun)
    return ctx.placeholder(name, "person") if name else None


def _unnamed_name(ctx: Ctx, noun: Token) -> str | None:
    """The placeholder name of an unnamed title holder, or None (no side effects: probing registers nothing)."""
    c = cues()
    title = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or title not in c.titles or ctx.found.actor_at(noun.i) is not None:
        return None
    former = _is_former(noun)
    if title in c.words("unnamed_sources", "officials") and not former:
        return None  # "a Pakistan official who spoke on condition of anonymity": the unnamed-source convention
    if noun.dep_ == "compound" or _named_person_near(ctx, noun):
        return None
    org = _organisation(ctx, noun)
    if org is None or not (former or org.entity.type in {"state", "state_agency"}):
        return None
    return f"{'former ' if former else ''}{org.surface} {noun.lower_} (unnamed)"


def bind_unnamed_speakers(ctx: Ctx) -> None:
    """'... a video of the former chief of the ISI, where he brags ...': a person pronoun refers to an unnamed
    title holder named shortly before it rather than to a named person further back."""
    doc = ctx.sdoc
    for token in doc:
        if token.lower_ not in _PERSON_PRONOUNS:
            continue
        current = ctx.antecedents.get(token.i)
        for i in range(token.i - 1, max(-1, token.i - _REACH), -1):
            if current is not None and i < current.end:
                break
            near = doc[i].sent.start == token.sent.start or doc[i].dep_ in {"nsubj", "nsubjpass"}
            if near and _unnamed_name(ctx, doc[i]) is not None:  # salient: same sentence, or a subject
                placeholder = titled_unnamed(ctx, doc[i]) or ""
                entity = ctx.placeholders[placeholder]
                ctx.antecedents[token.i] = ActorMention(i, i + 1, entity, doc[i].text, "unnamed")
                break


@lru_cache(maxsize=8)
def _quoted(doc_text: str) -> tuple[tuple[int, int], ...]:
    from veracity.extract.claims.quotes import quote_spans  # quotes reads claimants through claims: import when used

    return tuple(quote_spans(doc_text))


def inside_quote(doc: Doc, token: Token) -> bool:
    """The token lies inside quotation marks (or a quoted paragraph)."""
    start = token.idx
    return any(a <= start < b for a, b in _quoted(doc.text))


def impersonal_in_quote(verb: Token) -> bool:
    """'“... it will be stated that the ISI defeated X”': an impersonal passive report inside a quote is the quoted
    speaker's own claim, not 'unnamed reports'; the quote step reads it with its speaker."""
    impersonal = any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children)
    return impersonal and inside_quote(verb.doc, verb)
