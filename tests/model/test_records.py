"""Records carry deterministic ids: the same content is the same row."""

from __future__ import annotations

from dataclasses import replace

import pytest

from veracity.model import Assertion, ConfigError, Document, Entity, EntityKind, Stance, vocabulary
from veracity.model.errors import InvalidInput, NotFound, VeracityError
from veracity.model.records import author_label


def test_records_document_id_is_hash_of_text() -> None:
    a = Document(text="same words", name="a", outlet="X")
    b = Document(text="same words", name="b", outlet="Y")
    assert a.id == b.id and len(a.id) == 64
    assert Document(text="other words").id != a.id


def test_records_entity_ids_are_readable_and_stable() -> None:
    assert Entity(EntityKind.ACTOR, "Islamic State Khorasan Province", "armed_group").id == \
        "actor:islamic-state-khorasan-province"
    assert Entity(EntityKind.PLACE, "Khyber Pakhtunkhwa", "province").id == "place:khyber-pakhtunkhwa"


def test_records_assertion_id_depends_on_content() -> None:
    base = Assertion("actor:pakistan", "supports", "actor:iskp", "actor:zm", Stance.ASSERTS, "d", (0, 10), "q", "x@1")
    assert base.id == replace(base).id
    assert base.id != replace(base, stance=Stance.DENIES).id
    assert base.id != replace(base, hedge="reportedly").id
    assert not base.hedged and replace(base, hedge="may").hedged


@pytest.mark.parametrize(("predicate", "opposite"), [
    ("hostile_to", "allied_with"), ("allied_with", "hostile_to"), ("supports", "hostile_to"),
])
def test_records_vocabulary_knows_opposites(predicate: str, opposite: str) -> None:
    assert opposite in vocabulary().opposites(predicate)


def test_records_vocabulary_rejects_unknown_predicates() -> None:
    assert vocabulary().check_predicate("harbours") == "harbours"
    with pytest.raises(ConfigError, match="unknown predicate"):
        vocabulary().check_predicate("likes")


@pytest.mark.parametrize("error", [InvalidInput, NotFound, ConfigError])
def test_records_errors_share_one_shape(error: type[VeracityError]) -> None:
    exc = error("the file x.txt is empty", fix="give it some text")
    assert exc.as_dict() == {"error": error.__name__, "code": error.code, "message": "the file x.txt is empty",
                             "fix": "give it some text"}
    assert "x.txt" in str(exc)


@pytest.mark.parametrize(
    ("outlet", "title", "expected"),
    [
        ("Dawn", "Anything at all", "author (Dawn)"),
        (None, "Short title", "author of “Short title”"),
        (
            None,
            "Janus-faced Pakistan: The real culprit behind Afghanistan’s turmoil",
            "author of “Janus-faced Pakistan: The real culprit…”",
        ),
    ],
)
def test_records_author_label_is_short(outlet: str | None, title: str, expected: str) -> None:
    assert author_label(outlet, title, "000_doc", "abc123") == expected
    assert len(author_label(outlet, title * 3, None, "x")) <= 60
