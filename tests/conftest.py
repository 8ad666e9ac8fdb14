"""Shared fixtures: paths to the shared gold data and a fresh SQLite store per test."""

from __future__ import annotations

from pathlib import Path

import pytest

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
