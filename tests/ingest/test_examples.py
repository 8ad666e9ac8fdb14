"""The shipped demo corpus ``examples/seeds``: the shared seed articles with a header, loading as the gold expects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from veracity.ingest import Loaded, read_paths, split_header

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "seeds"
SEEDS = ROOT.parent / "shared" / "seeds"


def gold() -> dict[str, dict[str, Any]]:
    lines = (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return {record["doc"]: record for record in map(json.loads, filter(str.strip, lines))}


def gold_strings(node: object) -> Iterator[str]:
    """Every ``quote`` and ``surface`` string in a gold record: each must be a substring of the article."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("quote", "surface"):
                yield from [value] if isinstance(value, str) else value
            else:
                yield from gold_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from gold_strings(value)


@pytest.fixture(scope="module")
def examples(shared_dir: Path) -> dict[str, Loaded]:
    items = list(read_paths([EXAMPLES]))
    assert all(isinstance(i, Loaded) for i in items), items
    return {i.document.name: i for i in items if isinstance(i, Loaded)}


def test_examples_are_the_five_gold_documents(examples: dict[str, Loaded]) -> None:
    assert sorted(examples) == sorted(gold()) == sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("doc", sorted(p.stem for p in SEEDS.glob("*.txt")))
def test_examples_text_after_the_header_is_the_shared_file_byte_for_byte(doc: str) -> None:
    raw = (EXAMPLES / f"{doc}.txt").read_bytes()
    shared = (SEEDS / f"{doc}.txt").read_bytes()
    header, body = split_header(raw.decode("utf-8"))
    assert body.encode("utf-8") == shared
    assert header == {"title": shared.decode("utf-8").split("\n", 1)[0].strip(), "date": gold()[doc]["published"]}


@pytest.mark.parametrize("doc", sorted(p.stem for p in SEEDS.glob("*.txt")))
def test_examples_load_with_gold_dates_and_every_gold_quote_matches(examples: dict[str, Loaded], doc: str) -> None:
    record = gold()[doc]
    document = examples[doc].document
    assert (document.published, document.outlet, document.language) == (record["published"], None, "en")
    missing = [s for s in gold_strings(record) if s not in document.text]
    assert missing == []
    assert len(list(gold_strings(record))) > 10


def test_examples_have_the_same_ids_as_the_shared_files(examples: dict[str, Loaded]) -> None:
    shared = {i.document.name: i.document.id for i in read_paths(sorted(SEEDS.glob("*.txt"))) if isinstance(i, Loaded)}
    assert shared == {name: item.document.id for name, item in examples.items()}
