"""The data model: records, vocabularies, value cleaners and errors. No I/O beyond reading package data."""

from veracity.model.errors import ConfigError, InvalidInput, NotFound, VeracityError
from veracity.model.records import (
    AUTHOR,
    Alias,
    AliasOrigin,
    Assertion,
    Document,
    Entity,
    EntityKind,
    Evidence,
    Judgement,
    Mention,
    Outlet,
    Review,
    Sameness,
    Stance,
    Verdict,
    author_claimant,
    is_author,
)
from veracity.model.vocabulary import vocabulary

__all__ = [
    "AUTHOR", "Alias", "AliasOrigin", "Assertion", "ConfigError", "Document", "Entity", "EntityKind", "Evidence",
    "InvalidInput", "Judgement", "Mention", "NotFound", "Outlet", "Review", "Sameness", "Stance", "VeracityError",
    "Verdict", "author_claimant", "is_author", "vocabulary",
]
