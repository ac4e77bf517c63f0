"""The multi-year table (``govmetrics table --years``) and the charts across years and levels."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import govmetrics as gm  # noqa: E402
from govmetrics.cli import main  # noqa: E402
from govmetrics.errors import GovmetricsError  # noqa: E402
from govmetrics.history import parse_years  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT / "tests" / "data" / "panel" / "facts.csv"


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return pd.read_csv(FACTS, dtype={"region_code": "string"})


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_parse_years():
    assert parse_years("2019-2021") == [2019, 2020, 2021]
    assert parse_years("2022, 2019-2020") == [2019, 2020, 2022]
    for bad in ("20x1", "2021-2019", ""):
        with pytest.raises(GovmetricsError, match="--years"):
            parse_years(bad)


def test_multi_year_table_hand_computed(facts):
    t = gm.multi_year_table(facts, "2020-2022", regions=["区域A", "区域B"])
    assert t[["region", "year"]].astype(str).values.tolist() == [
        ["区域A", "2020"], ["区域A", "2021"], ["区域A", "2022"], ["区域B", "2020"],
        ["区域B", "2021"]]
    a = t.set_index(["region", "year"])
    # 区域A 2020: target 6.0 左右 against the latest full-year figure 7.0 (not the 7.5 estimate)
    assert a.loc[("区域A", 2020), "gdp_target"] == 6.0
    assert a.loc[("区域A", 2020), "gdp_actual"] == 7.0
    assert a.loc[("区域A", 2020), "gdp_estimate"] == 0
    assert a.loc[("区域A", 2020), "gdp_gap"] == pytest.approx(1.0)
    assert a.loc[("区域A", 2020), "gdp_status"] == "met"
    assert a.loc[("区域A", 2021), "gdp_gap"] == pytest.approx(-0.5)
    assert a.loc[("区域A", 2022), "gdp_status"] == "no_actual"
    assert np.isnan(a.loc[("区域A", 2022), "gdp_actual"])
    assert a.loc[("区域B", 2020), "gdp_status"] == "missed"
    # ceiling 4.5 against 4.0: +0.5 (lower is better)
    assert a.loc[("区域A", 2020), "registered_unemployment_rate_gap"] == pytest.approx(0.5)
    assert a.loc[("区域A", 2020), "registered_unemployment_rate_measure"] == "rate"


def test_multi_year_table_errors(facts):
    with pytest.raises(GovmetricsError, match="no targets for the years 1990-1991"):
        gm.multi_year_table(facts, "1990-1991")
    with pytest.raises(GovmetricsError, match="unknown indicator"):
        gm.multi_year_table(facts, [2021], indicators=["gpd"])


def test_cli_table_years(capsys, tmp_path):
    code = main(["table", "--input", str(FACTS), "--years", "2020-2021", "--format", "csv",
                 "--indicator", "gdp"])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split(",")[:5] == ["region", "region_code", "year", "gdp_measure",
                                       "gdp_target"]
    assert any(line.startswith("区域A,,2020,growth_pct,6,7,0,1,met") for line in lines), lines
    xlsx = tmp_path / "years.xlsx"
    assert main(["table", "--input", str(FACTS), "--years", "2020-2021", "-o", str(xlsx)]) == 0
    assert xlsx.read_bytes()[:2] == b"PK"
    assert main(["table", "--input", str(FACTS), "--years", "2021", "--year", "2021"]) == 2
    assert "cannot be combined" in capsys.readouterr().err


def test_cli_help_example_years_runs_on_the_bundled_documents(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code = main(["table", "--years", "2019-2024"])
    out, err = capsys.readouterr()
    assert code == 0, err
    header = [c.strip() for c in out.splitlines()[0].strip("|").split("|")]
    assert header[:4] == ["region", "region_code", "year", "gdp_measure"]
    years = {int(line.split("|")[3]) for line in out.splitlines()[2:]}
    assert years and years <= set(range(2019, 2025))


def test_target_history_draws_targets_and_actuals(facts):
    ax = gm.plot.target_history(facts, "区域A", "gdp", cjk=False)
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    assert list(lines["target"].get_xdata()) == [2020.0, 2021.0, 2022.0]
    assert list(lines["target"].get_ydata()) == [6.0, 6.5, 6.5]
    actual = lines["actual"].get_ydata()
    assert actual[0] == 7.0 and actual[1] == 6.0 and np.isnan(actual[2])
    first = [c for c in ax.collections if c.get_label() == "first published"]
    assert first and first[0].get_offsets().tolist() == [[2020.0, 7.5]]
    with pytest.raises(GovmetricsError, match="no facts"):
        gm.plot.target_history(facts, "区域Z", "gdp", cjk=False)


def test_target_history_range_bar(facts):
    ax = gm.plot.target_history(facts, "区域D", "gdp", cjk=False)
    bars = [c for c in ax.collections if c.get_label() == "target range"]
    assert bars and bars[0].get_segments()[0].tolist() == [[2020.0, 5.0], [2020.0, 6.0]]


def test_amplification_chart(facts):
    _, ax0 = plt.subplots()
    ax = gm.plot.amplification(facts, year=2021, ax=ax0, cjk=False)
    assert ax is ax0
    pts = {c.get_label(): c.get_offsets().tolist() for c in ax.collections}
    assert pts["province"] == [[6.0, 10.0]]
    assert pts["prefecture"] == [[10.0, 11.0]]
    assert sorted(pts["county"]) == [[11.0, 10.5], [11.0, 12.0]]  # 黄州区: parent has none
    gp = gm.plot.amplification(gm.amplification(facts), relation="grandparent", cjk=False)
    assert sorted(c.get_label() for c in gp.collections) == ["county", "prefecture"]
    with pytest.raises(GovmetricsError, match="no cpi"):
        gm.plot.amplification(facts, indicator="cpi", cjk=False)
    with pytest.raises(GovmetricsError, match="relation"):
        gm.plot.amplification(facts, relation="uncle", cjk=False)


@pytest.mark.parametrize("page", ["docs/guide/panel.md", "docs/methods.md"])
def test_python_blocks_of_the_panel_docs_run(page, monkeypatch):
    monkeypatch.chdir(ROOT)
    text = (ROOT / page).read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```python\n")[1:]]
    blocks = [b for b in blocks if "amplification" in b or "panel" in b]
    assert blocks, page
    for block in blocks:
        env: dict = {}
        exec(compile(block, page, "exec"), env)  # noqa: S102 - our own documentation
        assert "facts" in env and len(env["facts"]) > 0
