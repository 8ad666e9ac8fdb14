"""Rendering helpers for the pages: the Jinja environment (autoescape always on), query-string links, pagers,
and the reader's segmentation of a document into highlighted spans.

Article text is hostile: it only ever reaches a page through Jinja's autoescaping; no helper here marks a
string safe, and links are built with ``urlencode``/``quote``, never by pasting text into markup.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from veracity import __version__
from veracity.serve.web.security import csrf_token

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).resolve().parents[1] / "templates"),
                        autoescape=select_autoescape(default=True, default_for_string=True))


def link(path: str, **params: Any) -> str:
    """A path with a query string of the non-empty parameters (``-`` in a name stands for an underscore)."""
    given = {k.replace("_", "-") if k in ("as_of", "min_grade", "max_len") else k: v
             for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(given) if given else "")


def segment(path: str) -> str:
    """One path segment, percent-encoded (an id with ``/`` or ``#`` still names one page)."""
    return quote(str(path), safe=":")


def with_params(request: Request, **changes: Any) -> str:
    """The current URL with some query parameters changed (pagers and sortable headers)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        key = key.replace("_", "-") if key in ("as_of", "min_grade") else key
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    return request.url.path + ("?" + urlencode(params) if params else "")


def grade_words() -> list[str]:
    """The ICD-203 words, lowest first (the min-grade choices)."""
    from veracity.analyse.scale import bands

    return [b.word for b in bands()]


def _year(date: str) -> float | None:
    """A partial date (YYYY[-MM[-DD]]) as a fractional year at its start; ``None`` when it cannot be read."""
    parts = date.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
    except ValueError:
        return None
    return year + (month - 1) / 12 + (day - 1) / 365


def timeline_chart(entries: list[dict[str, Any]], width: int = 960, lane: int = 26) -> dict[str, Any]:
    """Positions for the timeline's SVG: one dot per dated event in a lane per event type, sized by the highest
    death toll any source gave, and yearly ticks. Numbers and the entries' own strings only; the template escapes
    every label, so an event name stays text inside ``<title>``."""
    dated: list[tuple[dict[str, Any], float]] = []
    for e in entries:
        x = _year(e["date"]) if e.get("date") else None
        if x is not None:
            dated.append((e, x))
    types = sorted({e.get("type") or "other" for e, _ in dated})
    left, right = 130, width - 20
    if not dated:
        return {"width": width, "height": 0, "dots": [], "ticks": [], "lanes": []}
    low, high = min(x for _, x in dated), max(x for _, x in dated)
    low, high = float(int(low)), float(int(high) + 1)
    scale = (right - left) / (high - low)
    step = max(1, round((high - low) / 12))
    dots = []
    for e, x in dated:
        killed = max([f["killed"] for f in e.get("figures", []) if f.get("killed") is not None], default=None)
        radius = 4 + min(10, int((killed or 0) ** 0.5))
        dots.append({"x": round(left + (x - low) * scale, 1), "y": 30 + types.index(e.get("type") or "other") * lane,
                     "r": radius, "id": e["id"], "label": e["label"], "date": e["date"], "killed": killed,
                     "type": e.get("type") or "other"})
    ticks = [{"x": round(left + (year - low) * scale, 1), "label": str(year)}
             for year in range(int(low), int(high) + 1, step)]
    return {"width": width, "height": 40 + len(types) * lane, "dots": dots, "ticks": ticks,
            "lanes": [{"y": 30 + i * lane, "label": t} for i, t in enumerate(types)]}


TEMPLATES.globals.update(link=link, seg=segment, version=__version__, grade_words=grade_words,
                         timeline_chart=timeline_chart)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from a template, with the request (for pagers) and the form token."""
    html = TEMPLATES.get_template(name).render(request=request, csrf=csrf_token(request),
                                               here=lambda **c: with_params(request, **c), **context)
    return HTMLResponse(html, status_code=status)


ROLE_NAMES = {"responsible_for": "perpetrator"}
"""A role's name in the reader: the vocabulary's event roles as they are, ``responsible_for`` as perpetrator."""


def spans(text: str, marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut ``text`` at every mark boundary into pieces, each listing the marks that cover it.

    Marks overlap freely (a claim's sentence holds mentions and other claims), so the reader shows each piece
    once with every highlight that applies, instead of nesting tags that would cross.
    """
    cuts = {0, len(text)}
    for m in marks:
        if 0 <= m["start"] < m["end"] <= len(text):
            cuts.update((m["start"], m["end"]))
    points = sorted(cuts)
    pieces = []
    for start, end in pairwise(points):
        covering = [m for m in marks if m["start"] <= start and end <= m["end"]]
        pieces.append({"text": text[start:end], "start": start,
                       "claims": [m["id"] for m in covering if m["kind"] == "claim"],
                       "roles": sorted({m["role"] for m in covering if m["kind"] == "role"}),
                       "entities": [m for m in covering if m["kind"] not in ("claim", "role")]})
    return pieces


def role_marks(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Where each event role's filler stands in its sentence: the perpetrator of a ``responsible_for`` claim (its
    subject), and the target, victim, weapon or place of a role (its object, an entity or a literal)."""
    text, marks = doc["text"], []
    for row in [*doc["roles"], *(c for c in doc["claims"] if c["predicate"] in ROLE_NAMES)]:
        end_name = "subject" if row["predicate"] in ROLE_NAMES else "object"
        filler, filler_id = row[end_name], row[f"{end_name}_id"]
        inside = [m for m in doc["mentions"] if row["start"] <= m["start"] and m["end"] <= row["end"]
                  and filler_id and m["entity_id"] == filler_id]
        found = [(m["start"], m["end"]) for m in inside]
        if not found and filler:
            at = text.lower().find(str(filler).lower(), row["start"], row["end"])
            found = [(at, at + len(str(filler)))] if at >= 0 else []
        role = ROLE_NAMES.get(row["predicate"], row["predicate"])
        marks += [{"start": s, "end": e, "kind": "role", "role": role} for s, e in found]
    return marks


def reader_pieces(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The reader's pieces of one document: mentions by entity kind, claims by assertion id, event roles."""
    marks = [{"start": m["start"], "end": m["end"], "kind": m["kind"], "entity_id": m["entity_id"],
              "name": m["name"]} for m in doc["mentions"]]
    marks += [{"start": c["start"], "end": c["end"], "kind": "claim", "id": c["id"]} for c in doc["claims"]]
    marks += role_marks(doc)
    return spans(doc["text"], marks)
