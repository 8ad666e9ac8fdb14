"""Score extraction against gold in the seeds schema (``shared/seeds/GOLD.md``), and run the product to get it.

Records are compared per document (matched by ``doc``) and counts are summed over documents (micro averaging).
Rules, as GOLD.md "Scoring" states them and where it leaves a choice, as chosen here:

* **actors / places**: a prediction matches a gold item when they share a form (name or surface), case-sensitive
  after stripping a possessive 's; matching is one-to-one (Hungarian, ties broken by the number of shared forms).
  ``actor_surfaces`` counts distinct surface strings per document, a finer view of the same facet.
* **aliases**: B-cubed over the surfaces that both sides list for the document, so it measures grouping
  (ISKP with ISIS-K) and leaves detection to ``actors``.
* **events**: violent types only. Forms are the label and surfaces; two forms match when equal ignoring case, or
  when the shorter, holding at least two content words, is a contiguous word run inside the longer. A prediction
  aligned with a gold ``other`` event, or unaligned and not of a violent type, is neither credited nor penalised.
  Attributes (type, date, place, killed, injured, perpetrators) are accuracies over aligned violent events.
* **claims / relations**: each slot resolves through the document's gold forms (actors, places, events, plus the
  alignments above) and matches when both sides reach the same gold item. A gold slot that names no gold item
  (a placeholder such as "terrorists (unspecified)", or "unnamed reports") matches a predicted string sharing at
  least half of its words; "author" matches only "author". Symmetric predicates match in either direction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from rich.table import Table

from veracity.evaluate.report import Accuracy, Prf, align, as_json, prf_table, read_json_lines, write_json_lines
from veracity.model.errors import InvalidInput, NotFound
from veracity.model.records import AUTHOR, Document
from veracity.model.vocabulary import vocabulary

Record = Mapping[str, Any]
FACETS = ("actors", "actor_surfaces", "aliases", "places", "events", "claims", "claims_lenient", "relations")
ATTRIBUTES = ("type", "date", "place", "killed", "injured", "perpetrators")
_POSSESSIVE = re.compile(r"(?:'|’)s$")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(("a", "an", "the", "this", "that", "these", "those", "of", "in", "on", "at", "to", "and", "its",
                   "their", "his", "her", "by", "for", "from"))


class Extractor(Protocol):
    """What :func:`evaluate_seeds` needs from ``veracity.extract.Extractor``."""

    def extract_many(self, docs: Iterable[Document]) -> Iterable[Any]: ...


@dataclass(frozen=True, slots=True)
class SeedReport:
    """Per-facet P/R/F1, attribute accuracies, and the same per document so a regression can be traced."""

    facets: dict[str, Prf] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    per_doc: dict[str, dict[str, Prf]] = field(default_factory=dict)
    missing: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"docs": len(self.per_doc), "missing": list(self.missing), "facets": as_json(self.facets),
                "accuracies": as_json(self.accuracies), "per_doc": as_json(self.per_doc)}

    def to_table(self) -> Table:
        return prf_table(f"Seeds gold ({len(self.per_doc)} documents)", self.facets, self.accuracies)


def clean(form: str) -> str:
    """A surface as compared: outer spaces and a possessive 's removed ("Pakistan’s" -> "Pakistan")."""
    return _POSSESSIVE.sub("", form.strip())


def forms(item: Record, name_key: str = "name") -> set[str]:
    """The name (or label) and every surface of an actor, place or event."""
    values = [item.get(name_key) or "", *(item.get("surface") or [])]
    return {clean(v) for v in values if v and clean(v)}


