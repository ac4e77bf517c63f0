"""The panel: one row per region, year, indicator and measure across documents.

A target is set in one year's work report; the full-year actual arrives a year
later (the next work report's 预计 estimate, then the statistical bulletin,
sometimes a revision after that). :func:`panel` puts them on one row, keeping
the first and the latest full-year figure side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ._common import (
    EPS,
    JUDGED_MEASURES,
    Facts,
    as_float,
    code_for,
    int_array,
    require_columns,
    take_column,
    take_float,
)

#: Keys of a panel row.
PANEL_KEYS = ("region", "year", "indicator", "measure")

#: Columns that mark a table as a panel (and not a fact table).
PANEL_MARKERS = frozenset({"target", "actual_first", "actual_latest"})

#: Where a range target (4.5%-5%) is compared: its low end, middle or high end.
RANGE_POINTS = ("low", "mid", "high")


def is_panel(table: pd.DataFrame) -> bool:
    """Whether ``table`` is the output of :func:`panel` (not a fact table)."""
    return isinstance(table, pd.DataFrame) and PANEL_MARKERS.issubset(table.columns) \
        and "role" not in table.columns


#: Optional panel columns, filled with NA when a hand-made panel lacks them.
_OPTIONAL_PANEL = ("region_code", "low", "high", "stretch", "modifier",
                   "actual_first_estimate", "actual_latest_estimate")


def as_panel(table: pd.DataFrame, where: str) -> pd.DataFrame:
    """``table`` as a panel: a fact table goes through :func:`panel`; a panel gets
    its missing optional columns as NA."""
    if not is_panel(table):
        return panel(table)
    require_columns(table, ("region", "year", "indicator", "measure"), where)
    missing = {c: pd.NA for c in _OPTIONAL_PANEL if c not in table.columns}
    return table.assign(**missing) if missing else table


def _first_per_key(keys: np.ndarray, pos: np.ndarray, last: bool = False
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(unique keys, first or last position per key, count per key) of ``keys``."""
    ok = keys >= 0
    keys, pos = keys[ok], pos[ok]
    if len(keys) == 0:
        empty = np.zeros(0, dtype="int64")
        return empty, empty, empty
    codes, uniques = pd.factorize(keys)
    counts = np.bincount(codes, minlength=len(uniques))
    idx = pd.Index(codes)
    keep = ~idx.duplicated(keep="last" if last else "first")
    chosen = np.empty(len(uniques), dtype="int64")
    chosen[codes[keep]] = pos[keep]
    return np.asarray(uniques, dtype="int64"), chosen, counts.astype("int64")


def _publication_order(F: Facts, pos: np.ndarray, order: str | None) -> np.ndarray:
    """``pos`` sorted from the earliest published figure to the latest.

    With ``order`` (a column name) its values decide (NA last); without it a
    预计 estimate counts as earlier than a reported figure, and otherwise the
    input order decides.
    """
    if order is not None:
        if order not in F.df.columns:
            raise AnalysisError(f"panel: order column {order!r} is not in the fact table")
        col = F.df[order].iloc[pos] if len(pos) else F.df[order].iloc[:0]
        rank = pd.Series(col.to_numpy()).rank(method="first", na_option="bottom")
        return pos[np.argsort(rank.to_numpy(), kind="stable")]
    est = F.estimate_at(pos)
    return pos[np.argsort(-np.nan_to_num(est, nan=0.0), kind="stable")]


def _lookup(keys: np.ndarray, table_keys: np.ndarray, table_pos: np.ndarray) -> np.ndarray:
    """Position in the input for each key (-1 when the key is not in the table)."""
    if len(table_keys) == 0:
        return np.full(len(keys), -1, dtype="int64")
    hit = pd.Index(table_keys).get_indexer(keys)
    return np.where(hit >= 0, table_pos[np.maximum(hit, 0)], -1).astype("int64")


def _count(keys: np.ndarray, table_keys: np.ndarray, counts: np.ndarray) -> np.ndarray:
    if len(table_keys) == 0:
        return np.zeros(len(keys), dtype="int64")
    hit = pd.Index(table_keys).get_indexer(keys)
    return np.where(hit >= 0, counts[np.maximum(hit, 0)], 0)


