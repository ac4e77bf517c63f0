"""The multi-year comparison table: each region's targets against its full-year results.

:func:`multi_year_table` is the table of ``govmetrics table --years 2019-2024``:
one row per region and plan year, with, for each headline indicator, the
target set in that year's documents and the full-year actual reported later
(the next year's work report or a bulletin), from :func:`govmetrics.panel`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .analysis import attainment, panel
from .errors import GovmetricsError
from .present.tables import _headline_rows
from .vocabulary import indicator_ids

__all__ = ["YEAR_FIELDS", "multi_year_table", "parse_years"]

#: Per-indicator fields of the multi-year table, in column order.
YEAR_FIELDS: tuple[str, ...] = ("measure", "target", "actual", "estimate", "gap", "status")


def parse_years(text: str) -> list[int]:
    """Years from ``2019-2024``, ``2019,2021`` or ``2022`` (ranges include both ends).

    Examples
    --------
    >>> parse_years("2019-2022"), parse_years("2018,2020-2021")
    ([2019, 2020, 2021, 2022], [2018, 2020, 2021])
    """
    years: set[int] = set()
    for part in str(text).split(","):
        part = part.strip()
        m = re.fullmatch(r"(\d{4})\s*(?:[-–~:]\s*(\d{4}))?", part)
        if not m:
            raise GovmetricsError(f"--years: cannot read {part!r}; use e.g. 2019-2024 or "
                                  "2019,2021")
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if hi < lo:
            raise GovmetricsError(f"--years: {part!r} ends before it starts")
        years.update(range(lo, hi + 1))
    return sorted(years)


def multi_year_table(facts: pd.DataFrame, years: Iterable[int] | str, *,
                     indicators: Iterable[str] | None = None,
                     regions: Iterable[str] | None = None) -> pd.DataFrame:
    """Targets against full-year actuals for each region and year.

    The facts are put in a :func:`govmetrics.panel` (so a target and the
    actual published a year later meet on one row) and judged with
    :func:`govmetrics.attainment` on the latest full-year figure.

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table or a panel.
    years : iterable of int or str
        Plan years, or a string such as ``"2019-2024"`` (see :func:`parse_years`).
    indicators : iterable of str, optional
        Canonical indicator ids, in column order. Default: every indicator
        with a target in those years, in vocabulary order.
    regions : iterable of str, optional
        Region names to include. Default: every region with a target.

    Returns
    -------
    pandas.DataFrame
        One row per region and year with a target, sorted by region code
        (then name) and year. Columns ``region``, ``region_code``, ``year``
        and, for each indicator ``ind``: ``ind_measure`` (the measure
        compared: growth_pct, rate or level, in that preference),
        ``ind_target`` (the effective target: a range at its near end),
        ``ind_actual`` (latest full-year figure; NaN when none is known yet),
        ``ind_estimate`` (1 when that figure is a 预计 estimate), ``ind_gap``
        (positive is good) and ``ind_status`` (met, nearly_met, missed,
        no_actual, no_basis).

    Raises
    ------
    GovmetricsError
        When no target is left after filtering, or an indicator id is unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["咸宁市"] * 3, "year": [2021, 2021, 2022], "indicator": ["gdp"] * 3,
    ...     "role": ["target", "actual", "target"], "period_end": [12] * 3,
    ...     "measure": ["growth_pct"] * 3, "value": [10.0, 12.1, 7.0]})
    >>> t = multi_year_table(facts, "2021-2022")
    >>> t["year"].tolist(), t["gdp_actual"].tolist(), t["gdp_status"].tolist()
    ([2021, 2022], [12.1, nan], ['met', 'no_actual'])
    """
    wanted = parse_years(years) if isinstance(years, str) else sorted({int(y) for y in years})
    if indicators is not None:
        indicators = list(indicators)
        unknown = sorted(set(indicators) - set(indicator_ids()))
        if unknown:
            raise GovmetricsError(f"unknown indicator id(s): {', '.join(unknown)}")
    pan = panel(facts) if "role" in facts.columns else facts
    att = attainment(pan)
    att = att[att["year"].isin(wanted).fillna(False).to_numpy()]
    if indicators is not None:
        att = att[att["indicator"].isin(indicators)]
    if regions is not None:
        att = att[att["region"].isin(list(regions))]
    if att.empty:
        shown = f"{wanted[0]}-{wanted[-1]}" if wanted else "(none)"
        raise GovmetricsError(f"no targets for the years {shown} with the given regions "
                              "and indicators")
    att = _headline_rows(att.reset_index(drop=True))
    order = indicators or [i for i in indicator_ids() if i in set(att["indicator"])]
    return _pivot_years(att, order)


def _pivot_years(att: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    rows: dict[tuple[str, int], dict[str, Any]] = {}
    for rec in att.to_dict("records"):
        key = (str(rec["region"]), int(rec["year"]))
        row = rows.setdefault(key, {"region": rec["region"],
                                    "region_code": rec.get("region_code", pd.NA),
                                    "year": rec["year"]})
        if pd.isna(row["region_code"]) and pd.notna(rec.get("region_code", pd.NA)):
            row["region_code"] = rec["region_code"]
        for field in YEAR_FIELDS:
            row[f"{rec['indicator']}_{field}"] = rec.get(field, np.nan)
    columns = ["region", "region_code", "year"]
    columns += [f"{ind}_{f}" for ind in order for f in YEAR_FIELDS]
    table = pd.DataFrame(list(rows.values())).reindex(columns=columns)
    for c in table.columns:
        if c.endswith(("_target", "_actual", "_gap")):
            table[c] = pd.to_numeric(table[c], errors="coerce").astype("float64")
        elif c.endswith("_estimate") or c == "year":
            table[c] = pd.to_numeric(table[c], errors="coerce").astype("Int64")
        else:
            table[c] = table[c].astype("string")
    keys = ["region_code", "region", "year"] if table["region_code"].notna().any() \
        else ["region", "year"]
    return table.sort_values(keys, na_position="last", kind="stable").reset_index(drop=True)
