"""The data model every stage speaks.

The unit of storage is the :class:`Assertion`: who says what about whom, in which sentence, how sure. Entities,
grades and graphs are views computed from assertions. Every record is frozen and carries a deterministic id, so
re-running a stage on the same input produces the same rows and the store ignores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from veracity.model.ids import content_hash, entity_id, text_hash


class Stance(StrEnum):
    """What the claimant does with the proposition."""

    ASSERTS = "asserts"
    DENIES = "denies"


class EntityKind(StrEnum):
    """The three kinds of node in the graph."""

    ACTOR = "actor"
    PLACE = "place"
    EVENT = "event"


class AliasOrigin(StrEnum):
    """Where an alias came from: the curated registry, the text, or an analyst."""

    REGISTRY = "registry"
    EXTRACTED = "extracted"
    ANALYST = "analyst"


class Verdict(StrEnum):
    """An analyst's review of an assertion."""

    CONFIRM = "confirm"
    REJECT = "reject"
    CORRECT = "correct"


class Sameness(StrEnum):
    """A resolution judgement: are two entities the same?"""

    SAME = "same"
    NOT_SAME = "not_same"
    UNSURE = "unsure"


AUTHOR = "author"
"""Claimant prefix for an article's own voice: ``author:<doc id>`` (see :func:`author_claimant`)."""


def author_claimant(doc_id: str) -> str:
    """The claimant id for a document speaking in its own voice."""
    return f"{AUTHOR}:{doc_id}"


def author_label(outlet: str | None, title: str | None, name: str | None, doc_id: str, width: int = 40) -> str:
    """How an article's own voice reads in a table: ``author (Outlet)``, else ``author of “a short title…”``.

    Why short: without an outlet the title is the only handle an analyst has, but a full headline as a claimant
    label pushes the claim itself off the line.
    """
    if outlet:
        return f"{AUTHOR} ({outlet})"
    handle = title or name or doc_id[:12]
    if len(handle) > width:
        handle = handle[: width - 1].rsplit(" ", 1)[0].rstrip(" :,;-–") + "…"
    return f"{AUTHOR} of “{handle}”"


def is_author(claimant: str) -> bool:
    """True when the claimant is an article's own voice rather than a quoted party."""
    return claimant.startswith(f"{AUTHOR}:")


ANALYST = "analyst"
"""Claimant prefix for an analyst's own judgement of a proposition: ``analyst:<name>`` (``veracity judge``)."""


def analyst_claimant(name: str) -> str:
    """The claimant id of an analyst's judgement (the organisation is the judgement document's outlet)."""
    return f"{ANALYST}:{name.strip()}"


def is_analyst(claimant: str) -> bool:
    """True when the claimant is an analyst judging a proposition rather than a reporting source."""
    return claimant.startswith(f"{ANALYST}:")


def is_registry(claimant: str) -> bool:
    """True for a curated background line (``registry:<public source>``) rather than reporting."""
    return claimant.startswith("registry:")


@dataclass(frozen=True, slots=True)
class Document:
    """One piece of reporting, with where and when it appeared.

    ``id`` is the SHA-256 of the normalised text, so the same article from two paths is one document.
    ``name`` is the file stem (the gold's ``doc`` key); ``published`` is ``YYYY[-MM[-DD]]``.
    """

    text: str
    name: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    source: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", text_hash(self.text))


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, place or event. ``attributes`` holds type-specific values (an event's date, place, counts)."""

    kind: EntityKind
    name: str
    type: str
    qid: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    resolved: bool = True
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", entity_id(self.kind.value, self.name))


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form under which an entity appears, with its normalised key and origin."""

    entity_id: str
    surface: str
    normalised: str
    origin: AliasOrigin = AliasOrigin.EXTRACTED


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a document: character span and the sentence around it."""

    doc_id: str
    entity_id: str
    start: int
    end: int
    sent_start: int
    sent_end: int
    surface: str

    @property
    def id(self) -> str:
        return content_hash("mention", self.doc_id, self.entity_id, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Assertion:
    """Who says what about whom, when, in which sentence, how sure.

    ``subject`` and ``claimant`` are entity ids; ``object`` is an entity id unless ``object_literal`` is set (a
    weapon, a count, a placeholder such as "militants (unspecified)"). The claimant of an article's own voice is
    ``author:<doc id>``; a curated registry line has claimant ``registry:<source>``. ``hedge`` is the cue word
    ("reportedly", "may") or ``None``. ``attribution`` qualifies perpetrator lines the MUC-4 way (claimed,
    accused_by_authorities, suspected, stated, possible). ``span`` is the sentence's character span and ``quote``
    its text (or the clause that carries the claim).
    """

    subject: str
    predicate: str
    object: str
    claimant: str
    stance: Stance
    doc_id: str
    span: tuple[int, int]
    quote: str
    extractor: str
    hedge: str | None = None
    object_literal: bool = False
    attribution: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    score: float = 1.0

    @property
    def hedged(self) -> bool:
        return self.hedge is not None

    @property
    def id(self) -> str:
        """Content hash: the same claim from the same sentence by the same extractor is the same row."""
        return content_hash(
            "assertion", self.subject, self.predicate, self.object, self.claimant, self.stance.value,
            self.doc_id, list(self.span), self.extractor, self.hedge, self.attribution,
        )

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)


@dataclass(frozen=True, slots=True)
class Outlet:
    """A publisher with its Admiralty source-reliability grade (A-F; F = cannot be judged)."""

    name: str
    domain: str | None = None
    reliability: str = "F"
    basis: str = ""  # one line saying why the grade (outlets.yaml); empty when ungraded


@dataclass(frozen=True, slots=True)
class Review:
    """An analyst's verdict on an assertion. Reviews override extraction and survive re-extraction."""

    assertion_id: str
    verdict: Verdict
    note: str = ""
    reviewer: str = "analyst"
    created_at: str = ""
    correction: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return content_hash("review", self.assertion_id, self.verdict.value, self.note, self.reviewer, self.created_at)


@dataclass(frozen=True, slots=True)
class Judgement:
    """A recorded, reversible resolution decision about two entities (nomenklatura style).

    The newest judgement for a pair wins; undoing a merge is adding a ``not_same`` judgement, never deleting.
    """

    left: str
    right: str
    sameness: Sameness
    score: float = 1.0
    reason: str = ""
    user: str = "veracity"
    created_at: str = ""

    @property
    def id(self) -> str:
        return content_hash("judgement", self.left, self.right, self.sameness.value, self.user, self.created_at)


@dataclass(frozen=True, slots=True)
class Evidence:
    """An assertion as read back from the store, with the document facts that assessment and analysis need.

    Assessment and analysis functions take iterables of these, so they can be tested on hand-made records as well
    as on a real store's :meth:`View.evidence`.
    """

    assertion: Assertion
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    doc_name: str = ""
    reviews: tuple[Review, ...] = ()
    superseded: bool = False

    @property
    def id(self) -> str:
        return self.assertion.id
