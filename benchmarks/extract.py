"""Benchmark extraction throughput on the seed documents, replicated.

The corpus is the five seed documents: those named in the ``doc`` column of
the seed gold (``../shared/eval/seeds_gold.csv``, or its copy
``tests/data/seeds_gold.csv``), read from ``data/raw``. ``--src DIR`` takes
the documents of another folder instead. They are replicated until the
corpus holds at least ``--mb`` megabytes (default 50) and
:func:`govmetrics.extract` runs on all of them in one call, in one process;
the call is timed ``--repeat`` times (default 3) and the last line gives the
median, since a shared machine's speed changes from minute to minute.

So that no slowness hides, a line before it gives the same figure for every
document of ``data/raw`` replicated the same way (it also holds short
excerpts, where the per-document costs weigh more). The one-time costs
(importing cn2an and OpenCC, compiling the vocabularies, loading the region
table) are paid first by a call on one document, timed and printed on their
own line, and counted again in the "cold total" line. Peak memory is the
maximum resident set size from ``resource.getrusage``. A "machine check"
line times a fixed pure-Python loop, so that runs on a shared machine at
different hours can be compared.

Run::

    python benchmarks/extract.py            # 50 MB
    python benchmarks/extract.py --mb 5     # quicker

The last line reads ``extract: 12.3 MB/s`` (the median corpus call on the seeds).
"""

from __future__ import annotations

import argparse
import csv
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

RAW = ROOT / "data" / "raw"
#: the seed gold, beside the repository or as copied into the tests
SEED_GOLD = (ROOT.parent / "shared" / "eval" / "seeds_gold.csv",
             ROOT / "tests" / "data" / "seeds_gold.csv")


def seed_documents(raw: Path = RAW) -> list[Path]:
    """The seed documents: the ``doc`` column of the seed gold, resolved in ``raw``."""
    gold = next((p for p in SEED_GOLD if p.is_file()), None)
    if gold is None:
        raise SystemExit(f"benchmark: no seed gold found ({', '.join(map(str, SEED_GOLD))})")
    with gold.open(encoding="utf-8") as fh:
        names = sorted({row["doc"] for row in csv.DictReader(fh)})
    missing = [n for n in names if not (raw / n).is_file()]
    if missing:
        raise SystemExit(f"benchmark: seed documents missing from {raw}: {', '.join(missing)}")
    return [raw / n for n in names]


def folder_documents(src: Path) -> list[Path]:
    """The documents of a folder (its files, without the ``MANIFEST.csv`` of hints)."""
    return sorted(p for p in src.iterdir() if p.is_file() and p.name != "MANIFEST.csv")


def build_corpus(docs: list[Path] | Path, dst: Path, mb: float) -> tuple[int, int]:
    """Copy ``docs`` (paths, or a folder's documents) into ``dst`` repeatedly until ``mb`` MB."""
    if isinstance(docs, Path):
        docs = folder_documents(docs)
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


def time_corpus(docs: list[Path], mb: float, repeat: int) -> tuple[int, int, list[float], int]:
    """Documents, bytes, the seconds of each corpus call and the rows of the last one."""
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        n, size = build_corpus(docs, Path(tmp), mb)
        for _ in range(max(1, repeat)):
            t0 = time.perf_counter()
            facts = govmetrics.extract(Path(tmp))
            times.append(time.perf_counter() - t0)
    return n, size, times, len(facts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    ap.add_argument("--src", type=Path, default=None,
                    help="a folder whose documents make the corpus (default: the seed documents)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="corpus calls to time (default 3); the median is reported")
    a = ap.parse_args(argv)
    docs = folder_documents(a.src) if a.src is not None else seed_documents()
    # One-time costs (imports of cn2an and OpenCC, compiling the vocabularies,
    # loading the region table) are paid by the first call on one document,
    # timed and printed on their own: they do not grow with the corpus.
    t0 = time.perf_counter()
    govmetrics.extract(docs[0])
    cold = time.perf_counter() - t0
    n, size, times, rows = time_corpus(docs, a.mb, a.repeat)
    raw_n, raw_size, raw_times, _ = time_corpus(folder_documents(RAW), a.mb, a.repeat)
    loop = calibrate()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    mb = size / 1e6
    dt = statistics.median(times)
    what = f"the documents of {a.src}" if a.src is not None else f"the {len(docs)} seed documents"
    print(f"corpus: {what}, replicated: {n} documents, {mb:.1f} MB")
    print(f"first call (one document, one-time costs): {cold:.2f} s")
    print(f"cold total (first call + first corpus call): {mb / (cold + times[0]):.1f} MB/s")
    print("corpus calls: " + ", ".join(f"{mb / t:.1f}" for t in times)
          + f" MB/s (best {mb / min(times):.1f})")
    print(f"facts: {rows} rows in {dt:.2f} s (median call)")
    print(f"documents/s: {n / dt:.1f}")
    print(f"all of data/raw ({raw_n} documents, {raw_size / 1e6:.1f} MB): "
          f"{raw_size / 1e6 / statistics.median(raw_times):.1f} MB/s, "
          f"{raw_n / statistics.median(raw_times):.1f} documents/s (median call)")
    print(f"peak memory (max RSS): {peak:.0f} MiB")
    print(f"machine check: {loop:.2f} s for a 5M-step Python loop (lower is faster)")
    print(f"extract: {mb / dt:.1f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
