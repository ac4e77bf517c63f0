"""Build the comparison table: one row per region, indicator and measure.

Two views share one layout (:data:`LONG_COLUMNS`):

``attainment``
    The targets of a year beside the actuals of the same year (the latest
    period per region and indicator, or the one asked for), with a signed gap
    and a status: met / nearly met / missed for full-year figures, the pace
    verdict (ahead / on pace / behind) for year-to-date ones.
``work_report``
    For a year whose actuals are not in yet (a work report gives this year's
    targets and last year's results): the targets of year Y beside the
    actuals of Y-1, with ``ratchet`` = target minus last actual.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ...analysis import attainment, pace, rank
from ...analysis.attainment import is_attainment_table
from ...errors import GovmetricsError
from ...vocabulary import indicator_ids
from .units import display_unit

__all__ = ["LONG_COLUMNS", "VIEWS", "comparison_table", "default_year"]

#: Columns of the long comparison table, in order.
LONG_COLUMNS: tuple[str, ...] = (
    "region", "region_code", "year", "indicator", "measure", "unit", "modifier",
    "target", "target_low", "target_high", "actual", "actual_year", "period_end",
    "gap", "ratchet", "status", "rank_reported", "rank", "n_peers", "n_figures", "view",
)

VIEWS = ("auto", "attainment", "work_report")

#: Measure order inside one region and indicator.
_MEASURE_ORDER = {"growth_pct": 0, "rate": 1, "level": 2, "completion_pct": 3}

_KEYS = ["region", "indicator", "measure"]


def _years_with(facts: pd.DataFrame, role: str) -> set[int]:
    if "role" not in facts.columns:
        col = "target" if role == "target" else "actual"
        return set(facts.loc[facts[col].notna(), "year"].dropna().astype(int))
    return set(facts.loc[facts["role"] == role, "year"].dropna().astype(int))


def _has_actuals(data: pd.DataFrame, year: int) -> bool:
    """Whether a region with a target in ``year`` also has an actual in ``year``."""
    if is_attainment_table(data):
        return True
    this = data[data["year"] == year]
    with_target = set(this.loc[this["role"] == "target", "region"].dropna())
    return bool(this.loc[this["role"] == "actual", "region"].isin(with_target).any())


def default_year(facts: pd.DataFrame) -> int:
    """The latest year with a target and an actual, else the latest year with a target.

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table.

    Returns
    -------
    int
        The year :func:`comparison_table` shows when ``year`` is ``None``.

    Raises
    ------
    GovmetricsError
        When no fact has a year.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"region": ["甲市"] * 3, "year": [2022, 2022, 2023],
    ...                   "indicator": ["gdp"] * 3, "role": ["target", "actual", "target"],
    ...                   "period_end": [12, 12, 12], "measure": ["growth_pct"] * 3,
    ...                   "value": [6.0, 5.5, 6.5]})
    >>> default_year(f)
    2022
    """
    if facts.empty or facts["year"].dropna().empty:
        raise GovmetricsError("no facts with a year")
    if not is_attainment_table(facts):
        att = attainment(facts)
    else:
        att = facts
    paired = att[att["target"].notna() & att["actual"].notna()]
    if not paired.empty:
        return int(paired["year"].max())
    targets = _years_with(facts, "target")
    return max(targets) if targets else int(facts["year"].dropna().max())


def _filter(facts: pd.DataFrame, indicators_: Iterable[str] | None,
            regions: Iterable[str] | None) -> pd.DataFrame:
    data = facts
    if regions is not None:
        data = data[data["region"].isin(list(regions))]
    if indicators_ is not None:
        wanted = list(indicators_)
        unknown = sorted(set(wanted) - set(indicator_ids()))
        if unknown:
            raise GovmetricsError(f"unknown indicator id(s): {', '.join(unknown)}")
        data = data[data["indicator"].isin(wanted)]
    return data


def _first_per_key(att: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The first row per key, with ``n_figures`` = how many distinct actuals the key had."""
    n = att.groupby(keys, dropna=False, sort=False)["actual"].transform("nunique")
    return att.assign(n_figures=n.clip(lower=1).astype("int64")).drop_duplicates(
        keys, keep="first")


