"""Emergent claims as the product sees them: each claim's headlines become reports with outlets, stances and dates.

Reading Emergent's three files (claims with headlines, articles with URL and date, the journalists' resolution)
is kept apart from grading (:mod:`veracity.evaluate.veracity`) so the trainer and ``veracity eval veracity`` build
exactly the same evidence. A headline is one line of reporting in its outlet's own voice:

- **for** -> the outlet asserts the claim, unhedged;
- **observing** -> the outlet relays the claim without taking a side: an assertion hedged "reportedly";
- **against** -> the outlet denies (debunks) the claim.

The outlet comes from the article URL through the outlet book (unknown outlets are graded F), so two headlines of
one outlet are one line, as in any other grade.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from veracity.model.errors import InvalidInput
from veracity.model.outlets import outlet_for
from veracity.model.records import Assertion, Evidence, Stance, author_claimant

EMERGENT_TO_STANCE = {"for": "asserts", "against": "denies", "observing": "reports"}
"""Emergent's labels -> the stance model's labels."""
TRUTHS = ("true", "false", "unknown")
PREDICATE = "is_true"
REPORTED_HEDGE = "reportedly"
EXTRACTOR = "emergent.headline@1"


@dataclass(frozen=True, slots=True)
class Headline:
    """One article's headline under a claim, with its URL, Emergent's date and the gold stance when known."""

    article_id: str
    text: str
    url: str = ""
    date: str | None = None
    gold: str | None = None  # asserts | denies | reports


@dataclass(frozen=True, slots=True)
class Claim:
    """A rumoured claim with every headline about it and, when known, how journalists resolved it."""

    id: str
    text: str
    headlines: tuple[Headline, ...]
    truth: str | None = None  # true | false | unknown

    @property
    def resolved(self) -> bool:
        return self.truth in ("true", "false")

    @property
    def latest(self) -> str | None:
        dates = [h.date for h in self.headlines if h.date]
        return max(dates) if dates else None


def read_csv(path: Path) -> tuple[list[dict[str, str]], set[str]]:
    """The rows of an Emergent CSV file and its columns; an unreadable file is :class:`InvalidInput` naming it."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            return list(reader), set(reader.fieldnames or ())
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}", fix="give an Emergent-format CSV file") from exc


def _read(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a CSV file; an unreadable file or a missing column is :class:`InvalidInput` naming both."""
    rows, columns = read_csv(path)
    missing = [c for c in required if c not in columns]
    if missing:
        raise InvalidInput(f"{path}: missing column(s) {', '.join(missing)}",
                           fix=f"the file needs the columns {', '.join(required)}")
    return rows


def read_truth(path: Path) -> dict[str, str]:
    """claimId -> true | false | unknown; any other label names its line (a typo would skew every figure)."""
    truth = {}
    for line, row in enumerate(_read(path, ("claimId", "claimTruthiness")), start=2):
        label = row["claimTruthiness"].strip().lower()
        if label not in TRUTHS:
            raise InvalidInput(f"{path}:{line}: claimTruthiness {label!r} is not one of {', '.join(TRUTHS)}",
                               fix="fix the label")
        truth[row["claimId"]] = label
    return truth


def read_claims(claims: Path, articles: Path, truth: Path | None = None, *, gold_stance: bool = False,
                limit: int | None = None) -> list[Claim]:
    """Claims in file order with their headlines; ``gold_stance`` also reads ``articleHeadlineStance``.

    Without ``gold_stance`` no stance column is read, so a held-back split without one runs the same way.
    ``limit`` keeps the first N claims (a smoke run).
    """
    required = ("claimId", "claimHeadline", "articleId", "articleHeadline")
    rows = _read(claims, (*required, "articleHeadlineStance") if gold_stance else required)
    where = {r["articleId"]: r for r in _read(articles, ("articleId", "articleUrl", "date"))}
    truths = read_truth(truth) if truth is not None else {}
    texts: dict[str, str] = {}
    lines: dict[str, list[Headline]] = {}
    for line, row in enumerate(rows, start=2):
        gold = None
        if gold_stance:
            gold = EMERGENT_TO_STANCE.get(row["articleHeadlineStance"].strip().lower())
            if gold is None:
                raise InvalidInput(f"{claims}:{line}: stance {row['articleHeadlineStance']!r} is not for, "
                                   "against or observing", fix="fix the label")
        article = where.get(row["articleId"], {})
        texts.setdefault(row["claimId"], row["claimHeadline"])
        lines.setdefault(row["claimId"], []).append(
            Headline(row["articleId"], row["articleHeadline"], article.get("articleUrl", ""),
                     article.get("date") or None, gold))
    ids = list(lines)[:limit] if limit else list(lines)
    if truth is not None:
        unknown = [c for c in ids if c not in truths]
        if unknown:
            raise InvalidInput(f"{truth}: no resolution for {len(unknown)} claim(s), e.g. {unknown[0]}",
                               fix="give the truth file of the same split")
    return [Claim(c, texts[c], tuple(lines[c]), truths.get(c)) for c in ids]


Reading = tuple[str, float]
"""A headline's stance (asserts | denies | reports) and the stance reader's confidence in it (1.0 for gold)."""


def evidence(claim: Claim, readings: list[Reading]) -> list[Evidence]:
    """One evidence item per headline, all about one triple; the stance confidence is the extraction score."""
    items = []
    for headline, (stance, confidence) in zip(claim.headlines, readings, strict=True):
        outlet = outlet_for(headline.url) if headline.url else None
        doc = f"emergent:{headline.article_id}"
        assertion = Assertion(
            subject=f"claim:{claim.id}", predicate=PREDICATE, object=claim.text, claimant=author_claimant(doc),
            stance=Stance.DENIES if stance == "denies" else Stance.ASSERTS, doc_id=doc,
            span=(0, len(headline.text)), quote=headline.text, extractor=EXTRACTOR,
            hedge=REPORTED_HEDGE if stance == "reports" else None, object_literal=True, score=confidence)
        items.append(Evidence(assertion, published=headline.date, outlet=outlet.name if outlet else None,
                              url=headline.url or None, title=headline.text, doc_name=headline.article_id))
    return items
