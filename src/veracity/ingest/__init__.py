"""Ingest: files, folders, HTML pages, feeds and JSON Lines into :class:`~veracity.model.Document` records.

``read_paths`` walks what it is given and yields a :class:`Loaded` per document and a :class:`Rejected` per bad
file or line, so one broken input never stops a batch. Readers per format live in one module each; all of them end
in :func:`~veracity.ingest.text.make_document`, so a text has the same id whatever file it came from.
"""

from veracity.ingest.html import read_html_document
from veracity.ingest.items import Item, Loaded, Rejected
from veracity.ingest.sources import READERS, from_file, read_paths
from veracity.ingest.text import format_header, read_text_document, split_header

__all__ = [
    "READERS", "Item", "Loaded", "Rejected", "format_header", "from_file", "read_html_document", "read_paths",
    "read_text_document", "split_header",
]
