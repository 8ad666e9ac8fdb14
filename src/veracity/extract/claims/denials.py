"""Denied reports of acts: "Taliban statements have denied widespread reports that TTP fighters were released".

A denial verb (cues ``reporting.deny``) whose object is a report noun with a clause ("reports that ...",
"allegations that ...") denies the act the clause describes. Attacks are already events; the non-violent acts that
news denials are usually about (releasing prisoners, transferring fighters) are not, so an act from the
``reported_acts`` lexicon becomes an event of type ``other`` here. The claim is the denier denying that the act's
agent is responsible for it; when the clause names no agent (a passive "were released"), the denier is taken as
the agent, since a denial of an agentless act in the news is a party denying its own act.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from veracity.extract.claims.finder import claimant_of
from veracity.extract.claims.slots import ids
from veracity.extract.context import Ctx
from veracity.extract.events.finder import EventMention
from veracity.extract.text.lexicon import cues
from veracity.model.records import Stance

EXTRACTOR = "claims.denied_reports"


def _report_clause(verb: Token) -> Token | None:
    """The verb of the clause hanging on the denied report noun ("reports that X happened")."""
    noun = _report_noun(verb)
    return None if noun is None else _clause_of(noun)


def _report_noun(verb: Token) -> Token | None:
    nouns = cues().words("report_nouns")
    for obj in verb.children:
        if obj.dep_ in {"dobj", "nsubjpass"} and obj.lemma_.lower() in nouns and _clause_of(obj) is not None:
            return obj
    return None


def _clause_of(noun: Token) -> Token | None:
    for clause in noun.children:
        if clause.dep_ in {"acl", "ccomp", "relcl"} and clause.pos_ in {"VERB", "AUX"}:
            return clause
    return None


def _reporter(ctx: Ctx, noun: Token) -> str:
    """Who made the denied report: its owner ("Indian media reports", "the UN's report") or unnamed reports."""
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "nmod"}:
            found = [i for i in ids(ctx, child) if i.startswith("actor:")]
            if found:
                return found[0]
    return ctx.placeholder("unnamed reports")


def _act(clause: Token) -> tuple[str, Token] | None:
    """The reported act's label word, if the clause's verb is a known act with its context."""
    acts = cues().raw.get("reported_acts", {})
    for verb in (clause, *clause.conjuncts):
        spec = acts.get(verb.lemma_.lower())
        if spec and {t.lower_ for t in verb.subtree} & set(spec["context"]):
            return spec["label"], verb
    return None


def _agent(ctx: Ctx, act: Token) -> str | None:
    """The actor doing the act: the active subject or the passive 'by' agent."""
    for child in act.children:
        if child.dep_ == "nsubj" or child.dep_ == "agent":
            target = next((p for p in child.children if p.dep_ == "pobj"), child) if child.dep_ == "agent" else child
            found = [i for i in ids(ctx, target) if i.startswith("actor:")]
            if found:
                return found[0]
    return None


def _patient(ctx: Ctx, act: Token) -> str | None:
    """Whose people the act concerns ("many TTP fighters were released" -> the TTP), for the event's label."""
    for child in act.children:
        if child.dep_ in {"nsubjpass", "dobj"}:
            for token in child.subtree:
                actor = ctx.actor(token)
                if actor is not None:
                    return actor.entity.name
    return None


def _event(ctx: Ctx, label: str, act: Token) -> EventMention:
    patient = _patient(ctx, act)
    name = f"{label} of {patient} prisoners" if label == "Release" and patient else f"{label} ({act.sent.text[:40]})"
    for event in ctx.events:
        if event.label == name:
            event.triggers.append(act.i)
            return event
    event = EventMention(label=name, type="other", triggers=[act.i], surfaces=[act.sent.text.strip()])
    ctx.events.append(event)
    return event


def denied_reports(ctx: Ctx, sent: Span, used: set[int]) -> None:
    """Record each denial of a reported act in ``sent``; the clause it reads is marked used for later steps."""
    deny = cues().deny_verbs
    for verb in sent:
        if verb.lemma_.lower() not in deny:
            continue
        clause = _report_clause(verb)
        if clause is None or (found := _act(clause)) is None:
            continue
        claimant = claimant_of(ctx, verb)
        if claimant is None:
            continue
        label, act = found
        event = _event(ctx, label, act)
        subject = _agent(ctx, act) or claimant
        ctx.add(subject, "responsible_for", event.id, claimant=claimant, sent=sent, extractor=EXTRACTOR,
                stance=Stance.DENIES)
        _reported(ctx, verb, subject, event.id, sent)
        used.update(t.i for t in clause.subtree)


def _reported(ctx: Ctx, verb: Token, subject: str, event_id: str, sent: Span) -> None:
    """The denied report is itself a claim: its maker asserts the act, and a report someone denies is contested,
    so the claim is hedged ("reportedly")."""
    noun = _report_noun(verb)
    if noun is None:
        return
    reporter = _reporter(ctx, noun)
    if reporter != subject:
        ctx.add(subject, "responsible_for", event_id, claimant=reporter, sent=sent, extractor=EXTRACTOR,
                hedge="reportedly", attribution="possible")


def find_denied_reports(ctx: Ctx, used: set[int]) -> None:
    """Run :func:`denied_reports` over every sentence."""
    for sent in ctx.sdoc.sents:
        denied_reports(ctx, sent, used)
