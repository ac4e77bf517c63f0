"""Units a reader expects: amounts in 亿元 / 万人 / 元, rates in percent.

The choice is data (``govmetrics/data/display_units.csv``): per base unit,
candidate units from the largest down; an indicator listed on a row always
gets that row's unit (per-capita incomes in 元). Otherwise the first unit
whose ``min_abs`` the median absolute value of the column reaches is used.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from ...vocabulary import indicators, read_vocabulary

__all__ = ["display_unit", "display_units"]


@cache
def display_units() -> tuple[dict[str, str], ...]:
    """Rows of ``display_units.csv`` (base_unit, label, label_en, factor, min_abs, indicators).

    Examples
    --------
    >>> display_units()[0]["label"]
    '元'
    """
    return read_vocabulary("display_units.csv")


@cache
def _base_units() -> dict[str, str]:
    return {r["id"]: r["base_unit"] for r in indicators()}


def display_unit(indicator: str, measure: str, values, lang: str = "zh") -> tuple[str, float]:
    """The unit label and the factor (base units per display unit) for a column of values.

    Parameters
    ----------
    indicator : str
        Canonical indicator id.
    measure : str
        ``growth_pct``, ``rate``, ``completion_pct`` (all percent) or ``level``.
    values : array-like
        The values (in base units) shown in that unit.
    lang : {"zh", "en"}
        Language of the label.

    Returns
    -------
    (str, float)
        Label and factor: the shown number is ``value / factor``.

    Examples
    --------
    >>> display_unit("gdp", "level", [132129000000.0])
    ('亿元', 100000000.0)
    >>> display_unit("new_urban_jobs", "level", [37000, 10312])
    ('万人', 10000.0)
    >>> display_unit("urban_disposable_income", "level", [41000.0])
    ('元', 1.0)
    >>> display_unit("gdp", "growth_pct", [8.0])
    ('%', 1.0)
    """
    key = "label" if lang == "zh" else "label_en"
    base = "percent" if measure != "level" else _base_units().get(indicator, "")
    rows = [r for r in display_units() if r["base_unit"] == base]
    for r in rows:
        if indicator in r["indicators"].split("|"):
            return r[key], float(r["factor"])
    try:  # numbers (the usual case): no Series
        arr = np.abs(np.asarray(values, dtype="float64")).ravel()
    except (TypeError, ValueError):
        arr = np.abs(pd.to_numeric(pd.Series(list(values), dtype="object"), errors="coerce")
                     .to_numpy(dtype="float64", na_value=np.nan))
    med = float(np.nanmedian(arr)) if (~np.isnan(arr)).any() else 0.0
    for r in rows:
        if not r["indicators"] and med >= float(r["min_abs"]):
            return r[key], float(r["factor"])
    return ("" if base not in ("yuan", "person") else base), 1.0
