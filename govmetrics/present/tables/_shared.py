"""Helpers other presentation modules share with the tables (the multi-year table)."""

from __future__ import annotations

import pandas as pd

#: When an indicator has targets of several measures, the one shown first.
MEASURE_PREFERENCE = ("growth_pct", "rate", "level", "completion_pct", "rank")


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