def _shared_weight(gold: Record, pred: Record) -> float:
    """Weight for alignment: 0 when no form is shared, else 1 plus a small tie-breaker per shared form."""
    shared = len(forms(gold) & forms(pred))
    return 1.0 + shared / 1000 if shared else 0.0


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def overlap(a: str, b: str) -> float:
    """How well two event forms match, 0 for not at all: equal ignoring case (1.0), or the shorter, holding at least
    two content words, is a word run inside the longer ("Kabul airport" inside "blasts ripped through ... the Kabul
    airport"), scored by the share of the longer it covers."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    if wa == wb:
        return 1.0
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if sum(1 for w in short if w not in _STOP) < 2:
        return 0.0
    found = any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))
    return len(short) / len(long_) if found else 0.0


def surfaces_overlap(a: str, b: str) -> bool:
    """True when two event forms match at all (see :func:`overlap`)."""
    return overlap(a, b) > 0


def _event_forms(event: Record) -> list[str]:
    return [f for f in [event.get("label") or "", *(event.get("surface") or [])] if f]


def event_overlap(gold: Record, pred: Record) -> float:
    """How well two events match, 0 for not at all: the best :func:`overlap` of any label or surface of one with
    any of the other's, plus a hundredth per form they share exactly (to prefer the closer of two candidates)."""
    pairs = [(g, p) for g in _event_forms(gold) for p in _event_forms(pred)]
    best = max((overlap(g, p) for g, p in pairs), default=0.0)
    same = len({tuple(_words(g)) for g in _event_forms(gold)} & {tuple(_words(p)) for p in _event_forms(pred)})
    return best + same / 100 if best else 0.0


def is_violent(event: Record) -> bool:
    return event.get("type") in vocabulary().violent_event_types


# --- actors, places, aliases -------------------------------------------------------------------------------------


def _match_items(gold: Sequence[Record], pred: Sequence[Record]) -> tuple[Prf, list[tuple[int, int]]]:
    pairs = align(gold, pred, _shared_weight)
    return Prf.matched(len(pairs), len(pred), len(gold)), pairs


def _surface_sets(items: Sequence[Record]) -> set[str]:
    return {clean(s) for item in items for s in item.get("surface") or [] if clean(s)}


def _clusters(items: Sequence[Record], universe: set[str]) -> dict[str, frozenset[str]]:
    """Each surface in ``universe`` mapped to the surfaces of the first item listing it (its cluster)."""
    clusters = [frozenset(_surface_sets([item]) & universe) for item in items]
    return {s: c for c in reversed(clusters) for s in c}


def bcubed(gold: Sequence[Record], pred: Sequence[Record]) -> Prf:
    """B-cubed precision and recall over the surfaces both sides list, as summable per-item sums."""
    universe = _surface_sets(gold) & _surface_sets(pred)
    gold_of, pred_of = _clusters(gold, universe), _clusters(pred, universe)
    hit_p = sum(len(pred_of[s] & gold_of[s]) / len(pred_of[s]) for s in universe)
    hit_r = sum(len(pred_of[s] & gold_of[s]) / len(gold_of[s]) for s in universe)
    return Prf(hit_p, len(universe), hit_r, len(universe))


# --- slot resolution ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Resolver:
    """Maps strings of one document to gold item keys (``actor:Pakistan``, ``event:Kabul airport bombing``)."""

    gold_forms: dict[str, set[str]] = field(default_factory=dict)
    pred_names: dict[str, set[str]] = field(default_factory=dict)

    def add(self, table: dict[str, set[str]], form: str, key: str) -> None:
        if form:
            table.setdefault(clean(form), set()).add(key)

    def gold(self, text: str) -> frozenset[str]:
        return frozenset(self.gold_forms.get(clean(text), ()))

    def pred(self, text: str) -> frozenset[str]:
        return self.gold(text) | frozenset(self.pred_names.get(clean(text), ()))

    def slot(self, gold: str | None, pred: str | None) -> bool:
        """Does the predicted slot value name the same thing as the gold one?"""
        if gold is None or pred is None:
            return gold is None and pred is None
        keys = self.gold(gold)
        if keys:
            return bool(keys & self.pred(pred))
        if gold == AUTHOR or pred == AUTHOR:
            return gold == pred
        return gold.casefold() == pred.casefold() or half_words(gold, pred)


def half_words(placeholder: str, text: str) -> bool:
    """A placeholder ("terrorists (unspecified)") matches text sharing at least half its words.

    The bracketed annotation marker is not a word of the placeholder; a plural s is ignored.
    """
    wanted = {_stem(w) for w in _words(re.sub(r"\([^)]*\)", " ", placeholder))}
    have = {_stem(w) for w in _words(text)}
    shared = len(wanted & have)
    return bool(wanted) and shared > 0 and 2 * shared >= len(wanted)


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


KINDS = (("actors", "actor", "name"), ("places", "place", "name"), ("events", "event", "label"))


