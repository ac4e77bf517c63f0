"""Charts across years and levels: target history and target amplification.

Part of :mod:`govmetrics.plot` (imported there); same rules: ``ax=None`` makes
a new figure, the Axes is returned, no global style is changed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...analysis import amplification as _amplification
from ...analysis import panel as _panel
from ...errors import GovmetricsError
from ._common import _Labels, _new_ax, _region_code

__all__ = ["amplification", "target_history"]

#: Colours of the administrative levels in the amplification chart (Okabe-Ito).
LEVEL_COLORS = {"province": "#0072B2", "prefecture": "#E69F00", "county": "#009E73"}


def _history_measure(rows: pd.DataFrame, measure: str | None) -> str:
    if measure is not None:
        return measure
    for m in ("growth_pct", "rate", "level"):
        if (rows["measure"] == m).any() and rows.loc[rows["measure"] == m, "target"].notna().any():
            return m
    raise GovmetricsError("no target to draw a history of")


def target_history(facts: pd.DataFrame, region: str, indicator: str, *,
                   measure: str | None = None, ax: Any = None, cjk: bool | None = None) -> Any:
    """Target against full-year actual over the years, for one region and indicator.

    Targets are drawn as a line with tick markers (a range as a vertical bar from its low
    to its high end), the latest full-year actual as a line with filled
    markers (hollow where the figure is a 预计 estimate), and the first
    published figure as a small grey marker where it was later revised.

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table or a panel (:func:`govmetrics.panel`).
    region : str
        Region name.
    indicator : str
        Canonical indicator id.
    measure : str, optional
        ``growth_pct``, ``rate`` or ``level``; default: the first of these
        with a target.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.
    cjk : bool, optional
        ``False`` for English labels; see :func:`govmetrics.plot.cjk_font`.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; lines are labelled ``"target"`` and ``"actual"``.

    Raises
    ------
    GovmetricsError
        When the region has no target for the indicator.
    """
    pan = _panel(facts) if "role" in facts.columns else facts
    rows = pan[(pan["region"] == region) & (pan["indicator"] == indicator)]
    if rows.empty:
        raise GovmetricsError(f"no facts for {region} {indicator}")
    m = _history_measure(rows, measure)
    rows = rows[rows["measure"] == m].sort_values("year")
    labels = _Labels(cjk)
    ax = _new_ax(ax)
    x = rows["year"].astype(float).to_numpy()
    t = rows["target"].to_numpy(dtype=float)
    ax.plot(x, t, color="#0072B2", lw=1.5, marker="_", ms=14, mew=2, label="target")
    rng = rows["low"].notna() & rows["high"].notna()
    if rng.any():
        ax.vlines(x[rng.to_numpy()], rows.loc[rng, "low"], rows.loc[rng, "high"],
                  color="#0072B2", lw=4, alpha=0.35, label="target range")
    a = rows["actual_latest"].to_numpy(dtype=float)
    est = rows["actual_latest_estimate"].fillna(0).to_numpy(dtype=float) > 0
    ax.plot(x, a, color="#D55E00", lw=2, label="actual")
    ax.scatter(x[~est], a[~est], color="#D55E00", zorder=3)
    if est.any():
        ax.scatter(x[est], a[est], facecolor="white", edgecolor="#D55E00", zorder=3,
                   label="estimate (预计)" if labels.zh else "estimate")
    rev = rows["revision"].fillna(0).to_numpy(dtype=float) != 0
    if rev.any():
        ax.scatter(x[rev], rows["actual_first"].to_numpy(dtype=float)[rev], color="0.5", s=14,
                   zorder=3, label="first published")
    years = np.unique(x[~np.isnan(x)])
    ax.set_xticks(years, [str(int(y)) for y in years])
    ax.set_xlabel("Plan year")
    ax.set_ylabel({"growth_pct": "Growth (%)", "rate": "Rate (%)"}.get(m, "Amount"))
    ax.margins(x=0.08, y=0.15)
    code = _region_code(rows)
    ax.set_title(f"{labels.region(region, code)}: {labels.indicator(indicator)}")
    ax.legend(loc="best", fontsize="small")
    labels.apply(ax)
    return ax


def amplification(table: pd.DataFrame, *, indicator: str = "gdp", measure: str = "growth_pct",
                  year: int | None = None, relation: str = "parent", ax: Any = None,
                  cjk: bool | None = None) -> Any:
    """Each region's target against its parent's: points above the diagonal amplify.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`govmetrics.amplification`, or a fact table
        (passed through it first).
    indicator, measure : str
        What to draw; default GDP growth.
    year : int, optional
        One plan year; default every year in the table.
    relation : {"parent", "grandparent"}
        Compare with the parent (default) or the grandparent.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.
    cjk : bool, optional
        ``False`` for English labels (regions then shown by code).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes: one scatter per administrative level (labelled with the
        level) and the diagonal (label ``"equal"``).

    Raises
    ------
    GovmetricsError
        When no region has both targets.
    """
    if relation not in ("parent", "grandparent"):
        raise GovmetricsError(f"relation must be 'parent' or 'grandparent', not {relation!r}")
    amp = table if f"{relation}_target" in table.columns else _amplification(table)
    sel = amp[(amp["indicator"] == indicator) & (amp["measure"] == measure)]
    if year is not None:
        sel = sel[sel["year"] == int(year)]
    sel = sel[sel["target"].notna() & sel[f"{relation}_target"].notna()]
    if sel.empty:
        raise GovmetricsError(f"no {indicator} {measure} target with a {relation} target to draw")
    labels = _Labels(cjk)
    ax = _new_ax(ax, figsize=(5.5, 5.0))
    xs, ys = sel[f"{relation}_target"].to_numpy(float), sel["target"].to_numpy(float)
    lo, hi = float(np.nanmin([xs.min(), ys.min()])), float(np.nanmax([xs.max(), ys.max()]))
    pad = max((hi - lo) * 0.1, 0.5)
    ax.plot([lo - pad, hi + pad], [lo - pad, hi + pad], ls="--", color="0.5", lw=1,
            label="equal")
    for level, grp in sel.groupby("level", sort=False, observed=True):
        ax.scatter(grp[f"{relation}_target"], grp["target"], s=36, zorder=3,
                   color=LEVEL_COLORS.get(str(level), "0.3"), label=str(level))
    if len(sel) <= 15:
        for r in sel.itertuples(index=False):
            ax.annotate(f"{labels.region(r.region, r.region_code)} {int(r.year)}",
                        (getattr(r, f"{relation}_target"), r.target), fontsize="x-small",
                        xytext=(3, 3), textcoords="offset points")
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(lo - pad, hi + pad)
    unit = " (%)" if measure in ("growth_pct", "rate") else ""
    ax.set_xlabel(f"{relation.capitalize()}'s target{unit}")
    ax.set_ylabel(f"Own target{unit}")
    ax.set_title(f"Target amplification: {labels.indicator(indicator)}")
    ax.legend(loc="best", fontsize="small")
    labels.apply(ax)
    return ax
