"""Hand-built evidence for the assessment tests: a small factory and the seed gold turned into Evidence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from veracity.model.ids import entity_id
from veracity.model.records import Assertion, Evidence, Review, Stance, Verdict, author_claimant

SEEDS_GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "gold.jsonl"
Make = Callable[..., Evidence]


def _id(name: str) -> str:
    return name if ":" in name else entity_id("actor", name)


def make_evidence(subject: str, predicate: str, obj: str, *, claimant: str = "author", doc: str = "d1",
                  stance: Stance = Stance.ASSERTS, hedge: str | None = None, outlet: str | None = None,
                  published: str | None = "2024-01-01", quote: str | None = None, attribution: str | None = None,
                  verdict: Verdict | None = None, literal: bool = False, url: str | None = None) -> Evidence:
    """One Evidence with readable defaults: bare names become actor ids, "author" the document's own voice."""
    who = author_claimant(doc) if claimant == "author" else _id(claimant)
    text = quote or f"{claimant} says {subject} {predicate} {obj} ({doc})"
    assertion = Assertion(subject=_id(subject), predicate=predicate, object=obj if literal else _id(obj),
                          claimant=who, stance=stance, doc_id=doc, span=(0, len(text)), quote=text,
                          extractor="test@1", hedge=hedge, object_literal=literal, attribution=attribution)
    reviews = (Review(assertion.id, verdict, created_at="2025-01-01"),) if verdict else ()
    return Evidence(assertion, published=published, outlet=outlet, url=url, doc_name=doc, reviews=reviews)


@pytest.fixture()
def make() -> Make:
    """The evidence factory as a fixture."""
    return make_evidence


def _gold_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Claims, relations (the article's voice) and event attributions not already among the claims."""
    rows = [dict(c) for c in row["claims"]]
    rows += [{**r, "claimant": "author", "stance": "asserts", "hedged": False} for r in row["relations"]]
    seen = {(c["claimant"], c["subject"], c["predicate"], c["object"]) for c in rows}
    for event in row["events"]:
        for attr in event["perpetrator_attributed_by"]:
            key = (attr["by"], attr["actor"], "responsible_for", event["label"])
            if key not in seen:
                seen.add(key)
                rows.append({"claimant": attr["by"], "stance": "asserts", "subject": attr["actor"],
                             "predicate": "responsible_for", "object": event["label"], "hedged": False,
                             "quote": event["surface"][0] if event["surface"] else event["label"]})
    return rows


def gold_evidence() -> list[Evidence]:
    """The seed gold (claims, relations, event attributions) as Evidence, one document per article."""
    out: list[Evidence] = []
    for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        events = {e["label"] for e in row["events"]}
        known = {a["name"] for a in row["actors"]} | {p["name"] for p in row["places"]}

        def ident(name: str, known: set[str] = known, events: set[str] = events) -> str:
            return entity_id("event", name) if name in events else _id(name) if name in known else name

        for c in _gold_rows(row):
            obj_known = c["object"] in known or c["object"] in events
            ev = make_evidence(ident(c["subject"]), c["predicate"], ident(c["object"]), claimant=c["claimant"]
                               if c["claimant"] == "author" else _id(c["claimant"]), doc=row["doc"],
                               stance=Stance(c["stance"]), hedge="hedged" if c["hedged"] else None,
                               published=row["published"], quote=c["quote"], literal=not obj_known)
            out.append(ev)
    return out


@pytest.fixture(scope="session")
def seeds() -> list[Evidence]:
    """The seed gold as Evidence (fails, rather than skips, when ../shared is missing)."""
    if not SEEDS_GOLD.exists():
        pytest.fail(f"{SEEDS_GOLD} is missing: the seed targets read the gold beside the checkout")
    return gold_evidence()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A real SQLite store built from the seeds demo (`veracity demo`), read-only for the tests that share it."""
    from typer.testing import CliRunner

    from veracity.cli import app

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(app, ["--db", str(path), "demo"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture()
def demo_copy(demo_db, tmp_path) -> Path:
    """A private copy of the demo store for tests that write reviews and judgements."""
    import shutil

    target = tmp_path / "demo.db"
    for suffix in ("", "-wal", "-shm"):  # SQLite in WAL mode keeps recent pages beside the file
        source = demo_db.with_name(demo_db.name + suffix)
        if source.exists():
            shutil.copy(source, target.with_name(target.name + suffix))
    return target