def build_resolver(gold: Record, pred: Record, alignments: Mapping[str, list[tuple[int, int]]]) -> Resolver:
    """Gold forms of every actor, place and event, plus each predicted name's aligned gold item."""
    resolver = Resolver()
    for facet, kind, name_key in KINDS:
        for item in gold.get(facet) or []:
            key = f"{kind}:{item.get(name_key)}"
            for form in [item.get(name_key) or "", *(item.get("surface") or [])]:
                resolver.add(resolver.gold_forms, form, key)
        for gi, pi in alignments.get(facet, []):
            gold_item, pred_item = gold[facet][gi], pred[facet][pi]
            resolver.add(resolver.pred_names, pred_item.get(name_key) or "", f"{kind}:{gold_item.get(name_key)}")
    return resolver


# --- events ------------------------------------------------------------------------------------------------------


def score_events(gold: Sequence[Record], pred: Sequence[Record]) -> tuple[Prf, list[tuple[int, int]]]:
    """Event P/R/F1 over violent types, and all alignments (the ``other`` ones serve slot resolution).

    Predictions are aligned with violent gold events first. A prediction left over is excused (neither credited
    nor penalised) by a gold ``other`` event only when it matches that event at least as well as any violent one:
    a duplicate of a violent event must not hide behind a meeting that one of its long surfaces mentions.
    """
    violent = [i for i, g in enumerate(gold) if is_violent(g)]
    others = [i for i, g in enumerate(gold) if not is_violent(g)]
    scored = _align_among(gold, violent, pred, range(len(pred)), lambda j, q: True)
    left = [j for j in range(len(pred)) if j not in {p for _, p in scored}]
    best = {j: max((event_overlap(gold[i], pred[j]) for i in violent), default=0.0) for j in left}
    excused = _align_among(gold, others, pred, left, lambda j, q: q >= best[j])
    spare = set(left) - {p for _, p in excused}
    counted = len(scored) + sum(1 for j in spare if is_violent(pred[j]))
    return Prf.matched(len(scored), counted, len(violent)), scored + excused


def _align_among(gold: Sequence[Record], gi: Sequence[int], pred: Sequence[Record], pj: Sequence[int],
                 allowed: Callable[[int, float], bool]) -> list[tuple[int, int]]:
    """Align a subset of gold events with a subset of predictions; a closer match wins ties."""
    def weight(g: int, p: int) -> float:
        quality = event_overlap(gold[gi[g]], pred[pj[p]])
        return 1.0 + quality / 1000 if quality and allowed(pj[p], quality) else 0.0

    return [(gi[g], pj[p]) for g, p in align(list(range(len(gi))), list(range(len(pj))), weight)]


def perpetrators(event: Record) -> list[str]:
    """Every actor the event's perpetrator fields name (claimed, stated or attributed)."""
    attributed = [a.get("actor") if isinstance(a, Mapping) else a for a in event.get("perpetrator_attributed_by") or []]
    names = [*(event.get("perpetrator_claimed_by") or []), *(event.get("perpetrator_stated") or []), *attributed]
    return [str(n) for n in names if n]


def _same_set(gold: Sequence[str], pred: Sequence[str], match: Callable[[str, str], bool]) -> bool:
    return all(any(match(g, p) for p in pred) for g in gold) and all(any(match(g, p) for g in gold) for p in pred)


def event_attributes(gold: Record, pred: Record, resolver: Resolver) -> dict[str, bool]:
    """Which attributes of an aligned event pair agree."""
    return {
        "type": gold.get("type") == pred.get("type"),
        "date": gold.get("date") == pred.get("date"),
        "place": resolver.slot(gold.get("place"), pred.get("place")),
        "killed": gold.get("killed") == pred.get("killed"),
        "injured": gold.get("injured") == pred.get("injured"),
        "perpetrators": _same_set(perpetrators(gold), perpetrators(pred), resolver.slot),
    }


# --- claims and relations ----------------------------------------------------------------------------------------


def statements_match(gold: Record, pred: Record, resolver: Resolver, *, claim: bool, predicate: bool) -> bool:
    """Slots of a claim (claimant, stance, subject, object, and predicate unless lenient) or a relation agree."""
    if claim and (gold.get("stance") != pred.get("stance") or not resolver.slot(gold.get("claimant"),
                                                                                  pred.get("claimant"))):
        return False
    if predicate and gold.get("predicate") != pred.get("predicate"):
        return False
    subject = resolver.slot(gold.get("subject"), pred.get("subject"))
    if subject and resolver.slot(gold.get("object"), pred.get("object")):
        return True
    spec = vocabulary().predicates.get(str(gold.get("predicate")))
    return bool(spec and spec.symmetric and pred.get("predicate") == gold.get("predicate")
                and resolver.slot(gold.get("subject"), pred.get("object"))
                and resolver.slot(gold.get("object"), pred.get("subject")))


