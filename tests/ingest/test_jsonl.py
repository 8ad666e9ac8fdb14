"""JSON Lines corpora (``veracity.ingest.jsonl``): one document per line, bad lines rejected by number."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from veracity.ingest import Loaded, Rejected

Write = Callable[[str, str | bytes], Path]
LoadAll = Callable[..., tuple[list[Loaded], list[Rejected]]]
OnlyReason = Callable[..., str]

TEXT = "Blast kills twelve in Quetta\nA bomb exploded in a crowded market in Quetta on Friday, police said."


def line(**record: object) -> str:
    return json.dumps(record, ensure_ascii=False)


def test_jsonl_loads_every_line_with_its_metadata(write: Write, load_all: LoadAll) -> None:
    path = write("corpus.jsonl", "\n".join([
        line(text=TEXT, url="https://x.test/1", title="Blast", outlet="Dawn", published="March 22, 2024", id="q-1"),
        line(text="Second report.\nMore text.", name="second", published=2021),
        line(text="Third report without a name.", published="soon"),
    ]) + "\n")
    loaded, rejected = load_all(path)
    assert rejected == []
    got = [(i.line, i.document.name, i.document.title, i.document.url, i.document.outlet, i.document.published,
            i.document.source) for i in loaded]
    assert got == [
        (1, "q-1", "Blast", "https://x.test/1", "Dawn", "2024-03-22", f"{path}#1"),
        (2, "second", "Second report.", None, None, "2021", f"{path}#2"),
        (3, "corpus-3", None, None, None, None, f"{path}#3"),
    ]
    assert [i.warnings for i in loaded] == [(), (), ("date 'soon' could not be read; published is left empty",)]


def test_jsonl_bad_lines_are_rejected_by_number_and_the_rest_load(write: Write, load_all: LoadAll) -> None:
    path = write("mixed.jsonl", "\n".join([
        line(text="First good line."),
        '{"text": "unterminated',
        "",
        line(title="no text here"),
        '["a", "list"]',
        line(text="   "),
        line(text="Bad title type.", title=["a"]),
        line(text="Bad flag.", url=True),
        line(text="Last good line."),
    ]))
    loaded, rejected = load_all(path)
    assert [(i.line, i.document.text) for i in loaded] == [(1, "First good line."), (9, "Last good line.")]
    assert [(r.line, r.reason) for r in rejected] == [
        (2, "line is not valid JSON (Unterminated string starting at column 10)"),
        (4, "JSON line has no 'text' string (or it is empty)"),
        (5, "JSON line is a list, not an object with a 'text' field"),
        (6, "JSON line has no 'text' string (or it is empty)"),
        (7, "JSON field 'title' must be a string, not list"),
        (8, "JSON field 'url' must be a string, not bool"),
    ]
    assert all(r.path == path for r in rejected)


def test_jsonl_undecodable_line_is_rejected_alone(write: Write, load_all: LoadAll, undecodable: bytes) -> None:
    path = write("enc.jsonl", line(text="good").encode() + b'\n{"text": "caf\xe9"}\n{"text": "' + undecodable
                 + b'"}\n' + line(text="also").encode())
    loaded, rejected = load_all(path)
    assert [(i.line, i.warnings) for i in loaded] == [
        (1, ()), (2, ("line is not UTF-8; decoded it as cp1252 (detected by charset-normalizer)",)), (4, ())]
    assert loaded[1].document.text == "caf\u00e9"
    assert [(r.line, r.reason) for r in rejected] == [
        (3, "line is not valid UTF-8 and no text encoding reads it (re-save the file as UTF-8)")]


def test_jsonl_utf16_file_is_re_encoded_as_it_streams(write: Write, load_all: LoadAll) -> None:
    lines = line(text="caf\u00e9 one") + "\n" + line(text="two \u201cquoted\u201d") + "\n"
    loaded, rejected = load_all(write("wide.jsonl", lines.encode("utf-16")))
    assert not rejected
    assert [i.document.text for i in loaded] == ["caf\u00e9 one", "two \u201cquoted\u201d"]
    assert loaded[0].warnings == ("file is UTF-16 text, not UTF-8; decoded it as utf-16",)


def test_jsonl_gzip_file_streams_like_the_plain_one(write: Write, load_all: LoadAll) -> None:
    lines = "".join(line(text=f"document {n}") + "\n" for n in range(50))
    plain, _ = load_all(write("c.jsonl", lines))
    packed, rejected = load_all(write("c.jsonl.gz", gzip.compress(lines.encode())))
    assert not rejected
    assert len(packed) == 50
    assert [(i.document.id, i.document.name) for i in packed] == [(i.document.id, i.document.name) for i in plain]


def test_jsonl_limit_applies_per_line(write: Write, load_all: LoadAll) -> None:
    long_line = line(text="x" * 300)
    path = write("big.jsonl", "\n".join([line(text="short one"), long_line, line(text="short two")]))
    loaded, rejected = load_all(path, max_bytes=100)
    assert [i.document.text for i in loaded] == ["short one", "short two"]
    assert [(r.line, r.reason) for r in rejected] == [(2, "line is over the 100-byte limit")]


def test_jsonl_with_bom_and_crlf_loads(write: Write, load_all: LoadAll) -> None:
    path = write("bom.jsonl", b"\xef\xbb\xbf" + line(text="one").encode() + b"\r\n" + line(text="two").encode())
    loaded, rejected = load_all(path)
    assert (rejected, [i.document.text for i in loaded]) == ([], ["one", "two"])


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "file has no JSON lines (it is empty or only whitespace)"),
     (b"\n  \r\n\n", "file has no JSON lines (it is empty or only whitespace)"),
     (b"PK\x03\x04zip", "file is binary (a ZIP archive (or an Office document)), not text"),
     (b'{"text": "a"}\x00\x00', "file is binary (it contains NUL bytes), not text")],
)
def test_jsonl_binary_file_is_rejected_whole(write: Write, only_reason: OnlyReason, content: bytes,
                                             reason: str) -> None:
    assert only_reason(write("bin.jsonl", content)) == reason


def test_jsonl_and_txt_give_the_same_id_for_the_same_text(write: Write, load_all: LoadAll) -> None:
    txt = write("a.txt", f"TITLE: Blast\nDATE: 2024-03-22\n---\n{TEXT}\n")
    jsonl = write("b.jsonl", line(text=TEXT + "  \r\n", title="Other title"))
    items = load_all(txt, jsonl)[0]
    assert isinstance(items[0], Loaded) and not isinstance(items[1], Rejected)
    assert items[0].document.id == items[1].document.id
    assert items[0].document.name != items[1].document.name
