"""A synthetic SQLite store shaped like real reporting, for timing the pages and the API at scale.

    python bench/synthetic_store.py out/synthetic-100k.db                 # 100k assertions, 10k documents
    python bench/synthetic_store.py out/synthetic-1m.db --size 1000000    # the issue's 1M assertions

What is realistic about it (each choice is drawn from a seeded generator, so a size always gives the same store):
- actors are mentioned with Zipf-like popularity (a few groups and states dominate, a long tail is rare), and the
  first actor is the real ISKP id with its alias, so the bench pages open the same URLs as on the seeds store;
- documents come from ~200 outlets, also skewed, with reliability A-F, published 2015-2026 with more recent years
  weighted up, at day, month or year precision; each holds about ten sentences and its text really contains every
  quote at the stored offsets, with a mention for each party;
- claims use the vocabulary's predicates in rough proportion to the seeds (supports and hostile_to most), about
  15% denials and 10% hedged; 60% are the article's own voice, the rest quote a named state or spokesman, so
  propositions have several lines and opposing predicates meet;
- one in ten assertions is ``responsible_for`` an event (a dated attack at a place), with an attribution.
No article text is used: every sentence is built from templates and generated names.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
from pathlib import Path
from typing import Any

from veracity.model.values import normalise_name
from veracity.store import Store, open_store

ISKP = ("actor:islamic-state-khorasan-province", "Islamic State Khorasan Province", ("ISKP", "ISIS-K", "IS-K"))
NOW = "2026-01-01T00:00:00+00:00"
PREDICATES = {"supports": 30, "hostile_to": 25, "allied_with": 12, "member_of": 10, "harbours": 6, "controls": 5,
              "trains": 4, "mediates": 3, "splinter_of": 2, "transfers_fighters_to": 3}
VERBS = {"supports": "backs", "hostile_to": "is fighting", "allied_with": "is allied with", "member_of":
         "belongs to", "harbours": "shelters", "controls": "controls", "trains": "trains", "mediates":
         "is mediating for", "splinter_of": "split from", "transfers_fighters_to": "sends fighters to",
         "responsible_for": "carried out"}
ACTOR_TYPES = ("armed_group", "armed_group", "state", "state_agency", "person", "person", "political_party")
EVENT_TYPES = ("bombing", "suicide_bombing", "armed_assault", "kidnapping", "assassination", "airstrike", "clash")
PLACES = ("Kabul", "Peshawar", "Quetta", "Jalalabad", "Kunduz", "Karachi", "Herat", "Kandahar", "Bannu", "Khost")
HEDGES = ("reportedly", "allegedly", "is believed to", "may")
ATTRIBUTIONS = ("claimed", "accused_by_authorities", "suspected", "stated")
SYLLABLES = ("al", "ka", "ran", "zu", "mir", "tas", "ha", "qa", "ni", "bad", "shir", "dost", "gul", "ja", "wa")


def _name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title() for _ in range(words))


def _zipf(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (rank ** s) for rank in range(1, n + 1)]


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def _date(rng: random.Random) -> tuple[str, str, str]:
    """(published, precision, published_end): recent years more likely, mostly to the day."""
    year = rng.choices(range(2015, 2027), weights=[1 + i for i in range(12)])[0]
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    precision = rng.choices(("day", "month", "year"), weights=(80, 15, 5))[0]
    if precision == "day":
        return f"{year}-{month:02d}-{day:02d}", "day", f"{year}-{month:02d}-{day:02d}"
    if precision == "month":
        return f"{year}-{month:02d}", "month", f"{year}-{month:02d}-28"
    return f"{year}", "year", f"{year}-12-31"


class Generator:
    """Entities, outlets and the documents with their sentences, assertions and mentions."""

    def __init__(self, size: int, seed: int = 14) -> None:
        self.rng = random.Random(seed)
        self.size = size
        n_actors, n_events = max(20, size // 50), max(10, size // 100)
        self.actors = [(ISKP[0], ISKP[1], "armed_group")] + [
            (f"actor:synthetic-{i}", _name(self.rng, 2), self.rng.choice(ACTOR_TYPES)) for i in range(1, n_actors)]
        self.actor_weights = _zipf(n_actors)
        self.claimants = [a for a in self.actors[:200] if a[2] in ("state", "state_agency", "person")]
        self.events = []
        for i in range(n_events):
            published, _, _ = _date(self.rng)
            place = self.rng.choice(PLACES)
            kind = self.rng.choice(EVENT_TYPES)
            self.events.append((f"event:synthetic-{i}", f"{kind.replace('_', ' ')} in {place} #{i}", kind,
                                {"date": published, "place": place, "country": "Afghanistan",
                                 "killed": self.rng.choice((None, self.rng.randint(0, 60))),
                                 "injured": self.rng.choice((None, self.rng.randint(0, 120)))}))
        self.outlets = [(f"{_name(self.rng, 1)} {self.rng.choice(('Times', 'News', 'Post', 'Wire', 'Daily'))}",
                         self.rng.choice("ABBCCCDDEF")) for _ in range(200)]
        self.outlet_weights = _zipf(len(self.outlets), 0.9)

    def entity_rows(self) -> list[dict[str, Any]]:
        rows = [{"id": i, "kind": "actor", "type": t, "name": n, "qid": None, "attributes": {}, "resolved": True}
                for i, n, t in self.actors]
        rows += [{"id": i, "kind": "event", "type": t, "name": n, "qid": None, "attributes": a, "resolved": True}
                 for i, n, t, a in self.events]
        return rows

    def alias_rows(self) -> list[dict[str, Any]]:
        rows = [{"entity_id": i, "surface": n, "normalised": normalise_name(n), "origin": "registry"}
                for i, n, _ in self.actors]
        rows += [{"entity_id": ISKP[0], "surface": s, "normalised": normalise_name(s), "origin": "registry"}
                 for s in ISKP[2]]
        rows += [{"entity_id": i, "surface": n, "normalised": normalise_name(n), "origin": "extracted"}
                 for i, n, _, _ in self.events]
        return rows

    def outlet_rows(self) -> list[dict[str, Any]]:
        return [{"name": n, "domain": f"{normalise_name(n).replace(' ', '')}.example", "reliability": r}
                for n, r in self.outlets]

    def _sentence(self, doc_id: str, n: int, at: int) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
        rng = self.rng
        subject = rng.choices(self.actors, weights=self.actor_weights)[0]
        if rng.random() < 0.1:
            predicate, obj = "responsible_for", rng.choice(self.events)[:2]
        else:
            predicate = rng.choices(list(PREDICATES), weights=list(PREDICATES.values()))[0]
            obj = subject
            while obj[0] == subject[0]:
                obj = rng.choices(self.actors, weights=self.actor_weights)[0]
        denies, hedge = rng.random() < 0.15, rng.choice(HEDGES) if rng.random() < 0.1 else None
        quoted = rng.random() < 0.4 and self.claimants
        claimant = rng.choice(self.claimants) if quoted else (f"author:{doc_id}", "the author")
        verb = ("denied that it " if denies else "") + (f"{hedge} " if hedge else "") + VERBS[predicate]
        lead = f"{claimant[1]} said " if quoted else ""
        head = f"{lead}{subject[1]} "
        sentence = f"{head}{verb} {obj[1]}."
        mentions = [(at + len(head) - len(subject[1]) - 1, subject), (at + len(head) + len(verb) + 1, obj)]
        if quoted:
            mentions.append((at, claimant))
        assertion = {"id": _hash("assertion", doc_id, n)[:32], "subject": subject[0], "predicate": predicate,
                     "object": obj[0], "object_literal": False, "claimant": claimant[0],
                     "stance": "denies" if denies else "asserts", "hedge": hedge,
                     "attribution": rng.choice(ATTRIBUTIONS) if predicate == "responsible_for" else None,
                     "valid_from": None, "valid_to": None, "doc_id": doc_id, "span_start": at,
                     "span_end": at + len(sentence), "quote": sentence, "extractor": "synthetic@1", "score": 1.0,
                     "created_at": NOW, "superseded_at": None}
        rows = [{"id": _hash("mention", doc_id, n, start)[:32], "doc_id": doc_id, "entity_id": who[0],
                 "start": start, "end": start + len(who[1]), "sent_start": at, "sent_end": at + len(sentence),
                 "surface": who[1]} for start, who in mentions]
        return sentence, assertion, rows

    def documents(self, per_doc: int = 10) -> Any:
        """Yield (document row, its assertions, its mentions) until ``size`` assertions are made."""
        made, d = 0, 0
        while made < self.size:
            count = min(self.size - made, max(1, round(self.rng.gauss(per_doc, 3))))
            doc_id = _hash("document", d)
            text, assertions, mentions = "", [], []
            for n in range(count):
                sentence, assertion, rows = self._sentence(doc_id, n, len(text))
                text += sentence + " "
                assertions.append(assertion)
                mentions += rows
            published, precision, end = _date(self.rng)
            outlet = self.rng.choices(self.outlets, weights=self.outlet_weights)[0][0]
            yield ({"id": doc_id, "name": f"synthetic-{d:07d}", "url": f"https://example.org/{d}",
                    "title": f"Report {d}: {assertions[0]['quote'][:60]}", "outlet": outlet,
                    "published": published, "precision": precision, "published_end": end, "ingested_at": NOW,
                    "language": "en", "source": "synthetic", "text": text.strip()}, assertions, mentions)
            made += count
            d += 1


def build(path: Path, size: int, seed: int = 14) -> Store:
    """Write the synthetic store to ``path`` (which must not exist) and return it open."""
    if path.exists():
        raise SystemExit(f"{path}: already exists; remove it or give another path")
    gen = Generator(size, seed)
    store = open_store(f"sqlite:///{path}")
    with store.writer() as w:
        w.insert_rows("entities", gen.entity_rows())
        w.insert_rows("aliases", gen.alias_rows())
        w.insert_rows("outlets", gen.outlet_rows())
    docs: list[dict[str, Any]] = []
    assertions: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []

    def flush() -> None:
        with store.writer() as w:
            w.insert_rows("documents", docs)
            w.insert_rows("extractions", [{"doc_id": d["id"], "extractor": "synthetic@1", "created_at": NOW,
                                           "warnings": []} for d in docs])
            w.insert_rows("assertions", assertions)
            w.insert_rows("mentions", mentions)
        docs.clear(), assertions.clear(), mentions.clear()

    for doc, made, found in gen.documents():
        docs.append(doc)
        assertions.extend(made)
        mentions.extend(found)
        if len(assertions) >= 20_000:
            flush()
    flush()
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="the SQLite file to create")
    parser.add_argument("--size", type=int, default=100_000, help="assertions (documents: about a tenth)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    start = time.perf_counter()
    store = build(args.path, args.size, args.seed)
    print(f"built {args.path} in {time.perf_counter() - start:.1f} s: {store.view().counts()}")
    store.close()


if __name__ == "__main__":
    main()