@dataclass(frozen=True)
class PanelRows:
    """Row positions (into the input, -1 for none) of each panel row's figures."""

    target: np.ndarray  #: the first target
    first_actual: np.ndarray  #: the first full-year actual published
    latest_actual: np.ndarray  #: the latest full-year actual published
    ytd_actual: np.ndarray  #: the year-to-date actual of the latest month
    key_row: np.ndarray  #: the row carrying the keys: the target, else an actual
    n_targets: np.ndarray  #: how many targets the key has
    n_actuals: np.ndarray  #: how many full-year actuals the key has


def _rows(F: Facts, order: str | None) -> PanelRows:
    """Row positions of the panel: target, first/latest full-year actual, latest YTD actual."""
    judged = np.isin(F.measure, [code_for(F.measure_names, m) for m in JUDGED_MEASURES])
    t_pos = np.flatnonzero(F.is_target & judged)
    a_all = np.flatnonzero(F.is_actual & judged)
    full = F.period_end[a_all] == 12
    a_pos = _publication_order(F, a_all[full], order)
    y_pos = a_all[~full & ~np.isnan(F.period_end[a_all])]
    y_pos = y_pos[np.argsort(F.period_end[y_pos], kind="stable")]
    tk, tp, tn = _first_per_key(F.pair_key(t_pos), t_pos)
    ak, af, an = _first_per_key(F.pair_key(a_pos), a_pos)
    _, al, _ = _first_per_key(F.pair_key(a_pos), a_pos, last=True)
    yk, yl, _ = _first_per_key(F.pair_key(y_pos), y_pos, last=True)
    keys = np.sort(pd.unique(np.concatenate([tk, ak, yk])))
    target, latest, ytd = _lookup(keys, tk, tp), _lookup(keys, ak, al), _lookup(keys, yk, yl)
    key_row = target.copy()
    for other in (latest, ytd):
        key_row = np.where(key_row >= 0, key_row, other)
    return PanelRows(target=target, first_actual=_lookup(keys, ak, af), latest_actual=latest,
                     ytd_actual=ytd, key_row=key_row, n_targets=_count(keys, tk, tn),
                     n_actuals=_count(keys, ak, an))


