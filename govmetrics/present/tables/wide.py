"""Long and wide layouts of the comparison table.

The long table (:func:`govmetrics.comparison_table`) has one row per region,
indicator and measure. The wide layout has one row per region and, for each
indicator ``ind``, the columns ``ind_measure``, ``ind_unit``,
``ind_target``, ``ind_actual``, ``ind_gap``, ``ind_status``, ``ind_rank``,
``ind_rank_reported`` and ``ind_period_end`` (flat snake_case names that
write cleanly to CSV). An indicator with several measures shows one in the
wide layout: growth rate, else rate, else level.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...errors import GovmetricsError
from ...vocabulary import indicator_ids

__all__ = ["VALUE_FIELDS", "WIDE_FIELDS", "to_long", "to_wide"]

#: Per-indicator value fields of the wide layout.
VALUE_FIELDS: tuple[str, ...] = ("target", "actual", "gap", "status", "rank")

#: Every per-indicator field of the wide layout, in column order.
WIDE_FIELDS: tuple[str, ...] = ("measure", "unit", *VALUE_FIELDS, "rank_reported", "period_end")

_MEASURE_PREFERENCE = {"growth_pct": 0, "rate": 1, "level": 2, "completion_pct": 3}
_ID_COLUMNS = ("region", "region_code", "year", "period_end")


def to_wide(table: pd.DataFrame) -> pd.DataFrame:
    """Pivot a long comparison table to one row per region.

    Parameters
    ----------
    table : pandas.DataFrame
        The long table of :func:`govmetrics.comparison_table`.

    Returns
    -------
    pandas.DataFrame
        Columns region, region_code, year, period_end (the latest period of
        the region) and ``{indicator}_{field}`` for each field of
        :data:`WIDE_FIELDS`, indicators in vocabulary order; rows sorted by
        region code. A work-report table also gets ``{indicator}_ratchet``.

    Examples
    --------
    >>> import pandas as pd
    >>> long = pd.DataFrame({"region": ["甲市", "甲市"], "region_code": ["420100"] * 2,
    ...     "year": [2022, 2022], "indicator": ["gdp", "cpi"], "measure": ["growth_pct"] * 2,
    ...     "unit": ["%", "%"], "target": [8.0, 3.0], "actual": [7.0, 2.0],
    ...     "period_end": [12, 12], "gap": [-1.0, 1.0], "status": ["missed", "met"],
    ...     "rank": [pd.NA] * 2, "rank_reported": [pd.NA] * 2})
    >>> to_wide(long)[["region", "gdp_target", "gdp_status", "cpi_gap"]].values.tolist()
    [['甲市', 8.0, 'missed', 1.0]]
    """
    need = {"region", "indicator", "measure", "target", "actual"}
    if not need.issubset(table.columns):
        raise GovmetricsError("to_wide needs a long comparison table (columns "
                              f"{', '.join(sorted(need))})")
    t = table.assign(_m=table["measure"].map(_MEASURE_PREFERENCE).fillna(9))
    t = t.sort_values("_m", kind="stable").drop_duplicates(["region", "indicator"])
    ratchet = "ratchet" in t.columns and t["ratchet"].notna().any()
    fields = list(WIDE_FIELDS) + (["ratchet"] if ratchet else [])
    rows: dict[str, dict[str, Any]] = {}
    for rec in t.to_dict("records"):
        row = rows.setdefault(str(rec["region"]), {
            "region": rec["region"], "region_code": rec.get("region_code", pd.NA),
            "year": rec.get("year", pd.NA), "period_end": pd.NA})
        for f in fields:
            row[f"{rec['indicator']}_{f}"] = rec.get(f, np.nan)
    present = set(t["indicator"])
    order = [i for i in indicator_ids() if i in present] + sorted(present - set(indicator_ids()))
    columns = list(_ID_COLUMNS) + [f"{i}_{f}" for i in order for f in fields]
    wide = pd.DataFrame(list(rows.values())).reindex(columns=columns)
    periods = wide[[f"{i}_period_end" for i in order]].apply(pd.to_numeric, errors="coerce")
    wide["period_end"] = periods.max(axis=1)
    return _wide_dtypes(wide).sort_values(
        ["region_code", "region"], na_position="last", kind="stable").reset_index(drop=True)


def _wide_dtypes(wide: pd.DataFrame) -> pd.DataFrame:
    for c in wide.columns:
        if c.endswith(("_target", "_actual", "_gap", "_ratchet")):
            wide[c] = pd.to_numeric(wide[c], errors="coerce").astype("float64")
        elif c.endswith(("_rank", "_rank_reported", "_period_end")) or c in ("year",
                                                                            "period_end"):
            wide[c] = pd.array(pd.to_numeric(wide[c], errors="coerce"), dtype="Int64")
        else:
            wide[c] = wide[c].astype("string")
    return wide


def to_long(wide: pd.DataFrame) -> pd.DataFrame:
    """Unpivot a wide comparison table back to one row per region and indicator.

    Parameters
    ----------
    wide : pandas.DataFrame
        A table from :func:`to_wide` (or ``comparison_table(..., layout="wide")``).

    Returns
    -------
    pandas.DataFrame
        Columns region, region_code, year and the per-indicator fields
        (indicator, measure, unit, target, actual, gap, status, rank,
        rank_reported, period_end, and ratchet when present); rows without a
        measure are dropped.

    Examples
    --------
    >>> import pandas as pd
    >>> w = pd.DataFrame({"region": ["甲市"], "region_code": ["420100"], "year": [2022],
    ...                   "period_end": [12], "gdp_measure": ["growth_pct"],
    ...                   "gdp_target": [8.0], "gdp_actual": [7.0]})
    >>> to_long(w)[["region", "indicator", "target", "actual"]].values.tolist()
    [['甲市', 'gdp', 8.0, 7.0]]
    """
    inds = [c.removesuffix("_measure") for c in wide.columns if c.endswith("_measure")]
    if not inds:
        raise GovmetricsError("to_long needs a wide comparison table ({indicator}_measure columns)")
    fields = [*WIDE_FIELDS, "ratchet"]
    ids = [c for c in ("region", "region_code", "year") if c in wide.columns]
    parts = []
    for ind in inds:
        cols = {f"{ind}_{f}": f for f in fields if f"{ind}_{f}" in wide.columns}
        part = wide[ids + list(cols)].rename(columns=cols).assign(indicator=ind)
        parts.append(part[part["measure"].notna()])
    out = pd.concat(parts, ignore_index=True)
    lead = [*ids, "indicator"]
    return out[lead + [c for c in out.columns if c not in lead]]
