"""Within-document resolution: abbreviations defined in the text, short names, typos of names already in the
document, transliterations of registry names, and what pronouns and "the group" refer to.

Pure functions over the parse and the mentions found; nothing here guesses across documents (that is
``veracity.resolve``). Each rule needs support from the document itself: a typo is merged only with a name the
same article uses, a short name only with a full name said before it.
"""

from __future__ import annotations

from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.fuzz import ratio
from spacy.tokens import Doc, Token

from veracity.extract.actors.finder import ActorMention, Found, org_type
from veracity.extract.text.lexicon import cues
from veracity.model.records import Entity, EntityKind
from veracity.model.registry import registry
from veracity.model.values import normalise_name

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
_GROUP_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})


def _abbreviations(sdoc: Doc, found: Found) -> dict[str, Entity]:
    """'Islamic State Pakistan Province (ISPP)', 'Tehreek-e-Taliban, or TTP,': the short form names the entity."""
    out: dict[str, Entity] = {}
    for m in found.actors:
        after = sdoc[m.end : m.end + 3]
        if (len(after) == 3 and after[0].text == "(" and after[2].text == ")") or (
            len(after) >= 2 and after[0].text == "," and after[1].lower_ == "or" and len(after) == 3
        ):
            abbr = after[1] if after[0].text == "(" else after[2]
            if abbr.text.isupper() and 2 <= len(abbr.text) <= 7 and abbr.text not in out:
                other = found.actor_at(abbr.i)
                if other is None or not other.entity.resolved:
                    out[abbr.text] = m.entity
    return out


_LINKERS = frozenset({"al", "e", "i", "ul", "of", "the", "and", "for", "-", "'", "’", "in", "de"})


def _long_form(sdoc: Doc, paren: int, abbr: str) -> tuple[int, int] | None:
    """Token span of the name an abbreviation in brackets abbreviates: the capitalised run before '(' whose
    initials contain the abbreviation's letters in order, starting with its first (Schwartz-Hearst style)."""
    start = paren
    while start > 0 and paren - start < len(abbr) + 4:
        tok = sdoc[start - 1]
        if not (tok.text[:1].isupper() or tok.lower_ in _LINKERS) or tok.is_sent_end:
            break
        start -= 1
    while start < paren and sdoc[start].lower_ in _LINKERS:
        start += 1
    words = [t.text for t in sdoc[start:paren] if t.text[:1].isupper()]
    while words and words[0][0].upper() != abbr[0]:
        words.pop(0)
        start += 1
        while start < paren and not sdoc[start].text[:1].isupper():
            start += 1
    letters = iter(w[0].upper() for w in words)
    ok = all(any(ch == w for w in letters) for ch in abbr if ch.isalpha())
    return (start, paren) if words and ok and len(words) >= 2 else None


def _bracket_definitions(sdoc: Doc, found: Found) -> dict[str, Entity]:
    """'the Jamaat Ansar al-Furqan Balochistan (JAFB)': make one actor of the long form and its abbreviation."""
    out: dict[str, Entity] = {}
    for tok in sdoc[1:-1]:
        abbr = sdoc[tok.i + 1] if tok.text == "(" else None
        if abbr is None or not abbr.text.isupper() or not 2 <= len(abbr.text) <= 7 or sdoc[abbr.i + 1].text != ")":
            continue
        bounds = _long_form(sdoc, tok.i, abbr.text)
        if bounds is None:
            continue
        entity = _entity_over(sdoc, found, *bounds)
        if entity is not None:
            out.setdefault(abbr.text, entity)
    return out


def _entity_over(sdoc: Doc, found: Found, start: int, end: int) -> Entity | None:
    """The actor the span names: a registry actor already inside it, or a new unresolved one for the whole span."""
    inside = [m for m in found.actors if start <= m.start and m.end <= end]
    if any(m.entity.resolved and m.origin == "registry" and m.end - m.start == end - start for m in inside):
        return inside[0].entity
    surface = sdoc[start:end].text
    known = registry().lookup(surface)
    entity = (
        Entity(kind=EntityKind.ACTOR, name=known[0].name, type=known[0].type, qid=known[0].qid, id=known[0].id)
        if len(known) == 1
        else Entity(kind=EntityKind.ACTOR, name=surface, type=org_type(surface, "ORG"), resolved=False)
    )
    found.actors[:] = [m for m in found.actors if not (start <= m.start < end)]
    found.places[:] = [p for p in found.places if not (start <= p.start < end)]
    found.actors.append(ActorMention(start, end, entity, surface, "abbreviation"))
    return entity


