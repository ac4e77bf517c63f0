"""Pooled projection intervals: horizon scaling, pooling order, region-year rule, coverage.

Synthetic panels with a known truth: the full-year value is the year-to-date
value plus the surprise of the months still to come, scaled by their weight,
``full = ytd + w(m) * d`` with ``w(m) = (12 - m) / 12`` and ``d ~ N(0, sigma)``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from govmetrics import YearEndProjector, project
from govmetrics.analysis import MIN_REGION_YEARS

INDICATORS = ["gdp", "retail_sales", "exports", "fixed_asset_investment", "cpi"]


def gaps_panel(n_ry: int, *, indicators=INDICATORS, horizons=(3, 6, 9), per_ry=None,
               sigma=2.0, rho=0.0, measure="growth_pct", seed=0, start=0) -> pd.DataFrame:
    """Year-to-date and full-year actuals of ``n_ry`` region-years.

    Region-year ``k`` reports at horizon ``horizons[k % len]``, ``per_ry``
    indicators (all when None, else a rotating subset). ``rho`` is the share
    of the variance of ``d`` common to the indicators of one region-year.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(start, start + n_ry):
        region, year, m = f"R{k // 4:03d}", 2010 + k % 4, horizons[k % len(horizons)]
        names = indicators if per_ry is None else \
            [indicators[(k * per_ry + j) % len(indicators)] for j in range(per_ry)]
        shock = rng.normal()
        for ind in names:
            d = sigma * (np.sqrt(rho) * shock + np.sqrt(1 - rho) * rng.normal())
            ytd = rng.uniform(0.8, 1.2) if measure == "level" else rng.uniform(2, 12)
            full = ytd * 12 / m * (1 + (12 - m) / 12 * d / 10) if measure == "level" else \
                ytd + (12 - m) / 12 * d
            rows += [(region, year, ind, m, ytd), (region, year, ind, 12, full)]
    df = pd.DataFrame(rows, columns=["region", "year", "indicator", "period_end", "value"])
    return df.assign(role="actual", measure=measure)


def covered(train: pd.DataFrame, test: pd.DataFrame, level: float = 0.9) -> pd.DataFrame:
    """Projections of the year-to-date rows of ``test`` and whether the truth is inside."""
    out = YearEndProjector(level=level).fit(train).predict(test[test["period_end"] < 12])
    full = test[test["period_end"] == 12][["region", "year", "indicator", "value"]]
    out = out.merge(full.astype({"region": "string", "indicator": "string",
                                 "year": "Int64"}), on=["region", "year", "indicator"])
    return out.assign(inside=(out["lower"] <= out["value"]) & (out["value"] <= out["upper"]))


def test_measure_pool_when_no_indicator_has_enough_region_years():
    # 10 region-years, 2 indicators each: every indicator has 4, the measure 10
    train = gaps_panel(10, per_ry=2)
    proj = YearEndProjector().fit(train)
    pools = proj.pools()
    assert not pools.loc[pools["interval_method"] != "measure_pooled", "usable"].any()
    meas = pools[pools["interval_method"] == "measure_pooled"].iloc[0]
    assert (meas["n"], meas["n_region_years"], meas["usable"]) == (20, 10, True)
    out = proj.predict(train)
    assert (out["interval_method"] == "measure_pooled").all()
    assert (out["n_fit"] == 20).all() and (out["n_region_years"] == 10).all()
    assert (out["lower"] < out["projection"]).all() and (out["projection"] < out["upper"]).all()


def test_half_width_scales_with_the_months_to_come():
    out = project(gaps_panel(12, per_ry=2, horizons=(3, 9)))
    half = (out["upper"] - out["lower"]).groupby(out["period_end"]).agg(["min", "max"]) / 2
    # one pooled RMSE, so one half-width per horizon, in the ratio w(3) / w(9) = 3
    assert half["max"].to_numpy() == pytest.approx(half["min"].to_numpy())
    assert half.loc[3, "min"] / half.loc[9, "min"] == pytest.approx(3.0)


def test_pooling_order_prefers_the_narrowest_pool():
    # gdp: 9 region-years at horizon 6 (same_horizon); retail_sales: 9 region-years spread
    # over horizons 3, 6, 9 (indicator_pooled); cpi: 3 region-years (measure_pooled)
    gdp = gaps_panel(9, indicators=["gdp"], horizons=(6,))
    retail = gaps_panel(9, indicators=["retail_sales"], seed=1, start=40)
    cpi = gaps_panel(3, indicators=["cpi"], seed=2, start=80)
    out = project(pd.concat([gdp, retail, cpi], ignore_index=True))
    how = out.groupby("indicator", observed=True)["interval_method"].agg(set)
    assert how["gdp"] == {"same_horizon"}
    assert how["retail_sales"] == {"indicator_pooled"}
    assert how["cpi"] == {"measure_pooled"}
    assert set(out.loc[out["indicator"] == "cpi", "n_region_years"]) == {21}


