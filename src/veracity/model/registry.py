"""The curated actor registry: canonical names, types, aliases, Wikidata ids and known affiliations.

The registry is data (``data/actors.yaml``), loaded once into a :class:`Registry`. Extraction matches its aliases
before the statistical NER; resolution maps surface forms onto its canonical actors. Affiliations enter the store
as assertions claimed by the registry's named public source, never as unattributed facts.

Loading validates the file so that a bad edit fails at start-up with a message naming the entry, rather than
silently splitting or merging actors later: unknown keys and types, duplicate names, affiliations pointing at
actors that do not exist, and one surface claimed by two actors (unless the file lists it as ``ambiguous``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from veracity.model.errors import ConfigError
from veracity.model.ids import entity_id
from veracity.model.values import normalise_name
from veracity.model.vocabulary import load_data, vocabulary

_KEYS = frozenset({"name", "type", "qid", "aliases", "metonyms", "affiliations", "country", "description",
                   "lowercase_ok", "case_sensitive"})
_FIX = "edit veracity/model/data/actors.yaml"


def default_case_sensitive(surface: str) -> bool:
    """Whether a surface must match with its case by default.

    All-capital forms ("ISI", "U.S.") and very short ones ("IS", "Iran") collide with English words once
    lower-cased ("is", "us", "raw"), so matchers keep their case unless the registry says otherwise.
    """
    bare = surface.lstrip("#@")
    return (bare.isupper() or len(bare) <= 4) and not surface.startswith("@")


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A known link of a registry actor, with the public source it rests on."""

    predicate: str
    object: str
    source: str
    valid_from: str | None = None
    valid_to: str | None = None


class Named:
    """Shared surface rules of curated entries (actors and places): their surfaces and case sensitivity.

    Subclasses are slotted dataclasses with ``name``, ``aliases``, ``lowercase_ok`` and ``case_sensitive``.
    """

    __slots__ = ()
    name: str
    aliases: tuple[str, ...]
    lowercase_ok: tuple[str, ...]
    case_sensitive: tuple[str, ...]

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The canonical name and every alias (not metonyms or demonyms)."""
        return (self.name, *self.aliases)

    def is_case_sensitive(self, surface: str) -> bool:
        """Whether a matcher must keep the case of ``surface`` ("Tank", "Swat", "IS" collide with English)."""
        if surface in self.lowercase_ok:
            return False
        return surface in self.case_sensitive or default_case_sensitive(surface)


@dataclass(frozen=True, slots=True)
class RegistryActor(Named):
    """One curated actor.

    ``aliases`` are the surface forms the actor goes by; whether one must match with its case is answered by
    :meth:`is_case_sensitive` (abbreviations such as "ISI" must not match "isi" inside words, while long names
    must still be found in lower-cased text). ``metonyms`` are place names that stand for the actor in some
    contexts (Islamabad, Kabul): they are resolved to the actor only when the context is a governmental act,
    never blindly.
    """

    name: str
    type: str
    qid: str | None
    aliases: tuple[str, ...]
    metonyms: tuple[str, ...]
    affiliations: tuple[Affiliation, ...]
    country: str | None = None
    description: str = ""
    lowercase_ok: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return entity_id("actor", self.name)


class ActorPattern(NamedTuple):
    """One surface to match in text, for an entity ruler: which actor it names and whether case matters."""

    surface: str
    actor_id: str
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class Registry:
    """All curated actors with an alias index and a metonym index."""

    actors: dict[str, RegistryActor]
    _by_key: dict[str, tuple[str, ...]]
    _by_metonym: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ambiguous: frozenset[str] = frozenset()

    def lookup(self, surface: str) -> list[RegistryActor]:
        """Actors whose name or alias normalises to the same key as ``surface``."""
        return [self.actors[i] for i in self._by_key.get(normalise_name(surface), ())]

    def get(self, name: str) -> RegistryActor | None:
        """The actor with this id, canonical name or (unambiguous) alias."""
        if name in self.actors:
            return self.actors[name]
        found = self.lookup(name)
        return found[0] if len(found) == 1 else None

    def metonym_lookup(self, place_name: str) -> list[RegistryActor]:
        """Actors a place name can stand for ("Islamabad" -> Pakistan); the caller decides from context."""
        return [self.actors[i] for i in self._by_metonym.get(normalise_name(place_name), ())]

    def is_ambiguous(self, surface: str) -> bool:
        """Whether ``surface`` is deliberately shared by several actors (resolution must use context)."""
        return normalise_name(surface) in self.ambiguous

    def patterns(self) -> Iterator[ActorPattern]:
        """Every name and alias with its actor id and case sensitivity, for an entity ruler (no metonyms)."""
        for actor in self.actors.values():
            for surface in dict.fromkeys(actor.surfaces):
                yield ActorPattern(surface, actor.id, actor.is_case_sensitive(surface))

    def affiliations(self) -> Iterator[tuple[RegistryActor, Affiliation]]:
        """Every curated link with its subject, for loading into the store as sourced assertions."""
        for actor in self.actors.values():
            for affiliation in actor.affiliations:
                yield actor, affiliation

    def by_type(self, type_name: str) -> list[RegistryActor]:
        """Actors of one type (``state``, ``armed_group`` ...), in file order."""
        return [a for a in self.actors.values() if a.type == type_name]

    def __len__(self) -> int:
        return len(self.actors)


def _strings(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    """A list field as a tuple of strings; anything else is a ConfigError naming the actor."""
    value = raw.get(key) or ()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"actor {raw.get('name')!r}: {key} must be a list of non-empty strings", fix=_FIX)
    return tuple(value)


def _affiliation(owner: str, raw: Any) -> Affiliation:
    if not isinstance(raw, dict) or not raw.get("predicate") or not raw.get("object"):
        raise ConfigError(f"actor {owner!r} has an affiliation without predicate or object: {raw!r}", fix=_FIX)
    return Affiliation(
        predicate=vocabulary().check_predicate(raw["predicate"]),
        object=str(raw["object"]),
        source=str(raw.get("source", "registry")),
        valid_from=None if raw.get("from") is None else str(raw["from"]),
        valid_to=None if raw.get("to") is None else str(raw["to"]),
    )


def check_curated_entry(raw: Any, what: str, keys: frozenset[str], type_key: str, kind: str, file: str) -> None:
    """The checks every curated entry shares: a name, known keys, and a type from the vocabulary.

    ``what`` names the entry ("actor", "place"), ``type_key`` the field holding its type, ``kind`` the vocabulary's
    entity kind whose types are allowed, ``file`` the data file to fix.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
        raise ConfigError(f"{what} entry without a name: {raw!r}", fix=f"edit veracity/model/data/{file}")
    unknown = set(raw) - keys
    if unknown:
        raise ConfigError(f"{what} {raw['name']!r} has unknown keys {sorted(unknown)}",
                          fix=f"use only {', '.join(sorted(keys))} in {file}")
    types = vocabulary().entity_types[kind]
    if raw.get(type_key) not in types:
        raise ConfigError(f"{what} {raw['name']!r} has unknown {type_key} {raw.get(type_key)!r}",
                          fix=f"use one of {', '.join(types)} in {file}")


