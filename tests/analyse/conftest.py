"""A real SQLite store filled from the seeds' hand annotation (gold.jsonl), shared by the analyse tests.

Building from the gold rather than from extraction keeps these tests about analysis: the ISI -> Haqqani network
-> ISKP chain, the Kabul airport attributions and the casualty figures are there exactly as annotated.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from veracity.model.ids import entity_id
from veracity.model.records import (
    Alias,
    AliasOrigin,
    Assertion,
    Document,
    Entity,
    EntityKind,
    Stance,
    author_claimant,
)
from veracity.model.values import date_precision, normalise_name, normalise_text
from veracity.store import Store, open_store

SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEEDS_GOLD = SEEDS_DIR / "gold.jsonl"
EXTRACTOR = "gold@1"
PLACEHOLDERS = {"India-backed militants", "Afghan allies of the United States"}


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.find(quote)
    return (start, start + len(quote)) if start >= 0 else (0, 0)


class GoldLoader:
    """Turns one gold record into store rows; entities repeated across articles are merged by id."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.aliases: set[Alias] = set()
        self.assertions: list[Assertion] = []
        self.documents: list[Document] = []

    @property
    def known(self) -> set[str]:
        return {e.name for e in self.entities.values() if e.kind is EntityKind.ACTOR}

    def actor(self, name: str, type_: str = "other") -> str:
        ident = entity_id("actor", name)
        self.entities.setdefault(ident, Entity(EntityKind.ACTOR, name, type_))
        return ident

    def ref(self, name: str, places: set[str], events: dict[str, str]) -> tuple[str, bool]:
        """An object reference: an event or an actor (places used as objects become actors, like 'Kabul')."""
        if name in events:
            return events[name], False
        if name in PLACEHOLDERS or "(unspecified)" in name:
            return name, True
        return self.actor(name), False

    def claimant(self, name: str, doc_id: str) -> str:
        return author_claimant(doc_id) if name == "author" else self.actor(name)

    def load(self, record: dict[str, Any]) -> None:
        text = normalise_text((SEEDS_DIR / f"{record['doc']}.txt").read_text(encoding="utf-8"))
        doc = Document(text=text, name=record["doc"], title=text.split("\n", 1)[0],
                       outlet=f"outlet-{record['doc'][:3]}",
                       published=record["published"], url=f"https://example.org/{record['doc']}")
        self.documents.append(doc)
        for actor in record["actors"]:
            ident = self.actor(actor["name"], actor["type"])
            self.entities[ident] = Entity(EntityKind.ACTOR, actor["name"], actor["type"])
            for surface in actor["surface"]:
                self.aliases.add(Alias(ident, surface, normalise_name(surface), AliasOrigin.EXTRACTED))
        places = set()
        for place in record["places"]:
            places.add(place["name"])
            ident = entity_id("place", place["name"])
            self.entities.setdefault(ident, Entity(EntityKind.PLACE, place["name"], place["kind"]))
        events = {e["label"]: self.event(e, doc) for e in record["events"]}
        self.lines(record, doc, places, events)

    def event(self, raw: dict[str, Any], doc: Document) -> str:
        ident = entity_id("event", raw["label"])
        old = self.entities.get(ident)
        figures = list(old.attributes.get("figures", [])) if old else []
        if raw["killed"] is not None or raw["injured"] is not None:
            figures.append({"killed": raw["killed"], "injured": raw["injured"], "doc_id": doc.id})
        attrs = {"date": raw["date"], "precision": date_precision(raw["date"]), "place": raw["place"],
                 "country": raw["country"], "killed": raw["killed"], "injured": raw["injured"], "figures": figures}
        self.entities[ident] = Entity(EntityKind.EVENT, raw["label"], raw["type"], attributes=attrs)
        quote = raw["surface"][0] if raw["surface"] else raw["label"]
        add = self.assertions.append
        for actor in raw["perpetrator_claimed_by"]:
            add(self.line(actor, "responsible_for", ident, actor, doc, quote, attribution="claimed"))
        for actor in raw["perpetrator_stated"]:
            add(self.line(actor, "responsible_for", ident, "author", doc, quote, attribution="stated"))
        for item in raw["perpetrator_attributed_by"]:
            add(self.line(item["actor"], "responsible_for", ident, item["by"], doc, quote, attribution="suspected"))
        for target in raw["targets"]:
            obj, literal = (target, True) if target not in self.known else (entity_id("actor", target), False)
            add(Assertion(ident, "target", obj, author_claimant(doc.id), Stance.ASSERTS, doc.id,
                          _span(doc.text, quote), quote, EXTRACTOR, object_literal=literal))
        return ident

    def line(self, subject: str, predicate: str, obj: str, claimant: str, doc: Document, quote: str,
             stance: str = "asserts", hedged: bool = False, attribution: str | None = None,
             literal: bool = False) -> Assertion:
        return Assertion(
            subject=self.actor(subject), predicate=predicate, object=obj, claimant=self.claimant(claimant, doc.id),
            stance=Stance(stance), doc_id=doc.id, span=_span(doc.text, quote), quote=quote, extractor=EXTRACTOR,
            hedge="may" if hedged else None, attribution=attribution, object_literal=literal)

    def lines(self, record: dict[str, Any], doc: Document, places: set[str], events: dict[str, str]) -> None:
        for claim in record["claims"]:
            obj, literal = self.ref(claim["object"], places, events)
            self.assertions.append(self.line(claim["subject"], claim["predicate"], obj, claim["claimant"], doc,
                                             claim["quote"], claim["stance"], claim["hedged"], literal=literal))
        for rel in record["relations"]:
            obj, literal = self.ref(rel["object"], places, events)
            self.assertions.append(self.line(rel["subject"], rel["predicate"], obj, "author", doc, rel["quote"],
                                             literal=literal))

    def write(self, store: Store) -> None:
        with store.writer() as w:
            for doc in self.documents:
                w.add_document(doc)
            for entity in self.entities.values():
                w.add_entity(entity)
            for alias in sorted(self.aliases, key=lambda a: (a.entity_id, a.surface)):
                w.add_alias(alias)
            w.add_assertions(self.assertions)


def build_gold_store(path: Path) -> Store:
    """A store at ``path`` holding the five seed articles as annotated."""
    store = open_store(f"sqlite:///{path}")
    loader = GoldLoader()
    for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            loader.load(json.loads(line))
    loader.write(store)
    return store


@pytest.fixture(scope="session")
def gold_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The seeds gold store (read-only: tests must not write to it)."""
    return build_gold_store(tmp_path_factory.mktemp("gold") / "gold.db")


@pytest.fixture()
def empty_store(tmp_path: Path) -> Store:
    """A fresh, empty store file."""
    return open_store(f"sqlite:///{tmp_path / 'empty.db'}")
