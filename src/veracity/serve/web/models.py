"""Request and response models of the API: the documented core of each resource.

Each model names the fields a client can rely on and allows more (``extra="allow"``): grades and explanations
come from ``veracity.assess``, whose shapes may gain fields, and the API passes them through unchanged.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    """The one error shape: the class of error, its code, what failed and how to fix it."""

    error: str
    code: str
    message: str
    fix: str | None = None


class Actor(Open):
    id: str
    name: str
    type: str
    mentions: int
    surfaces: list[str]


class Claim(Open):
    id: str
    claimant: str
    stance: str
    subject: str
    predicate: str
    object: str
    quote: str
    doc_id: str
    start: int
    end: int
    proposition: str
    published: str | None = None
    probability: float | None = None
    word: str | None = None


class Proposition(Open):
    id: str
    subject: str
    predicate: str
    object: str
    probability: float
    word: str
    admiralty: int
    lines: int
    opposing_lines: int
    reports: int


class Event(Open):
    id: str
    label: str
    type: str | None = None
    date: str | None = None
    place: str | None = None


class DocumentRow(Open):
    id: str
    name: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    chars: int


class Span(Open):
    start: int
    end: int


class DocumentFull(DocumentRow):
    text: str
    mentions: list[Span]
    events: list[dict[str, Any]]
    claims: list[Claim]
    roles: list[Claim]


def page_of(item: type[BaseModel], label: str) -> type[BaseModel]:
    """A page envelope model ``{total, offset, limit, sort, items: [item]}``."""
    fields: dict[str, Any] = {"total": (int, ...), "offset": (int, ...), "limit": (int, ...),
                              "sort": (str | None, None), "items": (list[item], ...)}  # type: ignore[valid-type]
    from pydantic import create_model

    return create_model(f"{label}Page", **fields)


ActorPage = page_of(Actor, "Actor")
ClaimPage = page_of(Claim, "Claim")
PropositionPage = page_of(Proposition, "Proposition")
EventPage = page_of(Event, "Event")
DocumentPage = page_of(DocumentRow, "Document")


class Network(Open):
    root: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class SearchHit(Open):
    id: str
    snippet: str
    url: str


class SearchResult(BaseModel):
    documents: list[SearchHit]
    actors: list[SearchHit]
    claims: list[SearchHit]


CORRECTABLE = Literal["claimant", "stance", "subject", "predicate", "object", "hedge"]


class ReviewIn(BaseModel):
    """An analyst's verdict on one assertion (by id or unique prefix); ``correct`` takes the corrected slots."""

    assertion_id: str = Field(min_length=6, max_length=64)
    verdict: Literal["confirm", "reject", "correct"]
    note: str = Field("", max_length=2000)
    reviewer: str | None = Field(None, max_length=100, description=(
        "the embedded store's reviewer (default analyst); a team server takes the signed-in user and refuses "
        "another name"))
    tlp: str | None = Field(None, max_length=20, description="team server: the review's TLP (AMBER unless given)")
    share: list[str] = Field(default_factory=list, max_length=50, description="team server: sharing groups")
    correction: dict[CORRECTABLE, str] | None = Field(None, description="correct: the slots that were misread")


class Grade(Open):
    """A proposition's grade after a write: the shape of ``veracity assess --json``."""

    id: str
    probability: float
    word: str
    admiralty: int
    code: str
    lines: int
    opposing_lines: int
    reports: int


class ReviewOut(BaseModel):
    """What was recorded, the proposition it bears on and that proposition's grade now (``None`` when no line is
    left to grade it); a correction also names the corrected assertion's proposition and grade."""

    assertion_id: str
    verdict: str
    note: str
    reviewer: str
    proposition: str | None = None
    grade: Grade | None = None
    corrected_assertion: str | None = None
    corrected_proposition: str | None = None
    corrected_grade: Grade | None = None


class JudgementIn(BaseModel):
    """An analyst's own judgement of a proposition (``veracity judge``), by id or unique prefix."""

    proposition: str = Field(min_length=4, max_length=64)
    verdict: Literal["agree", "disagree", "uncertain"]
    note: str = Field("", max_length=2000)
    analyst: str | None = Field(None, max_length=100, description=(
        "the embedded store's analyst (default analyst); a team server takes the signed-in user and refuses "
        "another name"))
    organisation: str | None = Field(None, max_length=200, description=(
        "the embedded store's organisation; a team server takes the signed-in user's"))
    tlp: str | None = Field(None, max_length=20, description="team server: the judgement's TLP (AMBER unless given)")
    share: list[str] = Field(default_factory=list, max_length=50, description="team server: sharing groups")


class JudgementOut(BaseModel):
    """The judgement stored as the analyst's own line (``assertion_id``) and the proposition's grade with it."""

    proposition: str
    verdict: str
    assertion_id: str
    analyst: str
    note: str
    grade: Grade | None = None


class IngestOut(BaseModel):
    ingested: list[str]
    duplicates: list[str]
    rejected: list[dict[str, Any]]
    extracted: dict[str, Any] | None = None
