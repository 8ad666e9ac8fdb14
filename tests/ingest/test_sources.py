"""Walking paths and dispatching by extension (``veracity.ingest.sources``): bad input never stops a batch."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from veracity.ingest import Loaded, Rejected, read_paths

Write = Callable[[str, str | bytes], Path]

TEXT = "Blast kills twelve\nA bomb exploded in a crowded market in Quetta on Friday, police said."
needs_non_root = pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")


def where(items: list[Loaded | Rejected], root: Path) -> list[str]:
    """Each item as ``relative/path[:line] loaded|reason``."""
    out = []
    for item in items:
        rel = item.path.relative_to(root).as_posix() + (f":{item.line}" if item.line is not None else "")
        out.append(f"{rel} {item.reason if isinstance(item, Rejected) else 'loaded'}")
    return out


def test_sources_folder_walk_is_sorted_recursive_and_skips_hidden_and_readme(write: Write, tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "sub/c.txt", "sub/deeper/d.txt", ".hidden.txt", ".git/e.txt", "README.md",
                 "sub/readme.txt", "a0/z.txt"]:
        write(name, TEXT)
    items = list(read_paths([tmp_path]))
    assert where(items, tmp_path) == [
        "a.md loaded", "a0/z.txt loaded", "b.txt loaded", "sub/c.txt loaded", "sub/deeper/d.txt loaded",
    ]


def test_sources_named_files_are_read_even_if_hidden_or_readme(write: Write, tmp_path: Path) -> None:
    paths = [write(".hidden.txt", TEXT), write("README.md", TEXT)]
    assert where(list(read_paths([str(p) for p in paths])), tmp_path) == [".hidden.txt loaded", "README.md loaded"]


def test_sources_symlinked_folders_are_not_followed_but_symlinked_files_are(write: Write, tmp_path: Path) -> None:
    target = write("corpus/a.txt", TEXT)
    (tmp_path / "corpus" / "loop").symlink_to(tmp_path / "corpus", target_is_directory=True)
    (tmp_path / "corpus" / "link.txt").symlink_to(target)
    assert where(list(read_paths([tmp_path / "corpus"])), tmp_path) == ["corpus/a.txt loaded", "corpus/link.txt loaded"]


def test_sources_one_bad_input_does_not_stop_the_rest(write: Write, tmp_path: Path) -> None:
    write("01-good.txt", TEXT)
    write("02-binary.txt", b"GIF89a\x00\x00")
    write("03-empty.txt", "")
    write("04-notes.pdf", b"%PDF-1.4")
    write("05-lines.jsonl", '{"text": "one"}\n{broken\n{"text": "three"}\n')
    write("06-big.txt", "x" * 2_000)
    write("07-latin1.txt", b"caf\xe9")
    write("08-noext", TEXT)
    write("09-menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    write("10-good.md", TEXT)
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"], max_bytes=1_000))
    assert where(items, tmp_path) == [
        "01-good.txt loaded",
        "02-binary.txt file is binary (a GIF image), not text",
        "03-empty.txt text is empty (or only whitespace)",
        "04-notes.pdf unsupported file type '.pdf'; veracity reads .atom, .htm, .html, .jsonl, .md, .rss, .txt, .warc,"
        " .xml (rename plain text to .txt)",
        "05-lines.jsonl:1 loaded",
        "05-lines.jsonl:2 line is not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        "05-lines.jsonl:3 loaded",
        "06-big.txt file is 2,000 bytes, over the 1,000-byte limit (split it or raise VERACITY_MAX_DOC_BYTES)",
        "07-latin1.txt loaded",
        "08-noext unsupported file without an extension; veracity reads .atom, .htm, .html, .jsonl, .md, .rss, .txt,"
        " .warc, .xml (rename plain text to .txt)",
        "09-menu.html no main text could be extracted from the HTML (it may be only navigation, or rendered by "
        "scripts)",
        "10-good.md loaded",
        "missing.txt path does not exist",
    ]


@pytest.mark.parametrize("kind", ["missing", "broken link", "fifo"])
def test_sources_paths_that_are_not_files(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "thing.txt"
    if kind == "broken link":
        path.symlink_to(tmp_path / "nowhere.txt")
    elif kind == "fifo":
        os.mkfifo(path)
    reason = {"missing": "path does not exist", "broken link": "path does not exist (a broken symbolic link)",
              "fifo": "path is neither a regular file nor a folder"}[kind]
    assert list(read_paths([path])) == [Rejected(path, reason)]


def test_sources_fifo_inside_a_folder_is_rejected_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    assert [(i.path.name, i.reason) for i in read_paths([tmp_path]) if isinstance(i, Rejected)] == [
        ("dangling.txt", "path is neither a regular file nor a folder (or a broken symbolic link)"),
        ("pipe.txt", "path is neither a regular file nor a folder (or a broken symbolic link)"),
    ]


@needs_non_root
def test_sources_unreadable_file_and_folder_are_rejected(write: Write, tmp_path: Path) -> None:
    locked_file = write("locked.txt", TEXT)
    locked_file.chmod(0)
    locked_dir = tmp_path / "locked"
    locked_dir.mkdir()
    locked_dir.chmod(0)
    try:
        assert [(i.path.name, getattr(i, "reason", "loaded")) for i in read_paths([tmp_path])] == [
            ("locked", "cannot read the folder (Permission denied)"),
            ("locked.txt", "cannot read the file (Permission denied)"),
        ]
    finally:
        locked_dir.chmod(0o700)


def test_sources_read_errors_become_rejections(write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above for any user (root reads everything), by making the OS calls fail."""
    write("locked.txt", TEXT)
    write("open.txt", TEXT)
    (tmp_path / "locked").mkdir()
    real_open, real_scandir = Path.open, os.scandir

    def deny_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    def deny_scandir(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(Path, "open", deny_open)
    monkeypatch.setattr(os, "scandir", deny_scandir)
    assert where(list(read_paths([tmp_path])), tmp_path) == [
        "locked cannot read the folder (Permission denied)",
        "locked.txt cannot read the file (Permission denied)",
        "open.txt loaded",
    ]


def test_sources_path_that_cannot_be_checked_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def deny(self: Path) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "is_dir", deny)
    path = tmp_path / "inside-a-locked-folder.txt"
    assert list(read_paths([path])) == [Rejected(path, "cannot read the path (Permission denied)")]


