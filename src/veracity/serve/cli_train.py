"""``veracity train``: rebuild a shipped model from the gold data in ``../shared`` (what ``make train`` runs).

A command is a docstring, argument parsing and one call into :mod:`veracity.train`.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from veracity.serve.app import console, escape, handle_errors, settings

train_app = typer.Typer(name="train", help="Rebuild the shipped models from gold data.", no_args_is_help=True)

_CORPUS = Path("../shared/corpus")


@train_app.command("statements")
@handle_errors
def statements(
    gold: Path = typer.Option(_CORPUS / "train.jsonl", "--gold", help="Training gold in the seeds schema."),
    docs: Path = typer.Option(_CORPUS / "docs", "--docs", help="Folder holding <doc>.txt for each gold record."),
    out: Path = typer.Option(None, "--out", help="Where to write the model (default: the shipped file)."),
    folds: int = typer.Option(5, "--folds", min=2, help="Cross-validation folds for choosing C and the threshold."),
    grid: str = typer.Option("0.3,1,3", "--grid", help="Regularisation strengths (C) to try, comma-separated."),
    limit: int = typer.Option(None, "--limit", min=2, help="Only the first N gold documents (a smoke run)."),
) -> None:
    """Train the statement models (predicate, claimant, stance, hedge) and write their weights as JSON."""
    from veracity.extract import Extractor
    from veracity.extract.statements.component import MODEL_PATH
    from veracity.train.statements import train

    extractor = Extractor(model=settings().spacy_model, statements="rules")
    values = tuple(float(v) for v in grid.split(",") if v.strip())
    model = train(gold, docs, extractor, grid=values, folds=folds, limit=limit,
                  log=lambda line: console.print(escape(line)))
    target = out or MODEL_PATH
    target.write_text(json.dumps(model.to_json(), sort_keys=True) + "\n", encoding="utf-8")
    console.print(f"wrote {escape(target)}")


@train_app.command("actors")
@handle_errors
def actors(
    gold: Path = typer.Option(_CORPUS / "train.jsonl", "--gold", help="Training gold in the seeds schema."),
    docs: Path = typer.Option(_CORPUS / "docs", "--docs", help="Folder holding <doc>.txt for each gold record."),
    out: Path = typer.Option(None, "--out", help="Where to write the model (default: the shipped file)."),
    folds: int = typer.Option(5, "--folds", min=2, help="Cross-validation folds for choosing C and the threshold."),
    grid: str = typer.Option("0.3,1,3", "--grid", help="Regularisation strengths (C) to try, comma-separated."),
    limit: int = typer.Option(None, "--limit", min=2, help="Only the first N gold documents (a smoke run)."),
) -> None:
    """Train the actor filter (which proposed names the report uses as actors) and write it as JSON."""
    from veracity.extract import Extractor
    from veracity.extract.actor_filter import MODEL_PATH
    from veracity.train.actors import train

    extractor = Extractor(model=settings().spacy_model, filter_actors=False)
    values = tuple(float(v) for v in grid.split(",") if v.strip())
    model = train(gold, docs, extractor, grid=values, folds=folds, limit=limit,
                  log=lambda line: console.print(escape(line)))
    target = out or MODEL_PATH
    target.write_text(json.dumps(model.to_json(), sort_keys=True) + "\n", encoding="utf-8")
    console.print(f"wrote {escape(target)}")


@train_app.command("events")
@handle_errors
def events(
    gold: Path = typer.Option(_CORPUS / "train.jsonl", "--gold", help="Training gold in the seeds schema."),
    docs: Path = typer.Option(_CORPUS / "docs", "--docs", help="Folder holding <doc>.txt for each gold record."),
    out: Path = typer.Option(None, "--out", help="Where to write the model (default: the shipped file)."),
    folds: int = typer.Option(5, "--folds", min=2, help="Cross-validation folds for choosing C and the threshold."),
    grid: str = typer.Option("0.3,1,3", "--grid", help="Regularisation strengths (C) to try, comma-separated."),
    limit: int = typer.Option(None, "--limit", min=2, help="Only the first N gold documents (a smoke run)."),
) -> None:
    """Train the incident coreference model (which found events are one incident) and write it as JSON."""
    from veracity.extract import Extractor
    from veracity.extract.event_coref import MODEL_PATH
    from veracity.train.events import train

    extractor = Extractor(model=settings().spacy_model, statements="rules", merge_events=False)
    values = tuple(float(v) for v in grid.split(",") if v.strip())
    model = train(gold, docs, extractor, grid=values, folds=folds, limit=limit,
                  log=lambda line: console.print(escape(line)))
    target = out or MODEL_PATH
    target.write_text(json.dumps(model.to_json(), sort_keys=True) + "\n", encoding="utf-8")
    console.print(f"wrote {escape(target)}")


@train_app.command("dates")
@handle_errors
def dates(
    gold: Path = typer.Option(_CORPUS / "train.jsonl", "--gold", help="Training gold in the seeds schema."),
    docs: Path = typer.Option(_CORPUS / "docs", "--docs", help="Folder holding <doc>.txt for each gold record."),
    out: Path = typer.Option(None, "--out", help="Where to write the model (default: the shipped file)."),
    folds: int = typer.Option(5, "--folds", min=2, help="Cross-validation folds for choosing C."),
    grid: str = typer.Option("0.1,0.3,1,3", "--grid", help="Regularisation strengths (C) to try, comma-separated."),
    limit: int = typer.Option(None, "--limit", min=2, help="Only the first N gold documents (a smoke run)."),
) -> None:
    """Train the incident date chooser (which nearby date is the incident's) and write it as JSON."""
    from veracity.extract import Extractor
    from veracity.extract.event_dates import MODEL_PATH, to_json
    from veracity.train.event_dates import train

    extractor = Extractor(model=settings().spacy_model, statements="rules", date_events=False)
    values = tuple(float(v) for v in grid.split(",") if v.strip())
    model, meta = train(gold, docs, extractor, grid=values, folds=folds, limit=limit,
                        log=lambda line: console.print(escape(line)))
    target = out or MODEL_PATH
    target.write_text(json.dumps(to_json(model, meta), sort_keys=True) + "\n", encoding="utf-8")
    console.print(f"wrote {escape(target)}")


@train_app.command("places")
@handle_errors
def places(
    gold: Path = typer.Option(_CORPUS / "train.jsonl", "--gold", help="Training gold in the seeds schema."),
    docs: Path = typer.Option(_CORPUS / "docs", "--docs", help="Folder holding <doc>.txt for each gold record."),
    out: Path = typer.Option(None, "--out", help="Where to write the model (default: the shipped file)."),
    folds: int = typer.Option(5, "--folds", min=2, help="Cross-validation folds for choosing C."),
    grid: str = typer.Option("0.1,0.3,1,3", "--grid", help="Regularisation strengths (C) to try, comma-separated."),
    limit: int = typer.Option(None, "--limit", min=2, help="Only the first N gold documents (a smoke run)."),
) -> None:
    """Train the incident place chooser (which nearby place is the incident's) and write it as JSON."""
    from veracity.extract import Extractor
    from veracity.extract.event_places import MODEL_PATH, to_json
    from veracity.train.event_places import train

    extractor = Extractor(model=settings().spacy_model, statements="rules", place_events=False)
    values = tuple(float(v) for v in grid.split(",") if v.strip())
    model, meta = train(gold, docs, extractor, grid=values, folds=folds, limit=limit,
                        log=lambda line: console.print(escape(line)))
    target = out or MODEL_PATH
    target.write_text(json.dumps(to_json(model, meta), sort_keys=True) + "\n", encoding="utf-8")
    console.print(f"wrote {escape(target)}")


def register(app: typer.Typer) -> None:
    """Add ``veracity train`` to the root app."""
    app.add_typer(train_app)
