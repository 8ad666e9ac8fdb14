"""The assessment model's numbers, read from ``model/data/weights.yaml`` and an optional user file.

Every weight the grader uses lives in that one file so a reviewing analyst can read, check and change the model
without reading code. A user file (setting ``weights``) is merged over the shipped one key by key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from veracity.model.errors import ConfigError
from veracity.model.vocabulary import load_data

GRADES = ("A", "B", "C", "D", "E", "F")


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Deep merge: mappings merge key by key, anything else in ``over`` replaces."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@dataclass(frozen=True, slots=True)
class Weights:
    """Typed access to the weights file; ``raw`` is the merged YAML."""

    raw: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]

    def reliability(self, grade: str | None) -> float:
        """Multiplier for an Admiralty source grade; anything unknown is F (cannot be judged)."""
        table = self.raw["reliability"]
        return float(table.get((grade or "F").upper(), table["F"]))

    def interest(self, kind: str) -> float:
        return float(self.raw["interest"][kind])

    def word(self, probability: float) -> str:
        """The ICD-203 expression whose band holds ``probability``."""
        for upper, word in self.raw["words"]:
            if probability <= float(upper):
                return str(word)
        return str(self.raw["words"][-1][1])

    def patterns(self, kind: str, ignore_case: bool = False) -> tuple[re.Pattern[str], ...]:
        """The compiled cue patterns of one kind (citation cues rely on capitals, so case matters by default)."""
        return _compiled(tuple(self.raw["cues"][kind]), re.IGNORECASE if ignore_case else 0)


@cache
def _compiled(patterns: tuple[str, ...], flags: int) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


def _check(raw: dict[str, Any]) -> None:
    """Fail early, naming the key, when a weight cannot be used."""
    if not 0 < float(raw["prior"]) < 1:
        raise ConfigError(f"weights: prior must lie strictly between 0 and 1, not {raw['prior']}",
                          fix="edit `prior` in the weights file")
    missing = [g for g in GRADES if g not in raw["reliability"]]
    if missing:
        raise ConfigError(f"weights: reliability lacks grades {', '.join(missing)}",
                          fix="give every grade A-F a multiplier")
    negative = [k for k, v in raw["interest"].items() if float(v) < 0]
    if negative:
        raise ConfigError(f"weights: interest factors must not be negative: {', '.join(negative)}",
                          fix="use a multiplier >= 0")


@cache
def load_weights(path: str = "") -> Weights:
    """The shipped weights merged with the user file at ``path`` (empty: shipped only). Cached per path."""
    raw = load_data("weights.yaml")
    if path:
        try:
            user = yaml.safe_load(Path(path).expanduser().read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read weights file {path}: {exc}",
                              fix="fix the YAML or unset VERACITY_WEIGHTS") from exc
        if not isinstance(user, dict):
            raise ConfigError(f"weights file {path} is not a mapping", fix="write `key: value` lines")
        raw = _merge(raw, user)
    _check(raw)
    return Weights(raw)


def with_overrides(weights: Weights, over: dict[str, Any]) -> Weights:
    """``weights`` with ``over`` merged in key by key (a fitted profile, a trial setting), checked like a file."""
    raw = _merge(weights.raw, over)
    _check(raw)
    return Weights(raw)
