"""Actors: registry patterns matched before the statistical NER, then every entity span sorted into actor or place.

Decisions taken here, each for a linguistic reason:
- registry aliases that are short or all capitals match case-sensitively (ISI must not match "isi"); long names
  match case-insensitively so lower-cased wire text still works;
- NORP and adjective forms ("Pakistani", "Afghan") are never actor surfaces;
- a country is a place when it sits in a locative phrase ("detained in Pakistan") and the state actor otherwise;
  a capital (a registry metonym) is the government only when it acts: subject of a verb, object of a political
  verb, or the other side of a relation noun ("ties with Islamabad").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from veracity.extract.lexicon import cues
from veracity.extract.places import lookup_place
from veracity.extract.registry_ruler import FACTORY as REGISTRY_RULER
from veracity.model.records import Entity, EntityKind
from veracity.model.registry import RegistryActor, registry

RULER = "veracity_actors"
ACTOR_LABEL = "ACTOR"
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "inside",
        "into",
        "across",
        "near",
        "through",
        "along",
        "within",
        "throughout",
        "around",
        "outside",
        "toward",
        "towards",
        "from",
        "to",
        "via",
        "over",
        "of",
    }
)


@dataclass(slots=True)
class ActorMention:
    """One actor occurrence in a document: token span and the entity it stands for."""

    start: int
    end: int
    entity: Entity
    surface: str
    origin: str = "ner"


@dataclass(slots=True)
class PlaceMention:
    """One place occurrence: token span, normalised name, kind and country."""

    start: int
    end: int
    name: str
    kind: str
    country: str | None
    surface: str


@dataclass(slots=True)
class Found:
    """Actors and places found in one document (the input of claims, relations and events)."""

    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    _index: dict[int, ActorMention] = field(default_factory=dict)
    _indexed: tuple[int, ...] = ()
    _held: list[ActorMention] = field(default_factory=list)

    def place_at(self, i: int) -> PlaceMention | None:
        """The place mention covering token ``i``."""
        return next((p for p in self.places if p.start <= i < p.end), None)

    def actor_at(self, i: int) -> ActorMention | None:
        """The actor mention covering token ``i`` (the first listed, as a scan would find it).

        A token index is kept and rebuilt whenever the list of mentions changed: extraction asks this for every
        token several times, and a scan per question made documents with many names slow. A mention's span never
        changes once made, so the identities of the listed mentions are the signature; the indexed mentions are
        held so that no new mention can reuse a freed one's identity.
        """
        signature = tuple(map(id, self.actors))
        if signature != self._indexed:
            self._index = {}
            for m in reversed(self.actors):
                for j in range(m.start, m.end):
                    self._index[j] = m
            self._indexed = signature
            self._held = list(self.actors)
        return self._index.get(i)


def _registry_patterns() -> Iterator[tuple[str, str, bool]]:
    """(surface, actor id, case_sensitive) for every registry name and alias."""
    reg = registry()
    if hasattr(reg, "patterns"):
        yield from reg.patterns()
        return
    for actor in reg.actors.values():
        for surface in actor.surfaces:
            sensitive = len(surface) <= 6 or surface.isupper() or (" " not in surface and len(surface) <= 8)
            yield surface, actor.id, sensitive


@Language.component("veracity_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and captions must not run into the paragraph after them."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


def add_actor_ruler(nlp: Language) -> None:
    """Put an entity ruler with the registry's names before the statistical NER (spaCy's ``EntityRuler``, with the
    exact-word lookup of :mod:`veracity.extract.registry_ruler` in place of its slow ``Matcher``)."""
    nlp.add_pipe("veracity_line_breaks", before="parser")
    ruler = nlp.add_pipe(REGISTRY_RULER, name=RULER, before="ner")
    ruler.add_patterns(ruler_patterns(nlp))  # type: ignore[attr-defined]


def ruler_patterns(nlp: Language) -> list[dict[str, Any]]:
    """Token patterns for every registry surface, in registry order: exact words, cased or lower-cased."""
    patterns: list[dict[str, Any]] = []
    for surface, actor_id, sensitive in _registry_patterns():
        toks = [t.text for t in nlp.make_doc(surface)]
        key = "ORTH" if sensitive else "LOWER"
        pattern = [{key: t if sensitive else t.lower()} for t in toks]
        patterns.append({"label": ACTOR_LABEL, "id": actor_id, "pattern": pattern})
        if len(toks[-1]) == 1 and toks[-1].isupper():  # "ISIS-K." at a sentence end is one token "K."
            variant = [*pattern[:-1], {"ORTH": toks[-1] + "."}]
            patterns.append({"label": ACTOR_LABEL, "id": actor_id, "pattern": variant})
    return patterns


def _metonyms() -> dict[str, RegistryActor]:
    out: dict[str, RegistryActor] = {}
    for actor in registry().actors.values():
        for m in actor.metonyms:
            out[m.lower()] = actor
    return out


def _registry_entity(actor: RegistryActor) -> Entity:
    return Entity(kind=EntityKind.ACTOR, name=actor.name, type=actor.type, qid=actor.qid, id=actor.id)


def org_type(surface: str, label: str) -> str:
    """Actor type of an unregistered name from words in it (data: cues.yaml org_types)."""
    if label == "PERSON":
        return "person"
    low = f" {surface.lower()} "
    for kind in ("media", "state_agency", "political_party", "armed_group", "international_org"):
        if any(f" {w} " in low or low.strip().endswith(w) for w in cues().words("org_types", kind)):
            return kind
    return "state" if label == "GPE" else "other"


def clean_surface(span: Span) -> tuple[int, int]:
    """Token bounds without a leading determiner, trailing possessive or hashtag mark."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an", "#", "@"} or doc[start].is_punct):
        start += 1
    for i in range(start + 1, end):
        if doc[i].text in {"(", "[", ","}:
            end = i
            break
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct):
        end -= 1
    return start, end


