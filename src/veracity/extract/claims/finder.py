"""Attributed claims: a reporting, accusation or denial verb, its subject as claimant, its complement as the claim.

Handles: complements (``said that ...``), claims in noun form (``accusations that Pakistan backs ISIS-K``),
``blame E on X``, ``accuse X of backing Y``, claims of responsibility, unnamed sources (``officials who spoke on
condition of anonymity``), nested reports (the innermost claimant speaks; a hedge anywhere on the path counts),
stance (deny/reject/dismiss, or a negated reporting verb, flips it) and hedges. Also the parenthetical speaker
(``As one TTP leader told reporters, <claim>``; ``<claim>, officials said``), a fronted ``While X maintains ...`` the
parser hangs on the wrong verb, ``a statement saying ...``, conjoined claimants (one claim each), claim nouns owned
by their possessor (``Pakistan's claim that ...``), and reporting verbs such as ``find`` that report only a clause.
Also: a publication speaks for its author (``Shoigu published an article ..., which condemned X``), ``like/as some
suspect`` reports the clause before it, an indirect question (``find out which ...``) asserts nothing, anaphoric
claim nouns and attack plurals (``anaphora``).
Whose voice it is when no named actor speaks (the article itself, an unnamed former official, the quoted speaker)
is ``voice``; everyday attribution of one attack (unnamed police or army as speakers, blame on an actor) and how a
perpetrator line is attributed is ``attribution``; ``According to X, <claim>`` is ``according``; what span a claim
covers (an absolute 'with' clause, a concessive aside, an indirect question, a repeated headline) is ``scope``.
Rules that earned nothing on the 206 real reports (``bench/ablate_rules.py``) were deleted, not kept for the seeds.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from veracity.extract.claims.according import according_to
from veracity.extract.claims.anaphora import is_anaphoric, listed_claimants, restate, series_events
from veracity.extract.claims.attribution import (
    attribution,
    blamed_actor,
    claimed_by_verb,
    link_attribution,
    unnamed_authority,
)
from veracity.extract.claims.links import Link, add_links, hedge_in, ids, links_in, negated
from veracity.extract.claims.scope import absolute_with, asks, before_concession, drop_headline_repeats, headline_end
from veracity.extract.claims.voice import (
    bind_unnamed_speakers,
    impersonal_in_quote,
    publication_owner,
    self_reference,
    titled_unnamed,
)
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues
from veracity.model.records import Stance

EXTRACTOR = "claims.reported_speech"
_CONTENT = frozenset({"ccomp", "xcomp", "dobj", "advcl", "oprd"})


def _placeholder_claimant(ctx: Ctx, subj: Token) -> str | None:
    """'Indian media', 'a Pakistan official who spoke on condition of anonymity', 'widespread reports'."""
    c = cues()
    head = subj.lower_
    words = {t.lower_ for t in subj.subtree}
    nation = next(
        (t.text for t in subj.children if t.ent_type_ in {"NORP", "GPE"} or (t.dep_ == "compound" and t.ent_type_)),
        None,
    )
    nation = _demonym(nation)[:1].upper() + _demonym(nation)[1:] if nation else None
    if head in c.words("unnamed_sources", "reports"):
        if head == "media" and nation:
            return ctx.placeholder(f"{nation} media", "media")
        return ctx.placeholder("unnamed reports")
    if head in c.words("unnamed_sources", "observers"):
        return ctx.placeholder("unnamed observers")
    if head in c.words("unnamed_sources", "officials"):
        anonymous = words & c.words("unnamed_sources", "anonymity") or not nation
        name = f"{'anonymous ' if anonymous else ''}{nation + ' ' if nation else ''}official"
        return ctx.placeholder(name.strip(), "other")
    return None


def _demonym(text: str) -> str:
    """Nationality adjective for a country noun used as a modifier ("Pakistan official" -> "Pakistani")."""
    table = {
        "pakistan": "Pakistani",
        "afghanistan": "Afghan",
        "india": "Indian",
        "china": "Chinese",
        "russia": "Russian",
        "iran": "Iranian",
        "us": "US",
        "america": "American",
    }
    return table.get(text.lower(), text)


def _UNNAMED_HEADS() -> frozenset[str]:
    c = cues()
    return (
        c.words("unnamed_sources", "officials")
        | c.words("unnamed_sources", "reports")
        | c.words("unnamed_sources", "observers")
    )


def _group_of(ctx: Ctx, subj: Token) -> str | None:
    for child in subj.children:
        actor = ctx.found.actor_at(child.i) if child.dep_ in {"compound", "poss", "nmod"} else None
        if actor is not None and actor.entity.type not in {"state", "person"}:
            return actor.entity.id
    return None


def claimant_of(ctx: Ctx, verb: Token) -> str | None:
    """The claimant of a reporting verb: its subject, an 'according to' phrase, or 'unnamed reports' (passive)."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "agent"}:
            subj = child if child.dep_ == "nsubj" else next((p for p in child.children if p.dep_ == "pobj"), child)
            voice = self_reference(ctx, subj) or publication_owner(ctx, subj) or titled_unnamed(ctx, subj)
            if voice is not None:
                return voice  # "this analysis argued", "an analysis by Reuters found", "a former ISI chief said"
            if ctx.found.actor_at(subj.i) is None and subj.lower_ in _UNNAMED_HEADS():
                group = _group_of(ctx, subj)  # "one TTP leader" speaks for the TTP; a state's official does not
                return group or _placeholder_claimant(ctx, subj)
            found = ids(ctx, subj)
            if found and not found[0].startswith("event:"):
                return found[0]
            fallback = (
                _placeholder_claimant(ctx, subj) or unnamed_authority(ctx, subj) or _publication_author(ctx, verb)
            )
            if fallback is None and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
                return claimant_of(ctx, verb.head)  # "X, who has reported ... and has knowledge ..., shared": a
            return fallback  # mis-hung subject ('knowledge') leaves the conjoined verb with the first verb's speaker
        if child.dep_ == "nsubjpass" and child.lower_ == "it":
            return ctx.placeholder("unnamed reports")
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None  # "While the ISI is believed to have ...": an impersonal hedge, nobody above speaks for it
    if (stray := _stray_subject(_speaker(verb))) is not None:
        return _placeholder_claimant(ctx, stray) or next(iter(ids(ctx, stray)), None)
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.pos_ == "VERB":
        return claimant_of(ctx, verb.head)
    if verb.dep_ == "relcl":
        found = ids(ctx, verb.head)
        return found[0] if found else _publication_author(ctx, verb)
    if verb.dep_ == "acl" and verb.head.dep_ in {"dobj", "nsubj"} and verb.head.head.pos_ == "VERB":
        return claimant_of(ctx, verb.head.head)  # "X issued a statement saying ...", "X shared tweets describing"
    return None


