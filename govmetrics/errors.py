"""Exceptions raised by govmetrics.

Every error that reaches a user names the file (or input) and what is wrong.
"""

from __future__ import annotations


class GovmetricsError(Exception):
    """Base class of every error govmetrics raises on purpose."""


class DocumentError(GovmetricsError):
    """A document cannot be read or is empty.

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
    """

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class SchemaError(GovmetricsError):
    """A fact table breaks the column contract (names the column and rows)."""


class AnalysisError(GovmetricsError):
    """An analysis cannot be carried out on the given table (e.g. too little data)."""
