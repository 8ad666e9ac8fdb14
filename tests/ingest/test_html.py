"""Saved web pages (``veracity.ingest.html``): main text and metadata, boilerplate left out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from veracity.ingest import Loaded, Rejected, read_html_document
from veracity.model import Document, InvalidInput

Write = Callable[[str, str | bytes], Path]
OnlyDocument = Callable[[Path], Document]
OnlyReason = Callable[..., str]
LoadAll = Callable[..., tuple[list[Loaded], list[Rejected]]]

PARAGRAPHS = (
    "A bomb exploded in a crowded market in Quetta on Friday, killing at least twelve people and wounding thirty, "
    "police officials said.",
    "No group has claimed responsibility for the attack, but the provincial government said it suspected the "
    "Balochistan Liberation Army, which has carried out similar attacks in the past.",
    "A spokesman for the group denied any involvement in a statement sent to reporters late on Friday evening.",
)

BOILERPLATE = ("Subscribe now", "All rights reserved", "Privacy policy", "Most read", "Sport")


def article(head: str, charset: str = "utf-8") -> str:
    """A page as news sites serve it: menus, a header, a sidebar, a footer, and the article in the middle."""
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">{head}
<script>window.dataLayer = [];</script><style>body {{ font-family: serif; }}</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<header><div class="logo">Frontier Post</div><a href="/subscribe">Subscribe now</a></header>
<main><article><h1>Blast hits Quetta market</h1>
<p class="byline">By Staff Reporter</p>
{body}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Cricket: Pakistan win</a></li>
<li><a href="/b">Weather</a></li></ul></aside>
</main>
<footer><p>Copyright 2024 Frontier Post. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


FULL_HEAD = """<title>Blast hits Quetta market | Frontier Post</title>
<link rel="canonical" href="https://frontier.example/news/quetta-blast">
<meta property="og:site_name" content="Frontier Post">
<meta property="og:title" content="Blast hits Quetta market">
<meta property="article:published_time" content="2024-03-22T10:00:00Z">"""

OG_URL_HEAD = """<title>Blast hits Quetta market</title>
<meta property="og:url" content="https://frontier.example/news/og">"""


def test_html_article_keeps_the_story_and_drops_the_boilerplate(write: Write, only_document: OnlyDocument) -> None:
    path = write("quetta.html", article(FULL_HEAD))
    doc = only_document(path)
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    for junk in BOILERPLATE:
        assert junk not in doc.text
    assert (doc.name, doc.title, doc.url, doc.outlet, doc.published, doc.language, doc.source) == (
        "quetta", "Blast hits Quetta market", "https://frontier.example/news/quetta-blast", "Frontier Post",
        "2024-03-22", "en", str(path))


def test_html_og_url_is_the_url_when_there_is_no_canonical_link(write: Write, only_document: OnlyDocument) -> None:
    doc = only_document(write("og.htm", article(OG_URL_HEAD)))
    assert doc.url == "https://frontier.example/news/og"
    assert PARAGRAPHS[0] in doc.text


def test_html_in_a_declared_legacy_charset_loads(write: Write, only_document: OnlyDocument) -> None:
    page = article(FULL_HEAD, charset="windows-1252").replace("Friday", "Friday \u2013 caf\u00e9")
    doc = only_document(write("legacy.html", page.encode("cp1252")))
    assert "Friday \u2013 caf\u00e9" in doc.text


DATED_ONLY_IN_THE_TEXT = """<html><head><title>Airport attack</title></head><body><article><h1>Airport attack</h1>
<p>On 26 August 2021, a suicide bomber struck the crowds outside Kabul airport, killing more than one hundred and
seventy people.</p><p>Islamic State Khorasan Province claimed the attack on 27 August 2021 through Amaq.</p>
</article></body></html>"""


def test_html_date_comes_from_markup_not_from_dates_in_the_story(write: Write, only_document: OnlyDocument) -> None:
    doc = only_document(write("airport.html", DATED_ONLY_IN_THE_TEXT))
    assert (doc.title, doc.published) == ("Airport attack", None)
    assert "On 26 August 2021, a suicide bomber" in doc.text


NAV_ONLY = """<html><head><title>Home</title></head><body><nav><ul><li><a href="/">Home</a></li>
<li><a href="/w">World news</a></li></ul></nav><footer>Copyright 2024</footer><script>x=1</script></body></html>"""


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (NAV_ONLY, "no main text could be extracted"),
        ("<html><head><title>T</title></head><body></body></html>", "no main text could be extracted"),
        ("<html><body><div id='app'></div><script src='/bundle.js'></script></body></html>", "no main text"),
        ("", "no main text could be extracted"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "file is binary (a PNG image)"),
    ],
)
def test_html_without_main_text_is_rejected(write: Write, only_reason: OnlyReason, content: str | bytes,
                                            reason: str) -> None:
    assert only_reason(write("bad.html", content)).startswith(reason)


def test_html_read_html_document_raises_invalid_input_for_a_menu() -> None:
    with pytest.raises(InvalidInput, match="no main text"):
        read_html_document(NAV_ONLY, "menu")


# Found by fuzzing: htmldate's clean-up hits an assertion inside lxml on this page while looking for a date.
CRASHES_THE_DATE_FINDER = (
    "<svg><table><tr><td>&#0;}<content type='html'>\x0b<meta charset='x-unknown'><!--\n</item><item><pubDate>Fri, "
    "99 Mar 2024\u2028<!--<meta charset='utf-16'>>>>}é<br/>}<![CDATA[\u2028{é<!DOCTYPE x [<!ENTITY a 'b'>]>"
    "</entry>\x0b<svg><?xml version='1.0' encoding='koi8-r'?>&#0;"
)


def test_html_extractor_crash_is_a_rejection_not_an_exception(write: Write, only_reason: OnlyReason) -> None:
    assert only_reason(write("fuzz.html", CRASHES_THE_DATE_FINDER)).startswith("no main text could be extracted")


SENTENCE = "A bomb exploded in a crowded market in Quetta on Friday, killing at least twelve people, police said."


@pytest.mark.parametrize(
    "content",
    [
        SENTENCE + "<br>" + SENTENCE + "</p></div></body>",  # text before any tag, stray closing tags
        "<p>" + SENTENCE + "<script>var x = 1</p>",  # a script that is never closed
        "<<<>>" + SENTENCE + "<p<p>" + SENTENCE + "</x></y>",  # broken tags around the text
    ],
)
def test_html_malformed_but_readable_page_is_kept_with_a_warning(write: Write, load_all: LoadAll,
                                                                 content: str) -> None:
    loaded, rejected = load_all(write("broken.html", content))
    assert not rejected
    (item,) = loaded
    assert SENTENCE in item.document.text
    assert item.warnings == ("page is malformed HTML; its text was read from the markup as lxml repaired it",)


def test_html_latin1_page_without_a_declaration_is_decoded_with_a_warning(write: Write, load_all: LoadAll) -> None:
    page = f"<html><body><article><p>{SENTENCE} The caf\u00e9 was closed.</p></article></body></html>"
    (item,), _ = load_all(write("latin.html", page.encode("cp1252")))
    assert "caf\u00e9" in item.document.text
    assert item.warnings[0].startswith("file is not UTF-8; decoded it as cp1252")
