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


def test_long_table_one_row_per_region_and_indicator(three_regions):
    t = tables.comparison_table(three_regions, 2022)
    assert list(t.columns) == list(tables.LONG_COLUMNS)
    assert t["region"].tolist() == ["甲市"] * 2 + ["乙市"] * 2 + ["丙市"] * 2  # by code
    assert t["indicator"].tolist() == ["gdp", "cpi"] * 3
    gdp = t[t["indicator"] == "gdp"]
    assert gdp["period_end"].tolist() == [9, 9, 9]  # the latest period
    assert gdp["target"].tolist() == [8.0, 7.0, 6.5]
    assert gdp["actual"].tolist() == pytest.approx([9.1, 6.0, 6.6])
    assert gdp["gap"].tolist() == pytest.approx([1.1, -1.0, 0.1])
    assert gdp["unit"].tolist() == ["%"] * 3
    # year-to-date rows carry the pace verdict, in words
    assert gdp["status"].tolist() == ["ahead", "behind", "ahead"]
    assert set(t["view"]) == {"attainment"}


def test_gap_is_positive_when_good_also_for_cpi(three_regions):
    t = tables.comparison_table(three_regions, 2022, indicators=["cpi"])
    # cpi target at most 3.0, actuals 2.0, 1.75, 1.625: all below, all positive gaps
    assert t["gap"].tolist() == pytest.approx([1.0, 1.25, 1.375])
    assert t["modifier"].tolist() == ["at_most"] * 3


def test_rank_follows_direction_among_peers(three_regions):
    t = tables.comparison_table(three_regions, 2022)
    gdp, cpi = t[t["indicator"] == "gdp"], t[t["indicator"] == "cpi"]
    assert gdp["rank"].tolist() == [1, 3, 2]
    assert cpi["rank"].tolist() == [3, 2, 1]  # lower is better
    assert gdp["n_peers"].tolist() == [3, 3, 3]
    assert gdp["rank_reported"].tolist()[:2] == [2, 5]
    assert cpi["rank_reported"].isna().all()


def test_a_region_is_never_ranked_against_itself(three_regions):
    one = tables.comparison_table(three_regions, 2022, regions=["乙市"])
    assert one["rank"].isna().all()
    assert one.loc[one["indicator"] == "gdp", "rank_reported"].tolist() == [5]


def test_full_year_status_words():
    rows = []
    for region, code, actual in [("甲市", "420100", 8.5), ("乙市", "420200", 7.8),
                                 ("丙市", "420300", 6.0)]:
        rows.append((region, code, 2022, "gdp", "target", 12, "growth_pct", 8.0, "about"))
        rows.append((region, code, 2022, "gdp", "actual", 12, "growth_pct", actual, "point"))
    t = tables.comparison_table(_facts(rows), 2022)
    assert t["status"].tolist() == ["met", "nearly_met", "missed"]
    shown = tables.readable(t)
    assert shown["status"].tolist() == ["met", "nearly met", "missed"]
    assert shown["target"].tolist() == ["≈8"] * 3
    assert shown["gap"].tolist() == ["+0.5", "-0.2", "-2"]
    assert shown["period"].tolist() == ["全年"] * 3
    assert tables.readable(t, lang="en")["indicator"].tolist() == ["GDP"] * 3


def test_two_figures_for_one_key_show_the_first_and_are_marked():
    rows = [("甲市", "420100", 2022, "exports", "target", 12, "growth_pct", 10.0, "point"),
            ("甲市", "420100", 2022, "exports", "actual", 12, "growth_pct", 13.3, "point"),
            ("甲市", "420100", 2022, "exports", "actual", 12, "growth_pct", 21.7, "point")]
    t = tables.comparison_table(_facts(rows), 2022)
    assert len(t) == 1 and t.loc[0, "actual"] == 13.3 and t.loc[0, "n_figures"] == 2
    assert tables.readable(t).loc[0, "actual"] == "13.3*"
    assert tables.footnotes(t) and "first" in tables.footnotes(t)[0]


def test_amounts_in_the_units_people_write():
    rows = [("甲市", "420100", 2022, "gdp", "target", 12, "level", 1.5e11, "at_least"),
            ("甲市", "420100", 2022, "gdp", "actual", 12, "level", 1.32129e11, "point"),
            ("甲市", "420100", 2022, "new_urban_jobs", "target", 12, "level", 37000, "point"),
            ("甲市", "420100", 2022, "new_urban_jobs", "actual", 12, "level", 31048, "point"),
            ("甲市", "420100", 2022, "urban_disposable_income", "target", 12, "level",
             42000.0, "point"),
            ("甲市", "420100", 2022, "urban_disposable_income", "actual", 12, "level",
             41500.0, "point")]
    t = tables.comparison_table(_facts(rows), 2022).set_index("indicator")
    assert t.loc["gdp", "unit"] == "亿元" and t.loc["gdp", "actual"] == pytest.approx(1321.29)
    assert t.loc["new_urban_jobs", "unit"] == "万人"
    assert t.loc["new_urban_jobs", "target"] == pytest.approx(3.7)
    assert t.loc["urban_disposable_income", "unit"] == "元"
    shown = tables.readable(t.reset_index()).set_index("indicator")
    assert shown.loc["地区生产总值", "target"] == "≥1,500"


