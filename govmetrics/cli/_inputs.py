"""Where the command line's facts come from: documents, fact-table CSVs or a bundled dataset.

Documents that cannot be read are listed on stderr (one line each) and
remembered in :data:`._state._FAILED`, which makes the exit status 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import GovmetricsError
from ._state import _FAILED, PROG, _document_paths

#: The bundled dataset used when there is no ``data/raw`` folder.
DEFAULT_DATASET = "seeds"


def _progress(items: list[Any], desc: str) -> Iterable[Any]:
    """Wrap ``items`` in a tqdm bar when stderr is a terminal and tqdm is installed."""
    if len(items) < 2 or not sys.stderr.isatty():
        return items
    try:
        from tqdm import tqdm
    except ImportError:
        return items
    return tqdm(items, desc=desc, unit="doc", file=sys.stderr, leave=False)


def _extract(paths: list[Path], region: str | None = None, year: int | None = None,
             **hints: Any) -> pd.DataFrame:
    """Facts of every document that can be read; each file that fails is listed on stderr."""
    from ..extract import extract

    kwargs: dict[str, Any] = {k: v for k, v in hints.items() if v is not None}
    kwargs["on_error"] = "warn"
    if region is not None:
        kwargs["region"] = region
    if year is not None:
        kwargs["year"] = year
    parallel = "workers" in kwargs or "scheduler" in kwargs

    def run() -> pd.DataFrame:
        if len(paths) > 1 and sys.stderr.isatty() and not parallel:
            frames = [extract([p], **kwargs) for p in _progress(paths, "extracting")]
            return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        return extract(paths, **kwargs)

    return _listing_failures(run)


def _listing_failures(run: Any) -> Any:
    """``run()``, listing each document it could not read on stderr (one line each)."""
    import warnings

    from ..extract import DocumentWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DocumentWarning)
        result = run()
    for w in caught:
        if isinstance(w.message, DocumentWarning):
            m = w.message
            if m.failed:
                _FAILED.append(m.path)
            print(f"{PROG}: {'failed' if m.failed else 'skipped'}: {m.path}: {m.reason}",
                  file=sys.stderr)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return result


def _check_output(out: str | None, inputs: Sequence[str | Path] | None) -> None:
    """Refuse to write over an input file."""
    if out is None or out == "-":
        return
    from ..text.suffixes import document_paths

    target = Path(out).resolve()
    existing = [Path(i) for i in (inputs or ["data/raw"]) if Path(i).exists()]
    files = document_paths(existing)[0] if existing else []
    if any(Path(f).resolve() == target for f in [*existing, *files]):
        raise GovmetricsError(f"{out}: is an input; refusing to write over it")


def _read_facts_csv(path: Path) -> pd.DataFrame:
    from ..schema import coerce_facts

    try:
        df = pd.read_csv(path, dtype={"region_code": "string"})
    except (OSError, ValueError) as exc:
        raise GovmetricsError(f"{path}: cannot read CSV ({exc})") from None
    required = {"region", "year", "indicator", "role", "period_end", "measure", "value"}
    missing = sorted(required - set(df.columns))
    if missing:
        raise GovmetricsError(f"{path}: not a fact table (missing columns: {', '.join(missing)})")
    return coerce_facts(df)


def _bundled_facts(raw: Path, region: str | None, year: int | None) -> pd.DataFrame:
    """Facts of ``raw``: ``../processed/facts.csv`` while it is current, else extracted.

    The processed table is current when its stamp (:mod:`govmetrics._processed`)
    matches the documents, the extraction code, the libraries and the table today.
    """
    from .._processed import current_facts

    if region is None and year is None:
        current = current_facts(raw, raw.parent / "processed" / "facts.csv")
        if current is not None:
            _document_paths([str(raw)])  # the same notes on skipped files as extracting
            return _read_facts_csv(current)
    return _extract(_document_paths([str(raw)]), region, year)


def _load_facts(inputs: Sequence[str] | None, dataset: str | None,
                region: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Facts from ``--dataset``, ``--input`` (CSV or documents) or the defaults.

    ``region`` and ``year`` are the hints for documents that name none.
    """
    from .. import datasets

    if dataset is not None:
        return datasets.load(dataset)
    if not inputs:
        raw = Path("data/raw")
        if raw.is_dir():
            return _bundled_facts(raw, region, year)
        return datasets.load(DEFAULT_DATASET)
    csvs = [Path(i) for i in inputs if Path(i).suffix.lower() == ".csv"]
    if csvs and len(csvs) != len(inputs):
        raise GovmetricsError("--input takes either fact-table CSVs or documents, not both")
    if csvs:
        for c in csvs:
            if not c.is_file():
                raise GovmetricsError(f"{c}: no such file")
        return pd.concat([_read_facts_csv(c) for c in csvs], ignore_index=True)
    return _extract(_document_paths(inputs), region, year)


def _default_year(facts: pd.DataFrame) -> int:
    """The latest year with a target that has an actual, else the latest year with a target."""
    from ..present.tables import default_year

    return default_year(facts)


def _note_missing(facts: pd.DataFrame, column: str, option: str) -> None:
    """One stderr line when some facts lack ``column`` (the documents do not say)."""
    if facts.empty or column not in facts.columns:
        return
    n = int(facts[column].isna().sum())
    if n:
        print(f"{PROG}: note: {n} of {len(facts)} facts have no {column} (the documents do "
              f"not name one); pass {option}", file=sys.stderr)
