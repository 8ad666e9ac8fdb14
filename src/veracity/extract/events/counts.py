"""Killed and injured counts: the number on the object of a casualty word ("killing 31 worshippers"), summed over
conjuncts, None when the text is vague ("hundreds", "dozens").

Why apart from events.py: counting is self-contained and the same for a whole sentence or one listed incident.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from veracity.extract.text.lexicon import event_lexicon


def _number(token: Token) -> int | None:
    """The count attached to a noun ("31 worshippers", "a policeman", "four soldiers"), None if vague."""
    lex = event_lexicon()
    if token.pos_ == "NUM":  # "killing two": the count is the object itself
        text = token.lower_.replace(",", "")
        return int(text) if text.isdecimal() else lex.numbers.get(text)
    for child in token.children:
        if child.dep_ in {"nummod", "det", "quantmod"} or child.like_num:
            text = child.lower_.replace(",", "")
            if text in lex.vague:
                return None
            if text.isdecimal():
                return int(text)
            if text in lex.numbers and (child.dep_ == "nummod" or text in {"a", "an"}):
                return lex.numbers[text]
    if token.lower_ in lex.vague:
        return None
    return None


def _count_objects(head: Token) -> int | None:
    """Sum of counts over a noun and its conjuncts ("four soldiers and a policeman" = 5); None if one is vague."""
    total = 0
    for noun in [head, *head.conjuncts]:
        n = _number(noun)
        if n is None:
            return None
        total += n
    return total


def _count_for(token: Token) -> int | None:
    if token.pos_ == "VERB":
        for child in token.children:
            if child.dep_ in {"dobj", "nsubjpass"}:
                return _count_objects(child)
        if token.head.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"acl", "amod", "relcl"}:
            return _count_objects(token.head)
        return None
    if token.head.pos_ in {"NOUN", "PROPN"} and token.dep_ == "amod":
        return _count_objects(token.head)
    for child in token.children:
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.like_num and obj.lower_.isdecimal():
                    return int(obj.lower_)
    return None


def casualties(segment: Span) -> tuple[int | None, int | None]:
    """Killed and injured counts stated in a sentence or one stretch of it (one incident of a listed several)."""
    lex = event_lexicon()
    killed = injured = None
    for token in segment:
        lemma = token.lemma_.lower()
        if lemma in lex.killed and killed is None:
            killed = _count_for(token)
        elif lemma in lex.injured and injured is None:
            injured = _count_for(token)
    return killed, injured
