"""Hedge cues on a claim or link: modal verbs, hedging adverbs and phrases from ``cues.yaml`` (``hedges``).

Kept apart from link finding because a hedge qualifies the statement, not the link: claims, quotes and the
article's own voice all ask the same question of different token sets.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from veracity.extract.text.lexicon import cues


def hedge_in(tokens: Span | list[Token]) -> str | None:
    """The first hedge cue among the tokens (modal verbs, adverbs, "if true", "widely considered")."""
    c = cues()
    toks = list(tokens)
    text = " ".join(t.lower_ for t in toks).replace(" n't", "n't")
    for phrase in c.hedge_phrases:
        if phrase in text:
            return phrase
    for t in toks:
        if t.pos_ == "PROPN" or t.ent_type_ == "DATE":  # "since May" is a month, not a modal
            continue
        if t.lower_ in c.hedge_words and not (t.lower_ == "believed" and t.dep_ != "ROOT" and t.tag_ != "VBN"):
            return t.lower_
    return None


_CLIMB = frozenset({"xcomp", "ccomp", "conj", "pcomp", "pobj", "prep", "dobj", "acomp", "attr", "oprd", "acl"})


def hedge_for(token: Token) -> str | None:
    """Hedge on a cue: in its own phrase, or on a verb above it ("is believed to have guided", "may seek to"), or
    an inquiry the link is the subject matter of ("learning more about the group's connections with X": still to
    be established, so speculative)."""
    found = hedge_in(list(token.subtree))
    head = token
    inquiry = cues().words("hedges", "inquiry")
    while found is None and head.dep_ in _CLIMB and head.head is not head:
        head = head.head
        found = hedge_in([head, *[c for c in head.children if c.dep_ in {"aux", "auxpass", "advmod", "neg"}]])
        if found is None and head.lemma_.lower() in inquiry and head.i < token.i:
            found = head.lemma_.lower()
    return found or asked(token)


def asked(token: Token) -> str | None:
    """"question" when the token's sentence is a question ("Has ISIS used chemical weapons on Kobane?"): a question
    puts a link up for doubt, it does not state it."""
    sent = token.sent
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in {'"', "”", "’", ")"}), None)
    return "question" if last is not None and last.text == "?" else None
