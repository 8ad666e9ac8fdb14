"""Paths in, documents out: walk files and folders, pick a reader by extension, turn bad input into rejections.

Folders are read recursively in sorted order. Hidden files and folders (name starting with ".") are skipped, and
so is a ``README`` file inside a folder (it describes the corpus; it is not reporting). Symlinked folders are not
followed (no loops); symlinked files are. A path named explicitly is always read.

Only known extensions are read; any other file is rejected with the list of accepted ones, not sniffed: a log or a
CSV is plain UTF-8 too, and quietly storing it as reporting is worse than asking for a rename to ``.txt``.

Nothing is de-duplicated here: the same text twice yields two documents with the same id, and the store counts the
second as a duplicate.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from veracity.ingest.feeds import read_feed_file
from veracity.ingest.html import read_html_file
from veracity.ingest.items import Item, Rejected
from veracity.ingest.jsonl import read_jsonl_file
from veracity.ingest.language import language_warnings
from veracity.ingest.raw import format_suffix
from veracity.ingest.text import read_text_file
from veracity.ingest.warc import read_warc_file
from veracity.model import InvalidInput

Reader = Callable[[Path, int], Iterator[Item]]

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".jsonl": read_jsonl_file,
    ".xml": read_feed_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
    ".warc": read_warc_file,
}
"""File extension (lower case) to the reader for it. A new format is one reader and one line here. A name ending in
``.gz`` is read by the reader of the extension before it, decompressed on the fly (``corpus.jsonl.gz``)."""

MAX_BYTES = 5_000_000


def read_paths(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Lazily yield a :class:`Loaded` per document and a :class:`Rejected` per bad file or line, never raising."""
    for raw in paths:
        for found in walk(Path(raw)):
            if isinstance(found, Rejected):
                yield found
            else:
                yield from from_file(found, max_bytes)


def from_file(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Everything one file holds; read errors become a :class:`Rejected` after whatever was already yielded."""
    reader = READERS.get(format_suffix(path))
    if reader is None:
        yield Rejected(path, _unsupported(path))
        return
    try:
        for item in reader(path, max_bytes):
            yield with_language_warning(item)
    except InvalidInput as exc:
        yield Rejected(path, exc.message)
    except OSError as exc:
        yield Rejected(path, f"cannot read the file ({exc.strerror or exc})")


def with_language_warning(item: Item) -> Item:
    """The item, with a warning added when its document is in a language the extractor cannot read."""
    if isinstance(item, Rejected):
        return item
    found = language_warnings(item.document.language)
    return replace(item, warnings=item.warnings + found) if found else item


def walk(path: Path) -> Iterator[Path | Rejected]:
    """The files to read under ``path`` (itself, when it is a file), or why it cannot be read."""
    try:
        is_dir, is_file, exists = path.is_dir(), path.is_file(), path.exists()
    except OSError as exc:  # e.g. a path inside a folder we may not enter
        yield Rejected(path, f"cannot read the path ({exc.strerror or exc})")
        return
    if is_dir:
        yield from _walk_folder(path)
    elif is_file:
        yield path
    elif exists:
        yield Rejected(path, "path is neither a regular file nor a folder")
    else:
        yield Rejected(path, "path does not exist" + (" (a broken symbolic link)" if path.is_symlink() else ""))


def _walk_folder(folder: Path) -> Iterator[Path | Rejected]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Rejected(folder, f"cannot read the folder ({exc.strerror or exc})")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            kind = _kind(entry)
        except OSError as exc:
            yield Rejected(path, f"cannot read the path ({exc.strerror or exc})")
            continue
        if kind == "folder":
            yield from _walk_folder(path)
        elif kind == "file":
            yield path
        elif kind == "other":
            yield Rejected(path, "path is neither a regular file nor a folder (or a broken symbolic link)")


def _kind(entry: os.DirEntry[str]) -> str:
    """``skip`` for hidden entries, symlinked folders (no loops) and a folder's README; else what it is."""
    if entry.name.startswith(".") or (entry.is_symlink() and entry.is_dir()):
        return "skip"
    if entry.is_dir(follow_symlinks=False):
        return "folder"
    if not entry.is_file():
        return "other"
    return "skip" if entry.name.split(".")[0].upper() == "README" else "file"


def _unsupported(path: Path) -> str:
    accepted = ", ".join(sorted(READERS))
    suffix = format_suffix(path)
    what = f"file type '{suffix}'" if suffix else "file without an extension"
    return f"unsupported {what}; veracity reads {accepted} (rename plain text to .txt)"
