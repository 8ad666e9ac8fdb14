"""RSS and Atom feeds (``veracity.ingest.feeds``): one document per entry, the feed's title as outlet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from veracity.ingest import Loaded, Rejected
from veracity.ingest.feeds import html_to_text

Write = Callable[[str, str | bytes], Path]
LoadAll = Callable[..., tuple[list[Loaded], list[Rejected]]]
OnlyReason = Callable[..., str]

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Frontier Post</title>
  <link>https://frontier.example/</link>
  <description>News from the frontier</description>
  <item>
    <title>Blast hits Quetta market</title>
    <link>https://frontier.example/news/quetta</link>
    <guid>https://frontier.example/?p=101</guid>
    <pubDate>Fri, 22 Mar 2024 10:00:00 +0000</pubDate>
    <description>A short teaser.</description>
    <content:encoded><![CDATA[<p>A bomb exploded in a crowded market in <b>Quetta</b> on Friday.</p>
<p>Police said twelve people were killed.</p>]]></content:encoded>
  </item>
  <item>
    <title>TTP denies role in ambush</title>
    <link>https://frontier.example/news/ttp</link>
    <pubDate>Sat, 02 Oct 2021 08:30:00 GMT</pubDate>
    <description>&lt;p&gt;The group &amp;amp; its allies &lt;i&gt;denied&lt;/i&gt; any role.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo gallery</title>
    <link>https://frontier.example/gallery</link>
  </item>
  <item>
    <title>Undated brief</title>
    <pubDate>sometime last week</pubDate>
    <description>Plain summary without markup.</description>
  </item>
</channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Khorasan Monitor</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2022-09-06T12:00:00Z</updated>
  <entry>
    <title type="html">Embassy attack: &lt;em&gt;ISIS-K&lt;/em&gt; claims</title>
    <link href="https://monitor.example/embassy"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2022-09-05T09:30:00+04:30</published>
    <updated>2022-09-06T10:00:00Z</updated>
    <summary>Short summary.</summary>
    <content type="html">&lt;p&gt;ISIS-K claimed the suicide bombing at the Russian embassy
      in Kabul.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Text entry</title>
    <link href="https://monitor.example/text"/>
    <id>urn:uuid:2</id>
    <updated>2022-09-07T00:00:00Z</updated>
    <content type="text">A plain text entry &lt;not markup&gt; about Kabul.</content>
  </entry>
</feed>"""


def test_feeds_rss_entries_load_and_an_empty_one_is_rejected(write: Write, load_all: LoadAll) -> None:
    path = write("frontier.rss", RSS)
    loaded, rejected = load_all(path)
    got = [(i.line, i.document.name, i.document.title, i.document.url, i.document.outlet, i.document.published,
            i.document.text, i.document.source) for i in loaded]
    assert got == [
        (1, "frontier-1", "Blast hits Quetta market", "https://frontier.example/news/quetta", "Frontier Post",
         "2024-03-22", "A bomb exploded in a crowded market in Quetta on Friday.\nPolice said twelve people were "
         "killed.", f"{path}#1"),
        (2, "frontier-2", "TTP denies role in ambush", "https://frontier.example/news/ttp", "Frontier Post",
         "2021-10-02", "The group & its allies denied any role.", f"{path}#2"),
        (4, "frontier-4", "Undated brief", None, "Frontier Post", None, "Plain summary without markup.",
         f"{path}#4"),
    ]
    assert [(r.line, r.reason) for r in rejected] == [(3, "feed entry has no content or summary text")]
    assert [i.warnings for i in loaded] == [(), (), ("date 'sometime last week' could not be read; published is "
                                                     "left empty",)]