def _statements(gold: Sequence[Record], pred: Sequence[Record], resolver: Resolver, *, claim: bool,
                predicate: bool) -> tuple[Prf, list[tuple[int, int]]]:
    pairs = align(gold, pred, lambda g, p: float(statements_match(g, p, resolver, claim=claim, predicate=predicate)))
    return Prf.matched(len(pairs), len(pred), len(gold)), pairs


# --- one document, many documents --------------------------------------------------------------------------------


def score_doc(gold: Record, pred: Record) -> tuple[dict[str, Prf], dict[str, Accuracy]]:
    """All facets and accuracies for one document."""
    facets: dict[str, Prf] = {}
    alignments: dict[str, list[tuple[int, int]]] = {}
    facets["actors"], alignments["actors"] = _match_items(_list(gold, "actors"), _list(pred, "actors"))
    g_surf, p_surf = _surface_sets(_list(gold, "actors")), _surface_sets(_list(pred, "actors"))
    facets["actor_surfaces"] = Prf.matched(len(g_surf & p_surf), len(p_surf), len(g_surf))
    facets["aliases"] = bcubed(_list(gold, "actors"), _list(pred, "actors"))
    facets["places"], alignments["places"] = _match_items(_list(gold, "places"), _list(pred, "places"))
    facets["events"], alignments["events"] = score_events(_list(gold, "events"), _list(pred, "events"))
    resolver = build_resolver(gold, pred, alignments)
    acc = _attribute_accuracies(gold, pred, alignments["events"], resolver)
    g_claims, p_claims = _list(gold, "claims"), _list(pred, "claims")
    facets["claims"], strict = _statements(g_claims, p_claims, resolver, claim=True, predicate=True)
    facets["claims_lenient"], _ = _statements(g_claims, p_claims, resolver, claim=True, predicate=False)
    facets["relations"], _ = _statements(_list(gold, "relations"), _list(pred, "relations"), resolver, claim=False,
                                         predicate=True)
    acc["hedged"] = Accuracy.of([bool(g_claims[g].get("hedged")) == bool(p_claims[p].get("hedged")) for g, p in strict])
    return facets, acc


def _left_over(items: Sequence[Record], used: Iterable[int]) -> list[Record]:
    taken = set(used)
    return [dict(item) for k, item in enumerate(items) if k not in taken]


def doc_errors(gold: Record, pred: Record) -> dict[str, Any]:
    """What one document's figures are made of: per facet, the gold items no prediction matched (``missed``) and
    the predictions that matched nothing (``spurious``), each with its quote or surfaces, so a person can see why a
    figure is what it is. Matching is exactly :func:`score_doc`'s."""
    alignments: dict[str, list[tuple[int, int]]] = {}
    out: dict[str, Any] = {"doc": gold.get("doc")}
    for facet in ("actors", "places"):
        _, alignments[facet] = _match_items(_list(gold, facet), _list(pred, facet))
        out[facet] = {"missed": _left_over(_list(gold, facet), (g for g, _ in alignments[facet])),
                      "spurious": _left_over(_list(pred, facet), (p for _, p in alignments[facet]))}
    g_events, p_events = _list(gold, "events"), _list(pred, "events")
    _, alignments["events"] = score_events(g_events, p_events)
    aligned_g = {g for g, _ in alignments["events"]}
    aligned_p = {p for _, p in alignments["events"]}
    out["events"] = {"missed": [dict(e) for k, e in enumerate(g_events) if is_violent(e) and k not in aligned_g],
                     "spurious": [dict(e) for k, e in enumerate(p_events) if is_violent(e) and k not in aligned_p]}
    resolver = build_resolver(gold, pred, alignments)
    for facet, claim in (("claims", True), ("relations", False)):
        g_items, p_items = _list(gold, facet), _list(pred, facet)
        _, pairs = _statements(g_items, p_items, resolver, claim=claim, predicate=True)
        out[facet] = {"missed": _left_over(g_items, (g for g, _ in pairs)),
                      "spurious": _left_over(p_items, (p for _, p in pairs))}
    return out


