"""Pace against the time elapsed (序时进度) for year-to-date actuals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._common import EPS, Facts, KeyTable, elapsed_share, int_array, lookup, seasonal_share
from ._judge import Judgement, judge
from ._pairs import Pairs, base_columns, labels, pair_facts, provenance

#: Default half-width of the ``on_pace`` band for level targets (pace within 1 +/- eps).
DEFAULT_EPS = 0.02

PACE_COLUMNS = [
    "region", "region_code", "year", "indicator", "measure", "period_end", "target",
    "modifier", "target_basis", "direction", "actual", "estimate", "completion_pct",
    "completion_reported", "elapsed_pct", "pace", "gap", "share", "share_source",
    "required_rest_pct", "status",
]


def required_rest_growth(target_pct, ytd_pct, share):
    r"""Growth needed in the rest of the year to reach an annual growth target.

    .. math::

        r^* = \frac{(1+T) - s\,(1+g)}{1-s} - 1

    with :math:`T` the annual growth target, :math:`g` the year-to-date growth
    (both as fractions here; arguments and result in percent) and :math:`s`
    the share of last year's annual total that fell in the year-to-date months.

    Examples
    --------
    >>> round(float(required_rest_growth(8.0, 4.4, 0.75)), 6)
    18.8
    """
    t = np.asarray(target_pct, dtype="float64") / 100.0
    g = np.asarray(ytd_pct, dtype="float64") / 100.0
    s = np.asarray(share, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return 100.0 * (((1.0 + t) - s * (1.0 + g)) / (1.0 - s) - 1.0)


def _data_share(F: Facts, actual_row: np.ndarray) -> np.ndarray:
    """s = last year's YTD level / last year's full-year level, same region & indicator."""
    out = np.full(len(actual_row), np.nan)
    lvl = np.flatnonzero(F.measure_names == "level")
    if len(actual_row) == 0 or len(lvl) == 0:
        return out
    lv = np.flatnonzero(F.is_actual & (F.measure == lvl[0]) & ~np.isnan(F.value))
    if len(lv) == 0:
        return out
    lk, lpos = F.dedupe(lv, F.period_key(lv))
    table = KeyTable(lk, len(actual_row))  # one table for both look-ups
    ytd = lookup(F.period_key(actual_row, year_shift=-1), table)
    december = np.full(len(actual_row), 12)
    full = lookup(F.period_key(actual_row, year_shift=-1, month=december), table)
    ok = (ytd >= 0) & (full >= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(ok, F.value[lpos[np.maximum(ytd, 0)]] / F.value[lpos[np.maximum(full, 0)]],
                     np.nan)
    return np.where((s > 0) & (s < 1), s, np.nan)


def pace(facts: pd.DataFrame, *, basis: str = "month", seasonal=None,
         eps: float = DEFAULT_EPS) -> pd.DataFrame:
    r"""Judge year-to-date actuals against the share of the year that has passed.

    Every year-to-date actual (period_end < 12) is paired with the targets of
    the same region, year, indicator and measure (as in
    :func:`govmetrics.attainment`; actuals without a target are dropped).

    Elapsed share :math:`e` of month :math:`m` (``elapsed_pct`` = 100 e):

    * ``basis="month"``: :math:`e = m/12`;
    * ``basis="quarter"``: :math:`e = \lceil m/3 \rceil \cdot 3/12` (a 1-5月
      figure counts as half a year: the quarter in progress is credited);
    * ``basis="day"``: days from 1 January to the last day of month
      :math:`m`, divided by the days of that year (365 or 366).

    Level targets (序时进度, "时间过半、任务过半"):

    .. math::

        \mathrm{pace} = \frac{\mathrm{completion\_pct}}{\mathrm{elapsed\_pct}},
        \qquad \mathrm{completion\_pct} = 100\,A/T

    (the document's completion_reported is used when the level is missing).
    Status: ``ahead`` if pace :math:`\ge 1+\varepsilon`, ``on_pace`` if
    :math:`|\mathrm{pace}-1| < \varepsilon`, else ``behind``
    (:math:`\varepsilon` = ``eps``, default 0.02).

    Growth and rate targets are judged on the direction-aware gap
    :math:`s(A-T)` (positive = ahead, 0 = on_pace, negative = behind; a
    :math:`10^{-9}` slack absorbs rounding). For growth targets the growth
    required in the remaining months is

    .. math::

        r^* = \frac{(1+T) - s\,(1+g)}{1-s} - 1

    (:math:`T` target, :math:`g` year-to-date growth, as fractions; reported
    in percent): last year's total is 1, of which :math:`s` fell in the
    year-to-date months; this year's year-to-date is :math:`s(1+g)` and the
    year must reach :math:`1+T`, so the remaining :math:`1-s` must grow to
    :math:`(1+T) - s(1+g)`. The share :math:`s` is taken from the table when
    last year's year-to-date and full-year level actuals of the same region
    and indicator are both present (``share_source='data'``), else from
    ``seasonal`` (``'profile'``), else even months :math:`s = m/12`
    (``'even'``, independent of ``basis``). For lower_is_better growth
    indicators (cpi, energy intensity) :math:`r^*` is a ceiling.

    Parameters
    ----------
    facts : pandas.DataFrame
        Fact table (core columns region, year, indicator, role, period_end,
        measure, value; optional columns as in :func:`govmetrics.attainment`).
    basis : {"month", "quarter", "day"}
        How the elapsed share is counted.
    seasonal : dict or pandas.DataFrame, optional
        Cumulative seasonal shares: ``{month: share}`` for all indicators, or
        a DataFrame with columns indicator, period_end, share.
    eps : float
        Half-width of the ``on_pace`` band for level targets.

    Returns
    -------
    pandas.DataFrame
        One row per (target, year-to-date actual) pair:

        region, region_code, year, indicator, measure, period_end
            Keys; period_end is the month of the actual.
        target, modifier, target_basis, direction
            As in :func:`govmetrics.attainment`.
        actual, estimate
            Year-to-date value and its 预计 flag.
        completion_pct, completion_reported
            100 A/T (level targets) and the document's own completion figure.
        elapsed_pct
            100 e.
        pace
            completion / elapsed for level targets, else NaN.
        gap
            :math:`s(A-T)` for growth and rate targets, else NaN.
        share, share_source
            :math:`s` and where it came from (``data``, ``profile``, ``even``)
            for growth targets, else NaN / NA.
        required_rest_pct
            :math:`r^*` in percent for growth targets, else NaN.
        status
            ``ahead``, ``on_pace``, ``behind`` (``no_basis`` when the target
            has no numeric value).

        Label columns (modifier, target_basis, direction, share_source,
        status) are pandas Categoricals.
        target_quote, actual_quote
            Provenance, when the input has a quote column.

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["咸宁市"] * 2, "year": [2022] * 2,
    ...     "indicator": ["new_urban_jobs"] * 2, "role": ["target", "actual"],
    ...     "period_end": [12, 9], "measure": ["level"] * 2,
    ...     "value": [37000.0, 31048.0]})
    >>> row = pace(facts).iloc[0]
    >>> round(float(row["pace"]), 2), row["status"]
    (1.12, 'ahead')
    """
    F = Facts(facts, "pace")
    P = pair_facts(F, keep="targets", ytd=True)
    P = P.subset(P.actual_row >= 0)  # targets without a year-to-date actual are not paced
    J = judge(F, P)
    elapsed = elapsed_share(J.period_end, F.year[J.key_row], basis)
    elapsed *= 100.0
    comp = J.completion
    if (~np.isnan(J.completion_reported)).any():
        comp = np.where(np.isnan(comp), J.completion_reported, comp)
    with np.errstate(divide="ignore", invalid="ignore"):
        pace_v = comp / elapsed
    pace_v[~J.is_level] = np.nan
    gap = J.gap.copy()
    gap[J.is_level] = np.nan
    share, source, rest = _rest_of_year(F, P, J, seasonal)

    cols = base_columns(F, P, J.period_end)
    cols.update({
        "target": J.target,
        "modifier": J.modifier,
        "target_basis": J.basis_labels(),
        "direction": J.direction_labels(),
        "actual": J.actual,
        "estimate": int_array(J.estimate),
        "completion_pct": J.completion,
        "completion_reported": J.completion_reported,
        "elapsed_pct": elapsed,
        "pace": pace_v,
        "gap": gap,
        "share": share,
        "share_source": labels(_SHARE_SOURCES, source),
        "required_rest_pct": rest,
        "status": labels(_PACE_STATUS, _pace_status(J, pace_v, gap, eps)),
    })
    prov = provenance(F, P)
    cols.update({k: v for k, v in prov.items() if k.endswith("quote")})
    return pd.DataFrame(cols, copy=False)


_SHARE_SOURCES = ["data", "profile", "even"]
_PACE_STATUS = ["ahead", "on_pace", "behind", "no_basis"]


def _rest_of_year(F: Facts, P: Pairs, J: Judgement, seasonal
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(share s, its source code into _SHARE_SOURCES, required rest-of-year growth)
    of the growth pairs; NaN / -1 elsewhere."""
    n = len(J.key_row)
    share = np.full(n, np.nan)
    source = np.full(n, -1, dtype="int64")
    rest = np.full(n, np.nan)
    gi = np.flatnonzero(J.is_growth)
    if len(gi):
        s_data = _data_share(F, P.actual_row[gi])
        ind = F.indicator_names[F.indicator[J.key_row[gi]]] if seasonal is not None else None
        s_prof, src_prof = seasonal_share(ind, J.period_end[gi], seasonal)
        has = ~np.isnan(s_data)
        share[gi] = np.where(has, s_data, s_prof)
        source[gi] = np.where(has, 0, np.where(src_prof, 1, 2))
        rest[gi] = required_rest_growth(J.target[gi], J.actual[gi], share[gi])
    return share, source, rest


def _pace_status(J: Judgement, pace_v: np.ndarray, gap: np.ndarray, eps: float) -> np.ndarray:
    """Codes into _PACE_STATUS: levels by pace against 1 +/- eps, others by the gap.

    ``pace_v`` is NaN off the level pairs and ``gap`` NaN on them, so every
    pair meets at most one of the two sets of conditions (NaN meets none: -1).
    """
    with np.errstate(invalid="ignore"):
        status = np.select(
            [pace_v >= 1 + eps, pace_v > 1 - eps, pace_v <= 1 - eps,
             gap > EPS, gap >= -EPS, gap < -EPS],
            [0, 1, 2, 0, 1, 2], -1).astype("int64", copy=False)
    status[np.isnan(J.target)] = 3
    return status
