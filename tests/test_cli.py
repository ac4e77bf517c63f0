"""The command line: subcommands, formats, help and one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from _seed_facts import seeds as seed_facts  # noqa: E402

import govmetrics  # noqa: E402
from govmetrics.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def facts_csv(tmp_path) -> Path:
    df = seed_facts()
    path = tmp_path / "facts.csv"
    df.to_csv(path, index=False)
    return path


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", [[], ["extract"], ["table"], ["plot"], ["datasets"],
                                     ["tasks"], ["accountability"]])
def test_help_has_an_example(command, capsys):
    code, out, _ = run([*command, "--help"], capsys)
    assert code == 0
    assert "usage: govmetrics" in out
    assert "examples:" in out
    assert "govmetrics " in out.split("examples:")[1]


def test_no_command_prints_help(capsys):
    code, _, err = run([], capsys)
    assert code == 2 and "usage:" in err


def test_table_markdown_from_csv(facts_csv, capsys):
    code, out, err = run(["table", "--input", str(facts_csv), "--year", "2022"], capsys)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("| region") and "gdp_target" in lines[0]
    assert "咸宁市" in lines[2] and "421200" in lines[2]


def test_table_default_year_is_latest_with_actuals(facts_csv, capsys):
    code, out, _ = run(["table", "--input", str(facts_csv), "--format", "csv"], capsys)
    assert code == 0
    df = pd.read_csv(pd.io.common.StringIO(out))
    assert df["year"].tolist() == [2022]


def test_table_csv_filters(facts_csv, tmp_path, capsys):
    out_file = tmp_path / "t.csv"
    code, _, _ = run(["table", "-i", str(facts_csv), "--year", "2022", "--indicator", "gdp",
                      "--indicator", "cpi", "--region", "咸宁市", "-o", str(out_file)], capsys)
    assert code == 0
    df = pd.read_csv(out_file)
    assert df["region"].tolist() == ["咸宁市"]
    assert [c for c in df.columns if c.endswith("_actual")] == ["gdp_actual", "cpi_actual"]
    assert df.loc[0, "gdp_actual"] == 4.4


def test_table_latex_and_period(facts_csv, capsys):
    code, out, _ = run(["table", "-i", str(facts_csv), "--year", "2021", "--period", "5",
                        "-f", "tex"], capsys)
    assert code == 0
    assert out.startswith("\\begin{tabular}") and "\\bottomrule" in out
    assert "赤壁市" in out


def test_table_xlsx_one_sheet_per_period(facts_csv, tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    out_file = tmp_path / "t.xlsx"
    code, _, err = run(["table", "-i", str(facts_csv), "--year", "2021", "-o", str(out_file)],
                       capsys)
    assert code == 0, err
    assert openpyxl.load_workbook(out_file).sheetnames == ["1-5", "1-6"]


def test_table_bundled_dataset(capsys):
    code, out, _ = run(["table", "--dataset", "seeds", "--year", "2018", "-f", "csv"], capsys)
    assert code == 0
    assert out.splitlines()[1].startswith("咸宁市,421200,2018,3,")


def test_table_default_input_outside_repo(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no data/raw here: the bundled dataset is used
    code, out, _ = run(["table", "--year", "2022", "-f", "csv"], capsys)
    assert code == 0
    assert "咸宁市" in out


def test_errors_are_one_line_exit_2(facts_csv, tmp_path, capsys):
    code, out, err = run(["table", "-i", str(tmp_path / "missing.csv")], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("govmetrics: error:")
    assert "Traceback" not in err
    code, _, err = run(["table", "-i", str(facts_csv), "--year", "2030"], capsys)
    assert code == 2 and err.startswith("govmetrics: error: no facts for year 2030")
    code, _, err = run(["table", "-i", str(facts_csv), "--indicator", "gpd"], capsys)
    assert code == 2 and "unknown indicator" in err
    code, _, err = run(["table", "-i", str(facts_csv), "-f", "xlsx"], capsys)
    assert code == 2 and "needs an output file" in err
    code, _, err = run(["table", "--dataset", "nope"], capsys)
    assert code == 2 and err.count("\n") == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = run(["table", "-i", str(bad)], capsys)
    assert code == 2 and "not a fact table" in err


def test_usage_error_exit_2(capsys):
    code, _, err = run(["table", "--format", "docx"], capsys)
    assert code == 2 and "invalid choice" in err


@pytest.mark.parametrize("argv", [
    ["curve", "--region", "咸宁市", "--year", "2022", "--indicator", "gdp"],
    ["dumbbell", "--indicator", "gdp"],
    ["rank", "--indicator", "gdp"],
    ["overview", "--region", "赤壁市"],
])
def test_plot_kinds(argv, facts_csv, tmp_path, capsys):
    out_file = tmp_path / "chart.png"
    code, _, err = run(["plot", *argv, "-i", str(facts_csv), "--english", "-o", str(out_file)],
                       capsys)
    assert code == 0, err
    assert out_file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_svg_and_missing_option(facts_csv, tmp_path, capsys):
    out_file = tmp_path / "chart.svg"
    code, _, _ = run(["plot", "curve", "--region", "赤壁市", "--indicator", "gdp", "-i",
                      str(facts_csv), "-o", str(out_file)], capsys)
    assert code == 0 and out_file.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    code, _, err = run(["plot", "curve", "-i", str(facts_csv), "-o", str(out_file)], capsys)
    assert code == 2 and "needs --region --indicator" in err


def test_datasets_command(capsys):
    code, out, _ = run(["datasets"], capsys)
    assert code == 0 and out.splitlines()[1].startswith("seeds\t")
    code, out, _ = run(["datasets", "seeds"], capsys)
    assert code == 0 and out.startswith("doc,region,year")


def test_extract_needs_existing_paths(tmp_path, capsys):
    code, _, err = run(["extract", str(tmp_path / "nothing")], capsys)
    assert code == 2 and "no such file or directory" in err


def test_extract_documents(tmp_path, capsys):
    out_file = tmp_path / "facts.csv"
    code, _, err = run(["extract", str(ROOT / "data" / "raw" / "003_500ad30c4c1f596f.txt"),
                        "-o", str(out_file)], capsys)
    assert code == 0, err
    facts = pd.read_csv(out_file)
    assert set(govmetrics.FACT_COLUMNS) <= set(facts.columns)
    assert (facts["region"] == "咸宁市").any()
    code, out, _ = run(["extract", str(ROOT / "data" / "raw")], capsys)
    n_docs = len(list((ROOT / "data" / "raw").glob("*.txt")))
    assert code == 0 and f"facts from {n_docs} document(s)" in out


def test_console_entry_point_runs_as_module(tmp_path):
    """``python -m govmetrics.cli`` behaves like the installed console script."""
    proc = subprocess.run([sys.executable, "-m", "govmetrics.cli", "table", "--dataset", "seeds",
                           "--year", "2030"], capture_output=True, text=True, cwd=tmp_path,
                          env=_env())
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["MPLBACKEND"] = "Agg"
    return env


def _guide_commands(page: str) -> list[list[str]]:
    """The ``govmetrics ...`` lines of the bash blocks of a docs page."""
    import shlex

    text = (ROOT / "docs" / "guide" / page).read_text(encoding="utf-8")
    out, in_bash = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            in_bash = line.strip() == "```bash"
            continue
        if in_bash and line.startswith("govmetrics "):
            out.append(shlex.split(line.split("#")[0])[1:])
    return out


@pytest.mark.parametrize("argv", _guide_commands("tasks.md"), ids=lambda a: " ".join(a)[:60])
def test_tasks_guide_commands_run(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    argv = [str(tmp_path / a) if a.endswith((".md", ".csv", ".xlsx")) and i and argv[i - 1] == "-o"
            else a for i, a in enumerate(argv)]
    code, out, err = run(argv, capsys)
    assert code == 0, err
    assert out or any(a == "-o" for a in argv)


def test_tasks_and_accountability_outputs(tmp_path, capsys):
    seed = str(ROOT / "data" / "raw" / "003_500ad30c4c1f596f.txt")
    code, out, _ = run(["tasks", seed], capsys)
    assert code == 0
    frame = pd.read_csv(__import__("io").StringIO(out))
    assert list(frame.columns) == govmetrics.TASK_COLUMNS and len(frame) > 50
    xlsx = tmp_path / "t.xlsx"
    code, _, err = run(["tasks", seed, "-o", str(xlsx)], capsys)
    assert code == 0 and xlsx.is_file() and "wrote" in err
    code, _, err = run(["tasks", seed, "-f", "xlsx"], capsys)
    assert code == 2 and "needs an output file" in err
    breakdown = str(ROOT / "data" / "raw" / "004_dfe24370595563c5.txt")
    bulletin = str(ROOT / "tests" / "data" / "tasks" / "bulletin_2025_q3.txt")
    code, out, _ = run(["accountability", breakdown, bulletin, "-f", "md"], capsys)
    assert code == 0 and "| 市科技局" in out
    code, out, _ = run(["accountability", breakdown, bulletin, "--detail"], capsys)
    assert code == 0 and "status" in out.splitlines()[0]
    code, _, err = run(["tasks", str(tmp_path / "missing.txt")], capsys)
    assert code == 2 and "missing.txt" in err and "Traceback" not in err
