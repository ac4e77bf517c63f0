"""Benchmark the fixed costs: ``import govmetrics``, one-document extract, ``govmetrics table``.

- import: ``import govmetrics`` timed inside a fresh interpreter (``--runs``
  interpreters, default 7; the interpreter's own start is not counted).
- one-document extract: ``govmetrics.extract(doc)`` on a 2 KB work report of
  ``data/raw`` (``--doc``), validation included, after one warm-up call (the
  one-time costs of a process are not counted); median of 50 calls. The
  median per document of every file in ``data/raw`` is printed too.
- ``govmetrics table``: the command as a user runs it in the repository (it
  extracts the bundled documents of ``data/raw`` and prints the comparison
  table), wall time of a fresh process; ``--runs`` times.

All figures are medians; the load average is printed beside them.

Run: ``python benchmarks/latency.py``; the last line reads
``latency: import 0.03 s, extract 3.9 ms, table 0.45 s``.
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


def import_time(runs: int) -> float:
    out = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", IMPORT], capture_output=True, text=True,
                              cwd=ROOT, check=True)
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


def table_time(runs: int) -> float:
    exe = Path(sys.executable).with_name("govmetrics")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "govmetrics"]
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([*cmd, "table"], capture_output=True, cwd=ROOT, check=True)
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="fresh processes per figure (default 7)")
    ap.add_argument("--doc", type=Path, default=DOC, help="the one document")
    a = ap.parse_args(argv)
    print(_load(), flush=True)
    imp = import_time(a.runs)
    print(f"import govmetrics: {imp:.3f} s (median of {a.runs} interpreters)", flush=True)
    one = extract_time(a.doc)
    print(f"extract({a.doc.name}): {one * 1000:.1f} ms (median of 50 calls)", flush=True)
    for p in sorted((ROOT / "data" / "raw").glob("*.txt")):
        print(f"  {p.name} ({p.stat().st_size / 1000:.0f} kB): {extract_time(p, 9) * 1000:.1f} ms")
    tab = table_time(a.runs)
    print(f"govmetrics table: {tab:.2f} s (median of {a.runs} processes); {_load()}")
    print(f"latency: import {imp:.2f} s, extract {one * 1000:.1f} ms, table {tab:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
