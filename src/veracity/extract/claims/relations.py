"""The article's own voice: background links ("Taliban spokesman Zabihullah Mujahid" -> member_of), links it
states or argues outside any reported speech, and perpetrators/targets it narrates.

Unhedged links in the author's voice are settled background (relations); hedged ones are the author's own
argument (claims with claimant ``author:<doc id>``). Both are assertions; only the hedge tells them apart.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from veracity.extract.claims.hedges import asked
from veracity.extract.claims.links import hedge_for, hedge_in, ids, links_in
from veracity.extract.context import Ctx
from veracity.extract.roles.candidates import load_lexicon
from veracity.extract.text.lexicon import cues
from veracity.model.records import Stance

EXTRACTOR = "relations.author_voice"
ARGUED = "claims.author_voice"


def _contested(ctx: Ctx, subject: str, predicate: str, obj: str) -> bool:
    """A link that is an allegation by nature (cues.yaml ``contested``): the author argues it, it is not background."""
    c = cues()
    types = {m.entity.id: m.entity.type for m in ctx.found.actors}
    types.update({e.id: e.type for e in ctx.placeholders.values()})
    return (
        predicate in c.words("contested", "predicates")
        and types.get(subject, "") in c.words("contested", "sponsors")
        and types.get(obj, "") in c.words("contested", "sponsored")
    )


def _clause(token: Token) -> list[Token]:
    """The smallest clause around a cue token: climb to the nearest verb, keep its subtree."""
    head = token
    while head.pos_ not in {"VERB", "AUX"} and head.dep_ != "ROOT" and head.head is not head:
        head = head.head
    return list(head.subtree)


def _title_links(ctx: Ctx, sent: Span) -> None:
    """'<ORG> spokesman <PERSON>', '<PERSON>, a <ORG> leader', '<PERSON>, <title> of <ORG>', '<title> of the <ORG>
    <PERSON>'."""
    titles = cues().titles
    persons = [m for m in ctx.found.actors if m.entity.type == "person" and sent.start <= m.start < sent.end]
    for person in persons:
        window = sent.doc[max(sent.start, person.start - 4) : person.start]
        org = _org_before_title(ctx, window, titles)
        if org is None:
            after = sent.doc[person.end : min(sent.end, person.end + 8)]
            org = _org_after_title(ctx, after, titles)
        if org is not None and org != person.entity.id:
            ctx.add(
                person.entity.id,
                "member_of",
                org,
                claimant=ctx.author,
                sent=sent,
                extractor=EXTRACTOR,
                quote=sent.doc[min(person.start, window.start) : person.end].text,
            )


def _org_before_title(ctx: Ctx, window: Span, titles: frozenset[str]) -> str | None:
    tokens = list(window)
    if not tokens or (tokens[-1].lower_ not in titles and tokens[-1].lemma_.lower() not in titles):
        return _title_of_org(ctx, window, titles)
    for t in reversed(tokens[:-1]):
        actor = ctx.found.actor_at(t.i)
        if actor is not None and actor.entity.type != "person":
            return actor.entity.id
        if (t.is_punct and t.text != "-") or t.lower_ in {"and", "or"}:  # "co-founder" is one title
            break
    return None


def _title_of_org(ctx: Ctx, window: Span, titles: frozenset[str]) -> str | None:
    """'Secretary of the Security Council Sergey Shoigu', 'head of the ISI Lt. Gen. Asim Malik': a title, 'of',
    the organisation, then the person. The organisation must end right before the person."""
    doc = window.doc
    org = ctx.found.actor_at(window.end - 1)
    if org is None or org.entity.type == "person" or org.end != window.end:
        return None
    i = org.start - 1
    while i >= 0 and doc[i].lower_ in {"the", "a"}:
        i -= 1
    if i < 1 or doc[i].lower_ != "of":
        return None
    title = doc[i - 1]
    return org.entity.id if title.lower_ in titles or title.lemma_.lower() in titles else None


def _org_after_title(ctx: Ctx, after: Span, titles: frozenset[str]) -> str | None:
    tokens = list(after)
    if not tokens or tokens[0].text != ",":
        return None
    seen_title = False
    for t in tokens[1:]:
        if t.lower_ in titles or t.lemma_.lower() in titles:
            seen_title = True
        actor = ctx.found.actor_at(t.i)
        if actor is not None and actor.entity.type != "person":
            return actor.entity.id if seen_title or _title_follows(t, titles) else None
        if t.text in {",", ";", "."} and seen_title:
            return None
    return None


def _title_follows(token: Token, titles: frozenset[str]) -> bool:
    nxt = token.doc[token.i + 1 : token.i + 3]
    return any(t.lower_ in titles for t in nxt)


