"""finsam's own errors: one family for every problem with the data.

Every problem with data — a file that cannot be read, decoded or parsed, a value outside
finsam's bounds, a förbund whose charter cannot split its contributions — is a
`DataError` (a `FinsamError`) that names the source and the place of each problem. Misuse
of the Python API (an argument of the wrong type) raises `TypeError` or `ValueError` as
each function documents; nothing else escapes the loaders, `check` or `split_funding`.

Example:
    >>> from finsam import DataError, Problem
    >>> error = DataError([Problem("insatser[3].period", "'2025-06-31' is not a date")],
    ...                   source="report.toml")
    >>> print(error)
    report.toml: insatser[3].period: '2025-06-31' is not a date
    >>> error.source, error.problems[0].path
    ('report.toml', 'insatser[3].period')
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from finsam._fields import Model

__all__ = ["DataError", "FinsamError", "MissingDataError", "Problem"]


class FinsamError(Exception):
    """The base of finsam's own exceptions."""


@attrs.frozen(repr=False, eq=False)
class Problem(Model):
    """One problem in some data: where it is and what is wrong.

    Attributes:
        path: The place in the data, as the file writes it (``members[3].kind``); empty
            for the whole document.
        message: What is wrong, and what was expected instead.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DataError(FinsamError, ValueError):
    """Data that cannot be used: every problem found, each with its place.

    A `ValueError`, so code that guarded against bad values keeps working.

    Attributes:
        problems: Every problem found, in the order of the data.
        source: The file (or other source) the data came from, if known.
    """

    def __init__(self, problems: Iterable[Problem | str], source: str | None = None) -> None:
        self.problems = tuple(p if isinstance(p, Problem) else Problem("", p) for p in problems)
        self.source = source
        super().__init__("\n".join(self.lines()))

    @property
    def errors(self) -> tuple[str, ...]:
        """One line per problem, ``path: message`` (without the source)."""
        return tuple(str(problem) for problem in self.problems)

    def lines(self) -> list[str]:
        """One line per problem, ``source: path: message``, as ``finsam`` prints them."""
        where = f"{self.source}: " if self.source else ""
        return [f"{where}{problem}" for problem in self.problems]

    def with_source(self, source: str) -> DataError:
        """The same problems, attributed to `source` (when none was known)."""
        return type(self)(self.problems, self.source or source)


class MissingDataError(DataError, LookupError):
    """The data does not hold what was asked for: a year without a funding total, a date
    before the first charter version. Also a `LookupError`."""
