"""Who makes a claim of responsibility: the group, a relayed claim, or a registry member - not any extracted member."""

from __future__ import annotations

from veracity.assess.context import build_context
from veracity.assess.responsibility import is_claim


def test_responsibility_outsider_with_extracted_membership_is_not_a_claimant(make) -> None:
    make_evidence = make
    tie = make_evidence("Amador Guallar", "member_of", "Afghan Taliban")
    said = make_evidence("Afghan Taliban", "responsible_for", "event:kabul-airport-bombing", claimant="Amador Guallar")
    own = make_evidence("ISKP", "responsible_for", "event:kabul-airport-bombing", claimant="ISKP")
    relayed = make_evidence("ISKP", "responsible_for", "event:kabul-airport-bombing", attribution="claimed")
    context = build_context([tie, said, own, relayed], registry=False)
    assert "actor:afghan-taliban" in context.side("actor:amador-guallar")   # still weighed as a tie elsewhere
    assert not is_claim(said, context)
    assert is_claim(own, context) and is_claim(relayed, context)
