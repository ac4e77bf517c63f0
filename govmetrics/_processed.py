"""The processed fact table of a folder of documents, served while it is current.

``scripts/build_datasets.py`` extracts ``data/raw`` into
``data/processed/facts.csv`` and records beside it, in ``facts.stamp.json``,
the content hashes of what the table was built from: every file of the raw
folder, the extraction code and vocabularies of this package, the versions of
the libraries extraction uses, and the table itself. ``govmetrics table`` (and
the other commands that read ``data/raw`` by default) reads the table instead
of extracting again when all of these hashes still match, so a changed,
added or removed document, a changed extraction rule or vocabulary, or an
edited table is never served stale: any difference and the documents are
extracted as before.

The script also stores ``data/processed/table.txt``, the output of
``govmetrics table`` with no options run in the repository, and records in
the stamp (key ``table``) its hash, a hash of the presentation code
(:data:`PRESENTATION`) and the versions of the libraries that render it.
While these and the facts part all match, the command prints the stored text
(:func:`stored_table`) without loading pandas.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

__all__ = ["PRESENTATION", "STAMP_NAME", "TABLE_NAME", "current_facts",
           "extraction_fingerprint", "libraries", "presentation_fingerprint", "stamp",
           "stored_table", "table_libraries", "table_stamp", "write_stamp", "write_table_stamp"]

#: The stamp file written beside the processed fact table.
STAMP_NAME = "facts.stamp.json"
#: The stored output of ``govmetrics table`` (no options), beside the processed fact table.
TABLE_NAME = "table.txt"
_FORMAT = 1

_PACKAGE = Path(__file__).resolve().parent

#: Parts of the package that only read a fact table (analysis, tables and plots in
#: ``present/``, the task reader, the command line, bundled datasets, multi-year
#: tables, this module): changing them does not change extraction, so they are left
#: out of the extraction fingerprint; they make up :func:`presentation_fingerprint`.
#: Tests check that extracting documents loads none of them and that each entry
#: names files of the package.
PRESENTATION: tuple[str, ...] = (
    "analysis/", "present/", "datasets/", "tasks/", "cli/", "__main__.py", "history.py",
    "_processed.py",
)

#: Libraries whose version can change what extraction returns (distribution names,
#: normalised as in the names of their ``.dist-info`` folders).
_LIBRARIES = ("pandas", "numpy", "cn2an", "opencc", "charset_normalizer")
#: Libraries whose version can change how the table is rendered (tabulate measures
#: the width of Chinese text with wcwidth).
_TABLE_LIBRARIES = ("pandas", "tabulate", "wcwidth")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _package_files(presentation: bool) -> list[Path]:
    """The package's files in :data:`PRESENTATION` (``True``) or outside it (``False``)."""
    files = []
    for p in sorted(_PACKAGE.rglob("*")):
        rel = p.relative_to(_PACKAGE).as_posix()
        if (not p.is_file() or "__pycache__" in rel or p.suffix in (".pyc", ".pyo")
                or rel.startswith(PRESENTATION) != presentation):
            continue
        files.append(p)
    return files


