"""``veracity serve`` (``serve/cli_web.py``): a store with no users stays on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from veracity.cli import app as cli
from veracity.model.errors import ConfigError
from veracity.serve.cli_web import check_exposure, loopback
from veracity.store import accounts as acc
from veracity.store import open_store

runner = CliRunner()


@pytest.mark.parametrize(("host", "local"), [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True),
                                             ("[::1]", True), ("localhost", True), ("0.0.0.0", False),
                                             ("::", False), ("192.168.1.10", False), ("example.org", False)])
def test_cli_web_loopback_addresses(host: str, local: bool) -> None:
    assert loopback(host) is local


def test_cli_web_serve_refuses_a_store_without_users_on_a_reachable_address(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    done = runner.invoke(cli, ["--db", str(db), "serve", "--host", "0.0.0.0", "--port", "1"])
    assert done.exit_code != 0
    assert "refusing to serve a store with no users on 0.0.0.0" in done.output
    assert "veracity user add" in done.output


def test_cli_web_exposure_allowed_for_a_team_store_or_loopback(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'kb.db'}")
    check_exposure(store, "127.0.0.1")
    with pytest.raises(ConfigError):
        check_exposure(store, "0.0.0.0")
    acc.add_org(store, "A")
    acc.add_user(store, "ann", "A", "admin")
    check_exposure(store, "0.0.0.0")
    store.close()
