"""Learned event triggers: which nouns and verbs report a violent incident that the trigger rules did not find.

Why learned: on real reports the rule finder misses almost half of the violent incidents, two ways. A third of the
misses have no trigger word in ``data/events.yaml`` at all ("a major gunfight", "operations targeted terrorists",
"were forcibly disappeared", "the TTP's recent foray into Chitral"); another quarter have one that the hand-written
gate (dated, placed, counted or named) turned away ("the Taliban launched another attack"). A multinomial model over
the token's own words, its syntax and its sentence (``none`` or one of the violent event types), trained on the gold
surfaces of ``../shared/corpus/train`` (``veracity train triggers``, shipped as ``data/event_trigger_model.json``),
decides instead; the rules' verdict is one of its features. It only adds events: what the rules found stays, and the
incident coreference model merges what is one incident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from veracity.extract.actors.finder import Found
from veracity.extract.events.counts import casualties
from veracity.extract.events.finder import EventMention, event_label, surface_of, trigger_type
from veracity.extract.events.rules import hypothetical
from veracity.extract.events.where import dates_near, own_phrase, place_near
from veracity.extract.text.linear import LinearModel, read_model

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "event_trigger_model.json"
NONE = "none"
VIOLENT = ("bombing", "suicide_bombing", "armed_assault", "mass_shooting", "kidnapping", "assassination",
           "airstrike", "clash", "war", "takeover")
CANDIDATE_POS = frozenset({"NOUN", "VERB"})
_FAMILIES = {"war": "war", "clash": "clash", "takeover": "takeover"}


@dataclass(frozen=True)
class TriggerModel:
    """The token model (``none`` or a violent type) and the probability of not-``none`` above which a token is a
    trigger (chosen on training folds)."""

    token: LinearModel
    threshold: float
    meta: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"meta": self.meta, "threshold": self.threshold, "token": self.token.to_json()}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> TriggerModel:
        return cls(LinearModel.from_json(raw["token"]), float(raw["threshold"]), raw.get("meta", {}))


@cache
def load_model(path: str | None = None) -> TriggerModel:
    """The shipped (or a given) model file, read once per process."""
    return read_model(Path(path) if path else MODEL_PATH, TriggerModel.from_json, "event trigger model", "triggers")


def candidates(sdoc: Doc, found: Found) -> list[Token]:
    """Every noun and verb outside an actor or place name: what could report an incident."""
    named: set[int] = set()
    for m in found.actors:
        named.update(range(m.start, m.end))
    for p in found.places:
        named.update(range(p.start, p.end))
    return [t for t in sdoc if t.pos_ in CANDIDATE_POS and t.i not in named and t.is_alpha]


def _kind_of(token: Token, found: Found) -> str | None:
    """What the token names, when it names an actor, a place or a vague armed group."""
    actor = found.actor_at(token.i)
    if actor is not None:
        return f"actor:{actor.entity.type}"
    if found.place_at(token.i) is not None:
        return "place"
    return None


def _argument(token: Token, found: Found) -> str:
    """The kind of thing a subject or object is, read from its whole phrase."""
    for t in token.subtree:
        kind = _kind_of(t, found)
        if kind is not None:
            return kind
    if token.ent_type_:
        return f"ent:{token.ent_type_}"
    return f"lemma:{token.lemma_.lower()}"


def token_features(token: Token, found: Found, sent_info: Sequence[str], sent_start: int | None = None) -> list[str]:
    """What the model reads about one candidate: its words, its place in the parse, the kinds of its arguments,
    what the trigger rules make of it, and a few facts about its sentence (``sent_start``: where it begins, when
    the caller knows)."""
    lemma = token.lemma_.lower()
    head = token.head
    out = [
        f"lemma={lemma}", f"lower={token.lower_}", f"pos={token.pos_}", f"tag={token.tag_}", f"lp={lemma}|{token.pos_}",
        f"suf={lemma[-4:]}", f"dep={token.dep_}", f"head={head.lemma_.lower()}",
        f"dephead={token.dep_}|{head.lemma_.lower()}", f"rule={trigger_type(token, found) or NONE}",
        f"plural={token.tag_ in {'NNS', 'NNPS'}}", f"hypothetical={hypothetical(token)}",
    ]
    start = token.sent.start if sent_start is None else sent_start
    prev = token.doc[token.i - 1] if token.i > start else None
    if prev is not None:
        out.append(f"prev={prev.lower_}")
        out.append(f"prevlemma={prev.lemma_.lower()}|{lemma}")
    for child in token.children:
        dep = child.dep_
        if dep in {"amod", "compound", "nmod", "det", "nummod", "neg", "aux", "auxpass"}:
            out.append(f"{dep}={child.lower_}")
        elif dep in {"nsubj", "nsubjpass", "dobj", "agent", "poss"}:
            target = next((c for c in child.children if c.dep_ == "pobj"), child) if dep == "agent" else child
            out.append(f"{dep}:{_argument(target, found)}")
            out.append(f"{dep}_lemma={target.lemma_.lower()}")
        elif dep == "prep":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            out.append(f"prep={child.lower_}")
            if obj is not None:
                out.append(f"prep:{child.lower_}:{_argument(obj, found)}")
    if token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
        out.append(f"governor={head.lemma_.lower()}|{token.dep_}")
    out.extend(sent_info)
    return out


def sentence_info(sent: Span, found: Found, ents: Sequence[Span] | None = None) -> list[str]:
    """Facts about a sentence that make an incident more likely: a date, a count, a place, an armed group
    (``ents``: the document's entities inside the sentence, when the caller has them)."""
    labels = {e.label_ for e in (sent.ents if ents is None else ents)}
    out = [flag for flag, label in (("s:date", "DATE"), ("s:count", "CARDINAL")) if label in labels]
    if any(sent.start <= p.start < sent.end for p in found.places):
        out.append("s:place")
    for m in found.actors:
        if sent.start <= m.start < sent.end:
            out.append(f"s:actor:{m.entity.type}")
    return out


def document_rows(sdoc: Doc, found: Found) -> tuple[list[Token], list[list[str]]]:
    """The candidates of a document with their features (built the same way for training and extraction), read
    sentence by sentence so that each sentence's facts are gathered once."""
    wanted = {t.i for t in candidates(sdoc, found)}
    ents = list(sdoc.ents)
    tokens: list[Token] = []
    rows = []
    for sent in sdoc.sents:
        mine = [t for t in sent if t.i in wanted]
        if not mine:
            continue
        info = sentence_info(sent, found, [e for e in ents if sent.start <= e.start < sent.end])
        for t in mine:
            tokens.append(t)
            rows.append(token_features(t, found, info, sent.start))
    return tokens, rows


def decisions(model: TriggerModel, rows: Sequence[Sequence[str]]) -> list[tuple[str, float]]:
    """For each row, the likeliest violent type and the probability that the token is a trigger at all."""
    probs = model.token.probs(rows)
    labels = model.token.labels
    none = labels.index(NONE)
    out = []
    for row in probs:
        order = [k for k in row.argsort()[::-1] if k != none]
        out.append((labels[order[0]], float(1.0 - row[none])))
    return out


def _family(kind: str) -> str:
    return _FAMILIES.get(kind, "incident")


def _anaphor(token: Token, mention: EventMention) -> bool:
    """'the attack', 'this operation': definite, singular, with no place, date or count of its own."""
    definite = any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "another"} for c in token.children)
    return (token.pos_ == "NOUN" and token.tag_ == "NN" and definite
            and not (mention.place or mention.date or mention.killed))


