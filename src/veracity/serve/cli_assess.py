"""Assessment commands: assess (grade every proposition), explain (one grade's reasoning), ach (competing hypotheses),
judge (an analyst's own judgement of a proposition, stored as an attributed line).

Each command parses its arguments and makes one call into ``veracity.assess``; text from articles is escaped
before rich prints it (articles are hostile input).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from veracity.serve.app import console, escape, handle_errors, open_store, settings


def _weights() -> Any:
    from veracity.assess import load_weights

    return load_weights(settings().weights)


def assess(
    about: str = typer.Option(None, "--about", help="Only propositions naming this actor, place or event."),
    as_of: str = typer.Option(None, "--as-of", help="Use only documents published by this date (YYYY[-MM[-DD]])."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per proposition, one per line."),
    limit: int = typer.Option(0, "--limit", help="Show at most this many propositions (0: all)."),
    background: bool = typer.Option(True, "--background/--no-background",
                                    help="Count curated registry affiliations (background) as lines."),
) -> None:
    """Grade every proposition by its independent lines of reporting, best supported first."""
    from veracity.assess import assess_view
    from veracity.assess.service import SHORT_ID, namer

    view = open_store().view()
    name = namer(view)
    grades = assess_view(view, about=about, as_of=as_of, weights=_weights(), background=background)
    grades = grades[:limit] if limit else grades
    if as_json:
        for grade in grades:
            typer.echo(json.dumps(grade.summary(), ensure_ascii=False))
        return
    table = Table("id", "proposition", "p", "likelihood", "Adm.", "lines", "against", "bg", "reports")
    for g in grades:
        p = g.proposition
        obj = p.object if p.object_literal else name(p.object)
        summary = g.summary()
        table.add_row(p.id[:SHORT_ID], escape(f"{name(p.subject)} {p.predicate} {obj}"), f"{g.probability:.2f}",
                      g.word, g.code, str(len(g.supporting) - summary["background_lines"]), str(len(g.opposing)),
                      str(summary["background_lines"]), str(g.reports))
    console.print(table)
    console.print(f"{len(grades)} propositions" + (f" as of {escape(as_of)}" if as_of else ""))


def _print_line(number: int, line: dict[str, Any]) -> None:
    source = f", public source: {escape(line['public_source'])}" if line["public_source"] else ""
    console.print(f"\n[bold]{number}. {line['direction']}[/bold] ({line['kind']}{source}) weight "
                  f"{line['weight']:.3f} ({line['reports']} report(s))")
    for why in line["merged_because"]:
        console.print(f"   merged: {escape(why)}")
    for key, factor in line["factors"].items():
        console.print(f"   {key:<12} x{factor['weight']:<7.3g} {escape(factor['value'])}: {escape(factor['why'])}")
    for m in line["members"]:
        where = ", ".join(escape(x) for x in (m["outlet"], m["doc"], m["published"], m["url"]) if x)
        console.print(f"   - {escape(m['claimant_name'])} {m['stance']}: “{escape(m['quote'])}” ({where})")


def explain(
    proposition: str = typer.Argument(..., help="Proposition id (from `veracity assess`), or a unique prefix."),
    as_of: str = typer.Option(None, "--as-of", help="Use only documents published by this date."),
    as_json: bool = typer.Option(False, "--json", help="Print the reasoning as JSON."),
    background: bool = typer.Option(True, "--background/--no-background",
                                    help="Count curated registry affiliations (background) as lines."),
) -> None:
    """Print a grade's full reasoning: every line with its weight, factors, quotes, outlets and dates."""
    from veracity.assess import explain_view, explanation

    view = open_store().view()
    grade = explain_view(view, proposition, as_of=as_of, weights=_weights(), background=background)
    data = explanation(grade, view.name)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    console.print(f"[bold]{escape(data['statement'])}[/bold]  ({data['id'][:8]})")
    console.print(f"Admiralty {data['code']}; {data['word']} ({data['probability']:.0%}); "
                  f"{data['lines']} independent line(s) for, {data['opposing_lines']} against, "
                  f"{data['reports']} report(s)")
    for axis in ("source", "credibility"):
        console.print(f"  {axis:<12} {escape(data['axes'][axis]['why'])}")
    for key, factor in data["factors"].items():
        console.print(f"  {key:<8} {factor['weight']:+.3f}  {escape(factor['why'])}")
    for number, line in enumerate(data["evidence_lines"], 1):
        _print_line(number, line)
    if data["background_lines"]:
        console.rule("background (curated registry, not reporting)")
    for number, line in enumerate(data["background_lines"], len(data["evidence_lines"]) + 1):
        _print_line(number, line)
    if data["rejected_by_analyst"]:
        console.print(f"\nrejected by an analyst: {', '.join(data['rejected_by_analyst'])}")


def ach(
    event: str = typer.Argument(..., help="Event id, name or alias."),
    as_of: str = typer.Option(None, "--as-of", help="Use only documents published by this date."),
    csv_path: Path = typer.Option(None, "--csv", help="Also write the matrix to this CSV file."),
    as_json: bool = typer.Option(False, "--json", help="Print the matrix as JSON."),
) -> None:
    """Competing hypotheses for who was behind an event: a Heuer matrix ranked by weighted inconsistency."""
    from veracity.assess import ach_view

    view = open_store().view()
    matrix = ach_view(view, event, as_of=as_of, weights=_weights())
    rows = matrix.table(view.name)
    if csv_path:
        with csv_path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    if as_json:
        typer.echo(json.dumps(matrix.to_dict(view.name), ensure_ascii=False, indent=2, default=str))
        return
    _print_matrix(rows, view.name(matrix.event))
    console.print(f"[bold]{escape(matrix.verdict(view.name))}[/bold]")


def _print_matrix(rows: list[list[str]], title: str) -> None:
    """Hypotheses become columns H1..Hn with a legend, so the matrix fits a terminal."""
    labels = rows[0][5:]
    table = Table("evidence", "kind", "claimant", "cred.", *(f"H{i}" for i in range(1, len(labels) + 1)),
                  title=escape(title))
    for row in rows[1:-1]:
        quote = row[0] if len(row[0]) <= 70 else row[0][:67] + "..."
        table.add_row(escape(quote), escape(row[1]), escape(row[2]), row[4], *row[5:])
    table.add_row("weighted inconsistency", "", "", "", *rows[-1][5:])
    console.print(table)
    for i, (label, score) in enumerate(zip(labels, rows[-1][5:], strict=True), 1):
        console.print(f"H{i} {escape(label)}: weighted inconsistency {score}")


def judge(
    proposition: str = typer.Argument(..., help="Proposition id (from `veracity assess`), or a unique prefix."),
    verdict: str = typer.Argument(..., help="agree | disagree | uncertain"),
    note: str = typer.Option("", "--note", help="Why: shown with the judgement in every explanation."),
    analyst: str = typer.Option("analyst", "--analyst", help="Who judges (the line's claimant)."),
    organisation: str = typer.Option("", "--organisation", help="The analyst's organisation (the line's outlet)."),
) -> None:
    """Record an analyst's own judgement of a proposition: a separate line with the analyst as claimant."""
    from veracity.assess.judge import judge as record

    prop, made = record(open_store(), proposition, verdict, note, analyst, organisation)
    console.print(f"recorded {escape(analyst)}'s judgement ({escape(verdict)}) on {prop.id[:8]} "
                  f"as assertion {made.id[:8]}")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    for command in (assess, explain, ach, judge):
        app.command(name=command.__name__)(handle_errors(command))
