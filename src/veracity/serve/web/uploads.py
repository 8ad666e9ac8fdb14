"""Files in and out over HTTP: uploads go through the same run as ``veracity ingest``, exports through
``veracity export``; both through a private temporary folder, never a path the client chose.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import UploadFile

from veracity.analyse.interchange import EXPORT_FORMATS, export_to
from veracity.model.errors import InvalidInput
from veracity.settings import Settings
from veracity.store import Store, View

EXPORTS = {"stix": "application/json", "graphml": "application/xml", "gexf": "application/xml",
           "csv": "application/zip", "jsonl": "application/x-ndjson", "store": "application/x-ndjson"}
SUFFIX = {"stix": ".json", "graphml": ".graphml", "gexf": ".gexf", "jsonl": ".jsonl", "store": ".jsonl"}
_SAFE = re.compile(r"[^\w.\-]+")
MAX_FILES = 200


def safe_name(name: str | None, index: int) -> str:
    """A file name reduced to its last component and safe characters (uploads name no path of ours)."""
    base = Path(name or "").name
    cleaned = _SAFE.sub("_", base).lstrip(".")
    return cleaned or f"upload-{index}.txt"


def ingest_uploads(store: Store, settings: Settings, files: list[UploadFile], extractor: Any | None
                   ) -> dict[str, Any]:
    """Save the uploads in a private folder, ingest them (and extract when given an extractor), report."""
    from veracity.run import build

    if not files or len(files) > MAX_FILES:
        raise InvalidInput(f"send 1 to {MAX_FILES} files, not {len(files)}", fix="attach the files as 'files'")
    folder = Path(tempfile.mkdtemp(prefix="veracity-upload-"))
    try:
        paths = []
        for i, upload in enumerate(files):
            target = folder / f"{i:03d}" / safe_name(upload.filename, i)
            target.parent.mkdir()
            with target.open("wb") as out:
                shutil.copyfileobj(upload.file, out, length=1 << 20)
            paths.append(target)
        build.load_registry(store)
        build.load_outlets(store, settings.outlets)
        report = build.ingest(store, paths, settings.max_doc_bytes)
        extracted = build.extract(store, extractor, settings.batch_size) if extractor is not None else None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"ingested": report.ingested, "duplicates": report.duplicates,
            "rejected": [{"file": Path(r.path).name, "line": r.line, "reason": r.reason} for r in report.rejected],
            "extracted": None if extracted is None else {
                "documents": extracted.documents, "assertions": extracted.assertions,
                "entities": extracted.entities, "superseded": extracted.superseded}}


def export_file(view: View, fmt: str, folder: Path, about: str | None) -> Path:
    """Export into ``folder`` and return the one file to send (a CSV export is a folder, sent zipped)."""
    if fmt not in EXPORT_FORMATS:
        raise InvalidInput(f"unknown export format {fmt!r}", fix=f"use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "csv":
        export_to(view, fmt, folder / "csv", about)
        return Path(shutil.make_archive(str(folder / "veracity-csv"), "zip", folder / "csv"))
    out = folder / f"veracity-{fmt}{SUFFIX[fmt]}"
    export_to(view, fmt, out, about)
    return out
