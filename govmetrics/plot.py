"""Charts of targets, actuals, attainment and ranks (``govmetrics.plot``).

Every function draws on a Matplotlib Axes (``ax=None`` makes a new figure),
returns what it drew on, never calls ``plt.show()`` and never changes
Matplotlib's global style: fonts are set on each text artist it creates.

Chinese names need a CJK font. govmetrics uses a system font that Matplotlib
finds: the families of :data:`CJK_FAMILIES` first (Noto Sans CJK from
Debian's ``fonts-noto-cjk``, Source Han Sans, WenQuanYi, PingFang on macOS,
Microsoft YaHei and SimHei on Windows, ...), then any family whose name marks
it as Chinese, Japanese or Korean. When none is found, or when ``cjk=False``
is passed or the environment variable ``GOVMETRICS_PLOT_CJK=0`` is set,
indicators are labelled with their English names and regions with their
6-digit codes, and a one-line warning says what to install.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ._plot_common import CJK_FAMILIES as CJK_FAMILIES  # re-exported: documented names
from ._plot_common import CJK_HINT as CJK_HINT
from ._plot_common import (
    STATUS_COLORS,
    STATUS_LABELS,
    STATUS_MARKERS,
    _Labels,
    _new_ax,
    _region_code,
    cjk_font,
)
from ._plot_common import _find_cjk_font as _find_cjk_font  # re-exported for the tests
from ._plot_panel import amplification, target_history
from .analysis import attainment as _attainment
from .analysis import project as _project_year_end
from .analysis.attainment import is_attainment_table
from .errors import AnalysisError, GovmetricsError

__all__ = [
    "amplification",
    "attainment_curve",
    "cjk_font",
    "overview",
    "rank_chart",
    "target_history",
    "target_vs_actual",
    "task_progress",
]



# --------------------------------------------------------------------------- attainment curve


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
        project = _project_year_end
    except GovmetricsError:
        return
    try:
        proj = project(facts)
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


# --------------------------------------------------------------------------- dumbbell


def target_vs_actual(
    facts_or_attainment: pd.DataFrame,
    indicator: str,
    *,
    period_end: int | None = 12,
    year: int | None = None,
    ax: Any = None,
    measure: str | None = None,
    cjk: bool | None = None,
) -> Any:
    """Target and actual of one indicator across regions (a dumbbell chart).

    Each region is a row: a hollow marker at the target, a filled marker
    at the actual coloured and shaped by the attainment status (met,
    nearly met, missed, in progress), joined by a line. Rows are ordered
    by the actual's distance to the target, best at the top.

    Parameters
    ----------
    facts_or_attainment : pandas.DataFrame
        A fact table, or the output of :func:`govmetrics.attainment`.
    indicator : str
        Canonical indicator id.
    period_end : int or None, default 12
        The period of the actuals; ``None`` takes each region's latest.
    year : int, optional
        Plan year; default every year (each region at its latest year
        with both a target and an actual; rows are labelled with the year).
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    measure : str, optional
        The measure compared (default: ``growth_pct``, else ``rate``, else
        ``level``).
    cjk : bool, optional
        ``False`` for English labels; see :func:`cjk_font`.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Its y tick labels name the regions, top to
        bottom in reverse order of the tick positions; the legend names the
        statuses drawn.

    Raises
    ------
    GovmetricsError
        When no region has both a target and an actual.

    Examples
    --------
    >>> from govmetrics import datasets
    >>> ax = target_vs_actual(datasets.load("seeds"), "gdp", period_end=None)  # doctest: +SKIP
    """
    data = facts_or_attainment
    data = data[data["indicator"] == indicator]
    if year is not None:
        data = data[data["year"] == int(year)]
    if data.empty:
        raise GovmetricsError(f"no facts for indicator {indicator!r}")
    labels = _Labels(cjk)
    att = data.copy() if is_attainment_table(data) else _attainment(data)
    att = att[att["target"].notna() & att["actual"].notna()]
    if measure is None:
        present = set(att["measure"])
        measure = next((m for m in ("growth_pct", "rate", "level") if m in present), None)
    att = att[att["measure"] == measure]
    if period_end is not None:
        att = att[att["period_end"] == int(period_end)]
    else:
        latest = att.groupby(["region", "year"])["period_end"].transform("max")
        att = att[att["period_end"] == latest]
    if att.empty:
        when = f" at period {period_end}" if period_end is not None else ""
        raise GovmetricsError(f"no region has both a target and an actual for {indicator}{when}")
    att = att.sort_values(["region", "year"]).drop_duplicates(["region", "year"], keep="last")
    if year is None:
        att = att.drop_duplicates("region", keep="last")
    gap = att["actual"].astype(float) - att["target"].astype(float)
    if "gap" in att.columns and att["gap"].notna().all():
        gap = att["gap"].astype(float)
    att = att.assign(_gap=gap.to_numpy()).sort_values("_gap").reset_index(drop=True)

    ax = _new_ax(ax, figsize=(7.0, max(2.5, 0.55 * len(att) + 1.5)))
    ys = np.arange(len(att), dtype=float)
    names = []
    for yv, (_, r) in zip(ys, att.iterrows()):
        code = r.get("region_code") if "region_code" in att.columns else None
        name = labels.region(r["region"], code)
        if year is None:
            name = f"{name} {int(r['year'])}"
        names.append(name)
        ax.plot([r["target"], r["actual"]], [yv, yv], color="0.7", lw=2, zorder=1)
    ax.scatter(att["target"].astype(float), ys, marker="o", s=60, facecolors="white",
               edgecolors="0.2", zorder=2, label="Target")
    for status in STATUS_COLORS:
        sel = (att["status"] == status).to_numpy()
        if sel.any():
            ax.scatter(att["actual"].astype(float)[sel], ys[sel], marker=STATUS_MARKERS[status],
                       s=70, color=STATUS_COLORS[status], zorder=3, label=STATUS_LABELS[status])
    ax.set_yticks(ys, names)
    ax.set_ylim(-0.7, len(att) - 0.3)
    unit = {"growth_pct": "growth (%)", "rate": "rate (%)", "level": "amount"}.get(measure, "")
    when = "full year" if period_end == 12 else (f"1-{period_end}" if period_end else "latest")
    ax.set_xlabel(f"{'Target and actual'} {unit}, {when}")
    ax.set_title(labels.indicator(indicator))
    ax.grid(axis="x", color="0.9")
    ax.legend(loc="best", fontsize="small")
    labels.apply(ax)
    return ax


# --------------------------------------------------------------------------- bump chart


def rank_chart(
    ranked: pd.DataFrame,
    regions: Iterable[str] | None = None,
    *,
    x: str = "year",
    series: str = "region",
    ax: Any = None,
    cjk: bool | None = None,
) -> Any:
    """Ranks of regions over years or periods (a bump chart, rank 1 on top).

    Parameters
    ----------
    ranked : pandas.DataFrame
        The output of :func:`govmetrics.rank` (a ``rank`` column), or a fact
        table whose ``measure == "rank"`` rows carry reported ranks. It
        must hold one indicator (filter it first).
    regions : iterable of str, optional
        Regions to draw; default all.
    x : {"year", "period_end"}, default "year"
        What the horizontal axis shows.
    series : {"region", "indicator"}, default "region"
        One line per region (the table holds one indicator), or one line
        per indicator (the table holds one region: its reported ranks in
        several indicators).
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    cjk : bool, optional
        ``False`` for English labels; see :func:`cjk_font`.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, with an inverted y axis. One line per region
        (or indicator), labelled with its name and annotated at its end.

    Raises
    ------
    GovmetricsError
        When ``x`` is not a column, there are no ranks, or the table mixes
        several indicators.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"region": ["A", "A", "B", "B"], "year": [2021, 2022] * 2,
    ...                   "indicator": "gdp", "rank": [1, 2, 2, 1]})
    >>> bool(rank_chart(t, cjk=False).yaxis_inverted())
    True
    """
    if x not in ("year", "period_end"):
        raise GovmetricsError(f"x must be 'year' or 'period_end', not {x!r}")
    data = ranked
    if "rank" in data.columns:
        col = "rank"
    elif "measure" in data.columns and (data["measure"] == "rank").any():
        data = data[data["measure"] == "rank"]
        col = "value"
    else:
        raise GovmetricsError("no rank column and no reported ranks (measure == 'rank')")
    if x not in data.columns:
        raise GovmetricsError(f"the table has no {x!r} column")
    if series not in ("region", "indicator"):
        raise GovmetricsError(f"series must be 'region' or 'indicator', not {series!r}")
    if regions is not None:
        data = data[data["region"].isin(list(regions))]
    fixed = "indicator" if series == "region" else "region"
    if fixed in data.columns and data[fixed].nunique() > 1:
        raise GovmetricsError(
            f"the table holds several {fixed}s ("
            + ", ".join(sorted(map(str, data[fixed].unique())))
            + f"); filter one first or draw one line per {fixed} with series={fixed!r}"
        )
    data = data[data[col].notna()]
    if data.empty:
        raise GovmetricsError("no ranks to draw")
    labels = _Labels(cjk)
    ax = _new_ax(ax)
    xs_all = sorted(int(v) for v in data[x].unique())
    ends: list[tuple[float, float]] = []
    for key, grp in data.groupby(series, sort=True):
        grp = grp.sort_values(x).drop_duplicates(x, keep="last")
        gx = grp[x].astype(float).to_numpy()
        gy = grp[col].astype(float).to_numpy()
        if series == "region":
            name = labels.region(key, _region_code(grp))
        else:
            name = labels.indicator(str(key))
        (line,) = ax.plot(gx, gy, marker="o", lw=2, ms=8, label=name)
        end = (float(gx[-1]), float(gy[-1]))
        stacked = ends.count(end)  # labels of lines ending at the same point go below
        ends.append(end)
        ax.annotate(name, end, xytext=(8, -13 * stacked), textcoords="offset points",
                    va="center", color=line.get_color())
    ymax = int(np.nanmax(data[col].astype(float)))
    if ymax <= 20:
        ax.set_yticks(range(1, ymax + 1))
    deepest = max((ends.count(e) for e in ends if e[1] == ymax), default=1)
    ax.set_ylim(ymax + 0.5 + 0.45 * ymax / 10 * (deepest - 1), 0.5)  # inverted: 1 on top
    if x == "period_end":
        ax.set_xticks(xs_all, [f"1-{v}" if v < 12 else "Year" for v in xs_all])
    else:
        ax.set_xticks(xs_all, [str(v) for v in xs_all])
    pad = 0.5 if len(xs_all) > 1 else 1
    ax.set_xlim(xs_all[0] - pad, xs_all[-1] + pad * 2)
    ax.set_xlabel("Year" if x == "year" else "Period")
    ax.set_ylabel("Rank (1 = best)")
    if series == "region" and "indicator" in data.columns:
        ax.set_title(labels.indicator(str(data["indicator"].iloc[0])))
    elif series == "indicator":
        ax.set_title(labels.region(data["region"].iloc[0], _region_code(data)))
    ax.grid(axis="y", color="0.92")
    labels.apply(ax)
    return ax


# --------------------------------------------------------------------------- tasks


def _task_completion(tasks: pd.DataFrame) -> pd.DataFrame:
    need = {"subject", "completion_pct_computed", "completion_pct_reported", "period_end"}
    missing = sorted(need - set(tasks.columns))
    if missing:
        raise GovmetricsError("task_progress needs a task table (govmetrics.tasks); missing: "
                              + ", ".join(missing))
    d = tasks.copy()
    d["completion"] = pd.to_numeric(d["completion_pct_computed"], errors="coerce").fillna(
        pd.to_numeric(d["completion_pct_reported"], errors="coerce"))
    d = d[d["completion"].notna() & d["period_end"].notna()]
    if d.empty:
        raise GovmetricsError("no task with a completion share to draw")
    if "lead_unit" not in d.columns:
        d["lead_unit"] = pd.NA
    return d.reset_index(drop=True)


def task_progress(tasks: pd.DataFrame, *, ax: Any = None, cjk: bool | None = None,
                  cap: float = 200.0) -> Any:
    """Completion of each task against the 序时进度 line, coloured by lead unit.

    Parameters
    ----------
    tasks : pandas.DataFrame
        A task table (:func:`govmetrics.tasks`); rows without a completion
        share (computed, else reported) are left out.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    cjk : bool, optional
        ``False`` for labels without Chinese (item numbers; units numbered).
    cap : float, default 200
        Bars longer than this are cut at it (the printed label keeps the value).

    Returns
    -------
    matplotlib.axes.Axes
        One horizontal bar per task (completion in percent), one bar colour
        per lead unit (grey: none), and for each task a black tick at the share
        of the year that has passed by its period (period_end / 12).

    Raises
    ------
    GovmetricsError
        When the table is not a task table or no task has a completion share.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"subject": ["5G基站", "充电桩"], "item": ["10", "35"],
    ...     "completion_pct_computed": [152.8, 82.0], "completion_pct_reported": [None, None],
    ...     "period_end": [9, 9], "lead_unit": ["市经信局", "市发改委"]})
    >>> len(task_progress(t, cjk=False).patches)
    2
    """
    d = _task_completion(tasks)
    labels = _Labels(cjk)
    ax = _new_ax(ax, figsize=(7.0, max(2.5, 0.35 * len(d) + 1.2)))
    units = [u for u in pd.unique(d["lead_unit"].dropna())]
    palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
    colour = {u: palette[i % len(palette)] for i, u in enumerate(units)}
    ys = np.arange(len(d))[::-1]
    for y, (_, r) in zip(ys, d.iterrows(), strict=True):
        unit = r["lead_unit"]
        c = colour.get(unit, "#999999") if pd.notna(unit) else "#999999"
        ax.barh(y, min(float(r["completion"]), cap), color=c, height=0.7)
        elapsed = 100 * float(r["period_end"]) / 12
        ax.plot([elapsed, elapsed], [y - 0.4, y + 0.4], color="black", lw=1.5)
        ax.text(min(float(r["completion"]), cap) + 2, y, f"{float(r['completion']):.1f}%",
                va="center", fontsize=8)
    names = [str(r["subject"]) if labels.zh else f"item {r.get('item', '')}"
             for _, r in d.iterrows()]
    ax.set_yticks(ys, names)
    ax.set_xlabel("Completion (%); tick = share of the year passed (序时进度)"
                  if labels.zh else "Completion (%); tick = share of the year passed")
    from matplotlib.patches import Patch

    handles = [Patch(color=colour[u], label=(str(u) if labels.zh else f"unit {i + 1}"))
               for i, u in enumerate(units)]
    if handles:
        ax.legend(handles=handles, title="Lead unit", loc="lower right", fontsize=8)
    ax.set_xlim(0, cap * 1.12)
    ax.grid(axis="x", color="0.92")
    labels.apply(ax)
    return ax


# --------------------------------------------------------------------------- overview


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

    from .vocabulary import indicator_ids

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


# charts across years and levels live in their own module (this one is long enough)
