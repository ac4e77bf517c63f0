"""Which files are documents, and how each is read: one set of suffix rules.

The rules are the data file ``govmetrics/data/document_formats.csv``
(``suffix,format,note``; suffixes compared case-insensitively, so
``REPORT.TXT`` is a text file). A format is a reader name (``text``,
``html``, ``pdf``, ``docx``; a new reader plugs in as a new row plus a reader
in :mod:`govmetrics.text.read`) or ``unsupported``, whose note says what to do.
:func:`govmetrics.extract`, :func:`govmetrics.unplaced` and the command line
all expand their paths with :func:`document_paths`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import DocumentError, DocumentNotFoundError, ParameterError
from ..vocabulary import read_vocabulary

__all__ = ["document_format", "document_paths", "Skipped", "UNSUPPORTED"]

UNSUPPORTED = "unsupported"
_MANIFEST = "MANIFEST.csv"  # hints for the documents of a folder (govmetrics.frame.manifest)


@cache
def _formats() -> dict[str, tuple[str, str]]:
    return {r["suffix"].lower(): (r["format"], r["note"])
            for r in read_vocabulary("document_formats.csv")}


def document_format(path: str | os.PathLike[str]) -> tuple[str | None, str]:
    """The format of a file by its suffix, and the note of the rule.

    Returns ``(None, reason)`` for a suffix no rule names.

    Examples
    --------
    >>> document_format("REPORT.TXT")[0], document_format("a.html")[0]
    ('text', 'html')
    >>> document_format("a.doc")[0], document_format("a.png")
    ('unsupported', (None, 'not a document (suffix .png)'))
    """
    suffix = Path(path).suffix.lower()
    rule = _formats().get(suffix)
    if rule is None:
        return None, f"not a document (suffix {suffix})"
    return rule


@dataclass(frozen=True)
class Skipped:
    """A file that a batch did not read, and why.

    Attributes
    ----------
    path : str
        The file.
    reason : str
        Why it was not read (unsupported format, not a document, ...).
    """

    path: str
    reason: str


def _as_paths(paths: object) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        return [Path(paths)]
    if isinstance(paths, Iterable):
        out = []
        for p in paths:
            if not isinstance(p, (str, os.PathLike)):
                raise ParameterError(f"paths: expected file or directory paths, got "
                                     f"{type(p).__name__}")
            out.append(Path(p))
        return out
    raise ParameterError(f"paths: expected a path or an iterable of paths, got "
                         f"{type(paths).__name__}")


def document_paths(paths: object) -> tuple[list[Path], list[Skipped]]:
    """Expand files and directories into the documents to read.

    A file named directly is read whatever its suffix, unless a rule marks
    the suffix ``unsupported`` (then it is skipped with the rule's note). A
    directory contributes every file in it (not hidden, not in
    sub-directories, not its ``MANIFEST.csv``) whose suffix has a readable
    format; its other files are skipped with the reason.

    Parameters
    ----------
    paths : path or iterable of paths

    Returns
    -------
    files : list of Path
        Documents to read, in the order given (directories sorted by name).
    skipped : list of Skipped
        Files that will not be read, with the reason.

    Raises
    ------
    DocumentError
        A path that does not exist (also a ``FileNotFoundError``), or no path at all.

    Examples
    --------
    >>> files, skipped = document_paths("data/raw")  # doctest: +SKIP
    """
    files: list[Path] = []
    skipped: list[Skipped] = []
    given = _as_paths(paths)
    if not given:
        raise DocumentError("<paths>", "no documents given")
    for p in given:
        kind = _path_kind(p)
        if kind == "dir":
            for q in sorted(p.iterdir()):
                if q.name.startswith(".") or q.name == _MANIFEST or not q.is_file():
                    continue  # hidden files; the hints file of the folder
                fmt, note = document_format(q)
                if fmt is None or fmt == UNSUPPORTED:
                    skipped.append(Skipped(str(q), note))
                else:
                    files.append(q)
        elif kind == "file":
            fmt, note = document_format(p)
            if fmt == UNSUPPORTED:
                skipped.append(Skipped(str(p), note))
            else:
                files.append(p)
        else:
            text = _looks_like_text(p)
            raise DocumentNotFoundError(_path_label(p) if text else p,
                                        "no such file or directory" + _TEXT_HINT * text)
    return files, skipped


_TEXT_HINT = " (this looks like document text: use extract_text)"
_LABEL_CHARS = 60


def _looks_like_text(p: Path) -> bool:
    """A "path" with a line break or sentence punctuation is document text."""
    return any(c in str(p) for c in "\n\r。，；")


def _path_label(p: Path) -> str:
    """``p`` on one short line, for an error message about text given as a path."""
    label = str(p).replace("\r", " ").replace("\n", " ")
    return label if len(label) <= _LABEL_CHARS else label[:_LABEL_CHARS] + "…"


def _path_kind(p: Path) -> str:
    """``"dir"``, ``"file"`` or ``"missing"``; a path the system refuses is a DocumentError."""
    try:
        return "dir" if p.is_dir() else "file" if p.exists() else "missing"
    except (OSError, ValueError) as e:  # name too long, NUL byte, ...
        why = getattr(e, "strerror", None) or str(e)
        hint = _TEXT_HINT if _looks_like_text(p) else ""
        raise DocumentError(_path_label(p), f"not a usable path ({why}){hint}") from None
