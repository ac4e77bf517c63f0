"""benchmarks/analysis.py runs (on a small panel; its speed is measured, never asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_analysis_benchmark_all_steps_on_a_small_panel():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "analysis.py"),
                           "--regions", "90", "--years", "3", "--repeats", "1", "--step", "all"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert re.fullmatch(r"analysis: \d+\.\d\d s, \d+\.\d\dx pandas \(pace \d+\.\d\dx\), "
                        r"added memory (\d+\.\d\d|nan)x pandas, peak \d+ MiB", lines[-1])
    run = next(line for line in lines if line.startswith("run 1:"))
    for step in ("attainment", "pace", "rank", "panel", "ratchet", "amplification"):
        assert f"{step} " in run
    # 3 prefectures' and the province's targets are compared by amplification
    assert re.search(r"amplification [\d.]+ s \([^)]*-> [1-9][\d,]* rows\)", run)


def test_scaleout_and_latency_benchmarks_run():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scaleout.py"), "--mb", "0.4",
                           "--repeat", "1"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"scaleout: \d+\.\d\dx with 2 workers", proc.stdout.strip().splitlines()[-1])
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "latency.py"), "--runs", "1"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"latency: import \d+\.\d\d s, extract \d+\.\d ms, table \d+\.\d\d s",
                        proc.stdout.strip().splitlines()[-1])
