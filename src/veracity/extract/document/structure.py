"""Document structure in the parse: the dateline is parsed as a segment of its own, never as part of the first
sentence, and its reading is kept on the ``Doc`` (``doc._.dateline``) for the steps that follow.

A spaCy component placed before the parser: the parser keeps sentence starts that are set before it runs.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from veracity.extract.actors.finder import Found, PlaceMention
from veracity.extract.places.finder import lookup_place
from veracity.ingest.dateline import Dateline, find_dateline

COMPONENT = "veracity_dateline"

if not Doc.has_extension("dateline"):
    Doc.set_extension("dateline", default=None)


@Language.component(COMPONENT, assigns=["token.is_sent_start", "doc._.dateline"])
def split_dateline(doc: Doc) -> Doc:
    """Find the dateline and start a sentence where it ends."""
    found = find_dateline(doc.text)
    doc._.dateline = found
    if found is not None:
        after = next((t for t in doc if t.idx >= found.end), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
    return doc


def dateline_of(doc: Doc) -> Dateline | None:
    """The dateline the component found, if any."""
    found: Dateline | None = doc._.dateline
    return found


def add_dateline_place(doc: Doc, found: Found) -> None:
    """The place a report was filed from is a place of the report ("RAWALPINDI:"), though the NER, reading a
    capitalised word before a colon, often misses it."""
    dateline = dateline_of(doc)
    if dateline is None:
        return
    at = doc.text.find(dateline.place, 0, dateline.end)
    span = doc.char_span(at, at + len(dateline.place)) if at >= 0 else None
    if span is None or any(p.start < span.end and span.start < p.end for p in found.places):
        return
    hit = lookup_place(dateline.place) or lookup_place(dateline.place.title())
    if hit is not None:
        found.places.append(PlaceMention(span.start, span.end, hit.name, hit.kind, hit.country, span.text))


def add_dateline_splitter(nlp: Language) -> None:
    """Put the component before the parser (once)."""
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser" if "parser" in nlp.pipe_names else None)
