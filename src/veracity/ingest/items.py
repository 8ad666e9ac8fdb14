"""What reading yields: a :class:`Loaded` document or a :class:`Rejected` input, never an exception.

A batch of news files always holds some junk. Yielding rejections as values lets the caller count and report them
while the rest of the batch goes on, and keeps the reason next to the file and line it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from veracity.model import Document


@dataclass(frozen=True, slots=True)
class Loaded:
    """A document read from ``path``.

    ``line`` is the 1-based line of a JSON Lines file or the 1-based entry number of a feed; ``None`` for a file
    that holds one document. ``warnings`` name metadata that was present but unreadable and so left empty (a date
    nobody can parse), for the run report to count.
    """

    document: Document
    path: Path
    line: int | None = None
    warnings: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """``path`` or ``path:line``, for messages."""
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be read, with one sentence saying what is wrong (and how to fix it when we know)."""

    path: Path
    reason: str
    line: int | None = None

    @property
    def where(self) -> str:
        """``path`` or ``path:line``, for messages."""
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


Item = Loaded | Rejected