def test_feeds_atom_entries_load(write: Write, load_all: LoadAll) -> None:
    loaded, rejected = load_all(write("monitor.atom", ATOM))
    got = [(i.document.title, i.document.url, i.document.outlet, i.document.published, i.document.text)
           for i in loaded]
    assert rejected == []
    assert got == [
        ("Embassy attack: ISIS-K claims", "https://monitor.example/embassy", "Khorasan Monitor", "2022-09-05",
         "ISIS-K claimed the suicide bombing at the Russian embassy in Kabul."),
        ("Text entry", "https://monitor.example/text", "Khorasan Monitor", "2022-09-07",
         "A plain text entry <not markup> about Kabul."),
    ]


@pytest.mark.parametrize("name", ["feed.xml", "feed.RSS"])
def test_feeds_other_extensions_are_feeds_too(write: Write, load_all: LoadAll, name: str) -> None:
    loaded, rejected = load_all(write(name, RSS))
    assert (len(loaded), len(rejected)) == (3, 1)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("this is not xml at all", "not a readable RSS or Atom feed ("),
        ("<rss><channel><item><title>broken", "feed entry has no content or summary text"),
        ('<?xml version="1.0"?><catalog><book id="1"/></catalog>', "not an RSS or Atom feed (no channel or feed"),
        ('<rss version="2.0"><channel><title>Empty</title></channel></rss>', "feed has no entries"),
        (" \n", "file is empty (or only whitespace)"),
        ('<rss version="2.0"><channel><item><description>a &#xD800; b</description></item></channel></rss>',
         "not a readable RSS or Atom feed (the parser failed: 'utf-8' codec can't encode"),
        (b"\x1f\x8b\x08\x00gzipped", "file is binary (a gzip archive), not text"),
    ],
)
def test_feeds_unreadable_feed_is_rejected(write: Write, only_reason: OnlyReason, content: str | bytes,
                                           reason: str) -> None:
    assert only_reason(write("bad.xml", content)).startswith(reason)


def test_feeds_malformed_feed_with_entries_is_still_read(write: Write, load_all: LoadAll) -> None:
    loaded, rejected = load_all(write("cut.rss", "<rss><channel><title>Cut</title><item><title>T</title>"
                                                 "<description>Text before the cut.</description></item><item>"))
    assert [(i.document.outlet, i.document.text) for i in loaded] == [("Cut", "Text before the cut.")]
    assert [(r.line, r.reason) for r in rejected] == [(2, "feed entry has no content or summary text")]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>One</p><p>Two <b>bold</b></p>", "One\nTwo bold"),
        ("Line<br>break<br/>again", "Line\nbreak\nagain"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("  plain   text  ", "  plain   text  "),
        ("Fish &amp; chips", "Fish & chips"),
        ("<div>\n  soft \n\n  wrap </div><p>next</p>", "soft wrap\nnext"),
        ("<p>Pak<b>istan</b> and\n<i>India</i></p>", "Pakistan and India"),
    ],
)
def test_feeds_html_to_text(fragment: str, expected: str) -> None:
    assert html_to_text(fragment) == expected


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>T</title><item><title>x</title><description>&lol3;</description></item>
</channel></rss>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>T</title><item><title>x</title><description>&secret;</description></item>
</channel></rss>"""


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_feeds_entity_declarations_are_refused(write: Write, only_reason: OnlyReason, content: str) -> None:
    reason = only_reason(write("attack.xml", content))
    assert reason.startswith("feed declares XML entities or external references")


def test_feeds_doctype_without_entities_is_still_read(write: Write, load_all: LoadAll) -> None:
    with_doctype = RSS.replace('<?xml version="1.0" encoding="UTF-8"?>',
                               '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE rss>')
    loaded, _ = load_all(write("doctype.xml", with_doctype))
    assert loaded


@pytest.mark.parametrize("fragment", ["<?\x1b", "<p>a\x1bb</p>", "<b>\x00</b>", "<!DOCTYPE><SCRIPT"])
def test_feeds_html_to_text_drops_control_characters(fragment: str) -> None:  # found by fuzzing: lxml raised
    assert "\x1b" not in html_to_text(fragment) and "\x00" not in html_to_text(fragment)
