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


def _width(line: str) -> int:
    from wcwidth import wcswidth

    return wcswidth(line)


def test_table_default_is_a_readable_long_table(facts_csv, capsys):
    code, out, err = run(["table", "--input", str(facts_csv), "--year", "2022"], capsys)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("2022 targets and actuals")
    header = next(ln for ln in lines if ln.startswith("region"))
    assert header.split()[:8] == ["region", "indicator", "unit", "target", "actual", "period",
                                  "gap", "status"]
    body = [ln for ln in lines if ln.startswith("咸宁市")]
    assert len(body) >= 5  # one row per indicator, not one row per region
    assert any("地区生产总值" in ln for ln in body)
    assert max(_width(ln) for ln in lines) < 100
    words = {"met", "nearly", "missed", "ahead", "on", "behind", "no"}
    assert all(words & set(ln.split()) for ln in body)


def test_table_markdown_and_wide(facts_csv, capsys):
    code, out, _ = run(["table", "-i", str(facts_csv), "--year", "2022", "-f", "md"], capsys)
    assert code == 0
    assert any(ln.startswith("| region") and "| indicator" in ln for ln in out.splitlines())
    code, out, _ = run(["table", "-i", str(facts_csv), "--year", "2022", "-f", "md", "--wide"],
                       capsys)
    lines = out.splitlines()
    assert lines[0].startswith("| region") and "gdp_target" in lines[0]
    assert "咸宁市" in lines[2] and "421200" in lines[2]


def test_table_default_year_is_latest_with_actuals(facts_csv, capsys):
    code, out, _ = run(["table", "--input", str(facts_csv), "--format", "csv"], capsys)
    assert code == 0
    df = pd.read_csv(pd.io.common.StringIO(out))
    assert set(df["year"]) == {2022}


def test_table_csv_filters(facts_csv, tmp_path, capsys):
    out_file = tmp_path / "t.csv"
    code, _, _ = run(["table", "-i", str(facts_csv), "--year", "2022", "--indicator", "gdp",
                      "--indicator", "cpi", "--region", "咸宁市", "-o", str(out_file)], capsys)
    assert code == 0
    df = pd.read_csv(out_file)
    assert set(df["region"]) == {"咸宁市"}
    assert list(dict.fromkeys(df["indicator"])) == ["gdp", "cpi"]
    assert list(df.columns) == list(govmetrics.tables.LONG_COLUMNS)
    wide_file = tmp_path / "w.csv"
    code, _, _ = run(["table", "-i", str(facts_csv), "--year", "2022", "--indicator", "gdp",
                      "--indicator", "cpi", "--wide", "-o", str(wide_file)], capsys)
    wide = pd.read_csv(wide_file)
    assert [c for c in wide.columns if c.endswith("_actual")] == ["gdp_actual", "cpi_actual"]
    gdp = df[(df["indicator"] == "gdp") & (df["measure"] == "growth_pct")]
    assert wide.loc[0, "gdp_actual"] == gdp["actual"].iloc[0]


def test_table_latex_is_a_longtable(facts_csv, capsys):
    code, out, _ = run(["table", "-i", str(facts_csv), "--year", "2021", "--period", "5",
                        "-f", "tex"], capsys)
    assert code == 0
    assert out.startswith("\\begin{longtable}") and out.rstrip().endswith("\\end{longtable}")
    assert "\\endhead" in out and "\\caption{" in out
    assert "赤壁市" in out


