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
from spacy.tokens import Doc, Span, Token

DATA = Path(__file__).parent / "data"
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

    def is_trigger(self, tok: Token) -> bool:
        """Verbs fire on verb lemmas, nouns on noun lemmas: "the bomb exploded" has one trigger, not two."""
        if tok.tag_.startswith("VB"):
            return tok.lemma_ in self.verbs
        if tok.tag_.startswith("NN"):
            return tok.lemma_ in self.nouns or tok.lower_ in self.nouns
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


def base_spans(doc: Doc) -> dict[int, list[Span]]:
    """Noun chunks, then named entities, grouped by the start of their sentence: the phrases a filler can be.

    Why grouped once per document: ``Span.noun_chunks`` walks the whole document each time it is asked.
    """
    out: dict[int, list[Span]] = {}
    for chunk in doc.noun_chunks:
        out.setdefault(chunk.sent.start, []).append(chunk)
    for ent in doc.ents:
        if ent.label_ in _ENT_LABELS:
            out.setdefault(ent.sent.start, []).append(ent)
    return out


def span_variants(span: Span) -> Iterator[tuple[int, int, str]]:
    """The full phrase without determiners, its shorter forms ending at the head, and its "of Y" extension."""
    head = span.root
    start = span.start
    while start < head.i and span.doc[start].pos_ in _SKIP_LEFT:
        start += 1
    if span.doc[start].pos_ == "PRON":
        return
    end = head.i + 1
    for i in range(start, end):
        if i == start or end - i <= _MAX_SUFFIXES:
            yield i, end, "full" if i == start else "sfx"
    if span.end > end:
        yield start, span.end, "long"
    of_end = _of_extension(head)
    if of_end is not None:
        yield start, of_end, "of"
        if start < head.i:
            yield head.i, of_end, "hof"


def _of_extension(head: Token) -> int | None:
    """Right edge of "members of the salvadoran army": a head noun followed by an "of" phrase.

    The phrase stops before a parenthesis, a comma or a further preposition, so "front (fmln)", "the army, which"
    and "company in lima" are not swallowed.
    """
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if not objs:
                return None
            obj = objs[0]
            end = obj.i + 1
            while end <= obj.right_edge.i and not _ends_of_phrase(head.doc[end], obj):
                end += 1
            return end if end - head.i <= _MAX_OF_TOKENS else None
    return None


def _ends_of_phrase(tok: Token, obj: Token) -> bool:
    """Where the object of "of" ends: punctuation, or a preposition other than "of" hanging on it."""
    return tok.text in _STOP_OF or (tok.dep_ == "prep" and tok.head == obj and tok.lower_ != "of")


def sentence_triggers(sent: Span, lex: Lexicon) -> list[Token]:
    """Attack words of one sentence, in order."""
    return [tok for tok in sent if lex.is_trigger(tok)]


def dep_path(a: Token, b: Token) -> tuple[str, int]:
    """Dependency path from ``a`` up to the common ancestor and down to ``b``, with its length."""
    up = [a, *a.ancestors]
    up_ids = {t.i: n for n, t in enumerate(up)}
    down: list[Token] = []
    for t in [b, *b.ancestors]:
        if t.i in up_ids:
            steps_up = [x.dep_ + "^" for x in up[: up_ids[t.i]]]
            steps_down = ["v" + x.dep_ for x in reversed(down)]
            return "/".join(steps_up + steps_down), len(steps_up) + len(steps_down)
        down.append(t)
    return "far", 99


def nearest_trigger(head: Token, start: int, end: int, triggers: list[Token]) -> tuple[Token | None, str, int]:
    """The attack word closest to the head along the tree (ties broken by distance in the text)."""
    best: tuple[int, int, Token | None, str] = (100, 0, None, "none")
    for trig in triggers:
        if start <= trig.i < end:
            continue
        path, length = dep_path(head, trig)
        key = (length, abs(trig.i - head.i))
        if key < best[:2]:
            best = (length, key[1], trig, path)
    return best[2], best[3], best[0]


def rule_id(head: Token, path: str, lex: Lexicon) -> str | None:
    """The syntactic pattern of ``data/roles.yaml`` the phrase matches, as "path|class" ("nsubj^|individual" for
    "gunmen" as subject of "opened fire", "with:pobj^/prep^|weapon" for "with explosive vests"), if any."""
    key = f"{head.head.lower_}:{path}" if head.dep_ == "pobj" else path
    cls = head_class(head, lex)
    return f"{key}|{cls}" if cls in lex.patterns.get(key, {}) else None


def rule_target(rule: str, lex: Lexicon) -> str:
    """The role a pattern id names."""
    key, cls = rule.rsplit("|", 1)
    return lex.patterns[key][cls]


def head_class(tok: Token, lex: Lexicon) -> str:
    """Animacy/kind class of a head noun from the lexicon; "other" when unknown."""
    return lex.classes.get(tok.lemma_, lex.classes.get(tok.lower_, "other"))


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    """Coarse bucket for a count, so the model sees "early" rather than sentence 17."""
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _context(head: Token) -> list[str]:
    """Grammatical role of the head: its dependency, governor, and the preposition it hangs from."""
    gov = head.head
    feats = [f"dep={head.dep_}", f"gov={head.dep_}|{gov.lemma_}"]
    if head.dep_ == "pobj":
        feats += [f"prep={gov.lower_}", f"pgov={gov.lower_}|{gov.head.lemma_}"]
    if head.dep_ in {"appos", "conj", "compound"}:
        feats.append(f"gdep={head.dep_}|{gov.dep_}")
    if gov.lemma_ == "claim" or any(c.lemma_ in load_lexicon().responsibility for c in gov.children):
        feats.append(f"resp={head.dep_}")
    return feats


