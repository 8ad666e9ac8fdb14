"""``veracity serve``: the HTTP API, the web pages and TAXII 2.1 on a local port."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

import typer

from veracity.serve.app import handle_errors, open_store, settings

if TYPE_CHECKING:
    from veracity.store import Store


def loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, ``localhost``)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(store: Store, host: str) -> None:
    """Refuse to put a store with no users on a reachable address: without users there is no sign-in, and anyone
    who reaches the port would read and write everything (docs/TEAM.md)."""
    from veracity.model.errors import ConfigError
    from veracity.store.accounts import team_mode

    if not loopback(host) and not team_mode(store):
        raise ConfigError(f"refusing to serve a store with no users on {host}: without sign-in anyone who reaches "
                          "it reads and writes everything",
                          fix="add an organisation and users first (`veracity org add`, `veracity user add`), "
                              "or serve on 127.0.0.1")


def serve(host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; a non-loopback one needs "
                                   "users (a team server)."),
          port: int = typer.Option(8000, "--port")) -> None:
    """Serve the JSON API (/api/...), the web pages and TAXII 2.1 (/taxii2/) over the current store."""
    import uvicorn

    from veracity.serve.api import create_app

    store = open_store()
    try:
        check_exposure(store, host)
    finally:
        store.close()
    uvicorn.run(create_app(settings().db), host=host, port=port)


def register(app: typer.Typer) -> None:
    """Add the serve command."""
    app.command(name="serve")(handle_errors(serve))
