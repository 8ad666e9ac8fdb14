"""Shared fixtures: paths to the shared gold data and a fresh SQLite store per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from veracity.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS_GOLD = SHARED / "seeds" / "gold.jsonl"
SEEDS_DIR = SHARED / "seeds"
EXAMPLES = ROOT / "examples" / "seeds"
MUC4_DIR = SHARED / "muc4"
EMERGENT_DIR = SHARED / "emergent"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout (CI has it there too)."""
    if not SHARED.exists():
        pytest.fail(f"{SHARED} is missing: tests read gold data from ../shared beside the checkout")
    return SHARED


@pytest.fixture()
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite store file per test."""
    store = open_store(f"sqlite:///{tmp_path / 'kb.db'}")
    yield store
    store.close()
