"""Outlet reliability: matching by URL, domain, name and alias; the F default; the user's override file."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.model.errors import ConfigError
from veracity.model.outlets import GRADES, outlet_for, outlets


@pytest.mark.parametrize(("query", "name", "grade"), [
    ("https://www.dawn.com/news/1859000/ttp-claims-attack", "Dawn", "B"),
    ("https://edition.cnn.com/2024/03/23/europe/crocus", "CNN", "C"),
    ("reuters.com", "Reuters", "B"),
    ("https://www.bbc.co.uk/news/world-asia-123", "BBC", "B"),
    ("https://www.ispr.gov.pk/press-release", "Inter-Services Public Relations", "D"),
    ("Reuters", "Reuters", "B"),
    ("AFP", "Agence France-Presse", "B"),
    ("the associated press", "Associated Press", "B"),
    ("Amaq", "Amaq News Agency", "E"),
    ("ISPR", "Inter-Services Public Relations", "D"),
    ("globaltimes.cn", "Global Times", "D"),
    ("https://twitter.com/Zabehulah_M33/status/1", "X", "F"),
])
def test_outlets_match_by_url_domain_name_and_alias(query: str, name: str, grade: str) -> None:
    outlet = outlet_for(query)
    assert (outlet.name, outlet.reliability) == (name, grade)


@pytest.mark.parametrize(("query", "name", "domain"), [
    ("Some Village Blog", "Some Village Blog", None),
    ("https://news.example.org/story/1", "news.example.org", "news.example.org"),
    ("notdawn.com", "notdawn.com", "notdawn.com"),
])
def test_outlets_unlisted_are_graded_f(query: str, name: str, domain: str | None) -> None:
    outlet = outlet_for(query)
    assert (outlet.name, outlet.domain, outlet.reliability, outlet.basis) == (name, domain, "F", "")


def test_outlets_shipped_list_is_graded_with_reasons() -> None:
    shipped = outlets()
    assert len(shipped) >= 60
    assert all(o.reliability in GRADES and o.basis for o in shipped.values())
    assert not any(o.reliability == "A" for o in shipped.values())
    party = [o for o in shipped.values() if o.basis.startswith("state/party media")]
    assert {"TASS", "Xinhua", "Global Times", "RT", "Al-Emarah", "Amaq News Agency"} <= {o.name for o in party}


def test_outlets_user_file_overrides_and_adds(tmp_path: Path) -> None:
    user = tmp_path / "outlets.yaml"
    user.write_text(
        "outlets:\n"
        "  - {name: Dawn, domains: [dawn.com], reliability: c, basis: analyst downgrade}\n"
        "  - {name: Khorasan Diary, domain: thekhorasandiary.com, reliability: C, basis: specialist tracker}\n",
        encoding="utf-8",
    )
    merged = outlets(str(user))
    assert (merged["Dawn"].reliability, merged["Dawn"].basis) == ("C", "analyst downgrade")
    assert outlet_for("https://thekhorasandiary.com/2024/x", str(user)).name == "Khorasan Diary"
    assert merged["Reuters"].reliability == "B"
    assert outlets()["Dawn"].reliability == "B"


@pytest.mark.parametrize(("text", "message"), [
    ("outlets: [{name: Dawn, reliability: Z}]", "reliability"),
    ("outlets: [{reliability: B}]", "without a name"),
    ("outlets: [{name: Dawn, colour: red}]", "unknown keys"),
    ("outlets: {name: Dawn}", "expected a list"),
    ("outlets: [unclosed", "cannot read"),
])
def test_outlets_bad_user_file_is_a_config_error_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        outlets(str(user))
    assert str(user) in str(caught.value)


def test_outlets_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read outlets file"):
        outlets(str(tmp_path / "absent.yaml"))
