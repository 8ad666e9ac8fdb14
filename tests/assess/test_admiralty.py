"""The two Admiralty axes: source reliability A-F and information credibility 1-6, and when a word is given."""

from __future__ import annotations

from datetime import date

import pytest

from veracity.assess.grade import grade_of
from veracity.model.records import Outlet, Stance

TODAY = date(2026, 1, 1)
PK = ("actor:pakistan", "supports", "actor:iskp")
OUTLETS = {"Reuters": Outlet("Reuters", reliability="A"), "Wire": Outlet("Wire", reliability="B"),
           "Blog": Outlet("Blog", reliability="D")}


def grade(items, **kw):
    return grade_of(items, PK, today=TODAY, outlets=OUTLETS, **kw)


@pytest.mark.parametrize("outlet", [None, "Blog", "Unknown Site"])
def test_admiralty_single_uncorroborated_report_cannot_be_judged_never_unlikely(make, outlet):
    got = grade([make("Pakistan", "supports", "ISKP", outlet=outlet)])
    assert (got.admiralty, got.word, got.judged) == (6, "cannot be judged", False)
    assert 0.45 <= got.probability <= 0.6, "one report moves an even chance only a little"
    assert "single uncorroborated" in got.credibility_why


@pytest.mark.parametrize(
    ("outlets", "code"),
    [(["Reuters"], "A3"), (["Wire"], "B3"), (["Wire", "Blog"], "B2"), (["Reuters", "Wire", "Blog"], "A1"),
     ([None, None], "F2")],
)
def test_admiralty_two_axes_read_together(make, outlets, code):
    items = [make("Pakistan", "supports", "ISKP", doc=f"d{i}", outlet=o) for i, o in enumerate(outlets)]
    got = grade(items)
    assert got.code == code and got.summary()["code"] == code
    assert got.word not in {"cannot be judged", "unlikely", "very unlikely"}
    assert got.source_why and got.credibility_why


def test_admiralty_denial_outweighing_support_is_improbable(make):
    items = [make("Pakistan", "supports", "ISKP", doc="a"),
             make("Pakistan", "supports", "ISKP", doc="b", outlet="Reuters", claimant="United Nations",
                  stance=Stance.DENIES)]
    got = grade(items)
    assert got.admiralty == 5 and got.probability < 0.5 and got.word in {"unlikely", "roughly even chance"}


def test_admiralty_contested_is_doubtful(make):
    items = [make("Pakistan", "supports", "ISKP", doc="a", outlet="Reuters"),
             make("Pakistan", "supports", "ISKP", doc="b", outlet="Wire", claimant="United Nations",
                  stance=Stance.DENIES)]
    assert grade(items).admiralty == 4


def test_admiralty_no_line_is_six(make):
    from veracity.assess.admiralty import credibility
    from veracity.assess.weights import load_weights

    assert credibility(load_weights(), [], [], 0.5)[0] == 6


def test_admiralty_track_record_downgrades_a_source_analysts_keep_rejecting(make):
    from veracity.model.records import Verdict

    rejected = [make("Pakistan", "supports", f"Group {i}", doc=f"r{i}", outlet="Wire", verdict=Verdict.REJECT)
                for i in range(2)]
    item = make("Pakistan", "supports", "ISKP", doc="x", outlet="Wire")
    factor = grade([*rejected, item]).supporting[0].representative.factors["reliability"]
    assert factor[1] == "C" and "track record" in factor[2]


def test_admiralty_zero_weight_relays_count_as_coverage_not_as_evidence(make):
    from veracity.assess.weights import load_weights, with_overrides

    weights = with_overrides(load_weights(), {"hedged": 0.0})
    one = make("Pakistan", "supports", "ISKP", doc="a")
    relay = make("Pakistan", "supports", "ISKP", doc="b", hedge="reportedly")
    alone = grade([one], weights=weights)
    covered = grade([one, relay], weights=weights)
    assert alone.admiralty == 6 and covered.admiralty != 6
    assert covered.probability == alone.probability      # the relay adds nothing to p
    assert grade([relay, make("Pakistan", "supports", "ISKP", doc="c", hedge="may")], weights=weights).admiralty == 6
    uncertain = make("Pakistan", "supports", "ISKP", doc="j", claimant="analyst:J. Smith", hedge="uncertain")
    assert grade([one, uncertain], weights=weights).admiralty == 6   # an analyst's doubt is not coverage