def test_table_xlsx(facts_csv, tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    out_file = tmp_path / "t.xlsx"
    code, _, err = run(["table", "-i", str(facts_csv), "--year", "2021", "--wide",
                        "-o", str(out_file)], capsys)
    assert code == 0, err
    assert openpyxl.load_workbook(out_file).sheetnames == ["1-5", "1-6"]
    code, _, err = run(["table", "-i", str(facts_csv), "--year", "2021", "-o", str(out_file)],
                       capsys)
    assert code == 0, err
    ws = openpyxl.load_workbook(out_file).active
    assert [c.value for c in ws[1]] == list(govmetrics.tables.LONG_COLUMNS)


def test_table_dta_and_parquet(facts_csv, tmp_path, capsys):
    dta = tmp_path / "t.dta"
    code, _, err = run(["table", "-i", str(facts_csv), "--year", "2022", "-o", str(dta)], capsys)
    assert code == 0, err
    back = pd.read_stata(dta)
    assert "咸宁市" in set(back["region"]) and list(back.columns) == list(
        govmetrics.tables.LONG_COLUMNS)
    pytest.importorskip("pyarrow")
    pq = tmp_path / "t.parquet"
    code, _, err = run(["table", "-i", str(facts_csv), "--year", "2022", "-o", str(pq)], capsys)
    assert code == 0, err
    assert pd.read_parquet(pq)["region"].iloc[0] == "咸宁市"


def test_unknown_output_suffix_is_an_error(facts_csv, tmp_path, capsys):
    out_file = tmp_path / "t.docx"
    code, _, err = run(["table", "-i", str(facts_csv), "-o", str(out_file)], capsys)
    assert code == 2 and "unknown output suffix '.docx'" in err and "--format" in err
    assert not out_file.exists()
    code, _, err = run(["table", "-i", str(facts_csv), "-f", "md", "-o", str(out_file)], capsys)
    assert code == 0, err
    assert out_file.read_text(encoding="utf-8").count("| region") == 1


def test_work_report_view_of_a_year_without_actuals(capsys):
    doc = ROOT / "data" / "raw" / "002_784350319b1ebff8.txt"
    code, out, err = run(["table", "--input", str(doc), "--year", "2024"], capsys)
    assert code == 0, err
    assert out.splitlines()[0].startswith("2024 targets beside 2023 actuals")
    header = next(ln for ln in out.splitlines() if ln.startswith("region"))
    assert "target 2024" in header and "actual 2023" in header and "ratchet" in header


def test_unexpected_errors_are_one_line_with_a_debug_hint(facts_csv, monkeypatch, capsys):
    def boom(*args, **kwargs):
        raise ValueError("something broke\nsecond line")

    monkeypatch.setattr(govmetrics.tables, "comparison_table", boom)
    code, _, err = run(["table", "-i", str(facts_csv)], capsys)
    assert code == 1 and err.count("\n") == 1
    assert "ValueError: something broke" in err and "--debug" in err
    with pytest.raises(ValueError):
        main(["table", "-i", str(facts_csv), "--debug"])


def test_table_bundled_dataset(capsys):
    code, out, _ = run(["table", "--dataset", "seeds", "--year", "2018", "-f", "csv"], capsys)
    assert code == 0
    assert out.splitlines()[1].startswith("咸宁市,421200,2018,gdp,")


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
    names = [line.split("\t")[0] for line in out.splitlines()]
    assert code == 0 and names == ["dev", "hubei", "seeds"]
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


def test_extract_says_how_many_facts_have_no_region(tmp_path, capsys):
    doc = tmp_path / "report.txt"
    doc.write_text("2022年主要预期目标:地区生产总值增长8%左右。", encoding="utf-8")
    code, _, err = run(["extract", str(doc), "--year", "2022", "-o", str(tmp_path / "f.csv")],
                       capsys)
    assert code == 0
    assert "have no region" in err and "--region" in err
    code, _, err = run(["extract", str(doc), "--year", "2022", "--region", "咸宁市",
                        "-o", str(tmp_path / "f.csv")], capsys)
    assert "have no region" not in err


@pytest.mark.parametrize("module", ["govmetrics", "govmetrics.cli"])
def test_console_entry_point_runs_as_module(module, tmp_path):
    """``python -m govmetrics`` behaves like the installed console script."""
    proc = subprocess.run([sys.executable, "-m", module, "table", "--dataset", "seeds",
                           "--year", "2030"], capture_output=True, text=True, cwd=tmp_path,
                          env=_env())
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr


def test_region_and_year_defaults_reach_extraction(tmp_path, capsys):
    doc = tmp_path / "report.txt"
    doc.write_text("主要预期目标:地区生产总值增长8%左右。", encoding="utf-8")
    code, out, err = run(["table", "-i", str(doc), "--region-default", "咸宁市",
                          "--year-default", "2022", "-f", "csv"], capsys)
    assert code == 0, err
    df = pd.read_csv(pd.io.common.StringIO(out))
    assert set(df["region"]) == {"咸宁市"} and set(df["year"]) == {2022}


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


def test_parsing_and_help_load_no_pandas_a_subcommand_does(tmp_path):
    """The parser and --help import neither pandas nor the subcommands; running one does."""
    code = ("import contextlib, io, sys\n"
            "from govmetrics.cli import build_parser, main\n"
            "build_parser().parse_args(['table', '--year', '2018'])\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['table', '--help']) == 0 and main(['--help']) == 0\n"
            "assert 'pandas' not in sys.modules, 'pandas loaded by the parser'\n"
            "assert 'govmetrics.cli._commands' not in sys.modules\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "    assert main(['table', '--dataset', 'seeds', '--year', '2018', '-f', 'csv']) == 0\n"
            "assert out.getvalue().startswith('region,') and 'pandas' in sys.modules\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, env=_env())
    assert proc.returncode == 0, proc.stderr[-2000:]
