"""Text files, the metadata header and in-memory text (``veracity.ingest.text``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veracity.ingest import Loaded, Rejected, format_header, read_text_document, split_header
from veracity.ingest.text import HEADER_KEYS
from veracity.model import Document, InvalidInput
from veracity.model.ids import text_hash
from veracity.model.values import normalise_text

Write = Callable[[str, str | bytes], Path]
LoadAll = Callable[..., tuple[list[Loaded], list[Rejected]]]
OnlyDocument = Callable[[Path], Document]
OnlyReason = Callable[..., str]

BODY = "Blast kills twelve in Quetta\n\nA bomb exploded in a crowded market in Quetta on Friday, police said."


@pytest.mark.parametrize(
    ("text", "header", "body"),
    [
        ("TITLE: T\nDATE: 2024-03-22\n---\nBody", {"title": "T", "date": "2024-03-22"}, "Body"),
        ("date: 2024\nurl: https://x.test/a\n---\nBody", {"date": "2024", "url": "https://x.test/a"}, "Body"),
        ("  Outlet :  Dawn  \n---\nBody", {"outlet": "Dawn"}, "Body"),
        ("OUTLET:\nTITLE: T\n---\nB", {"outlet": None, "title": "T"}, "B"),
        ("TITLE: A: B\n---  \nBody", {"title": "A: B"}, "Body"),
        ("TITLE: first\nTITLE: second\n---\nB", {"title": "second"}, "B"),
        ("TITLE: T\r\n---\r\nBody\r\n", {"title": "T"}, "Body\r\n"),
        ("TITLE: T\n---\n\n  Body keeps its spaces", {"title": "T"}, "\n  Body keeps its spaces"),
        ("TITLE: T\n---", {"title": "T"}, ""),
        # Not a header: the text comes back whole.
        ("TITLE: T\nBody without a closing line", {}, None),
        ("AUTHOR: someone\n---\nBody", {}, None),
        ("Meanwhile: Afghan-Based Terrorists\n---\nBody", {}, None),
        ("TITLE: T\n\n---\nBody", {}, None),
        ("---\nBody", {}, None),
        ("Body\nTITLE: T\n---\n", {}, None),
        ("", {}, None),
    ],
)
def test_text_split_header(text: str, header: dict[str, str | None], body: str | None) -> None:
    assert split_header(text) == (header, text if body is None else body)


_VALUE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40).map(str.strip)


@given(
    header=st.dictionaries(st.sampled_from(HEADER_KEYS), _VALUE.map(lambda v: v or None), min_size=1),
    body=st.text(max_size=200),
)
def test_text_header_round_trip(header: dict[str, str | None], body: str) -> None:
    assert split_header(format_header(header) + body) == (header, body)


def test_text_read_text_document_uses_the_header_and_keeps_offsets() -> None:
    doc = read_text_document(f"URL: https://x.test/a\nTITLE: Blast\nDATE: March 22, 2024\nOUTLET: Dawn\n---\n{BODY}",
                             "quetta", source="mem")
    assert (doc.name, doc.title, doc.url, doc.outlet, doc.published, doc.source) == (
        "quetta", "Blast", "https://x.test/a", "Dawn", "2024-03-22", "mem")
    assert doc.text == BODY
    assert doc.id == text_hash(normalise_text(BODY))


def test_text_read_text_document_keywords_win_over_the_header() -> None:
    doc = read_text_document(f"TITLE: Old\nDATE: 2020\n---\n{BODY}", "q", title="New", published="2024-03")
    assert (doc.title, doc.published) == ("New", "2024-03")


@pytest.mark.parametrize(
    ("text", "title", "published", "language"),
    [
        (BODY, "Blast kills twelve in Quetta", None, None),
        ("DATE: someday\n---\n" + BODY, "Blast kills twelve in Quetta", None, None),
        ("OUTLET:\n---\n" + BODY * 3, "Blast kills twelve in Quetta", None, "en"),
        ("A single paragraph with no title line.", None, None, None),
    ],
)
def test_text_read_text_document_guesses(text: str, title: str | None, published: str | None,
                                         language: str | None) -> None:
    doc = read_text_document(text, "n")
    assert (doc.title, doc.published, doc.outlet, doc.language) == (title, published, None, language)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "text is empty"), (" \n\t\n", "text is empty"), ("TITLE: T\n---\n  \n", "no text after the '---' line")],
)
def test_text_read_text_document_refuses_empty_text(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        read_text_document(text, "n")


@pytest.mark.parametrize(
    ("name", "content", "title", "published"),
    [
        ("quetta.txt", f"TITLE: Blast\nDATE: 2024-03-22\n---\n{BODY}", "Blast", "2024-03-22"),
        ("quetta.TXT", BODY, "Blast kills twelve in Quetta", None),
        ("quetta.md", "# Blast in Quetta\n\nA bomb *exploded* in Quetta.", "Blast in Quetta", None),
    ],
)
def test_text_files_load(write: Write, only_document: OnlyDocument, name: str, content: str, title: str,
                         published: str | None) -> None:
    path = write(name, content)
    doc = only_document(path)
    assert (doc.name, doc.title, doc.published, doc.source) == ("quetta", title, published, str(path))
    assert doc.text == normalise_text(split_header(content)[1])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "text is empty (or only whitespace)"),
        (b"  \n\r\n\t ", "text is empty (or only whitespace)"),
        (b"TITLE: T\nDATE: 2024\n---\n\n", "there is no text after the '---' line that ends the header"),
        (b"%PDF-1.4 binary", "file is binary (a PDF file), not text"),
    ],
)
def test_text_files_rejected(write: Write, only_reason: OnlyReason, content: bytes, reason: str) -> None:
    assert only_reason(write("bad.txt", content)) == reason


@pytest.mark.parametrize(
    ("date", "warnings"),
    [("DATE: someday\n", ("date 'someday' could not be read; published is left empty",)), ("DATE: 2024\n", ()),
     ("", ())],
)
def test_text_file_unreadable_date_is_a_warning(write: Write, load_all: LoadAll, date: str,
                                                warnings: tuple[str, ...]) -> None:
    loaded, _ = load_all(write("a.txt", f"TITLE: T\n{date}---\n{BODY}"))
    assert loaded[0].warnings == warnings


def test_text_file_with_bom_loads_like_without(write: Write, only_document: OnlyDocument) -> None:
    plain = only_document(write("a.txt", BODY))
    bom = only_document(write("b.txt", b"\xef\xbb\xbf" + BODY.encode()))
    assert bom.id == plain.id


def test_text_file_over_the_limit_is_rejected_before_reading(write: Write, only_reason: OnlyReason) -> None:
    path: Path = write("big.txt", "x" * 101)
    assert only_reason(path, max_bytes=100) == (
        "file is 101 bytes, over the 100-byte limit (split it or raise VERACITY_MAX_DOC_BYTES)")
