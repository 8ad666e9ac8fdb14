"""Every script, stylesheet and map the pages use, served by the app itself (no CDN, nothing fetched at run time).

Our own files live in ``static/``. Browser libraries come from maintained npm packages that ``make install``
puts in ``node_modules/`` (``package.json`` / ``package-lock.json``); each is served under ``/vendor/NAME`` from
an explicit list, so the app never exposes the folder itself. Swagger UI's files come from the installed
``fastapi-offline`` package. A library that is not installed is a 404 and the pages still work without it
(progressive enhancement: every graph and map has a table or list beside it).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from veracity.model.errors import NotFound

STATIC = Path(__file__).with_name("static")
NODE_MODULES = Path(__file__).resolve().parents[4] / "node_modules"
VENDOR = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
    "countries-50m.json": "world-atlas/countries-50m.json",
}
DOCS = ("swagger-ui-bundle.js", "swagger-ui.css", "favicon.png")
TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".png": "image/png"}
router = APIRouter(include_in_schema=False)


def _send(path: Path) -> FileResponse:
    if not path.is_file():
        raise NotFound(f"{path.name} is not installed", fix="run `make install` (it runs npm ci)")
    return FileResponse(path, media_type=TYPES.get(path.suffix, "application/octet-stream"),
                        headers={"Cache-Control": "public, max-age=3600"})


@router.get("/vendor/{name}")
def vendor(name: str) -> FileResponse:
    """A browser library from node_modules, by its listed name only."""
    if name not in VENDOR:
        raise NotFound(f"no vendored file {name!r}", fix=f"one of: {', '.join(VENDOR)}")
    return _send(NODE_MODULES / VENDOR[name])


@router.get("/static/{name}")
def static(name: str) -> FileResponse:
    """Our own script and stylesheet."""
    if "/" in name or name.startswith(".") or not (STATIC / name).is_file():
        raise NotFound(f"no static file {name!r}", fix="see serve/web/static")
    return _send(STATIC / name)


@router.get("/docs-assets/{name}")
def docs_asset(name: str) -> FileResponse:
    """Swagger UI's own files, from the installed fastapi-offline package."""
    if name not in DOCS:
        raise NotFound(f"no docs asset {name!r}", fix=f"one of: {', '.join(DOCS)}")
    return _send(Path(str(files("fastapi_offline") / "static" / name)))


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    """The OpenAPI explorer, offline: Swagger UI from the installed package, started by a script file."""
    return HTMLResponse(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>veracity API</title>'
        '<link rel="stylesheet" href="/docs-assets/swagger-ui.css"><link rel="icon" href="/docs-assets/favicon.png">'
        '</head><body><div id="swagger-ui"></div><script src="/docs-assets/swagger-ui-bundle.js"></script>'
        '<script src="/static/docs.js"></script></body></html>')
