"""Fixtures for the ingest tests: real files written into a temporary folder, and ways to read them back."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from veracity.ingest import Loaded, Rejected, read_paths
from veracity.model import Document

Write = Callable[[str, str | bytes], Path]

_RANDOM = random.Random(1)
UNDECODABLE = bytes(_RANDOM.choice([b for b in range(1, 256) if b not in (10, 13, 34, 92)]) for _ in range(200))
"""Bytes no text encoding reads (charset-normalizer finds none), with no NUL, line break, quote or backslash."""

ARTICLE = (
    "Blast kills twelve in Quetta market\n\n"
    "A bomb exploded in a crowded market in Quetta on Friday, killing at least twelve people, police said. "
    "No group has claimed responsibility, but the provincial government said it suspected the Balochistan "
    "Liberation Army, which has carried out similar attacks in the past."
)


@pytest.fixture
def undecodable() -> bytes:
    """:data:`UNDECODABLE`."""
    return UNDECODABLE


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write text (UTF-8) or bytes to ``tmp_path/name``, making folders, and return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


def _load_all(*paths: str | Path, max_bytes: int = 5_000_000) -> tuple[list[Loaded], list[Rejected]]:
    """Run ``read_paths`` and split what it yields."""
    items = list(read_paths(paths, max_bytes=max_bytes))
    return [i for i in items if isinstance(i, Loaded)], [i for i in items if isinstance(i, Rejected)]


def _only_document(path: Path) -> Document:
    """The single document a file yields (fails the test when it yields anything else)."""
    loaded, rejected = _load_all(path)
    assert not rejected, rejected
    assert len(loaded) == 1, loaded
    return loaded[0].document


def _only_reason(path: Path, max_bytes: int = 5_000_000) -> str:
    """The reason of the single rejection a file yields."""
    loaded, rejected = _load_all(path, max_bytes=max_bytes)
    assert not loaded, loaded
    assert len(rejected) == 1, rejected
    return rejected[0].reason


@pytest.fixture
def load_all() -> Callable[..., tuple[list[Loaded], list[Rejected]]]:
    """``load_all(*paths, max_bytes=...)`` -> ``(loaded, rejected)``."""
    return _load_all


@pytest.fixture
def only_document() -> Callable[[Path], Document]:
    """``only_document(path)``: the one document a file yields."""
    return _only_document


@pytest.fixture
def only_reason() -> Callable[..., str]:
    """``only_reason(path, max_bytes=...)``: the reason of the one rejection a file yields."""
    return _only_reason
