"""The bridge to assessment: a :data:`Grader` for network edges and exports, built on ``veracity.assess``.

Analysis must work without grading, so :func:`grader_for` returns ``None`` when assessment cannot be loaded, and
callers then show edges ungraded. The grader is lazy: the assessor (which reads the whole store as of the date,
since a grade weighs opposing propositions and syndication across documents) is built on the first question,
and each proposition is graded once.
"""

from __future__ import annotations

from typing import Any

from veracity.analyse.graph import GradeLike, Grader, Triple


class LazyGrader:
    """Grades triples through one assessor built on first use; unknown propositions have no grade."""

    def __init__(self, view: Any, as_of: str | None) -> None:
        self.view = view
        self.as_of = as_of
        self.assessor: Any = None
        self.cache: dict[Triple, GradeLike | None] = {}

    def __call__(self, triple: Triple) -> GradeLike | None:
        from veracity.assess.propositions import normalise
        from veracity.assess.service import assessor_for

        key = normalise(*triple)
        if key not in self.cache:
            if self.assessor is None:
                self.assessor = assessor_for(self.view, self.as_of)
            prop = self.assessor.props.get(key)
            self.cache[key] = self.assessor.grade(prop) if prop is not None else None
        return self.cache[key]


def grader_for(view: Any, as_of: str | None = None) -> Grader | None:
    """A grader over this view as of a date, or ``None`` when the assessment stage is not installed."""
    try:
        import veracity.assess.service  # noqa: F401
    except ImportError:
        return None
    return LazyGrader(view, as_of)