def test_range_and_synced_targets_are_written_as_such():
    rows = [("甲市", "420100", 2022, "gdp", "target", 12, "growth_pct", 8.0, "range"),
            ("甲市", "420100", 2022, "gdp", "actual", 12, "growth_pct", 8.2, "point"),
            ("甲市", "420100", 2022, "urban_disposable_income", "target", 12, "growth_pct",
             np.nan, "synced")]
    f = _facts(rows)
    f.loc[0, ["low", "high"]] = [8.0, 8.5]
    shown = tables.readable(tables.comparison_table(f, 2022))
    assert shown["target"].tolist() == ["8–8.5", "同步"]


def test_work_report_view_for_a_year_without_actuals():
    rows = [("甲市", "420100", 2023, "gdp", "target", 12, "growth_pct", 6.5, "about"),
            ("甲市", "420100", 2022, "gdp", "actual", 12, "growth_pct", 5.0, "point"),
            ("甲市", "420100", 2022, "gdp", "actual", 9, "growth_pct", 4.0, "point"),
            ("甲市", "420100", 2023, "cpi", "target", 12, "growth_pct", 3.0, "about")]
    t = tables.comparison_table(_facts(rows), 2023)
    assert set(t["view"]) == {"work_report"}
    gdp = t[t["indicator"] == "gdp"].iloc[0]
    assert (gdp["actual"], gdp["actual_year"], gdp["period_end"]) == (5.0, 2022, 12)
    assert gdp["ratchet"] == pytest.approx(1.5) and pd.isna(gdp["gap"])
    assert pd.isna(t.loc[t["indicator"] == "cpi", "actual"]).all()
    shown = tables.readable(t)
    assert list(shown.columns)[3:7] == ["target 2023", "actual 2022", "period", "ratchet"]
    assert tables.caption(t).startswith("2023 targets beside 2022 actuals")
    # the same facts default to that year, and the attainment view can be forced
    assert tables.comparison_table(_facts(rows))["year"].unique().tolist() == [2023]
    forced = tables.comparison_table(_facts(rows), 2023, view="attainment")
    assert forced["actual"].isna().all() and set(forced["status"]) == {"no_actual"}


def test_period_selection(three_regions):
    t = tables.comparison_table(three_regions, 2022, period_end=6)
    gdp, cpi = t[t["indicator"] == "gdp"], t[t["indicator"] == "cpi"]
    assert gdp["actual"].tolist() == pytest.approx([8.1, 5.0, 5.6])
    assert cpi["status"].tolist() == ["no_actual"] * 3
    assert cpi["actual"].isna().all()


def test_filters(three_regions):
    t = tables.comparison_table(three_regions, 2022, indicators=["cpi"], regions=["乙市"])
    assert t["region"].tolist() == ["乙市"] and t["indicator"].tolist() == ["cpi"]
    with pytest.raises(govmetrics.GovmetricsError, match="unknown indicator"):
        tables.comparison_table(three_regions, 2022, indicators=["gpd"])
    with pytest.raises(govmetrics.GovmetricsError, match="no facts"):
        tables.comparison_table(three_regions, 2030)
    with pytest.raises(govmetrics.GovmetricsError, match="layout"):
        tables.comparison_table(three_regions, 2022, layout="tall")


def test_wide_layout_and_back(three_regions):
    t = tables.comparison_table(three_regions, 2022, layout="wide")
    assert t["region"].tolist() == ["甲市", "乙市", "丙市"]
    for ind in ("gdp", "cpi"):
        for field in tables.VALUE_FIELDS:
            assert f"{ind}_{field}" in t.columns
    assert t["gdp_rank"].tolist() == [1, 3, 2]
    assert t["period_end"].tolist() == [9, 9, 9]
    back = tables.to_long(t)
    long = tables.comparison_table(three_regions, 2022)
    key = ["region", "indicator"]
    merged = back.merge(long, on=key, suffixes=("_w", "_l"))
    assert len(merged) == len(long) == 6
    assert (merged["actual_w"] == merged["actual_l"]).all()
    assert (merged["status_w"] == merged["status_l"]).all()


