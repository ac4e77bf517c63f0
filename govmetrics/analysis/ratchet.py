"""The ratchet: how this year's target relates to last year's target and result."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ._common import EPS, HIGHER, LOWER, as_float, codes_of, int_array, vocabulary_directions
from .panel import as_panel, target_point, unchanged

#: Outcomes of the previous year's target.
OUTCOMES = ("met", "missed")


def directions(table: pd.DataFrame) -> np.ndarray:
    """True where lower is better: the modifier (at_most / at_least) first, then the vocabulary."""
    vocab = vocabulary_directions()
    codes, uniques = codes_of(table["indicator"])
    lut = np.array([vocab.get(u, HIGHER) == LOWER for u in uniques] + [False], dtype=bool)
    lower = lut[codes]
    if "modifier" in table.columns:
        mod = table["modifier"].astype("string").fillna("").to_numpy(dtype=object)
        lower[mod == "at_most"] = True
        lower[mod == "at_least"] = False
    return lower


def _series_keys(table: pd.DataFrame) -> np.ndarray:
    """Integer key of (region, indicator, measure) per row."""
    key = np.zeros(len(table), dtype="int64")
    for col in ("region", "indicator", "measure"):
        codes, uniques = codes_of(table[col])
        key = key * (len(uniques) + 1) + (codes + 1)
    return key


def previous_year_rows(key: np.ndarray, year: np.ndarray) -> np.ndarray:
    """Row of the same series key in the previous year, for each row (-1 when none).

    ``key`` is an integer series key, ``year`` a float year (NaN allowed).
    When a (key, year) pair repeats, the first row is used.
    """
    n = len(key)
    if n == 0:
        return np.zeros(0, dtype="int64")
    ok = ~np.isnan(year)
    ymin = float(np.nanmin(year)) if ok.any() else 0.0
    span = int(np.nanmax(year) - ymin) + 3 if ok.any() else 3
    yk = np.where(ok, year - ymin + 1, 0).astype("int64")
    own = np.where(ok, key * span + yk, -1 - np.arange(n))
    dup = pd.Index(own).duplicated(keep="first")
    own[dup] = -1 - n - np.flatnonzero(dup)
    prev = np.where(ok, key * span + yk - 1, -1 - 3 * n - np.arange(n))
    return pd.Index(own).get_indexer(prev).astype("int64")


def ratchet(facts: pd.DataFrame, *, actual: str = "latest", range_point: str = "low"
            ) -> pd.DataFrame:
    r"""This year's target against last year's target and last year's result.

    For every panel row with a target in year :math:`t`, the row of the same
    region, indicator and measure in year :math:`t-1` gives the previous
    target :math:`T_{t-1}` and the previous full-year actual :math:`A_{t-1}`:

    .. math::

        \Delta T = T_t - T_{t-1}, \qquad
        T_t - A_{t-1}, \qquad
        \mathrm{prev\_gap} = s\,(A_{t-1} - T_{t-1})

    with :math:`s = +1` when higher is better and :math:`-1` when lower is
    better (from the modifier ``at_most`` / ``at_least``, else the indicator
    vocabulary), so ``prev_gap >= 0`` means the previous target was met.
    Targets are compared at their point (:func:`target_point`: the stated
    value; ranges at ``range_point``); synced targets have no number.

    Parameters
    ----------
    facts : pandas.DataFrame
        A panel from :func:`govmetrics.panel`, or a fact table (made into
        a panel first).
    actual : {"latest", "first"}
        Which full-year actual of :math:`t-1` to use: the latest revision
        (default) or the first figure published (often the 预计 estimate).
    range_point : {"low", "mid", "high"}
        Where range targets are compared.

    Returns
    -------
    pandas.DataFrame
        One row per panel row with a numeric target, sorted by region,
        indicator, measure and year. Columns:

        region, region_code, indicator, measure, year
            Keys; ``year`` is :math:`t`.
        target
            :math:`T_t` (at its point).
        target_prev, actual_prev, actual_prev_estimate
            :math:`T_{t-1}`, :math:`A_{t-1}` and its 预计 flag (NaN / NA when
            year :math:`t-1` has none).
        direction
            ``higher_is_better`` or ``lower_is_better``.
        target_change
            :math:`T_t - T_{t-1}`.
        target_vs_prev_actual
            :math:`T_t - A_{t-1}`.
        prev_gap
            :math:`s(A_{t-1} - T_{t-1})`, positive when the previous target was beaten.
        prev_outcome
            ``met`` (prev_gap >= 0), ``missed`` (< 0), NA when unknown.
        raised, tightened
            Whether :math:`T_t > T_{t-1}`, and whether the target moved in
            the demanding direction (:math:`s\,\Delta T > 0`); NA when
            :math:`T_{t-1}` is unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["A"] * 3, "year": [2021, 2021, 2022], "indicator": ["gdp"] * 3,
    ...     "role": ["target", "actual", "target"], "period_end": [12] * 3,
    ...     "measure": ["growth_pct"] * 3, "value": [8.0, 9.0, 8.5]})
    >>> row = ratchet(facts).iloc[-1]
    >>> float(row["target_change"]), float(row["target_vs_prev_actual"]), row["prev_outcome"]
    (0.5, -0.5, 'met')
    """
    if actual not in ("latest", "first"):
        raise AnalysisError(f"ratchet: actual must be 'latest' or 'first', not {actual!r}")
    p = as_panel(facts, "ratchet")
    point = target_point(p, range_point)
    year = as_float(p["year"])
    hit = previous_year_rows(_series_keys(p), year)
    rows = np.flatnonzero(~np.isnan(point))
    h = hit[rows]
    has = h >= 0
    hp = np.maximum(h, 0)
    t_prev = np.where(has, point[hp], np.nan) if len(p) else np.zeros(0)
    a_col = as_float(p[f"actual_{actual}"])
    a_prev = np.where(has, a_col[hp], np.nan) if len(p) else np.zeros(0)
    e_col = as_float(p[f"actual_{actual}_estimate"])
    e_prev = np.where(has, e_col[hp], np.nan) if len(p) else np.zeros(0)
    sub = p.iloc[rows]
    lower = directions(sub)
    s = np.where(lower, -1.0, 1.0)
    t = point[rows]
    change = t - t_prev
    gap = s * (a_prev - t_prev)
    slack = EPS * np.maximum(1.0, np.abs(t_prev))
    outcome = np.where(np.isnan(gap), -1, np.where(gap >= -slack, 0, 1))
    known = ~np.isnan(change)
    same = unchanged(t, t_prev)
    raised = pd.arrays.BooleanArray((change > 0) & ~same & known, ~known)
    tight = pd.arrays.BooleanArray((s * change > 0) & ~same & known, ~known)
    out = pd.DataFrame({
        "region": sub["region"].array,
        "region_code": sub["region_code"].array,
        "indicator": sub["indicator"].array,
        "measure": sub["measure"].array,
        "year": sub["year"].array,
        "target": t,
        "target_prev": t_prev,
        "actual_prev": a_prev,
        "actual_prev_estimate": int_array(e_prev),
        "direction": pd.Categorical.from_codes(lower.astype("int64"),
                                               categories=[HIGHER, LOWER]),
        "target_change": change,
        "target_vs_prev_actual": t - a_prev,
        "prev_gap": gap,
        "prev_outcome": pd.Categorical.from_codes(outcome, categories=list(OUTCOMES)),
        "raised": raised,
        "tightened": tight,
    }, copy=False)
    order = np.lexsort((year[rows], codes_of(out["measure"])[0],
                        codes_of(out["indicator"])[0], codes_of(out["region"])[0]))
    return out.iloc[order].reset_index(drop=True)


def ratchet_summary(ratchet_table: pd.DataFrame) -> pd.DataFrame:
    r"""Share of targets raised after the previous target was met, and after it was missed.

    Parameters
    ----------
    ratchet_table : pandas.DataFrame
        The output of :func:`ratchet`.

    Returns
    -------
    pandas.DataFrame
        One row per indicator, measure and ``prev_outcome`` (``met`` /
        ``missed``), over the rows where both the previous target and the
        previous actual are known. Columns: indicator, measure,
        prev_outcome; ``n`` (region-years); ``share_raised``,
        ``share_unchanged``, ``share_lowered`` (:math:`T_t` above, equal to,
        below :math:`T_{t-1}`); ``share_tightened`` (moved in the demanding
        direction); ``mean_target_change`` and ``mean_target_vs_prev_actual``
        (means of :math:`T_t - T_{t-1}` and :math:`T_t - A_{t-1}`).

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["A"] * 3, "year": [2021, 2021, 2022], "indicator": ["gdp"] * 3,
    ...     "role": ["target", "actual", "target"], "period_end": [12] * 3,
    ...     "measure": ["growth_pct"] * 3, "value": [8.0, 9.0, 8.5]})
    >>> ratchet_summary(ratchet(facts))[["prev_outcome", "n", "share_raised"]].values.tolist()
    [['met', 1, 1.0]]
    """
    need = ("indicator", "measure", "prev_outcome", "raised", "tightened", "target_change",
            "target_vs_prev_actual")
    missing = [c for c in need if c not in ratchet_table.columns]
    if missing:
        raise AnalysisError(f"ratchet_summary: input is missing columns: {', '.join(missing)} "
                            "(pass the output of ratchet())")
    r = ratchet_table[ratchet_table["prev_outcome"].notna()
                      & ratchet_table["raised"].notna()]
    change = as_float(r["target_change"])
    eq = np.abs(change) <= EPS * np.maximum(1.0, np.abs(as_float(r["target"])))
    work = pd.DataFrame({
        "indicator": r["indicator"].astype("string").array,
        "measure": r["measure"].astype("string").array,
        "prev_outcome": r["prev_outcome"].astype("string").array,
        "raised": r["raised"].astype(float).array,
        "unchanged": eq.astype(float),
        "lowered": ((change < 0) & ~eq).astype(float),
        "tightened": r["tightened"].astype(float).array,
        "target_change": change,
        "target_vs_prev_actual": as_float(r["target_vs_prev_actual"]),
    })
    g = work.groupby(["indicator", "measure", "prev_outcome"], sort=True, observed=True)
    out = g.agg(n=("raised", "size"), share_raised=("raised", "mean"),
                share_unchanged=("unchanged", "mean"), share_lowered=("lowered", "mean"),
                share_tightened=("tightened", "mean"),
                mean_target_change=("target_change", "mean"),
                mean_target_vs_prev_actual=("target_vs_prev_actual", "mean")).reset_index()
    out["n"] = out["n"].astype("int64")
    return out
