"""The HTTP API and web pages: the same library calls as the CLI, as JSON and as escaped HTML.

Errors have one JSON shape (``VeracityError.as_dict``); article text is hostile input, so every page is rendered
by Jinja2 with autoescaping on and no route builds SQL.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from veracity import __version__
from veracity.model.errors import InvalidInput, NotFound, VeracityError
from veracity.store import Store, View, open_store, summary

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")),
                        autoescape=select_autoescape(default=True, default_for_string=True))
STATUS = {InvalidInput: 400, NotFound: 404}


def get_view(request: Request) -> View:
    """A fresh read-only view per request (so judgements and reviews are always current)."""
    store: Store = request.app.state.store
    return store.view()


ViewDep = Annotated[View, Depends(get_view)]


def create_app(db_url: str) -> FastAPI:
    """An app bound to one store (opened once, a fresh view per request)."""
    app = FastAPI(title="veracity", version=__version__)
    app.state.store = open_store(db_url)

    @app.exception_handler(VeracityError)
    async def _error(_request: Request, exc: VeracityError) -> JSONResponse:
        return JSONResponse(exc.as_dict(), status_code=STATUS.get(type(exc), 500))

    @app.get("/api/actors")
    def api_actors(v: ViewDep, all: bool = False) -> list[dict[str, Any]]:
        return summary.actors(v, include_unmentioned=all)

    @app.get("/api/actors/{name}")
    def api_actor(v: ViewDep, name: str) -> dict[str, Any]:
        return summary.actor_profile(v, name)

    @app.get("/api/claims")
    def api_claims(v: ViewDep, about: str | None = None, by: str | None = None,
                   as_of: Annotated[str | None, Query(alias="as-of")] = None) -> list[dict[str, Any]]:
        return summary.claims(v, about=about, by=by, as_of=as_of)

    @app.get("/api/events")
    def api_events(v: ViewDep) -> list[dict[str, Any]]:
        return summary.events(v)

    @app.get("/api/search")
    def api_search(v: ViewDep, q: str, limit: int = 20) -> list[dict[str, str]]:
        return [{"doc_id": d, "snippet": s} for d, s in v.search(q, limit)]

    _pages(app)
    return app


def _pages(app: FastAPI) -> None:
    def page(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(TEMPLATES.get_template(name).render(version=__version__, **context))

    def guarded(render: Callable[[], HTMLResponse]) -> HTMLResponse:
        try:
            return render()
        except VeracityError as exc:
            return HTMLResponse(TEMPLATES.get_template("error.html").render(error=exc, version=__version__),
                                status_code=STATUS.get(type(exc), 500))

    @app.get("/", response_class=HTMLResponse)
    def home(v: ViewDep) -> HTMLResponse:
        return page("home.html", actors=summary.actors(v), events=summary.events(v), counts=v.counts())

    @app.get("/actors/{name}", response_class=HTMLResponse)
    def actor_page(v: ViewDep, name: str) -> HTMLResponse:
        return guarded(lambda: page("actor.html", actor=summary.actor_profile(v, name)))

    @app.get("/claims", response_class=HTMLResponse)
    def claims_page(v: ViewDep, about: str | None = None, by: str | None = None) -> HTMLResponse:
        return guarded(lambda: page("claims.html", claims=summary.claims(v, about=about, by=by),
                                    about=about, by=by))
