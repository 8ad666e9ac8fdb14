from __future__ import annotations

import pytest

from veracity.extract.text.dates import infer_published, resolve_date


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("last spring", "2025-10", "2025"),
        ("last winter", "2025-10", "2024"),
        ("overnight Saturday", "2026-02-25", "2026-02-21"),
        ("Saturday", "2026-02-25", "2026-02-21"),
        ("overnight Saturday", "2026-02", "2026-02"),
        ("late August", "2025-10", "2025-08"),
        ("in late November", "2025-03", "2024-11"),
        ("October last year", "2026-02", "2025-10"),
        ("May last year", "2026-02-10", "2025-05"),
        ("on 26th August", "2021-08", "2021-08-26"),
        ("October 2", "2021-10", "2021-10-02"),
        ("September 1, 2021", None, "2021-09-01"),
        ("1 October 2021", None, "2021-10-01"),
        ("March 2024", "2026", "2024-03"),
        ("in the 1980s", "2025", "1980"),
        ("a month ago", "2021-10-15", "2021-09"),
        ("three days ago", "2021-10-15", "2021-10-12"),
        ("two years ago", "2021-10", "2019"),
        ("last month", "2021-10", "2021-09"),
        ("last year", "2026-02", "2025"),
        ("this year", "2026-02", "2026"),
        ("over the weekend", "2025-10", "2025-10"),
        ("yesterday", "2024-03-23", "2024-03-22"),
        ("in 1999", None, "1999"),
        ("recently", "2025-10", None),
        ("the coming days", None, None),
    ],
)
def test_dates_resolve_against_publication(text: str, published: str | None, expected: str | None) -> None:
    assert resolve_date(text, published) == expected


@pytest.mark.parametrize(
    ("expressions", "known", "expected"),
    [
        (["September 1, 2021", "October 2", "October 20", "a month ago"], [], "2021-10"),
        (["August", "26th August"], ["2021-08-26"], "2021-08"),
        (["late April", "late August", "early fall", "last spring"], ["2024-03-22", "2025-04-22"], "2025-09"),
        (["the 1980s", "2018"], [], "2018"),
        (["recently"], [], None),
    ],
)
def test_dates_infer_published_from_latest_evidence(
    expressions: list[str], known: list[str], expected: str | None
) -> None:
    assert infer_published(expressions, known) == expected
