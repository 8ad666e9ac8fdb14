"""Actors: registry patterns matched before the statistical NER, then every entity span sorted into actor or place.

Decisions taken here, each for a linguistic reason:
- registry aliases that are short or all capitals match case-sensitively (ISI must not match "isi"); long names
  match case-insensitively so lower-cased wire text still works;
- NORP and adjective forms ("Pakistani", "Afghan") are never actor surfaces;
- a country is a place when it sits in a locative phrase ("detained in Pakistan", not "the services of China") and
  the state actor otherwise;
- curated place names of several words ("the Kabul airport", "tribal areas") and hashtags are matched before the NER
  spans, which split or miss them; an unknown NER place must read as a proper name (not "n’t", "Janus-faced");
  a capital (a registry metonym) is the government only when it acts: subject of a verb, object of a political
  verb, or the other side of a relation noun ("ties with Islamabad").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from veracity.extract.actors.registry_ruler import FACTORY as REGISTRY_RULER
from veracity.extract.places.finder import is_demonym, lookup_hashtag, lookup_place, phrase_at, place_words
from veracity.extract.text.lexicon import cues
from veracity.model.records import Entity, EntityKind
from veracity.model.registry import RegistryActor, registry

RULER = "veracity_actors"
ACTOR_LABEL = "ACTOR"
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
        """The narrowest place mention covering token ``i``: in "Afghanistan's northern provinces" the token
        "Afghanistan" is the country, though the whole phrase is a region."""
        return min((p for p in self.places if p.start <= i < p.end), key=lambda p: p.end - p.start, default=None)

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
    exact-word lookup of :mod:`veracity.extract.actors.registry_ruler` in place of its slow ``Matcher``)."""
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
    if any(c.dep_ == "relcl" and any(w.lower_ == "where" for w in c.children) for c in root.children):
        return True  # "Afghanistan, where it fought a long war": the antecedent of "where" is a location
    if root.dep_ == "pobj" and root.head.lower_ == "of" and not _of_place(root.head):
        return False
    if root.dep_ == "pobj" and root.head.lower_ in place_words().locative_preps:
        return not _relation_object(root)
    if root.dep_ in {"compound", "poss"} and root.head.lemma_.lower() in cues().words("place_heads"):
        return True
    if root.dep_ == "poss" and _owns_a_place(root.head):  # "Russia's Crocus City Hall", "Pakistan's Karachi"
        return True
    if root.dep_ == "dobj" and root.head.lemma_.lower() in place_words().spatial_verbs:
        return True  # "bordering Afghanistan and Iran", "crossed Pakistan"
    if root.dep_ == "pobj" and root.head.lower_ == "about":  # "an article about Afghanistan": the country as topic
        return True
    return root.dep_ == "conj" and is_locative(span.doc[root.head.i : root.head.i + 1])


def _owns_a_place(head: Token) -> bool:
    """Whether a possessed noun is, or is modified by, a named place ("Russia's Crokus City Hall music venue")."""
    for token in (head, *(c for c in head.children if c.dep_ in {"compound", "appos"})):
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None and ent.label_ != ACTOR_LABEL:
            hit = lookup_place(ent.text)
            if hit is not None and hit.kind != "country":
                return True
    return False


def _of_place(of: Token) -> bool:
    """'the outskirts of Kabul', 'out of Afghanistan', 'the invasion of Afghanistan': "of" after a place, part or
    event noun locates; after any other noun ("the services of China") it marks the possessor."""
    from veracity.extract.text.lexicon import event_lexicon

    head = of.head
    lemma = head.lemma_.lower()
    return (
        head.lower_ in place_words().of_place_words
        or lemma in cues().words("place_heads")
        or lemma in cues().words("site_heads")
        or lemma in event_lexicon().noun_triggers
    )


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
        if any(child.dep_ == "xcomp" and child.i > root.i for child in root.head.children):
            return True  # "will enable Moscow to defend": the object is the doer of the infinitive
        return head_lemma in c.rel_verbs or head_lemma in c.assert_verbs or head_lemma in c.deny_verbs
    if root.dep_ == "conj" and depth < 4:
        return _token_acts(root.head, depth + 1)
    return root.dep_ == "pobj" and _relation_object(root)


def _place(span: Span, start: int, end: int) -> PlaceMention | None:
    """The place a span names: the gazetteer's entry, else the NER's guess when it looks like a place name."""
    text = span.doc[start:end].text
    hit = lookup_place(text)
    if hit is None:
        if span.label_ not in {"GPE", "LOC", "FAC"} or not _looks_like_a_name(span.doc, start, end):
            return None
        if is_demonym(text):  # "Pakistanis", "Afghans": the NER sometimes tags nationalities GPE
            return None
        kind = {"GPE": "city", "LOC": "region", "FAC": "site"}[span.label_]
        return PlaceMention(start, end, text, kind, None, text)
    return PlaceMention(start, end, hit.name, hit.kind, hit.country, text)


