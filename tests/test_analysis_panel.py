"""Panel, ratchet and amplification: hand-computed answers on a small synthetic panel.

The input is ``tests/data/panel/facts.csv``; the expected tables beside it were
worked out by hand (arithmetic in the comments below and in its README).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm
from govmetrics.analysis import target_point
from govmetrics.errors import AnalysisError

DATA = Path(__file__).parent / "data" / "panel"


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    df = pd.read_csv(DATA / "facts.csv", dtype={"region_code": "string"})
    df["year"] = df["year"].astype("Int64")
    df["period_end"] = df["period_end"].astype("Int64")
    return df


@pytest.fixture(scope="module")
def panel(facts) -> pd.DataFrame:
    return gm.panel(facts)


def _row(df: pd.DataFrame, **keys) -> pd.Series:
    sel = df
    for k, v in keys.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"{keys}: {len(sel)} rows"
    return sel.iloc[0]


# --------------------------------------------------------------------------- panel


def test_panel_one_row_per_key(facts, panel):
    keys = ["region", "year", "indicator", "measure"]
    assert not panel.duplicated(keys).any()
    judged = facts[facts["measure"].isin(["growth_pct", "level", "rate"])]
    assert len(panel) == len(judged.drop_duplicates(keys))
    # completion rows are not placed
    assert "completion_pct" not in set(panel["measure"])


def test_panel_estimate_then_revision(panel):
    # 区域A 2020 GDP: 预计 7.5 in the January report, 7.0 in the March bulletin (listed
    # first in the file): the estimate counts as the earlier figure
    r = _row(panel, region="区域A", year=2020, indicator="gdp", measure="growth_pct")
    assert r["target"] == 6.0 and r["modifier"] == "about"
    assert r["actual_first"] == 7.5 and r["actual_first_estimate"] == 1
    assert r["actual_latest"] == 7.0 and r["actual_latest_estimate"] == 0
    assert r["n_actuals"] == 2
    assert r["revision"] == pytest.approx(-0.5)
    assert r["actual_first_doc"] == "a2021" and r["actual_latest_doc"] == "a2021bul"
    # the latest year-to-date figure before the full year: 1-9月 6.4
    assert r["ytd_period_end"] == 9 and r["ytd_actual"] == 6.4


def test_panel_order_column_decides(facts):
    # the same two figures, but published in the other order by the order column
    f = facts.copy()
    f.loc[f["doc"] == "a2021bul", "published"] = "2020-12-31"
    r = _row(gm.panel(f, order="published"), region="区域A", year=2020, indicator="gdp",
             measure="growth_pct")
    assert r["actual_first"] == 7.0 and r["actual_latest"] == 7.5
    assert r["revision"] == pytest.approx(0.5)
    with pytest.raises(AnalysisError, match="order column"):
        gm.panel(facts, order="no_such_column")


def test_panel_repeated_target_and_single_actual(panel):
    r = _row(panel, region="区域A", year=2021, indicator="gdp", measure="growth_pct")
    assert r["target"] == 6.5 and r["n_targets"] == 2 and r["target_doc"] == "a2021"
    assert r["actual_first"] == r["actual_latest"] == 6.0 and r["revision"] == 0
    assert pd.isna(r["ytd_period_end"])


def test_panel_synced_and_range_targets(panel):
    s = _row(panel, region="赤壁市", year=2021, indicator="resident_disposable_income")
    assert s["modifier"] == "synced" and np.isnan(s["target"]) and s["n_targets"] == 1
    j = _row(panel, region="嘉鱼县", year=2021, indicator="gdp")
    assert (j["low"], j["high"], j["modifier"]) == (10.5, 11.5, "range")
    assert target_point(panel[panel["region"] == "嘉鱼县"], "mid").tolist() == [11.0]
    assert target_point(panel[panel["region"] == "嘉鱼县"], "high").tolist() == [11.5]
    with pytest.raises(AnalysisError, match="range_point"):
        target_point(panel, "middle")


def test_panel_missing_column_is_an_error(facts):
    with pytest.raises(AnalysisError, match="missing columns: role"):
        gm.panel(facts.drop(columns="role"))


def test_panel_without_optional_columns(facts):
    core = facts[["region", "year", "indicator", "role", "period_end", "measure", "value"]]
    p = gm.panel(core)
    r = _row(p, region="区域A", year=2020, indicator="gdp", measure="growth_pct")
    # no estimate column: both figures count as reported, input order decides
    assert r["actual_first"] == 7.0 and r["actual_latest"] == 7.5
    assert "target_doc" not in p.columns and p["region_code"].isna().all()


def test_attainment_on_panel(panel):
    att = gm.attainment(panel)
    a = _row(att, region="区域A", year=2020, indicator="gdp")
    # target 6.0 左右, latest actual 7.0: gap +1.0, met; provenance from the panel
    assert a["actual"] == 7.0 and a["gap"] == pytest.approx(1.0) and a["status"] == "met"
    assert a["target_doc"] == "a2020" and a["actual_doc"] == "a2021bul"
    inc = _row(att, region="区域A", year=2020, indicator="resident_disposable_income")
    # synced income target judged against GDP growth 7.0: 6.8 - 7.0 = -0.2, nearly met
    assert inc["target_basis"] == "gdp_growth" and inc["target"] == 7.0
    assert inc["gap"] == pytest.approx(-0.2) and inc["status"] == "nearly_met"
    d = _row(att, region="区域D", year=2020, indicator="gdp")
    assert d["target"] == 5.0 and d["gap"] == pytest.approx(0.2) and d["status"] == "met"
    b = _row(att, region="区域B", year=2020, indicator="gdp")
    assert b["gap"] == pytest.approx(-1.0) and b["status"] == "missed"
    u = _row(att, region="区域A", year=2020, indicator="registered_unemployment_rate")
    assert u["direction"] == "lower_is_better" and u["gap"] == pytest.approx(0.5)
    e = _row(att, region="区域E", year=2021, indicator="gdp")
    assert e["status"] == "no_actual"


# --------------------------------------------------------------------------- ratchet


def test_ratchet_hand_computed(panel):
    r = gm.ratchet(panel)
    got = r[r["target_prev"].notna()].reset_index(drop=True)
    exp = pd.read_csv(DATA / "expected_ratchet.csv")
    assert len(got) == len(exp)
    for col in ("region", "indicator", "measure", "prev_outcome"):
        assert got[col].astype(str).tolist() == exp[col].astype(str).tolist(), col
    assert got["year"].tolist() == exp["year"].tolist()
    for col in ("target", "target_prev", "actual_prev", "target_change",
                "target_vs_prev_actual", "prev_gap"):
        np.testing.assert_allclose(got[col].to_numpy(float), exp[col].to_numpy(float),
                                   atol=1e-12, err_msg=col)
    for col in ("raised", "tightened"):
        assert got[col].astype(bool).tolist() == exp[col].tolist(), col


def test_ratchet_year_gap_and_first_rows(panel):
    r = gm.ratchet(panel)
    e = _row(r, region="区域E", year=2021)  # 2019 and 2021 targets, no 2020 row
    assert np.isnan(e["target_prev"]) and pd.isna(e["raised"]) and pd.isna(e["prev_outcome"])
    # synced targets have no number and no ratchet row
    assert not ((r["region"] == "赤壁市") & (r["indicator"] == "resident_disposable_income")).any()


def test_ratchet_from_facts_equals_from_panel(facts, panel):
    pd.testing.assert_frame_equal(gm.ratchet(facts), gm.ratchet(panel))


def test_ratchet_options(panel):
    # the first (estimated) figure: 6.5 - 7.5 = -1.0, prev gap 7.5 - 6.0 = 1.5
    a = _row(gm.ratchet(panel, actual="first"), region="区域A", year=2021, indicator="gdp")
    assert a["target_vs_prev_actual"] == pytest.approx(-1.0)
    assert a["prev_gap"] == pytest.approx(1.5) and a["actual_prev_estimate"] == 1
    # the range 5%-6% at its middle, 5.5: unchanged target, 5.2 - 5.5 = -0.3 missed
    d = _row(gm.ratchet(panel, range_point="mid"), region="区域D", year=2021)
    assert d["target_prev"] == 5.5 and d["target_change"] == pytest.approx(0.0)
    assert d["prev_gap"] == pytest.approx(-0.3) and d["prev_outcome"] == "missed"
    assert not d["raised"]
    with pytest.raises(AnalysisError, match="actual"):
        gm.ratchet(panel, actual="final")


def test_ratchet_summary_hand_computed(panel):
    s = gm.ratchet_summary(gm.ratchet(panel))
    met = _row(s, indicator="gdp", prev_outcome="met")
    # A 2021 (+0.5), C 2021 (+1.0), D 2021 (+0.5): all raised
    assert met["n"] == 3 and met["share_raised"] == 1.0 and met["share_lowered"] == 0.0
    assert met["mean_target_change"] == pytest.approx(2.0 / 3.0)
    assert met["mean_target_vs_prev_actual"] == pytest.approx((-0.5 + 0.5 + 0.3) / 3)
    missed = _row(s, indicator="gdp", prev_outcome="missed")
    # A 2022 (unchanged), B 2021 (-0.5)
    assert missed["n"] == 2 and missed["share_raised"] == 0.0
    assert missed["share_unchanged"] == 0.5 and missed["share_lowered"] == 0.5
    assert missed["mean_target_change"] == pytest.approx(-0.25)
    rate = _row(s, indicator="registered_unemployment_rate")
    # 4.5 -> 4.2 after 4.0: lowered, and for a ceiling that is tightening
    assert rate["share_lowered"] == 1.0 and rate["share_tightened"] == 1.0
    with pytest.raises(AnalysisError, match="ratchet"):
        gm.ratchet_summary(panel)


# --------------------------------------------------------------------------- amplification


def test_amplification_hand_computed(facts):
    amp = gm.amplification(facts)
    got = amp[(amp["indicator"] == "gdp") & (amp["year"] == 2021)].reset_index(drop=True)
    exp = pd.read_csv(DATA / "expected_amplification.csv", dtype=str, keep_default_na=False)
    assert got["region"].tolist() == exp["region"].tolist()
    for col in ("region_code", "level", "parent", "parent_code", "parent_level",
                "grandparent", "grandparent_code", "grandparent_level"):
        assert got[col].fillna("").astype(str).tolist() == exp[col].tolist(), col
    for col in ("target", "parent_target", "parent_diff", "parent_ratio",
                "grandparent_target", "grandparent_diff", "grandparent_ratio"):
        e = pd.to_numeric(exp[col].replace("", np.nan)).to_numpy(float)
        np.testing.assert_allclose(got[col].to_numpy(float), e, atol=1e-12, err_msg=col)
    amplified = ["" if pd.isna(v) else str(bool(v)) for v in got["amplified"]]
    assert amplified == exp["amplified"].tolist()
    # regions the region table does not know are not placed
    assert not amp["region"].str.startswith("区域").any()


def test_amplification_parent_without_target_keeps_the_row(facts):
    amp = gm.amplification(facts)
    hz = _row(amp, region="黄州区", indicator="gdp")
    assert hz["parent"] == "黄冈市" and np.isnan(hz["parent_target"])
    assert pd.isna(hz["amplified"]) and hz["grandparent_diff"] == pytest.approx(3.0)


def test_amplification_lower_is_better_and_synced(facts):
    amp = gm.amplification(facts)
    u = _row(amp, region="赤壁市", indicator="registered_unemployment_rate")
    # ceiling 4.0 under the parent's 4.5: diff -0.5, the more demanding target
    assert u["parent_diff"] == pytest.approx(-0.5) and u["amplified"]
    assert u["parent_ratio"] == pytest.approx(4.0 / 4.5)
    s = _row(amp, region="赤壁市", indicator="resident_disposable_income")
    assert np.isnan(s["target"]) and np.isnan(s["parent_diff"])


def test_amplification_range_point(facts):
    mid = _row(gm.amplification(facts, range_point="mid"), region="嘉鱼县", indicator="gdp")
    assert mid["target"] == 11.0 and mid["parent_diff"] == pytest.approx(0.0)
    high = _row(gm.amplification(facts, range_point="high"), region="嘉鱼县", indicator="gdp")
    assert high["parent_diff"] == pytest.approx(0.5)
    assert high["grandparent_diff"] == pytest.approx(1.5)


def test_amplification_levels_skip_the_prefecture(facts):
    amp = gm.amplification(facts, levels=("province", "county"))
    assert set(amp["level"]) == {"county"}
    c = _row(amp, region="赤壁市", indicator="gdp")
    assert c["parent"] == "湖北省" and c["parent_diff"] == pytest.approx(2.0)
    assert pd.isna(c["grandparent"]) and np.isnan(c["grandparent_diff"])
    with pytest.raises(AnalysisError, match="levels"):
        gm.amplification(facts, levels=("province", "township"))
    with pytest.raises(AnalysisError, match="levels"):
        gm.amplification(facts, levels=("county",))


def test_amplification_by_name_without_codes(facts):
    no_codes = facts.drop(columns="region_code")
    amp = gm.amplification(no_codes)
    c = _row(amp, region="赤壁市", indicator="gdp")
    assert c["region_code"] == "421281" and c["parent_diff"] == pytest.approx(1.0)


def test_amplification_summary_hand_computed(facts):
    s = gm.amplification_summary(gm.amplification(facts))
    got = s[s["indicator"] == "gdp"].reset_index(drop=True)
    exp = pd.read_csv(DATA / "expected_amplification_summary.csv")
    for col in ("relation", "level", "ancestor_level", "indicator", "measure"):
        assert got[col].astype(str).tolist() == exp[col].tolist(), col
    assert got["n"].tolist() == exp["n"].tolist()
    for col in ("mean_diff", "median_diff", "mean_ratio", "median_ratio", "share_above",
                "share_equal", "share_below", "share_amplified"):
        np.testing.assert_allclose(got[col].to_numpy(float), exp[col].to_numpy(float),
                                   atol=1e-12, err_msg=col)
    rate = _row(s, indicator="registered_unemployment_rate", relation="parent")
    assert rate["n"] == 1 and rate["share_below"] == 1.0 and rate["share_amplified"] == 1.0
    with pytest.raises(AnalysisError, match="amplification"):
        gm.amplification_summary(facts)


def test_amplification_levels_measure_is_opt_in(facts):
    f = pd.concat([facts, pd.DataFrame({
        "region": ["湖北省", "咸宁市"], "region_code": ["420000", "421200"],
        "year": [2021, 2021], "indicator": ["gdp", "gdp"], "role": ["target", "target"],
        "period_end": [12, 12], "measure": ["level", "level"], "value": [5e12, 2e11],
        "modifier": ["point", "point"]})], ignore_index=True)
    assert "level" not in set(gm.amplification(f)["measure"])
    lv = gm.amplification(f, measures=("level",))
    x = _row(lv, region="咸宁市")
    assert x["parent_ratio"] == pytest.approx(0.04)


def test_panel_path_companion(facts):
    path = gm.panel_path(facts)
    a = path[(path["region"] == "区域A") & (path["year"] == 2020) & (path["indicator"] == "gdp")]
    # H1 6.1, 1-9月 6.4, full year: the latest of 7.5 (预计) and 7.0
    assert a["period_end"].tolist() == [6, 9, 12]
    assert a["actual"].tolist() == [6.1, 6.4, 7.0]
    assert a["n_figures"].tolist() == [1, 1, 2] and a["estimate"].tolist() == [0, 0, 0]
    assert not path.duplicated(["region", "year", "indicator", "measure", "period_end"]).any()
    joined = gm.panel(facts).merge(path, on=["region", "year", "indicator", "measure"])
    assert (joined.loc[joined["period_end"] == 12, "actual"]
            == joined.loc[joined["period_end"] == 12, "actual_latest"]).all()


# --------------------------------------------------------------------------- properties

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_REGIONS = {"全国": None, "湖北省": "全国", "咸宁市": "湖北省", "赤壁市": "咸宁市",
            "嘉鱼县": "咸宁市", "黄冈市": "湖北省", "黄州区": "黄冈市"}

_cell = st.tuples(st.sampled_from(sorted(_REGIONS)), st.integers(2019, 2022),
                  st.sampled_from(["gdp", "cpi"]), st.sampled_from(["target", "actual"]),
                  st.integers(0, 40).map(lambda v: v / 4))


def _close(a, b) -> None:
    np.testing.assert_allclose(pd.to_numeric(a).to_numpy(float),
                               pd.to_numeric(b).to_numpy(float))


_KEYS = ["region", "indicator", "year"]


def _facts_of(cells) -> pd.DataFrame:
    df = pd.DataFrame(cells, columns=["region", "year", "indicator", "role", "value"])
    df["period_end"], df["measure"], df["modifier"] = 12, "growth_pct", "point"
    return df


def _naive(facts: pd.DataFrame, role: str, keep: str = "first") -> pd.DataFrame:
    """One value per key: the first target or the last actual, the plain pandas way."""
    return facts[facts["role"] == role].drop_duplicates(_KEYS, keep=keep)[_KEYS + ["value"]]


def _joined(result: pd.DataFrame, expected: pd.DataFrame) -> pd.DataFrame:
    got = result.assign(year=result["year"].astype(int)).merge(expected, on=_KEYS, how="outer",
                                                               indicator=True)
    assert (got["_merge"] == "both").all()
    return got


@settings(max_examples=60, deadline=None)
@given(st.lists(_cell, max_size=40))
def test_ratchet_matches_a_plain_merge(cells):
    facts = _facts_of(cells)
    # naive: first target and latest actual per key, previous year joined by merge
    t, a = _naive(facts, "target"), _naive(facts, "actual", keep="last")
    prev_t = t.assign(year=t["year"] + 1).rename(columns={"value": "tp"})
    prev_a = a.assign(year=a["year"] + 1).rename(columns={"value": "ap"})
    exp = t.merge(prev_t, on=_KEYS, how="left").merge(prev_a, on=_KEYS, how="left")
    got = _joined(gm.ratchet(facts), exp)
    _close(got["target"], got["value"])
    _close(got["target_prev"], got["tp"])
    _close(got["actual_prev"], got["ap"])
    _close(got["target_change"], got["value"] - got["tp"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_cell, max_size=40))
def test_amplification_matches_a_plain_merge(cells):
    facts = _facts_of(cells)
    t = _naive(facts, "target")
    t = t.assign(parent=t["region"].map(_REGIONS))
    up = t[_KEYS + ["value"]].rename(columns={"region": "parent", "value": "pv"})
    exp = t[t["parent"].notna()].merge(up, on=["parent", "indicator", "year"], how="left")
    got = _joined(gm.amplification(facts), exp)
    assert (got["parent_x"].astype(str) == got["parent_y"].astype(str)).all()
    _close(got["parent_target"], got["pv"])
    _close(got["parent_diff"], got["value"] - got["pv"])


def test_a_hand_made_panel_without_optional_columns():
    p = pd.DataFrame({"region": ["湖北省", "赤壁市", "赤壁市"], "year": [2021, 2021, 2022],
                      "indicator": ["gdp"] * 3, "measure": ["growth_pct"] * 3,
                      "target": [10.0, 12.0, 11.0], "actual_first": [np.nan, 13.0, np.nan],
                      "actual_latest": [np.nan, 12.5, np.nan]})
    r = _row(gm.ratchet(p), region="赤壁市", year=2022)
    assert r["target_change"] == pytest.approx(-1.0) and r["actual_prev"] == 12.5
    assert pd.isna(r["actual_prev_estimate"])
    a = _row(gm.amplification(p), region="赤壁市", year=2021)
    assert a["parent"] == "咸宁市" and a["grandparent_diff"] == pytest.approx(2.0)
    with pytest.raises(AnalysisError, match="missing columns: indicator"):
        gm.ratchet(p.drop(columns="indicator"))


def test_amplification_summary_keeps_a_row_of_unknown_level(facts):
    """A region whose level is not known still counts, in a group of its own."""
    amp = gm.amplification(facts)
    row = amp.index[amp["parent_diff"].notna()][0]
    unknown = amp.assign(level=amp["level"].astype(object))
    unknown.loc[row, "level"] = None
    s = gm.amplification_summary(unknown)
    assert s["n"].sum() == gm.amplification_summary(amp)["n"].sum()
    assert s["level"].isna().sum() == 1