def test_sources_read_paths_is_lazy(write: Write) -> None:
    good = write("good.txt", TEXT)

    def paths() -> Iterator[Path]:
        yield good
        raise AssertionError("read_paths asked for the next path before the first was consumed")

    first = next(read_paths(paths()))
    assert isinstance(first, Loaded)
    assert first.document.name == "good"


def test_sources_duplicates_are_all_yielded(write: Write, tmp_path: Path) -> None:
    write("a.txt", TEXT)
    write("b.txt", f"TITLE: Same text\n---\n{TEXT}")
    loaded = [i for i in read_paths([tmp_path, tmp_path / "a.txt"]) if isinstance(i, Loaded)]
    assert [i.path.name for i in loaded] == ["a.txt", "b.txt", "a.txt"]
    assert len({i.document.id for i in loaded}) == 1


def test_sources_items_are_frozen_and_say_where(tmp_path: Path) -> None:
    rejected = Rejected(tmp_path / "c.jsonl", "bad", 3)
    assert rejected.where == f"{tmp_path / 'c.jsonl'}:3"
    assert Rejected(tmp_path / "c.txt", "bad").where == str(tmp_path / "c.txt")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rejected.reason = "changed"  # type: ignore[misc]


URDU = "پاکستان کے صوبہ بلوچستان میں ایک دھماکے میں بارہ افراد ہلاک ہو گئے ہیں اور پولیس کے مطابق " * 3


def test_sources_unreadable_language_is_loaded_with_a_warning(write: Write, tmp_path: Path) -> None:
    write("urdu.txt", URDU)
    write("english.txt", TEXT * 3)
    items = list(read_paths([tmp_path]))
    assert [(i.document.name, i.document.language, i.warnings) for i in items if isinstance(i, Loaded)] == [
        ("english", "en", ()),
        ("urdu", "ur", ("language is Urdu (ur); the extractor reads English only, so nothing will be extracted "
                        "from this document (it is stored and searchable)",)),
    ]