def _publication_author(ctx: Ctx, verb: Token) -> str | None:
    """'Shoigu published an article in the official newspaper in late August, which condemned X': a relative clause
    that speaks ('which condemned') stands for the nearest publication noun before it (the parser often hangs it on
    a date or place in between), and the publication speaks for whoever wrote or issued it."""
    nouns = cues().words("publication_nouns")
    pronoun = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in {"which", "that"}), None)
    if pronoun is None:
        return None
    for token in reversed(verb.doc[verb.sent.start : pronoun.i]):
        if token.lemma_.lower() in nouns and token.pos_ == "NOUN":
            owner = [i for c in token.children if c.dep_ == "poss" for i in ids(ctx, c) if i.startswith("actor:")]
            if owner:
                return owner[0]
            return claimant_of(ctx, token.head) if token.dep_ == "dobj" and token.head.pos_ == "VERB" else None
    return None


def _needs_clause(verb: Token) -> bool:
    """'find', 'show' report only with a clause: 'officials found that ...', not 'militants found safe havens'."""
    if verb.lemma_.lower() not in cues().words("reporting", "clause_only"):
        return False
    return not any(c.dep_ == "ccomp" for c in verb.children)


def _as_said(verb: Token) -> bool:
    """'As one TTP leader told international media, <claim>': a parenthetical 'as X said' (or a parataxis
    '<claim>, the spokesman said') reports the clause it hangs on."""
    if verb.dep_ == "parataxis":
        return True
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _like_host(verb: Token) -> Token | None:
    """'... which factions might have facilitated the attack, like some have begun to suspect': a reporting clause
    opened by 'like'/'as' right before its subject reports the clause before it. The parser rarely links the two,
    so the host is read off the stray 'like'/'as': the verb it hangs on."""
    speaker = _speaker(verb)
    subj = next((c for c in speaker.children if c.dep_ == "nsubj"), None) or _stray_subject(speaker)
    if subj is None or subj.left_edge.i == 0:
        return None
    marker = subj.head if subj.dep_ == "pobj" else verb.doc[subj.left_edge.i - 1]
    if marker.lower_ not in {"like", "as"} or marker.dep_ not in {"prep", "mark"} or marker.head.i >= marker.i:
        return None
    host = marker.head
    while host.pos_ not in {"VERB", "AUX"} and host.head.i != host.i:  # 'like' may hang on the verb's object
        host = host.head
    return host if host.pos_ in {"VERB", "AUX"} and host.i != speaker.i else None