def _perpetrators(ctx: Ctx, sent: Span, used: set[int]) -> None:
    """'the Taliban attacked along the Durand Line', 'ISIS-K's attack on X': the article names the doer."""
    for event in ctx.events:
        for i in event.triggers:
            if not sent.start <= i < sent.end or i in used:
                continue
            trigger = sent.doc[i]
            doers = [
                x
                for c in trigger.children
                if c.dep_ in {"nsubj", "poss", "agent"}
                for x in ids(ctx, c if c.dep_ != "agent" else next(c.children, c))
            ]
            doers = doers or _doer_of_act_in(ctx, trigger)
            hedge = hedge_in(_clause(trigger)) or asked(trigger)
            for doer in (d for d in doers if d.startswith("actor:")):
                ctx.add(
                    doer,
                    "responsible_for",
                    event.id,
                    claimant=ctx.author,
                    sent=sent,
                    extractor=EXTRACTOR,
                    hedge=hedge,
                    attribution="possible" if hedge else "stated",  # "the BLA may have carried out the attack"
                )
            _targets(ctx, trigger, event.id, sent)
            _weapons(ctx, trigger, event.id, sent)


def _doer_of_act_in(ctx: Ctx, trigger: Token) -> list[str]:
    """'a TTP militant killed four soldiers in an ambush': whoever does the violent act done in the event is its
    doer. Only an active verb of violence (``perpetration_verbs``) counts: 'soldiers died in an ambush' names the
    victims, 'were killed in an ambush' no doer."""
    prep = trigger.head
    verb = prep.head
    if trigger.dep_ != "pobj" or prep.lower_ not in {"in", "during"} or verb.pos_ != "VERB":
        return []
    if verb.lemma_.lower() not in cues().words("perpetration_verbs"):
        return []
    return [i for c in verb.children if c.dep_ == "nsubj" for i in ids(ctx, c)]


def _target_role(obj: Token) -> str | None:
    """What "an attack on X" makes X: a victim when X is a person ("the attack on the mayor"), nothing when X is
    an unresolved pronoun ("the attack on him" names no one by itself), else a physical target."""
    if obj.pos_ == "PRON":
        return None
    classes = load_lexicon().classes
    if obj.ent_type_ == "PERSON" or classes.get(obj.lemma_.lower(), classes.get(obj.lower_)) == "person":
        return "victim"
    return "target"


def _target_phrase(obj: Token) -> str:
    """The object's noun phrase up to its head and an "of" phrase ("the outskirts of the city"), without the
    clauses hanging after it ("a highway leading to the town", "the station, which was empty")."""
    end = obj.i + 1
    for child in obj.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            stop = next((t.i for t in child.subtree if t.is_punct or t.dep_ in {"relcl", "acl"}), None)
            end = child.right_edge.i + 1 if stop is None else stop
            break
    return obj.doc[obj.left_edge.i : end].text


def _weapon_objects(trigger: Token) -> list[Token]:
    """Weapon nouns in a "with" / "using" phrase on the attack word or on the verb it is an argument of ("attacked
    the airport with explosive vests", "killed in an attack with rifles and grenades")."""
    hosts = [trigger]
    if trigger.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj"}:
        hosts.append(trigger.head if trigger.dep_ != "pobj" else trigger.head.head)
    classes = load_lexicon().classes
    found: list[Token] = []
    for host in hosts:
        for prep in (c for c in host.children if c.lower_ in {"with", "using"}):
            for obj in (o for o in prep.children if o.dep_ in {"pobj", "dobj"}):
                found += [n for n in (obj, *obj.conjuncts) if classes.get(n.lemma_.lower()) == "weapon"]
    return found


def _weapons(ctx: Ctx, trigger: Token, event_id: str, sent: Span) -> None:
    """The weapon the article names for an attack, as a literal: news names it in a "with" phrase."""
    for noun in _weapon_objects(trigger):
        ctx.add(
            event_id,
            "weapon",
            _target_phrase(noun),
            claimant=ctx.author,
            sent=sent,
            extractor="events.roles",
            literal=True,
        )


def _targets(ctx: Ctx, trigger: Token, event_id: str, sent: Span) -> None:
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"on", "against", "targeting"}):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            found = ids(ctx, obj)
            role = "target" if found else _target_role(obj)
            if role is None:
                continue
            for target in found or [_target_phrase(obj)]:
                ctx.add(
                    event_id,
                    role,
                    target,
                    claimant=ctx.author,
                    sent=sent,
                    extractor="events.roles",
                    literal=not found,
                )


def _perpetration(predicate: str, hedge: str | None) -> str | None:
    """The article naming a doer states it; hedged ('the BLA may have carried out the attack') it only thinks it
    possible."""
    if predicate != "responsible_for":
        return None
    return "possible" if hedge else "stated"


def find_relations(ctx: Ctx, used: set[int]) -> None:
    """Record the article's own links in every sentence, skipping tokens already read as reported speech."""
    for sent in ctx.sdoc.sents:
        _title_links(ctx, sent)
        _perpetrators(ctx, sent, used)
        free = [t for t in sent if t.i not in used]
        for link in links_in(ctx, free):
            cue = sent.doc[link.cue]
            hedge = hedge_for(cue)
            if any(
                a.subject == link.subject and a.object == link.object and a.span[0] == sent.start_char
                for a in ctx.assertions
            ):
                continue
            argued = _contested(ctx, link.subject, link.predicate, link.object) and not link.presupposed
            extractor = ARGUED if argued else EXTRACTOR
            ctx.add_link(
                link,
                claimant=ctx.author,
                sent=sent,
                extractor=extractor,
                stance=Stance.DENIES if link.negated else Stance.ASSERTS,
                hedge=hedge,
                literal=link.literal,
                attribution=_perpetration(link.predicate, hedge),
            )
