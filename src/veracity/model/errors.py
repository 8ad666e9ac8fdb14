"""One error hierarchy for the whole package.

Library code raises these; each interface (CLI, API) converts them once into its own shape (a one-line message and
exit code, or one JSON error body). Messages say what failed and how to fix it, so they can be shown as they are.
"""

from __future__ import annotations


class VeracityError(Exception):
    """Base of every error veracity raises on purpose."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        self.message = message
        self.fix = fix
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return f"{self.message} ({self.fix})" if self.fix else self.message

    def as_dict(self) -> dict[str, str | None]:
        """The one JSON shape every interface uses for errors."""
        return {"error": type(self).__name__, "code": self.code, "message": self.message, "fix": self.fix}


class InvalidInput(VeracityError):
    """Input that cannot be used: a bad file, a malformed line, an unknown value."""

    code = "E100"
    exit_code = 2


class NotFound(VeracityError):
    """A named thing (actor, document, proposition) is not in the store."""

    code = "E200"
    exit_code = 3


class ConfigError(VeracityError):
    """A setting or data file is wrong or a required component is missing."""

    code = "E300"
    exit_code = 4