def _files_hash(files: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for p in files:
        h.update(p.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _installed() -> dict[str, str]:
    """Distribution name -> version, from the ``NAME-VERSION.dist-info`` folders on sys.path.

    The first folder found for a name wins, as for imports. Reading folder
    names is much cheaper than :mod:`importlib.metadata` (which this module
    would otherwise be the only one to load on ``govmetrics table``).
    """
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for n in names:
            if n.endswith(".dist-info") and "-" in n:
                name, _, version = n[: -len(".dist-info")].partition("-")
                found.setdefault(name.lower().replace("-", "_").replace(".", "_"), version)
    return found


def libraries() -> str:
    """The Python and library versions extraction depends on, as one line.

    Examples
    --------
    >>> libraries().split("; ")[0].startswith("python 3.")
    True
    """
    return "; ".join([f"python {'.'.join(map(str, sys.version_info[:3]))}",
                      *_versions(_LIBRARIES)])


def table_libraries() -> str:
    """The versions of the libraries that render the table (pandas, tabulate, wcwidth).

    Examples
    --------
    >>> table_libraries().split("; ")[1].startswith("tabulate ")
    True
    """
    return "; ".join(_versions(_TABLE_LIBRARIES))


def _versions(names: Iterable[str]) -> list[str]:
    """``"name version"`` of each of ``names`` (``-`` for one not installed)."""
    installed = _installed()
    return [f"{name} {installed.get(name, '-')}" for name in names]


def extraction_fingerprint() -> str:
    """One hash of the extraction code and its data files.

    Returns
    -------
    str
        Hex SHA-256 over the package's files outside :data:`PRESENTATION`
        (relative path and content).
    """
    return _files_hash(_package_files(presentation=False))


def presentation_fingerprint() -> str:
    """One hash of the presentation code: the package's files in :data:`PRESENTATION`.

    Returns
    -------
    str
        Hex SHA-256 over those files (relative path and content); with
        :func:`extraction_fingerprint` it covers every file of the package.
    """
    return _files_hash(_package_files(presentation=True))


def _raw_files(raw: Path) -> Iterable[Path]:
    return sorted(p for p in raw.rglob("*") if p.is_file())


def _raw_hashes(raw: Path) -> dict[str, str]:
    return {p.relative_to(raw).as_posix(): _sha256(p) for p in _raw_files(raw)}


def stamp(raw: str | Path, facts: str | Path) -> dict[str, object]:
    """What ``facts`` was built from: hashes of the raw files, the code and the table.

    Parameters
    ----------
    raw : str or path
        The folder of documents the table was extracted from.
    facts : str or path
        The fact table (CSV).

    Returns
    -------
    dict
        ``format``, ``facts`` (hash of the table), ``extraction``
        (:func:`extraction_fingerprint`), ``libraries`` (:func:`libraries`)
        and ``raw`` (file name -> hash).
    """
    return {"format": _FORMAT, "facts": _sha256(Path(facts)),
            "extraction": extraction_fingerprint(), "libraries": libraries(),
            "raw": _raw_hashes(Path(raw))}


def write_stamp(raw: str | Path, facts: str | Path) -> Path:
    """Write :func:`stamp` as ``facts.stamp.json`` beside ``facts``; return its path."""
    path = Path(facts).with_name(STAMP_NAME)
    path.write_text(json.dumps(stamp(raw, facts), indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")
    return path


def table_stamp(table: str | Path) -> dict[str, str]:
    """What the stored table was rendered with: its hash, the presentation code, the libraries.

    Parameters
    ----------
    table : str or path
        The stored output of ``govmetrics table`` (``table.txt``).

    Returns
    -------
    dict
        ``file`` (hash of ``table``), ``presentation``
        (:func:`presentation_fingerprint`) and ``libraries``
        (:func:`table_libraries`).
    """
    return {"file": _sha256(Path(table)), "presentation": presentation_fingerprint(),
            "libraries": table_libraries()}


def write_table_stamp(facts: str | Path, table: str | Path) -> Path:
    """Add :func:`table_stamp` (key ``table``) to the stamp beside ``facts``; return its path.

    Parameters
    ----------
    facts : str or path
        The fact table, whose stamp (:func:`write_stamp`) must exist.
    table : str or path
        The stored output of ``govmetrics table``, rendered from ``facts``.

    Returns
    -------
    pathlib.Path
        The stamp file.
    """
    path = Path(facts).with_name(STAMP_NAME)
    recorded = json.loads(path.read_text(encoding="utf-8"))
    recorded["table"] = table_stamp(table)
    path.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _current_stamp(raw: Path, facts: Path) -> dict[str, object] | None:
    """The stamp beside ``facts`` if its facts part matches ``raw``, the code and the table."""
    try:
        recorded = json.loads(facts.with_name(STAMP_NAME).read_text(encoding="utf-8"))
        if not isinstance(recorded, dict) or recorded.get("format") != _FORMAT:
            return None
        if recorded.get("facts") != _sha256(facts):
            return None
        if recorded.get("raw") != _raw_hashes(raw):
            return None
        if recorded.get("libraries") != libraries():
            return None
    except (OSError, ValueError):
        return None
    return recorded if recorded.get("extraction") == extraction_fingerprint() else None


def current_facts(raw: str | Path, facts: str | Path) -> Path | None:
    """``facts`` if its stamp matches ``raw``, the extraction code and the table today.

    Parameters
    ----------
    raw : str or path
        The folder of documents.
    facts : str or path
        The processed fact table, with ``facts.stamp.json`` beside it.

    Returns
    -------
    pathlib.Path or None
        The table's path when it is what extracting ``raw`` would give now;
        ``None`` when the stamp is missing, unreadable or differs in anything.
    """
    facts = Path(facts)
    return facts if _current_stamp(Path(raw), facts) is not None else None


def stored_table(raw: str | Path, facts: str | Path) -> str | None:
    """The text of ``table.txt`` beside ``facts`` if its stamp is current in every part.

    Parameters
    ----------
    raw : str or path
        The folder of documents.
    facts : str or path
        The processed fact table, with ``facts.stamp.json`` and ``table.txt``
        beside it.

    Returns
    -------
    str or None
        The stored output of ``govmetrics table`` when the facts part of the
        stamp is current (:func:`current_facts`) and its ``table`` part
        matches the file, the presentation code and the libraries today;
        ``None`` otherwise. The text returned is the one whose hash was
        checked.
    """
    facts = Path(facts)
    recorded = _current_stamp(Path(raw), facts)
    part = recorded.get("table") if recorded is not None else None
    if not isinstance(part, dict):
        return None
    try:
        data = facts.with_name(TABLE_NAME).read_bytes()
        if part.get("file") != hashlib.sha256(data).hexdigest():
            return None
        text = data.decode("utf-8")
    except (OSError, ValueError):
        return None
    if part.get("libraries") != table_libraries():
        return None
    return text if part.get("presentation") == presentation_fingerprint() else None
