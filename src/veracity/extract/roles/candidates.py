"""Candidate noun phrases around attack words, and the sparse features the role classifier scores them on.

Why candidates and not a tagger: MUC-4 gold lists the shortest complete noun phrase of each filler, and news
needs the same span an analyst would quote. Every noun chunk, entity and "X of Y" phrase offers its full form and
its shorter nested forms ending at the head; the classifier learns which of them is the filler. Features avoid
capitalisation so lower-cased wire copy and normal news look alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from spacy.tokens import Doc

from veracity.extract.text.token_table import TokenTable, token_table

DATA = Path(__file__).resolve().parents[1] / "data"
_SKIP_LEFT = {"DET", "PRON", "PUNCT", "CCONJ", "PART"}
_ENT_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "LOC"}
_MAX_SUFFIXES = 4
_MAX_OF_TOKENS = 8
_STOP_OF = {"(", ",", ";", ":", '"', "-", "--", ")"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Attack words and head-noun classes, read from ``data/roles.yaml``."""

    verbs: frozenset[str]
    nouns: frozenset[str]
    classes: dict[str, str]
    responsibility: frozenset[str]
    attribution: frozenset[str]
    patterns: dict[str, dict[str, str]]

    def is_trigger(self, tag: str, lemma: str, lower: str) -> bool:
        """Verbs fire on verb lemmas, nouns on noun lemmas: "the bomb exploded" has one trigger, not two."""
        if tag.startswith("VB"):
            return lemma in self.verbs
        if tag.startswith("NN"):
            return lemma in self.nouns or lower in self.nouns
        return False


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate filler: a token span, its head, the trigger it hangs on and its feature strings."""

    start: int
    end: int
    head: int
    trigger: int | None
    features: tuple[str, ...]
    rule: str | None = None


@cache
def load_lexicon() -> Lexicon:
    """Read the lexicon once per process; the file is part of the package."""
    raw = yaml.safe_load((DATA / "roles.yaml").read_text(encoding="utf-8"))
    classes = {word: name for name, words in raw["classes"].items() for word in words}
    return Lexicon(
        verbs=frozenset(raw["triggers"]["verbs"]),
        nouns=frozenset(raw["triggers"]["nouns"]),
        classes=classes,
        responsibility=frozenset(raw["responsibility"]),
        attribution=frozenset(raw.get("attribution", [])),
        patterns=raw.get("patterns", {}),
    )


def base_spans(doc: Doc, table: TokenTable) -> dict[int, list[tuple[int, int]]]:
    """(start, end) of noun chunks, then of named entities, grouped by the start of their sentence: the phrases a
    filler can be.

    Why grouped once per document: candidates are built sentence by sentence, and asking spaCy for the chunks of
    each sentence would walk the whole document each time.
    """
    out: dict[int, list[tuple[int, int]]] = {}
    for start, end in table.noun_chunks(doc):
        out.setdefault(table.sent_start[start], []).append((start, end))
    for ent in doc.ents:
        if ent.label_ in _ENT_LABELS:
            out.setdefault(table.sent_start[ent.start], []).append((ent.start, ent.end))
    return out


def span_variants(table: TokenTable, span_start: int, span_end: int) -> Iterator[tuple[int, int, str]]:
    """The full phrase without determiners, its shorter forms ending at the head, and its "of Y" extension."""
    head = table.root(span_start, span_end)
    pos = table.pos
    start = span_start
    while start < head and pos[start] in _SKIP_LEFT:
        start += 1
    if pos[start] == "PRON":
        return
    end = head + 1
    for i in range(start, end):
        if i == start or end - i <= _MAX_SUFFIXES:
            yield i, end, "full" if i == start else "sfx"
    if span_end > end:
        yield start, span_end, "long"
    of_end = _of_extension(table, head)
    if of_end is not None:
        yield start, of_end, "of"
        if start < head:
            yield head, of_end, "hof"


def _of_extension(table: TokenTable, head: int) -> int | None:
    """Right edge of "members of the salvadoran army": a head noun followed by an "of" phrase.

    The phrase stops before a parenthesis, a comma or a further preposition, so "front (fmln)", "the army, which"
    and "company in lima" are not swallowed.
    """
    for child in table.rights(head):
        if table.dep[child] == "prep" and table.lower[child] == "of":
            objs = [c for c in table.children(child) if table.dep[c] == "pobj"]
            if not objs:
                return None
            obj = objs[0]
            end = obj + 1
            while end <= table.edges(obj)[1] and not _ends_of_phrase(table, end, obj):
                end += 1
            return end if end - head <= _MAX_OF_TOKENS else None
    return None


def _ends_of_phrase(table: TokenTable, i: int, obj: int) -> bool:
    """Where the object of "of" ends: punctuation, or a preposition other than "of" hanging on it."""
    return table.text[i] in _STOP_OF or (table.dep[i] == "prep" and table.head[i] == obj and table.lower[i] != "of")


def sentence_triggers(table: TokenTable, start: int, end: int, lex: Lexicon) -> list[int]:
    """Positions of the attack words of one sentence (tokens ``start`` to ``end``), in order."""
    tag, lemma, lower = table.tag, table.lemma, table.lower
    return [i for i in range(start, end) if lex.is_trigger(tag[i], lemma[i], lower[i])]


def nearest_trigger(
    table: TokenTable, head: int, start: int, end: int, triggers: list[int]
) -> tuple[int | None, str, int]:
    """The attack word closest to the head along the tree (ties broken by distance in the text), with the path
    to it and its length; a trigger inside the phrase itself does not count."""
    best: tuple[int, int, int | None, str] = (100, 0, None, "none")
    for trig in triggers:
        if start <= trig < end:
            continue
        path, length = table.dep_path(head, trig)
        key = (length, abs(trig - head))
        if key < best[:2]:
            best = (length, key[1], trig, path)
    return best[2], best[3], best[0]


def rule_id(table: TokenTable, head: int, path: str, lex: Lexicon) -> str | None:
    """The syntactic pattern of ``data/roles.yaml`` the phrase matches, as "path|class" ("nsubj^|individual" for
    "gunmen" as subject of "opened fire", "with:pobj^/prep^|weapon" for "with explosive vests"), if any."""
    key = f"{table.lower[table.head[head]]}:{path}" if table.dep[head] == "pobj" else path
    cls = head_class(table, head, lex)
    return f"{key}|{cls}" if cls in lex.patterns.get(key, {}) else None


def rule_target(rule: str, lex: Lexicon) -> str:
    """The role a pattern id names."""
    key, cls = rule.rsplit("|", 1)
    return lex.patterns[key][cls]


def head_class(table: TokenTable, i: int, lex: Lexicon) -> str:
    """Animacy/kind class of a head noun from the lexicon; "other" when unknown."""
    return lex.classes.get(table.lemma[i], lex.classes.get(table.lower[i], "other"))


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    """Coarse bucket for a count, so the model sees "early" rather than sentence 17."""
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _context(table: TokenTable, head: int, lex: Lexicon) -> list[str]:
    """Grammatical role of the head: its dependency, governor, and the preposition it hangs from."""
    gov = table.head[head]
    dep, lemma = table.dep[head], table.lemma
    feats = [f"dep={dep}", f"gov={dep}|{lemma[gov]}"]
    if dep == "pobj":
        prep = table.lower[gov]
        feats += [f"prep={prep}", f"pgov={prep}|{lemma[table.head[gov]]}"]
    if dep in {"appos", "conj", "compound"}:
        feats.append(f"gdep={dep}|{table.dep[gov]}")
    if lemma[gov] == "claim" or any(lemma[c] in lex.responsibility for c in table.children(gov)):
        feats.append(f"resp={dep}")
    return feats


def _shape(table: TokenTable, start: int, end: int, variant: str) -> list[str]:
    """Surface of the span: which nested form it is, its length, first word, neighbours, numbers, "of"."""
    lower = table.lower
    left1 = lower[start - 1] if start else "^"
    feats = [
        f"v={variant}",
        f"n={_bucket(end - start, (1, 2, 3, 5))}",
        f"f={lower[start]}" if end - start > 1 else "f=_",
        f"l1={left1}",
        f"l2={lower[start - 2] if start > 1 else '^'}|{left1}",
        f"r1={lower[end] if end < len(lower) else '$'}",
    ]
    if any(table.like_num[start:end]):
        feats.append("num")
    if "of" in lower[start:end]:
        feats.append("has_of")
    return feats


def candidate_features(
    table: TokenTable,
    span: tuple[int, int, int],
    variant: str,
    trig: tuple[int | None, str, int],
    where: tuple[int, int],
) -> tuple[str, ...]:
    """Sparse, capitalisation-free features of one candidate span.

    ``span`` is (start, end, head position); ``trig`` is (trigger position, path, path length); ``where`` is
    (sentence number, how often the head lemma occurs in the document), since the filler of a report is usually
    named early and repeated.
    """
    start, end, head = span
    sent_no, head_freq = where
    lex = load_lexicon()
    cls = head_class(table, head, lex)
    trigger, path, length = trig
    tlemma = table.lemma[trigger] if trigger is not None else "none"
    ents = {e for e in table.ent_type[start:end] if e}
    hlemma = table.lemma[head]
    short = path if length <= 3 else "long"
    feats = [
        f"h={hlemma}",
        f"cls={cls}",
        f"s={_bucket(sent_no, (0, 1, 2, 4, 8))}",
        f"t={tlemma}",
        f"pa={path if length <= 4 else 'long'}",
        f"pt={short}|{tlemma}",
        f"pc={short}|{cls}",
        f"ht={hlemma}|{tlemma}",
        f"tc={tlemma}|{cls}",
        f"pl={min(length, 6)}",
        f"hf={_bucket(head_freq, (1, 2, 4))}",
        *(f"e={e}" for e in sorted(ents)),
        *_context(table, head, lex),
        *_shape(table, start, end, variant),
    ]
    return tuple(feats)


def _cue_features(table: TokenTable, head: int, start: int, end: int, cues: list[int]) -> tuple[str, ...]:
    """Path to the nearest attribution word ("blamed", "arrested", "members"): where perpetrators are named."""
    if not cues:
        return ()
    cue, path, length = nearest_trigger(table, head, start, end, cues)
    if cue is None or length > 3:
        return ("ap=far",)
    return (f"ap={path}|{table.lemma[cue]}", f"al={table.lemma[cue]}")


def find_candidates(doc: Doc, table: TokenTable | None = None) -> Iterator[tuple[Candidate, int]]:
    """Every candidate of a parsed document with the index of its sentence (a span seen twice is yielded once).

    ``table`` is the document's :func:`~veracity.extract.text.token_table.token_table`, when the caller already has it.
    """
    tt = table if table is not None else token_table(doc)
    lex = load_lexicon()
    seen: set[tuple[int, int]] = set()
    freq = Counter(lemma for lemma, pos in zip(tt.lemma, tt.pos, strict=True) if pos in {"NOUN", "PROPN"})
    bases = base_spans(doc, tt)
    for sent_no, (sent_start, sent_end) in enumerate(tt.sents):
        triggers = sentence_triggers(tt, sent_start, sent_end, lex)
        cues = [i for i in range(sent_start, sent_end) if tt.lemma[i] in lex.attribution]
        for base_start, base_end in bases.get(sent_start, []):
            for start, end, variant in span_variants(tt, base_start, base_end):
                if (start, end) in seen or not any(tt.is_alpha[start:end]):
                    continue
                seen.add((start, end))
                head = tt.root(start, end)
                trig = nearest_trigger(tt, head, start, end, triggers)
                feats = candidate_features(tt, (start, end, head), variant, trig, (sent_no, freq[tt.lemma[head]]))
                feats += _cue_features(tt, head, start, end, cues)
                rule = rule_id(tt, head, trig[1], lex) if trig[2] <= 3 else None
                yield Candidate(start, end, head, trig[0], feats, rule), sent_no


def gate_features(doc: Doc, table: TokenTable | None = None) -> list[str]:
    """Document features for the "reports an incident" gate: attack words (which, how often, how early) and the
    content lemmas of the sentences that carry them.

    Why only the attack sentences' words: the gate must carry over from 1989 wire copy to today's news; words next
    to an attack word ("wounded", "claimed", "clash", "army") say what kind of violence it is, while a bag of the
    whole document would mostly learn place names of 1989 El Salvador.
    """
    tt = table if table is not None else token_table(doc)
    lex = load_lexicon()
    counts: Counter[str] = Counter()
    words: set[str] = set()
    first = -1
    for sent_no, (start, end) in enumerate(tt.sents):
        found = sentence_triggers(tt, start, end, lex)
        if not found:
            continue
        counts.update(tt.lemma[i] for i in found)
        words.update(tt.lemma[i] for i in range(start, end) if tt.is_alpha[i] and tt.pos[i] in {"NOUN", "VERB", "ADJ"})
        first = sent_no if first < 0 else first
    feats = [f"g:t={lemma}" for lemma in counts] + [f"g:w={w}" for w in words]
    feats += [f"g:tt={lemma}|{_bucket(n, (1, 3))}" for lemma, n in counts.items()]
    feats.append(f"g:n={_bucket(sum(counts.values()), (0, 1, 2, 4, 8, 16))}")
    feats.append(f"g:first={_bucket(first, (-1, 0, 1, 3, 6))}")
    feats.append(f"g:len={_bucket(len(doc), (100, 200, 400, 800))}")
    return feats