def _pick_period(att: pd.DataFrame, period_end: int | None) -> pd.DataFrame:
    """Rows at ``period_end`` (or the latest per key); keys without one keep the target alone."""
    has = att["actual"].notna().to_numpy()
    pe = pd.to_numeric(att["period_end"], errors="coerce").to_numpy(dtype="float64",
                                                                     na_value=np.nan)
    key = att.groupby(_KEYS, dropna=False, sort=False).ngroup().to_numpy()
    if period_end is not None:
        at = has & (pe == int(period_end))
    else:
        latest = np.full(int(key.max(initial=-1)) + 1, -np.inf)
        np.fmax.at(latest, key[has], pe[has])  # NaN periods are skipped, as by max()
        at = has & (pe == latest[key])
    chosen = att[at]
    stated = (att["target"].notna() | att["modifier"].astype("string").eq("synced")
              .fillna(False)).to_numpy(dtype=bool)
    # the first row of each key that has no chosen row, with a target or synced
    left = np.flatnonzero(~at & stated & ~np.isin(key, key[at]))
    left = left[np.unique(key[left], return_index=True)[1]] if left.size else left
    rest = att.iloc[np.sort(left)].copy()
    for c in ("actual", "gap", "period_end"):
        rest[c] = np.nan
    rest["status"] = "no_actual"
    return pd.concat([chosen, rest], ignore_index=True)


