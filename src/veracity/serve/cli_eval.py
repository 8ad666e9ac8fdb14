"""``veracity eval``: score the product's own extraction on the seeds gold, MUC-4 and Emergent.

Each command is a docstring, argument parsing and one call into :mod:`veracity.evaluate`; the library does the
work so that the test-suite and ``make eval`` measure with the same functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import typer

from veracity.model.records import Document
from veracity.serve.app import console, escape, handle_errors, settings

eval_app = typer.Typer(
    name="eval",
    help="Score extraction against gold: the seeds schema (default), MUC-4 role fillers, Emergent stance and "
    "Emergent claim veracity.",
    invoke_without_command=True,
    no_args_is_help=False,
)


class _Extractor:
    """The product's extractor, loaded on first use: a bad gold or split file fails before spaCy loads."""

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Any]:
        from veracity.extract import Extractor

        return Extractor(model=settings().spacy_model, statements=settings().statements).extract_many(docs)


@eval_app.callback()
@handle_errors
def seeds(
    ctx: typer.Context,
    gold: Path = typer.Option(None, "--gold", help="Gold JSON lines in the seeds schema (shared/seeds/GOLD.md)."),
    docs: Path = typer.Option(
        None, "--docs", help="Folder holding <doc>.txt for each gold record (default: the gold file's folder)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    out: Path = typer.Option(None, "--out", help="Also write the predicted records here (JSON lines)."),
    errors: Path = typer.Option(None, "--errors", help="Also write, per document, the missed and spurious items "
                                "of every facet with their quotes (JSON lines)."),
) -> None:
    """Extract the documents a gold file names and print precision, recall and F1 per facet."""
    if ctx.invoked_subcommand is not None:
        return
    if gold is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(2)
    from veracity.evaluate.seeds import errors as doc_errors
    from veracity.evaluate.seeds import evaluate_seeds, load_records, write_records

    report, pred = evaluate_seeds(gold, docs, _Extractor())
    if out is not None:
        write_records(pred, out)
    if errors is not None:
        write_records(doc_errors(load_records(gold), pred), errors)
    if as_json:
        console.print_json(json.dumps(report.as_dict()))
        return
    console.print(report.to_table())


@eval_app.command("muc4")
@handle_errors
def muc4(
    file: Path = typer.Argument(..., help="A MUC-4 split in the GRIT JSON-lines format (docid, doctext[, extracts])."),
    out: Path = typer.Option(..., "--out", help="Write predictions here, GRIT format keyed by docnum."),
    limit: int = typer.Option(None, "--limit", min=1, help="Only the first N documents."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Predict MUC-4 role fillers with the product's extraction; score CEAF-REE when the file has extracts."""
    from veracity.evaluate.muc4 import run

    report = run(file, out, _Extractor(), limit=limit)
    if report is None:
        console.print(f"wrote predictions to {escape(out)} (the file has no extracts to score against)")
    elif as_json:
        console.print_json(json.dumps(report.as_dict()))
    else:
        console.print(report.to_table())


@eval_app.command("emergent")
@handle_errors
def emergent(
    file: Path = typer.Argument(..., help="CSV with the columns of Emergent's train.csv (stance column optional)."),
    out: Path = typer.Option(None, "--out", help="Write one row per headline: articleId, predicted stance."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Classify headline stance toward each claim; print accuracy and macro-F1 when the file is labelled."""
    from veracity.evaluate.emergent import run

    report = run(file, out)
    if as_json:
        console.print_json(json.dumps(report.as_dict()))
    else:
        console.print(report.to_table())


@eval_app.command("veracity")
@handle_errors
def veracity(
    claims: Path = typer.Argument(..., help="CSV with claimId, claimHeadline, articleId, articleHeadline."),
    articles: Path = typer.Option(..., "--articles", help="CSV with articleId, claimId, articleUrl, date."),
    truth: Path = typer.Option(None, "--truth", help="CSV with claimId, claimTruthiness (true|false|unknown)."),
    out: Path = typer.Option(None, "--out", help="Write one row per claim: claimId, probability, verdict, "
                             "credibility."),
    gold: bool = typer.Option(False, "--gold-stance", help="Also grade with the gold articleHeadlineStance column "
                              "(to tell stance errors from grading errors)."),
    weights: Path = typer.Option(None, "--weights", help="A weights file merged over weights.yaml instead of the "
                                 "fitted Emergent profile."),
    limit: int = typer.Option(None, "--limit", min=1, help="Only the first N claims."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Grade each claim from its headlines through the normal assessment path; score against the truth."""
    from veracity.assess.weights import load_weights
    from veracity.evaluate.veracity import reliability_table, run

    report = run(claims, articles, truth, out, gold=gold, weights=load_weights(str(weights)) if weights else None,
                 limit=limit)
    if report is None:
        console.print(f"wrote predictions to {escape(out)} (no --truth to score against)" if out else
                      "graded; give --out to keep the predictions or --truth to score them")
    elif as_json:
        console.print_json(json.dumps(report.as_dict()))
    else:
        console.print(report.to_table())
        for mode, (fig, _) in report.modes.items():
            console.print(reliability_table(fig, mode))


def register(app: typer.Typer) -> None:
    """Add ``veracity eval`` and its subcommands to the root app."""
    app.add_typer(eval_app)
