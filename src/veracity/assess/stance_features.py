"""Features for the stance of a text toward a claim: cue counts, negation scope, claim/text overlap, words.

Pure functions of two strings, so training (``bench/train_stance.py``) and run time compute exactly the same
features. The cue words live in ``model/data/stance_cues.yaml`` (vocabulary is data); each cue group becomes one
count feature, and the stemmed words of the text become sparse ``w=`` features that the shipped model weighs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from veracity.model.vocabulary import load_data

CUE_GROUPS = ("negation", "debunk", "denial", "hedge", "report", "assertion")
NEGATION_SCOPE = 4
"""Tokens to the right of a negation word that it can govern (headlines are short, clauses shorter)."""

_TOKEN = re.compile(r"n't|[a-z0-9]+(?:'[a-z]+)?|[?!:\"“”‘’']")
_NT = re.compile(r"(\w)n['’]t\b")
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


@dataclass(frozen=True, slots=True)
class Cues:
    """The cue lexicons: single words per group, multi-word phrases per group, and overlap stopwords."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    stopwords: frozenset[str]


@cache
def cues() -> Cues:
    """Load ``stance_cues.yaml`` once; phrases are split so they can match token sequences."""
    raw = load_data("stance_cues.yaml")
    words: dict[str, frozenset[str]] = {}
    phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
    for group in CUE_GROUPS:
        entries = [tokenize(str(e)) for e in raw.get(group, [])]
        words[group] = frozenset(e[0] for e in entries if len(e) == 1)
        phrases[group] = tuple(tuple(e) for e in entries if len(e) > 1)
    return Cues(words, phrases, frozenset(str(w) for w in raw.get("stopwords", [])))


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens, with "n't" split off and question marks, colons and quotes kept as tokens."""
    text = _NT.sub(r"\1 n't", text.lower().replace("’", "'"))
    return _TOKEN.findall(text)


def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "denies"/"denied"/"deny"-style variants across claim and text."""
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def content(tokens: list[str]) -> set[str]:
    """Stemmed content words: alphanumeric tokens that are not stopwords or cue words of the negation group."""
    c = cues()
    return {stem(t) for t in tokens if t[0].isalnum() and t not in c.stopwords and t not in c.words["negation"]}


def match_at(tokens: list[str], i: int, group: str) -> str | None:
    """The cue of ``group`` starting at token ``i`` (a word or a whole phrase), or ``None``."""
    c = cues()
    for phrase in c.phrases[group]:
        if tuple(tokens[i : i + len(phrase)]) == phrase:
            return " ".join(phrase)
    return tokens[i] if tokens[i] in c.words[group] else None


def cue_hits(tokens: list[str]) -> dict[str, list[int]]:
    """Token positions where each cue group matches (a phrase counts at its first token)."""
    return {g: [i for i in range(len(tokens)) if match_at(tokens, i, g) is not None] for g in CUE_GROUPS}


def cue_words(tokens: list[str], hits: dict[str, list[int]]) -> list[str]:
    """The cues found, as ``group:cue`` strings, so a result can say why it was labelled."""
    return [f"{group}:{match_at(tokens, i, group)}" for group in CUE_GROUPS for i in hits[group]]


def negation_on_claim(tokens: list[str], negations: list[int], claim_words: set[str]) -> int:
    """How many negations govern a claim content word within :data:`NEGATION_SCOPE` tokens to their right.

    "Apple did *not* change iPhone internals" negates the claim; "*no* one expected the iPhone" does not touch it.
    """
    count = 0
    for i in negations:
        scope = tokens[i + 1 : i + 1 + NEGATION_SCOPE]
        if any(stem(t) in claim_words for t in scope):
            count += 1
    return count


def attachment_features(tokens: list[str], hits: dict[str, list[int]], claim_words: set[str]) -> dict[str, float]:
    """Whether reporting and hedge cues govern the claim's words, as negation scope does for denials.

    "Spokesman *says* Pakistan supports ISKP" relays the claim; "Pakistan supports ISKP, *analysts say*" too;
    "Pakistan *may* support ISKP" hedges it. A cue far from the claim's words says less about the claim.
    """
    claim_at = [i for i, t in enumerate(tokens) if stem(t) in claim_words]
    return {
        "attach:report_before": float(any(0 < p - i <= 3 for i in hits["report"] for p in claim_at)),
        "attach:report_after": float(bool(claim_at) and any(i > max(claim_at) for i in hits["report"])),
        "attach:hedge": float(any(0 < p - i <= 3 for i in hits["hedge"] for p in claim_at)),
    }


def overlap_features(claim: str, text: str, claim_words: set[str], text_words: set[str]) -> dict[str, float]:
    """How much of the claim the text talks about: content-word coverage, Jaccard and two fuzzy ratios."""
    shared = claim_words & text_words
    union = claim_words | text_words
    return {
        "overlap:cover": len(shared) / len(claim_words) if claim_words else 0.0,
        "overlap:jaccard": len(shared) / len(union) if union else 0.0,
        "overlap:token_set": fuzz.token_set_ratio(claim.lower(), text.lower()) / 100.0,
        "overlap:partial": fuzz.partial_ratio(claim.lower(), text.lower()) / 100.0,
    }


def features(claim: str, text: str) -> tuple[dict[str, float], list[str]]:
    """The feature dict of one claim/text pair and the cue words that fired (for explanations)."""
    tokens, claim_tokens = tokenize(text), tokenize(claim)
    claim_words, text_words = content(claim_tokens), content(tokens)
    hits = cue_hits(tokens)
    claim_hits = cue_hits(claim_tokens)
    feats: dict[str, float] = {"bias": 1.0}
    for group in CUE_GROUPS:
        n = len(hits[group])
        feats[f"cue:{group}"] = min(n, 2)
    neg_claim = negation_on_claim(tokens, hits["negation"], claim_words)
    feats["neg:on_claim"] = min(neg_claim, 2)
    claim_negated = bool(claim_hits["negation"] or claim_hits["debunk"])
    feats["neg:claim_negated"] = float(claim_negated)
    feats["neg:mismatch"] = float(bool(hits["negation"]) != claim_negated)
    feats["punct:question"] = float("?" in tokens)
    feats["punct:ends_question"] = float(text.rstrip().endswith("?"))
    feats["punct:colon"] = float(":" in tokens)
    feats["punct:quote"] = float(any(t in {'"', "“", "”", "‘", "'"} for t in tokens))
    feats.update(attachment_features(tokens, hits, claim_words))
    feats.update(overlap_features(claim, text, claim_words, text_words))
    feats["overlap:debunk"] = feats["overlap:cover"] * min(len(hits["debunk"]) + len(hits["denial"]), 2)
    for tok in set(tokens):
        if tok[0].isalnum() or tok == "n't":
            feats[f"w={stem(tok)}"] = 1.0
    return feats, cue_words(tokens, hits)
