"""Analysis over the store: networks, timelines, surges, places, and interchange (STIX 2.1, GraphML, GEXF, CSV,
JSONL, full-store dumps). Every function takes a read-only view (or, for imports, the store) and returns records
that the CLI, the API and the web page render."""

from veracity.analyse.graph import CLAIM, STATED, Edge, GradeLike, Grader, Network, collect, edge_kind
from veracity.analyse.interchange import EXPORT_FORMATS, IMPORT_FORMATS, export_to, import_from
from veracity.analyse.network import centrality, communities, ego, paths

__all__ = [
    "CLAIM",
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "STATED",
    "Edge",
    "GradeLike",
    "Grader",
    "Network",
    "centrality",
    "collect",
    "communities",
    "edge_kind",
    "ego",
    "export_to",
    "import_from",
    "paths",
]
