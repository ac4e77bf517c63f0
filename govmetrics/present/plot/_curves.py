"""Attainment curves of one region and indicator, and the overview of a region."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...analysis import attainment as _attainment
from ...analysis import project as _project_year_end
from ...analysis.attainment import is_attainment_table
from ...errors import AnalysisError, GovmetricsError
from ...vocabulary import indicator_ids
from ._common import _Labels, _new_ax, _region_code

__all__ = ["attainment_curve", "overview"]


def _curve_measure(att: pd.DataFrame, measure: str | None) -> str:
    if measure is not None:
        return measure
    with_target = att[att["target"].notna()]
    for m in ("growth_pct", "rate", "level"):
        rows = with_target[with_target["measure"] == m]
        if not rows.empty and rows["actual"].notna().any():
            return m
    for m in ("level", "growth_pct", "rate"):
        if (with_target["measure"] == m).any():
            return m
    raise GovmetricsError("no target to draw an attainment curve against")


def attainment_curve(
    facts: pd.DataFrame,
    region: str,
    year: int,
    indicator: str,
    *,
    ax: Any = None,
    projection: bool = True,
    measure: str | None = None,
    cjk: bool | None = None,
) -> Any:
    """Progress towards one target through the year.

    For an amount target (measure ``level``) the curve is the completion
    (share of the annual target done, %) at each reported period, drawn
    against the 序时进度 diagonal (the share of the year elapsed). For a
    growth or rate target it is the year-to-date growth (or rate) at each
    period, drawn against the target line (with the range band and the
    力争 stretch line when the target has them). With ``projection=True``
    the projection of :func:`govmetrics.project` to month 12 and its
    interval are drawn when it can be computed.

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table.
    region : str
        Region name (e.g. ``"咸宁市"``).
    year : int
        Plan year.
    indicator : str
        Canonical indicator id (e.g. ``"gdp"``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.
    projection : bool, default True
        Draw the projection to month 12.
    measure : str, optional
        ``level``, ``growth_pct`` or ``rate``; default: the growth or rate
        target when it has actuals, else the amount target.
    cjk : bool, optional
        ``False`` for English labels; see :func:`cjk_font`.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Lines carry labels: ``"actual"``, ``"target"``
        or ``"elapsed"``, ``"projection"``.

    Raises
    ------
    GovmetricsError
        When there is no target for the region, year and indicator.

    Examples
    --------
    >>> from govmetrics import datasets
    >>> ax = attainment_curve(datasets.load("seeds"), "赤壁市", 2021,
    ...                       "general_budget_revenue", cjk=False)  # doctest: +SKIP
    >>> ax.get_xlim()  # doctest: +SKIP
    (0.0, 12.5)
    """
    sub = facts[(facts["region"] == region) & (facts["year"] == int(year))
                & (facts["indicator"] == indicator)]
    if sub.empty:
        raise GovmetricsError(f"no facts for {region} {year} {indicator}")
    labels = _Labels(cjk)
    att = sub.copy() if is_attainment_table(sub) else _attainment(sub)
    m = _curve_measure(att, measure)
    rows = att[att["measure"] == m].sort_values("period_end")
    target_row = rows[rows["target"].notna()]
    if target_row.empty:
        raise GovmetricsError(f"no {m} target for {region} {year} {indicator}")
    t = target_row.iloc[0]
    pts = rows[rows["actual"].notna() & (rows["period_end"] < 13)]
    ax = _new_ax(ax)
    x = pts["period_end"].astype(float).to_numpy()
    level_mode = m == "level"
    if level_mode:
        comp = pd.to_numeric(pts["completion_pct"], errors="coerce")
        if "completion_reported" in pts.columns:
            comp = comp.fillna(pd.to_numeric(pts["completion_reported"], errors="coerce"))
        y = comp.to_numpy(dtype=float)
        ax.plot([0, 12], [0, 100], ls="--", color="0.5", lw=1, label="elapsed")
        ax.axhline(100, color="#0072B2", lw=1.5, label="target")
        ax.set_ylabel("Completion of annual target (%)")
        legend_names = {"elapsed": "Time elapsed (序时进度)" if labels.zh else "Time elapsed",
                        "actual": "Completion",
                        "target": f"Target ({_modifier_text(t)}, = 100%)"}
    else:
        y = pts["actual"].to_numpy(dtype=float)
        tval = float(t["target"])
        low, high = t.get("low", np.nan), t.get("high", np.nan)
        if pd.notna(low) and pd.notna(high):
            ax.axhspan(float(low), float(high), color="#0072B2", alpha=0.12, lw=0,
                       label="target range")
        ax.plot([0, 12], [tval, tval], color="#0072B2", lw=1.5, label="target")
        stretch = t.get("stretch", np.nan)
        if pd.notna(stretch):
            ax.plot([0, 12], [float(stretch)] * 2, color="#0072B2", lw=1, ls=":",
                    label="stretch")
        ax.set_ylabel("Year-to-date growth (%)" if m == "growth_pct" else "Rate (%)")
        legend_names = {"target": f"Target ({_modifier_text(t)})", "actual": "Actual",
                        "stretch": "Stretch (力争)" if labels.zh else "Stretch",
                        "target range": "Target range"}
    ax.plot(x, y, marker="o", color="#D55E00", lw=2, label="actual")
    if projection and len(pts):
        _draw_projection(ax, sub, m, t, level_mode)
    legend_names.setdefault("projection", "Projection to year end")
    legend_names.setdefault("interval", "Projection interval")
    ax.margins(y=0.12)
    ax.set_xlim(0, 12.5)
    ax.set_xticks(range(0, 13, 3), ["0", "Q1", "H1", "Q3", "Year"])
    ax.set_xlabel("Period (months elapsed)")
    code = _region_code(sub)
    ax.set_title(f"{labels.region(region, code)} {year}: {labels.indicator(indicator)}")
    handles, names = ax.get_legend_handles_labels()
    ax.legend(handles, [legend_names.get(n, n) for n in names], loc="best", fontsize="small")
    labels.apply(ax)
    return ax


def _modifier_text(row: pd.Series) -> str:
    mod = row.get("modifier")
    value = float(row["target"])
    text = f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:g}"
    signs = {"about": "≈", "at_least": "≥", "at_most": "≤"}
    if isinstance(mod, str) and mod in signs:
        text = signs[mod] + text
    return text


def _draw_projection(ax: Any, facts: pd.DataFrame, measure: str, target: pd.Series,
                     level_mode: bool) -> None:
    try:
        proj = _project_year_end(facts)
    except (AnalysisError, GovmetricsError, ValueError):
        return
    if proj is None or proj.empty:
        return
    pmeasures = [measure, "completion_pct"] if level_mode else [measure]
    rows = proj[proj["measure"].isin(pmeasures) & proj["projection"].notna()]
    if rows.empty:
        return
    r = rows.sort_values("period_end").iloc[-1]
    scale = 1.0
    if level_mode and r["measure"] == "level":
        scale = 100.0 / float(target["target"])
    last_x = float(r["period_end"])
    last_y = float(r["actual"]) * scale if pd.notna(r.get("actual")) else np.nan
    py = float(r["projection"]) * scale
    xs, ys = ([last_x, 12.0], [last_y, py]) if np.isfinite(last_y) else ([12.0], [py])
    ax.plot(xs, ys, ls="--", color="#D55E00", lw=1.5, marker=None, label="projection")
    lower, upper = r.get("lower"), r.get("upper")
    if pd.notna(lower) and pd.notna(upper):
        lo, hi = float(lower) * scale, float(upper) * scale
        ax.errorbar([12.0], [py], yerr=[[py - lo], [hi - py]], fmt="o", color="#D55E00",
                    mfc="white", capsize=4, lw=1, label="interval")
        if np.isfinite(last_y):
            ax.fill_between([last_x, 12.0], [last_y, lo], [last_y, hi], color="#D55E00",
                            alpha=0.12, lw=0)


def overview(
    facts: pd.DataFrame,
    region: str,
    year: int,
    *,
    fig: Any = None,
    ncols: int = 3,
    projection: bool = True,
    cjk: bool | None = None,
) -> Any:
    """Small multiples: one attainment curve per headline indicator.

    Every indicator with a target and at least one actual for the region
    and year gets a panel (see :func:`attainment_curve`).

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table.
    region : str
        Region name.
    year : int
        Plan year.
    fig : matplotlib.figure.Figure, optional
        The figure to draw in (cleared first); a new one when ``None``.
    ncols : int, default 3
        Panels per row.
    projection : bool, default True
        Draw projections in the panels.
    cjk : bool, optional
        ``False`` for English labels; see :func:`cjk_font`.

    Returns
    -------
    matplotlib.figure.Figure
        The figure; ``fig.axes`` holds one Axes per indicator, in
        vocabulary order.

    Raises
    ------
    GovmetricsError
        When no indicator has both a target and an actual.

    Examples
    --------
    >>> from govmetrics import datasets
    >>> fig = overview(datasets.load("seeds"), "咸宁市", 2022, cjk=False)  # doctest: +SKIP
    >>> len(fig.axes)  # doctest: +SKIP
    9
    """
    import matplotlib.pyplot as plt


    sub = facts[(facts["region"] == region) & (facts["year"] == int(year))]
    has_target = set(sub.loc[(sub["role"] == "target") & sub["value"].notna(), "indicator"])
    has_actual = set(sub.loc[sub["role"] == "actual", "indicator"])
    inds = [i for i in indicator_ids() if i in has_target & has_actual]
    if not inds:
        raise GovmetricsError(f"no indicator with both a target and an actual for {region} {year}")
    labels = _Labels(cjk)
    n = len(inds)
    ncols = max(1, min(ncols, n))
    nrows = int(np.ceil(n / ncols))
    if fig is None:
        fig = plt.figure(figsize=(4.2 * ncols, 3.3 * nrows + 0.6), layout="constrained")
    else:
        fig.clear()
    axes = fig.subplots(nrows, ncols, squeeze=False)
    done = []
    for ax, ind in zip(axes.flat, inds):
        try:
            attainment_curve(sub, region, year, ind, ax=ax, projection=projection,
                             cjk=labels.zh)
        except GovmetricsError:
            ax.remove()
            continue
        ax.set_title(labels.indicator(ind), fontsize="medium")
        ax.set_xlabel("")
        ax.set_ylabel(ax.get_ylabel().replace(" of annual target", ""), fontsize="small")
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        labels.apply(ax)
        done.append(ax)
    for ax in axes.flat[n:]:
        ax.remove()
    if not done:
        raise GovmetricsError(f"no indicator could be drawn for {region} {year}")
    code = _region_code(sub)
    title = fig.suptitle(f"{labels.region(region, code)} {year}")
    if labels.font is not None:
        title.set_fontproperties(labels.font)
        title.set_fontsize("x-large")
    return fig
