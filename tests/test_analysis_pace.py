"""Pace (序时进度) and the growth required in the rest of the year."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _seed_facts import seeds, select
from hypothesis import given, settings
from hypothesis import strategies as st

from govmetrics import pace
from govmetrics.analysis import required_rest_growth
from govmetrics.errors import AnalysisError


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return seeds()


def test_xianning_2022_gdp_behind_and_required_growth(gold):
    facts = select(gold, region="咸宁市", year=2022, indicator="gdp")
    pc = pace(facts)
    assert len(pc) == 1  # the growth actual pairs with the growth target
    row = pc.iloc[0]
    assert row["measure"] == "growth_pct" and row["period_end"] == 9
    assert row["gap"] == pytest.approx(-3.6)
    assert row["status"] == "behind"
    assert row["share_source"] == "even" and row["share"] == 0.75
    expected = ((1.08 - 0.75 * 1.044) / 0.25 - 1) * 100
    assert abs(row["required_rest_pct"] - expected) < 1e-9
    assert row["required_rest_pct"] == pytest.approx(18.8)
    assert row["elapsed_pct"] == 75


def test_xianning_2022_jobs_ahead(gold):
    facts = select(gold, region="咸宁市", year=2022, indicator="new_urban_jobs")
    row = pace(facts).iloc[0]
    assert round(row["completion_pct"], 1) == 83.9
    assert row["completion_reported"] == 83.9
    assert row["elapsed_pct"] == 75
    assert round(row["pace"], 2) == 1.12
    assert row["status"] == "ahead"
    assert np.isnan(row["required_rest_pct"]) and np.isnan(row["gap"])


def test_chibi_2021_budget_revenue(gold):
    facts = select(gold, region="赤壁市", year=2021, indicator="general_budget_revenue")
    pc = pace(facts)
    row = pc.loc[pc["measure"] == "level"].iloc[0]
    assert round(row["completion_pct"], 1) == 62.1
    assert row["completion_reported"] == 62.1
    assert row["elapsed_pct"] == 50
    assert round(row["pace"], 2) == 1.24
    assert row["status"] == "ahead"


def test_unemployment_rate_judged_by_gap(gold):
    facts = select(gold, region="咸宁市", year=2018, indicator="registered_unemployment_rate")
    row = pace(facts).iloc[0]
    assert row["direction"] == "lower_is_better"
    assert row["gap"] == pytest.approx(2.42)
    assert row["status"] == "ahead"
    assert np.isnan(row["pace"]) and np.isnan(row["required_rest_pct"])


def test_whole_seed_table_runs(gold):
    pc = pace(gold)
    assert (pc["period_end"] < 12).all()
    assert set(pc["status"].dropna()) <= {"ahead", "on_pace", "behind", "no_basis"}


def test_elapsed_bases(gold):
    facts = select(gold, region="赤壁市", year=2021, indicator="fixed_asset_investment")
    month = pace(facts).set_index("period_end")["elapsed_pct"]
    quarter = pace(facts, basis="quarter").set_index("period_end")["elapsed_pct"]
    day = pace(facts, basis="day").set_index("period_end")["elapsed_pct"]
    assert month[5] == pytest.approx(100 * 5 / 12)
    assert quarter[5] == 50 and quarter[6] == 50
    assert day[6] == pytest.approx(100 * 181 / 365)  # 2021 is not a leap year
    with pytest.raises(AnalysisError):
        pace(facts, basis="week")


def test_leap_year_day_basis():
    f = pd.DataFrame({"region": ["甲"] * 2, "year": [2024] * 2, "indicator": ["gdp"] * 2,
                      "role": ["target", "actual"], "period_end": [12, 2],
                      "measure": ["growth_pct"] * 2, "value": [5.0, 5.0]})
    assert pace(f, basis="day")["elapsed_pct"].iloc[0] == pytest.approx(100 * 60 / 366)


def _growth_with_history(prev_ytd=300.0, prev_full=1000.0):
    return pd.DataFrame({
        "region": ["甲"] * 5, "year": [2022, 2022, 2023, 2023, 2023],
        "indicator": ["retail_sales"] * 5,
        "role": ["actual", "actual", "target", "actual", "actual"],
        "period_end": [6, 12, 12, 6, 6],
        "measure": ["level", "level", "growth_pct", "growth_pct", "level"],
        "value": [prev_ytd, prev_full, 10.0, 4.0, prev_ytd * 1.04]})


def test_share_from_data_and_profile():
    row = pace(_growth_with_history()).iloc[0]
    assert row["share_source"] == "data" and row["share"] == pytest.approx(0.3)
    assert row["required_rest_pct"] == pytest.approx(((1.10 - 0.3 * 1.04) / 0.7 - 1) * 100)
    # without last year's figures: the profile, then even months
    f = _growth_with_history().iloc[2:]
    assert pace(f).iloc[0]["share_source"] == "even"
    prof = pace(f, seasonal={6: 0.4}).iloc[0]
    assert prof["share_source"] == "profile" and prof["share"] == 0.4
    per_ind = pd.DataFrame({"indicator": ["retail_sales"], "period_end": [6], "share": [0.45]})
    assert pace(f, seasonal=per_ind).iloc[0]["share"] == 0.45


def test_level_status_band():
    def at(actual):
        f = pd.DataFrame({"region": ["甲"] * 2, "year": [2023] * 2,
                          "indicator": ["new_urban_jobs"] * 2, "role": ["target", "actual"],
                          "period_end": [12, 6], "measure": ["level"] * 2,
                          "value": [1000.0, actual]})
        return pace(f).iloc[0]["status"]
    assert at(500) == "on_pace"
    assert at(509) == "on_pace"
    assert at(511) == "ahead"
    assert at(489) == "behind"


# -- properties ------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(target=st.floats(1.0, 1e9), month=st.integers(1, 11))
def test_pace_is_one_when_completion_equals_elapsed(target, month):
    f = pd.DataFrame({"region": ["甲"] * 2, "year": [2023] * 2,
                      "indicator": ["new_urban_jobs"] * 2, "role": ["target", "actual"],
                      "period_end": [12, month], "measure": ["level"] * 2,
                      "value": [target, target * month / 12]})
    row = pace(f).iloc[0]
    assert row["pace"] == pytest.approx(1.0, rel=1e-12)
    assert row["status"] == "on_pace"


@settings(max_examples=300, deadline=None)
@given(t=st.floats(-20, 50), s=st.floats(0.01, 0.99))
def test_required_rest_reproduces_target(t, s):
    assert float(required_rest_growth(t, t, s)) == pytest.approx(t, abs=1e-8)


@settings(max_examples=200, deadline=None)
@given(t=st.floats(-20, 50), g=st.floats(-50, 100), s=st.floats(0.01, 0.99))
def test_required_rest_makes_the_year_add_up(t, g, s):
    r = float(required_rest_growth(t, g, s))
    total = s * (1 + g / 100) + (1 - s) * (1 + r / 100)
    assert total == pytest.approx(1 + t / 100, rel=1e-9, abs=1e-9)