def errors(gold: Sequence[Record], pred: Sequence[Record]) -> list[dict[str, Any]]:
    """:func:`doc_errors` for every gold document (matched by ``doc``; a document with no prediction misses all)."""
    by_doc = {str(p.get("doc")): p for p in pred}
    return [doc_errors(g, by_doc.get(str(g.get("doc")), {"doc": g.get("doc")})) for g in gold]


def _list(record: Record, key: str) -> list[Record]:
    return list(record.get(key) or [])


def _attribute_accuracies(gold: Record, pred: Record, pairs: list[tuple[int, int]], resolver: Resolver,
                          ) -> dict[str, Accuracy]:
    compared = [event_attributes(gold["events"][g], pred["events"][p], resolver)
                for g, p in pairs if is_violent(gold["events"][g])]
    return {f"event_{name}": Accuracy.of([c[name] for c in compared]) for name in ATTRIBUTES}


def score(gold: Sequence[Record], pred: Sequence[Record]) -> SeedReport:
    """Score predicted records against gold ones, matched by ``doc``; a gold document with no prediction is empty."""
    by_doc = {str(p.get("doc")): p for p in pred}
    facets = {name: Prf() for name in FACETS}
    accuracies: dict[str, Accuracy] = {}
    per_doc: dict[str, dict[str, Prf]] = {}
    for record in gold:
        doc = str(record.get("doc"))
        doc_facets, doc_acc = score_doc(record, by_doc.get(doc, {"doc": doc}))
        per_doc[doc] = doc_facets
        facets = {name: facets[name] + doc_facets[name] for name in FACETS}
        accuracies = {k: accuracies.get(k, Accuracy()) + v for k, v in doc_acc.items()}
    missing = tuple(str(r.get("doc")) for r in gold if str(r.get("doc")) not in by_doc)
    return SeedReport(facets=facets, accuracies=accuracies, per_doc=per_doc, missing=missing)


# --- files and the product runner --------------------------------------------------------------------------------


def load_records(path: Path | str) -> list[dict[str, Any]]:
    """Read a JSON-lines file of records in the seeds schema (each needs ``doc``)."""
    return read_json_lines(path, ("doc",), fix="see shared/seeds/GOLD.md")


def write_records(records: Iterable[Record], path: Path | str) -> None:
    """Write records as JSON lines (the prediction file ``veracity eval --out`` leaves for inspection)."""
    write_json_lines(records, path)


def score_files(gold_path: Path | str, pred_path: Path | str) -> SeedReport:
    """Score a prediction file against a gold file, both JSON lines in the seeds schema."""
    return score(load_records(gold_path), load_records(pred_path))


def load_documents(names: Sequence[str], docs_dir: Path) -> list[Document]:
    """The documents a gold file names, read as the product reads files (header stripped), in gold order.

    Only what the file says goes into the document: the gold's ``published`` is never passed on.
    """
    from veracity.ingest import Loaded, read_paths

    paths = [docs_dir / f"{name}.txt" for name in names]
    absent = [str(p) for p in paths if not p.is_file()]
    if absent:
        raise NotFound(f"documents named in the gold are missing: {', '.join(absent)}", fix="pass --docs DIR")
    loaded: dict[Path, Document] = {}
    for item in read_paths(paths):
        if not isinstance(item, Loaded):
            raise InvalidInput(f"{item.where}: {item.reason}", fix="fix or remove the document")
        loaded[Path(item.path)] = item.document
    return [replace(loaded[p], name=p.stem) for p in paths]


def evaluate_seeds(gold_path: Path | str, docs_dir: Path | str | None, extractor: Extractor,
                   ) -> tuple[SeedReport, list[dict[str, Any]]]:
    """Extract the documents a gold file names (in ``docs_dir``, default its folder) and score the records."""
    from veracity.extract.records import to_gold_record

    gold = load_records(gold_path)
    folder = Path(docs_dir) if docs_dir else Path(gold_path).parent
    documents = load_documents([str(r["doc"]) for r in gold], folder)
    pred = []
    for document, extraction in zip(documents, extractor.extract_many(documents), strict=True):
        pred.append({**to_gold_record(extraction), "doc": document.name})
    return score(gold, pred), pred
