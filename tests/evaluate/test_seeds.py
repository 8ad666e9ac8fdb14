"""Tests for veracity.evaluate.seeds: each facet on a hand-made gold/prediction pair scored by hand."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veracity.evaluate import seeds
from veracity.model import InvalidInput, NotFound

SHARED = Path(__file__).resolve().parents[3] / "shared"  # ../shared beside the checkout
SEEDS_DIR = SHARED / "seeds"
SEEDS_GOLD = SEEDS_DIR / "gold.jsonl"

ISKP, PAK, TAL = "Islamic State Khorasan Province", "Pakistan", "Afghan Taliban"
BOMBING = "Kabul airport bombing"


def _event(label: str, type_: str, surface: list[str], **attrs: Any) -> dict[str, Any]:
    base = {"label": label, "type": type_, "date": None, "place": None, "killed": None, "injured": None,
            "perpetrator_claimed_by": [], "perpetrator_stated": [], "perpetrator_attributed_by": [],
            "surface": surface}
    return {**base, **attrs}


def _claim(claimant: str, stance: str, s: str, p: str, o: str, hedged: bool = False) -> dict[str, Any]:
    return {"claimant": claimant, "stance": stance, "subject": s, "predicate": p, "object": o, "hedged": hedged}


GOLD: dict[str, Any] = {
    "doc": "d1",
    "actors": [{"name": ISKP, "type": "armed_group", "surface": ["ISKP", "ISIS-K"]},
               {"name": PAK, "type": "state", "surface": ["Pakistan", "Islamabad"]},
               {"name": TAL, "type": "armed_group", "surface": ["Taliban"]}],
    "places": [{"name": "Kabul", "kind": "city", "surface": ["Kabul"]}],
    "events": [_event(BOMBING, "suicide_bombing", ["bomb blasts ripped through the Kabul airport"],
                      date="2021-08-26", place="Kabul", perpetrator_claimed_by=[ISKP]),
               _event("Taliban meeting", "other", ["a meeting in Doha"])],
    "claims": [_claim(TAL, "asserts", PAK, "supports", ISKP),
               _claim("author", "asserts", PAK, "harbours", "terrorists (unspecified)", hedged=True),
               _claim("unnamed reports", "denies", ISKP, "responsible_for", BOMBING)],
    "relations": [{"subject": TAL, "predicate": "allied_with", "object": PAK},
                  {"subject": ISKP, "predicate": "hostile_to", "object": TAL}],
}
PRED: dict[str, Any] = {
    "doc": "d1",
    "actors": [{"name": "ISIS-K", "surface": ["ISIS-K"]},                # matches ISKP
               {"name": "ISKP", "surface": ["ISKP"]},                    # ISKP is taken: a split cluster, FP
               {"name": "Pakistan", "surface": ["Pakistan’s", "Islamabad"]},  # possessive stripped: matches
               {"name": "India", "surface": ["India"]}],                 # FP; Taliban missed (FN)
    "places": [{"name": "Kabul", "surface": ["Kabul"]}, {"name": "Doha", "surface": ["Doha"]}],
    "events": [_event("Kabul airport attack", "bombing", ["the Kabul airport"], date="2021-08-26", place="Kabul",
                      killed=13, perpetrator_claimed_by=["ISKP"]),  # matches the bombing by surface
               _event("talks", "other", ["a meeting in Doha"]),      # matches the 'other' event: not counted
               _event("border clash", "clash", ["border clash"]),    # unmatched and violent: FP
               _event("parade", "other", ["parade"])],               # unmatched, not violent: not counted
    "claims": [_claim("Taliban", "asserts", "Islamabad", "supports", "ISIS-K", hedged=True),  # strict match
               _claim("author", "asserts", PAK, "supports", "terrorists"),      # lenient only (predicate)
               _claim("reports", "denies", "ISKP", "responsible_for", "Kabul airport attack"),  # strict match
               _claim("author", "denies", PAK, "harbours", "terrorists")],     # wrong stance: FP
    "relations": [{"subject": PAK, "predicate": "allied_with", "object": "Taliban"},   # symmetric: match
                  {"subject": "Taliban", "predicate": "hostile_to", "object": "ISKP"}],  # reversed: no
}


@pytest.mark.parametrize(
    ("facet", "precision", "recall", "f1"),
    [
        # 2 matched (ISKP, Pakistan) of 4 predicted, 3 gold: P 1/2, R 2/3, F1 = (2/3)/(7/6) = 4/7
        ("actors", 1 / 2, 2 / 3, 4 / 7),
        # surfaces: gold {ISKP, ISIS-K, Pakistan, Islamabad, Taliban}, pred {ISIS-K, ISKP, Pakistan, Islamabad, India}
        ("actor_surfaces", 4 / 5, 4 / 5, 4 / 5),
        # B-cubed over {ISKP, ISIS-K, Pakistan, Islamabad}: every predicted cluster pure -> P 1;
        # recall ISKP 1/2, ISIS-K 1/2, Pakistan 1, Islamabad 1 -> 3/4; F1 = 1.5/1.75 = 6/7
        ("aliases", 1.0, 3 / 4, 6 / 7),
        # Kabul matched, Doha extra: P 1/2, R 1, F1 2/3
        ("places", 1 / 2, 1.0, 2 / 3),
        # 1 violent gold found; counted predictions: the bombing and the border clash -> P 1/2, R 1, F1 2/3
        ("events", 1 / 2, 1.0, 2 / 3),
        # strict: claims 1 and 3 of 4 predicted, 3 gold -> P 1/2, R 2/3, F1 4/7
        ("claims", 1 / 2, 2 / 3, 4 / 7),
        # lenient adds the harbours/supports claim: P 3/4, R 1, F1 = 1.5/1.75 = 6/7
        ("claims_lenient", 3 / 4, 1.0, 6 / 7),
        # allied_with matches reversed (symmetric), hostile_to does not: P 1/2, R 1/2, F1 1/2
        ("relations", 1 / 2, 1 / 2, 1 / 2),
    ],
)
def test_seeds_facets_hand_made(facet: str, precision: float, recall: float, f1: float) -> None:
    prf = seeds.score([GOLD], [PRED]).facets[facet]
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx((precision, recall, f1))


@pytest.mark.parametrize(
    ("name", "correct", "total"),
    [
        ("event_type", 0, 1),          # bombing vs suicide_bombing
        ("event_date", 1, 1),
        ("event_place", 1, 1),
        ("event_killed", 0, 1),        # 13 vs null ("hundreds" style vague count)
        ("event_injured", 1, 1),
        ("event_perpetrators", 1, 1),  # "ISKP" resolves to the gold ISKP
        ("hedged", 1, 2),              # on the two strict matches: claim 1 wrongly hedged, claim 3 right
    ],
)
def test_seeds_accuracies_hand_made(name: str, correct: int, total: int) -> None:
    acc = seeds.score([GOLD], [PRED]).accuracies[name]
    assert (acc.correct, acc.total) == (correct, total)


def test_seeds_micro_over_docs_and_missing_docs() -> None:
    other = {"doc": "d2", "actors": [{"name": "Russia", "type": "state", "surface": ["Russia", "Moscow"]}]}
    report = seeds.score([GOLD, other], [PRED])
    # d1 gives 2 of 4 predicted, 3 gold; d2 has no prediction: 0 of 0, 1 gold -> P 2/4, R 2/4
    assert (report.facets["actors"].precision, report.facets["actors"].recall) == (0.5, 0.5)
    assert report.missing == ("d2",)
    assert set(report.per_doc) == {"d1", "d2"}
    data = json.loads(json.dumps(report.as_dict()))
    assert data["facets"]["actors"]["gold"] == 4 and data["docs"] == 2


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Crocus terrorist attack", "Crocus Terrorist Attack", True),   # case
        ("the Kabul airport", "blasts ripped through the Kabul airport on 26th", True),  # 2 content words inside
        ("this attack", "This attack", True),          # equal, though one content word
        ("attack", "Crocus terrorist attack", False),  # one content word is too generic to match inside
        ("the attack", "the attack on the embassy", False),
        ("Kabul airport", "Kabul city airport", False),  # not a contiguous run
        ("", "anything", False),
    ],
)
def test_seeds_surfaces_overlap(a: str, b: str, same: bool) -> None:
    assert seeds.surfaces_overlap(a, b) is same
    assert seeds.surfaces_overlap(b, a) is same


@pytest.mark.parametrize(
    ("placeholder", "text", "matches"),
    [
        ("terrorists (unspecified)", "terrorists", True),         # the bracketed marker is not a word
        ("terrorists (unspecified)", "terrorist groups", True),   # plural s ignored
        ("India-backed militants", "militants backed by India", True),  # 3 of 3
        ("India-backed militants", "militants", False),           # 1 of 3 is less than half
        ("foreign intelligence agencies (unspecified)", "intelligence agencies", True),  # 2 of 3
        ("unnamed observers", "observers", True),                 # 1 of 2 is half
        ("terrorists (unspecified)", "militants", False),
    ],
)
def test_seeds_half_words(placeholder: str, text: str, matches: bool) -> None:
    assert seeds.half_words(placeholder, text) is matches


@pytest.mark.parametrize(
    ("surface", "cleaned"),
    [("Pakistan’s", "Pakistan"), ("ISI's", "ISI"), (" Taliban ", "Taliban"), ("Moscow", "Moscow"), ("Bass", "Bass")],
)
def test_seeds_clean(surface: str, cleaned: str) -> None:
    assert seeds.clean(surface) == cleaned


def test_seeds_author_matches_only_author() -> None:
    resolver = seeds.Resolver()
    assert resolver.slot("author", "author")
    assert not resolver.slot("author", "author of the report")
    assert not resolver.slot("unnamed reports", "author")


REAL_GOLD = seeds.load_records(SEEDS_GOLD)


@pytest.mark.parametrize("facet", seeds.FACETS)
def test_seeds_real_gold_against_itself_is_perfect(facet: str) -> None:
    assert seeds.score(REAL_GOLD, REAL_GOLD).facets[facet].f1 == 1.0


@settings(max_examples=10, deadline=None)
@given(st.randoms(use_true_random=False))
def test_seeds_dropping_predictions_keeps_precision(rnd: random.Random) -> None:
    # a prediction that is a subset of the gold never costs precision on actors, events or claims
    pred = [{**r, **{k: [x for x in r[k] if rnd.random() < 0.6] for k in ("actors", "claims", "relations")}}
            for r in REAL_GOLD]
    report = seeds.score(REAL_GOLD, pred)
    for facet in ("actors", "claims_lenient", "relations"):
        assert report.facets[facet].precision == 1.0
        assert 0.0 <= report.facets[facet].recall <= 1.0


@settings(max_examples=8, deadline=None)
@given(st.randoms(use_true_random=False))
def test_seeds_order_does_not_matter(rnd: random.Random) -> None:
    shuffled = []
    for record in REAL_GOLD:
        copy = {k: list(v) if isinstance(v, list) else v for k, v in record.items()}
        for key in ("actors", "places", "events", "claims", "relations"):
            rnd.shuffle(copy[key])
        shuffled.append(copy)
    rnd.shuffle(shuffled)
    report = seeds.score(REAL_GOLD, shuffled)
    assert all(prf.f1 == 1.0 for prf in report.facets.values())
    assert all(acc.value == 1.0 for acc in report.accuracies.values())


def test_seeds_score_files_and_bad_input(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    seeds.write_records([PRED], pred)
    gold = tmp_path / "gold.jsonl"
    seeds.write_records([GOLD], gold)
    assert seeds.score_files(gold, pred).facets["actors"].pred == 4
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"actors": []}\n')
    with pytest.raises(InvalidInput, match="needs 'doc'"):
        seeds.load_records(bad)


def test_seeds_load_documents_strips_header_and_keeps_gold_out(tmp_path: Path) -> None:
    (tmp_path / "x1.txt").write_text("TITLE: A headline\n---\nBody text about ISKP.\n", encoding="utf-8")
    docs = seeds.load_documents(["x1", "000_96ce6cb22b7c48de"], _with_seed(tmp_path))
    assert docs[0].name == "x1" and docs[0].text.startswith("Body text") and docs[0].title == "A headline"
    assert docs[0].published is None
    assert docs[1].name == "000_96ce6cb22b7c48de"
    with pytest.raises(NotFound, match="missing"):
        seeds.load_documents(["absent"], tmp_path)


def _with_seed(folder: Path) -> Path:
    name = "000_96ce6cb22b7c48de.txt"
    (folder / name).write_text((SEEDS_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_seeds_duplicate_event_is_not_excused_by_an_other_event() -> None:
    gold = {"doc": "d", "events": [_event(BOMBING, "suicide_bombing", ["bomb blasts at the Kabul airport"]),
                                   _event("Doha talks", "other", ["a meeting in Doha"])]}
    pred = {"doc": "d", "events": [
        _event(BOMBING, "suicide_bombing", ["bomb blasts at the Kabul airport"]),   # the bombing, exactly
        # a duplicate of the bombing whose long surface also mentions the meeting: overlap with the bombing 6/12,
        # with the meeting 4/12, so the meeting cannot excuse it: a false positive
        _event("blast", "bombing", ["bomb blasts at the Kabul airport after a meeting in Doha"]),
        _event("talks", "other", ["a meeting in Doha"]),   # the meeting: excused, not counted
    ]}
    prf = seeds.score([gold], [pred]).facets["events"]
    # 1 found of 1 violent gold; counted predictions: the bombing and its duplicate -> P 1/2, R 1
    assert (prf.precision, prf.recall) == (0.5, 1.0)


@pytest.mark.parametrize(
    ("gold", "pred", "quality"),
    [
        ({"label": "Crocus City Hall attack"}, {"label": "crocus city hall attack"}, 1.01),  # same label: 1 + 1/100
        ({"label": "x", "surface": ["the Kabul airport"]}, {"label": "y", "surface": ["blasts at the Kabul airport"]},
         3 / 5),  # 3 of 5 words
        ({"label": "x", "surface": ["attack"]}, {"label": "y", "surface": ["the attack"]}, 0.0),
    ],
)
def test_seeds_event_overlap(gold: dict[str, Any], pred: dict[str, Any], quality: float) -> None:
    assert seeds.event_overlap(gold, pred) == pytest.approx(quality)


def test_seeds_doc_errors_list_exactly_what_the_figures_count() -> None:
    found = seeds.doc_errors(GOLD, PRED)
    assert [a["name"] for a in found["actors"]["missed"]] == [TAL]
    assert [a["name"] for a in found["actors"]["spurious"]] == ["ISKP", "India"]
    assert found["events"]["missed"] == [] and [e["label"] for e in found["events"]["spurious"]] == ["border clash"]
    # strict claims: two matched; the harbours claim is missed, two predictions spurious
    assert [c["predicate"] for c in found["claims"]["missed"]] == ["harbours"]
    assert [(c["predicate"], c["stance"]) for c in found["claims"]["spurious"]] == [("supports", "asserts"),
                                                                                    ("harbours", "denies")]
    assert [r["predicate"] for r in found["relations"]["missed"]] == ["hostile_to"]
    # the counts agree with the scorer's
    facets, _ = seeds.score_doc(GOLD, PRED)
    for facet in ("actors", "claims", "relations"):
        prf = facets[facet]
        assert len(found[facet]["missed"]) == prf.gold - prf.hit_gold
        assert len(found[facet]["spurious"]) == prf.pred - prf.hit_pred


def test_seeds_errors_cover_a_document_without_prediction() -> None:
    [found] = seeds.errors([GOLD], [])
    assert len(found["claims"]["missed"]) == 3 and found["claims"]["spurious"] == []
