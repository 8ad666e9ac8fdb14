"""Stance of a text toward a free-text claim: does it assert the claim, deny it, or only report it?

The Emergent task (Ferreira & Vlachos 2016) is the yardstick: a headline is *for* a claim (asserts), *against* it
(denies or debunks) or *observing* (relays it without taking a side). The model is a small multinomial logistic
regression over cue counts, negation scope, claim/text overlap and the words of the text
(:mod:`veracity.assess.stance_features`). Its weights were learnt on the Emergent train split by
``bench/train_stance.py`` and ship as ``model/data/stance_model.json``; applying them is a dot product, so run time
needs neither scikit-learn nor a GPU, and every label comes back with the cue words that fired.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Protocol

from rapidfuzz import fuzz

from veracity.assess.stance_features import content, cues, features, tokenize
from veracity.model.errors import ConfigError
from veracity.model.records import Document
from veracity.model.vocabulary import load_data

LABELS = ("asserts", "denies", "reports")
"""The three stances, in the order of the weight rows in the model file."""
MODEL_VERSION = "stance.logreg@1"
MODEL_FILE = "stance_model.json"
MIN_OVERLAP = 0.34
"""A sentence must share at least this share of the claim's content words (or look like it) to discuss it."""

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)]*(?=\s)|\n")


@dataclass(frozen=True, slots=True)
class StanceResult:
    """A label with the probability of each label and the cue words that fired (``group:word``)."""

    label: str
    scores: dict[str, float]
    cues: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "scores": self.scores, "cues": self.cues}


@dataclass(frozen=True, slots=True)
class SentenceStance:
    """One sentence of a document that discusses the claim, with how closely (``overlap``) and its stance."""

    doc_id: str
    doc_name: str
    sentence: str
    span: tuple[int, int]
    overlap: float
    stance: StanceResult

    @property
    def label(self) -> str:
        return self.stance.label

    def as_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "doc": self.doc_name, "sentence": self.sentence, "span": list(self.span),
                "overlap": round(self.overlap, 3), **self.stance.as_dict()}


@dataclass(frozen=True, slots=True)
class StanceModel:
    """Weight rows per feature name (one weight per label); a feature the model never saw weighs nothing."""

    weights: dict[str, tuple[float, ...]]
    version: str

    def scores(self, feats: dict[str, float]) -> dict[str, float]:
        """Softmax of the linear scores: the probability of each label."""
        totals = [0.0] * len(LABELS)
        for name, value in feats.items():
            row = self.weights.get(name)
            if row is not None:
                totals = [t + w * value for t, w in zip(totals, row, strict=True)]
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        norm = sum(exps)
        return {label: e / norm for label, e in zip(LABELS, exps, strict=True)}


@cache
def model() -> StanceModel:
    """The shipped weights, read once; a missing or foreign file is a :class:`ConfigError` with the fix."""
    path = resources.files("veracity.model") / "data" / MODEL_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read {MODEL_FILE}: {exc}", fix="run bench/train_stance.py") from exc
    if tuple(raw.get("labels", ())) != LABELS:
        raise ConfigError(f"{MODEL_FILE} has labels {raw.get('labels')}, expected {list(LABELS)}",
                          fix="retrain with bench/train_stance.py")
    return StanceModel({k: tuple(v) for k, v in raw["weights"].items()}, str(raw.get("version", "")))


def classify(claim: str, text: str) -> StanceResult:
    """Label ``text`` as asserting, denying or reporting ``claim``, with label probabilities and the cues seen."""
    feats, cue_list = features(claim, text)
    scores = model().scores(feats)
    label = max(LABELS, key=lambda lab: scores[lab])
    return StanceResult(label, {k: round(v, 4) for k, v in scores.items()}, cue_list)


def sentences(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, sentence) for each sentence: a light splitter, since stance needs spans, not syntax.

    A full stop after an initial or a title ("U.S.", "Gen.") does not end a sentence; a line break always does.
    """
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0) != "\n" and _abbreviation().search(text[start : m.start() + 1]):
            continue
        yield from _stripped(text, start, m.end())
        start = m.end()
    yield from _stripped(text, start, len(text))


@cache
def _abbreviation() -> re.Pattern[str]:
    """A full stop after an initial or an abbreviation listed in ``stance_cues.yaml``."""
    words = "|".join(re.escape(str(w)) for w in load_data("stance_cues.yaml").get("abbreviations", []))
    return re.compile(rf"\b(?:[A-Z]|{words})\.$")


def _stripped(text: str, start: int, end: int) -> Iterable[tuple[int, int, str]]:
    """The span with surrounding blanks removed, if anything is left."""
    chunk = text[start:end]
    if chunk.strip():
        lead = len(chunk) - len(chunk.lstrip())
        yield start + lead, start + len(chunk.rstrip()), chunk.strip()


def overlap(claim_words: set[str], claim: str, sentence: str) -> float:
    """How much a sentence discusses the claim: the larger of content-word coverage and a fuzzy token-set ratio."""
    if not claim_words:
        return 0.0
    cover = len(claim_words & content(tokenize(sentence))) / len(claim_words)
    return max(cover, fuzz.token_set_ratio(claim.lower(), sentence.lower()) / 100.0 - 0.3)


def discussing(claim: str, documents: Iterable[Document]) -> list[tuple[float, Document, tuple[int, int, str]]]:
    """Every sentence whose overlap with the claim reaches :data:`MIN_OVERLAP`, closest first."""
    claim_words = content(tokenize(claim))
    found = []
    for doc in documents:
        for start, end, sent in sentences(doc.text):
            score = overlap(claim_words, claim, sent)
            if score >= MIN_OVERLAP:
                found.append((score, doc, (start, end, sent)))
    found.sort(key=lambda item: (-item[0], item[1].id, item[2][0]))
    return found


def stance_against(claim: str, documents: Iterable[Document], limit: int = 20) -> list[SentenceStance]:
    """The ``limit`` sentences that discuss ``claim`` most closely, each labelled asserts / denies / reports.

    Shared by the CLI and the API so both give the same answer; sentences are ranked by overlap because a sentence
    that barely mentions the claim's words says little about it, whatever its cue words.
    """
    out = []
    for score, doc, (start, end, sent) in discussing(claim, documents)[: max(limit, 0)]:
        out.append(SentenceStance(doc.id, doc.name, sent, (start, end), score, classify(claim, sent)))
    return out


def search_query(claim: str) -> str:
    """The claim's content words, for a store's full-text search (stopwords only add noise to the ranking)."""
    stop = cues().stopwords
    words = [t for t in tokenize(claim) if t[0].isalnum() and t not in stop]
    return " ".join(dict.fromkeys(words)) or claim


class SearchableView(Protocol):
    """The two store-view methods stance needs (a real :class:`veracity.store.View` has both)."""

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]: ...

    def document(self, doc_id_or_name: str) -> Document: ...


def stance_in_store(claim: str, view: SearchableView, limit: int = 20, candidates: int = 50) -> list[SentenceStance]:
    """Stance of the stored documents that full-text search finds for the claim's words (``candidates`` at most)."""
    hits = view.search(search_query(claim), limit=candidates)
    doc_ids = list(dict.fromkeys(doc_id for doc_id, _ in hits))
    return stance_against(claim, (view.document(doc_id) for doc_id in doc_ids), limit)
