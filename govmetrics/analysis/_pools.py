r"""Error pools behind the intervals of linear and seasonal year-end projections.

Nothing here is public API. A *gap* is the error of one projection whose
full-year value is known: :math:`e = Y/\hat Y - 1` for levels, :math:`e =
Y - \hat Y` (percentage points) otherwise. Gaps are pooled three ways, tried
in this order for a projection of indicator :math:`i`, measure :math:`k` and
horizon :math:`m` (the year-to-date figure covers months 1..m):

``same_horizon``
    gaps of :math:`(i, k, m)`, unscaled.
``indicator_pooled``
    gaps of :math:`(i, k)` at every horizon, each divided by the weight of
    the months still to come, :math:`d = e / w(m')`, :math:`w(m) = (12-m)/12`.
``measure_pooled``
    scaled gaps :math:`d` of every indicator of measure :math:`k`, for the
    measures of :data:`POOLED_MEASURES` only.

Why the scaling: with last year's cumulative share :math:`s \approx m/12`,
a full-year growth rate is
:math:`1+g_{12} = s(1+g_m) + (1-s)(1+g_{\text{rest}})`, so
:math:`g_{12} - g_m = w(m)\,(g_{\text{rest}} - g_m)`; for a level projected
by :math:`A_m \cdot 12/m`, :math:`Y/\hat Y - 1 = w(m)\,u` with :math:`u` the
relative difference between the monthly average of the remaining months and
of the elapsed ones. The scaled gap :math:`d` is the surprise of the months
still to come, which is assumed to share one distribution across horizons
(and, when pooled by measure, across indicators). The half-width at horizon
:math:`m` is then :math:`q\,r\,w(m)`, with :math:`r` the RMSE of :math:`d`.

A pool gives an interval only when its gaps come from at least
:data:`MIN_REGION_YEARS` distinct region-years: gaps of several indicators of
one region-year share that region-year's shocks and are not independent
draws, so they are counted once, and the t quantile takes the number of
region-years as its degrees of freedom (a wider interval than the number of
gaps would give).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Fewest distinct region-years (each with both a year-to-date and a
#: full-year actual) behind a regression or an interval.
MIN_REGION_YEARS = 8

#: Measures whose scaled gaps are pooled across indicators: cumulative
#: year-on-year growth rates of any indicator are in percentage points of the
#: same kind of quantity. Levels (seasonal patterns differ by indicator) and
#: rates (unemployment, urbanisation: unrelated quantities) are not pooled
#: across indicators.
POOLED_MEASURES = ("growth_pct",)

#: Pools in the order they are tried; ``none`` when no pool is large enough.
INTERVAL_METHODS = ("same_horizon", "indicator_pooled", "measure_pooled", "none")

POOL_COLUMNS = ["interval_method", "indicator", "measure", "period_end", "n",
                "n_region_years", "rmse", "usable"]


def remaining_weight(period_end) -> np.ndarray:
    """Weight of the months still to come, :math:`w(m) = (12 - m)/12`."""
    return (12.0 - np.asarray(period_end, dtype="float64")) / 12.0


def _pool_rows(g: pd.DataFrame, method: str, keys: dict, col: str) -> dict:
    v = g[col].to_numpy(dtype="float64")
    n_ry = int(g["region_year"].nunique())
    return dict(interval_method=method, indicator=keys.get("indicator"),
                measure=keys["measure"], period_end=keys.get("period_end"), n=len(v),
                n_region_years=n_ry, rmse=float(np.sqrt(np.mean(v ** 2))) if len(v) else np.nan,
                usable=n_ry >= MIN_REGION_YEARS)


def error_pools(gaps: pd.DataFrame) -> pd.DataFrame:
    """One row per pool of projection gaps.

    Parameters
    ----------
    gaps : pandas.DataFrame
        Columns indicator, measure, period_end (horizon, 1-11), region_year
        (any hashable id of the region-year) and e (the gap, finite).

    Returns
    -------
    pandas.DataFrame
        Columns interval_method (``same_horizon``, ``indicator_pooled`` or
        ``measure_pooled``), indicator (None for measure pools), measure,
        period_end (None for pooled rows), n (gaps), n_region_years (distinct
        region-years), rmse (:math:`\\sqrt{\\sum e^2/n}` for
        ``same_horizon``, of the scaled gaps :math:`d = e/w(m)` otherwise) and
        usable (``n_region_years >= MIN_REGION_YEARS``).
    """
    g = gaps.assign(d=gaps["e"].to_numpy(dtype="float64")
                    / remaining_weight(gaps["period_end"]))
    rows = []
    for (ind, meas, pe), sub in g.groupby(["indicator", "measure", "period_end"], sort=True):
        rows.append(_pool_rows(sub, "same_horizon",
                               {"indicator": ind, "measure": meas, "period_end": int(pe)}, "e"))
    for (ind, meas), sub in g.groupby(["indicator", "measure"], sort=True):
        rows.append(_pool_rows(sub, "indicator_pooled", {"indicator": ind, "measure": meas}, "d"))
    for meas, sub in g.groupby("measure", sort=True):
        if meas in POOLED_MEASURES:
            rows.append(_pool_rows(sub, "measure_pooled", {"measure": meas}, "d"))
    return pd.DataFrame(rows, columns=POOL_COLUMNS)


def pool_index(pools: pd.DataFrame) -> dict[tuple, tuple[int, int, float, bool]]:
    """``(interval_method, indicator, measure, period_end)`` -> (n, n_region_years, rmse, usable).

    The keys of pooled rows hold None for the levels that are pooled over.
    """
    keys = zip(pools["interval_method"], pools["indicator"], pools["measure"],
               pools["period_end"])
    vals = zip(pools["n"], pools["n_region_years"], pools["rmse"], pools["usable"])
    return {(how, None if pd.isna(i) else i, k, None if pd.isna(m) else int(m)):
            (int(n), int(nr), float(r), bool(u))
            for (how, i, k, m), (n, nr, r, u) in zip(keys, vals)}


def choose_pool(index: dict, indicator: str, measure: str, period_end: int
                ) -> tuple[str, int, int, float]:
    """The first usable pool for one projection key (``index`` from :func:`pool_index`).

    Returns (interval_method, n, n_region_years, r) with ``r`` the RMSE in
    units of the gap at horizon ``period_end`` (:math:`r\\,w(m)` for the
    pooled rows). Without a usable pool: ``("none", n, n_region_years, nan)``
    with the counts of the widest pool that exists for the key (0, 0 when none).
    """
    widest = (0, 0)
    for key in (("same_horizon", indicator, measure, int(period_end)),
                ("indicator_pooled", indicator, measure, None),
                ("measure_pooled", None, measure, None)):
        hit = index.get(key)
        if hit is None:
            continue
        n, n_ry, rmse, usable = hit
        widest = (n, n_ry)
        if usable:
            w = 1.0 if key[0] == "same_horizon" else float(remaining_weight(period_end))
            return key[0], n, n_ry, rmse * w
    return "none", widest[0], widest[1], np.nan