def test_gaps_of_one_region_year_count_once():
    # 2 region-years x 5 indicators = 10 gaps, but only 2 independent region-years
    out = project(gaps_panel(2))
    assert (out["interval_method"] == "none").all()
    assert out["lower"].isna().all() and out["prob_meet"].isna().all()
    assert (out["n_fit"] == 10).all() and (out["n_region_years"] == 2).all()
    assert MIN_REGION_YEARS > 2


def test_levels_are_not_pooled_across_indicators():
    # 8 region-years of levels, 2 indicators of 4 region-years each: no level pool
    out = project(gaps_panel(8, per_ry=1, indicators=["gdp", "retail_sales"],
                             measure="level"))
    assert (out["interval_method"] == "none").all() and out["upper"].isna().all()
    assert (out["n_region_years"] == 4).all()
    # the same figures as growth rates pool across the two indicators
    out = project(gaps_panel(8, per_ry=1, indicators=["gdp", "retail_sales"]))
    assert (out["interval_method"] == "measure_pooled").all() and out["upper"].notna().all()


def test_pooled_level_interval_is_relative():
    out = project(gaps_panel(9, indicators=["gdp"], measure="level"))
    assert (out["interval_method"] == "indicator_pooled").all()
    rel = (out["upper"] / out["projection"] - 1).groupby(out["period_end"]).first()
    assert rel[3] / rel[9] == pytest.approx(3.0)
    assert ((out["projection"] - out["lower"]) / out["projection"]).to_numpy() == \
        pytest.approx(rel.reindex(out["period_end"]).to_numpy())


@pytest.mark.parametrize("rho", [0.0, 0.8])
def test_pooled_interval_coverage_at_small_samples(rho):
    # 60 replications: fit on 10 region-years (2 indicators each), cover new region-years
    rows = []
    for rep in range(60):
        train = gaps_panel(10, per_ry=2, rho=rho, seed=rep)
        test = gaps_panel(9, per_ry=3, rho=rho, seed=10_000 + rep, start=100)
        rows.append(covered(train, test))
    out = pd.concat(rows, ignore_index=True)
    assert (out["interval_method"] == "measure_pooled").all()
    assert len(out) == 60 * 27
    # nominal 0.9; the t quantile on region-years (not gaps) errs on the wide side
    assert 0.87 <= out["inside"].mean() <= 0.96
    # the horizon scaling holds at every horizon (without it, m=3 under-covers)
    by_m = out.groupby("period_end")["inside"].mean()
    assert by_m.between(0.85, 0.97).all()


def test_unscaled_pool_would_fail_the_coverage_check():
    """The coverage check above can fail: a pool that ignores the horizon misses at m=3."""
    many = [f"i{j:03d}" for j in range(100)]  # 4 region-years each: the measure pool
    train = gaps_panel(200, indicators=many, per_ry=2, seed=7)
    test = gaps_panel(300, indicators=many, per_ry=2, seed=8, start=1000)
    out = covered(train, test)
    assert (out["interval_method"] == "measure_pooled").all()
    full = test[test["period_end"] == 12]["value"].to_numpy()
    ytd = test[test["period_end"] < 12]
    gap = full - ytd["value"].to_numpy()
    r = np.sqrt(np.mean(gap ** 2))  # one RMSE for every horizon
    inside_unscaled = pd.Series(np.abs(gap) <= 1.645 * r).groupby(
        ytd["period_end"].to_numpy()).mean()
    assert inside_unscaled[3] < 0.82 and inside_unscaled[9] > 0.98
    # the scaled pool covers at every horizon (200 rows each: +-3 standard errors)
    by_m = out.groupby("period_end")["inside"].agg(["mean", "size"])
    assert (by_m["size"] == 200).all()
    assert by_m["mean"].between(0.84, 0.96).all()


def test_prob_meet_uses_the_pooled_spread():
    train = gaps_panel(10, per_ry=2)
    ytd = pd.DataFrame({"region": ["X"] * 4, "year": [2030] * 4, "indicator": ["gdp"] * 4,
                        "role": ["actual", "target"] * 2, "period_end": [3, 12, 9, 12],
                        "measure": "growth_pct", "value": [6.0, 6.0, 6.0, 6.0]})
    ytd.loc[2:, "indicator"] = "retail_sales"
    out = YearEndProjector().fit(train).predict(ytd)
    # projection equals the target: even odds at any horizon
    assert out["prob_meet"].to_numpy() == pytest.approx([0.5, 0.5])
    ytd.loc[[1, 3], "value"] = 5.0
    out = YearEndProjector().fit(train).predict(ytd).set_index("period_end")
    # one point above the target is safer with 3 months to go than with 9
    assert 0.5 < out.loc[3, "prob_meet"] < out.loc[9, "prob_meet"] < 1
