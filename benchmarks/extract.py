"""Benchmark extraction throughput on a replicated seed corpus.

Replicates the documents in ``data/raw`` until the corpus holds at least
``--mb`` megabytes (default 50) and runs :func:`govmetrics.extract` on all of
them in one call, in one process; the call is timed ``--repeat`` times
(default 3) and the last line gives the median, since a shared machine's
speed changes from minute to minute. The one-time costs (importing cn2an and
pandera, compiling the vocabularies, loading the region table) are paid
first by a call on one document, timed and printed on their own line, and
counted again in the "cold total" line. Peak memory is the maximum resident
set size from ``resource.getrusage``. A "machine check" line times a fixed
pure-Python loop, so that runs on a shared machine at different hours can be
compared.

Run::

    python benchmarks/extract.py            # 50 MB
    python benchmarks/extract.py --mb 5     # quicker

The last line reads ``extract: 12.3 MB/s`` (the median corpus call).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import govmetrics  # noqa: E402


def build_corpus(src: Path, dst: Path, mb: float) -> tuple[int, int]:
    """Copy the documents in ``src`` into ``dst`` repeatedly until ``mb`` MB."""
    docs = sorted(p for p in src.iterdir() if p.is_file())
    total = 0
    n = 0
    while total < mb * 1e6:
        for p in docs:
            q = dst / f"{n:06d}_{p.name}"
            shutil.copyfile(p, q)
            total += q.stat().st_size
            n += 1
    return n, total


def calibrate(n: int = 5_000_000) -> float:
    """Seconds for a fixed pure-Python loop: how fast this machine is right now.

    Shared machines change speed from hour to hour; print this beside the
    throughput so that runs at different times can be compared.
    """
    t0 = time.perf_counter()
    total = 0
    for i in range(n):
        total += i
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    ap.add_argument("--src", type=Path, default=ROOT / "data" / "raw")
    ap.add_argument("--repeat", type=int, default=3,
                    help="corpus calls to time (default 3); the median is reported")
    a = ap.parse_args(argv)
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        n, size = build_corpus(a.src, Path(tmp), a.mb)
        # One-time costs (imports of cn2an and pandera, compiling the vocabularies,
        # loading the region table) are paid by the first call on one document,
        # timed and printed on their own: they do not grow with the corpus.
        first = min(Path(tmp).iterdir())
        t0 = time.perf_counter()
        govmetrics.extract(first)
        cold = time.perf_counter() - t0
        for _ in range(max(1, a.repeat)):
            t0 = time.perf_counter()
            facts = govmetrics.extract(Path(tmp))
            times.append(time.perf_counter() - t0)
    loop = calibrate()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    mb = size / 1e6
    dt = statistics.median(times)
    print(f"corpus: {n} documents, {mb:.1f} MB")
    print(f"first call (one document, one-time costs): {cold:.2f} s")
    print(f"cold total (first call + first corpus call): {mb / (cold + times[0]):.1f} MB/s")
    print("corpus calls: " + ", ".join(f"{mb / t:.1f}" for t in times)
          + f" MB/s (best {mb / min(times):.1f})")
    print(f"facts: {len(facts)} rows in {dt:.2f} s (median call)")
    print(f"documents/s: {n / dt:.1f}")
    print(f"peak memory (max RSS): {peak:.0f} MiB")
    print(f"machine check: {loop:.2f} s for a 5M-step Python loop (lower is faster)")
    print(f"extract: {mb / dt:.1f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
