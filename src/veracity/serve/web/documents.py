"""Documents as a reader sees them, and search across documents, actors and claims.

A document comes with every mention, event and claim found in it, each with character offsets into its text,
so the reader page can highlight them and the API client can do the same; search returns links that open.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from veracity.analyse.timeline import in_range
from veracity.model.records import EntityKind
from veracity.serve.web.listing import contains, where
from veracity.serve.web.queries import add_grades, claim_row, grades_by_id
from veracity.store import View, summary

SNIPPET = 80
EVENT_PREFIX = f"{EntityKind.EVENT.value}:"
_WORD = re.compile(r"\w+", re.UNICODE)


def document_row(doc: Any) -> dict[str, Any]:
    """A document's facts without its text (lists)."""
    return {"id": doc.id, "name": doc.name, "title": doc.title, "outlet": doc.outlet, "published": doc.published,
            "url": doc.url, "language": doc.language, "chars": len(doc.text)}


def fit_span(text: str, start: int, end: int, surface: str) -> tuple[int, int]:
    """The offsets of ``surface`` inside a stored span that is wider than it (extraction can keep a trailing
    stop: "ISIS-K." for the surface "ISIS-K"), so a highlight covers the name alone; other spans are kept."""
    seen = text[start:end]
    if seen == surface or not surface or surface not in seen:
        return start, end
    at = start + seen.index(surface)
    return at, at + len(surface)


def documents(view: View, as_of: str | None = None, *, outlet: str | None = None, date_from: str | None = None,
              date_to: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
    """Stored documents (``veracity documents``) as rows, newest first and undated ones (registry entries) last,
    filtered by an outlet substring, a publication date range and a substring of the name or title (``q``)."""
    dated = None if not (date_from or date_to) else (lambda r: in_range(r.get("published"), date_from, date_to))
    rows = where([document_row(d) for d in view.documents(as_of=as_of)],
                 [contains(("outlet",), outlet), dated, contains(("name", "title"), q)])
    newest = sorted((r for r in rows if r["published"]), key=lambda r: r["published"], reverse=True)
    return newest + [r for r in rows if not r["published"]]


def document(view: View, key: str) -> dict[str, Any]:
    """One document: its text, every mention (with entity and kind), every event mentioned, every claim.

    Offsets index ``text`` (Python string positions), so ``text[start:end]`` is the highlighted span.
    """
    doc = view.document(key)
    kinds = cache(lambda i: view.entity(view.canonical(i)).kind.value)
    name = cache(view.name)
    mentions = [{"start": start, "end": end, "surface": m.surface, "entity_id": view.canonical(m.entity_id),
                 "name": name(m.entity_id), "kind": kinds(m.entity_id)}
                for m in view.mentions(doc_id=doc.id) for start, end in [fit_span(doc.text, m.start, m.end, m.surface)]]
    assertions = [claim_row(view, ev) for ev in view.evidence(doc_id=doc.id, include_superseded=True)]
    role = summary.ROLE_PREDICATES
    events = sorted({(m["entity_id"], m["name"]) for m in mentions if m["kind"] == EntityKind.EVENT.value}
                    | {(a[f"{end}_id"], a[end]) for a in assertions for end in ("subject", "object")
                       if (a[f"{end}_id"] or "").startswith(EVENT_PREFIX)})
    return {**document_row(doc), "text": doc.text, "mentions": mentions,
            "events": [{"id": i, "name": n} for i, n in events],
            "claims": add_grades([a for a in assertions if a["predicate"] not in role], grades_by_id(view, None)),
            "roles": [a for a in assertions if a["predicate"] in role]}


def _snippet(text: str, words: list[str]) -> str:
    """The text around the first query word found (case-insensitive), with ellipses where it was cut."""
    low = text.lower()
    hits = [low.find(w.lower()) for w in words if low.find(w.lower()) >= 0]
    at = min(hits) if hits else 0
    start, end = max(0, at - SNIPPET // 2), min(len(text), at + SNIPPET)
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


def _matches(words: list[str], *fields: Any) -> bool:
    joined = " ".join(str(f) for f in fields if f).lower()
    return all(w.lower() in joined for w in words)


def search(view: View, query: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
    """Full-text search over documents (the store's index), and substring search over actors and claims.

    Every hit carries ``url`` (its page) and ``api`` (its JSON), so a result always opens.
    """
    words = _WORD.findall(query)
    if not words:
        return {"documents": [], "actors": [], "claims": []}
    docs = []
    for doc_id, snippet in view.search(query, limit):
        doc = view.document(doc_id)
        docs.append({"id": doc_id, "name": doc.name, "title": doc.title, "published": doc.published,
                     "snippet": snippet, "url": f"/documents/{doc_id}", "api": f"/api/documents/{doc_id}"})
    actors = [{"id": a["id"], "name": a["name"], "type": a["type"], "mentions": a["mentions"],
               "snippet": ", ".join(a["surfaces"][:8]), "url": f"/actors/{a['id']}", "api": f"/api/actors/{a['id']}"}
              for a in summary.actors(view) if _matches(words, a["name"], *a["surfaces"])][:limit]
    claims = [{"id": c["id"], "statement": f"{c['subject']} {c['predicate']} {c['object']}",
               "claimant": c["claimant"], "snippet": _snippet(c["quote"], words), "published": c["published"],
               "url": f"/documents/{c['doc_id']}#a-{c['id']}", "proposition": f"/propositions/{c['proposition']}",
               "api": f"/api/claims?about={c['subject_id']}"}
              for c in _all_claims(view) if _matches(words, c["quote"], c["subject"], c["object"], c["claimant"])]
    return {"documents": docs, "actors": actors, "claims": claims[:limit]}


def _all_claims(view: View) -> list[dict[str, Any]]:
    return [claim_row(view, ev) for ev in view.evidence() if ev.assertion.predicate not in summary.ROLE_PREDICATES]