def test_seeds_2022_structure(seeds):
    t = tables.comparison_table(seeds, 2022)
    first = t.iloc[0]
    assert (first["region"], first["region_code"]) == ("咸宁市", "421200")
    gdp = t[(t["region"] == "咸宁市") & (t["indicator"] == "gdp")].iloc[0]
    assert (gdp["target"], gdp["actual"], gdp["rank_reported"]) == (8.0, 4.4, 13)
    jobs = t[(t["region"] == "咸宁市") & (t["indicator"] == "new_urban_jobs")].iloc[0]
    assert (jobs["unit"], jobs["actual"]) == ("万人", pytest.approx(3.1048))


def test_latest_period_per_indicator(seeds):
    # 赤壁市 2021: most actuals are for 1-6, retail sales only for 1-5
    t = tables.comparison_table(seeds, 2021).set_index(["indicator", "measure"])
    assert t.loc[("gdp", "growth_pct"), "period_end"] == 6
    assert t.loc[("retail_sales", "growth_pct"), "actual"] == 41.9
    assert t.loc[("retail_sales", "growth_pct"), "period_end"] == 5


def test_accepts_attainment_output(seeds):
    att = govmetrics.attainment(seeds)
    a = tables.comparison_table(att, 2022)
    b = tables.comparison_table(seeds, 2022)
    # attainment output has no rank rows and no pace verdict: compare the numbers
    cols = ["region", "indicator", "measure", "target", "actual", "period_end", "gap"]
    pd.testing.assert_frame_equal(a[cols], b[cols])


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
    t = tables.comparison_table(three_regions, 2022, indicators=["gdp"], layout="wide")
    md = tables.to_markdown(t)
    lines = md.splitlines()
    assert lines[0].startswith("| region")
    assert "gdp_target" in lines[0]
    assert set(lines[1]) <= set("|:- ")
    assert len(lines) == 2 + 3
    assert "甲市" in lines[2] and "9.1" in lines[2]
    big = tables.to_markdown(pd.DataFrame({"v": [132129000000.0, np.nan]}))
    assert "132,129,000,000" in big


def test_text_aligns_chinese_by_display_width(three_regions):
    from wcwidth import wcswidth

    shown = tables.readable(tables.comparison_table(three_regions, 2022))
    lines = tables.to_text(shown, right=["target", "actual", "gap"]).splitlines()
    assert len({wcswidth(ln.rstrip()) for ln in lines[:2]}) == 1  # header as wide as rule
    starts = {ln.index(ln.split()[1]) for ln in lines[2:]}
    assert len(starts) == 1  # the indicator column starts at the same place on every row


def test_latex():
    t = pd.DataFrame({"region": ["A&B_1 100%"], "gdp_gap": [-3.6], "note": ["$x^2$ #1 {y} ~\\"]})
    tex = tables.to_latex(t)
    lines = tex.splitlines()
    assert lines[0] == r"\begin{longtable}{lrl}"
    assert lines[1] == r"\toprule" and lines[3] == r"\midrule" and lines[4] == r"\endfirsthead"
    assert lines[2] == r"region & gdp\_gap & note \\"
    assert r"\endhead" in lines and r"\endlastfoot" in lines and lines[-1] == r"\end{longtable}"
    assert lines[-2] == (r"A\&B\_1 100\% & -3.6 & \$x\textasciicircum{}2\$ \#1 \{y\} "
                         r"\textasciitilde{}\textbackslash{} \\")
    wrapped = tables.to_latex(t, caption="GDP_2022", label="tab:gdp")
    assert r"\caption{GDP\_2022}\label{tab:gdp} \\" in wrapped.splitlines()
    doc = tables.to_latex(t, standalone=True)
    assert doc.startswith(r"\documentclass") and r"\usepackage{longtable,booktabs}" in doc
    assert doc.rstrip().endswith(r"\end{document}")


def test_readable_shows_peer_ranks_and_the_caption_says_so(three_regions):
    t = tables.comparison_table(three_regions, 2022, indicators=["gdp"])
    shown = tables.readable(t)
    assert shown["peers"].tolist() == ["1/3", "3/3", "2/3"]
    assert shown["rank"].tolist() == ["2", "5", ""]
    cap = tables.caption(t)
    assert "peers" in cap and "rank: as the documents report it" in cap
    alone = tables.comparison_table(three_regions, 2022, indicators=["cpi"], regions=["甲市"])
    assert "peers" not in tables.readable(alone).columns and "peers" not in tables.caption(alone)


def test_longtable_compiles_with_xelatex(three_regions, tmp_path):
    import shutil
    import subprocess

    engine = shutil.which("xelatex")
    if engine is None:
        pytest.skip("no xelatex here; the structure is checked in test_latex")
    shown = tables.readable(tables.comparison_table(three_regions, 2022))
    tex = tmp_path / "t.tex"
    tex.write_text(tables.to_latex(shown, caption="2022", standalone=True), encoding="utf-8")
    proc = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", tex.name],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert (tmp_path / "t.pdf").is_file()
