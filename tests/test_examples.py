"""The examples run: the quickstart notebook (nbclient) and the scripts (subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.slow


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["MPLBACKEND"] = "Agg"
    return env


def test_annual_table_script():
    proc = subprocess.run([sys.executable, str(EXAMPLES / "annual_table.py"), "2022"],
                          capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("2022 targets and actuals")
    assert any(ln.split()[:3] == ["region", "indicator", "unit"] for ln in lines)
    assert "咸宁市" in proc.stdout
    proc = subprocess.run([sys.executable, str(EXAMPLES / "annual_table.py"), "2022", "--wide"],
                          capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("| region") and "gdp_target" in proc.stdout.splitlines()[0]


def test_region_chart_script(tmp_path):
    out = tmp_path / "chart.png"
    proc = subprocess.run([sys.executable, str(EXAMPLES / "region_chart.py"), str(out),
                           "--region", "赤壁市", "--year", "2021"],
                          capture_output=True, text=True, env=_env(), cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_quickstart_notebook():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(EXAMPLES / "quickstart.ipynb", as_version=4)
    env_before = dict(os.environ)
    os.environ["PYTHONPATH"] = _env()["PYTHONPATH"]
    os.environ.pop("MPLBACKEND", None)  # the kernel's inline backend renders the charts
    try:
        client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                         resources={"metadata": {"path": str(EXAMPLES)}})
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(env_before)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2  # the attainment curve and the rank chart


def test_hierarchy_panel_script(tmp_path):
    """The Hubei example: a ratchet and an amplification table from real extracted documents.

    Only the structure is asserted (the extracted figures follow the extraction
    rules, which change); the functions' arithmetic is tested on synthetic data
    in test_analysis_panel.py.
    """
    import pandas as pd

    out = tmp_path / "tables"
    chart = tmp_path / "amp.png"
    proc = subprocess.run([sys.executable, str(EXAMPLES / "hierarchy_panel.py"), "--csv",
                           str(out), "--chart", str(chart)],
                          capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    for name in ("ratchet", "amplification", "amplification_summary"):
        assert f"## {name} (" in proc.stdout
    ratchet = pd.read_csv(out / "ratchet.csv")
    assert len(ratchet) > 0
    assert (ratchet["target_prev"].notna() | ratchet["actual_prev"].notna()).all()
    assert (ratchet["target_vs_prev_actual"].notna() | ratchet["target_change"].notna()).all()
    amp = pd.read_csv(out / "amplification.csv", dtype={"year": "Int64"})
    assert len(amp) > 0
    assert set(amp["level"]) <= {"province", "prefecture", "county"}
    assert len(set(amp["level"])) >= 2  # more than one level of the hierarchy
    known = amp["parent_target"].notna()
    assert (amp.loc[known, "parent_diff"]
            == amp.loc[known, "target"] - amp.loc[known, "parent_target"]).all()
    summary = pd.read_csv(out / "amplification_summary.csv")
    assert len(summary) > 0 and (summary["n"] >= 1).all()
    att = pd.read_csv(out / "attainment_across_years.csv")
    # targets judged against actuals from another (later) document
    assert (att["target_doc"] != att["actual_doc"]).any()
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
