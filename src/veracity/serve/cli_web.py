"""``veracity serve``: the HTTP API and web pages on a local port."""

from __future__ import annotations

import typer

from veracity.serve.app import handle_errors, settings


def serve(host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(8000, "--port")) -> None:
    """Serve the JSON API (/api/...) and the web pages over the current store."""
    import uvicorn

    from veracity.serve.api import create_app

    uvicorn.run(create_app(settings().db), host=host, port=port)


def register(app: typer.Typer) -> None:
    """Add the serve command."""
    app.command(name="serve")(handle_errors(serve))