def panel(facts: pd.DataFrame, *, order: str | None = None) -> pd.DataFrame:
    r"""One row per region, year, indicator and measure: target beside actuals.

    Every target and every actual of measure growth_pct, level or rate is
    placed on the row of its **region, plan year, indicator and measure**,
    whichever document it came from: the target from the year's work report,
    the full-year actual (period_end 12) from the next year's report or a
    bulletin, the latest year-to-date actual from a progress bulletin. Rows
    exist for every key that has a target or an actual; completion and rank
    rows are not placed (see :func:`govmetrics.attainment`).

    When several documents give a full-year actual for the same key (a 预计
    estimate in January, the bulletin's figure later, a revision the year
    after), the **first** and the **latest** are kept side by side. Without
    ``order`` an estimate counts as published before a reported figure, and
    otherwise the input order decides (documents in file order, figures in
    text order). When several targets share a key the first is kept and
    ``n_targets`` says how many there were.

    .. math::

        \mathrm{revision} = A_\mathrm{latest} - A_\mathrm{first}

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table. Required columns: region, year, indicator, role,
        period_end, measure, value. Optional: low, high, stretch, modifier,
        estimate, region_code, doc.
    order : str, optional
        Column of ``facts`` giving the publication order of each figure (a
        date, or any sortable value; NA counts as latest). Default: estimates
        first, then input order.

    Returns
    -------
    pandas.DataFrame
        Sorted by region (first appearance), indicator, year and measure. Columns:

        region, region_code, year, indicator, measure
            The keys (region_code from the target row, else the actual; NA
            when the input has none).
        target, low, high, stretch, modifier
            The target as stated (value, range bounds, 力争 figure, modifier:
            ``point``, ``about``, ``at_least``, ``at_most``, ``range``,
            ``synced``); NaN / NA without a target.
        n_targets
            Number of target rows with this key (0 without a target).
        target_doc
            Document of the target (when the input has ``doc``).
        actual_first, actual_first_estimate
            The first full-year actual and its 预计 flag (0/1).
        actual_latest, actual_latest_estimate
            The latest full-year actual and its 预计 flag; equal to the first
            when only one document gives the figure.
        n_actuals
            Number of full-year actual rows with this key.
        revision
            ``actual_latest - actual_first`` (0 when there is one figure,
            NaN without any).
        actual_first_doc, actual_latest_doc
            Their documents (when the input has ``doc``).
        ytd_period_end, ytd_actual, ytd_estimate
            The latest year-to-date actual before the full year (period_end
            < 12), its month and 预计 flag; NA without one.

    Raises
    ------
    AnalysisError
        When a required column is missing or ``order`` names no column.

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["咸宁市"] * 3, "year": [2022] * 3, "indicator": ["gdp"] * 3,
    ...     "role": ["target", "actual", "actual"], "period_end": [12, 12, 12],
    ...     "measure": ["growth_pct"] * 3, "value": [8.0, 4.5, 4.3],
    ...     "estimate": [0, 1, 0]})
    >>> row = panel(facts).iloc[0]
    >>> float(row["target"]), float(row["actual_first"]), float(row["actual_latest"])
    (8.0, 4.5, 4.3)
    """
    require_columns(facts, ("region", "year", "indicator", "role", "period_end", "measure",
                            "value"), "panel")
    F = Facts(facts, "panel")
    rows = _rows(F, order)
    rep, tp, yp = rows.key_row, rows.target, rows.ytd_actual
    fp, lp = rows.first_actual, rows.latest_actual
    region_code = (take_column(facts, "region_code", rep) if "region_code" in facts.columns
                   else pd.array([pd.NA] * len(rep), dtype="string"))
    first, latest = take_float(F.value, fp), take_float(F.value, lp)
    cols: dict[str, object] = {
        "region": take_column(facts, "region", rep),
        "region_code": region_code,
        "year": int_array(take_float(F.year, rep)),
        "indicator": take_column(facts, "indicator", rep),
        "measure": take_column(facts, "measure", rep),
        "target": take_float(F.value, tp),
        "low": F.float_col("low", tp),
        "high": F.float_col("high", tp),
        "stretch": F.float_col("stretch", tp),
        "modifier": (take_column(facts, "modifier", tp) if "modifier" in facts.columns
                     else pd.array([pd.NA] * len(tp), dtype="string")),
        "n_targets": rows.n_targets,
        "actual_first": first,
        "actual_first_estimate": int_array(F.estimate_at(fp)),
        "actual_latest": latest,
        "actual_latest_estimate": int_array(F.estimate_at(lp)),
        "n_actuals": rows.n_actuals,
        "revision": latest - first,
        "ytd_period_end": int_array(take_float(F.period_end, yp)),
        "ytd_actual": take_float(F.value, yp),
        "ytd_estimate": int_array(F.estimate_at(yp)),
    }
    if "modifier" in facts.columns:
        mod = pd.Series(cols["modifier"]).astype("string")
        cols["modifier"] = mod.mask((tp >= 0) & mod.isna().to_numpy(), "point").array
    if "doc" in facts.columns:
        for name, pos in (("target_doc", tp), ("actual_first_doc", fp),
                          ("actual_latest_doc", lp)):
            cols[name] = take_column(facts, "doc", pos)
    out = pd.DataFrame(cols, copy=False)
    order_cols = [c for c in ("region", "region_code", "year", "indicator", "measure",
                              "target", "low", "high", "stretch", "modifier", "n_targets",
                              "target_doc", "actual_first", "actual_first_estimate",
                              "actual_latest", "actual_latest_estimate", "n_actuals",
                              "revision", "actual_first_doc", "actual_latest_doc",
                              "ytd_period_end", "ytd_actual", "ytd_estimate")
                  if c in out.columns]
    return out[order_cols]


