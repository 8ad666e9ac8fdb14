"""The web app: the JSON API (``/api``), the analyst's pages, their assets, and the offline OpenAPI explorer.

``create_app(db_url)`` opens the store once and binds every route to it; each request gets a fresh read-only
view. Errors become one JSON shape on ``/api`` and an escaped error page elsewhere, converted here once.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from veracity import __version__
from veracity.model.errors import InvalidInput, NotFound, VeracityError
from veracity.settings import Settings, load_settings
from veracity.store import open_store
from veracity.store.accounts import Forbidden, Unauthorised

STATUS = {InvalidInput: 400, NotFound: 404, Unauthorised: 401, Forbidden: 403}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api", "/taxii2")) or request.url.path == "/openapi.json"


def _install_errors(app: FastAPI) -> None:
    from veracity.serve.web.pages import error_page

    def shape(request: Request, status: int, body: dict[str, Any]) -> Response:
        if _wants_json(request):
            return JSONResponse(body, status_code=status)
        return error_page(request, status, body)

    @app.exception_handler(VeracityError)
    async def _veracity(request: Request, exc: VeracityError) -> Response:
        return shape(request, STATUS.get(type(exc), 500), exc.as_dict())

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        body = InvalidInput(f"bad request: {problems}", fix="see /docs for each parameter").as_dict()
        return shape(request, 422, body)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        kind = "NotFound" if exc.status_code == 404 else "HTTPError"
        body = {"error": kind, "code": f"E{exc.status_code}", "message": str(exc.detail),
                "fix": "see /docs for the routes" if exc.status_code in (404, 405) else None}
        return shape(request, exc.status_code, body)


def create_app(db_url: str, settings: Settings | None = None) -> FastAPI:
    """An app bound to one store (opened and migrated once)."""
    from veracity.serve.web import assets, auth, pages, routes_api, routes_taxii, routes_team, security

    app = FastAPI(title="veracity", version=__version__, docs_url=None, redoc_url=None,
                  description="Who says what about whom, in which sentence, how well supported: the API that "
                              "mirrors the `veracity` command line. Errors have one shape: "
                              "`{error, code, message, fix}`.")
    app.state.settings = (settings or load_settings()).with_overrides(db=db_url)
    app.state.store = open_store(db_url, app.state.settings.db_pool_size, app.state.settings.db_max_overflow)
    app.state.extractor = None
    app.middleware("http")(auth.authenticate)
    app.middleware("http")(security.guard)
    _install_errors(app)
    app.include_router(routes_api.router)
    app.include_router(assets.router)
    app.include_router(auth.router)
    app.include_router(routes_team.router)
    app.include_router(routes_taxii.router)
    app.include_router(pages.router)
    return app


__all__ = ["create_app"]
