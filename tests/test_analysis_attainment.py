"""Attainment: known answers from the seed documents, and properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from _seed_facts import seeds, select
from hypothesis import given, settings
from hypothesis import strategies as st

from govmetrics import attainment
from govmetrics.errors import AnalysisError


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return seeds()


def test_every_target_appears(gold):
    att = attainment(gold)
    # each target row is present at least once (identified by doc + quote)
    t = gold.loc[gold["role"] == "target", ["doc", "quote"]]
    got = set(zip(att["target_doc"], att["target_quote"]))
    assert all((d, q) in got for d, q in t.itertuples(index=False))
    expected_cols = {"region", "region_code", "year", "indicator", "measure", "period_end",
                     "target", "low", "high", "stretch", "modifier", "actual", "estimate",
                     "direction", "gap", "completion_pct", "completion_reported", "status",
                     "stretch_met", "target_basis", "target_quote", "actual_quote"}
    assert expected_cols <= set(att.columns)


def test_unemployment_q1_2018_lower_is_better(gold):
    facts = select(gold, region="咸宁市", year=2018, indicator="registered_unemployment_rate")
    row = attainment(facts).iloc[0]
    assert row["direction"] == "lower_is_better"
    assert row["gap"] == pytest.approx(4.5 - 2.08)
    assert row["gap"] == pytest.approx(2.42)
    assert row["status"] == "in_progress"
    assert row["period_end"] == 3
    assert row["region_code"] == "421200"


def test_honghu_2024_stretch_no_actual(gold):
    facts = select(gold, region="洪湖市", year=2024, indicator="gdp")
    att = attainment(facts)
    assert len(att) == 1
    row = att.iloc[0]
    assert row["target"] == 8 and row["stretch"] == 9
    assert row["status"] == "no_actual"
    assert pd.isna(row["actual"]) and pd.isna(row["period_end"])
    assert pd.isna(row["stretch_met"])


def test_chibi_budget_revenue_level_with_reported_completion(gold):
    facts = select(gold, region="赤壁市", year=2021, indicator="general_budget_revenue")
    att = attainment(facts)
    lvl = att.loc[att["measure"] == "level"].iloc[0]
    assert lvl["target"] == 1_850_000_000
    assert lvl["actual"] == 1_148_140_000
    assert round(lvl["completion_pct"], 1) == 62.1
    assert lvl["completion_reported"] == 62.1
    assert lvl["status"] == "in_progress"


def test_xianning_2022_gdp_growth_gap(gold):
    facts = select(gold, region="咸宁市", year=2022, indicator="gdp")
    att = attainment(facts)
    growth = att.loc[att["measure"] == "growth_pct"]
    assert len(growth) == 1  # the level and rank actuals are not paired with a growth target
    assert growth["gap"].iloc[0] == pytest.approx(-3.6)
    assert growth["modifier"].iloc[0] == "about"


def test_multiple_actuals_are_all_paired(gold):
    facts = select(gold, region="赤壁市", year=2021, indicator="fixed_asset_investment")
    att = attainment(facts)
    assert sorted(att["period_end"].tolist()) == [5, 6]
    assert att["target"].eq(12).all()


def _full_year(target, actual, modifier="point", indicator="gdp", measure="growth_pct",
               low=np.nan, high=np.nan, stretch=np.nan):
    return pd.DataFrame({
        "region": ["甲市", "甲市"], "year": [2023, 2023], "indicator": [indicator] * 2,
        "role": ["target", "actual"], "period_end": [12, 12], "measure": [measure] * 2,
        "value": [target, actual], "low": [low, np.nan], "high": [high, np.nan],
        "stretch": [stretch, np.nan], "modifier": [modifier, "point"]})


@pytest.mark.parametrize(("target", "actual", "modifier", "status"), [
    (8.0, 8.0, "point", "met"),
    (8.0, 7.9, "point", "missed"),
    (8.0, 7.6, "about", "nearly_met"),
    (8.0, 7.5, "about", "nearly_met"),
    (8.0, 7.4, "about", "missed"),
    (8.3, 7.8, "about", "nearly_met"),  # 7.8 - 8.3 is -0.5000000000000009 in floats
])
def test_full_year_status(target, actual, modifier, status):
    assert attainment(_full_year(target, actual, modifier))["status"].iloc[0] == status


def test_tolerance_configurable():
    f = _full_year(8.0, 7.2, "about")
    assert attainment(f)["status"].iloc[0] == "missed"
    assert attainment(f, tolerance=1.0)["status"].iloc[0] == "nearly_met"
    assert attainment(f, tolerance={"growth_pct": 0.8})["status"].iloc[0] == "nearly_met"
    lvl = _full_year(100.0, 98.5, "about", "new_urban_jobs", "level")
    assert attainment(lvl)["status"].iloc[0] == "missed"  # default: 1 % of target
    assert attainment(lvl, tolerance={"level": 2.0})["status"].iloc[0] == "nearly_met"
    with pytest.raises(AnalysisError):
        attainment(f, tolerance={"nonsense": 1.0})
    with pytest.raises(AnalysisError):
        attainment(f, tolerance=-1)


def test_range_target_met_at_low_end():
    row = attainment(_full_year(np.nan, 4.5, "range", low=4.5, high=5.0)).iloc[0]
    assert row["target"] == 4.5 and row["target_basis"] == "range_low"
    assert row["status"] == "met" and row["gap"] == 0
    row = attainment(_full_year(np.nan, 4.4, "range", low=4.5, high=5.0)).iloc[0]
    assert row["status"] == "missed"


def test_at_most_and_stretch():
    row = attainment(_full_year(3.5, 2.9, "at_most", indicator="cpi")).iloc[0]
    assert row["direction"] == "lower_is_better"
    assert row["gap"] == pytest.approx(0.6) and row["status"] == "met"
    row = attainment(_full_year(8.0, 8.6, stretch=9.0)).iloc[0]
    assert row["status"] == "met" and not row["stretch_met"]
    row = attainment(_full_year(8.0, 9.0, stretch=9.0)).iloc[0]
    assert bool(row["stretch_met"])


def test_level_completion_full_year():
    row = attainment(_full_year(37000, 40000, "at_least", "new_urban_jobs", "level")).iloc[0]
    assert row["completion_pct"] == pytest.approx(100 * 40000 / 37000)
    assert row["gap"] == 3000 and row["status"] == "met"


def test_synced_income_target_judged_against_gdp(gold):
    # the synced target row of 赤壁市 2021 from the seeds, plus full-year actuals
    target = select(gold, region="赤壁市", year=2021, indicator="resident_disposable_income")
    assert target["modifier"].iloc[0] == "synced" and pd.isna(target["value"].iloc[0])
    actuals = pd.DataFrame({
        "region": ["赤壁市"] * 3, "year": [2021] * 3,
        "indicator": ["gdp", "resident_disposable_income", "gdp"],
        "role": ["actual"] * 3, "period_end": [12, 12, 6], "measure": ["growth_pct"] * 3,
        "value": [12.0, 11.8, 20.0], "modifier": ["point"] * 3, "estimate": [0] * 3})
    facts = pd.concat([target, actuals], ignore_index=True)
    att = attainment(facts)
    row = att.loc[att["indicator"] == "resident_disposable_income"].iloc[0]
    assert row["target_basis"] == "gdp_growth"
    assert row["target"] == 12.0  # the full-year GDP growth, not the H1 one
    assert row["gap"] == pytest.approx(-0.2)
    assert row["status"] == "nearly_met"
    facts.loc[facts["indicator"] == "gdp", "value"] = 11.0
    assert attainment(facts).loc[lambda d: d["indicator"] != "gdp", "status"].iloc[0] == "met"
    no_gdp = facts.loc[facts["indicator"] != "gdp"]
    assert attainment(no_gdp)["status"].iloc[0] == "no_basis"


def test_other_synced_targets_have_no_basis(gold):
    facts = select(gold, region="洪湖市", year=2024, indicator="energy_intensity")
    row = attainment(facts).iloc[0]
    assert row["target_basis"] == "none" and math.isnan(row["target"])


def test_minimal_columns_and_missing_columns():
    f = _full_year(8.0, 8.1)[["region", "year", "indicator", "role", "period_end", "measure",
                              "value"]]
    att = attainment(f)
    assert att["status"].iloc[0] == "met" and att["region_code"].isna().all()
    assert "target_quote" not in att.columns
    with pytest.raises(AnalysisError, match="missing columns: value"):
        attainment(f.drop(columns="value"))


# -- properties ------------------------------------------------------------------

fact_rows = st.lists(
    st.tuples(st.sampled_from(["A", "B"]), st.sampled_from([2021, 2022]),
              st.sampled_from(["gdp", "cpi", "new_urban_jobs"]),
              st.sampled_from(["target", "actual"]), st.sampled_from([3, 6, 12]),
              st.sampled_from(["growth_pct", "level", "rate"])),
    min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(fact_rows)
def test_never_pairs_different_keys(rows):
    df = pd.DataFrame(rows, columns=["region", "year", "indicator", "role", "period_end",
                                     "measure"])
    df.loc[df["role"] == "target", "period_end"] = 12
    df["value"] = np.arange(len(df), dtype=float) + 1.0  # unique values identify rows
    att = attainment(df)
    by_value = df.set_index("value")
    keys = ["region", "year", "indicator", "measure"]
    for r in att.itertuples(index=False):
        t = by_value.loc[r.target]
        assert t["role"] == "target"
        assert [t[k] for k in keys] == [getattr(r, k) for k in keys]
        if not pd.isna(r.actual):
            a = by_value.loc[r.actual]
            assert a["role"] == "actual"
            assert [a[k] for k in keys] == [getattr(r, k) for k in keys]
            assert a["period_end"] == r.period_end
    # one row per (target, actual) pair, one row for a target without actuals
    targets = df[df["role"] == "target"]
    actuals = df[df["role"] == "actual"]
    counts = actuals.groupby(keys).size()
    expected = sum(max(1, int(counts.get(tuple(t[k] for k in keys), 0)))
                   for _, t in targets.iterrows())
    assert len(att) == expected


def test_synced_bases_come_from_the_vocabulary():
    from govmetrics.vocabulary import indicators, synced_bases

    bases = synced_bases()
    measures = {r["id"]: r["measures"].split("|") for r in indicators()}
    assert bases, "indicators.csv names no synced_to base"
    for ind, base in bases.items():
        assert base in measures and "growth_pct" in measures[base], (ind, base)
        assert "growth_pct" in measures[ind], ind

