"""The package's exception types.

Every error a user can trigger says what was wrong and what would be right:
an unknown name lists the valid choices, a data problem names file, line and
column.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "AssetsUnavailableError",
    "BuildRequestError",
    "CourseDataError",
    "DataFileMissingError",
    "HashMismatchError",
    "HubLinkError",
    "PakfpCourseError",
    "SiteBuildError",
    "UnknownChoiceError",
]


class PakfpCourseError(Exception):
    """Base class for every error raised on purpose by ``pakfp_course``."""


class UnknownChoiceError(PakfpCourseError, ValueError):
    """A name (dataset, phase, category, ...) that is not one of the valid choices.

    Parameters
    ----------
    kind
        What was being chosen, e.g. ``"dataset"`` or ``"phase"``.
    value
        The value the caller gave.
    choices
        Every valid value, in the order to show them.
    """

    def __init__(self, kind: str, value: object, choices: Iterable[str]) -> None:
        self.kind = kind
        self.value = value
        self.choices = list(choices)
        close = difflib.get_close_matches(str(value), self.choices, n=1, cutoff=0.5)
        self.suggestion = close[0] if close else None
        hint = f" Did you mean {self.suggestion!r}?" if self.suggestion else ""
        valid = ", ".join(repr(c) for c in self.choices)
        super().__init__(f"unknown {kind} {value!r}.{hint} Valid choices: {valid}.")


class CourseDataError(PakfpCourseError):
    """A problem in the course data files, located by file, line and column.

    Parameters
    ----------
    path
        The data file (or ``datapackage.json``) with the problem.
    problem
        What is wrong, in words.
    line
        1-based line in the file (the header is line 1), if known.
    column
        The column (field) name, if known.
    """

    def __init__(
        self, path: Path | str, problem: str, line: int | None = None, column: str | None = None
    ) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        self.column = column
        where = [self.path.as_posix()]
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {problem}")


class DataFileMissingError(CourseDataError, FileNotFoundError):
    """A data file named in ``datapackage.json`` does not exist."""


class HashMismatchError(CourseDataError):
    """A data file's sha256 differs from the one recorded in ``datapackage.json``."""


class BuildRequestError(PakfpCourseError, ValueError):
    """A build or handout request is invalid (lesson, parameter, value or matrix file)."""


class HubLinkError(PakfpCourseError, ValueError):
    """A hub link cannot be made: a bad hub address, repository or branch."""


class AssetsUnavailableError(PakfpCourseError):
    """The offline JavaScript for built pages cannot be fetched (no npm, no registry)."""


class SiteBuildError(PakfpCourseError):
    """The course website could not be built (Sphinx failed, or no lesson was executed)."""