def mention_at(token: Token, kind: str, found: Found, published: str | None) -> EventMention:
    """The event a learned trigger reports, placed, dated and counted by the same attachment rules as the rule
    triggers (its own phrase first, then the verb it hangs on)."""
    phrase = own_phrase(token)
    place = place_near(phrase, token, found)
    dates = dates_near(phrase, token, published)
    date = dates[0] if dates else None
    killed, injured = casualties(token.sent)
    where = place.name if place else None
    return EventMention(label=event_label(kind, where, date), type=kind, date=date, place=where,
                        country=place.country if place else None, killed=killed, injured=injured,
                        triggers=[token.i], surfaces=[surface_of(token, kind, phrase)])


def add_learned_events(sdoc: Doc, found: Found, published: str | None, events: list[EventMention],
                       model: TriggerModel | None = None) -> list[EventMention]:
    """``events`` with the incidents the model finds and the rules did not: a token already a rule trigger is
    left alone; a definite, bare mention ("the operation") joins the last event of its family; anything else is a
    new event (merged by label with one already found)."""
    model = model or load_model()
    taken = {i for e in events for i in e.triggers}
    tokens, rows = document_rows(sdoc, found)
    by_label = {e.label: e for e in events}
    out = list(events)
    for token, (kind, p) in zip(tokens, decisions(model, rows), strict=True):
        if p < model.threshold or token.i in taken:
            continue
        mention = mention_at(token, kind, found, published)
        before = [(max(i for i in e.triggers if i < token.i), k) for k, e in enumerate(out)
                  if _family(e.type) == _family(kind) and any(i < token.i for i in e.triggers)]
        if before and _anaphor(token, mention):
            out[max(before)[1]].triggers.append(token.i)
            continue
        if mention.label in by_label:
            same = by_label[mention.label]
            same.triggers.append(token.i)
            same.surfaces += [s for s in mention.surfaces if s not in same.surfaces]
            continue
        by_label[mention.label] = mention
        out.append(mention)
        taken.add(token.i)
    return out
