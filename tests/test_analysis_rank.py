"""Ranking within peer groups, reported ranks and composite scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _seed_facts import seeds, select
from hypothesis import given, settings
from hypothesis import strategies as st

from govmetrics import attainment, composite_rank, rank
from govmetrics.analysis import parent_code
from govmetrics.errors import AnalysisError


def table(values, indicator="gdp", codes=None):
    n = len(values)
    return pd.DataFrame({
        "region": [f"R{i}" for i in range(n)],
        "region_code": codes if codes is not None else [f"4201{i:02d}" for i in range(n)],
        "indicator": indicator, "measure": "rate", "year": 2023, "period_end": 12,
        "actual": values})


def test_direction_from_indicator():
    hi = rank(table([5.0, 7.0, 6.0]), "actual")
    assert hi["rank"].tolist() == [3, 1, 2]
    lo = rank(table([5.0, 7.0, 6.0], "registered_unemployment_rate"), "actual")
    assert lo["rank"].tolist() == [1, 3, 2]
    assert (lo["n_ranked"] == 3).all()
    forced = rank(table([5.0, 7.0, 6.0]), "actual", ascending=True)
    assert forced["rank"].tolist() == [1, 3, 2]


def test_signed_columns_rank_higher_first():
    t = table([5.0, 7.0, 6.0], "registered_unemployment_rate").assign(gap=[1.0, -1.0, 0.0])
    assert rank(t, "gap")["rank"].tolist() == [1, 3, 2]


def test_ties_missing_and_methods():
    t = table([5.0, 5.0, np.nan, 4.0])
    r = rank(t, "actual")
    assert r["rank"].tolist()[:2] == [1, 1] and pd.isna(r["rank"].iloc[2])
    assert r["rank"].iloc[3] == 3 and (r["n_ranked"] == 3).all()
    assert rank(t, "actual", method="dense")["rank"].iloc[3] == 2
    assert rank(t, "actual", method="average")["rank"].iloc[0] == 1.5
    with pytest.raises(AnalysisError):
        rank(t, "actual", method="bogus")


def test_within_parent_derived_from_codes():
    codes = ["421281", "421202", "421083", "421087"]  # two under 4212, two under 4210
    r = rank(table([1.0, 2.0, 3.0, 4.0], codes=codes), "actual", within="parent")
    assert r["rank"].tolist() == [2, 1, 2, 1]
    assert (r["n_ranked"] == 2).all()
    assert parent_code(pd.Series(codes)).tolist() == ["421200", "421200", "421000", "421000"]
    lv = rank(table([1.0, 2.0, 3.0], codes=["421281", "421200", "420000"]), "actual",
              within="level")
    assert (lv["rank"] == 1).all()
    with pytest.raises(AnalysisError):
        rank(table([1.0]).drop(columns="region_code"), "actual", within="parent")
    with pytest.raises(AnalysisError):
        rank(table([1.0]), "actual", within="no_such_column")


def test_reported_rank_joined_from_facts():
    gold = seeds()
    actuals = select(gold, role="actual", year=2022)
    r = rank(actuals, "value")
    gdp = r.loc[(r["indicator"] == "gdp") & (r["measure"] == "growth_pct")].iloc[0]
    assert gdp["rank_reported"] == 13
    att = attainment(select(gold, year=2022))
    ra = rank(att, "gap", facts=gold)
    retail = ra.loc[ra["indicator"] == "retail_sales"].iloc[0]
    assert retail["rank_reported"] == 2
    assert ra.loc[ra["indicator"] == "cpi", "rank_reported"].isna().all()


# -- properties ------------------------------------------------------------------

values = st.lists(st.one_of(st.floats(-100, 100), st.just(np.nan)), min_size=1, max_size=25)


@settings(max_examples=150, deadline=None)
@given(values, st.randoms(use_true_random=False))
def test_rank_does_not_depend_on_row_order(vals, rnd):
    t = table(vals)
    t["year"] = [2022 + i % 2 for i in range(len(vals))]
    perm = list(range(len(vals)))
    rnd.shuffle(perm)
    a = rank(t, "actual").set_index("region")["rank"]
    b = rank(t.iloc[perm], "actual").set_index("region")["rank"]
    pd.testing.assert_series_equal(a.sort_index(), b.sort_index())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(-100, 100), min_size=1, max_size=25, unique=True))
def test_reversing_direction_reverses_order(vals):
    t = table(vals)
    up = rank(t, "actual", ascending=True)["rank"].to_numpy(dtype=float)
    down = rank(t, "actual", ascending=False)["rank"].to_numpy(dtype=float)
    np.testing.assert_array_equal(up, len(vals) + 1 - down)
    lower = rank(table(vals, "registered_unemployment_rate"), "actual")["rank"]
    np.testing.assert_array_equal(lower.to_numpy(dtype=float), up)


def test_composite_share_met_and_mean_z():
    att = pd.DataFrame({
        "region": ["A", "A", "B", "B", "C", "C"], "year": 2023,
        "indicator": ["gdp", "cpi"] * 3, "measure": "growth_pct", "period_end": 12,
        "status": ["met", "missed", "met", "met", "missed", "nearly_met"],
        "gap": [0.5, -0.2, 1.0, 0.3, -1.0, -0.1]})
    c = composite_rank(att).set_index("region")
    assert c.loc["A", "score"] == 0.5 and c.loc["B", "score"] == 1.0
    assert c.loc["C", "score"] == 0.0
    assert c["rank"].tolist() == [2, 1, 3] and (c["n_indicators"] == 2).all()
    w = composite_rank(att, weights={"gdp": 3.0}).set_index("region")
    assert w.loc["A", "score"] == pytest.approx(0.75)
    z = composite_rank(att, how="mean_z").set_index("region")
    assert z.loc["B", "rank"] == 1 and z.loc["C", "rank"] == 3
    assert z["score"].sum() == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(AnalysisError):
        composite_rank(att, how="median")


def test_parent_and_level_follow_the_region_table():
    from govmetrics.analysis import level_of, parent_code

    codes = pd.Series(["429004", "110101", "420000", "999901"])
    # 仙桃市 sits directly under 湖北省; 东城区 under 北京市; an unknown code by its shape
    assert parent_code(codes).tolist() == ["420000", "110000", "100000", "999900"]
    assert level_of(codes).tolist() == ["county", "county", "province", "county"]


def test_a_row_whose_numeric_group_key_is_missing_is_not_ranked():
    """A missing ``within`` value (a year not known) is no group of its own."""
    import pandas as pd

    import govmetrics as gm

    t = pd.DataFrame({"region": ["A", "B", "C"], "indicator": ["gdp"] * 3,
                      "measure": ["growth_pct"] * 3,
                      "year": pd.array([2022, 2022, None], dtype="Int64"), "gap": [1.0, 2.0, 3.0]})
    out = gm.rank(t, "gap", within="year")
    assert out["rank"].tolist()[:2] == [2, 1] and out["n_ranked"].tolist()[:2] == [2, 2]
    assert pd.isna(out["rank"].iloc[2]) and pd.isna(out["n_ranked"].iloc[2])