def _with_pace_status(rows: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Replace ``in_progress`` by the pace verdict of the same pair."""
    ytd = rows["status"].astype("string").eq("in_progress").fillna(False)
    if not ytd.any():
        return rows
    p = pace(facts)
    if p.empty:
        return rows
    keys = [*_KEYS, "year", "period_end", "actual"]
    p = p[keys + ["status"]].drop_duplicates(keys).rename(columns={"status": "_pace"})
    for c in ("year", "period_end"):
        p[c] = pd.to_numeric(p[c], errors="coerce").astype("float64")
    left = rows[keys].copy()
    for c in ("year", "period_end"):
        left[c] = pd.to_numeric(left[c], errors="coerce").astype("float64")
    left["actual"] = left["actual"].astype("float64")
    p["actual"] = p["actual"].astype("float64")
    merged = left.merge(p, on=keys, how="left")["_pace"].astype("string").to_numpy()
    status = rows["status"].astype("string").to_numpy(dtype=object)
    status = np.where(ytd.to_numpy() & pd.notna(merged), merged, status)
    return rows.assign(status=status)


def _with_ranks(rows: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """``rank_reported`` from the facts; ``rank`` among peers, NA in groups of one."""
    within = "level" if rows["region_code"].notna().any() else None
    base = rows.reset_index(drop=True)
    try:
        ranked = rank(base, by="actual", within=within, facts=facts)
    except GovmetricsError:
        ranked = rank(base, by="actual", facts=facts)
    n = pd.to_numeric(ranked["n_ranked"], errors="coerce")
    out = base.assign(
        rank=pd.array(ranked["rank"].where(n >= 2), dtype="Int64"),
        n_peers=pd.array(n.where(n >= 1), dtype="Int64"),
    )
    reported = ranked["rank_reported"] if "rank_reported" in ranked else np.nan
    return out.assign(rank_reported=pd.array(pd.to_numeric(reported), dtype="Int64"))


def _attainment_rows(data: pd.DataFrame, year: int, period_end: int | None) -> pd.DataFrame:
    att = data.copy() if is_attainment_table(data) else attainment(data)
    att = att[att["year"] == year]
    att = att[att["measure"].isin(list(_MEASURE_ORDER))].reset_index(drop=True)
    if att.empty:
        raise GovmetricsError(f"no targets for year {year}")
    att = _first_per_key(att, [*_KEYS, "period_end"])
    rows = _pick_period(att, period_end)
    if period_end is not None and rows["actual"].isna().all():
        raise GovmetricsError(f"no target with a matching actual for year {year} "
                              f"at period {period_end}")
    rows = rows.assign(actual_year=pd.array([year] * len(rows), dtype="Int64"),
                       ratchet=np.nan, view="attainment")
    if not is_attainment_table(data):
        rows = _with_pace_status(rows, data[data["year"] == year])
    return rows


def _work_report_rows(data: pd.DataFrame, year: int) -> pd.DataFrame:
    """Targets of ``year`` beside the actuals of ``year - 1``."""
    if is_attainment_table(data):
        raise GovmetricsError("the work-report view needs a fact table, not attainment output")
    targets = data[(data["year"] == year) & (data["role"] == "target")]
    if targets.empty:
        raise GovmetricsError(f"no targets for year {year}")
    last = data[(data["year"] == year - 1) & (data["role"] == "actual")]
    # the latest period first (the full-year figure when there is one), then document order
    last = last.assign(_pe=pd.to_numeric(last["period_end"], errors="coerce")).sort_values(
        "_pe", ascending=False, kind="stable").drop(columns="_pe")
    # relabel last year's actuals as this year's full-year figures, so that attainment
    # pairs them with this year's targets (effective target of ranges, direction)
    shifted = last.assign(year=year, _period=last["period_end"], period_end=12)
    att = attainment(pd.concat([targets, shifted], ignore_index=True))
    att = att[att["measure"].isin(list(_MEASURE_ORDER))].reset_index(drop=True)
    periods = pd.concat([targets.assign(_period=np.nan), shifted], ignore_index=True)
    att = _first_per_key(att, _KEYS)
    real_pe = _actual_periods(att, periods)
    ratchet = att["target"].astype("float64") - att["actual"].astype("float64")
    return att.assign(
        period_end=real_pe, gap=np.nan, ratchet=ratchet,
        status=np.where(att["actual"].notna(), "", "no_actual"),
        actual_year=pd.array([year - 1] * len(att), dtype="Int64"), view="work_report",
    )


def _actual_periods(att: pd.DataFrame, facts: pd.DataFrame) -> pd.Series:
    """The real period_end of the (relabelled) last-year actual of each row."""
    src = facts[facts["role"] == "actual"][[*_KEYS, "value", "_period"]].rename(
        columns={"value": "actual"}).drop_duplicates([*_KEYS, "actual"])
    src["actual"] = src["actual"].astype("float64")
    left = att[[*_KEYS, "actual"]].copy()
    left["actual"] = left["actual"].astype("float64")
    pe = left.merge(src, on=[*_KEYS, "actual"], how="left")["_period"]
    return pd.array(pd.to_numeric(pe, errors="coerce"), dtype="Int64")


def _finish(rows: pd.DataFrame, order: list[str] | None = None) -> pd.DataFrame:
    """Display units, column order, dtypes and row order of the long table."""
    rows = rows.reset_index(drop=True).copy()
    scaled = ("target", "low", "high", "actual", "gap", "ratchet")
    values = {c: pd.to_numeric(rows[c], errors="coerce").astype("float64").to_numpy()
              for c in scaled}
    unit = np.full(len(rows), "", dtype=object)
    factor = np.ones(len(rows))
    # one unit per indicator and measure, then one division per column (not per group)
    for (ind, meas), pos in rows.groupby(["indicator", "measure"], sort=False).indices.items():
        vals = np.concatenate([values["target"][pos], values["actual"][pos]])
        unit[pos], factor[pos] = display_unit(str(ind), str(meas), vals)
    rows = rows.assign(unit=unit, **{c: values[c] / factor for c in scaled})
    rows = rows.rename(columns={"low": "target_low", "high": "target_high"})
    order = {ind: i for i, ind in enumerate(order or indicator_ids())}
    rows["_r"] = rows["region_code"].astype("string").fillna("~") + rows["region"].astype(str)
    rows["_i"] = rows["indicator"].map(order).fillna(len(order))
    rows["_m"] = rows["measure"].map(_MEASURE_ORDER).fillna(9)
    rows = rows.sort_values(["_r", "_i", "_m"], kind="stable")
    out = rows.reindex(columns=list(LONG_COLUMNS)).reset_index(drop=True)
    for c in ("region", "region_code", "indicator", "measure", "unit", "modifier", "status",
              "view"):
        out[c] = out[c].astype("string")
    for c in ("year", "actual_year", "period_end", "rank_reported", "rank", "n_peers",
              "n_figures"):
        out[c] = pd.array(pd.to_numeric(out[c], errors="coerce"), dtype="Int64")
    return out


def comparison_table(
    facts: pd.DataFrame,
    year: int | None = None,
    *,
    period_end: int | None = None,
    indicators: Iterable[str] | None = None,
    regions: Iterable[str] | None = None,
    view: str = "auto",
    layout: str = "long",
) -> pd.DataFrame:
    """Compare targets and actuals: one row per region, indicator and measure.

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table (from :func:`govmetrics.extract` or
        :func:`govmetrics.datasets.load`), or the output of
        :func:`govmetrics.attainment` (attainment view only).
    year : int, optional
        The plan year. ``None``: the latest year with a target and an actual,
        else the latest year with a target (:func:`default_year`).
    period_end : int, optional
        The last month of the actuals (3, 6, 9, 12, ...). ``None`` takes the
        latest period of each region and indicator.
    indicators : iterable of str, optional
        Canonical indicator ids to include. Default: every indicator with a target.
    regions : iterable of str, optional
        Region names to include. Default: every region with a target.
    view : {"auto", "attainment", "work_report"}
        ``attainment`` compares the year's targets with the year's actuals;
        ``work_report`` the year's targets with the previous year's actuals
        (what a work report states). ``auto`` takes the work-report view when
        the year has targets but no actual.
    layout : {"long", "wide"}
        ``wide`` pivots the long table to one row per region
        (:func:`govmetrics.tables.to_wide`).

    Returns
    -------
    pandas.DataFrame
        The long table, one row per region, indicator and measure, sorted by
        region code, indicator (vocabulary order) and measure. Columns:

        region, region_code, year, indicator, measure
            Keys (year is the plan year of the target).
        unit
            Unit of target, actual, gap and ratchet: ``%`` for growth rates
            and rates (gaps in percentage points), ``亿元``, ``万元``, ``元``,
            ``万人`` or ``人`` for amounts (chosen per indicator from
            ``display_units.csv``).
        modifier
            ``point``, ``about`` (左右), ``at_least``, ``at_most``, ``range``, ``synced``.
        target, target_low, target_high
            The effective target (the near end of a range) and the range bounds.
        actual, actual_year, period_end
            The actual compared, the year it belongs to (``year - 1`` in the
            work-report view) and its last month (12 = full year).
        gap
            Target gap signed so that positive is good (also for CPI and
            unemployment); NaN in the work-report view.
        ratchet
            Work-report view: target minus last year's actual; else NaN.
        status
            ``met``, ``nearly_met``, ``missed`` (full year); ``ahead``,
            ``on_pace``, ``behind`` (year to date, see :func:`govmetrics.pace`);
            ``no_actual``, ``no_basis``; empty in the work-report view.
        rank_reported
            A rank the documents report for that figure.
        rank, n_peers
            Rank by the actual among the regions of the same level in the
            table (1 = best in the indicator's direction) and the size of that
            peer group; ``rank`` is NA where the group has fewer than two
            regions (a region is never ranked against itself).
        n_figures
            How many different actuals the documents give for this key; the
            table shows the first.
        view
            ``attainment`` or ``work_report``.

    Raises
    ------
    GovmetricsError
        When nothing is left after filtering, or the year has no target.

    Examples
    --------
    >>> from govmetrics import datasets
    >>> t = comparison_table(datasets.load("seeds"), 2022)
    >>> t.loc[0, ["region", "indicator", "unit", "target", "actual", "status"]].astype(str).tolist()
    ['咸宁市', 'gdp', '%', '8.0', '4.4', 'behind']
    """
    if view not in VIEWS:
        raise GovmetricsError(f"view must be one of {', '.join(VIEWS)}, got {view!r}")
    if layout not in ("long", "wide"):
        raise GovmetricsError(f"layout must be 'long' or 'wide', got {layout!r}")
    data = _filter(facts, indicators, regions)
    if year is None:
        year = default_year(data if not data.empty else facts)
    year = int(year)
    if data[data["year"].isin([year, year - 1])].empty:
        raise GovmetricsError(f"no facts for year {year} with the given regions and indicators")
    if view == "auto":
        has_actual = _has_actuals(data, year)
        view = "attainment" if has_actual or is_attainment_table(data) else "work_report"
    if view == "attainment":
        rows = _attainment_rows(data[data["year"] == year], year, period_end)
    else:
        rows = _work_report_rows(data[data["year"].isin([year, year - 1])], year)
    rows = _with_ranks(rows, None if is_attainment_table(data) else data)
    table = _finish(rows, list(indicators) if indicators is not None else None)
    if layout == "wide":
        from .wide import to_wide

        return to_wide(table)
    return table
