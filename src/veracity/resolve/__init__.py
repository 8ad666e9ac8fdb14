"""Resolution: which surface forms and entities are the same actor.

Within a document (abbreviations defined in the text, short names, typos of names the article uses,
transliterations of registry names, pronouns and "the group") this runs inside extraction
(:mod:`veracity.extract.actors.coref`, re-exported here) because claims need it; across documents,
:func:`resolve_entities` matches unregistered entities against the store's aliases and returns judgements.
"""

from veracity.extract.actors.coref import antecedents, consolidate
from veracity.resolve.matching import match_entity, resolve_entities

__all__ = ["antecedents", "consolidate", "match_entity", "resolve_entities"]
