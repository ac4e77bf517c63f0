"""Scale-out on Dask: corpus extraction in parallel, analysis of Dask DataFrames.

Needs the ``dask`` extra (``pip install "govmetrics[dask]"``: dask with its
DataFrame and ``distributed``). The functions here are imported on first
use; without Dask they raise :class:`govmetrics.ParameterError` with one line
saying what to install.

- :func:`extract` -- documents to a lazy :class:`dask.dataframe.DataFrame`,
  one partition per chunk of documents, for corpora that do not fit in memory.
- :func:`extract_to_parquet` -- documents to a folder of Parquet files, one
  per chunk, in input order (what ``govmetrics extract DIR -o facts.parquet
  --workers N`` runs).
- :func:`attainment`, :func:`pace`, :func:`rank` -- the analysis functions of
  the same names on a Dask DataFrame, partition by partition.

``govmetrics.extract(paths, workers=N)`` and ``scheduler=`` use the same
chunks and return a pandas DataFrame.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .errors import ParameterError
from .parallel import (
    PARTS_PER_WORKER,
    _check_workers,
    _client,
    _local_compute,
    _n_workers,
    _need_dask,
    _reemit,
    chunks,
    run_chunk,
)

__all__ = ["attainment", "extract", "extract_to_parquet", "pace", "rank"]

# --------------------------------------------------------------------------- lazy extraction


def _lazy_plan(paths, on_error: str | None, chunk_bytes: int | None, workers: int | None):
    from .extract import plan_documents

    if on_error == "warn":
        raise ParameterError("on_error: a lazy table cannot carry warnings from its workers; "
                             "use 'raise' or 'skip', or govmetrics.extract(..., workers=N) "
                             "or extract_to_parquet, which re-emit them")
    files, on_error = plan_documents(paths, "raise" if on_error is None else on_error)
    if chunk_bytes is not None:
        total = sum(os.path.getsize(f) for f in files if os.path.exists(f))
        n = max(1, -(-total // max(int(chunk_bytes), 1)))
    else:
        n = (workers or os.cpu_count() or 1) * PARTS_PER_WORKER
    return chunks(files, n), on_error


def _facts_part(files: list, hints: dict, on_error: str, max_bytes) -> pd.DataFrame:
    from .extract import facts_of_files

    return facts_of_files(files, hints, on_error=on_error, max_bytes=max_bytes)


def extract(paths, *, region: str | None = None, year: int | None = None,
            kind: str | None = None, period_end: int | None = None,
            on_error: str | None = None, max_bytes: int | None = None,
            chunk_bytes: int | None = None, workers: int | None = None):
    """Extract facts from documents as a lazy Dask DataFrame (one partition per chunk).

    Nothing is read until the frame is computed (or written: ``to_parquet``),
    with whatever scheduler is active (a ``distributed.Client`` if one was
    created). The partitions, in order, hold the documents in input order,
    so ``compute()`` equals :func:`govmetrics.extract` (apart from the
    index, which restarts in every partition).

    Parameters
    ----------
    paths, region, year, kind, period_end, max_bytes
        As for :func:`govmetrics.extract` (``max_bytes`` None: the default limit).
    on_error : {"raise", "skip"}, optional
        Default ``"raise"``: a document that cannot be read fails the
        computation, naming the file. ``"warn"`` is refused: warnings raised in
        workers do not reach the caller of a lazy frame (use
        :func:`extract_to_parquet` or ``govmetrics.extract(workers=N)``).
    chunk_bytes : int, optional
        Bytes of documents per partition; default: four partitions per worker.
    workers : int, optional
        The number of workers the partitions are cut for (default: CPUs).

    Returns
    -------
    dask.dataframe.DataFrame
        The fact table (columns as :func:`govmetrics.extract`), not validated.

    Examples
    --------
    >>> import govmetrics.dask as gd
    >>> facts = gd.extract("data/raw")  # doctest: +SKIP
    >>> facts.groupby("indicator").size().compute()  # doctest: +SKIP
    """
    _need_dask(dataframe=True)
    import dask.dataframe as dd

    from .schema import empty_facts
    from .text.read import DEFAULT_MAX_BYTES, check_hints

    hints = check_hints(region=region, year=year, kind=kind, period_end=period_end)
    parts, on_error = _lazy_plan(paths, on_error, chunk_bytes, _check_workers(workers))
    if not parts:
        return dd.from_pandas(empty_facts(), npartitions=1)
    return dd.from_map(_facts_part, parts, hints=hints, on_error=on_error,
                       max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes,
                       meta=empty_facts(), enforce_metadata=False)


def _write_part(what: str, files: list, hints: dict, on_error: str, max_bytes,
                path: str) -> tuple[int, list]:
    """Extract one chunk and write it to ``path``: (rows, warnings caught)."""
    from .extract import facts_of_files, unplaced_of_files

    work = facts_of_files if what == "facts" else unplaced_of_files
    table, caught = run_chunk(work, files, hints, on_error, max_bytes)
    table.to_parquet(path, index=False)
    return len(table), caught


def extract_to_parquet(paths, out: str | os.PathLike, *, workers: int | None = None,
                       scheduler=None, region: str | None = None, year: int | None = None,
                       kind: str | None = None, period_end: int | None = None,
                       on_error: str | None = None, max_bytes: int | None = None) -> int:
    """Extract documents into a folder of Parquet files, one per chunk, in input order.

    Each worker writes its own chunks (``part-00000.parquet``, ...), so the
    corpus never has to fit in the caller's memory; ``pandas.read_parquet(out)``
    or ``dask.dataframe.read_parquet(out)`` read the table back, rows in
    input order. The warnings of the workers (documents that could not be
    read) are re-emitted here, in input order.

    Parameters
    ----------
    paths, region, year, kind, period_end, on_error, max_bytes, workers, scheduler
        As for :func:`govmetrics.extract`.
    out : path
        The folder to write (created; Parquet files already in it are replaced).

    Returns
    -------
    int
        The number of facts written.
    """
    dask = _need_dask()
    from .extract import plan_documents
    from .text.read import DEFAULT_MAX_BYTES, check_hints

    hints = check_hints(region=region, year=year, kind=kind, period_end=period_end)
    workers = _check_workers(workers)
    files, on_error = plan_documents(paths, on_error)
    max_bytes = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.parquet"):
        old.unlink()
    parts = chunks(files, _n_workers(workers, scheduler) * PARTS_PER_WORKER) or [[]]
    args = [("facts", p, hints, on_error, max_bytes, str(folder / f"part-{i:05d}.parquet"))
            for i, p in enumerate(parts)]
    client, close = _client(scheduler)
    try:
        if client is not None:
            results = client.gather(client.map(lambda a: _write_part(*a), args, pure=False))
        else:
            tasks = [dask.delayed(_write_part, pure=False)(*a) for a in args]
            results = _local_compute(dask, tasks, scheduler, workers)
    finally:
        if close:
            client.close()
    for _, caught in results:
        _reemit(caught)
    return sum(n for n, _ in results)


# --------------------------------------------------------------------------- analysis


def _is_dask(df) -> bool:
    return type(df).__module__.split(".")[0] == "dask"


def _require_dask_frame(df, where: str) -> None:
    _need_dask(dataframe=True)
    if not _is_dask(df):
        raise ParameterError(f"{where}: expected a dask.dataframe.DataFrame, got "
                             f"{type(df).__name__} (use govmetrics.{where} for pandas)")


def _partitioned_on(df, columns: list[str]):
    """``df`` with every value of ``columns`` in one partition (shuffled unless it already is)."""
    if df.npartitions == 1:
        return df
    if len(columns) == 1 and df.index.name == columns[0] and df.known_divisions:
        return df  # sorted on that index: each value lies in one partition
    if not columns:
        return df.repartition(npartitions=1)
    return df.shuffle(on=columns, npartitions=df.npartitions)


def _flat(df):
    """``df`` with a region index moved back to a column."""
    if df.index.name is not None and df.index.name not in df.columns:
        return df.reset_index()
    return df


def _per_partition(func: Callable, df, **kwargs):
    meta = func(_flat(df._meta), **kwargs)
    return df.map_partitions(lambda part: func(_flat(part), **kwargs), meta=meta,
                             enforce_metadata=False)


def attainment(facts, **kwargs):
    """:func:`govmetrics.attainment` of a Dask DataFrame, region by region.

    The rows of one region must lie in one partition (every pair and the GDP
    basis of a synced target are within a region): a frame indexed by region
    with known divisions is used as it is, any other is shuffled on
    ``region`` first. Returns a Dask DataFrame with the columns of
    :func:`govmetrics.attainment`; its rows per region are in pandas' order.
    """
    from .analysis import attainment as func

    _require_dask_frame(facts, "attainment")
    return _per_partition(func, _partitioned_on(facts, ["region"]), **kwargs)


def pace(facts, **kwargs):
    """:func:`govmetrics.pace` of a Dask DataFrame, region by region (see :func:`attainment`)."""
    from .analysis import pace as func

    _require_dask_frame(facts, "pace")
    return _per_partition(func, _partitioned_on(facts, ["region"]), **kwargs)


def rank(table, by: str, **kwargs):
    """:func:`govmetrics.rank` of a Dask DataFrame, group by group.

    Every rank group (indicator, measure, period_end, year, ``within``) and
    the reported ranks of a region, indicator, year and period_end must lie
    in one partition: the frame is shuffled on those of indicator, year and
    period_end it has. Returns a Dask DataFrame with the rank columns added;
    rows are grouped by partition, so sort when the order matters.
    """
    from .analysis import rank as func

    _require_dask_frame(table, "rank")
    if not isinstance(kwargs.get("facts"), (pd.DataFrame, type(None))):
        raise ParameterError("rank: facts must be a pandas DataFrame on Dask")
    keys = [c for c in ("indicator", "year", "period_end") if c in table.columns]
    return _per_partition(func, _partitioned_on(table, keys), by=by, **kwargs)