def _shape(doc: Doc, start: int, end: int, variant: str) -> list[str]:
    """Surface of the span: which nested form it is, its length, first word, neighbours, numbers, "of"."""
    span = doc[start:end]
    left1 = doc[start - 1].lower_ if start else "^"
    feats = [
        f"v={variant}",
        f"n={_bucket(end - start, (1, 2, 3, 5))}",
        f"f={doc[start].lower_}" if end - start > 1 else "f=_",
        f"l1={left1}",
        f"l2={doc[start - 2].lower_ if start > 1 else '^'}|{left1}",
        f"r1={doc[end].lower_ if end < len(doc) else '$'}",
    ]
    if any(t.like_num for t in span):
        feats.append("num")
    if "of" in {t.lower_ for t in span}:
        feats.append("has_of")
    return feats


def candidate_features(
    doc: Doc, start: int, end: int, variant: str, trig: tuple[Token | None, str, int], where: tuple[int, int]
) -> tuple[str, ...]:
    """Sparse, capitalisation-free features of one candidate span.

    ``trig`` is (trigger, path, path length); ``where`` is (sentence number, how often the head lemma occurs in the
    document), since the filler of a report is usually named early and repeated.
    """
    sent_no, head_freq = where
    lex = load_lexicon()
    span = doc[start:end]
    head = span.root if span.root.i < end else doc[end - 1]
    cls = head_class(head, lex)
    trigger, path, length = trig
    tlemma = trigger.lemma_ if trigger is not None else "none"
    ents = {t.ent_type_ for t in span if t.ent_type_}
    feats = [
        f"h={head.lemma_}",
        f"cls={cls}",
        f"s={_bucket(sent_no, (0, 1, 2, 4, 8))}",
        f"t={tlemma}",
        f"pa={path if length <= 4 else 'long'}",
        f"pt={path if length <= 3 else 'long'}|{tlemma}",
        f"pc={path if length <= 3 else 'long'}|{cls}",
        f"ht={head.lemma_}|{tlemma}",
        f"tc={tlemma}|{cls}",
        f"pl={min(length, 6)}",
        f"hf={_bucket(head_freq, (1, 2, 4))}",
        *(f"e={e}" for e in sorted(ents)),
        *_context(head),
        *_shape(doc, start, end, variant),
    ]
    return tuple(feats)


def _cue_features(head: Token, start: int, end: int, cues: list[Token]) -> tuple[str, ...]:
    """Path to the nearest attribution word ("blamed", "arrested", "members"): where perpetrators are named."""
    if not cues:
        return ()
    cue, path, length = nearest_trigger(head, start, end, cues)
    if cue is None or length > 3:
        return ("ap=far",)
    return (f"ap={path}|{cue.lemma_}", f"al={cue.lemma_}")


def find_candidates(doc: Doc) -> Iterator[tuple[Candidate, int]]:
    """Every candidate of a parsed document with the index of its sentence (a span seen twice is yielded once)."""
    lex = load_lexicon()
    seen: set[tuple[int, int]] = set()
    freq = Counter(t.lemma_ for t in doc if t.pos_ in {"NOUN", "PROPN"})
    bases = base_spans(doc)
    for sent_no, sent in enumerate(doc.sents):
        triggers = sentence_triggers(sent, lex)
        cues = [t for t in sent if t.lemma_ in lex.attribution]
        for base in bases.get(sent.start, []):
            for start, end, variant in span_variants(base):
                if (start, end) in seen or not any(t.is_alpha for t in doc[start:end]):
                    continue
                seen.add((start, end))
                head = doc[start:end].root
                trig = nearest_trigger(head, start, end, triggers)
                feats = candidate_features(doc, start, end, variant, trig, (sent_no, freq[head.lemma_]))
                feats += _cue_features(head, start, end, cues)
                rule = rule_id(head, trig[1], lex) if trig[2] <= 3 else None
                yield Candidate(start, end, head.i, trig[0].i if trig[0] is not None else None, feats, rule), sent_no


def gate_features(doc: Doc) -> list[str]:
    """Document features for the "reports an incident" gate: attack words (which, how often, how early) and the
    content lemmas of the sentences that carry them.

    Why only the attack sentences' words: the gate must carry over from 1989 wire copy to today's news; words next
    to an attack word ("wounded", "claimed", "clash", "army") say what kind of violence it is, while a bag of the
    whole document would mostly learn place names of 1989 El Salvador.
    """
    lex = load_lexicon()
    counts: Counter[str] = Counter()
    words: set[str] = set()
    first = -1
    for sent_no, sent in enumerate(doc.sents):
        found = sentence_triggers(sent, lex)
        if not found:
            continue
        counts.update(tok.lemma_ for tok in found)
        words.update(t.lemma_ for t in sent if t.is_alpha and t.pos_ in {"NOUN", "VERB", "ADJ"})
        first = sent_no if first < 0 else first
    feats = [f"g:t={lemma}" for lemma in counts] + [f"g:w={w}" for w in words]
    feats += [f"g:tt={lemma}|{_bucket(n, (1, 3))}" for lemma, n in counts.items()]
    feats.append(f"g:n={_bucket(sum(counts.values()), (0, 1, 2, 4, 8, 16))}")
    feats.append(f"g:first={_bucket(first, (-1, 0, 1, 3, 6))}")
    feats.append(f"g:len={_bucket(len(doc), (100, 200, 400, 800))}")
    return feats
