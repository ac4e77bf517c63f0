"""Task completion against the 序时进度 line."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...errors import GovmetricsError
from ._common import _Labels, _new_ax

__all__ = ["task_progress"]


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