def _speaker(verb: Token) -> Token:
    """The verb that carries the reporting verb's subject: 'have begun to suspect' -> 'begun'."""
    while verb.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head
    return verb


def _stray_subject(speaker: Token) -> Token | None:
    """'... the bombing like some have begun to suspect': the parser makes 'some' the object of 'like' and leaves
    'begun' without a subject; the word right before the verb group is its subject."""
    start = min([speaker.i, *[c.i for c in speaker.children if c.dep_ in {"aux", "auxpass", "neg"}]])
    before = speaker.doc[start - 1] if start > 0 else None
    if before is not None and before.dep_ == "pobj" and before.head.lower_ in {"like", "as"}:
        return before
    return None


def _host_clause(verb: Token) -> list[Token]:
    """The tokens of the clause a parenthetical reporting verb hangs on, without the reporting phrase itself."""
    own = {t.i for t in verb.subtree}
    return [t for t in verb.head.subtree if t.i not in own]


def _content(verb: Token) -> list[Token]:
    """The clause(s) carrying the claim: complement, object and its clause, or 'of'/'on' phrases."""
    out: list[Token] = []
    for child in verb.children:
        if _embedded_question(child):
            continue  # "must find out which factions facilitated it" asks, it does not assert
        if child.dep_ in _CONTENT or (child.dep_ == "prep" and child.lower_ in {"of", "on", "for", "that"}):
            out.append(child)
    return out or _stranded_complement(verb)


def _embedded_question(clause: Token) -> bool:
    """A complement that opens with a wh-word or 'whether' ('about which agencies ...' too): an indirect question,
    not a claim."""
    openers = cues().words("question_openers")
    edge = clause.left_edge
    fronted = edge.dep_ == "prep" and edge.i + 1 < len(edge.doc) and edge.nbor().lower_ in openers
    return clause.dep_ in {"ccomp", "xcomp"} and (edge.lower_ in openers or fronted)


def _stranded_complement(verb: Token) -> list[Token]:
    """'While the Taliban maintains it will not allow ..., it has not acted': the parser often hangs the
    complement of a fronted 'while/although X says' on the main verb; take the ccomp that starts right after."""
    if verb.dep_ != "advcl":
        return []
    return [c for c in verb.head.children if c.dep_ == "ccomp" and c.left_edge.i == verb.right_edge.i + 1]


def _swallowed_by_complement(verb: Token) -> bool:
    """The mirror misparse: the fronted reporting verb hangs as an adverbial clause on its own complement
    ('maintains' under 'allow' in 'While X maintains it will not allow ...')."""
    head = verb.head
    return verb.dep_ == "advcl" and head.pos_ == "VERB" and head.i > verb.i and not _content(verb)


def _stance(verb: Token, link: Link) -> Stance:
    deny = verb.lemma_.lower() in cues().deny_verbs
    flips = sum([deny, negated(verb), link.negated])
    return Stance.DENIES if flips % 2 else Stance.ASSERTS


