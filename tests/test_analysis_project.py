"""Year-end projections: linear, seasonal and pooled regression."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _seed_facts import seeds, select

from govmetrics import YearEndProjector, project
from govmetrics.errors import AnalysisError

COLUMNS = ["region", "region_code", "year", "indicator", "measure", "period_end", "actual",
           "projection", "lower", "upper", "target", "prob_meet", "method", "n_fit"]


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return seeds()


def panel(n_regions=12, years=(2019, 2020, 2021), slope=1.5, intercept=2.0, noise=0.3,
          horizon=6, seed=0) -> pd.DataFrame:
    """Synthetic growth panel: full-year = intercept + slope * year-to-date + noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for r in range(n_regions):
        for y in years:
            ytd = rng.uniform(2, 12)
            full = intercept + slope * ytd + rng.normal(0, noise)
            reg = f"R{r:02d}"
            rows += [(reg, y, "actual", horizon, ytd), (reg, y, "actual", 12, full),
                     (reg, y, "target", 12, 10.0)]
    df = pd.DataFrame(rows, columns=["region", "year", "role", "period_end", "value"])
    df["indicator"] = "gdp"
    df["measure"] = "growth_pct"
    return df


def test_linear_on_seeds(gold):
    out = project(gold)
    assert set(COLUMNS) <= set(out.columns)
    jobs = out.loc[(out["indicator"] == "new_urban_jobs") & (out["year"] == 2022)].iloc[0]
    assert jobs["projection"] == pytest.approx(31048 / 0.75)
    assert jobs["target"] == 37000
    gdp = out.loc[(out["indicator"] == "gdp") & (out["year"] == 2022)
                  & (out["measure"] == "growth_pct")].iloc[0]
    assert gdp["projection"] == 4.4  # growth rates are carried forward
    # no history in the seeds: no interval, no probability (nothing invented)
    assert out["lower"].isna().all() and out["prob_meet"].isna().all()
    assert (out["n_fit"] == 0).all() and (out["method"] == "linear").all()


def test_seasonal_profile(gold):
    facts = select(gold, region="咸宁市", year=2022, indicator="new_urban_jobs")
    out = project(facts, method="seasonal", seasonal={9: 0.8})
    assert out["projection"].iloc[0] == pytest.approx(31048 / 0.8)
    out = project(facts, method="seasonal")  # no profile and no history: even months
    assert out["projection"].iloc[0] == pytest.approx(31048 / 0.75)


def test_regression_recovers_slope():
    facts = panel(n_regions=30, noise=0.1)
    proj = YearEndProjector(method="regression", level=0.9).fit(facts)
    summ = proj.summary()
    row = summ.iloc[0]
    assert row["n"] == 90
    assert row["slope"] == pytest.approx(1.5, abs=0.03)
    assert row["intercept"] == pytest.approx(2.0, abs=0.3)
    assert row["r2"] > 0.99
    out = proj.predict(facts)
    assert len(out) == 90 and (out["n_fit"] == 90).all()
    assert ((out["lower"] < out["projection"]) & (out["projection"] < out["upper"])).all()
    assert out["prob_meet"].between(0, 1).all()
    # prob_meet is monotone in the projection
    o = out.sort_values("projection")
    assert o["prob_meet"].is_monotonic_increasing
    pd.testing.assert_frame_equal(out, project(facts, method="regression"))


def test_regression_needs_eight_region_years():
    facts = panel(n_regions=2, years=(2020, 2021, 2022))  # 6 region-years
    with pytest.raises(AnalysisError, match=r"'gdp'.*period_end=6 has 6"):
        project(facts, method="regression")
    proj = YearEndProjector(method="regression").fit(facts)
    assert np.isnan(proj.summary()["slope"].iloc[0])


def test_linear_interval_from_history():
    facts = panel(n_regions=4, years=(2019, 2020))  # 8 region-years: enough
    out = project(facts, method="linear", level=0.8)
    assert (out["n_fit"] == 8).all()
    assert (out["upper"] > out["lower"]).all()
    assert out["prob_meet"].between(0, 1).all()
    few = panel(n_regions=7, years=(2019,))
    out = project(few)
    assert out["lower"].isna().all() and out["prob_meet"].isna().all()


def test_bad_arguments():
    with pytest.raises(AnalysisError):
        YearEndProjector(method="magic")
    with pytest.raises(AnalysisError):
        YearEndProjector(level=1.5)
    with pytest.raises(AnalysisError):
        YearEndProjector().predict(panel())
