"""The listing commands on the demo store: --json equals the API's records for the same filters, paging and
sorting agree with the API, tables fit 80 columns, narrow terminals get one record per block, no literal None."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from veracity.cli import app as cli

runner = CliRunner()


def run(db: Path, *args: str, columns: int = 80) -> tuple[int, str]:
    done = runner.invoke(cli, ["--db", str(db), *args], env={"COLUMNS": str(columns)})
    return done.exit_code, done.output


def json_lines(db: Path, *args: str) -> list[dict[str, object]]:
    code, out = run(db, *args, "--json")
    assert code == 0, out
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


@pytest.mark.parametrize(("cli_args", "api"), [
    (["claims", "--about", "ISKP", "--stance", "asserts", "--sort", "-probability", "--limit", "12"],
     "/api/claims?about=ISKP&stance=asserts&sort=-probability&limit=12"),
    (["claims", "--predicate", "responsible_for", "--from", "2024", "--to", "2026-06", "--sort", "published"],
     "/api/claims?predicate=responsible_for&from=2024&to=2026-06&sort=published"),
    (["claims", "--by", "Zabihullah Mujahid", "--min-grade", "roughly even chance", "--page", "2", "--limit", "3"],
     "/api/claims?by=Zabihullah%20Mujahid&min-grade=roughly%20even%20chance&offset=3&limit=3"),
    (["events", "--from", "2020", "--sort", "-date", "--limit", "7"], "/api/events?from=2020&sort=-date&limit=7"),
    (["events", "--perpetrator", "Khorasan"], "/api/events?perpetrator=Khorasan"),
    (["documents", "--from", "2015", "--sort", "title", "--offset", "1", "--limit", "3"],
     "/api/documents?from=2015&sort=title&offset=1&limit=3"),
    (["actors", "--type", "armed_group", "--sort", "name"], "/api/actors?type=armed_group&sort=name"),
    (["actors", "--q", "taliban"], "/api/actors?q=taliban"),
])
def test_cli_json_is_the_api_records_for_the_same_filters(demo_db: Path, client: TestClient, cli_args: list[str],
                                                          api: str) -> None:
    from_api = client.get(api)
    assert from_api.status_code == 200, from_api.text
    items = from_api.json()["items"]
    assert items, f"{api} found nothing: the comparison would prove nothing"
    assert json_lines(demo_db, *cli_args) == items


def test_filters_really_filter(demo_db: Path) -> None:
    every = json_lines(demo_db, "claims", "--limit", "0")
    denials = json_lines(demo_db, "claims", "--stance", "denies", "--limit", "0")
    assert 0 < len(denials) < len(every) and all(c["stance"] == "denies" for c in denials)
    dated = json_lines(demo_db, "claims", "--from", "2025-01-01", "--limit", "0")
    assert dated and all(c["published"] and c["published"] >= "2025" for c in dated)
    graded = json_lines(demo_db, "claims", "--min-grade", "likely", "--limit", "0")
    assert graded and all(c["probability"] >= 0.55 for c in graded) and len(graded) < len(every)
    ordered = [c["probability"] for c in json_lines(demo_db, "claims", "--sort", "-probability", "--limit", "0")]
    assert ordered == sorted(ordered, reverse=True)


def test_paging_by_page_and_offset_agree(demo_db: Path) -> None:
    second = json_lines(demo_db, "documents", "--page", "2", "--limit", "5")
    assert second == json_lines(demo_db, "documents", "--offset", "5", "--limit", "5")
    every = json_lines(demo_db, "documents", "--limit", "0")
    assert len(every) == 94 + 1 and second == every[5:10]
    code, out = run(demo_db, "documents", "--limit", "5")
    assert code == 0 and "documents 1-5 of 95 (--page" in out


@pytest.mark.parametrize(("args", "message"), [
    (["claims", "--sort", "colour"], "cannot sort by 'colour'"),
    (["events", "--page", "0"], "--page must be 1 or more"),
    (["documents", "--limit", "-1"], "--limit must be 0"),
    (["claims", "--stance", "maybe"], "unknown stance"),
    (["claims", "--min-grade", "certainish"], "unknown grade word"),
])
def test_bad_listing_options_are_clear_errors(demo_db: Path, args: list[str], message: str) -> None:
    code, out = run(demo_db, *args)
    assert code != 0 and message in out, out


@pytest.mark.parametrize("command", [["claims"], ["claims", "--about", "ISKP"], ["events"], ["documents"],
                                     ["actors"], ["timeline"]])
def test_tables_fit_80_columns_and_never_print_none(demo_db: Path, command: list[str]) -> None:
    code, out = run(demo_db, *command, columns=80)
    assert code == 0, out
    assert out.strip(), "nothing printed"
    too_wide = [line for line in out.splitlines() if len(line) > 80]
    assert not too_wide, too_wide[:3]
    assert "None" not in out


def test_wide_terminals_show_more_columns_and_cut_with_an_ellipsis(demo_db: Path) -> None:
    _, narrow = run(demo_db, "claims", "--limit", "5", columns=80)
    _, wide = run(demo_db, "claims", "--limit", "5", columns=160)
    def header(out: str) -> str:
        return next(line for line in out.splitlines() if "claimant" in line)

    assert "quote" not in header(narrow) and "quote" in header(wide)
    assert "…" in narrow
    assert max(len(line) for line in wide.splitlines()) > 80


def test_narrow_terminal_and_long_give_one_record_per_block(demo_db: Path) -> None:
    code, out = run(demo_db, "events", "--limit", "2", columns=40)
    assert code == 0 and "date: " in out and "event: " in out and "┃" not in out
    assert all(len(line) <= 40 for line in out.splitlines())
    code, out = run(demo_db, "claims", "--long", "--limit", "1", "--sort", "-probability", columns=100)
    assert code == 0 and "quote: " in out and "proposition: " in out