def panel_path(facts: pd.DataFrame, *, order: str | None = None) -> pd.DataFrame:
    """The year-to-date path: the tidy companion of :func:`panel`.

    One row per region, plan year, indicator, measure (growth_pct, level,
    rate) and period_end with an actual, holding the latest published figure
    for that period (publication order as in :func:`panel`), so that
    ``panel_path(facts)`` joined to ``panel(facts)`` on the four keys gives
    each target's path through the year.

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table (core columns; optional estimate, region_code, doc).
    order : str, optional
        Column giving the publication order (see :func:`panel`).

    Returns
    -------
    pandas.DataFrame
        Columns region, region_code, year, indicator, measure, period_end,
        actual, estimate (预计 flag), n_figures (how many rows reported that
        period), doc (when the input has one); sorted by the keys in input
        order of first appearance, then period_end.

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["A"] * 3, "year": [2022] * 3, "indicator": ["gdp"] * 3,
    ...     "role": ["actual"] * 3, "period_end": [9, 3, 6],
    ...     "measure": ["growth_pct"] * 3, "value": [4.4, 3.1, 3.5]})
    >>> panel_path(facts)[["period_end", "actual"]].values.tolist()
    [[3, 3.1], [6, 3.5], [9, 4.4]]
    """
    require_columns(facts, ("region", "year", "indicator", "role", "period_end", "measure",
                            "value"), "panel_path")
    F = Facts(facts, "panel_path")
    judged = np.isin(F.measure, [code_for(F.measure_names, m) for m in JUDGED_MEASURES])
    pos = _publication_order(F, np.flatnonzero(F.is_actual & judged & ~np.isnan(F.period_end)), order)
    pk = F.pair_key(pos) * 13 + F.month_at(pos)
    pk[F.pair_key(pos) < 0] = -1
    keys, last, n = _first_per_key(pk, pos, last=True)
    srt = np.argsort(keys, kind="stable")
    keys, last, n = keys[srt], last[srt], n[srt]
    cols: dict[str, object] = {
        "region": take_column(facts, "region", last),
        "region_code": (take_column(facts, "region_code", last) if "region_code" in
                        facts.columns else pd.array([pd.NA] * len(last), dtype="string")),
        "year": int_array(take_float(F.year, last)),
        "indicator": take_column(facts, "indicator", last),
        "measure": take_column(facts, "measure", last),
        "period_end": int_array(take_float(F.period_end, last)),
        "actual": take_float(F.value, last),
        "estimate": int_array(F.estimate_at(last)),
        "n_figures": n,
    }
    if "doc" in facts.columns:
        cols["doc"] = take_column(facts, "doc", last)
    return pd.DataFrame(cols, copy=False)


def target_point(table: pd.DataFrame, range_point: str = "low") -> np.ndarray:
    """The number a target is compared at: its value, or a point of its range.

    ``range_point`` is ``low`` (default), ``mid`` or ``high`` and applies to
    targets with modifier ``range`` (4.5%-5%). 左右 (``about``) targets and
    bounds (以上, 以内) are compared at their value; ``synced`` targets have no
    number (NaN).
    """
    if range_point not in RANGE_POINTS:
        raise AnalysisError(f"range_point must be one of {', '.join(RANGE_POINTS)}, "
                            f"not {range_point!r}")
    value = as_float(table["target"]).copy()
    if "modifier" not in table.columns or not len(table):
        return value
    mod = table["modifier"].astype("string").fillna("point").to_numpy(dtype=object)
    is_range = mod == "range"
    if is_range.any():
        low = as_float(table["low"]) if "low" in table.columns else np.full(len(value), np.nan)
        high = as_float(table["high"]) if "high" in table.columns else \
            np.full(len(value), np.nan)
        pick = {"low": low, "high": high, "mid": (low + high) / 2.0}[range_point]
        value[is_range] = np.where(np.isnan(pick[is_range]), value[is_range], pick[is_range])
    value[mod == "synced"] = np.nan
    return value


def panel_facts(table: pd.DataFrame, actual: str = "latest") -> pd.DataFrame:
    """A panel back as a fact table: one target row and one full-year actual row per key.

    Used by :func:`govmetrics.attainment` on a panel. ``actual`` picks the
    ``latest`` (default) or the ``first`` full-year figure.
    """
    if actual not in ("latest", "first"):
        raise AnalysisError(f"actual must be 'latest' or 'first', not {actual!r}")
    keys = ["region", "region_code", "year", "indicator", "measure"]
    has_t = table["target"].notna() | table.get(
        "modifier", pd.Series(pd.NA, index=table.index)).eq("synced").fillna(False)
    t = table.loc[has_t, keys + [c for c in ("low", "high", "stretch", "modifier")
                                 if c in table.columns]].copy()
    t["role"], t["period_end"], t["value"], t["estimate"] = "target", 12, \
        table.loc[has_t, "target"], 0
    if "target_doc" in table.columns:
        t["doc"] = table.loc[has_t, "target_doc"]
    col = f"actual_{actual}"
    has_a = table[col].notna()
    a = table.loc[has_a, keys].copy()
    a["role"], a["period_end"], a["value"] = "actual", 12, table.loc[has_a, col]
    a["modifier"] = "point"
    a["estimate"] = table.loc[has_a, f"{col}_estimate"].fillna(0).astype("int64")
    if f"{col}_doc" in table.columns:
        a["doc"] = table.loc[has_a, f"{col}_doc"]
    out = pd.concat([t, a], ignore_index=True)
    out["period_end"] = out["period_end"].astype("Int64")
    out["year"] = out["year"].astype("Int64")
    return out


def unchanged(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether two float arrays are equal up to the relative slack EPS."""
    return np.abs(a - b) <= EPS * np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))
