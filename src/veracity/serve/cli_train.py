"""``veracity train``: rebuild a shipped model from the gold data in ``../shared`` (what ``make train`` runs).

A command is a docstring, argument parsing and one call into :mod:`veracity.train`; every command takes the same
options, declared once here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from veracity.serve.app import console, escape, handle_errors, settings

train_app = typer.Typer(name="train", help="Rebuild the shipped models from gold data.", no_args_is_help=True)

_CORPUS = Path("../shared/corpus")
GOLD = typer.Option(_CORPUS / "train.jsonl", "--gold", help="Training gold in the seeds schema.")
DOCS = typer.Option(_CORPUS / "docs", "--docs", help="Folder holding <doc>.txt for each gold record.")
OUT = typer.Option(None, "--out", help="Where to write the model (default: the shipped file).")
FOLDS = typer.Option(5, "--folds", min=2, help="Cross-validation folds for choosing C and the threshold.")
GRID = typer.Option("0.3,1,3", "--grid", help="Regularisation strengths (C) to try, comma-separated.")
FINE_GRID = typer.Option("0.1,0.3,1,3", "--grid", help="Regularisation strengths (C) to try, comma-separated.")
TRIGGER_GRID = typer.Option("0.1,0.3,1", "--grid", help="Regularisation strengths (C) to try, comma-separated.")
LIMIT = typer.Option(None, "--limit", min=2, help="Only the first N gold documents (a smoke run).")


def _extractor(**steps: Any) -> Any:
    """The product's extractor with the step being trained (and what it would replace) switched off."""
    from veracity.extract import Extractor

    return Extractor(model=settings().spacy_model, **steps)


def _options(grid: str, folds: int, limit: int | None) -> dict[str, Any]:
    return {"grid": tuple(float(v) for v in grid.split(",") if v.strip()), "folds": folds, "limit": limit,
            "log": lambda line: console.print(escape(line))}


def _write(raw: dict[str, Any], target: Path) -> None:
    target.write_text(json.dumps(raw, sort_keys=True) + "\n", encoding="utf-8")
    console.print(f"wrote {escape(target)}")


@train_app.command("statements")
@handle_errors
def statements(gold: Path = GOLD, docs: Path = DOCS, out: Path = OUT, folds: int = FOLDS, grid: str = GRID,
               limit: int = LIMIT) -> None:
    """Train the statement models (predicate, claimant, stance, hedge) and write their weights as JSON."""
    from veracity.extract.statements.component import MODEL_PATH
    from veracity.train.statements import train

    model = train(gold, docs, _extractor(statements="rules"), **_options(grid, folds, limit))
    _write(model.to_json(), out or MODEL_PATH)


@train_app.command("actors")
@handle_errors
def actors(gold: Path = GOLD, docs: Path = DOCS, out: Path = OUT, folds: int = FOLDS, grid: str = GRID,
           limit: int = LIMIT) -> None:
    """Train the actor filter (which proposed names the report uses as actors) and write it as JSON."""
    from veracity.extract.actors.filter import MODEL_PATH
    from veracity.train.actors import train

    model = train(gold, docs, _extractor(filter_actors=False), **_options(grid, folds, limit))
    _write(model.to_json(), out or MODEL_PATH)


@train_app.command("triggers")
@handle_errors
def triggers(gold: Path = GOLD, docs: Path = DOCS, out: Path = OUT, folds: int = FOLDS, grid: str = TRIGGER_GRID,
             limit: int = LIMIT) -> None:
    """Train the learned event triggers (which nouns and verbs report a violent incident the rules missed)."""
    from veracity.extract.events.triggers import MODEL_PATH
    from veracity.train.event_triggers import train

    # the model adds to the rule events before they are merged, dated and placed: train on what it will see
    model = train(gold, docs, _extractor(statements="rules", learn_triggers=False, merge_events=False,
                                         date_events=False, place_events=False), **_options(grid, folds, limit))
    _write(model.to_json(), out or MODEL_PATH)


@train_app.command("events")
@handle_errors
def events(gold: Path = GOLD, docs: Path = DOCS, out: Path = OUT, folds: int = FOLDS, grid: str = GRID,
           limit: int = LIMIT) -> None:
    """Train the incident coreference model (which found events are one incident) and write it as JSON."""
    from veracity.extract.events.coref import MODEL_PATH
    from veracity.train.events import train

    # incidents are merged before they are dated and placed: train on what the merge sees. The rule events only:
    # the learned triggers are chosen on training folds for this merge, and on their own training documents they
    # would look better than they are (the merge would learn to trust in-sample output)
    model = train(gold, docs, _extractor(statements="rules", merge_events=False, date_events=False, place_events=False,
                                         learn_triggers=False),
                  **_options(grid, folds, limit))
    _write(model.to_json(), out or MODEL_PATH)


@train_app.command("dates")
@handle_errors
def dates(gold: Path = GOLD, docs: Path = DOCS, out: Path = OUT, folds: int = FOLDS, grid: str = FINE_GRID,
          limit: int = LIMIT) -> None:
    """Train the incident date chooser (which nearby date is the incident's) and write it as JSON."""
    from veracity.extract.events.date_choice import MODEL_PATH
    from veracity.extract.text.linear import choice_to_json
    from veracity.train.event_dates import train

    model, meta = train(gold, docs, _extractor(statements="rules", date_events=False), **_options(grid, folds, limit))
    _write(choice_to_json(model, meta), out or MODEL_PATH)


@train_app.command("places")
@handle_errors
def places(gold: Path = GOLD, docs: Path = DOCS, out: Path = OUT, folds: int = FOLDS, grid: str = FINE_GRID,
           limit: int = LIMIT) -> None:
    """Train the incident place chooser (which nearby place is the incident's) and write it as JSON."""
    from veracity.extract.events.place_choice import MODEL_PATH
    from veracity.extract.text.linear import choice_to_json
    from veracity.train.event_places import train

    model, meta = train(gold, docs, _extractor(statements="rules", place_events=False),
                        **_options(grid, folds, limit))
    _write(choice_to_json(model, meta), out or MODEL_PATH)


_EMERGENT = Path("../shared/emergent")


@train_app.command("grades")
@handle_errors
def grades(claims: Path = typer.Option(_EMERGENT / "train.csv", "--claims", help="Emergent train.csv (with gold "
                                       "stances, used to retrain the stance recipe inside each fold)."),
           articles: Path = typer.Option(_EMERGENT / "articles.csv", "--articles", help="Emergent articles.csv."),
           truth: Path = typer.Option(_EMERGENT / "truthiness.csv", "--truth", help="Emergent truthiness.csv."),
           out: Path = OUT, folds: int = FOLDS, limit: int = LIMIT) -> None:
    """Fit the Emergent grading profile by claim-grouped CV, print the CV figures and write the profile YAML."""
    from veracity.evaluate.veracity import profile_path
    from veracity.train.grades import train, write_profile

    profile, _ = train(claims, articles, truth, k=folds, limit=limit, log=lambda line: console.print(escape(line)))
    target = out or Path(profile_path())
    write_profile(profile, target)
    console.print(f"wrote {escape(target)}")


def register(app: typer.Typer) -> None:
    """Add ``veracity train`` to the root app."""
    app.add_typer(train_app)
