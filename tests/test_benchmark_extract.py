"""benchmarks/extract.py runs on a small corpus (its speed is measured, never asserted)."""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _benchmark():
    spec = importlib.util.spec_from_file_location("gm_bench_extract", ROOT / "benchmarks" / "extract.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_default_corpus_is_the_seed_documents_of_the_gold():
    with (ROOT / "tests" / "data" / "seeds_gold.csv").open(encoding="utf-8") as fh:
        names = {row["doc"] for row in csv.DictReader(fh)}
    docs = _benchmark().seed_documents()
    assert len(docs) == 5
    assert {p.name for p in docs} == names
    assert all(p.parent == ROOT / "data" / "raw" and p.is_file() for p in docs)


def test_folder_documents_leave_out_the_manifest():
    docs = _benchmark().folder_documents(ROOT / "data" / "raw")
    assert "MANIFEST.csv" not in {p.name for p in docs}
    assert len(docs) > 5


def test_extract_benchmark_prints_the_seed_figure_last_and_the_raw_figure():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "extract.py"), "--mb", "0.3",
                           "--repeat", "1"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert re.fullmatch(r"extract: \d+\.\d MB/s", lines[-1])
    assert lines[0].startswith("corpus: the 5 seed documents, replicated: ")
    assert any(re.match(r"all of data/raw \(\d+ documents, [\d.]+ MB\): \d+\.\d MB/s", x)
               for x in lines[:-1])
