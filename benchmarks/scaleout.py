"""Benchmark corpus extraction in one process against ``workers=2`` (Dask, local processes).

Replicates the documents in ``data/raw`` until the corpus holds at least
``--mb`` megabytes (default 50, as ``benchmarks/extract.py``) and extracts it
with ``govmetrics.extract(corpus)`` and ``govmetrics.extract(corpus,
workers=N)`` alternately, ``--repeat`` times each (default 2). The one
process has paid its one-time costs first (a call on one document); the
workers are started by every parallel call and pay theirs inside the timed
call, so the speed-up is what a caller gets. Both results are checked to be
the same table. The load average of the machine (``os.getloadavg``) is
printed before and after: on a shared machine other processes take cores
from the workers.

Run::

    python benchmarks/scaleout.py             # 50 MB, 2 workers
    python benchmarks/scaleout.py --mb 5      # quicker

The last line reads ``scaleout: 1.83x with 2 workers`` (median one-process
time over median parallel time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pandas as pd  # noqa: E402
from extract import build_corpus  # noqa: E402

import govmetrics  # noqa: E402


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--repeat", type=int, default=2,
                    help="calls of each kind, alternating (default 2); medians are reported")
    a = ap.parse_args(argv)
    one: list[float] = []
    par: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        n, size = build_corpus(ROOT / "data" / "raw", Path(tmp), a.mb)
        print(f"corpus: {n} files, {size / 1e6:.1f} MB; {os.cpu_count()} CPUs; {_load()}",
              flush=True)
        govmetrics.extract(min(Path(tmp).glob("*.txt")))  # one-time costs of this process
        results: dict[str, pd.DataFrame] = {}
        for rep in range(a.repeat):
            order = [("one", None), ("workers", a.workers)]
            for name, workers in order if rep % 2 == 0 else order[::-1]:
                t0 = time.perf_counter()
                facts = govmetrics.extract(tmp, workers=workers, on_error="skip")
                sec = time.perf_counter() - t0
                (one if workers is None else par).append(sec)
                results[name] = facts
                print(f"run {rep + 1}: {name}: {sec:.1f} s, {size / 1e6 / sec:.2f} MB/s, "
                      f"{len(facts):,} facts", flush=True)
            # the same table either way
            pd.testing.assert_frame_equal(results["workers"], results["one"])
    print(f"one process {statistics.median(one):.1f} s, {a.workers} workers "
          f"{statistics.median(par):.1f} s (medians of {a.repeat}); {_load()}")
    print(f"scaleout: {statistics.median(one) / statistics.median(par):.2f}x with "
          f"{a.workers} workers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
