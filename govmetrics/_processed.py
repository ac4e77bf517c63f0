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
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

__all__ = ["PRESENTATION", "STAMP_NAME", "current_facts", "extraction_fingerprint",
           "libraries", "stamp", "write_stamp"]

#: The stamp file written beside the processed fact table.
STAMP_NAME = "facts.stamp.json"
_FORMAT = 1

_PACKAGE = Path(__file__).resolve().parent

#: Parts of the package that only read a fact table (analysis, tables, plots, the
#: command line, bundled datasets): changing them does not change extraction, so
#: they are left out of the fingerprint. A test checks that extracting documents
#: loads none of them.
PRESENTATION: tuple[str, ...] = (
    "analysis/", "tables/", "datasets/", "tasks/", "cli/", "__main__.py", "plot.py",
    "_plot_common.py", "_plot_panel.py", "history.py", "_processed.py",
)

#: Libraries whose version can change what extraction returns (distribution names,
#: normalised as in the names of their ``.dist-info`` folders).
_LIBRARIES = ("pandas", "numpy", "cn2an", "opencc", "charset_normalizer")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _extraction_files() -> list[Path]:
    files = []
    for p in sorted(_PACKAGE.rglob("*")):
        rel = p.relative_to(_PACKAGE).as_posix()
        if (not p.is_file() or "__pycache__" in rel or p.suffix in (".pyc", ".pyo")
                or rel.startswith(PRESENTATION)):
            continue
        files.append(p)
    return files


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
    installed = _installed()
    return "; ".join([f"python {'.'.join(map(str, sys.version_info[:3]))}",
                      *(f"{name} {installed.get(name, '-')}" for name in _LIBRARIES)])


def extraction_fingerprint() -> str:
    """One hash of the extraction code and its data files.

    Returns
    -------
    str
        Hex SHA-256 over the package's files outside :data:`PRESENTATION`
        (relative path and content).
    """
    h = hashlib.sha256()
    for p in _extraction_files():
        h.update(p.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


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
    try:
        recorded = json.loads(facts.with_name(STAMP_NAME).read_text(encoding="utf-8"))
        if not isinstance(recorded, dict) or recorded.get("format") != _FORMAT:
            return None
        if recorded.get("facts") != _sha256(facts):
            return None
        if recorded.get("raw") != _raw_hashes(Path(raw)):
            return None
        if recorded.get("libraries") != libraries():
            return None
    except (OSError, ValueError):
        return None
    return facts if recorded.get("extraction") == extraction_fingerprint() else None
