"""Places through the gazetteer: a surface form becomes a normalised place name, kind and country.

``veracity.model.gazetteer`` is written by another engineer; until it is importable a small private adapter reads
the offline ``countrystatecity-countries`` data for the region's countries (names, provinces, cities) so the
extractor works either way. Both answer :func:`lookup_place`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from veracity.model.values import normalise_name

_REGION = ("AF", "PK", "IN", "IR", "CN", "RU", "US", "TJ", "UZ", "TM", "BD", "SY", "IQ", "UA", "GB", "QA", "SA")
_KIND = {
    "province": "province",
    "state": "province",
    "administered area": "region",
    "territory": "province",
    "union territory": "province",
    "federal territory": "province",
    "capital territory": "region",
}


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """What the extractor needs from a gazetteer entry."""

    name: str
    kind: str
    country: str | None


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


@cache
def _fallback() -> dict[str, PlaceHit]:
    """Countries, provinces and cities of the region from the offline package, keyed by normalised name."""
    import countrystatecity_countries as csc

    table: dict[str, PlaceHit] = {}
    names = {c.iso2: c.name for c in csc.get_countries()}
    for code in _REGION:
        for state in csc.get_states_of_country(code):
            hit = PlaceHit(_ascii(state.name), _KIND.get(state.type or "", "province"), names.get(code))
            table[normalise_name(_ascii(state.name))] = hit
        for city in csc.get_cities_of_country(code):  # a city beats its namesake province (Kabul, Moscow)
            table[normalise_name(_ascii(city.name))] = PlaceHit(_ascii(city.name), "city", names.get(code))
    for country in csc.get_countries():
        table[normalise_name(country.name)] = PlaceHit(country.name, "country", country.name)
    return table


@cache
def _gazetteer() -> Any:
    try:
        from veracity.model import gazetteer as module  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    return module.gazetteer()


@cache
def country_name(code_or_name: str | None) -> str | None:
    """A country's English name for an ISO alpha-2 code ("PK" -> "Pakistan"); names pass through."""
    if not code_or_name or len(code_or_name) != 2 or not code_or_name.isupper():
        return code_or_name
    import countrystatecity_countries as csc

    found = csc.get_country_by_code(code_or_name)
    return found.name if found else code_or_name


def lookup_place(surface: str) -> PlaceHit | None:
    """The best gazetteer entry for a surface form, or ``None`` when the place is unknown."""
    gaz = _gazetteer()
    if gaz is not None:
        found = gaz.lookup(surface)
        if found:
            place = found[0]
            return PlaceHit(place.name, place.kind, country_name(getattr(place, "country", None)))
        return None
    return _fallback().get(normalise_name(_ascii(surface)))


# --- several-word place names and hashtags -----------------------------------------------------------------------
# The statistical NER splits or misses names whose words are partly lower case ("the Kabul airport", "tribal
# regions", "south and central Asia") or hyphen-joined ("the Afghanistan-Pakistan border"), so the curated names of
# two or more words are matched token by token before the NER spans are sorted.

Phrase = tuple[tuple[str, ...], tuple[str, ...], bool]  # (normalised tokens, tokens as curated, case-sensitive)


def _norm(word: str) -> str:
    """A token as compared: lower case, curly apostrophes made straight ("Afghanistan’s" meets "Afghanistan's")."""
    return word.lower().replace("’", "'")


@cache
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


@cache
def _phrases() -> dict[str, tuple[Phrase, ...]]:
    """Curated place surfaces of two or more tokens, indexed by their first normalised token."""
    gaz = _gazetteer()
    if gaz is None:
        return {}
    index: dict[str, list[Phrase]] = {}
    for surface, _place_id, sensitive in gaz.patterns():
        words = tuple(t.text for t in _tokenizer()(surface))
        if len(words) >= 2 and "in" not in words:  # "Russian Embassy in Kabul" would hide Kabul, a place too
            index.setdefault(_norm(words[0]), []).append((tuple(map(_norm, words)), words, sensitive))
    return {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in index.items()}


def _fits(curated: tuple[str, ...], seen: list[str], sensitive: bool) -> bool:
    """A curated phrase against the text's tokens: exact when the phrase keeps its case; else equal ignoring case,
    but a capitalised head noun must be capitalised in the text too ("the Gulf" is a place, "the gulf between them"
    is not), while its modifiers may be lower case ("south and central Asia", "southern Afghanistan")."""
    if sensitive:
        return [_straight(c) for c in curated] == [_straight(w) for w in seen]
    if [_norm(c) for c in curated] != [_norm(w) for w in seen]:
        return False
    return not curated[-1][:1].isupper() or seen[-1][:1].isupper()


def _straight(word: str) -> str:
    return word.replace("’", "'")


def phrase_at(words: list[str], i: int) -> tuple[int, PlaceHit] | None:
    """The longest curated several-word place name starting at word ``i`` of ``words``: its end and entry."""
    for norm, curated, sensitive in _phrases().get(_norm(words[i]), ()):
        end = i + len(norm)
        if end <= len(words) and _fits(curated, words[i:end], sensitive):
            hit = lookup_place(" ".join(curated))
            if hit is not None:
                return end, hit
    return None


def _one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with at most one letter dropped, added or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


def lookup_hashtag(tag: str) -> PlaceHit | None:
    """The place a hashtag names ("#KabulAirport"), tolerating one typo in a long tag ("#KabulAiport").

    Hashtags are typed fast and never spell-checked; one edit in a tag of ten letters or more still names a single
    curated place, while a short tag must match exactly ("#Iran" is not "#Iraq").
    """
    hit = lookup_place(tag)
    if hit is not None or len(tag) < 10:
        return hit
    gaz = _gazetteer()
    if gaz is None:
        return None
    from veracity.model.gazetteer import compact_key

    key = compact_key(tag)
    near = {p.name for p in gaz.places.values() for s in p.surfaces if _one_edit(compact_key(s), key)}
    return lookup_place(near.pop()) if len(near) == 1 else None


def is_demonym(surface: str) -> bool:
    """Whether a word is a nationality ("Pakistanis", "Afghan"): never a location, whatever the NER says."""
    gaz = _gazetteer()
    return gaz is not None and gaz.demonym(surface) is not None


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """The words of ``data/locatives.yaml`` that tell a name used as a location from a name used as a party."""

    locative_preps: frozenset[str]
    of_place_words: frozenset[str]
    compass: frozenset[str]
    spatial_verbs: frozenset[str]
    region_parts: frozenset[str]
    area_kinds: dict[str, str]


@cache
def place_words() -> PlaceWords:
    """Read the locative vocabulary once per process; it is data so a user can extend it without code."""
    raw = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "locatives.yaml").read_text(encoding="utf-8"))
    sets = {
        key: frozenset(raw[key])
        for key in ("locative_preps", "of_place_words", "compass", "spatial_verbs", "region_parts")
    }
    return PlaceWords(**sets, area_kinds=dict(raw["area_kinds"]))
