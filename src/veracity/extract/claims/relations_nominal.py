"""Links carried by noun phrases rather than verbs: an actor labelled by its tie to another ("Pakistan's arch enemy
India", "longstanding rivals India and Pakistan"), a unit named after its parent ("a new branch of the ISKP has
emerged, known as the ISPP"), members under an umbrella ("all groups under the TTP's umbrella, including the
Mehsud faction"), aid given openly ("offered the Taliban $31 million worth of food"), the parties of a mediation
("dialogue between the TTP and Pakistan government"), and whether a link is presupposed rather than asserted.

Kept apart from ``links`` (the verb and relational-noun patterns) because these read the noun phrase itself; the
word lists are ``cues.yaml`` data (``label_nouns``, ``umbrella_nouns``, ``naming_verbs``, ``aid``,
``presupposing_preps``).
"""

from __future__ import annotations

from spacy.tokens import Token

from veracity.extract.claims.slots import Link, demonym_state, ids, negated
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues

_NOMINAL_OWNER = frozenset({"poss", "nmod"})


def presupposed(token: Token) -> bool:
    """Whether the sentence takes the link at ``token`` for granted: a possessive nominal ("Pakistan's support for
    X was a gamble") or an act under a factive preposition ("despite providing sanctuary to X", "due to X's
    backing"). Presupposed links survive negation and questions of the main clause, so they are background."""
    if any(c.lower_ in cues().words("unsettling_modifiers") for c in token.children):
        return False  # "Pakistan's alleged support for X" is still the allegation
    if token.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "poss" or possessive(c) for c in token.children):
        return True
    return any(_factive(t) for t in token.ancestors)


def hypothetical(token: Token) -> bool:
    """The cue sits in a conditional clause ('if it fails to control the TTP', 'unless Kabul acts against ISKP'):
    the sentence states neither the link nor its absence."""
    marks = cues().words("conditional_marks")
    for head in (token, *token.ancestors):
        if head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in head.children):
            return True
    return False


def possessive(token: Token) -> bool:
    """A possessor, however the parser labels it: 'Trump’s preference' sometimes comes out as nmod + case ’s."""
    return token.dep_ == "poss" or (token.dep_ == "nmod" and any(c.tag_ == "POS" for c in token.children))


def _factive(token: Token) -> bool:
    if token.dep_ not in {"prep", "mark"}:
        return False
    phrases = cues().words("presupposing_preps")
    two = f"{token.nbor(-1).lower_} {token.lower_}" if token.i > 0 else token.lower_
    return token.lower_ in phrases or two in phrases


def _label_index() -> dict[str, str]:
    table = cues().raw.get("label_nouns", {})
    return {str(w).lower(): pred for pred, words in table.items() for w in words}


def is_label_noun(token: Token) -> bool:
    """A noun that labels an actor by its tie to another ("enemy", "rival", "ally")."""
    return token.pos_ in {"NOUN", "PROPN"} and token.lemma_.lower() in _label_index()


def label_links(ctx: Ctx, noun: Token) -> list[Link]:
    """'Pakistan's arch enemy India' / 'India, Pakistan's arch enemy' -> India hostile_to Pakistan; 'longstanding
    enemies India and Pakistan' -> each hostile to the other. The labelled actor is the noun's apposition (or the
    name it modifies or stands beside); the other side is the possessor or 'of' object."""
    predicate = _label_index()[noun.lemma_.lower()]
    owners = [i for c in noun.children if c.dep_ in _NOMINAL_OWNER for i in ids(ctx, c)]
    owners += [
        i for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children for i in ids(ctx, p)
    ]
    labelled = _labelled(ctx, noun)
    neg = negated(noun)
    owners = [o for o in owners if o.startswith("actor:")]
    if owners:
        return [Link(s, predicate, o, noun.i, neg) for s in labelled for o in owners if s != o]
    if noun.tag_ in {"NNS", "NNPS"} and len(labelled) > 1:  # "enemies India and Pakistan": mutual
        return [Link(a, predicate, b, noun.i, neg) for a in labelled for b in labelled if a != b]
    return []


def _labelled(ctx: Ctx, noun: Token) -> list[str]:
    """The actor(s) a label noun names: its apposition, the proper noun it is a compound of, or the name it is an
    apposition to."""
    found = [i for c in noun.children if c.dep_ == "appos" for i in ids(ctx, c)]
    if not found and noun.dep_ in {"compound", "amod"} and noun.head.pos_ == "PROPN":
        found = ids(ctx, noun.head)
    if not found and noun.dep_ == "appos":
        found = ids(ctx, noun.head)
    found = found or _adjacent_names(ctx, noun)
    return [i for i in found if i.startswith("actor:")]


