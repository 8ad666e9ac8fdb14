"""Tests for veracity.evaluate.report: the summable P/R/F1 counts, accuracy and one-to-one alignment."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from veracity.evaluate.report import Accuracy, Prf, align, as_json, prf_table


@pytest.mark.parametrize(
    ("prf", "precision", "recall", "f1"),
    [
        # 3 matched of 4 predicted and 6 gold: P 3/4, R 3/6, F1 = 2*.75*.5/1.25 = 0.6
        (Prf.matched(3, 4, 6), 0.75, 0.5, 0.6),
        # nothing expected, nothing predicted: perfect agreement
        (Prf.matched(0, 0, 0), 1.0, 1.0, 1.0),
        # nothing predicted where 5 were expected: P 0 (not 1), R 0
        (Prf.matched(0, 0, 5), 0.0, 0.0, 0.0),
        # 2 predicted where nothing was expected: P 0, R 0
        (Prf.matched(0, 2, 0), 0.0, 0.0, 0.0),
        # B-cubed sums: P 1.5/2, R 1/2; F1 = 2*.75*.5/1.25 = 0.6
        (Prf(1.5, 2, 1.0, 2), 0.75, 0.5, 0.6),
    ],
)
def test_report_prf_ratios(prf: Prf, precision: float, recall: float, f1: float) -> None:
    assert (prf.precision, prf.recall) == pytest.approx((precision, recall))
    assert prf.f1 == pytest.approx(f1)


def test_report_prf_sums_counts_not_ratios() -> None:
    # doc 1: 1/1 right; doc 2: 0/3 right, 1 gold each. Micro: P 1/4, R 1/2 (a macro mean would give P 0.5).
    total = Prf.matched(1, 1, 1) + Prf.matched(0, 3, 1)
    assert (total.precision, total.recall) == (0.25, 0.5)
    assert total.as_dict()["pred"] == 4


counts = st.integers(min_value=0, max_value=50)


@settings(deadline=None)
@given(counts, counts, counts)
def test_report_prf_bounded(matches: int, extra_pred: int, extra_gold: int) -> None:
    prf = Prf.matched(matches, matches + extra_pred, matches + extra_gold)
    # a harmonic mean lies between its two terms
    assert min(prf.precision, prf.recall) - 1e-9 <= prf.f1 <= max(prf.precision, prf.recall) + 1e-9
    assert 0.0 <= prf.precision <= 1.0 and 0.0 <= prf.recall <= 1.0
    # F1 is symmetric in the roles of gold and prediction
    assert Prf.matched(matches, matches + extra_gold, matches + extra_pred).f1 == pytest.approx(prf.f1)


@pytest.mark.parametrize(
    ("flags", "value"),
    [([True, True, False, True], 0.75), ([], 0.0), ([False], 0.0)],
)
def test_report_accuracy(flags: list[bool], value: float) -> None:
    assert Accuracy.of(flags).value == value
    assert (Accuracy.of(flags) + Accuracy(1, 1)).total == len(flags) + 1


def test_report_align_is_one_to_one_and_maximal() -> None:
    # greedy would pair gold "ab" with pred "a" and leave gold "a" unmatched; Hungarian finds both pairs
    gold, pred = ["ab", "a"], ["a", "b"]
    pairs = align(gold, pred, lambda g, p: 1.0 if p in g else 0.0)
    assert sorted(pairs) == [(0, 1), (1, 0)]


def test_report_align_never_returns_zero_weight_pairs() -> None:
    assert align(["x", "y"], ["z"], lambda g, p: 0.0) == []
    assert align([], ["z"], lambda g, p: 1.0) == []


@settings(deadline=None)
@given(st.lists(st.integers(0, 5), max_size=6), st.lists(st.integers(0, 5), max_size=6))
def test_report_align_pairs_are_distinct(gold: list[int], pred: list[int]) -> None:
    pairs = align(gold, pred, lambda g, p: float(g == p))
    assert len({g for g, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
    assert all(gold[g] == pred[p] for g, p in pairs)


def test_report_table_and_json() -> None:
    table = prf_table("t", {"actors": Prf.matched(1, 2, 2)}, {"date": Accuracy(1, 2)})
    console = Console(record=True, width=120)
    console.print(table)
    text = console.export_text()
    assert "actors" in text and "0.500" in text and "date (accuracy)" in text
    assert as_json({"a": Accuracy(1, 2)}) == {"a": {"accuracy": 0.5, "correct": 1, "total": 2}}
