"""Exceptions raised by govmetrics.

Every error that reaches a user names the file (or input) and what is wrong.
The classes also derive from the built-in exception that fits, so ordinary
``except ValueError`` or ``except FileNotFoundError`` clauses catch them.
"""

from __future__ import annotations


class GovmetricsError(Exception):
    """Base class of every error govmetrics raises on purpose."""


class ParameterError(GovmetricsError, ValueError):
    """A function argument is of the wrong type or out of range (names the parameter).

    Examples
    --------
    >>> isinstance(ParameterError("year: expected an integer"), ValueError)
    True
    """


class DocumentError(GovmetricsError, ValueError):
    """A document cannot be read, is empty, too large or undecodable.

    Parameters
    ----------
    path : str
        The file (or a label for in-memory input) that failed.
    problem : str
        What is wrong, in plain words.

    Examples
    --------
    >>> str(DocumentError("a.txt", "file is empty"))
    'a.txt: file is empty'
    >>> isinstance(DocumentError("a.txt", "file is empty"), ValueError)
    True
    """

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):  # noqa: ANN204 - picklable with its two arguments
        return (type(self), (self.path, self.problem))

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class DocumentNotFoundError(DocumentError, FileNotFoundError):
    """A document path does not exist (also a :class:`FileNotFoundError`).

    Examples
    --------
    >>> isinstance(DocumentNotFoundError("a.txt", "file not found"), FileNotFoundError)
    True
    """


class SchemaError(GovmetricsError, ValueError):
    """A fact table breaks the column contract (names the column and rows)."""


class AnalysisError(GovmetricsError):
    """An analysis cannot be carried out on the given table (e.g. too little data)."""
