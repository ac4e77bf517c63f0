"""Every module imports on its own in a fresh interpreter (no import cycle through the
``df.gm`` registration, which runs as soon as pandas is loaded)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for p in (ROOT / "govmetrics").rglob("*.py") if p.name != "__main__.py")


def test_each_module_imports_first() -> None:
    code = ("import importlib, subprocess, sys\n"
            "bad = []\n"
            "for m in sys.argv[1:]:\n"
            "    r = subprocess.run([sys.executable, '-c', f'import {m}'], capture_output=True)\n"
            "    if r.returncode: bad.append((m, r.stderr.decode()[-300:]))\n"
            "print(bad)\n"
            "sys.exit(1 if bad else 0)\n")
    proc = subprocess.run([sys.executable, "-c", code, *MODULES], cwd=ROOT, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize("module", ["govmetrics.text.regions", "govmetrics.text.normalize"])
def test_accessor_after_a_submodule(module: str) -> None:
    code = f"import {module}, pandas as pd, govmetrics; pd.DataFrame({{'a': [1]}}).gm"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
