"""What every extraction step of one document shares: the parse, the actors and events found, and one way to
turn a finding into an :class:`Assertion` tied to its sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from spacy.tokens import Doc, Span, Token

from veracity.extract.actors.finder import ActorMention, Found
from veracity.extract.events.finder import EventMention, event_at
from veracity.model.ids import slug
from veracity.model.records import Assertion, Document, Entity, EntityKind, Stance, author_claimant

VERSION = 4


class Triple(Protocol):
    """Anything that names a subject, a predicate and an object (a found link)."""

    @property
    def subject(self) -> str: ...

    @property
    def predicate(self) -> str: ...

    @property
    def object(self) -> str: ...


@dataclass(slots=True)
class Ctx:
    """One document in extraction."""

    doc: Document
    sdoc: Doc
    found: Found
    events: list[EventMention]
    published: str | None
    placeholders: dict[str, Entity] = field(default_factory=dict)
    assertions: list[Assertion] = field(default_factory=list)
    antecedents: dict[int, ActorMention] = field(default_factory=dict)

    @property
    def author(self) -> str:
        return author_claimant(self.doc.id)

    def actor(self, token: Token) -> ActorMention | None:
        """The actor a token stands for: a mention covering it, or the antecedent of a pronoun/anaphor."""
        return self.found.actor_at(token.i) or self.antecedents.get(token.i)

    def event(self, token: Token) -> EventMention | None:
        return event_at(self.events, token.i)

    def placeholder(self, name: str, type_: str = "other") -> str:
        """An entity for an unnamed claimant or vague object ("unnamed reports", "militants (unspecified)")."""
        entity = Entity(kind=EntityKind.ACTOR, name=name, type=type_, resolved=False, id=f"actor:{slug(name)}")
        self.placeholders.setdefault(entity.id, entity)
        return entity.id

    def add(
        self,
        subject: str,
        predicate: str,
        obj: str,
        *,
        claimant: str,
        sent: Span,
        extractor: str,
        stance: Stance = Stance.ASSERTS,
        hedge: str | None = None,
        literal: bool = False,
        attribution: str | None = None,
        quote: str | None = None,
        score: float = 1.0,
    ) -> None:
        """Record one assertion (duplicates in the same sentence are dropped)."""
        if subject == obj:
            return
        a = Assertion(
            subject=subject,
            predicate=predicate,
            object=obj,
            claimant=claimant,
            stance=stance,
            doc_id=self.doc.id,
            span=(sent.start_char, sent.end_char),
            quote=(quote or sent.text).strip(),
            extractor=f"{extractor}@{VERSION}",
            hedge=hedge,
            object_literal=literal,
            attribution=attribution,
            score=score,
        )
        if all(x.id != a.id for x in self.assertions):
            self.assertions.append(a)

    def add_link(self, link: Triple, *, claimant: str, sent: Span, extractor: str, **kw: Any) -> None:
        """Record a found link as one assertion: the link gives the triple, the rest is as for :meth:`add`."""
        self.add(link.subject, link.predicate, link.object, claimant=claimant, sent=sent, extractor=extractor, **kw)

    def has(self, subject: str, predicate: str, obj: str, sent: Span) -> bool:
        """True when a link between these two in this sentence is already recorded (by any step)."""
        return any(a.subject == subject and a.object == obj and a.span[0] == sent.start_char for a in self.assertions)
