"""MUC-4 role-filler extraction: load the GRIT-format splits, predict with the product's extractor, score CEAF-REE.

The metric follows the description in ``shared/muc4/README.md`` (GRIT, Du, Rush and Cardie 2021) so that our
figures can be compared with published ones: normalise mentions SQuAD-style, a predicted entity matches a gold
entity when *all* its mentions are among the gold entity's mentions, align entities one-to-one per document and
role (Hungarian), and sum matches, predicted and gold counts over documents and roles (micro P/R/F1).
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rich.table import Table

from veracity.evaluate.report import Prf, align, as_json, prf_table, read_json_lines
from veracity.extract.roles.muc import same_entity
from veracity.model.records import Document, EntityKind
from veracity.model.vocabulary import vocabulary

ROLES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
"""The five MUC-4 role slots, in the order the GRIT files and papers use."""

Entities = list[list[str]]
"""One role's fillers: a list of entities, each a list of coreferent mention strings."""

RoleMap = dict[str, dict[str, Entities]]
"""``{docnum: {role: entities}}``: the shape both gold and predictions take for scoring."""


_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = str.maketrans("", "", string.punctuation)
_PLACEHOLDER = re.compile(r"\s*\((?:unspecified|unnamed)\)$")
"""The marker of a placeholder actor name (shared/seeds/GOLD.md: "terrorists (unspecified)")."""


class Extractor(Protocol):
    """What :func:`predict` needs from ``veracity.extract.Extractor``: documents in, one extraction each out."""

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Any]: ...


def event_roles() -> dict[str, str]:
    """Event-role predicates (event, predicate, X) whose object fills a MUC-4 slot, as the vocabulary declares."""
    return {name: spec["muc4"] for name, spec in vocabulary().event_roles.items() if spec.get("muc4")}


def load_split(path: Path | str) -> list[dict[str, Any]]:
    """Read a GRIT-format JSON-lines split (``docid``, ``doctext``, optional ``extracts``)."""
    return read_json_lines(path, ("docid", "doctext"), fix="use the GRIT split format of shared/muc4")


def docnum(docid: str) -> str:
    """The GRIT document number: ``TST3-MUC4-0001`` -> ``"30001"``; ids without a digit prefix stay as they are.

    The digit ending the first part, times 10000, plus the last number. Train ids (``DEV-MUC3-0001``) have no such
    digit, and the README says to key them by the docid itself.
    """
    parts = docid.split("-")
    head, tail = parts[0], parts[-1]
    if len(parts) < 2 or not head or not head[-1].isdigit() or not tail.isdigit():
        return docid
    return str(int(head[-1]) * 10000 + int(tail))


def normalise_mention(text: str) -> str:
    """SQuAD-style answer normalisation: lower case, no punctuation, no articles, single spaces."""
    text = text.lower().translate(_PUNCT)
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def has_gold(docs: Sequence[Mapping[str, Any]]) -> bool:
    """True when every document carries ``extracts``, so predictions on it can be scored."""
    return bool(docs) and all("extracts" in doc for doc in docs)


def gold_from_split(docs: Iterable[Mapping[str, Any]]) -> RoleMap:
    """Gold fillers keyed by docnum, mention offsets dropped; documents with no fillers keep empty roles.

    Empty documents must stay in the gold: predicting something there is what costs precision.
    """
    gold: RoleMap = {}
    for doc in docs:
        extracts = doc.get("extracts") or {}
        gold[docnum(doc["docid"])] = {
            role: [[_mention_text(m) for m in entity] for entity in extracts.get(role, [])] for role in ROLES
        }
    return gold


def _mention_text(mention: Any) -> str:
    """A gold mention is ``[text, offset]``; a bare string is accepted too."""
    return str(mention[0]) if isinstance(mention, list | tuple) else str(mention)


@dataclass(frozen=True, slots=True)
class Muc4Report:
    """CEAF-REE counts per role and their micro sum over the five roles."""

    per_role: dict[str, Prf] = field(default_factory=dict)
    docs: int = 0

    @property
    def micro(self) -> Prf:
        return sum(self.per_role.values(), Prf())

    def as_dict(self) -> dict[str, Any]:
        return {"docs": self.docs, "micro": self.micro.as_dict(), "per_role": as_json(self.per_role)}

    def to_table(self) -> Table:
        rows = {**self.per_role, "micro": self.micro}
        return prf_table(f"MUC-4 CEAF-REE ({self.docs} documents)", rows)


