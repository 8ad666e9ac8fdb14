"""Grades: the synthetic targets, the factors, reviews, as-of dates, ICD-203 words and monotonicity."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veracity.assess.grade import Assessor, assess, grade_of
from veracity.assess.weights import load_weights
from veracity.model.errors import ConfigError, NotFound
from veracity.model.records import Outlet, Stance, Verdict

TODAY = date(2026, 1, 1)
PK = ("actor:pakistan", "supports", "actor:iskp")
OUTLETS = {f"Outlet {i}": Outlet(f"Outlet {i}", reliability="B") for i in range(30)}


def p_of(items, triple=PK, **options):
    return grade_of(items, triple, today=TODAY, outlets=OUTLETS, **options).probability


def spokesman(make, i, **kw):
    return make("Pakistan", "supports", "ISKP", claimant="Zabihullah Mujahid", doc=f"wire{i}", outlet=f"Outlet {i}",
                quote=f"Mujahid said Pakistan backs ISKP (copy {i}).", **kw)


def test_grade_twenty_outlets_quoting_one_spokesman_grade_exactly_as_one_line(make):
    one = grade_of([spokesman(make, 0)], PK, today=TODAY, outlets=OUTLETS)
    twenty = grade_of([spokesman(make, i) for i in range(20)], PK, today=TODAY, outlets=OUTLETS,
                      texts={f"wire{i}": "Mujahid said Pakistan backs ISKP. " * 20 for i in range(20)})
    assert (len(twenty.supporting), twenty.reports) == (1, 20)
    assert twenty.probability == one.probability and twenty.word == one.word


def test_grade_a_second_independent_outlet_raises_the_grade(make):
    base = [spokesman(make, i) for i in range(20)]
    second = make("Pakistan", "supports", "ISKP", doc="own", outlet="Outlet 25", quote="Our reporters saw it.")
    assert p_of([*base, second]) > p_of(base)
    assert len(grade_of([*base, second], PK, today=TODAY).supporting) == 2


def test_grade_denial_by_the_accused_lowers_less_than_an_independent_denial(make):
    base = [spokesman(make, 0), make("Pakistan", "supports", "ISKP", doc="x", outlet="Outlet 5")]
    accused = make("Pakistan", "supports", "ISKP", claimant="Pakistan", stance=Stance.DENIES, doc="d",
                   outlet="Outlet 6")
    independent = make("Pakistan", "supports", "ISKP", claimant="United Nations", stance=Stance.DENIES, doc="d",
                       outlet="Outlet 6")
    assert p_of(base) > p_of([*base, accused]) > p_of([*base, independent])


@pytest.mark.parametrize(
    ("kwargs", "kind"),
    [
        (dict(claimant="ISKP", subject="ISKP", predicate="responsible_for", obj="event:x"), "claim_uncontested"),
        (dict(claimant="Pakistan", subject="Pakistan", predicate="supports", obj="Taliban"), "self_incrimination"),
        (dict(claimant="Pakistan", subject="Pakistan", predicate="allied_with", obj="West"), "self_serving"),
        (dict(claimant="Taliban", subject="Pakistan", predicate="supports", obj="ISKP"), "hostile_accuser"),
        (dict(claimant="Mujahid", subject="Pakistan", predicate="supports", obj="ISKP"), "hostile_accuser"),
        (dict(claimant="Reuters", subject="Pakistan", predicate="supports", obj="ISKP"), "independent"),
        (dict(claimant="author", subject="ISKP", predicate="responsible_for", obj="event:x", attribution="claimed"),
         "claim_uncontested"),
    ],
)
def test_grade_claimant_interest(make, kwargs, kind):
    background = [make("Taliban", "hostile_to", "Pakistan", doc="bg"),
                  make("Mujahid", "member_of", "Taliban", doc="bg")]
    subject, predicate, obj = kwargs.pop("subject"), kwargs.pop("predicate"), kwargs.pop("obj")
    item = make(subject, predicate, obj, doc="d", **kwargs)
    grade = grade_of([*background, item], (item.assertion.subject, predicate, item.assertion.object), today=TODAY)
    assert grade.supporting[0].representative.factors["interest"][1] == kind


def test_grade_hostile_accuser_counts_less_than_independent_one(make):
    background = [make("Taliban", "hostile_to", "Pakistan", doc="bg")]
    hostile = make("Pakistan", "supports", "ISKP", claimant="Taliban", doc="d")
    neutral = make("Pakistan", "supports", "ISKP", claimant="Reuters", doc="d")
    assert p_of([*background, hostile]) < p_of([*background, neutral])


def test_grade_hedging_lowers_the_weight(make):
    hedged = make("Pakistan", "supports", "ISKP", hedge="reportedly")
    assert p_of([hedged]) < p_of([make("Pakistan", "supports", "ISKP")])


@pytest.mark.parametrize(("outlet", "grade"), [("Reuters", "B"), ("Unknown Blog", "F"), (None, "F")])
def test_grade_reliability_defaults_to_f_never_c(make, outlet, grade):
    item = make("Pakistan", "supports", "ISKP", outlet=outlet)
    got = grade_of([item], PK, today=TODAY, outlets={"Reuters": Outlet("Reuters", reliability="B")})
    factor = got.supporting[0].representative.factors["reliability"]
    assert factor[1] == grade and factor[0] == load_weights().reliability(grade)


def test_grade_reviews_override(make):
    items = [make("Pakistan", "supports", "ISKP", doc="a", outlet="Outlet 1"),
             make("Pakistan", "supports", "ISKP", doc="b", outlet="Outlet 2", verdict=Verdict.REJECT)]
    rejected = grade_of(items, PK, today=TODAY)
    assert len(rejected.supporting) == 1 and len(rejected.rejected) == 1
    plain = grade_of([items[0], make("Pakistan", "supports", "ISKP", doc="c")], PK, today=TODAY)
    confirmed = grade_of([items[0], make("Pakistan", "supports", "ISKP", doc="c", verdict=Verdict.CONFIRM)], PK,
                         today=TODAY)
    assert confirmed.probability == plain.probability and confirmed.code == plain.code
    assert any("review" in line.representative.factors for line in confirmed.supporting)


@pytest.mark.parametrize(
    ("as_of", "reports"),
    [(None, 3), ("2024-06", 2), ("2024-03-31", 1), ("2024-03-25", 0), ("2023", 0)],
)
def test_grade_as_of_uses_only_documents_published_by_then(make, as_of, reports):
    items = [make("Pakistan", "supports", "ISKP", doc="a", published="2024-03"),
             make("Pakistan", "supports", "ISKP", doc="b", published="2024-05-02", outlet="Outlet 1"),
             make("Pakistan", "supports", "ISKP", doc="c", published=None, outlet="Outlet 2")]
    grades = assess(items, as_of=as_of, today=TODAY)
    assert sum(g.reports for g in grades) == reports


@pytest.mark.parametrize(
    ("p", "word"),
    [(0.03, "almost no chance"), (0.1, "very unlikely"), (0.3, "unlikely"), (0.5, "roughly even chance"),
     (0.7, "likely"), (0.9, "very likely"), (0.97, "almost certain")],
)
def test_grade_icd203_words(p, word):
    assert load_weights().word(p) == word


def test_grade_admiralty_confirmed_by_independent_sources(make):
    items = [make("Pakistan", "supports", "ISKP", doc=f"d{i}", outlet=f"Outlet {i}") for i in range(6)]
    grade = grade_of(items, PK, today=TODAY, outlets={f"Outlet {i}": Outlet(f"Outlet {i}", reliability="A")
                                                       for i in range(6)})
    assert (grade.code, grade.word) == ("A1", "almost certain")


@pytest.mark.parametrize(
    ("reports", "digit"),
    [
        ([dict(doc="a", hedge="may")], 6),
        ([dict(doc="a", outlet="Outlet 3")], 3),
        ([dict(doc="a"), dict(doc="b", outlet="Outlet 9", claimant="Other Witness")], 2),
        ([dict(doc="a", hedge="may"), dict(doc="b", claimant="United Nations", stance=Stance.DENIES)], 5),
        ([dict(doc="a", verdict=Verdict.REJECT)], 6),
    ],
)
def test_grade_admiralty_digit(make, reports, digit):
    items = [make("Pakistan", "supports", "ISKP", **r) for r in reports]
    assert grade_of(items, PK, today=TODAY, outlets=OUTLETS).admiralty == digit


def test_grade_opposing_proposition_counts_against(make):
    claim = make("Haqqani", "controls", "ISKP", doc="a")
    against = make("ISKP", "hostile_to", "Haqqani", doc="b", outlet="Outlet 1")
    alone = grade_of([claim], ("actor:haqqani", "controls", "actor:iskp"), today=TODAY)
    both = grade_of([claim, against], ("actor:haqqani", "controls", "actor:iskp"), today=TODAY)
    assert both.probability < alone.probability and both.opposing[0].representative.via is not None


def test_grade_factors_explain_themselves(make):
    grade = grade_of([make("Pakistan", "supports", "ISKP", hedge="may")], PK, today=TODAY)
    factors = grade.supporting[0].representative.factors
    assert set(factors) >= {"base", "reliability", "interest", "hedge", "recency"}
    assert all(isinstance(w, float) and isinstance(why, str) and why for w, _, why in factors.values())
    assert set(grade.factors) == {"prior", "support", "oppose"}


def test_grade_unknown_triple_is_not_found(make):
    with pytest.raises(NotFound):
        grade_of([make("Pakistan", "supports", "ISKP")], ("actor:x", "supports", "actor:y"))


def test_grade_weights_file_overrides_one_key(tmp_path, make):
    path = tmp_path / "w.yaml"
    path.write_text("prior: 0.4\n", encoding="utf-8")
    custom = load_weights(str(path))
    assert custom["prior"] == 0.4 and custom["hedged"] == load_weights()["hedged"]
    items = [make("Pakistan", "supports", "ISKP")]
    assert p_of(items, weights=custom) < p_of(items)
    broken = tmp_path / "broken.yaml"
    broken.write_text("prior: 1.5\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_weights(str(broken))


CLAIMANTS = ["Taliban", "Pakistan", "Reuters", "author", "Mujahid", "United Nations"]
REPORT = st.fixed_dictionaries({
    "claimant": st.sampled_from(CLAIMANTS), "doc": st.sampled_from(["a", "b", "c", "d"]),
    "outlet": st.sampled_from([None, "Outlet 1", "Outlet 2"]), "stance": st.sampled_from(list(Stance)),
    "hedge": st.sampled_from([None, "may"]), "published": st.sampled_from([None, "2020", "2024-05-01"]),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reports=st.lists(REPORT, max_size=8), hedge=st.sampled_from([None, "may"]),
       grade=st.sampled_from(["A", "C", "E", "F"]), published=st.sampled_from([None, "2001", "2025-12"]))
def test_grade_adding_an_independent_supporting_line_never_lowers_probability(make, reports, hedge, grade,
                                                                             published):
    base = [make("Pakistan", "supports", "ISKP", **r) for r in reports]
    base.append(make("Taliban", "hostile_to", "Pakistan", doc="bg"))
    fresh = make("Pakistan", "supports", "ISKP", claimant="Fresh Witness", doc="fresh", outlet="Fresh Outlet",
                 hedge=hedge, published=published, quote="A sentence nobody else wrote.")
    outlets = {"Fresh Outlet": Outlet("Fresh Outlet", reliability=grade)}
    before = [g.probability for g in Assessor(base, today=TODAY, outlets=outlets).grade_all()
              if g.proposition.triple == PK]
    after = grade_of([*base, fresh], PK, today=TODAY, outlets=outlets)
    assert after.probability >= (before[0] if before else load_weights()["prior"])
    assert len(after.supporting) == (len(grade_of(base, PK, today=TODAY).supporting) if before else 0) + 1


@pytest.mark.parametrize(("score", "counts"), [(0.387, False), (0.49, False), (0.5, True), (0.8, True)])
def test_grade_reading_below_even_odds_is_listed_not_weighed_until_confirmed(make, score, counts):
    from dataclasses import replace

    from veracity.model.records import Review

    base = make("Pakistan", "supports", "ISKP", doc="a", outlet="Reuters", published="2025-01-01")
    item = replace(base, assertion=replace(base.assertion, score=score))
    got = grade_of([item], PK, today=TODAY, outlets=OUTLETS)
    member = got.supporting[0].representative
    assert member.factors["extraction"][0] == score
    assert ("unsure" in member.factors) is not counts and (member.weight > 0) is counts
    assert (got.probability > 0.5) is counts
    if not counts:
        assert "misreading" in member.factors["unsure"][2]
        confirmed = replace(item, reviews=(Review(item.assertion.id, Verdict.CONFIRM, created_at="2025-02-01"),))
        after = grade_of([confirmed], PK, today=TODAY, outlets=OUTLETS).supporting[0].representative
        assert "unsure" not in after.factors and after.weight > 0