def _looks_like_a_name(doc: Doc, start: int, end: int) -> bool:
    """An unknown place must read as a proper name: it starts with a capital letter ("n’t" tagged GPE does not) and
    is not the first half of a hyphenated modifier ("Janus-faced", "Janus-face"), which describes, not locates."""
    first = doc[start].text
    if not first[:1].isalpha() or not first[:1].isupper():
        return False
    return not (end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_)


def _compass_region(span: Span, start: int, end: int) -> PlaceMention | None:
    """A compass adjective carving a region out of a country: "southern Afghanistan", "the southern regions of
    Afghanistan", "Afghanistan's northern provinces". Named from the gazetteer when curated ("Southern
    Afghanistan"), else "Northern Syria"; the surface is the whole phrase."""
    doc = span.doc
    country = lookup_place(doc[start:end].text)
    if country is None or country.kind != "country":
        return None
    root = doc[end - 1]
    bounds: tuple[int, int, str] | None = None
    if start > 0 and doc[start - 1].lower_ in place_words().compass and doc[start - 1].head.i == root.i:
        bounds = (start - 1, end, doc[start - 1].lower_)
    elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in place_words().region_parts:
        bounds = _compass_of(root.head.head, end)
    elif root.dep_ == "poss" and root.head.lower_ in place_words().region_parts:
        compass = [c for c in root.head.lefts if c.lower_ in place_words().compass and c.i > root.i]
        if compass:
            bounds = (start, root.head.i + 1, compass[0].lower_)
    if bounds is None:
        return None
    first, last, word = bounds
    hit = lookup_place(f"{word} {country.name}")
    name, kind = (hit.name, hit.kind) if hit else (f"{word.capitalize()} {country.name}", "region")
    return PlaceMention(first, last, name, kind, country.name, doc[first:last].text)


def _compass_of(part: Token, end: int) -> tuple[int, int, str] | None:
    """'the southern regions of X': the compass adjective on the part noun, and where the phrase starts."""
    compass = [c for c in part.lefts if c.lower_ in place_words().compass]
    return (compass[0].i, end, compass[0].lower_) if compass else None


def _covered(found: Found, start: int, end: int, text: str) -> bool:
    """Whether a named place already recorded (a curated several-word name, a hashtag) takes in these tokens: its
    words are part of its name ("the Kabul airport", "#Afganistan", "south and central Asia"). Only a country
    inside a region or border is sorted as usual ("southern Afghanistan", "the Afghanistan-Pakistan border")."""
    overlapping = [p for p in found.places if p.start < end and start < p.end]
    if not overlapping:
        return False
    if any(p.kind not in {"region", "border"} for p in overlapping):
        return True
    inner = lookup_place(text)
    return inner is None or inner.kind != "country"


def _sort_span(span: Span, found: Found, metonyms: dict[str, RegistryActor]) -> None:
    """Decide what one entity span is and record it in ``found``."""
    start, end = clean_surface(span)
    if start >= end or _covered(found, start, end, span.doc[start:end].text):
        return
    if span.label_ in {"GPE", "LOC", ACTOR_LABEL}:
        region = _compass_region(span, start, end)
        if region is not None and not any((p.start, p.end) == (region.start, region.end) for p in found.places):
            found.places.append(region)  # the country inside is sorted too: "havens in southern Afghanistan"
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
    from veracity.extract.text.lexicon import event_lexicon

    root = span.doc[end - 1]
    head = root.head
    surface = span.doc[start:end].text
    if root.dep_ in {"compound", "nmod", "amod", "npadvmod"} and (
        head.lemma_.lower() in event_lexicon().noun_triggers or head.lemma_.lower() in cues().words("place_heads")
    ):
        _modifier_place(span, start, end, found)
        return True
    if root.lower_ in cues().words("site_heads"):
        hit = lookup_place(surface)
        name, country = (hit.name, hit.country) if hit else (surface, None)
        found.places.append(PlaceMention(start, end, name, "site", country, surface))
        return True
    if end - start == 1 and span.doc[start].tag_ in {"JJ", "JJR", "JJS"}:  # "Afghan", "Pakistani": adjectives
        return True
    if end - start == 1 and root.dep_ in {"amod", "compound"} and root.lower_ in cues().raw.get("demonyms", {}):
        return True  # "the Afghan ISK" tagged as a proper noun: still the nationality of what follows
    hit = lookup_place(surface) if end - start == 1 else None
    if hit is not None and hit.kind in {"city", "province", "country"}:
        found.places.append(PlaceMention(start, end, hit.name, hit.kind, hit.country, surface))
        return True
    return False


