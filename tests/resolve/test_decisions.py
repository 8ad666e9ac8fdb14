from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from veracity.model.errors import InvalidInput, NotFound
from veracity.model.records import Alias, Entity, EntityKind, Sameness
from veracity.resolve.decisions import decide, judgements
from veracity.store import Store, open_store

runner = CliRunner()


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = open_store(f"sqlite:///{tmp_path / 'v.db'}")
    with s.writer() as w:
        for name in ("Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Swat"):
            e = Entity(kind=EntityKind.ACTOR, name=name, type="armed_group")
            w.add_entity(e)
            w.add_alias(Alias(e.id, name, name.lower()))
    return s


def test_decisions_merge_then_split_newest_wins(store: Store) -> None:
    ids = {"actor:tehrik-i-taliban-pakistan", "actor:tehreek-e-taliban-swat"}
    decide(store, "Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Swat", Sameness.SAME, reason="same group")
    merged = {store.view().canonical(i) for i in ids}
    decide(store, "Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Swat", Sameness.NOT_SAME, reason="a faction")
    split = {store.view().canonical(i) for i in ids}
    assert len(merged) == 1
    assert split == ids
    assert {j.sameness for j in judgements(store)} == {Sameness.SAME, Sameness.NOT_SAME}


def test_decisions_unknown_name_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        decide(store, "Tehrik-i-Taliban Pakistan", "Lashkar-e-Nowhere", Sameness.SAME)


def test_decisions_merge_with_itself_is_invalid(store: Store) -> None:
    with pytest.raises(InvalidInput):
        decide(store, "Tehrik-i-Taliban Pakistan", "tehrik-i-taliban pakistan", Sameness.SAME)


def test_decisions_cli_merge_split_judgements(tmp_path: Path, store: Store) -> None:
    from veracity.cli import app

    db = f"sqlite:///{tmp_path / 'v.db'}"
    merged = runner.invoke(app, ["--db", db, "merge", "Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Swat"])
    assert merged.exit_code == 0, merged.output
    assert "same" in merged.output
    split = runner.invoke(app, ["--db", db, "split", "Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Swat"])
    assert split.exit_code == 0 and "not_same" in split.output
    listed = runner.invoke(app, ["--db", db, "judgements"])
    assert listed.exit_code == 0 and listed.output.count("actor:") == 4
    missing = runner.invoke(app, ["--db", db, "merge", "Tehrik-i-Taliban Pakistan", "Nobody"])
    assert missing.exit_code == 3 and "Traceback" not in missing.output
