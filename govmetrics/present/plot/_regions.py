"""Charts across regions: target against actual (dumbbell) and reported ranks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ...analysis import attainment as _attainment
from ...analysis.attainment import is_attainment_table
from ...errors import GovmetricsError
from ._common import STATUS_COLORS, STATUS_LABELS, STATUS_MARKERS, _Labels, _new_ax, _region_code

__all__ = ["rank_chart", "target_vs_actual"]


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
