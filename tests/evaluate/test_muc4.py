"""Tests for veracity.evaluate.muc4: GRIT docnums, SQuAD normalisation, CEAF-REE and reading roles off assertions."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veracity.evaluate import muc4
from veracity.model import Assertion, Document, Entity, EntityKind, InvalidInput, Mention, Stance

SHARED = Path(__file__).resolve().parents[3] / "shared"  # ../shared beside the checkout
MUC4_DIR = SHARED / "muc4"


@pytest.mark.parametrize(
    ("docid", "expected"),
    [
        ("TST3-MUC4-0001", "30001"),
        ("TST1-MUC3-0100", "10100"),
        ("TST2-MUC4-0098", "20098"),
        ("TST4-MUC4-0010", "40010"),
        ("DEV-MUC3-0001", "DEV-MUC3-0001"),  # train ids keep the docid itself
        ("odd", "odd"),
    ],
)
def test_muc4_docnum(docid: str, expected: str) -> None:
    assert muc4.docnum(docid) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Guerrillas", "guerrillas"),
        ("a  car-bomb!", "carbomb"),
        ("an attack on the bank", "attack on bank"),
        ("theatre", "theatre"),  # "the" only as a whole word
        ("  ", ""),
        ("\"santo tomas\" farm", "santo tomas farm"),
    ],
)
def test_muc4_normalise_mention(text: str, expected: str) -> None:
    assert muc4.normalise_mention(text) == expected


GOLD: dict[str, dict[str, list[list[str]]]] = {
    "1": {
        "PerpInd": [["guerrillas", "guerrilla column"]],
        "PerpOrg": [["fmln", "farabundo marti national liberation front"]],
        "Target": [],
        "Victim": [["peasant"], ["civilian"]],
        "Weapon": [],
    },
    "2": {role: [] for role in muc4.ROLES},  # a document reporting no incident
}
PRED: dict[str, Any] = {
    "1": {"pred_extracts": {
        "PerpInd": [["The guerrillas"]],         # normalises into the gold entity: match
        "PerpOrg": [["fmln", "army"]],           # "army" is not among the gold mentions: no match
        "Victim": [["peasant"], ["civilian"], ["soldiers"]],  # 2 of 3
        "Weapon": [["bomb"]],                    # no gold weapon
    }},
    "2": {"pred_extracts": {"Target": [["bank"]]}},  # costs precision only
    "99": {"pred_extracts": {"Target": [["ignored"]]}},  # not in the gold: ignored
}


def test_muc4_score_hand_made() -> None:
    report = muc4.score(GOLD, PRED)
    # matches 1+0+0+2+0 = 3; predicted 1+1+1+3+1 = 7; gold 1+1+0+2+0 = 4
    # P = 3/7, R = 3/4, F1 = 2*(3/7)*(3/4) / (3/7 + 3/4) = 18/33 = 6/11
    assert report.micro.precision == pytest.approx(3 / 7)
    assert report.micro.recall == pytest.approx(3 / 4)
    assert report.micro.f1 == pytest.approx(6 / 11)
    assert report.per_role["Victim"].as_dict()["hit_pred"] == 2 and report.per_role["Victim"].pred == 3
    assert report.per_role["Target"].precision == 0.0 and report.per_role["Target"].gold == 0
    assert report.docs == 2


def test_muc4_score_needs_hungarian() -> None:
    # greedy would give pred "truck" to the gold {bus, truck} and leave "bus" without a partner: 1 match.
    gold = {"1": {"Target": [["bus", "truck"], ["truck"]]}}
    pred = {"1": {"Target": [["truck"], ["bus"]]}}
    assert muc4.score(gold, pred).per_role["Target"].hit_gold == 2


def test_muc4_score_subset_rule() -> None:
    # a predicted entity is right only when ALL its mentions are gold mentions of one entity
    gold = {"1": {"Weapon": [["bomb", "explosive device"]]}}
    assert muc4.score(gold, {"1": {"Weapon": [["bomb", "explosive device"]]}}).micro.f1 == 1.0
    assert muc4.score(gold, {"1": {"Weapon": [["bomb", "device"]]}}).micro.hit_gold == 0


mention = st.text("bcdfgkmxz", min_size=2, max_size=7)  # no vowels: never an article, nothing to normalise
entities = st.lists(st.lists(mention, min_size=1, max_size=3), max_size=4)
role_maps = st.dictionaries(st.sampled_from(["1", "2", "30001"]),
                            st.fixed_dictionaries({role: entities for role in muc4.ROLES}), max_size=3)


@settings(deadline=None)
@given(role_maps)
def test_muc4_perfect_prediction_scores_one(gold: dict[str, dict[str, list[list[str]]]]) -> None:
    assert muc4.score(gold, gold).micro.f1 == 1.0


@settings(deadline=None)
@given(role_maps, st.data())
def test_muc4_subsets_of_gold_are_precise(gold: dict[str, dict[str, list[list[str]]]], data: Any) -> None:
    # predicting one mention of some gold entities never costs precision, and recall is the share kept
    pred = {doc: {role: [ents[0][:1]] if ents and data.draw(st.booleans()) else [] for role, ents in roles.items()}
            for doc, roles in gold.items()}
    report = muc4.score(gold, pred)
    kept = sum(len(ents) for roles in pred.values() for ents in roles.values())
    assert report.micro.hit_pred == kept
    assert 0.0 <= report.micro.recall <= 1.0


def test_muc4_gold_from_dev_split_counts() -> None:
    # the README's table: dev has 200 docs, 89 with no filler, 148/82/109/85/51 entities
    gold = muc4.gold_from_split(muc4.load_split(MUC4_DIR / "dev.json"))
    assert len(gold) == 200
    assert sum(1 for roles in gold.values() if not any(roles.values())) == 89
    assert [sum(len(r[role]) for r in gold.values()) for role in muc4.ROLES] == [148, 82, 109, 85, 51]
    assert "10001" in gold and isinstance(gold["10001"]["PerpInd"][0][0], str)


@pytest.mark.parametrize(
    ("line", "message"),
    [("not json", "not JSON"), ('{"docid": "x"}', "needs 'docid' and 'doctext'"), ("[1]", "needs")],
)
def test_muc4_load_split_rejects(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=message):
        muc4.load_split(path)


TEXT = "guerrillas attacked the bank. juan perez led them. the guerrillas used dynamite."


def _extraction(doc: Document) -> SimpleNamespace:
    """A hand-built extraction, the shape ``veracity.extract.Extractor`` yields."""
    group = Entity(EntityKind.ACTOR, "guerrillas", "armed_group")
    person = Entity(EntityKind.ACTOR, "juan perez", "person")
    attack = Entity(EntityKind.EVENT, "bank attack", "armed_assault")
    bank = Entity(EntityKind.ACTOR, "bank", "other")
    ghost = Entity(EntityKind.ACTOR, "unseen", "other")

    def mention(entity: Entity, surface: str, start: int) -> Mention:
        return Mention(doc.id, entity.id, start, start + len(surface), 0, len(doc.text), surface)

    def says(s: str, p: str, o: str, literal: bool = False) -> Assertion:
        claimant = f"author:{doc.id}"
        return Assertion(s, p, o, claimant, Stance.ASSERTS, doc.id, (0, 10), "q", "test", object_literal=literal)

    mentions = [mention(group, "guerrillas", 52), mention(group, "guerrillas", 0), mention(person, "juan perez", 30),
                mention(bank, "bank", 24), mention(bank, "BANK", 24)]
    assertions = [says(group.id, "responsible_for", attack.id), says(group.id, "responsible_for", attack.id),
                  says(person.id, "responsible_for", attack.id), says(attack.id, "target", bank.id),
                  says(attack.id, "weapon", "dynamite", literal=True),
                  says(attack.id, "victim", "soldiers", literal=True),
                  says(attack.id, "victim", ghost.id), says(group.id, "allied_with", person.id)]
    return SimpleNamespace(entities=[group, person, attack, bank, ghost], mentions=mentions, aliases=[],
                           assertions=assertions)


class FakeExtractor:
    """A test double of the extractor (not of storage): one hand-built extraction per document."""

    def extract_many(self, docs: Iterable[Document]) -> Iterator[SimpleNamespace]:
        for doc in docs:
            yield _extraction(doc)


def test_muc4_predict_reads_roles_off_assertions() -> None:
    docs = [{"docid": "TST1-MUC3-0007", "doctext": TEXT}]
    pred = muc4.predict(FakeExtractor(), docs)
    assert pred == {"10007": {"pred_extracts": {
        "PerpInd": [["juan perez"]],   # a person
        "PerpOrg": [["guerrillas"]],   # an organisation, listed once though asserted twice
        "Target": [["bank"]],          # "BANK" is not in the text
        "Victim": [],                  # "soldiers" is not in the text; the unseen entity has no mention
        "Weapon": [["dynamite"]],      # a literal object
    }}}


def test_muc4_run_writes_and_scores(tmp_path: Path) -> None:
    split = tmp_path / "split.json"
    gold = {"PerpInd": [], "PerpOrg": [[["guerrillas", 0]]], "Target": [[["the bank", 20]]], "Victim": [],
            "Weapon": [[["dynamite", 70]], [["rifles", 90]]]}
    split.write_text(json.dumps({"docid": "TST1-MUC3-0007", "doctext": TEXT, "extracts": gold}) + "\n")
    out = tmp_path / "pred.json"
    report = muc4.run(split, out, FakeExtractor())
    assert json.loads(out.read_text())["10007"]["pred_extracts"]["Weapon"] == [["dynamite"]]
    # matched PerpOrg, Target ("the bank" ~ "bank"), Weapon dynamite = 3; predicted 4 (juan perez extra); gold 4
    assert report is not None and (report.micro.hit_pred, report.micro.pred, report.micro.gold) == (3, 4, 4)
    unlabelled = tmp_path / "plain.json"
    unlabelled.write_text(json.dumps({"docid": "TST1-MUC3-0007", "doctext": TEXT}) + "\n")
    assert muc4.run(unlabelled, None, FakeExtractor()) is None


@pytest.mark.parametrize(
    ("name", "type_", "text", "expected"),
    [
        # an unnamed group is an individual perpetrator in MUC-4 ("guerrillas", "terrorists"); its head is the mention
        ("terrorists (unspecified)", "armed_group", "terrorists bombed the bus", {"PerpInd": [["terrorists"]]}),
        # ... unless the head is not in the text
        ("militants (unspecified)", "armed_group", "terrorists bombed the bus", {}),
        # a named organisation without a mention in the text offers its name
        ("fmln", "armed_group", "the fmln bombed the bus", {"PerpOrg": [["fmln"]]}),
        ("Roberto Perez", "person", "roberto perez bombed the bus", {}),  # name not in the (lower-case) text
    ],
)
def test_muc4_perpetrator_roles(name: str, type_: str, text: str, expected: dict[str, list[list[str]]]) -> None:
    actor = Entity(EntityKind.ACTOR, name, type_)
    event = Entity(EntityKind.EVENT, "bus bombing", "bombing")
    assertion = Assertion(actor.id, "responsible_for", event.id, "author:x", Stance.ASSERTS, "x", (0, 1), "q", "t")
    extraction = SimpleNamespace(entities=[actor, event], mentions=[], assertions=[assertion], aliases=[])
    roles = muc4.roles_of(extraction, text)
    assert {role: ents for role, ents in roles.items() if ents} == expected


def _role_line(obj: str, predicate: str, score: float, sent: int) -> Assertion:
    return Assertion("event:x", predicate, obj, "author:x", Stance.ASSERTS, "x", (sent, sent + 1), "q",
                     "events.roles@1", object_literal=True, score=score)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # one entity per filler: the same head word later in the report is the same thing, the best-scored form kept
        ([("the bus", "target", 0.4, 0), ("bus", "target", 0.7, 50)], {"Target": [["bus"]]}),
        ([("the bus", "target", 0.9, 0), ("bus", "target", 0.7, 50)], {"Target": [["the bus"]]}),
        # an acronym and its expansion are one entity
        ([("mrta", "victim", 0.5, 0), ("tupac amaru revolutionary movement", "victim", 0.6, 50)],
         {"Victim": [["tupac amaru revolutionary movement"]]}),
        # different heads stay apart, in text order
        ([("dynamite", "weapon", 0.5, 50), ("rifles", "weapon", 0.5, 0)], {"Weapon": [["rifles"], ["dynamite"]]}),
        # the same head in different roles is two entities
        ([("the mayor", "victim", 0.5, 0), ("house of the mayor", "target", 0.5, 0)],
         {"Victim": [["the mayor"]], "Target": [["house of the mayor"]]}),
    ],
)
def test_muc4_roles_of_one_entity_per_filler(
    lines: list[tuple[str, str, float, int]], expected: dict[str, list[list[str]]]
) -> None:
    text = ("the mrta bombed the bus and the house of the mayor with dynamite and rifles; the bus burned. "
            "the tupac amaru revolutionary movement claimed it.")
    event = Entity(EntityKind.EVENT, "x", "bombing", id="event:x")
    extraction = SimpleNamespace(entities=[event], mentions=[], aliases=[],
                                 assertions=[_role_line(*line) for line in lines])
    roles = muc4.roles_of(extraction, text)
    assert {role: ents for role, ents in roles.items() if ents} == expected
