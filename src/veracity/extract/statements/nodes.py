"""The things a statement can link inside one sentence: actor, place and event mentions, and vague groups.

Why a node list of its own: the learned statement model considers every ordered pair of nodes in a sentence, so the
proposers must be cheap and generous; the model, not these functions, decides which pair is linked and how.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from veracity.extract.context import Ctx
from veracity.model.records import Entity, EntityKind

# Head lemmas of vague groups that gold writes as placeholders ("militants (unspecified)"): the node's text keeps
# the words of the phrase so that the scorer's half-the-words match can find it.
VAGUE_HEADS = frozenset({"militant", "terrorist", "insurgent", "fighter", "jihadist", "attacker", "gunman",
                         "bomber", "extremist", "rebel", "separatist", "outfit"})


@dataclass(frozen=True, slots=True)
class Node:
    """One linkable mention: its entity id, what kind of thing it is, and its tokens."""

    ident: str
    kind: str  # actor | place | event | vague
    type: str  # actor type (state, armed_group, ...), place kind, event type, or "vague"
    start: int
    end: int
    head: int


def _place_id(name: str, kind: str) -> str:
    return Entity(kind=EntityKind.PLACE, name=name, type=kind).id


def sentence_nodes(ctx: Ctx, sent: Span) -> list[Node]:
    """Every node of one sentence, in text order, one per token span (an actor wins over a place on the same
    tokens: "Kabul" standing for the government is the actor)."""
    nodes: list[Node] = []
    taken: set[int] = set()
    for m in ctx.found.actors:
        if sent.start <= m.start < sent.end:
            span = sent.doc[m.start : m.end]
            nodes.append(Node(m.entity.id, "actor", m.entity.type, m.start, m.end, span.root.i))
            taken.update(range(m.start, m.end))
    for p in ctx.found.places:
        if sent.start <= p.start < sent.end and not taken & set(range(p.start, p.end)):
            span = sent.doc[p.start : p.end]
            nodes.append(Node(_place_id(p.name, p.kind), "place", p.kind, p.start, p.end, span.root.i))
            taken.update(range(p.start, p.end))
    for i, mention in ctx.antecedents.items():
        if sent.start <= i < sent.end and i not in taken:
            nodes.append(Node(mention.entity.id, "actor", mention.entity.type, i, i + 1, i))
            taken.add(i)
    for event in ctx.events:
        for i in event.triggers:
            if sent.start <= i < sent.end and i not in taken:
                nodes.append(Node(event.id, "event", event.type, i, i + 1, i))
                taken.add(i)
    for token in sent:
        if token.i not in taken and token.pos_ == "NOUN" and token.lemma_.lower() in VAGUE_HEADS:
            nodes.append(Node(f"vague:{token.i}", "vague", "vague", *_vague_span(token), token.i))
    return sorted(nodes, key=lambda n: n.start)


def _vague_span(token: Token) -> tuple[int, int]:
    """The head noun with its adjective and compound modifiers ("Baloch separatists", "foreign militants")."""
    left = [t.i for t in token.lefts if t.dep_ in {"amod", "compound", "nmod"}]
    return (min(left, default=token.i), token.i + 1)


def vague_name(doc_text: str) -> str:
    """The placeholder name of a vague group: its words plus "(unspecified)", as gold writes them."""
    return f"{doc_text} (unspecified)"
