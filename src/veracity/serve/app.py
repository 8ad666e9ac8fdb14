"""Shared CLI plumbing: the Typer app object, the store dependency and the one place errors become messages."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from rich.console import Console

from veracity.model.errors import VeracityError
from veracity.settings import Settings, db_url, load_settings

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


class State:
    """Per-invocation settings, filled by the root callback from flags and ``VERACITY_*`` variables."""

    settings: Settings = Settings()


state = State()


def settings() -> Settings:
    """The settings of this invocation (flags over environment over defaults)."""
    return state.settings


def configure(db: str | None, spacy_model: str | None) -> None:
    """Called once by the root callback."""
    state.settings = load_settings().with_overrides(db=db_url(db) if db else None, spacy_model=spacy_model)


def open_store() -> Any:
    """The store named by the settings (imported lazily so ``--help`` stays fast)."""
    from veracity.store import open_store as _open

    return _open(settings().db)


def handle_errors(func: F) -> F:
    """Turn a :class:`VeracityError` into one red line on stderr and its exit code; nothing else is caught."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except VeracityError as exc:
            err_console.print(f"[red]error {exc.code}:[/red] {exc}")
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def escape(text: object) -> str:
    """Escape rich markup in text that comes from articles (hostile input)."""
    from rich.markup import escape as _escape

    return _escape(str(text))