def _blame_on(ctx: Ctx, verb: Token, claimant: str, sent: Span) -> bool:
    """'Pakistan blamed the attacks on India-backed militants', 'attacks which Pakistan blamed on X'."""
    attributing = verb.lemma_.lower() in cues().words("attribution", "verbs") - {"pin"}
    if verb.lemma_.lower() not in {"blame", "pin"} and not attributing:
        return False
    culprit_prep = "to" if attributing else "on"
    events = [i for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} for i in ids(ctx, c)]
    if verb.dep_ == "relcl":
        events += ids(ctx, verb.head)
    if not any(e.startswith("event:") for e in events) and verb.dep_ == "relcl":  # "attacks which X blamed on Y"
        head = verb.head.head if verb.head.dep_ in {"dobj", "attr", "npadvmod"} else verb.head
        events += [e.id for e in ctx.events if any(head.left_edge.i <= i <= head.right_edge.i for i in e.triggers)]
    if not any(e.startswith("event:") for e in events):  # "a series of attacks which X blamed on Y", "these attacks"
        nouns = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        events += [e for n in [*nouns, *([verb.head] if verb.dep_ == "relcl" else [])] for e in series_events(ctx, n)]
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if attributing and not any(e.startswith("event:") for e in events) and any(
        o.lemma_.lower() in cues().words("attribution", "nouns") for o in objects
    ):
        events += _last_event(ctx, sent)  # "attributed responsibility to X": for the attack told last
    culprits = [  # "on X" may hang on the blamed noun ("blamed these attacks on X"); "attributed it to X"
        p
        for h in (verb, *objects)
        for c in h.children
        if c.dep_ == "prep" and c.lower_ == culprit_prep
        for p in c.children
    ]
    for culprit in culprits:
        subjects = _named(ctx, culprit) or [ctx.placeholder(_vague(culprit))]
        for s in subjects:
            for e in (e for e in events if e.startswith("event:")):
                ctx.add(
                    s,
                    "responsible_for",
                    e,
                    claimant=claimant,
                    sent=sent,
                    extractor=EXTRACTOR,
                    attribution=attribution(ctx, claimant, s, None, None, Stance.ASSERTS),
                    hedge=hedge_in(sent),
                )
    return bool(culprits and events)


def _named(ctx: Ctx, culprit: Token) -> list[str]:
    """The culprit's ids, unless they are only a bare vague group while the text qualifies it ("India-backed
    militants" says more than "militants (unspecified)")."""
    found = ids(ctx, culprit)
    bare = all(i in ctx.placeholders and ctx.placeholders[i].name.endswith("(unspecified)") for i in found)
    return [] if found and bare and "-" in _vague(culprit) else found


def _vague(token: Token) -> str:
    words = [t.text for t in token.subtree if t.dep_ in {"compound", "amod", "npadvmod"} or t is token or t.text == "-"]
    text = " ".join(words).replace(" - ", "-")
    return text if "-" in text else f"{token.lemma_.lower()} (unspecified)"


def claims_of_verb(ctx: Ctx, verb: Token, sent: Span, used: set[int]) -> None:
    """Record every claim carried by one reporting verb, once per claimant ("India and Iran accuse ...")."""
    claimant = claimant_of(ctx, verb)
    if claimant is None or _needs_clause(verb) or impersonal_in_quote(verb):
        return
    if _blame_on(ctx, verb, claimant, sent) or blamed_actor(ctx, verb, claimant, sent):
        used.update(t.i for t in verb.subtree)
        return
    hedge = hedge_in([verb, *[c for c in verb.children if c.dep_ in {"aux", "advmod"}]])
    if verb.lemma_.lower() in cues().hedging_verbs:
        hedge = hedge or verb.lemma_.lower()
    clauses = [list(c.subtree) for c in _content(verb)]
    if (_as_said(verb) or _swallowed_by_complement(verb)) and verb.head.i not in used:
        clauses.append(_host_clause(verb))
    clauses += [list(w.subtree) for w in absolute_with(verb) if w.i not in used]
    if (host := _like_host(verb)) is not None and host.i not in used:
        clauses.append([t for t in host.subtree if t.i < verb.i and t.lower_ not in {"like", "as"}])
    for tokens in clauses:
        inner = hedge_in(before_concession(tokens))
        for link in links_in(ctx, tokens):
            for who in [claimant, *_co_claimants(ctx, verb, claimant)]:
                stance = _stance(verb, link)
                ctx.add_link(
                    link,
                    claimant=who,
                    sent=sent,
                    extractor=EXTRACTOR,
                    stance=stance,
                    hedge=hedge or inner,
                    attribution=link_attribution(ctx, link, who, hedge, inner, stance),
                    quote=_quote(verb, tokens),
                )
        used.update(t.i for t in tokens)