def _adjacent_names(ctx: Ctx, noun: Token) -> list[str]:
    """'between longstanding enemies India and Pakistan': the names right after the label, however the parser hung
    them (it often makes 'India' the clause subject and 'enemies' a stray object)."""
    doc = noun.doc
    if noun.i + 1 >= len(doc) or (mention := ctx.found.actor_at(noun.i + 1)) is None:
        return []
    root = next(
        t for t in doc[mention.start : mention.end] if not mention.start <= t.head.i < mention.end or t.head.i == t.i
    )
    return [mention.entity.id, *[i for c in root.conjuncts for i in ids(ctx, c)]]


def named_as(ctx: Ctx, noun: Token) -> list[str]:
    """What a unit noun is called: 'an affiliate ... known as ISKP', 'a branch has emerged, known as the ISPP',
    'a wing called Jamaat-ul-Ahrar'."""
    naming = cues().words("naming_verbs")
    clause = noun.head if noun.dep_ in {"nsubj", "nsubjpass"} else noun
    for verb in noun.doc[noun.i + 1 : noun.sent.end]:
        own_clause = verb.dep_ not in {"aux", "auxpass", "amod", "compound"}
        if verb.pos_ in {"VERB", "AUX"} and own_clause and verb.i != clause.i and verb.lemma_.lower() not in naming:
            return []  # a later clause names something else
        if verb.dep_ in {"acl", "advcl", "relcl"} and verb.lemma_.lower() in naming and _hangs_near(verb, noun, clause):
            return [
                i
                for c in verb.children
                if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in {"oprd", "attr", "dobj"}
                for p in ([c] if c.dep_ != "prep" else [x for x in c.children if x.dep_ == "pobj"])
                for i in ids(ctx, p)
            ]
    return []


def _hangs_near(verb: Token, noun: Token, clause: Token) -> bool:
    """The naming participle belongs to the unit noun: it hangs on the noun, on its clause's verb, or (a common
    misattachment) on a word between the two ('a branch of the TTP emerged in Bajaur, known as ...')."""
    return verb.head.i in {noun.i, clause.i} or noun.i < verb.head.i < verb.i


def between_parties(ctx: Ctx, head: Token) -> list[str]:
    """Every actor named inside a 'between' phrase: 'between the TTP and Pakistan government' parses as one
    noun ('government') with 'TTP and Pakistan' as its modifier, so conjuncts alone miss a party."""
    out: list[str] = []
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "between"):
        for token in prep.subtree:
            out += [i for i in ids(ctx, token) if i.startswith("actor:") and i not in out]
    return out


def bilateral(ctx: Ctx, noun: Token) -> list[str]:
    """'Russian-Indian relations', 'India-Pakistan ties', 'US-Pakistan rapprochement': the two sides named by a
    hyphenated pair of modifiers (nationality adjectives stand for their states). Empty when the noun is qualified
    as bad ("strained India-Pakistan relations" is no alliance)."""
    mods = [c for c in noun.children if c.dep_ in {"amod", "compound", "nmod"}]
    if any(m.lower_ in cues().words("strained_modifiers") for m in mods):
        return []
    chain = [t for m in mods for t in m.subtree if t.i < noun.i]
    if not any(t.text in {"-", "–"} for t in chain):
        return []
    out: list[str] = []
    for t in chain:
        found = ids(ctx, t) if ctx.actor(t) is not None else [s for s in [demonym_state(ctx, t)] if s]
        out += [i for i in found if i.startswith("actor:") and i not in out]
    return out if len(out) == 2 else []


def companions(ctx: Ctx, verb: Token) -> list[str]:
    """'fought arm-in-arm with the Taliban', 'fought alongside al-Qaeda', 'battled side by side with X': the ones
    fought beside are allies, not enemies (``companion`` cues). A bare 'fought with X' stays ambiguous."""
    c = cues()
    out: list[str] = []
    for prep in (p for p in verb.subtree if p.dep_ == "prep" and p.i > verb.i and _adverbial_of(p, verb)):
        lead = verb.doc[verb.i + 1 : prep.i].text.lower()
        beside = prep.lower_ in c.words("companion", "preps")
        marked = prep.lower_ == "with" and any(m in lead for m in c.words("companion", "markers"))
        if beside or marked:
            out += [i for p in prep.children if p.dep_ == "pobj" for i in ids(ctx, p) if i.startswith("actor:")]
    return out


def _adverbial_of(prep: Token, verb: Token) -> bool:
    """The preposition modifies the verb, possibly through an adverbial phrase ('fought side by side with X')."""
    head = prep.head
    while head.i != verb.i and head.dep_ in {"pobj", "prep", "npadvmod", "advmod"} and head.head.i != head.i:
        head = head.head
    return head.i == verb.i