def _add_surface_mentions(sdoc: Doc, found: Found, table: dict[str, Entity], origin: str) -> None:
    for token in sdoc:
        entity = table.get(token.text)
        if entity is None:
            continue
        current = found.actor_at(token.i)
        if current is None:
            found.actors.append(ActorMention(token.i, token.i + 1, entity, token.text, origin))
        elif not current.entity.resolved and current.end - current.start == 1:
            current.entity = entity


# Courtesy titles that English reporting puts before a surname on second mention ("Ms Sitharaman", "Mr. Khan"):
# they are not part of the name, so "Ms Sitharaman" is the "Nirmala Sitharaman" named before.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam"})


def _bare_name(surface: str) -> str:
    """A person surface without a leading courtesy title."""
    words = surface.split()
    if len(words) > 1 and words[0].rstrip(".").lower() in HONORIFICS:
        return " ".join(words[1:])
    return surface


def _short_names(found: Found) -> None:
    """'Shoigu' (or 'Mr Shoigu') after 'Sergey Shoigu': a one-word person name is the full name said in the
    document."""
    full = [m for m in found.actors if m.entity.type == "person" and " " in _bare_name(m.surface)]
    for m in found.actors:
        bare = _bare_name(m.surface)
        if m.entity.type != "person" or " " in bare or (m.entity.resolved and m.origin == "registry"):
            continue
        for f in full:
            words = _bare_name(f.surface).split()
            if words[-1] == bare or words[0] == bare:
                m.entity = f.entity
                break


def _typos(found: Found) -> None:
    """'TPP' in an article about the 'TTP': an unresolved name one edit away from a name the article uses."""
    known = {m.surface: m.entity for m in found.actors if m.entity.resolved}
    for m in found.actors:
        if m.entity.resolved:
            continue
        for surface, entity in known.items():
            short = len(surface) <= 6
            if (
                short
                and len(m.surface) == len(surface)
                and m.surface.isupper()
                and DamerauLevenshtein.distance(m.surface, surface) == 1
            ):
                m.entity = entity
                break
            if not short and len(m.surface) > 6 and ratio(m.surface.lower(), surface.lower()) >= 88:
                m.entity = entity
                break


def _transliterations(found: Found) -> None:
    """'Zabiullah Mujahid' for the registry's 'Zabihullah Mujahid': a long unresolved name very close to one
    registry name of a compatible type."""
    reg = registry()
    for m in found.actors:
        if m.entity.resolved or len(m.surface) < 8:
            continue
        key = normalise_name(m.surface)
        best = None
        for actor in reg.actors.values():
            if (actor.type == "person") != (m.entity.type == "person"):
                continue
            score = max(ratio(key, normalise_name(s)) for s in actor.surfaces)
            if score >= 90 and (best is None or score > best[0]):
                best = (score, actor)
        if best:
            actor = best[1]
            m.entity = Entity(kind=EntityKind.ACTOR, name=actor.name, type=actor.type, qid=actor.qid, id=actor.id)


def _anaphor_kind(token: Token) -> str | None:
    c = cues()
    if token.lower_ in _PERSON_PRONOUNS:
        return "person"
    if token.lower_ in _GROUP_PRONOUNS and token.dep_ in {"nsubj", "nsubjpass", "poss", "dobj"}:
        return "group"
    if token.lower_ == "them" and token.dep_ == "pobj":  # "put pressure on them"
        return "group"
    if token.pos_ == "NOUN" and any(d.lower_ in {"the", "this", "that"} for d in token.children):
        for kind in ("armed_group", "state", "state_agency"):
            if token.lower_ in c.words("anaphors", kind):
                return kind
    return None


def _is_subject(token: Token) -> bool:
    """A subject, or the group named in a subject ("one TTP leader told ...", "the TTP's spokesman said"): the
    speaker's side is as salient as the speaker."""
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return token.dep_ in {"compound", "poss", "nmod"} and token.head.dep_ in {"nsubj", "nsubjpass"}


def _antecedent(kind: str, before: list[ActorMention], sdoc: Doc) -> ActorMention | None:
    """The nearest compatible actor, preferring grammatical subjects (the most salient referent) for 'it'/'they'."""
    if kind == "group":
        subjects = [m for m in before if _is_subject(sdoc[m.end - 1]) and m.entity.type != "person"]
        if subjects and before[-1].start - subjects[-1].start < 60:  # salience, within about two sentences
            return subjects[-1]
    for m in reversed(before):
        if kind == "person" and m.entity.type == "person":
            return m
        if kind == "group" and m.entity.type != "person":
            return m
        if kind == m.entity.type:
            return m
    return None