def _check_entry(raw: Any) -> None:
    check_curated_entry(raw, "actor", _KEYS, "type", "actor", "actors.yaml")
    country = raw.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 2 and country.isupper()):
        raise ConfigError(f"actor {raw['name']!r} has country {country!r}", fix="use an ISO-3166 alpha-2 code")
    possessive = [a for a in raw.get("aliases") or [] if isinstance(a, str) and a.endswith(("'s", "’s"))]
    if possessive:
        raise ConfigError(f"actor {raw['name']!r} has possessive aliases {possessive}",
                          fix="list the name alone: the tokenizer splits the possessive off")


def _actor(raw: Any) -> RegistryActor:
    _check_entry(raw)
    actor = RegistryActor(
        name=raw["name"],
        type=raw["type"],
        qid=raw.get("qid"),
        aliases=_strings(raw, "aliases"),
        metonyms=_strings(raw, "metonyms"),
        affiliations=tuple(_affiliation(raw["name"], a) for a in raw.get("affiliations") or ()),
        country=raw.get("country"),
        description=raw.get("description", ""),
        lowercase_ok=_strings(raw, "lowercase_ok"),
        case_sensitive=_strings(raw, "case_sensitive"),
    )
    stray = set(actor.lowercase_ok + actor.case_sensitive) - set(actor.surfaces)
    if stray:
        raise ConfigError(f"actor {actor.name!r}: case flags name {sorted(stray)}, which are not its surfaces",
                          fix="list only the actor's name or aliases under lowercase_ok / case_sensitive")
    return actor


def _index(actors: Iterable[RegistryActor], surfaces: str) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for actor in actors:
        for surface in getattr(actor, surfaces):
            key = normalise_name(surface)
            if actor.id not in index[key]:
                index[key].append(actor.id)
    return index


def _check_links(actors: dict[str, RegistryActor], index: dict[str, list[str]], ambiguous: frozenset[str]) -> None:
    names = {a.name for a in actors.values()}
    for actor in actors.values():
        for link in actor.affiliations:
            if link.object not in names:
                raise ConfigError(f"actor {actor.name!r} has a {link.predicate} link to unknown actor {link.object!r}",
                                  fix="use the canonical name of an actor listed in actors.yaml")
    for key, owners in index.items():
        if len(owners) > 1 and key not in ambiguous:
            raise ConfigError(f"surface {key!r} is claimed by {', '.join(owners)}",
                              fix="keep it on one actor, or list it under 'ambiguous' in actors.yaml")


def build_registry(entries: list[dict[str, Any]], ambiguous: Iterable[str] = ()) -> Registry:
    """Index and validate a list of raw actor entries (as in ``actors.yaml``).

    ``ambiguous`` names the surfaces that may belong to several actors; any other shared surface is an error.
    """
    actors: dict[str, RegistryActor] = {}
    for raw in entries:
        actor = _actor(raw)
        if actor.id in actors:
            raise ConfigError(f"actor {actor.name!r} is listed twice", fix="merge the two entries in actors.yaml")
        actors[actor.id] = actor
    shared = frozenset(normalise_name(s) for s in ambiguous)
    index = _index(actors.values(), "surfaces")
    _check_links(actors, index, shared)
    metonyms = _index(actors.values(), "metonyms")
    return Registry(actors=actors, _by_key={k: tuple(v) for k, v in index.items()},
                    _by_metonym={k: tuple(v) for k, v in metonyms.items()}, ambiguous=shared)


@cache
def registry() -> Registry:
    """The shipped registry, loaded once."""
    raw = load_data("actors.yaml")
    return build_registry(raw["actors"], raw.get("ambiguous") or ())
