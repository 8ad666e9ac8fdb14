"""'According to police, the BLA carried out the attack': the speaker is the object of 'according to', and the claim
is the clause the phrase hangs on (the parser makes 'according' a preposition of that clause's verb, so no reporting
verb is there to start from)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from veracity.extract.claims.links import add_links, hedge_in
from veracity.extract.claims.scope import before_concession
from veracity.extract.context import Ctx

EXTRACTOR = "claims.reported_speech"


def according_to(
    ctx: Ctx, token: Token, sent: Span, used: set[int], speaker_of: Callable[[Token], str | None]
) -> None:
    """Record the links of the clause an 'according to X' phrase hangs on as X's claims."""
    to = next((c for c in token.children if c.lower_ == "to"), None) if token.lower_ == "according" else None
    speaker = next((p for p in to.children if p.dep_ == "pobj"), None) if to is not None else None
    host = token.head
    if speaker is None or host.i == token.i or host.i in used:
        return
    claimant = speaker_of(speaker)
    if claimant is None:
        return
    own = {t.i for t in token.subtree}
    tokens = [t for t in host.subtree if t.i not in own]
    inner = hedge_in(before_concession(tokens))
    add_links(ctx, tokens, claimant=claimant, sent=sent, extractor=EXTRACTOR, hedge=inner)
    used.update(t.i for t in tokens)