def is_locative(span: Span) -> bool:
    """True when the span names a location: object of a locative preposition or modifier of a place noun."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
        return not _relation_object(root)
    if root.dep_ in {"compound", "poss"} and root.head.lemma_.lower() in cues().words("place_heads"):
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "about":  # "an article about Afghanistan": the country as topic
        return True
    return root.dep_ == "conj" and is_locative(span.doc[root.head.i : root.head.i + 1])


def _relation_object(token: Token) -> bool:
    """'ties with Islamabad', 'pressure on Kabul': the preposition hangs on a relation or political noun/verb."""
    head = token.head.head
    c = cues()
    lemma = head.lemma_.lower()
    return (
        token.head.lower_ in {"with", "against", "on", "to", "from", "by", "of", "between"}
        and (lemma in c.rel_nouns or lemma in c.rel_verbs or lemma in c.claim_nouns)
        and token.head.lower_ != "from"
    )


def _acts(span: Span) -> bool:
    """A state or capital acts as a government: subject of a verb, object of a political verb, possessor of a
    relation or member noun ("Pakistan's support", "Pakistan's ISI"), title modifier ("Pakistan Prime Minister"),
    or conjoined with one that acts."""
    return _token_acts(span.root, 0)


def _token_acts(root: Token, depth: int) -> bool:
    c = cues()
    head_lemma = root.head.lemma_.lower()
    if root.dep_ in {"nsubj", "nsubjpass", "agent", "csubj"}:
        return True
    if root.dep_ in {"poss", "compound"}:
        return head_lemma in {*c.rel_nouns, *c.claim_nouns, *c.titles, *c.words("member_heads")} or (
            root.head.ent_type_ == ACTOR_LABEL
        )
    if root.dep_ in {"dobj", "dative"}:
        return head_lemma in c.rel_verbs or head_lemma in c.assert_verbs or head_lemma in c.deny_verbs
    if root.dep_ == "conj" and depth < 4:
        return _token_acts(root.head, depth + 1)
    return root.dep_ == "pobj" and _relation_object(root)


def _place(span: Span, start: int, end: int) -> PlaceMention | None:
    text = span.doc[start:end].text
    hit = lookup_place(text)
    if hit is None:
        if span.label_ not in {"GPE", "LOC", "FAC"}:
            return None
        kind = {"GPE": "city", "LOC": "region", "FAC": "site"}[span.label_]
        return PlaceMention(start, end, text, kind, None, text)
    return PlaceMention(start, end, hit.name, hit.kind, hit.country, text)


def _sort_span(span: Span, found: Found, metonyms: dict[str, RegistryActor]) -> None:
    """Decide what one entity span is and record it in ``found``."""
    start, end = clean_surface(span)
    if start >= end:
        return
    surface = span.doc[start:end].text
    surface = surface[:-1] if surface.endswith(".") and len(span.doc[end - 1]) == 2 else surface
    reg = registry()
    if span.label_ == ACTOR_LABEL and span.ent_id_ in reg.actors:
        actor = reg.actors[span.ent_id_]
        if actor.type == "state" and is_locative(span):
            place = _place(span, start, end)
            if place:
                found.places.append(place)
                return
        found.actors.append(ActorMention(start, end, _registry_entity(actor), surface, "registry"))
        return
    if span.label_ in {"GPE", "LOC", "FAC"}:
        _sort_place(span, start, end, found, metonyms)
        return
    if span.label_ not in {"ORG", "PERSON"} or not any(t.is_alpha and t.text[0].isupper() for t in span):
        return
    if headline(span.sent) and not reg.lookup(surface):  # Title Case Headlines make every phrase look like a name
        return
    known = reg.lookup(surface)
    if not known and _not_an_actor(span, start, end, found):
        return
    entity = (
        _registry_entity(known[0])
        if len(known) == 1
        else Entity(kind=EntityKind.ACTOR, name=surface, type=org_type(surface, span.label_), resolved=False)
    )
    found.actors.append(ActorMention(start, end, entity, surface, "registry" if known else "ner"))


def _not_an_actor(span: Span, start: int, end: int, found: Found) -> bool:
    """Names the NER calls ORG/PERSON that are places or event names: the modifier of an attack word or a place
    noun ("Crocus terrorist attack", "Sinwam area"), a known place used alone ("Karachi"), or a site ("Russian
    Embassy", recorded as a place)."""
    from veracity.extract.lexicon import event_lexicon

    root = span.doc[end - 1]
    head = root.head
    if root.dep_ in {"compound", "nmod", "amod", "npadvmod"} and (
        head.lemma_.lower() in event_lexicon().noun_triggers or head.lemma_.lower() in cues().words("place_heads")
    ):
        return True
    surface = span.doc[start:end].text
    if root.lower_ in cues().words("site_heads"):
        found.places.append(PlaceMention(start, end, surface, "site", None, surface))
        return True
    if end - start == 1 and span.doc[start].tag_ in {"JJ", "JJR", "JJS"}:  # "Afghan", "Pakistani": adjectives
        return True
    if end - start == 1 and root.dep_ in {"amod", "compound"} and root.lower_ in cues().raw.get("demonyms", {}):
        return True  # "the Afghan ISK" tagged as a proper noun: still the nationality of what follows
    hit = lookup_place(surface) if end - start == 1 else None
    return hit is not None and hit.kind in {"city", "province", "country"}


def _sort_place(span: Span, start: int, end: int, found: Found, metonyms: dict[str, RegistryActor]) -> None:
    surface = span.doc[start:end].text
    actor = metonyms.get(surface.lower())
    if actor is not None and _acts(span):
        found.actors.append(ActorMention(start, end, _registry_entity(actor), surface, "metonym"))
        return
    place = _place(span, start, end)
    if place is None:
        return
    if place.kind == "country" and span.label_ == "GPE" and not is_locative(span):
        entity = Entity(kind=EntityKind.ACTOR, name=place.name, type="state", resolved=False)
        found.actors.append(ActorMention(start, end, entity, surface, "ner"))
        return
    found.places.append(place)


def headline(sent: Span) -> bool:
    """A Title Case line (most words capitalised): statistical names there are unreliable."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def find_actors(sdoc: Doc) -> Found:
    """Every actor and place mention in a parsed document, before within-document resolution."""
    found = Found()
    metonyms = _metonyms()
    for span in sdoc.ents:
        _sort_span(span, found, metonyms)
    _lower_case_places(sdoc, found)
    return found


def _lower_case_places(sdoc: Doc, found: Found) -> None:
    """Lower-cased wire text ("in peshawar") hides places from the NER: a word after a locative preposition that
    the gazetteer knows as a city or province is a place."""
    for token in sdoc:
        if token.ent_type_ or not token.is_lower or len(token) < 4 or token.dep_ != "pobj":
            continue
        if token.head.lower_ not in {"in", "at", "near", "outside", "inside", "into", "from"}:
            continue
        hit = lookup_place(token.text)
        if hit is not None and hit.kind in {"city", "province", "country"}:
            found.places.append(PlaceMention(token.i, token.i + 1, hit.name, hit.kind, hit.country, token.text))
