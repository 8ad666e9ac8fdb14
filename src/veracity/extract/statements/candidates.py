"""Candidates of the statement models, built the same way for training and for extraction.

A candidate is an ordered pair of nodes in one sentence, with the features of the pair, of its context, and the
claimant candidates for it (the article's own voice, every actor named or referred to in the sentence or the one
before, and whoever the rules' claimant finder names as the subject of a reporting verb above the pair).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from veracity.extract.claims.finder import claimant_of
from veracity.extract.context import Ctx
from veracity.extract.document.structure import dateline_of
from veracity.extract.statements.features import (
    _ancestors_to,
    claimant_features,
    context_features,
    cue_class,
    dep_path,
    pair_features,
)
from veracity.extract.statements.nodes import Node, sentence_nodes
from veracity.model.records import Assertion, Stance, is_author

_MAX_NODES = 12
SUBJECT_KINDS = frozenset({"actor", "vague"})


@dataclass(slots=True)
class Claimant:
    """One claimant candidate: the id it would be stored as (``None`` for the article's own voice), the text
    that names it, and its features."""

    ident: str | None
    text: str
    features: list[str]


@dataclass(slots=True)
class PairCandidate:
    """An ordered node pair of one sentence and everything the models read about it."""

    sent: Span
    subject: Node
    object: Node
    features: list[str]
    context: list[str]
    prev: Span | None = None
    rule_claimants: set[str] = field(default_factory=set)
    claimants: list[Claimant] = field(default_factory=list)


def _claimants(ctx: Ctx, sent: Span, prev: Span | None, nodes: list[Node], s: Node, o: Node) -> list[Claimant]:
    doc = sent.doc
    out = [Claimant(None, "author", claimant_features(sent, s, o, None, "author", None))]
    by_verb: dict[str, Token] = {}
    _, lca, _ = dep_path(doc[s.head], doc[o.head])
    for verb in _ancestors_to(lca, None):
        if verb.pos_ in {"VERB", "AUX", "NOUN"} and cue_class(verb) in {"report", "deny", "hedgeverb", "claimnoun"}:
            found = claimant_of(ctx, verb) if verb.pos_ != "NOUN" else None
            if found is not None:
                by_verb.setdefault(found, verb)
    seen: set[str] = set()
    speakers = [n for n in nodes if n.kind == "actor"]
    for node in speakers:
        out.append(Claimant(node.ident, doc[node.start : node.end].text,
                            claimant_features(sent, s, o, node, "sent", by_verb.get(node.ident))))
        seen.add(node.ident)
    if prev is not None:
        for node in sentence_nodes(ctx, prev):
            if node.kind == "actor" and node.ident not in seen:
                out.append(Claimant(node.ident, doc[node.start : node.end].text,
                                    claimant_features(prev, s, o, node, "prev", None)))
                seen.add(node.ident)
    for ident, verb in by_verb.items():
        if ident not in seen:
            entity = ctx.placeholders.get(ident)
            text = entity.name if entity is not None else ident
            out.append(Claimant(ident, text, [f"rule:{verb.lemma_.lower()}", "rule", "w=rule"]))
    return out


RuleIndex = dict[tuple[int, str, str], list[Assertion]]


def rule_index(rules: list[Assertion]) -> RuleIndex:
    """The hand rules' statements by sentence start, subject and object: the rules become features."""
    index: RuleIndex = {}
    for a in rules:
        index.setdefault((a.span[0], a.subject, a.object), []).append(a)
    return index


def _rule_features(found: list[Assertion], reverse: list[Assertion]) -> tuple[list[str], list[str]]:
    """Pair and context features saying what the rules found for this pair (or for it read backwards)."""
    pair, context = [], []
    for a in found:
        pair += [f"rule={a.predicate}", "rule", f"rulex={a.extractor.split('@')[0]}"]
        context += ["rule_denies" if a.stance is Stance.DENIES else "rule_asserts",
                    "rule_hedged" if a.hedge else "rule_plain",
                    "rule_author" if is_author(a.claimant) else "rule_named"]
    for a in reverse:
        pair += [f"rulerev={a.predicate}", "rulerev"]
    return pair, context


def sentence_candidates(ctx: Ctx, sent: Span, prev: Span | None, rules: RuleIndex,
                        cache: dict[tuple[str, int], list[str]] | None = None) -> list[PairCandidate]:
    """Every ordered pair of one sentence's nodes that could be a statement (the subject an actor or a vague
    group), with features; sentences naming too many nodes keep their first ones."""
    nodes = sentence_nodes(ctx, sent)[:_MAX_NODES]
    out = []
    for s in nodes:
        if s.kind not in SUBJECT_KINDS:
            continue
        for o in nodes:
            if o.ident == s.ident:
                continue
            found = rules.get((sent.start_char, s.ident, o.ident), [])
            extra, extra_context = _rule_features(found, rules.get((sent.start_char, o.ident, s.ident), []))
            out.append(PairCandidate(sent, s, o, pair_features(sent, s, o) + extra,
                                     context_features(sent, s, o, prev, cache) + extra_context, prev,
                                     rule_claimants={a.claimant for a in found}))
    return out


def with_claimants(ctx: Ctx, cand: PairCandidate) -> PairCandidate:
    """Fill in the claimant candidates (only for pairs worth it: they cost a parse walk each)."""
    nodes = sentence_nodes(ctx, cand.sent)
    cand.claimants = _claimants(ctx, cand.sent, cand.prev, nodes, cand.subject, cand.object)
    for cl in cand.claimants:
        ident = cl.ident or ctx.author
        if ident in cand.rule_claimants:
            cl.features.append("rule_claimant")
    return cand


def document_candidates(ctx: Ctx, rules: list[Assertion]) -> list[PairCandidate]:
    """Candidates of every sentence of the document, with what the hand ``rules`` found as features."""
    index = rule_index(rules)
    cache: dict[tuple[str, int], list[str]] = {}
    out: list[PairCandidate] = []
    prev: Span | None = None
    dateline = dateline_of(ctx.sdoc)
    for sent in ctx.sdoc.sents:
        if dateline is not None and sent.end_char <= dateline.end:
            continue  # where and by whom a report was filed: neither a statement nor a speaker
        out.extend(sentence_candidates(ctx, sent, prev, index, cache))
        prev = sent
    return out
