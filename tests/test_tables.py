"""The comparison table and its writers."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from _seed_facts import seeds as seed_facts  # noqa: E402

import govmetrics
from govmetrics import tables
from govmetrics.schema import coerce_facts


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return coerce_facts(seed_facts())


def _facts(rows):
    cols = ["region", "region_code", "year", "indicator", "role", "period_end", "measure",
            "value", "modifier"]
    return coerce_facts(pd.DataFrame(rows, columns=cols))


@pytest.fixture(scope="module")
def three_regions() -> pd.DataFrame:
    rows = []
    for region, code, target, q3, rank in [("甲市", "420100", 8.0, 9.1, 2),
                                            ("乙市", "420200", 7.0, 6.0, 5),
                                            ("丙市", "420300", 6.5, 6.6, None)]:
        rows.append((region, code, 2022, "gdp", "target", 12, "growth_pct", target, "point"))
        rows.append((region, code, 2022, "gdp", "actual", 9, "growth_pct", q3, "point"))
        rows.append((region, code, 2022, "gdp", "actual", 6, "growth_pct", q3 - 1, "point"))
        rows.append((region, code, 2022, "cpi", "target", 12, "growth_pct", 3.0, "at_most"))
        rows.append((region, code, 2022, "cpi", "actual", 9, "growth_pct", target / 4, "point"))
        if rank is not None:
            rows.append((region, code, 2022, "gdp", "actual", 9, "rank", rank, "point"))
    return _facts(rows)


def test_one_row_per_region_with_flat_columns(three_regions):
    t = tables.comparison_table(three_regions, 2022)
    assert t["region"].tolist() == ["甲市", "乙市", "丙市"]  # by region code
    for ind in ("gdp", "cpi"):
        for field in tables.VALUE_FIELDS:
            assert f"{ind}_{field}" in t.columns
    assert t["period_end"].tolist() == [9, 9, 9]
    assert t["gdp_target"].tolist() == [8.0, 7.0, 6.5]
    assert t["gdp_actual"].tolist() == pytest.approx([9.1, 6.0, 6.6])
    assert t["gdp_gap"].tolist() == pytest.approx([1.1, -1.0, 0.1])
    assert set(t["gdp_status"]) == {"in_progress"}


def test_rank_follows_direction(three_regions):
    t = tables.comparison_table(three_regions, 2022)
    # gdp: higher is better; cpi: lower is better (actuals 2.0, 1.75, 1.625)
    assert t["gdp_rank"].tolist() == [1, 3, 2]
    assert t["cpi_rank"].tolist() == [3, 2, 1]
    assert t["gdp_rank_reported"].tolist()[:2] == [2, 5]
    assert "cpi_rank_reported" not in t.columns


def test_period_selection(three_regions):
    t = tables.comparison_table(three_regions, 2022, period_end=6)
    assert t["gdp_actual"].tolist() == pytest.approx([8.1, 5.0, 5.6])
    assert t["cpi_status"].tolist() == ["no_actual"] * 3
    assert t["cpi_actual"].isna().all()


def test_filters(three_regions):
    t = tables.comparison_table(three_regions, 2022, indicators=["cpi"], regions=["乙市"])
    assert t["region"].tolist() == ["乙市"]
    assert not any(c.startswith("gdp_") for c in t.columns)
    with pytest.raises(govmetrics.GovmetricsError, match="unknown indicator"):
        tables.comparison_table(three_regions, 2022, indicators=["gpd"])
    with pytest.raises(govmetrics.GovmetricsError, match="no facts"):
        tables.comparison_table(three_regions, 2030)


def test_seeds_2022(seeds):
    t = tables.comparison_table(seeds, 2022)
    row = t.iloc[0]
    assert (row["region"], row["region_code"], row["period_end"]) == ("咸宁市", "421200", 9)
    assert (row["gdp_target"], row["gdp_actual"]) == (8.0, 4.4)
    assert row["gdp_gap"] == pytest.approx(-3.6)
    assert row["gdp_rank_reported"] == 13
    assert row["new_urban_jobs_measure"] == "level"
    assert row["new_urban_jobs_actual"] == 31048


def test_latest_period_per_indicator(seeds):
    # 赤壁市 2021: most actuals are for 1-6, retail sales only for 1-5
    t = tables.comparison_table(seeds, 2021)
    assert t.loc[0, "period_end"] == 6
    assert t.loc[0, "retail_sales_actual"] == 41.9
    assert t.loc[0, "retail_sales_period_end"] == 5


def test_accepts_attainment_output(seeds):
    att = govmetrics.attainment(seeds)
    a = tables.comparison_table(att, 2022)
    b = tables.comparison_table(seeds, 2022)
    # reported ranks come from the facts' rank rows, which attainment output lacks
    b = b.drop(columns=[c for c in b.columns if c.endswith("_rank_reported")])
    pd.testing.assert_frame_equal(a, b)


# --------------------------------------------------------------------------- writers


@pytest.fixture
def evil() -> pd.DataFrame:
    return pd.DataFrame({
        "region": ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\tx", "\ry", "咸宁市"],
        "gdp_actual": [-3.5, 1.0, 2.0, np.nan, 4.0, 5.0, 132129000000.0],
        "gdp_rank": pd.array([1, 2, 3, 4, None, 6, 7], dtype="Int64"),
    })


def test_neutralise():
    assert tables.neutralise("=1+1") == "'=1+1"
    assert tables.neutralise("-3.5") == "'-3.5"
    assert tables.neutralise("咸宁市") == "咸宁市"
    assert tables.neutralise(-3.5) == -3.5


def test_csv_neutralises_formulas(evil, tmp_path):
    out = tmp_path / "t.csv"
    tables.to_csv(evil, out)
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    regions = [r[0] for r in rows[1:]]
    assert regions == ["'=cmd|' /C calc'!A0", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\ry", "咸宁市"]
    assert rows[1][1] == "-3.5"  # numbers are not touched
    assert rows[7][1] == "132129000000"
    assert tables.to_csv(evil).startswith("region,gdp_actual,gdp_rank\r\n")


def test_excel(evil, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tables.to_excel({9: evil, 12: evil.head(2)}, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["1-9", "full year"]
    ws = wb["1-9"]
    assert [c.value for c in ws[1]] == ["region", "gdp_actual", "gdp_rank"]
    assert ws["A1"].font.bold
    assert ws.freeze_panes == "B2"
    cells = [ws.cell(row=i, column=1).value for i in range(2, 9)]
    assert cells[:5] == ["'=cmd|' /C calc'!A0", "'+1", "'-2", "'@SUM(A1)", "'\tx"]
    assert cells[5].startswith("'") and cells[6] == "咸宁市"  # XML turns \r into \n
    assert ws["B2"].value == -3.5 and ws["B2"].number_format == "#,##0.00"
    assert ws["C2"].value == 1 and ws["C2"].number_format == "0"
    assert ws["B5"].value is None  # NaN is an empty cell
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_excel_single_table(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tables.to_excel(pd.DataFrame({"a": [1]}), tmp_path / "one.xlsx")
    assert openpyxl.load_workbook(out).sheetnames == ["table"]


def test_markdown(three_regions):
    t = tables.comparison_table(three_regions, 2022, indicators=["gdp"])
    md = tables.to_markdown(t)
    lines = md.splitlines()
    assert lines[0].startswith("| region")
    assert "gdp_target" in lines[0]
    assert set(lines[1]) <= set("|:- ")
    assert len(lines) == 2 + 3
    assert "甲市" in lines[2] and "9.1" in lines[2]
    big = tables.to_markdown(pd.DataFrame({"v": [132129000000.0, np.nan]}))
    assert "132,129,000,000" in big


def test_latex():
    t = pd.DataFrame({"region": ["A&B_1 100%"], "gdp_gap": [-3.6], "note": ["$x^2$ #1 {y} ~\\"]})
    tex = tables.to_latex(t)
    lines = tex.splitlines()
    assert lines[0] == r"\begin{tabular}{lrl}"
    assert lines[1] == r"\toprule" and lines[3] == r"\midrule" and lines[-2] == r"\bottomrule"
    assert lines[2] == r"region & gdp\_gap & note \\"
    assert lines[4] == (r"A\&B\_1 100\% & -3.6 & \$x\textasciicircum{}2\$ \#1 \{y\} "
                        r"\textasciitilde{}\textbackslash{} \\")
    wrapped = tables.to_latex(t, caption="GDP_2022", label="tab:gdp")
    assert r"\caption{GDP\_2022}" in wrapped and wrapped.endswith(r"\end{table}")
