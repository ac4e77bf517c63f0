"""Benchmark the fixed costs: ``import govmetrics``, one-document extract, ``govmetrics table``.

- import: ``import govmetrics`` timed inside a fresh interpreter (``--runs``
  interpreters, default 7; the interpreter's own start is not counted).
- one-document extract: ``govmetrics.extract(doc)`` on a 2 KB work report of
  ``data/raw`` (``--doc``), validation included, after one warm-up call (the
  one-time costs of a process are not counted); median of 50 calls. The
  median per document of every file in ``data/raw`` is printed too.
- ``govmetrics table``: the command as a user runs it in the repository (it
  prints the comparison table of the bundled documents of ``data/raw``: the
  stored ``data/processed/table.txt`` while every part of the stamp beside
  it is current, without loading pandas; else it reads
  ``data/processed/facts.csv`` while the stamp says the table is what
  extracting ``data/raw`` with this code gives; else it extracts; which of
  the three happened is printed), wall time of a fresh process;
  ``--runs`` times, after one untimed run. The same with
  ``--input data/raw`` (always extracts) is printed for comparison.

The fresh processes run with Python's bytecode cache on, as in a normal
installation: ``PYTHONDONTWRITEBYTECODE`` is removed from their environment
(with it set, every module of govmetrics is compiled from source in every
process, which a user's Python does not do).

All figures are medians; the load average is printed beside them.

Run: ``python benchmarks/latency.py``; the last line reads
``latency: import 0.00 s, extract 2.8 ms, table 0.07 s``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DOC = ROOT / "data" / "raw" / "105_xianning_2019_work_report.txt"
IMPORT = "import time; t = time.perf_counter(); import govmetrics; print(time.perf_counter() - t)"


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


#: Environment of the timed processes: bytecode cache on, as in a normal installation.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def import_time(runs: int) -> float:
    out = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", IMPORT], capture_output=True, text=True,
                              cwd=ROOT, check=True, env=ENV)
        out.append(float(proc.stdout.strip()))
    return statistics.median(out)


def extract_time(doc: Path, calls: int = 50) -> float:
    import govmetrics

    govmetrics.extract(doc)  # warm-up: the process's one-time costs
    times = []
    for _ in range(calls):
        t0 = time.perf_counter()
        govmetrics.extract(doc)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def table_time(runs: int, *args: str) -> float:
    exe = Path(sys.executable).with_name("govmetrics")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "govmetrics"]
    subprocess.run([*cmd, "table", *args], capture_output=True, cwd=ROOT, check=True, env=ENV)
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([*cmd, "table", *args], capture_output=True, cwd=ROOT, check=True,
                       env=ENV)
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def table_source() -> str:
    """How ``govmetrics table`` gets its table here: stored, served facts or extracted."""
    from govmetrics._processed import current_facts, stored_table

    processed = ROOT / "data" / "processed" / "facts.csv"
    if stored_table(ROOT / "data" / "raw", processed) is not None:
        return "prints data/processed/table.txt (its stamp is current)"
    if current_facts(ROOT / "data" / "raw", processed) is not None:
        return ("reads data/processed/facts.csv (its stamp is current; the stamp of "
                "table.txt is not)")
    return ("extracts data/raw (the stamp of data/processed is missing or stale: "
            "python scripts/build_datasets.py rebuilds it)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="fresh processes per figure (default 7)")
    ap.add_argument("--doc", type=Path, default=DOC, help="the one document")
    a = ap.parse_args(argv)
    print(_load(), flush=True)
    imp = import_time(a.runs)
    print(f"import govmetrics: {imp * 1000:.1f} ms (median of {a.runs} interpreters)", flush=True)
    one = extract_time(a.doc)
    print(f"extract({a.doc.name}): {one * 1000:.1f} ms (median of 50 calls)", flush=True)
    for p in sorted((ROOT / "data" / "raw").glob("*.txt")):
        print(f"  {p.name} ({p.stat().st_size / 1000:.0f} kB): {extract_time(p, 9) * 1000:.1f} ms")
    full = table_time(a.runs, "--input", "data/raw")
    print(f"govmetrics table --input data/raw (extracts): {full:.2f} s "
          f"(median of {a.runs} processes); {_load()}", flush=True)
    tab = table_time(a.runs)
    print(f"govmetrics table: {tab:.2f} s (median of {a.runs} processes; {table_source()}); "
          f"{_load()}")
    print(f"latency: import {imp:.2f} s, extract {one * 1000:.1f} ms, table {tab:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
