"""Helpers other presentation modules share with the tables (history, panel plots)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pandas as pd

from ..errors import GovmetricsError

#: When an indicator has targets of several measures, the one shown first.
MEASURE_PREFERENCE = ("growth_pct", "rate", "level", "completion_pct", "rank")


def _analysis(name: str) -> Callable[..., Any]:
    """Return an analysis function of :mod:`govmetrics` by name."""
    import govmetrics

    func = getattr(govmetrics, name, None)
    if func is None:
        try:
            func = getattr(importlib.import_module("govmetrics.analysis"), name, None)
        except ImportError:
            func = None
    if func is None:
        raise GovmetricsError(f"govmetrics.{name} is not available in this installation")
    return func


def _headline_rows(att: pd.DataFrame) -> pd.DataFrame:
    """One attainment row per region, year and indicator: the preferred measure.

    Rows with an actual come first, then the measure order of
    :data:`MEASURE_PREFERENCE`; targets without a value count only when synced.
    """
    if att.empty:
        return att
    pref = {m: i for i, m in enumerate(MEASURE_PREFERENCE)}
    out = att[att["target"].notna() | att.get("modifier", pd.Series(index=att.index)).eq("synced")]
    out = out.assign(
        _pref=out["measure"].map(pref).fillna(len(pref)),
        _no_actual=out["actual"].isna(),
    )
    out = out.sort_values(["_no_actual", "_pref"], kind="stable")
    keys = ["region", "year", "indicator"]
    return out.drop_duplicates(keys).drop(columns=["_pref", "_no_actual"])
