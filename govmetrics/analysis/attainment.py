"""Attainment: every target paired with every actual of the same region, year,
indicator and measure, with a signed gap and a met / nearly_met / missed status.

The pairing is :mod:`govmetrics.analysis._pairs`, the judgement
:mod:`govmetrics.analysis._judge` (both shared with pace and projection).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ._common import Facts, int_array
from ._judge import DEFAULT_TOLERANCE, judge
from ._pairs import base_columns, pair_facts, provenance
from .panel import is_panel, panel_facts

__all__ = ["DEFAULT_TOLERANCE", "attainment", "is_attainment_table"]

#: Columns that mark a table as an output of :func:`attainment` (or of pace).
ATTAINMENT_MARKERS = frozenset({"target", "actual", "status", "gap"})


def is_attainment_table(table: pd.DataFrame) -> bool:
    """Whether ``table`` is already judged (has target, actual, status and gap columns).

    Examples
    --------
    >>> is_attainment_table(pd.DataFrame(columns=["target", "actual", "status", "gap"]))
    True
    >>> is_attainment_table(pd.DataFrame(columns=["role", "value"]))
    False
    """
    return ATTAINMENT_MARKERS.issubset(table.columns)


def attainment(facts: pd.DataFrame, *, tolerance: float | Mapping[str, float] | None = None
               ) -> pd.DataFrame:
    r"""Pair every target with every actual and judge whether it was met.

    Every target row (role ``target``, measure growth_pct, level or rate) is
    paired with every actual of the **same region, year, indicator and
    measure** (a level target with level actuals, growth with growth, rate with
    rate). Different regions, years, indicators or measures are never paired.
    A target without any actual appears once, with NA actual and status
    ``no_actual``. Actuals without a target are not in the output.

    Direction :math:`d` comes from the modifier when it says so
    (``at_most`` -> lower_is_better, ``at_least`` -> higher_is_better),
    otherwise from the indicator vocabulary (unknown ids: higher_is_better).
    With :math:`s = +1` for higher_is_better and :math:`-1` for
    lower_is_better:

    .. math::

        \mathrm{gap} = s\,(A - T), \qquad
        \mathrm{completion\_pct} = 100\,A / T \quad (\text{level targets only})

    so a positive gap is always good. The effective target :math:`T` is the
    stated value; for a ``range`` target it is the low end (higher_is_better)
    or the high end (lower_is_better), so a range is met at its near end; for a
    ``synced`` growth target of a disposable-income indicator
    (与经济增长同步) it is the GDP ``growth_pct`` actual of the same region,
    year and period_end (``target_basis = 'gdp_growth'``; the indicators that
    follow GDP are the ``synced_to`` column of ``indicators.csv``). Other synced
    targets (e.g. 单位GDP能耗完成省下达的任务) have no numeric basis.

    Status, for full-year actuals (period_end 12):

    * ``met``: :math:`\mathrm{gap} \ge 0`;
    * ``nearly_met``: the target is ``about`` (左右) or ``synced`` and
      :math:`-\tau \le \mathrm{gap} < 0`;
    * ``missed``: otherwise.

    The tolerance :math:`\tau` defaults to 0.5 percentage points for
    growth_pct and rate, and 1 % of the target for level
    (:math:`\tau = 0.01\,|T|`). Comparisons allow a :math:`10^{-9}` relative
    slack against floating-point noise. Year-to-date actuals
    (period_end < 12) get ``in_progress``; a synced target without a GDP
    growth figure gets ``no_basis``. A full-year level target with only a
    reported completion (no level actual) is judged on
    :math:`\mathrm{completion\_reported} \ge 100`.

    On a panel (the output of :func:`govmetrics.panel`) each row's target is
    judged against its latest full-year actual (``actual_latest``, typically
    from the next year's work report or bulletin), so attainment runs across
    years and documents; the provenance columns come from ``target_doc`` and
    ``actual_latest_doc``.

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table. Required columns: region, year, indicator, role,
        period_end, measure, value. Optional: low, high, stretch, modifier
        (default ``point``), estimate (default 0), region_code, doc, quote.
        Or a panel from :func:`govmetrics.panel`.
    tolerance : float or dict, optional
        Width of the ``nearly_met`` band. A float applies to every measure in
        its own unit (percentage points for growth_pct and rate, percent of
        the target for level); a dict such as ``{"growth_pct": 1.0,
        "level": 2.0}`` overrides the defaults per measure.

    Returns
    -------
    pandas.DataFrame
        One row per (target, actual) pair, ordered by target (input order),
        then actual. Key columns keep the input dtypes; the label columns
        modifier, target_basis, direction and status are pandas
        Categoricals. Columns:

        region, region_code, year, indicator, measure
            The shared keys (region_code from the target, else the actual;
            NA when the input has none).
        period_end
            Month the actual covers (NA when there is no actual).
        target
            Effective target :math:`T` (see above), in the measure's units.
        low, high, stretch, modifier
            As stated on the target row (stretch = 力争 figure).
        target_basis
            ``stated``, ``range_low``, ``range_high``, ``gdp_growth`` (synced
            income target) or ``none`` (other synced targets: no numeric basis).
        actual, estimate
            The actual value and its 预计 flag (NA when no actual).
        direction
            ``higher_is_better`` or ``lower_is_better``.
        gap
            :math:`s(A - T)`, positive is good.
        completion_pct
            :math:`100A/T` for level targets, else NaN.
        completion_reported
            The document's own completion_pct for that level actual, else NaN.
        status
            ``met``, ``nearly_met``, ``missed``, ``in_progress``,
            ``no_actual`` or ``no_basis``.
        stretch_met
            Whether a full-year actual reaches the stretch (力争) figure;
            NA without a stretch or a full-year actual.
        target_doc, target_quote, actual_doc, actual_quote
            Provenance, when the input has doc / quote columns.

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["咸宁市", "咸宁市"], "year": [2022, 2022],
    ...     "indicator": ["gdp", "gdp"], "role": ["target", "actual"],
    ...     "period_end": [12, 12], "measure": ["growth_pct", "growth_pct"],
    ...     "value": [8.0, 7.8], "modifier": ["about", "point"]})
    >>> row = attainment(facts).iloc[0]
    >>> round(float(row["gap"]), 2), row["status"]
    (-0.2, 'nearly_met')
    """
    if is_panel(facts):
        facts = panel_facts(facts)
    F = Facts(facts, "attainment")
    P = pair_facts(F, keep="targets")
    J = judge(F, P, tolerance)
    cols = base_columns(F, P, J.period_end)
    cols.update({
        "target": J.target,
        "low": F.float_col("low", P.target_row),
        "high": F.float_col("high", P.target_row),
        "stretch": F.float_col("stretch", P.target_row),
        "modifier": J.modifier,
        "target_basis": J.basis_labels(),
        "actual": J.actual,
        "estimate": int_array(J.estimate),
        "direction": J.direction_labels(),
        "gap": J.gap,
        "completion_pct": J.completion,
        "completion_reported": J.completion_reported,
        "status": J.status_labels(),
        "stretch_met": J.stretch_met,
    })
    cols.update(provenance(F, P))
    return pd.DataFrame(cols, copy=False)
