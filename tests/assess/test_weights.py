"""The weights file: every key is documented for the reviewing analyst, and the file is usable as shipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.assess.weights import GRADES, load_weights

DOC = (Path(__file__).resolve().parents[2] / "docs" / "ASSESSMENT.md").read_text(encoding="utf-8")


def _keys(raw: dict, prefix: str = "") -> list[str]:
    keys = []
    for key, value in raw.items():
        keys.append(key)
        if isinstance(value, dict) and key not in {"reliability", "cues"}:
            keys += _keys(value, f"{prefix}{key}.")
    return keys


@pytest.mark.parametrize("key", _keys(load_weights().raw))
def test_weights_every_key_is_in_the_model_description(key):
    assert f"`{key}`" in DOC or f"`{key}." in DOC or f".{key}`" in DOC, f"document `{key}` in docs/ASSESSMENT.md"


def test_weights_unknown_grade_is_f_and_f_is_below_c():
    w = load_weights()
    assert w.reliability(None) == w.reliability("?") == w.reliability("F") < w.reliability("C")
    assert set(GRADES) <= set(w["reliability"])


def test_weights_bands_are_ordered_and_end_at_one():
    uppers = [float(u) for u, _ in load_weights()["words"]]
    assert uppers == sorted(uppers) and uppers[-1] == 1.0