def _speaker_of(ctx: Ctx, speaker: Token) -> str | None:
    """A named actor, else an unnamed source or body ('reports', 'a Pakistani official', 'police')."""
    named = [i for i in ids(ctx, speaker) if i.startswith("actor:")]
    return named[0] if named else _placeholder_claimant(ctx, speaker) or unnamed_authority(ctx, speaker)


def _co_claimants(ctx: Ctx, verb: Token, first: str) -> list[str]:
    """The other named actors of a conjoined subject: 'India, Iran and now the Taliban have all leveled ...'."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return []
    return [i for i in ids(ctx, subj) if i != first and i.startswith("actor:")]


def _quote(verb: Token, tokens: list[Token]) -> str:
    doc = verb.doc
    lo = min([verb.left_edge.i, *[t.i for t in tokens]])
    hi = max([verb.i, *[t.i for t in tokens]])
    return doc[lo : hi + 1].text


def _claimant_and_group(ctx: Ctx, verb: Token) -> tuple[str | None, str | None]:
    """'Aslam Baluch, a BLA leader who took responsibility': the person speaks, the group is responsible."""
    claimant = claimant_of(ctx, verb)
    head = verb.head
    if verb.dep_ == "relcl" and head.dep_ == "appos":
        person = ctx.found.actor_at(head.head.i)
        if person is not None and person.entity.type == "person":
            return person.entity.id, claimant
    return claimant, claimant


def responsibility(ctx: Ctx, token: Token, sent: Span) -> None:
    """'X claimed responsibility for E', 'X took responsibility for the attack'."""
    c = cues()
    if token.lemma_.lower() not in c.words("responsibility", "nouns"):
        return
    verb = token.head
    if verb.lemma_.lower() not in c.words("responsibility", "verbs"):
        return
    claimant, subject = _claimant_and_group(ctx, verb)
    events = [
        i for p in token.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children for i in ids(ctx, o)
    ]
    events = [e for e in events if e.startswith("event:")] or _last_event(ctx, sent)
    if claimant is None or subject is None:
        return
    for e in events:
        ctx.add(
            subject,
            "responsible_for",
            e,
            claimant=claimant,
            sent=sent,
            extractor="claims.responsibility",
            stance=Stance.DENIES if negated(verb) else Stance.ASSERTS,
            attribution="claimed",
        )


def _event_args(ctx: Ctx, verb: Token) -> list[str]:
    """Events a verb takes as object or passive subject (inherited by a conjoined verb)."""
    for v in (verb, verb.head if verb.dep_ == "conj" else verb):
        found = [i for c in v.children if c.dep_ in {"dobj", "nsubjpass"} for i in ids(ctx, c)]
        found = [e for e in found if e.startswith("event:")]
        if found:
            return found
    return []


def owned_or_condemned(ctx: Ctx, verb: Token, sent: Span) -> None:
    """'The attack was owned by ISKP' (claimed); 'the Taliban condemned the attack' (denies responsibility)."""
    c = cues()
    lemma = verb.lemma_.lower()
    condemn = lemma in c.words("condemn_verbs")
    passive_claim = lemma in c.words("passive_claim_verbs") and any(x.dep_ == "agent" for x in verb.children)
    if not (condemn or passive_claim):
        return
    claimant = claimant_of(ctx, verb)
    if claimant is None or not claimant.startswith("actor:"):
        return
    for event in _event_args(ctx, verb):
        ctx.add(
            claimant,
            "responsible_for",
            event,
            claimant=claimant,
            sent=sent,
            extractor="claims.responsibility",
            stance=Stance.DENIES if condemn else Stance.ASSERTS,
            attribution=None if condemn else "claimed",
        )


def _last_event(ctx: Ctx, sent: Span) -> list[str]:
    """The event the sentence's 'the attack' points back to: the latest event triggered before its end."""
    best = None
    for event in ctx.events:
        before = [i for i in event.triggers if i < sent.end]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), event.id)
    return [best[1]] if best else []