def score(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> Muc4Report:
    """CEAF-REE over the gold documents; predictions may be bare role maps or GRIT ``pred_extracts`` wrappers.

    Predictions for documents absent from the gold are ignored, as in the GRIT scorer.
    """
    per_role = {role: Prf() for role in ROLES}
    for doc, gold_roles in gold.items():
        pred_roles = _unwrap(pred.get(doc, {}))
        for role in ROLES:
            per_role[role] += score_role(gold_roles.get(role, []), pred_roles.get(role, []))
    return Muc4Report(per_role=per_role, docs=len(gold))


def _unwrap(entry: Mapping[str, Any]) -> Mapping[str, Entities]:
    inner = entry.get("pred_extracts", entry)
    return inner if isinstance(inner, Mapping) else {}


def score_role(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> Prf:
    """One document and role: align entities one-to-one and count matches.

    A predicted entity with no mention left after normalisation is dropped: it names nothing.
    """
    gold_sets = [{normalise_mention(m) for m in entity} for entity in gold]
    pred_sets = [s for s in ({normalise_mention(m) for m in entity} - {""} for entity in pred) if s]
    pairs = align(gold_sets, pred_sets, lambda g, p: 1.0 if p <= g else 0.0)
    return Prf.matched(len(pairs), len(pred_sets), len(gold_sets))


def predict(extractor: Extractor, docs: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, dict[str, Entities]]]:
    """Run the product's extractor on split documents and read role fillers off its assertions (GRIT format:
    ``{docnum: {"pred_extracts": {role: entities}}}``)."""
    documents = [Document(text=doc["doctext"], name=doc["docid"]) for doc in docs]
    out: dict[str, dict[str, dict[str, Entities]]] = {}
    extractions = extractor.extract_many(documents)
    for doc, extraction in zip(docs, extractions, strict=True):
        out[docnum(doc["docid"])] = {"pred_extracts": roles_of(extraction, doc["doctext"])}
    return out


def roles_of(extraction: Any, text: str) -> dict[str, Entities]:
    """Map an extraction's event assertions onto the five roles, one predicted entity per distinct filler.

    (actor, responsible_for, event) gives PerpInd for a person or an unnamed group (a placeholder such as
    "terrorists (unspecified)": MUC-4 files "guerrillas" under PerpInd) and PerpOrg for any other actor;
    (event, target|victim|weapon, X) gives Target, Victim, Weapon. Each filler's mentions are its surfaces that
    occur in the text, deduplicated (a placeholder without mentions offers its head, "terrorists"). Fillers of one
    role are one entity when they share a head word ("the bus", "bus") or name each other (an acronym and its
    expansion), as :func:`veracity.extract.roles.muc.to_muc` groups the role finder's own output; the
    best-scored form is kept.
    """
    entities = {entity.id: entity for entity in extraction.entities}
    surfaces = _surfaces_by_entity(extraction.mentions)
    found: dict[str, list[tuple[float, list[str]]]] = {role: [] for role in ROLES}
    for assertion in sorted(extraction.assertions, key=lambda a: a.span[0]):
        role, filler = _role_filler(assertion, entities)
        if role is None or filler is None:
            continue
        forms = [assertion.object] if assertion.object_literal else surfaces.get(filler, [])
        if not forms and filler in entities:
            forms = [_PLACEHOLDER.sub("", entities[filler].name)]
        mentions = _dedupe(m for m in forms if m and m in text)
        if mentions:
            _add_or_merge(found[role], (float(getattr(assertion, "score", 1.0)), mentions))
    return {role: [mentions for _, mentions in kept] for role, kept in found.items()}


def _head(mentions: Sequence[str]) -> str:
    """The head word of a filler's first mention: its last word before any "of" ("members of the army")."""
    words = normalise_mention(mentions[0]).split(" of ")[0].split()
    return words[-1] if words else ""


def _add_or_merge(kept: list[tuple[float, list[str]]], item: tuple[float, list[str]]) -> None:
    """Append a filler, unless one already kept shares its head or names the same thing: keep the better-scored."""
    for i, (score_, mentions) in enumerate(kept):
        same = mentions == item[1] or _head(mentions) == _head(item[1])
        if same or same_entity(mentions[0], item[1][0]):
            if item[0] > score_:
                kept[i] = item
            return
    kept.append(item)


def _role_filler(assertion: Any, entities: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """Which role an assertion fills and the entity id (or literal) filling it; ``(None, None)`` otherwise."""
    if assertion.predicate == "responsible_for":
        actor = entities.get(assertion.subject)
        target = entities.get(assertion.object)
        if actor is None or (target is not None and target.kind != EntityKind.EVENT):
            return None, None
        individual = actor.type == "person" or _PLACEHOLDER.search(actor.name) is not None
        return ("PerpInd" if individual else "PerpOrg"), assertion.subject
    if assertion.predicate == "perpetrator":  # a described doer: PerpInd for people and vague groups
        doer = entities.get(assertion.object)
        individual = doer is None or doer.type == "person" or _PLACEHOLDER.search(doer.name) is not None
        return ("PerpInd" if individual else "PerpOrg"), assertion.object
    role = event_roles().get(assertion.predicate)
    if role is None:
        return None, None
    return role, assertion.object


def _surfaces_by_entity(mentions: Iterable[Any]) -> dict[str, list[str]]:
    """Mention surfaces of each entity, in text order, so the first listed is the first occurrence."""
    by_entity: dict[str, list[tuple[int, str]]] = {}
    for mention in mentions:
        by_entity.setdefault(mention.entity_id, []).append((mention.start, mention.surface))
    return {eid: _dedupe(surface for _, surface in sorted(found)) for eid, found in by_entity.items()}


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def write_predictions(pred: Mapping[str, Any], path: Path | str) -> None:
    """Write predictions as one JSON object, the file the GRIT scripts read."""
    Path(path).write_text(json.dumps(pred, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def run(path: Path, out: Path | None, extractor: Extractor, limit: int | None = None) -> Muc4Report | None:
    """Predict on a split (the first ``limit`` documents), write ``out``, and score when the split has gold."""
    docs = load_split(path)[:limit] if limit else load_split(path)
    pred = predict(extractor, docs)
    if out is not None:
        write_predictions(pred, out)
    return score(gold_from_split(docs), pred) if has_gold(docs) else None
