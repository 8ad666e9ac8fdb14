"""Core commands: ingest, build, extract, documents, actors, actor, claims, events, review, demo, warnings, watch."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from veracity.serve.app import console, escape, handle_errors, open_store, settings

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "seeds"


def _extractor() -> Any:
    from veracity.extract import Extractor

    return Extractor(model=settings().spacy_model, statements=settings().statements)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[item]}"), console=console, transient=True)


def _ingest(paths: list[Path], extract: bool, engine: str = "local", address: str | None = None,
            workers: int = 2, marking: Any = None) -> tuple[Any, Any]:
    from veracity.run import build
    from veracity.store.marking import Actor

    store = open_store()
    if marking is not None:
        store = store.acting(Actor("cli", marking.owner_org), marking)
    build.load_registry(store)
    build.load_outlets(store, settings().outlets)
    files = [p for p in paths for p in ([p] if p.is_file() else sorted(p.rglob("*")) if p.is_dir() else [p])]
    if engine != "local" or address:
        from veracity.run.engine import ingest_distributed

        with _progress() as bar:
            task = bar.add_task(engine, total=len(files) or None, item="")
            return ingest_distributed(
                store, paths, settings().max_doc_bytes, engine=engine, address=address, workers=workers,
                model=settings().spacy_model, statements=settings().statements, batch_size=settings().batch_size,
                progress=lambda item: bar.update(task, advance=1, item=escape(Path(item).name)))
    with _progress() as bar:
        task = bar.add_task("ingest", total=len(files) or None, item="")
        report = build.ingest(store, paths, settings().max_doc_bytes,
                              progress=lambda item: bar.update(task, advance=1, item=escape(Path(item).name)))
    extracted = None
    if extract:
        extractor = _extractor()
        with _progress() as bar:
            task = bar.add_task("extract", total=len(store.view().unextracted(extractor.version)) or None, item="")
            extracted = build.extract(store, extractor, settings().batch_size,
                                      progress=lambda item: bar.update(task, advance=1, item=escape(item)),
                                      run=report.run)
        report.run.finish(store, report.counts() | extracted.counts())
    return report, extracted


def _print_ingest(report: Any, extracted: Any) -> None:
    for rejected in report.rejected:
        where = f"{rejected.path}" + (f":{rejected.line}" if rejected.line else "")
        console.print(f"[yellow]rejected[/yellow] {escape(where)}: {escape(rejected.reason)}")
    console.print(f"ingested {len(report.ingested)}, duplicates {len(report.duplicates)}, "
                  f"rejected {len(report.rejected)}, warnings {report.warnings}")
    if report.languages:
        found = ", ".join(f"{code} {n}" for code, n in report.languages.most_common())
        console.print(f"[yellow]{sum(report.languages.values())} documents in a language the extractor cannot "
                      f"read[/yellow] ({found}): stored, nothing extracted")
    if extracted is not None:
        console.print(f"extracted {extracted.documents} documents: {extracted.assertions} new assertions, "
                      f"{extracted.entities} new entities, {extracted.superseded} superseded, "
                      f"{len(extracted.warnings)} warnings")
    console.print(f"run {report.run.id}: `veracity warnings --run {report.run.id}` lists its warnings")


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders (.txt .md .html .jsonl .xml/.rss/.atom)."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero if any file is rejected."),
    no_extract: bool = typer.Option(False, "--no-extract", help="Store documents without extracting them."),
    engine: str = typer.Option("local", "--engine", help="local (this process) or dask (extraction workers)."),
    address: str = typer.Option(None, "--address", help="A running Dask scheduler; default: a local cluster."),
    workers: int = typer.Option(2, "--workers", help="Worker processes of the local Dask cluster."),
    tlp: str = typer.Option(None, "--tlp", help="Marking of new documents: CLEAR GREEN AMBER AMBER+STRICT RED."),
    share: list[str] = typer.Option([], "--share", help="Sharing group that may read AMBER documents (repeatable)."),
    org: str = typer.Option(None, "--org", help="Owner organisation of new documents (needed with --tlp)."),
) -> None:
    """Ingest documents into the store and extract them; re-ingesting the same text changes nothing."""
    from veracity.serve.cli_team import ingest_marking

    if no_extract and (engine != "local" or address):
        from veracity.model.errors import ConfigError

        raise ConfigError("--no-extract runs no extraction, so it needs no engine", fix="leave --engine out")
    report, extracted = _ingest(paths, extract=not no_extract, engine=engine, address=address, workers=workers,
                                marking=ingest_marking(tlp, share, org))
    _print_ingest(report, extracted)
    if (strict and report.rejected) or (report.rejected and not report.ingested and not report.duplicates):
        raise typer.Exit(1)


def build(force: bool = typer.Option(False, "--force", help="Re-read documents this extractor already read.")
          ) -> None:
    """Extract every stored document the current extractor version has not read (after an upgrade, say)."""
    from veracity.run import build as b

    report = b.extract(open_store(), _extractor(), settings().batch_size, force=force)
    console.print(f"extracted {report.documents} documents: {report.assertions} new assertions, "
                  f"{report.superseded} superseded")


def extract(
    files: list[Path] = typer.Argument(..., help="Documents to extract (not stored)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON record per document, in the gold schema."),
) -> None:
    """Extract documents and print what was found, without touching the store."""
    from veracity.ingest import Rejected, read_paths
    from veracity.model.errors import InvalidInput

    extractor = _extractor()
    from veracity.extract.records import to_gold_record

    for item in read_paths(files, max_bytes=settings().max_doc_bytes):
        if isinstance(item, Rejected):
            raise InvalidInput(f"{item.path}: {item.reason}")
        record = to_gold_record(extractor.extract(item.document))
        if as_json:
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            _print_record(record)


def _print_record(record: dict[str, Any]) -> None:
    console.rule(escape(record["doc"]))
    console.print(f"published: {escape(record.get('published'))}")
    for actor in record.get("actors", []):
        console.print(f"actor  {escape(actor['name'])} [{actor['type']}]: {escape(', '.join(actor['surface']))}")
    for event in record.get("events", []):
        console.print(f"event  {escape(event['label'])} {event.get('date')} {escape(event.get('place'))}")
    for claim in record.get("claims", []):
        console.print(f"claim  {escape(claim['claimant'])} {claim['stance']}: {escape(claim['subject'])} "
                      f"{claim['predicate']} {escape(claim['object'])}")


def actors_table(found: list[dict[str, Any]]) -> Table:
    table = Table("actor", "type", "mentions", "surface forms")
    for a in found:
        name = escape(a["name"]) + ("" if a["resolved"] else " [dim](unresolved)[/dim]")
        table.add_row(name, a["type"], str(a["mentions"]), escape(", ".join(a["surfaces"])))
    return table


def actor(name: str = typer.Argument(..., help="Name, alias or id."),
          as_json: bool = typer.Option(False, "--json")) -> None:
    """One actor: aliases, and the claims about it and by it, each with outlet, date and quote."""
    from veracity.store.summary import actor_profile

    profile = actor_profile(open_store().view(), name)
    if as_json:
        typer.echo(json.dumps(profile, ensure_ascii=False))
        return
    console.print(f"[bold]{escape(profile['name'])}[/bold] ({profile['type']}) {profile['qid'] or ''}")
    console.print("aliases: " + escape(", ".join(profile["aliases"])))
    for title, rows in (("about it", profile["about"]), ("by it", profile["by"])):
        console.rule(title)
        for row in rows:
            console.print(claim_line(row))


def claim_line(row: dict[str, Any]) -> str:
    """One claim as a line: claimant stance (subject predicate object) [hedge] — outlet, date: "quote"."""
    hedge = f" [magenta]hedged: {escape(row['hedge'])}[/magenta]" if row.get("hedge") else ""
    colour = "red" if row["stance"] == "denies" else "green"
    source = ", ".join(x for x in (row.get("outlet"), row.get("published"), row.get("doc")) if x)
    short = f"[dim]{row['id'][:8]}[/dim] " if row.get("id") else ""
    background = " [yellow](background)[/yellow]" if row.get("background") else ""
    return (f"{short}[bold]{escape(row['claimant'])}[/bold]{background} [{colour}]{row['stance']}[/{colour}] "
            f"{escape(row['subject'])} [cyan]{row['predicate']}[/cyan] {escape(row['object'])}{hedge}\n"
            f"    [dim]{escape(source)}[/dim]: “{escape(row['quote'])}”")


def events_table(found: list[dict[str, Any]]) -> Table:
    table = Table("date", "event", "type", "place", "killed", "injured", "perpetrator (according to)")
    for e in found:
        perps = "; ".join(f"{p['actor']} ({p['claimant']}, {p['attribution'] or p['stance']})"
                          for p in e["perpetrators"])
        table.add_row(e["date"] or "?", escape(e["label"]), e["type"], escape(e["place"] or ""),
                      str(e["killed"] if e["killed"] is not None else ""),
                      str(e["injured"] if e["injured"] is not None else ""), escape(perps))
    return table


def review(
    assertion_id: str = typer.Argument(..., help="Assertion id or unique prefix (the short id `claims` prints)."),
    verdict: str = typer.Argument(..., help="confirm | reject | correct"),
    note: str = typer.Option("", "--note"),
    reviewer: str = typer.Option("analyst", "--reviewer"),
    claimant: str = typer.Option(None, "--claimant", help="correct: who really says it (name or alias)."),
    stance: str = typer.Option(None, "--stance", help="correct: asserts | denies."),
    subject: str = typer.Option(None, "--subject", help="correct: the real subject."),
    predicate: str = typer.Option(None, "--predicate", help="correct: the real predicate."),
    obj: str = typer.Option(None, "--object", help="correct: the real object (an entity, else a literal)."),
    hedge: str = typer.Option(None, "--hedge", help="correct: the hedge cue, or `none`."),
) -> None:
    """Say whether an extraction matches its source: confirm, reject, or correct it (with the corrected slots)."""
    from veracity.store.review import record_review

    slots = {k: v for k, v in (("claimant", claimant), ("stance", stance), ("subject", subject),
                                ("predicate", predicate), ("object", obj), ("hedge", hedge)) if v is not None}
    made = record_review(open_store(), assertion_id, verdict, note, reviewer, slots or None)
    extra = f"; new assertion {made.correction['superseded_by'][:8]} supersedes it" if made.correction else ""
    console.print(f"recorded {escape(verdict)} on {made.assertion_id[:8]}{extra}")


def demo(path: Path = typer.Argument(EXAMPLES, help="Folder of documents (default: the seed articles).")) -> None:
    """Build a knowledge base from the seed articles and show what was found."""
    report, extracted = _ingest([path], extract=True)
    _print_ingest(report, extracted)
    from veracity.store import summary

    view = open_store().view()
    console.rule("actors and their aliases")
    console.print(actors_table(summary.actors(view)))
    console.rule("events")
    console.print(events_table(summary.events(view)))
    console.rule("claims (claimant, stance, sentence)")
    for row in summary.claims(view):
        if not row["doc"].startswith("registry-"):
            console.print(claim_line(row))
    console.print(f"\nstore: {escape(settings().db)}  ({view.counts()})")


def warnings(
    run: str = typer.Option(None, "--run", help="Run id (or its start); default: the latest run."),
    kind: str = typer.Option(None, "--kind", help="Only this kind: rejected, encoding, html, language, date, extract."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines."),
) -> None:
    """What a batch warned about: rejected files, guessed encodings, repaired pages, unreadable languages, dates."""
    from veracity.run.runs import run_report

    found, rows = run_report(open_store(), run, kind)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    state = f"finished {found['finished_at']}" if found["finished_at"] else "not finished (killed, or running)"
    by_kind = ", ".join(f"{k} {n}" for k, n in Counter(row["kind"] for row in rows).most_common())
    console.print(f"run {found['id']} ({found['kind']}, started {found['started_at']}, {state}): "
                  f"{len(rows)} warnings" + (f" ({by_kind})" if by_kind else ""))
    for row in rows:
        console.print(f"[yellow]{row['kind']}[/yellow] {escape(row['location'])}: {escape(row['message'])}")


def watch(
    feeds: list[str] = typer.Argument(..., help="Feed URLs (http or https)."),
    every: str = typer.Option("15m", "--every", help="Time between rounds: 30s, 15m, 1h, 1d."),
    times: int = typer.Option(None, "--times", help="Stop after this many rounds (default: until stopped)."),
    no_extract: bool = typer.Option(False, "--no-extract", help="Store documents without extracting them."),
) -> None:
    """Poll feeds with conditional requests and store new entries; an entry seen again is stored once."""
    from veracity.run import build
    from veracity.run.watch import Poll, parse_every
    from veracity.run.watch import watch as run_watch

    interval, store = parse_every(every), open_store()
    build.load_registry(store)
    build.load_outlets(store, settings().outlets)
    extractor = None if no_extract else _extractor()

    def show(result: Any) -> None:
        if not isinstance(result, Poll):
            console.print(f"[yellow]failed[/yellow] {escape(result.path)}: {escape(result.reason)}")
        elif not result.changed:
            console.print(f"{escape(result.url)}: not modified")
        else:
            r = result.report
            console.print(f"{escape(result.url)}: ingested {len(r.ingested)}, duplicates {len(r.duplicates)}, "
                          f"rejected {len(r.rejected)}, warnings {r.warnings} (run {r.run.id})")
            if extractor is not None and r.ingested:
                build.extract(store, extractor, settings().batch_size, run=r.run)

    run_watch(store, feeds, interval, settings().max_doc_bytes, times, on_poll=show)


def register(app: typer.Typer) -> None:
    """Add the core commands."""
    from veracity.serve import cli_lists

    for command in (ingest, build, extract, *cli_lists.COMMANDS, actor, review, demo, warnings, watch):
        app.command(name=command.__name__)(handle_errors(command))