def _clause_subject(token: Token) -> set[int]:
    """Tokens of the subject of the clause a pronoun is the object of: by binding (principle B) a plain object
    pronoun never refers to its own clause's subject ("the Taliban put pressure on them": them != the Taliban)."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if token.dep_ not in {"dobj", "pobj"} or verb.pos_ not in {"VERB", "AUX"}:
        return set()
    return {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}


def _chained(token: Token, out: dict[int, ActorMention], bound: set[int]) -> ActorMention | None:
    """A plural pronoun continues the chain of an earlier 'they/them/their' in its sentence: the speaker keeps
    talking about the same referent ("if X pressures them, they could join Y" -> they = them)."""
    if token.lower_ not in {"they", "them", "their"}:
        return None
    plural = {"they", "them", "their"}
    prior = [i for i in out if token.sent.start <= i < token.i and token.doc[i].lower_ in plural and i not in bound]
    return out[max(prior)] if prior else None


def plural_antecedent(token: Token, reach: int = 200) -> Token | None:
    """'these groups' -> the nearest earlier 'groups' that is not itself anaphoric: a plural demonstrative noun
    repeats the noun of the list it points back to ("... on TTP, al-Qaeda or the ETIM groups. [...] these groups
    fought arm-in-arm with the Taliban"), or of the facilities it points back to ("training centers for ISIS-K
    [...] orchestrated from these centers"). The caller reads the list or the owner off that earlier noun."""
    if token.tag_ not in {"NNS", "NNPS"} or not any(d.lower_ in {"these", "those"} for d in token.children):
        return None
    c = cues()
    if token.lemma_.lower() not in c.words("anaphors", "armed_group") | c.words("anaphors", "facilities"):
        return None
    doc = token.doc
    for i in range(token.i - 1, max(-1, token.i - reach), -1):
        earlier = doc[i]
        pointing = any(d.lower_ in {"these", "those"} for d in earlier.children)
        if earlier.lemma_ == token.lemma_ and earlier.tag_ == token.tag_ and not pointing:
            return earlier
    return None


def _plural_candidates(sdoc: Doc, before: list[ActorMention]) -> list[ActorMention]:
    """'they/their' rarely stands for one state or capital ('Moscow must work with the Taliban despite not
    recognizing their rule': their = the Taliban); a state counts only when conjoined with another ('India and
    Pakistan ... their'). When nothing else is left, every candidate stays."""
    kept = [m for m in before if m.entity.type != "state" or sdoc[m.end - 1].conjuncts]
    return kept or before


def antecedents(sdoc: Doc, found: Found) -> dict[int, ActorMention]:
    """Token index of a pronoun or anaphoric noun -> the actor mention it most plausibly refers to."""
    ordered = sorted(found.actors, key=lambda m: m.start)
    out: dict[int, ActorMention] = {}
    for token in sdoc:
        if found.actor_at(token.i) is not None:
            continue
        kind = _anaphor_kind(token)
        if kind is None:
            continue
        window = token.sent.start - 200
        bound = _clause_subject(token)
        before = [m for m in ordered if window <= m.start < token.i and m.end <= token.i and m.start not in bound]
        if kind == "group" and token.lower_ in {"it", "its"}:
            before = [m for m in before if m.entity.type != "state" or m.start >= token.sent.start]
        if kind == "group" and token.lower_ in {"they", "them", "their"}:
            before = _plural_candidates(sdoc, before)
        found_m = _chained(token, out, bound) or _antecedent(kind, before, sdoc)
        if found_m is not None:
            out[token.i] = found_m
    return out


def consolidate(sdoc: Doc, found: Found) -> dict[int, ActorMention]:
    """Resolve the document's own aliases in place; return the pronoun/anaphor antecedents."""
    defined = _bracket_definitions(sdoc, found)
    defined.update({k: v for k, v in _abbreviations(sdoc, found).items() if k not in defined})
    _add_surface_mentions(sdoc, found, defined, "abbreviation")
    _transliterations(found)
    _short_names(found)
    _typos(found)
    found.actors.sort(key=lambda m: m.start)
    return antecedents(sdoc, found)
