"""A narrative the author sets up to knock down: "The popular narrative is ISKP is a terror group at loggerheads with
the Taliban. [...] However, nothing could be further from the truth."

The content of "the popular narrative/perception/myth is ..." is nobody's settled fact: when a rebuttal follows
within a few sentences ("further from the truth", "in reality", "is a myth"), the author denies it; otherwise it is
only reported and the article's voice must not read it as background. Word lists are ``cues.yaml`` data
(``narratives``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from veracity.extract.claims.links import links_in
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues
from veracity.model.records import Stance

EXTRACTOR = "claims.rebutted_narrative"
_REACH = 3  # sentences after the narrative in which a rebuttal counts


def _content(noun: Token) -> list[Token]:
    """'The popular narrative is <content>': what follows the copula the narrative noun is the subject of."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() != "be":
        return []
    return [t for t in verb.subtree if t.i > verb.i and not t.is_punct]


def _rebutted(ctx: Ctx, sent: Span) -> bool:
    """A rebuttal phrase in the sentence or the next few."""
    sents = list(ctx.sdoc.sents)
    index = next(i for i, s in enumerate(sents) if s.start == sent.start)
    text = " ".join(s.text.lower() for s in sents[index : index + _REACH + 1]).replace("’", "'")
    return any(p in text for p in cues().words("narratives", "rebuttals"))


def rebutted_narratives(ctx: Ctx, sent: Span, used: set[int]) -> None:
    """Record the author's denial of each link in a rebutted narrative; its tokens are never the author's own
    assertion either way."""
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in cues().words("narratives", "nouns"):
            continue
        content = [t for t in _content(noun) if t.i not in used]
        if not content:
            continue
        if _rebutted(ctx, sent):
            for link in links_in(ctx, content):
                ctx.add_link(
                    link,
                    claimant=ctx.author,
                    sent=sent,
                    extractor=EXTRACTOR,
                    stance=Stance.ASSERTS if link.negated else Stance.DENIES,
                    quote=sent.text,
                )
        used.update(t.i for t in content)
