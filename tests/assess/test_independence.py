"""Independence: which reports are one line of reporting, and the reason recorded for each merge."""

from __future__ import annotations

import pytest

from veracity.assess.context import build_context
from veracity.assess.independence import Scored, Syndication, cited_source, cluster_lines, self_citation, source_key
from veracity.assess.weights import load_weights
from veracity.model.records import Stance

W = load_weights()
WIRE = ("Taliban spokesman Zabihullah Mujahid said on Tuesday that Pakistan backs the militants, trains them in "
        "camps near the border and moves recruits through two airports, adding that the findings were shared "
        "with Iran and Russia and that more details would be released after the investigation was complete.")


def lines_of(items, texts=None):
    scored = [Scored(e, "supports" if e.assertion.stance is Stance.ASSERTS else "opposes", 1.0) for e in items]
    syndication = Syndication([e.assertion.doc_id for e in items], texts.get, W) if texts else None
    return cluster_lines(scored, context=build_context(items, registry=False), syndication=syndication, weights=W)


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        ("Pakistan backs ISKP, according to Reuters.", "Reuters"),
        ("Indian media reported in late April that a plotter was detained.", "Indian media"),
        ("The group was behind it, citing the Associated Press.", "the Associated Press"),
        ("Pakistan backs ISKP, he said.", None),
        ("The attack was reportedly planned abroad.", None),
    ],
)
def test_independence_citation_cues(quote, source):
    assert cited_source(quote, W) == source


@pytest.mark.parametrize(
    ("quote", "cited"),
    [
        ("though this analysis here argued that the easiest route is through Pakistan", True),
        ("As I wrote last month, the group is a front.", True),
        ("The group is a front, officials said.", False),
    ],
)
def test_independence_self_citation_cues(quote, cited):
    assert (self_citation(quote, W) is not None) is cited


def test_independence_source_key_joins_claimant_outlet_and_citation():
    assert source_key("actor:reuters") == source_key("Reuters") == source_key("the Reuters")
    assert source_key("actor:indian-media") == source_key("Indian media")


def test_independence_one_spokesman_quoted_by_twenty_outlets_is_one_line(make):
    items = [make("Pakistan", "supports", "ISKP", claimant="Zabihullah Mujahid", doc=f"d{i}", outlet=f"Outlet {i}")
             for i in range(20)]
    (line,) = lines_of(items)
    assert len(line.members) == 20
    assert line.reasons == ("the same original claimant: actor:zabihullah-mujahid",)


@pytest.mark.parametrize(
    ("second", "lines", "reason"),
    [
        (dict(outlet="Dawn", doc="d2"), 1, "the same outlet's own voice: Dawn"),
        (dict(outlet="Reuters", doc="d2"), 2, None),
        (dict(outlet="Reuters", doc="d2", quote="Pakistan supports ISKP, according to Dawn."), 1,
         "cites the same source: Dawn"),
        (dict(outlet=None, url="https://www.dawn.com/news/1", doc="d2"), 1, "the same outlet's own voice: dawn.com"),
    ],
)
def test_independence_outlets_and_citations(make, second, lines, reason):
    first = make("Pakistan", "supports", "ISKP", outlet="Dawn" if "url" not in second else "dawn.com")
    got = lines_of([first, make("Pakistan", "supports", "ISKP", **second)])
    assert len(got) == lines
    if reason:
        assert any(r.startswith(reason) for r in got[0].reasons)


def test_independence_syndicated_text_is_one_line(make):
    items = [make("Pakistan", "supports", "ISKP", doc=f"d{i}", outlet=f"Outlet {i}", quote=f"Sentence {i}.")
             for i in range(3)]
    texts = {"d0": WIRE, "d1": WIRE + " Reporting by staff.", "d2": "An unrelated column about cricket scores."}
    got = lines_of(items, texts)
    assert sorted(len(line.members) for line in got) == [1, 2]
    merged = next(line for line in got if len(line.members) == 2)
    assert any("syndication" in r for r in merged.reasons)


def test_independence_identical_sentence_is_one_line_without_texts(make):
    quote = "Pakistan has long backed the militants who claimed the bombing in Kabul."
    got = lines_of([make("Pakistan", "supports", "ISKP", doc="a", outlet="A", quote=quote),
                    make("Pakistan", "supports", "ISKP", doc="b", outlet="B", quote=quote)])
    assert len(got) == 1 and "the identical sentence in several documents" in got[0].reasons


def test_independence_self_citation_joins_the_authors_other_line(make):
    got = lines_of([make("Pakistan", "other", "ISKP", doc="a", outlet="A"),
                    make("Pakistan", "other", "ISKP", doc="b", outlet="B",
                         quote="though this analysis here argued that the easiest route is through Pakistan")])
    assert len(got) == 1 and any(r.startswith("self-citation") for r in got[0].reasons)


def test_independence_article_voice_repeating_its_quoted_source_joins_it(make):
    got = lines_of([make("Haqqani", "controls", "ISKP", doc="a"),
                    make("Haqqani", "controls", "ISKP", claimant="Amador Guallar", doc="a"),
                    make("Haqqani", "controls", "ISKP", claimant="Other Analyst", doc="b")])
    assert sorted(len(line.members) for line in got) == [1, 2]


def test_independence_spokesman_and_his_group_are_one_voice(make):
    items = [make("Zabihullah Mujahid", "member_of", "Taliban", doc="bio"),
             make("Pakistan", "supports", "ISKP", claimant="Zabihullah Mujahid", doc="a", outlet="A"),
             make("Pakistan", "supports", "ISKP", claimant="Taliban", doc="b", outlet="B")]
    scored = [Scored(e, "supports", 1.0) for e in items[1:]]
    (line,) = cluster_lines(scored, context=build_context(items, registry=False), syndication=None, weights=W)
    assert any("actor:zabihullah-mujahid speaks for actor:taliban" in r for r in line.reasons)


def test_independence_support_and_denial_are_never_merged(make):
    got = lines_of([make("Taliban", "responsible_for", "event:x", claimant="Taliban", doc="a"),
                    make("Taliban", "responsible_for", "event:x", claimant="Taliban", doc="a",
                         stance=Stance.DENIES)])
    assert sorted(line.direction for line in got) == ["opposes", "supports"]