def _holder(ctx: Ctx, noun: Token) -> str | None:
    """Whose claim a claim noun is when no verb says so: its possessor or an actor compound ("Pakistan's claim that
    India funds the TTP", "Taliban accusations that ...")."""
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "nmod"}:
            found = [i for i in ids(ctx, child) if not i.startswith("event:")]
            if found:
                return found[0]
    return None


def noun_claims(ctx: Ctx, noun: Token, sent: Span, used: set[int]) -> None:
    """'accusations that Pakistan backs ISIS-K': the noun's clause is the claim; the claimant is whoever makes,
    repeats or levels it, or 'unnamed reports'."""
    clause = [
        c
        for c in noun.children
        if c.dep_ in {"acl", "ccomp", "relcl"} or (c.dep_ == "prep" and c.lower_ in {"of", "about"})
    ]
    head = noun.head
    if not clause and is_anaphoric(noun) and head.pos_ == "VERB":  # the verb's own pass found no link in it
        _anaphoric_claims(ctx, noun, sent, used)
        return
    if not clause or noun.i in used or asks(noun):
        return
    claimant = claimant_of(ctx, head) if head.pos_ == "VERB" and noun.dep_ in {"dobj", "nsubjpass"} else None
    if head.lemma_.lower() in cues().deny_verbs:
        return
    claimant = claimant or _holder(ctx, noun) or ctx.placeholder("unnamed reports")
    for part in (p for p in clause if p.i not in used):  # a clause its own reporting verb already read
        tokens = list(part.subtree)
        hedge = hedge_in(tokens) or hedge_in([c for c in noun.children if c.dep_ == "amod"])  # "a vague statement"
        add_links(ctx, tokens, claimant=claimant, sent=sent, extractor=EXTRACTOR, hedge=hedge,
                  quote=noun.doc[noun.i : part.right_edge.i + 1].text)
        used.update(t.i for t in tokens)


def _anaphoric_claims(ctx: Ctx, noun: Token, sent: Span, used: set[int]) -> None:
    """'India, Iran and now the Taliban have all leveled these claims', 'Islamabad rejected such allegations':
    each claimant of the verb restates (or denies) the accusation the noun points back to."""
    verb = noun.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]  # a long list may parse as two subjects
    claimants = [i for s in subjects for i in listed_claimants(ctx, s)]
    claimants = claimants or [c for c in [claimant_of(ctx, verb)] if c]
    if claimants and restate(ctx, noun, sent, claimants, deny=verb.lemma_.lower() in cues().deny_verbs):
        used.add(noun.i)


def find_claims(ctx: Ctx) -> set[int]:
    """Record every attributed claim; return the token indices consumed (the article's voice skips them)."""
    c = cues()
    used: set[int] = set()
    bind_unnamed_speakers(ctx)
    headline = headline_end(ctx)
    for sent in ctx.sdoc.sents:
        for token in sent:
            lemma = token.lemma_.lower()
            if token.dep_ == "prep":
                according_to(ctx, token, sent, used, lambda s: _speaker_of(ctx, s))  # "According to police, ..."
            if token.pos_ == "VERB":
                owned_or_condemned(ctx, token, sent)
                claimed_by_verb(ctx, token, sent)  # "ISKP claimed the attack"
            if token.pos_ == "VERB" and (lemma in c.assert_verbs or lemma in c.deny_verbs):
                claims_of_verb(ctx, token, sent, used)
            elif token.pos_ == "NOUN":
                responsibility(ctx, token, sent)
        for token in sent:
            if token.pos_ == "NOUN" and token.lemma_.lower() in c.claim_nouns:
                noun_claims(ctx, token, sent, used)
    drop_headline_repeats(ctx, headline)
    return used
