"""Export memory stays flat as the store grows: tracemalloc peak of each export at two store sizes.

    python bench/bench_export.py                  # 25k and 100k assertions over 2,000 entities
    python bench/bench_export.py --small 5000 --factor 4

The entity count is held fixed so the ratio isolates growth in assertions and documents (entities are loaded as
a list by the store's ``View.entities()``, so they are the part that is not streamed). A ratio near 1.0 for a
4x larger store means the export streams; a ratio near 4 would mean it builds the whole output in memory.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_network import build
from veracity.analyse.export import dump_store, export_csv, export_jsonl
from veracity.analyse.stix_out import export_stix


def exporters(out: Path) -> dict[str, Callable[[Any], Any]]:
    return {
        "stix": lambda view: export_stix(view, out / "bundle.json", gaz=False),
        "jsonl": lambda view: export_jsonl(view, out / "all.jsonl"),
        "csv": lambda view: export_csv(view, out / "csv"),
        "store": lambda view: dump_store(view, out / "dump.jsonl"),
    }


def peak(call: Callable[[Any], Any], view: Any) -> tuple[float, float]:
    """(peak MiB allocated during the call, seconds)."""
    tracemalloc.start()
    start = time.perf_counter()
    call(view)
    seconds = time.perf_counter() - start
    _, high = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return high / 2**20, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--small", type=int, default=25_000, help="assertions in the small store")
    parser.add_argument("--factor", type=int, default=4, help="how many times larger the big store is")
    parser.add_argument("--entities", type=int, default=2_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    sizes = (args.small, args.small * args.factor)
    stores = {n: build(work / f"s{n}.db", n, args.entities) for n in sizes}
    print(f"stores: {sizes[0]:,} and {sizes[1]:,} assertions over {args.entities:,} entities")
    for name, call in exporters(work).items():
        small, small_s = peak(call, stores[sizes[0]].view())
        big, big_s = peak(call, stores[sizes[1]].view())
        print(f"{name:6} peak {small:7.1f} MiB -> {big:7.1f} MiB  ratio {big / small:4.2f} for {args.factor}x rows "
              f"({small_s:.1f} s -> {big_s:.1f} s under tracemalloc)")


if __name__ == "__main__":
    main()
