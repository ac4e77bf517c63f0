"""Running a table-of-files function over many documents on Dask, in chunks.

:func:`parallel` is what ``govmetrics.extract(paths, workers=N)`` and
``scheduler=`` run; :mod:`govmetrics.dask` builds its lazy frames and Parquet
folders on the same chunks. Needs the ``dask`` extra; without it the calls
raise :class:`govmetrics.ParameterError` saying what to install. This module
imports nothing of the extractor: the work is passed in.
"""

from __future__ import annotations

import os
import pickle
import sys
import warnings
from collections.abc import Callable, Sequence

import pandas as pd

from .errors import ParameterError

__all__ = ["chunks", "parallel", "run_chunk"]

#: Chunks per worker when the result comes back to the caller: documents differ
#: in cost per byte, so many small chunks let the workers balance (each costs
#: little to send).
CHUNKS_PER_WORKER = 16
#: Partitions per worker of a lazy frame or a Parquet folder.
PARTS_PER_WORKER = 4
#: Local scheduler names accepted by ``scheduler=``.
LOCAL_SCHEDULERS = ("processes", "threads", "synchronous", "sync")


def _need_dask(dataframe: bool = False):
    """The ``dask`` module (with ``dask.dataframe``), or a one-line error saying what to install."""
    try:
        import dask

        if dataframe:
            import dask.dataframe  # noqa: F401
    except ImportError:
        raise ParameterError('workers/scheduler need Dask: pip install "govmetrics[dask]"'
                             ) from None
    return dask


# --------------------------------------------------------------------------- chunks


def chunks(files: Sequence, n: int) -> list[list]:
    """``files`` cut into at most ``n`` contiguous chunks of about equal bytes.

    Examples
    --------
    >>> chunks(["a", "b", "c"], 2)  # files that do not exist weigh 1 byte
    [['a', 'b'], ['c']]
    """
    if not files:
        return []
    n = max(1, min(int(n), len(files)))
    sizes = []
    for f in files:
        try:
            sizes.append(max(os.path.getsize(f), 1))
        except OSError:
            sizes.append(1)
    total = sum(sizes)
    out: list[list] = [[]]
    done = 0
    for i, (f, size) in enumerate(zip(files, sizes)):
        # a new chunk when this file lies mostly past this chunk's share of the bytes, or
        # when every chunk still to fill needs one of the files left
        full = done + size / 2 > total * len(out) / n or len(files) - i <= n - len(out)
        if out[-1] and full and len(out) < n:
            out.append([])
        out[-1].append(f)
        done += size
    return out


def _portable(w: warnings.WarningMessage) -> tuple[type, Warning | str]:
    """A caught warning as (category, message) that pickles (its text when it does not)."""
    try:
        pickle.dumps(w.message)
        return w.category, w.message
    except Exception:  # noqa: BLE001 - any unpicklable warning travels as its text
        return w.category, str(w.message)


def run_chunk(work: Callable, files: list, hints: dict, on_error: str, max_bytes
              ) -> tuple[pd.DataFrame, list]:
    """Run ``work`` (a table of files, such as ``extract.facts_of_files``) on one chunk in
    this process: (table, warnings caught, in order). Runs in the workers."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = work(files, hints, on_error=on_error, max_bytes=max_bytes)
    return table, [_portable(w) for w in caught]


def _reemit(caught: list) -> None:
    for category, message in caught:
        if isinstance(message, Warning):
            warnings.warn(message, stacklevel=4)
        else:
            warnings.warn(message, category, stacklevel=4)


def _client(scheduler):
    """(client, close_it) for an address or a Client; (None, False) for a local name."""
    if scheduler is None or (isinstance(scheduler, str) and scheduler in LOCAL_SCHEDULERS):
        return None, False
    try:
        import distributed
    except ImportError:
        raise ParameterError('scheduler: a cluster needs dask.distributed: pip install '
                             '"govmetrics[dask]"') from None
    if isinstance(scheduler, distributed.Client):
        return scheduler, False
    if isinstance(scheduler, str):
        try:
            return distributed.Client(scheduler, timeout="10s"), True
        except (OSError, TimeoutError) as exc:
            raise ParameterError(f"scheduler: cannot reach {scheduler} ({exc})") from None
    raise ParameterError(f"scheduler: expected a dask.distributed Client, an address such as "
                         f"'tcp://host:8786' or one of {', '.join(LOCAL_SCHEDULERS)}; got "
                         f"{type(scheduler).__name__}")


def _check_workers(workers) -> int | None:
    if workers is None:
        return None
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ParameterError(f"workers: expected a positive integer, got {workers!r}")
    return workers


def _compute_chunks(work: Callable, parts: list[list], hints: dict, on_error: str, max_bytes,
                    workers: int | None, scheduler) -> list[tuple[pd.DataFrame, list]]:
    """Run :func:`run_chunk` on every chunk; results in chunk order."""
    dask = _need_dask()
    args = [(work, p, hints, on_error, max_bytes) for p in parts]
    client, close = _client(scheduler)
    try:
        if client is not None:
            futures = client.map(lambda a: run_chunk(*a), args, pure=False)
            return client.gather(futures)
        tasks = [dask.delayed(run_chunk, pure=False)(*a) for a in args]
        return list(_local_compute(dask, tasks, scheduler, workers))
    finally:
        if close:
            client.close()


def _local_compute(dask, tasks: list, scheduler, workers: int | None) -> tuple:
    """``dask.compute(*tasks)`` on a local scheduler; processes are forked where possible.

    Forked workers start with this process's modules and compiled patterns
    (no imports to repeat, no ``__main__`` guard needed); where fork is not
    available (Windows, macOS' default) they are spawned, as Dask does.
    """
    name = "processes" if scheduler is None else scheduler
    if name == "processes" and (workers or 0) <= 1 and len(tasks) <= 1:
        name = "synchronous"  # one chunk: no pool to start
    if name != "processes":
        return dask.compute(*tasks, scheduler=name)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if sys.platform == "linux" else None
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1,
                             mp_context=context) as pool:
        # one chunk per message: the workers balance
        return dask.compute(*tasks, scheduler="processes", pool=pool, chunksize=1)


def _n_workers(workers: int | None, scheduler) -> int:
    client, close = _client(scheduler)
    try:
        if client is not None:
            return max(1, sum(client.nthreads().values()))
    finally:
        if close:
            client.close()
    return workers or os.cpu_count() or 1


def parallel(work: Callable, files: list, hints: dict, *, empty: pd.DataFrame, on_error: str,
             max_bytes, workers: int | None = None, scheduler=None) -> pd.DataFrame:
    """``work`` over ``files`` by Dask in chunks, rows in input order, warnings re-emitted.

    ``work`` is a module-level function ``(files, hints, *, on_error, max_bytes)
    -> DataFrame`` (it is sent to the workers); ``empty`` is the table for no
    files. The warnings of each chunk are re-emitted here in chunk order, so a
    caller sees what one process would have shown.
    """
    workers = _check_workers(workers)
    if isinstance(scheduler, str) and scheduler in LOCAL_SCHEDULERS and scheduler != "processes":
        n = workers or 1
    else:
        n = _n_workers(workers, scheduler)
    parts = chunks(files, n * CHUNKS_PER_WORKER)
    results = _compute_chunks(work, parts, hints, on_error, max_bytes, workers, scheduler)
    for _, caught in results:
        _reemit(caught)
    tables = [t for t, _ in results]
    if not tables:
        return empty
    return pd.concat(tables, ignore_index=True)