def _modifier_place(span: Span, start: int, end: int, found: Found) -> None:
    """A name modifying an attack or place noun is a place when the gazetteer knows it ("the Crocus attack", "the
    Peshawar bombing") or when the noun is an unnamed feature ("the Sinwam area", "Dand village")."""
    surface = span.doc[start:end].text
    hit = lookup_place(surface)
    if hit is not None:
        found.places.append(PlaceMention(start, end, hit.name, hit.kind, hit.country, surface))
        return
    kind = place_words().area_kinds.get(span.doc[end - 1].head.lemma_.lower())
    if kind is not None and _looks_like_a_name(span.doc, start, end) and not is_demonym(surface):
        found.places.append(PlaceMention(start, end, surface, kind, None, surface))


def _sort_place(span: Span, start: int, end: int, found: Found, metonyms: dict[str, RegistryActor]) -> None:
    surface = span.doc[start:end].text
    actor = metonyms.get(surface.lower())
    if actor is not None and (_acts(span) or _governs(span)):
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


def _governs(span: Span) -> bool:
    """A capital in the possessive stands for its government ("Moscow's regional strategy", "Islamabad's ability
    to influence") unless what it owns is a place ("Kabul's streets", "Islamabad's Red Mosque")."""
    root = span.root
    if root.dep_ != "poss":
        return False
    lemma = root.head.lemma_.lower()
    place_like = lemma in cues().words("place_heads") or lemma in cues().words("site_heads")
    return not place_like and root.head.ent_type_ not in {"GPE", "LOC", "FAC"}


def headline(sent: Span) -> bool:
    """A Title Case line (most words capitalised): statistical names there are unreliable."""
    words = [t for t in sent if t.is_alpha and len(t) > 4]  # title case leaves "from", "into", "with" low
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def find_actors(sdoc: Doc) -> Found:
    """Every actor and place mention in a parsed document, before within-document resolution."""
    found = Found()
    metonyms = _metonyms()
    _phrase_places(sdoc, found, metonyms)
    _hashtag_places(sdoc, found)
    for span in sdoc.ents:
        _sort_span(span, found, metonyms)
    _lower_case_places(sdoc, found)
    found.places.sort(key=lambda p: p.start)  # text order, which the event and claim rules read places in
    return found


def _phrase_places(sdoc: Doc, found: Found, metonyms: dict[str, RegistryActor]) -> None:
    """Curated place names of several words ("the Kabul airport", "the Afghanistan-Pakistan border", "tribal
    regions"), matched before the NER spans, which split or miss them. A match that an actor name covers
    ("Islamic Republic of Afghanistan") is left to the actor, and none runs over a line break."""
    words = [t.text for t in sdoc]
    i = 0
    while i < len(sdoc):
        match = phrase_at(words, i)
        if match is None or _left_to_spans(sdoc, i, match[0], metonyms) or "\n" in sdoc[i : match[0]].text:
            i += 1
            continue
        end, hit = match
        found.places.append(PlaceMention(i, end, hit.name, hit.kind, hit.country, sdoc[i:end].text))
        i = end


def _left_to_spans(sdoc: Doc, start: int, end: int, metonyms: dict[str, RegistryActor]) -> bool:
    """Whether a curated phrase is better sorted as an entity span: the registry knows it as an actor or a capital
    ("New Delhi" may stand for India), an actor name takes it in whole, or the NER found exactly this name."""
    text = sdoc[start:end].text
    if registry().lookup(text) or text.lower() in metonyms:
        return True
    for e in sdoc.ents:
        if (e.label_ == ACTOR_LABEL and e.start <= start and end <= e.end) or (e.start, e.end) == (start, end):
            return True
    return False


def _hashtag_places(sdoc: Doc, found: Found) -> None:
    """"#Afganistan", "#KabulAiport": a hashtag naming a curated place is that place, typos included, unless it
    names an actor ("#Pakistan condemned...", left to the registry)."""
    for token in sdoc[:-1]:
        tag = sdoc[token.i + 1]
        if token.text != "#" or token.whitespace_ or tag.ent_type_ == ACTOR_LABEL or not tag.is_alpha:
            continue
        if any(p.start <= tag.i < p.end for p in found.places) or registry().lookup(tag.text):
            continue
        hit = lookup_hashtag(tag.text)
        if hit is not None:
            found.places.append(PlaceMention(token.i, tag.i + 1, hit.name, hit.kind, hit.country, f"#{tag.text}"))


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
