"""Errors that carry every problem found in an input, each with its place.

Parsing and validation never stop at the first problem: they collect
:class:`Problem` records and raise one :class:`InputError` holding all of
them, so a user fixes a file in one pass. The CLI and the app print
``str(error)``; nobody should ever see a traceback for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where it is.

    ``line`` and ``column`` are 1-based. For tables ``line`` is the line in the
    CSV file (the header is line 1) and ``column`` the column's name; for texts
    they are the line and character column in the text file.
    """

    source: str
    message: str
    line: int | None = None
    column: int | str | None = None
    value: object | None = None

    def __str__(self) -> str:
        place = self.source
        if self.line is not None:
            place += f", line {self.line}"
        if self.column is not None:
            place += f", column {self.column}"
        text = f"{place}: {self.message}"
        if self.value is not None:
            value = str(self.value)
            shown = value if len(value) <= 60 else value[:57] + "..."
            text += f" (value: {shown!r})"
        return text


class InputError(ValueError):
    """Raised when an input cannot be used; ``problems`` lists why."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))


class ParseError(InputError):
    """A policy text the parser cannot make sense of."""


class ValidationError(InputError):
    """A measures table that does not follow the schema."""
