"""Hints from a ``MANIFEST.csv`` file beside the documents (region, plan year, kind)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pandas as pd

from ..errors import DocumentError
from .build import KINDS

__all__ = ["MANIFEST_NAME", "manifest_hints"]

#: File beside the documents that gives, per file name, the region, plan year and
#: document kind to use where a document does not state them (columns doc, region,
#: year, doc_type; a doc_type that is not a document kind is ignored).
MANIFEST_NAME = "MANIFEST.csv"


@cache
def _manifest(path: Path, mtime: float) -> dict[str, dict[str, object]]:
    """doc -> {region, year, kind} from a manifest file."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise DocumentError(path, f"cannot read the manifest ({exc})") from None
    if "doc" not in table.columns:
        raise DocumentError(path, "the manifest has no 'doc' column")
    out: dict[str, dict[str, object]] = {}
    for rec in table.to_dict("records"):
        year = str(rec.get("year", "")).strip()
        kind = str(rec.get("doc_type", "")).strip()
        out[str(rec["doc"])] = {"region": str(rec.get("region", "")).strip() or None,
                                "year": int(year) if year.isdigit() else None,
                                "kind": kind if kind in KINDS else None}
    return out


def manifest_hints(p: str | os.PathLike[str], hints: dict) -> dict:
    """``hints`` with region, year and kind filled from a MANIFEST.csv beside ``p`` where not given.

    The caller's own hints win; the frame then uses all of them only where the
    document itself does not say (see :func:`govmetrics.frame.frame`).
    """
    man = Path(p).parent / MANIFEST_NAME
    if not man.is_file():
        return hints
    row = _manifest(man, man.stat().st_mtime).get(Path(p).name)
    if not row:
        return hints
    return {**hints, **{k: row[k] for k in ("region", "year", "kind") if hints.get(k) is None}}
