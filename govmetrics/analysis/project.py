"""Year-end projections of year-to-date actuals, with honest uncertainty."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ._common import JUDGED_MEASURES, Facts, as_float, code_for, lookup, seasonal_share
from ._judge import Judgement, judge
from ._pairs import base_columns, labels, pair_facts
from ._pools import (
    INTERVAL_METHODS,
    MIN_REGION_YEARS,
    POOL_COLUMNS,
    choose_pool,
    error_pools,
    pool_index,
)

METHODS = ("linear", "seasonal", "regression")

PROJECT_COLUMNS = [
    "region", "region_code", "year", "indicator", "measure", "period_end", "actual",
    "projection", "lower", "upper", "target", "direction", "prob_meet", "method", "n_fit",
    "share", "interval_method", "n_region_years",
]

SUMMARY_COLUMNS = [
    "indicator", "measure", "period_end", "method", "n", "intercept", "slope", "r2",
    "resid_sd", "rmse", "share",
]

_GROUP = ["indicator", "measure", "period_end"]

#: Labels of the ``interval_method`` column.
_INTERVAL_METHODS = (*INTERVAL_METHODS, "regression")


def _history(F: Facts) -> pd.DataFrame:
    """Region-years having both a year-to-date and a full-year actual.

    Columns: indicator, measure, period_end (the horizon), region_year (an
    integer id of the region-year), ytd, full.
    """
    judged = np.isin(F.measure, [code_for(F.measure_names, m) for m in JUDGED_MEASURES])
    pos = np.flatnonzero(F.is_actual & judged & ~np.isnan(F.value) & ~np.isnan(F.period_end))
    k, pos = F.dedupe(pos, F.pair_key(pos) * 13 + F.month_at(pos))
    is_full = F.period_end[pos] == 12
    fk, fpos = k[is_full] // 13, pos[is_full]
    ypos = pos[~is_full]
    hit = lookup(F.pair_key(ypos), fk)
    ypos, fpos = ypos[hit >= 0], fpos[hit[hit >= 0]]
    return pd.DataFrame({
        "indicator": F.indicator_names[F.indicator[ypos]].astype(object),
        "measure": F.measure_names[F.measure[ypos]].astype(object),
        "period_end": F.month_at(ypos),
        "region_year": F.region[ypos] * F.year_span + F.year_key_at(ypos),
        "ytd": F.value[ypos],
        "full": F.value[fpos],
    })


class YearEndProjector:
    r"""Project year-to-date actuals to the full year.

    Methods (:math:`A_m` the year-to-date actual at month :math:`m`):

    ``linear``
        Levels: :math:`\hat Y = A_m / (m/12)`. Growth rates and rates are
        carried forward unchanged, :math:`\hat Y = A_m` (a cumulative
        year-to-date growth rate is already the best naive estimate of the
        full-year rate; extrapolating it would double-count).
    ``seasonal``
        Levels: :math:`\hat Y = A_m / S_m`, :math:`S_m` the cumulative
        seasonal share of month :math:`m`: from ``seasonal`` when given
        (dict ``{month: share}`` or DataFrame indicator, period_end, share),
        otherwise the median of year-to-date / full-year level over the
        region-years of the fitted table, otherwise even months (m/12).
        Growth rates and rates: carried forward as in ``linear``.
    ``regression``
        Pooled OLS per (indicator, measure, horizon :math:`m`) fitted on the
        region-years that have both figures:
        :math:`Y_{\text{full}} = \alpha + \beta A_m + \varepsilon`
        (statsmodels). The interval is the observation interval of
        ``get_prediction(...).summary_frame(alpha=1-level)``
        (``obs_ci_lower``, ``obs_ci_upper``) and
        :math:`P(\text{meet}) = 1 - F_{t,\,n-2}((T-\hat Y)/se_{obs})`
        (:math:`F_{t,n-2}(\cdot)` for lower_is_better targets), with
        :math:`se_{obs}^2 = se_{mean}^2 + \hat\sigma^2`.

    Intervals of ``linear`` and ``seasonal`` come from the historical
    projection errors of the same method in the fitted table (in-sample):
    relative errors :math:`e = Y/\hat Y - 1` for levels, absolute errors
    :math:`e = Y - \hat Y` (percentage points) otherwise. The errors are
    pooled in the first of three ways that has at least
    :data:`MIN_REGION_YEARS` (8) distinct region-years, named in the
    ``interval_method`` column:

    ``same_horizon``
        the errors of the same indicator, measure and horizon :math:`m`;
        :math:`r = \sqrt{\sum e^2 / n}` (RMSE, so bias widens the band).
    ``indicator_pooled``
        the errors of the same indicator and measure at every horizon
        :math:`m'`, each divided by the weight of the months still to come,
        :math:`d = e / w(m')` with :math:`w(m) = (12-m)/12`;
        :math:`r = w(m)\sqrt{\sum d^2 / n}`.
    ``measure_pooled``
        the scaled errors :math:`d` of every indicator of the same measure,
        for growth rates only (year-on-year growth of
        any indicator is in percentage points); same :math:`r`.

    The scaling follows from the accounting identity
    :math:`g_{12} - g_m = (1-s)(g_{\text{rest}} - g_m)`, :math:`s \approx
    m/12` last year's cumulative share (and
    :math:`Y/\hat Y - 1 = w(m)\,u` for levels, :math:`u` the relative
    surprise of the remaining months): :math:`d` is the surprise of the
    months still to come, assumed to share one distribution across horizons
    and, when pooled by measure, across indicators (a volatile indicator
    such as exports then gets too narrow a band and a steady one such as
    GDP too wide a band; ``pools()`` shows each pool). With
    :math:`\nu` the number of distinct region-years in the pool (errors of
    several indicators of one region-year share its shocks, so they count
    once) and :math:`q = F^{-1}_{t,\nu}((1+\text{level})/2)`: levels
    :math:`[\hat Y(1-qr),\ \hat Y(1+qr)]`, otherwise :math:`\hat Y \pm q r`;
    ``prob_meet`` treats :math:`e/r` as :math:`t_\nu`. Without a pool of 8
    region-years the interval and prob_meet are NaN and ``interval_method``
    is ``none`` (no uncertainty is invented). Regression with fewer than 8
    region-years in its group raises :class:`govmetrics.errors.AnalysisError`.

    Parameters
    ----------
    method : {"linear", "seasonal", "regression"}
        Projection method (see above).
    level : float
        Coverage of the prediction interval, in (0, 1).
    seasonal : dict or pandas.DataFrame, optional
        Cumulative seasonal shares for ``method="seasonal"``.

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["咸宁市"] * 2, "year": [2022] * 2,
    ...     "indicator": ["new_urban_jobs"] * 2, "role": ["target", "actual"],
    ...     "period_end": [12, 9], "measure": ["level"] * 2,
    ...     "value": [37000.0, 31048.0]})
    >>> out = YearEndProjector("linear").fit(facts).predict(facts)
    >>> round(out["projection"].iloc[0])
    41397
    """

    def __init__(self, method: str = "linear", level: float = 0.9, seasonal=None) -> None:
        if method not in METHODS:
            raise AnalysisError(f"method must be one of {METHODS}, not {method!r}")
        if not 0 < float(level) < 1:
            raise AnalysisError(f"level must be in (0, 1), got {level!r}")
        self.method = method
        self.level = float(level)
        self.seasonal = seasonal
        self._summary: pd.DataFrame | None = None
        self._models: dict[tuple, object] = {}
        self._shares: pd.DataFrame | None = None
        self._pools = pd.DataFrame(columns=POOL_COLUMNS)

    # -- helpers -----------------------------------------------------------------
    def _share_for(self, rows: pd.DataFrame) -> np.ndarray:
        """Cumulative share used by the level projection of each row."""
        m = as_float(rows["period_end"]) / 12.0
        if self.method != "seasonal":
            return m
        if self.seasonal is not None:
            return seasonal_share(rows["indicator"], rows["period_end"], self.seasonal)[0]
        if self._shares is None or self._shares.empty:
            return m
        left = pd.DataFrame({"indicator": np.asarray(rows["indicator"], dtype=object),
                             "period_end": as_float(rows["period_end"])})
        s = as_float(left.merge(self._shares, on=["indicator", "period_end"],
                                how="left")["share"])
        return np.where(np.isnan(s), m, s)

    def _naive(self, rows: pd.DataFrame, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        share = self._share_for(rows)
        is_level = np.asarray(rows["measure"], dtype=object) == "level"
        with np.errstate(divide="ignore", invalid="ignore"):
            proj = np.where(is_level, values / share, values)
        return proj, np.where(is_level, share, np.nan)

    # -- API -----------------------------------------------------------------------
    def fit(self, facts: pd.DataFrame) -> YearEndProjector:
        """Learn shares, historical errors or regressions from ``facts``; returns self."""
        h = _history(Facts(facts, "YearEndProjector.fit"))
        if self.method == "seasonal" and self.seasonal is None:
            lv = h.loc[h["measure"] == "level"]
            with np.errstate(divide="ignore", invalid="ignore"):
                r = lv["ytd"] / lv["full"]
            lv = lv.assign(share=r).loc[(r > 0) & (r <= 1)]
            self._shares = (lv.groupby(["indicator", "period_end"], as_index=False)["share"]
                            .median().astype({"period_end": "float64"}))
        self._pools = pd.DataFrame(columns=POOL_COLUMNS)
        if self.method != "regression":
            proj, share = self._naive(h, h["ytd"].to_numpy(float))
            full = h["full"].to_numpy(float)
            with np.errstate(divide="ignore", invalid="ignore"):
                err = np.where(h["measure"].to_numpy(dtype=object) == "level",
                               full / proj - 1.0, full - proj)
            h = h.assign(e=err, share=share)
            self._pools = error_pools(h.loc[np.isfinite(err)])
        rows = []
        self._models = {}
        for key, g in h.groupby(_GROUP, sort=True):
            n = len(g)
            rec = dict(zip(_GROUP, key), method=self.method, n=n, intercept=np.nan,
                       slope=np.nan, r2=np.nan, resid_sd=np.nan, rmse=np.nan, share=np.nan)
            if self.method == "regression":
                if n >= MIN_REGION_YEARS:
                    import statsmodels.api as sm

                    res = sm.OLS(g["full"].to_numpy(float),
                                 sm.add_constant(g["ytd"].to_numpy(float), has_constant="add")
                                 ).fit()
                    self._models[key] = res
                    rec.update(intercept=res.params[0], slope=res.params[1],
                               r2=res.rsquared, resid_sd=float(np.sqrt(res.scale)))
            else:
                err = g["e"].to_numpy(float)
                err = err[np.isfinite(err)]
                rec["n"] = len(err)
                if len(err) >= MIN_REGION_YEARS:
                    rec["rmse"] = float(np.sqrt(np.mean(err ** 2)))
                rec["share"] = float(g["share"].iloc[0])
            rows.append(rec)
        self._summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
        return self

    def summary(self) -> pd.DataFrame:
        """Per (indicator, measure, horizon): n, intercept, slope, r2, resid_sd, rmse, share.

        ``intercept``/``slope``/``r2``/``resid_sd`` are filled for the
        regression method (groups with at least 8 region-years); ``rmse`` (of
        relative errors for levels, percentage points otherwise) for linear and
        seasonal; ``share`` is the cumulative share used for levels.
        """
        if self._summary is None:
            raise AnalysisError("YearEndProjector: call fit() before summary()")
        return self._summary.copy()

    def pools(self) -> pd.DataFrame:
        """The pools of projection errors behind the intervals (linear and seasonal).

        One row per pool: interval_method (``same_horizon`` for one
        indicator, measure and horizon; ``indicator_pooled`` for one indicator
        and measure over every horizon; ``measure_pooled`` for every indicator
        of measure growth_pct, the one measure pooled across indicators),
        indicator (None for measure pools), measure, period_end (None for pooled rows), n (errors),
        n_region_years (distinct region-years among them), rmse (of the errors
        for ``same_horizon``, of the horizon-scaled errors
        :math:`d = e/w(m)`, :math:`w(m) = (12-m)/12`, otherwise) and usable
        (``n_region_years >= MIN_REGION_YEARS``). Empty for the regression
        method.
        """
        if self._summary is None:
            raise AnalysisError("YearEndProjector: call fit() before pools()")
        return self._pools.copy()

    def predict(self, facts: pd.DataFrame) -> pd.DataFrame:
        """Project every year-to-date actual of ``facts`` (see the class docstring).

        Returns one row per year-to-date actual (measure level, growth_pct or
        rate) with columns region, region_code, year, indicator, measure,
        period_end, actual, projection, lower, upper, target (effective
        target of the same region-year-indicator-measure, first one when
        there are several), direction, prob_meet (probability that the year-end
        value reaches the target: :math:`\\ge T`, or :math:`\\le T` for
        lower_is_better), method, n_fit (region-years behind the
        interval/regression; when there is no interval, in the widest pool
        tried), share (cumulative share used for levels), interval_method
        (``same_horizon``, ``indicator_pooled``, ``measure_pooled``,
        ``regression`` or ``none``: how the interval was obtained) and
        n_region_years (distinct region-years behind it, the t degrees of
        freedom).
        """
        if self._summary is None:
            raise AnalysisError("YearEndProjector: call fit() before predict()")
        F = Facts(facts, "YearEndProjector.predict")
        P = pair_facts(F, keep="actuals")
        a = np.maximum(P.actual_row, 0)
        with np.errstate(invalid="ignore"):
            keep = ((P.actual_row >= 0) & ~P.orphan & (F.period_end[a] < 12)
                    & ~np.isnan(F.value[a]))
        P = P.subset(keep)
        P = P.subset(~pd.Index(P.actual_row).duplicated(keep="first"))
        J = judge(F, P)
        rows = pd.DataFrame({"indicator": F.indicator_names[F.indicator[J.key_row]].astype(object),
                             "measure": F.measure_names[J.measure].astype(object),
                             "period_end": J.period_end.astype("int64")})
        n = len(rows)
        out = {"projection": np.full(n, np.nan), "lower": np.full(n, np.nan),
               "upper": np.full(n, np.nan), "prob_meet": np.full(n, np.nan),
               "n_fit": np.zeros(n, dtype="int64"), "n_region_years": np.zeros(n, dtype="int64"),
               "interval_method": np.full(n, _INTERVAL_METHODS.index("none"), dtype="int64"),
               "share": np.full(n, np.nan)}
        summ = self._summary.set_index(_GROUP)
        index = pool_index(self._pools)
        for key, idx in rows.groupby(_GROUP, sort=False).indices.items():
            key = (key[0], key[1], int(key[2]))
            if self.method == "regression":
                nf = int(summ.loc[key, "n"]) if key in summ.index else 0
                self._predict_regression(key, nf, J, idx, out)
            else:
                self._predict_naive(rows.iloc[idx], choose_pool(index, *key), J, idx, out)
        out["prob_meet"] = np.where(np.isnan(J.target), np.nan, out["prob_meet"])

        cols = base_columns(F, P, J.period_end)
        cols.update({
            "actual": J.actual, "projection": out["projection"], "lower": out["lower"],
            "upper": out["upper"], "target": J.target, "direction": J.direction_labels(),
            "prob_meet": out["prob_meet"],
            "method": labels([self.method], np.zeros(n, dtype="int64")),
            "n_fit": out["n_fit"], "share": out["share"],
            "interval_method": labels(_INTERVAL_METHODS, out["interval_method"]),
            "n_region_years": out["n_region_years"],
        })
        return pd.DataFrame(cols, copy=False).loc[:, PROJECT_COLUMNS]

    def _predict_regression(self, key: tuple, nf: int, J: Judgement, idx: np.ndarray,
                            out: dict[str, np.ndarray]) -> None:
        """Fill ``out`` at ``idx`` from the regression fitted for group ``key``."""
        import statsmodels.api as sm
        from scipy import stats  # imported here: keeps `import govmetrics` light

        out["n_fit"][idx] = out["n_region_years"][idx] = nf
        out["interval_method"][idx] = _INTERVAL_METHODS.index("regression")
        res = self._models.get(key)
        if res is None:
            raise AnalysisError(
                f"regression needs at least {MIN_REGION_YEARS} region-years with both a "
                f"year-to-date and a full-year actual; indicator {key[0]!r}, measure "
                f"{key[1]!r}, horizon period_end={key[2]} has {nf}")
        pred = res.get_prediction(sm.add_constant(J.actual[idx], has_constant="add"))
        sf = pred.summary_frame(alpha=1.0 - self.level)
        mean = sf["mean"].to_numpy()
        se_obs = np.sqrt(sf["mean_se"].to_numpy() ** 2 + res.scale)
        out["projection"][idx] = mean
        out["lower"][idx] = sf["obs_ci_lower"].to_numpy()
        out["upper"][idx] = sf["obs_ci_upper"].to_numpy()
        z = (J.target[idx] - mean) / se_obs
        cdf = stats.t.cdf(z, res.df_resid)
        out["prob_meet"][idx] = np.where(J.lower_is_better[idx], cdf, 1.0 - cdf)

    def _predict_naive(self, rows: pd.DataFrame, pool: tuple, J: Judgement, idx: np.ndarray,
                       out: dict[str, np.ndarray]) -> None:
        """Fill ``out`` at ``idx`` with linear / seasonal projections and the interval of
        ``pool`` (interval method, n_fit, region-years, rmse from :func:`choose_pool`)."""
        from scipy import stats

        pr, sh = self._naive(rows, J.actual[idx])
        out["projection"][idx] = pr
        out["share"][idx] = sh
        how, out["n_fit"][idx], out["n_region_years"][idx], rmse = pool
        if not np.isfinite(rmse):
            return
        out["interval_method"][idx] = _INTERVAL_METHODS.index(how)
        df = int(out["n_region_years"][idx[0]])
        q = stats.t.ppf((1.0 + self.level) / 2.0, df)
        lvl = J.is_level[idx]
        target = J.target[idx]
        out["lower"][idx] = np.where(lvl, pr * (1.0 - q * rmse), pr - q * rmse)
        out["upper"][idx] = np.where(lvl, pr * (1.0 + q * rmse), pr + q * rmse)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(lvl, (target / pr - 1.0) / rmse, (target - pr) / rmse)
        cdf = stats.t.cdf(z, df)
        out["prob_meet"][idx] = np.where(J.lower_is_better[idx], cdf, 1.0 - cdf)


def project(facts: pd.DataFrame, *, method: str = "linear", level: float = 0.9,
            seasonal=None) -> pd.DataFrame:
    r"""Year-end projection for every year-to-date actual (fit and predict on ``facts``).

    Shorthand for ``YearEndProjector(method, level, seasonal).fit(facts).predict(facts)``;
    see :class:`YearEndProjector` for the formulas and intervals.

    Parameters
    ----------
    facts : pandas.DataFrame
        Fact table (core columns region, year, indicator, role, period_end,
        measure, value).
    method : {"linear", "seasonal", "regression"}
        Projection method.
    level : float
        Coverage of the prediction interval.
    seasonal : dict or pandas.DataFrame, optional
        Cumulative seasonal shares (``method="seasonal"``).

    Returns
    -------
    pandas.DataFrame
        Columns region, region_code, year, indicator, measure, period_end,
        actual (year-to-date value), projection (year-end estimate),
        lower, upper (prediction interval at ``level``; NaN when fewer than 8
        region-years back it, even after pooling), target (effective target, NaN when none),
        direction, prob_meet (probability of reaching the target, NaN without
        an interval or a target), method, n_fit (year-to-date / full-year
        pairs behind the interval; without one, in the widest pool tried),
        share (cumulative share used for level projections; NaN for
        regression and growth/rate rows), interval_method (how the interval
        was obtained: ``same_horizon``, ``indicator_pooled``,
        ``measure_pooled``, ``regression``, or ``none`` when no pool has 8
        region-years) and n_region_years (distinct region-years behind the
        interval).

    Raises
    ------
    AnalysisError
        ``method="regression"`` and a group (indicator, measure, horizon) has
        fewer than 8 region-years with both figures.

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["咸宁市"] * 2, "year": [2022] * 2, "indicator": ["gdp"] * 2,
    ...     "role": ["target", "actual"], "period_end": [12, 9],
    ...     "measure": ["growth_pct"] * 2, "value": [8.0, 4.4]})
    >>> project(facts)[["projection", "target", "prob_meet"]].iloc[0].tolist()
    [4.4, 8.0, nan]
    """
    return YearEndProjector(method=method, level=level, seasonal=seasonal).fit(facts).predict(facts)
