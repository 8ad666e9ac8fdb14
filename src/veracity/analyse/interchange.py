"""One entry point per direction for every interchange format, so the CLI and the API name a format and a path.

``export_to(view, fmt, out, about)`` and ``import_from(store, fmt, path)`` dispatch to the format modules and add
grades whenever the assessment stage provides them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from veracity.analyse import export as flat
from veracity.analyse.grades import grader_for
from veracity.analyse.stix_in import import_stix
from veracity.analyse.stix_out import export_stix
from veracity.model.errors import InvalidInput

EXPORT_FORMATS = ("stix", "graphml", "gexf", "csv", "jsonl", "store")
IMPORT_FORMATS = ("stix", "store")


def _gazetteer() -> Any:
    """The gazetteer for STIX locations, or ``None`` (places then export only when they carry a country code)."""
    try:
        from veracity.analyse.places import default_gazetteer

        return default_gazetteer()
    except Exception:
        return None


def export_to(view: Any, fmt: str, out: str | Path, about: str | None = None) -> int:
    """Write ``view`` (or what concerns ``about``) to ``out`` in ``fmt``; returns objects, edges or rows written."""
    if fmt not in EXPORT_FORMATS:
        raise InvalidInput(f"unknown export format {fmt!r}", fix=f"use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "store":
        if about:
            raise InvalidInput("a store dump is always complete", fix="drop --about, or export jsonl instead")
        return flat.dump_store(view, out).total
    grade = grader_for(view)
    if fmt == "stix":
        return export_stix(view, out, about, grade)
    if fmt in flat.GRAPH_FORMATS:
        return flat.write_graph(flat.network_of(view, about, grade=grade), out, fmt)
    if fmt == "csv":
        return flat.export_csv(view, out, about, grade)
    return flat.export_jsonl(view, out, about, grade)


def import_from(store: Any, fmt: str, path: str | Path) -> int:
    """Read ``path`` in ``fmt`` into ``store``; returns assertions (stix) or rows inserted (store)."""
    if not Path(path).is_file():
        raise InvalidInput(f"no file {path}", fix="give the path of an exported file")
    if fmt == "stix":
        return import_stix(store, path).assertions
    if fmt == "store":
        return flat.load_store(store, path).total
    raise InvalidInput(f"unknown import format {fmt!r}", fix=f"use one of {', '.join(IMPORT_FORMATS)}")
