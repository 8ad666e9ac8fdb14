"""Analysis and interchange commands: network, path, timeline, surges, places, export, import.

Each command parses its arguments, makes one call into ``veracity.analyse`` with a read-only view (or the store,
for imports) and prints the result; article text is escaped before printing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from veracity.serve.app import console, escape, handle_errors, open_store

EXPORT_FORMATS = ("stix", "graphml", "gexf", "csv", "jsonl", "store")
IMPORT_FORMATS = ("stix", "store")


def _namer(view: Any) -> Any:
    return cache(view.name)


def _edges_table(net: Any, name: Any) -> Table:
    table = Table("source", "predicate", "target", "kind", "claimants", "evidence", "grade")
    for edge in sorted(net.edges.values(), key=lambda e: (-e.size, e.source, e.predicate)):
        support = edge.support()
        table.add_row(escape(name(edge.source)), edge.predicate, escape(name(edge.target)), edge.kind,
                      escape(", ".join(name(c) for c in edge.claimants)),
                      f"{support['evidence']} ({support['denies']} denials)", escape(support["grade"] or "-"))
    return table


def network(
    name: str = typer.Argument(..., help="Actor, place or event (name, alias or id)."),
    depth: int = typer.Option(1, "--depth", help="Hops from the entity."),
    min_grade: str = typer.Option(None, "--min-grade", help="Keep edges graded at least this ICD-203 word."),
    as_of: str = typer.Option(None, "--as-of", help="Only documents published by this date (YYYY[-MM[-DD]])."),
    communities: bool = typer.Option(False, "--communities", help="Also show central nodes and communities."),
    graphml: Path = typer.Option(None, "--graphml", help="Write the network as GraphML to this file."),
    gexf: Path = typer.Option(None, "--gexf", help="Write the network as GEXF to this file."),
) -> None:
    """The ego network of an entity: each edge with its propositions, claimants, evidence count and grade."""
    from veracity.analyse import network as nw
    from veracity.analyse.export import write_graph
    from veracity.analyse.grades import grader_for

    view = open_store().view()
    net = nw.require_nodes(nw.ego(view, name, depth, min_grade, as_of, grader_for(view, as_of)), name)
    label = _namer(view)
    console.print(_edges_table(net, label))
    if communities:
        for node, degree, between in nw.centrality(net):
            console.print(f"central: {escape(label(node))}  degree {degree:.2f}  betweenness {between:.2f}")
        for i, members in enumerate(nw.communities(net), 1):
            console.print(f"community {i}: " + escape(", ".join(label(m) for m in members)))
    for path, fmt in ((graphml, "graphml"), (gexf, "gexf")):
        if path:
            nw.name_nodes(view, net)
            console.print(f"wrote {write_graph(net, path, fmt)} edges to {escape(path)}")


def path(
    a: str = typer.Argument(..., help="First entity."),
    b: str = typer.Argument(..., help="Second entity."),
    max_len: int = typer.Option(3, "--max-len", help="Longest chain, in hops."),
    as_of: str = typer.Option(None, "--as-of", help="Only documents published by this date."),
) -> None:
    """The chains linking two entities, each hop with its edges, claimants and evidence."""
    from veracity.analyse import network as nw
    from veracity.analyse.grades import grader_for

    view = open_store().view()
    found = nw.paths(view, a, b, max_len, as_of, grader_for(view, as_of))
    if not found:
        console.print(f"no chain of at most {max_len} hops links {escape(a)} and {escape(b)}")
        return
    label = _namer(view)
    for chain in found:
        console.print("[bold]" + escape(" -> ".join(label(n) for n in chain.nodes)) + "[/bold]")
        for hop in chain.hops:
            for edge in hop.edges:
                claimants = ", ".join(label(c) for c in edge.claimants)
                graded = f"; graded {edge.grade.word}" if edge.grade else ""
                console.print(f"  {escape(label(edge.source))} {edge.predicate} {escape(label(edge.target))} "
                              f"{escape(f'[{edge.kind}]')} {edge.size} evidence; by {escape(claimants)}"
                              f"{escape(graded)}")


def timeline(
    actor: str = typer.Option(None, "--actor", help="Only events with a line about this actor."),
    place: str = typer.Option(None, "--place", help="Only events at this place or country."),
    date_from: str = typer.Option(None, "--from", help="Events overlapping from this date."),
    date_to: str = typer.Option(None, "--to", help="Events overlapping up to this date."),
) -> None:
    """Events in date order with precision, casualty figures and sources, and claims about them over time."""
    from veracity.analyse.timeline import timeline as build
    from veracity.serve.cli_table import wrapping_console

    out = wrapping_console()
    view = open_store().view()
    label = _namer(view)
    for entry in build(view, actor, place, date_from, date_to):
        where = escape(entry.place or entry.country or "")
        out.print(f"[bold]{escape(entry.date or 'undated')}[/bold] ({entry.precision or '-'}) "
                  f"{escape(entry.event.name)} {escape(f'[{entry.event.type}]')} {where}")
        for fig in entry.figures:
            source = escape(fig.outlet or fig.source or "no source")
            counts = ", ".join(f"{what} {n}" for what, n in (("killed", fig.killed), ("injured", fig.injured))
                               if n is not None) or "no figures"
            out.print(f"  {counts} - {source} {escape(fig.published or '')}".rstrip())
        for line in entry.lines:
            denied = f"; denied by {escape(', '.join(label(c) for _, c in line.denials))}" if line.denials else ""
            out.print(f"  {escape(line.first_seen or '?')} {escape(label(line.subject))} {line.predicate} "
                      f"{escape(label(line.object))} - first by {escape(label(line.first_claimant or '?'))}, "
                      f"{len(line.claimants)} reports{denied}")


def surges(
    by: str = typer.Option("actor", "--by", help="actor | province | country"),
    window: int = typer.Option(12, "--window", help="Baseline weeks."),
    alpha: float = typer.Option(0.01, "--alpha", help="Flag when the Poisson upper tail is below this."),
) -> None:
    """Weekly attack counts per series against its own trailing baseline; significant rises flagged."""
    from veracity.analyse.surges import surges_of

    found = surges_of(open_store().view(), by, window=window, alpha=alpha)
    console.print(f"test: {escape(found.test)}; {found.skipped} events not dated to the day were left out")
    for series in found.series:
        console.print(f"[bold]{escape(series.key)}[/bold]: {series.total} attacks, {len(series.surges)} surges")
        for week in series.surges:
            since = f", highest since {week.highest_since}" if week.highest_since else ""
            console.print(f"  week of {week.start}: {week.count} vs baseline {week.baseline:.2f} "
                          f"(p={week.p_value:.2g}{since})")


def places(geojson: Path = typer.Option(None, "--geojson", help="Write a GeoJSON FeatureCollection here.")) -> None:
    """Every place and event with coordinates from the offline gazetteer."""
    from veracity.analyse.places import places as locate
    from veracity.analyse.places import write_geojson

    report = locate(open_store().view())
    for item in report.located:
        console.print(f"{item.lat:8.3f} {item.lon:8.3f}  {item.kind:5} {escape(item.name)} ({item.located_by})")
    console.print(f"{len(report.located)} located, {len(report.unlocated)} not in the gazetteer")
    if geojson:
        console.print(f"wrote {write_geojson(report, geojson)} features to {escape(geojson)}")


def export(
    fmt: str = typer.Argument(..., help=" | ".join(EXPORT_FORMATS)),
    out: Path = typer.Argument(..., help="Output file (a folder for csv)."),
    about: str = typer.Option(None, "--about", help="Only what concerns this entity."),
) -> None:
    """Export the store (or what concerns one entity) as STIX 2.1, GraphML, GEXF, CSV, JSONL or a full dump."""
    from veracity.analyse.interchange import export_to

    console.print(f"wrote {export_to(open_store().view(), fmt, out, about)} records to {escape(out)}")


def import_(
    fmt: str = typer.Argument(..., help=" | ".join(IMPORT_FORMATS)),
    file: Path = typer.Argument(..., help="A STIX 2.1 bundle or a store dump."),
) -> None:
    """Import a STIX 2.1 bundle (as claims by its author) or a full-store dump into the store."""
    from veracity.analyse.interchange import import_from

    console.print(f"imported {import_from(open_store(), fmt, file)} rows from {escape(file)}")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    for command in (network, path, timeline, surges, places, export):
        app.command(name=command.__name__)(handle_errors(command))
    app.command(name="import")(handle_errors(import_))
