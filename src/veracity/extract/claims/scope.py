"""What a reported claim covers, read off the sentence around the reporting word: an absolute 'with ...' clause that
goes on with the speaker's account, a concessive aside that is the writer's own, an indirect question that asserts
nothing, and a headline the body repeats.

Kept apart from ``claims`` (who speaks and what the clause says) because these only widen or narrow the span a
claim is read from.
"""

from __future__ import annotations

from spacy.tokens import Token

from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues
from veracity.model.records import Assertion


def absolute_with(verb: Token) -> list[Token]:
    """'X shared tweets describing the nexus of A and B; with B's act being part of C as well as ...': an absolute
    'with ... V-ing' clause after the reporting verb, hung on the speaker or the verbs that introduce them, goes
    on describing what the speaker says."""
    owners = {verb.i, *(a.i for a in verb.ancestors)}
    owners |= {c.i for i in list(owners) for c in verb.doc[i].children if c.dep_ in {"nsubj", "nsubjpass"}}
    return [
        w
        for w in verb.doc[verb.i + 1 : verb.sent.end]
        if w.lower_ == "with"
        and w.dep_ == "prep"
        and w.head.i in owners
        and w.i > 0
        and w.nbor(-1).text in {";", ","}
        and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in w.children)
    ]


def before_concession(tokens: list[Token]) -> list[Token]:
    """'X was orchestrated from Pakistan, albeit by people its services likely brought in, if true': the concessive
    aside after ', albeit/although' is the writer's own qualification; its hedge does not qualify the claim."""
    marks = cues().words("concessive_marks")
    cut = next((t.i for t in tokens if t.lower_ in marks and t.i > 0 and t.nbor(-1).text == ","), None)
    return tokens if cut is None else [t for t in tokens if t.i < cut]


def asks(noun: Token) -> bool:
    """'the speculation about which agencies might have been behind it': a claim noun about an indirect question
    asserts no answer."""
    openers = cues().words("question_openers")
    about = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in {"about", "over", "on", "of", "as"}
             for p in c.children if p.dep_ in {"pobj", "pcomp"}]
    if any(p.lower_ in openers or p.left_edge.lower_ in openers for p in about):
        return True
    doc = noun.doc
    for clause in (c for c in noun.children if c.dep_ in {"relcl", "acl"} and c.left_edge.i + 2 < len(doc)):
        prep, wh, after = doc[clause.left_edge.i], doc[clause.left_edge.i + 1], doc[clause.left_edge.i + 2]
        if prep.dep_ == "prep" and wh.lower_ in openers and after.pos_ in {"NOUN", "ADJ", "PROPN"}:
            return True  # the parser hangs 'about which agencies ...' on the clause: "which" asks
    return False


def headline_end(ctx: Ctx) -> int:
    """End (character offset) of the headline: a short first paragraph with no closing punctuation; 0 if none."""
    text = ctx.doc.text  # the parsed text itself; Doc.text would rebuild it from the tokens
    end = text.find("\n")
    first = text[: end if end >= 0 else len(text)].strip()
    if end < 0 or not first or first[-1] in ".!?”\"" or len(first.split()) > 25:
        return 0
    return end


def drop_headline_repeats(ctx: Ctx, headline: int) -> None:
    """A headline restates what the body reports: one entry per statement, so a headline claim the body makes
    again (same claimant, stance and link) is dropped in favour of the body's."""
    if not headline:
        return
    body = {_statement(a) for a in ctx.assertions if a.span[0] >= headline}
    ctx.assertions[:] = [a for a in ctx.assertions if a.span[0] >= headline or _statement(a) not in body]


def _statement(a: Assertion) -> tuple[str, str, str, str, str]:
    return (a.claimant, a.stance.value, a.subject, a.predicate, a.object)
