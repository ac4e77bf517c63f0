"""The readable form of a long comparison table (for Markdown, LaTeX and the terminal).

:func:`readable` turns the numeric long table into text cells: the target
with its modifier (≈8, ≥4.5, ≤4.5, 8–8.5), the actual and its period
(全年, 1-9月), the gap with a sign, status words and ranks. Labels are data
(``govmetrics/data/table_labels.csv``).
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from ...vocabulary import indicator_names, read_vocabulary

__all__ = ["RIGHT_ALIGNED", "caption", "fmt_number", "footnotes", "label", "readable"]

#: Columns of :func:`readable` that hold numbers (right-aligned when printed).
RIGHT_ALIGNED = ("target", "actual", "gap", "ratchet", "rank", "peers")

#: Marks an actual when the documents give more than one figure for its key.
SEVERAL_FIGURES = "*"


@cache
def _labels() -> dict[tuple[str, str], dict[str, str]]:
    return {(r["kind"], r["key"]): r for r in read_vocabulary("table_labels.csv")}


def label(kind: str, key: Any, lang: str = "en") -> str:
    """The display label of a status, modifier or period.

    Examples
    --------
    >>> label("status", "nearly_met"), label("modifier", "about")
    ('nearly met', '≈')
    >>> label("period", 9, "zh"), label("period", 5, "en"), label("period", 12)
    ('1-9月', 'M1-5', 'year')
    """
    table = _labels()
    row = table.get((kind, str(key)))
    if row is None and kind == "period":
        row = table.get(("period", "*"))
        return row[lang].format(m=key) if row else str(key)
    if row is None:
        return "" if key is None else str(key)
    return row[lang]


def fmt_number(value: Any, signed: bool = False) -> str:
    """A number as a reader writes it: at most two decimals, thousands separators.

    Examples
    --------
    >>> fmt_number(1321.29), fmt_number(37000.0), fmt_number(-3.6, signed=True)
    ('1,321.29', '37,000', '-3.6')
    >>> fmt_number(0.5, signed=True), fmt_number(float("nan"))
    ('+0.5', '')
    """
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, (float, np.floating)) and math.isnan(value):
        return ""
    v = float(value)
    text = f"{v:,.2f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return ("+" + text) if signed and v > 0 else text


def _target_text(rec: dict[str, Any], lang: str) -> str:
    mod = rec.get("modifier")
    mod = "point" if mod is None or mod is pd.NA else str(mod)
    if mod == "range":
        return f"{fmt_number(rec.get('target_low'))}–{fmt_number(rec.get('target_high'))}"
    num = fmt_number(rec.get("target"))
    if mod == "synced":
        word = label("modifier", "synced", lang)
        return f"{word} ({num})" if num else word
    return label("modifier", mod, lang) + num


def _period_text(rec: dict[str, Any], lang: str) -> str:
    pe = rec.get("period_end")
    if pe is None or pe is pd.NA or (isinstance(pe, float) and math.isnan(pe)):
        return ""
    return label("period", int(pe), lang)


def _int_text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(int(value))


def is_work_report(table: pd.DataFrame) -> bool:
    """Whether a long table is in the work-report view."""
    return "view" in table.columns and table["view"].eq("work_report").any()


def caption(table: pd.DataFrame) -> str:
    """One line saying what the table compares.

    Examples
    --------
    >>> import pandas as pd
    >>> caption(pd.DataFrame({"year": [2024], "actual_year": [2023], "view": ["work_report"]}))
    '2024 targets beside 2023 actuals (work-report view; ratchet = target - last actual)'
    """
    if table.empty:
        return ""
    year = int(table["year"].dropna().iloc[0]) if table["year"].notna().any() else None
    if is_work_report(table):
        return (f"{year} targets beside {year - 1} actuals "
                "(work-report view; ratchet = target - last actual)")
    notes = ["gap: positive is good"]
    if "rank_reported" in table.columns and table["rank_reported"].notna().any():
        notes.append("rank: as the documents report it")
    if "rank" in table.columns and table["rank"].notna().any():
        notes.append("peers: rank / regions of the same level in this table")
    return f"{year} targets and actuals ({'; '.join(notes)})"


def readable(table: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Text cells of a long comparison table, as printed by ``govmetrics table``.

    Parameters
    ----------
    table : pandas.DataFrame
        The long table of :func:`govmetrics.comparison_table`.
    lang : {"zh", "en"}
        Language of indicator names and period labels (column headers and
        status words are English).

    Returns
    -------
    pandas.DataFrame
        Columns region, indicator, unit, target, actual, period, then gap and
        status (attainment view) or ratchet (work-report view), then
        ``rank`` (a rank the documents report) and ``peers`` (computed rank
        / size of the peer group) when any row has one. An actual marked ``*`` is the first of several
        figures the documents give.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"region": ["咸宁市"], "indicator": ["gdp"], "unit": ["%"],
    ...     "modifier": ["about"], "target": [8.0], "actual": [4.4], "period_end": [9],
    ...     "gap": [-3.6], "status": ["behind"], "n_figures": [1], "view": ["attainment"]})
    >>> readable(t).iloc[0].tolist()
    ['咸宁市', '地区生产总值', '%', '≈8', '4.4', '1-9月', '-3.6', 'behind']
    """
    names = indicator_names("zh" if lang == "zh" else "en")
    work = is_work_report(table)
    recs = table.to_dict("records")
    out: dict[str, list[str]] = {
        "region": [str(r["region"]) for r in recs],
        "indicator": [names.get(str(r["indicator"]), str(r["indicator"])) for r in recs],
        "unit": ["" if r.get("unit") is pd.NA else str(r.get("unit") or "") for r in recs],
        "target": [_target_text(r, lang) for r in recs],
        "actual": [fmt_number(r.get("actual")) + (
            SEVERAL_FIGURES if (r.get("n_figures") or 1) > 1 and not pd.isna(r.get("actual"))
            else "") for r in recs],
        "period": [_period_text(r, lang) for r in recs],
    }
    if work:
        out["ratchet"] = [fmt_number(r.get("ratchet"), signed=True) for r in recs]
    else:
        out["gap"] = [fmt_number(r.get("gap"), signed=True) for r in recs]
        out["status"] = [label("status", r.get("status")) if not pd.isna(r.get("status"))
                         else "" for r in recs]
    if "rank_reported" in table.columns and table["rank_reported"].notna().any():
        out["rank"] = [_int_text(r.get("rank_reported")) for r in recs]
    if "rank" in table.columns and table["rank"].notna().any():
        out["peers"] = [f"{_int_text(r.get('rank'))}/{_int_text(r.get('n_peers'))}"
                        if not pd.isna(r.get("rank")) else "" for r in recs]
    if work:
        year = table["year"].dropna()
        if len(year):
            y = int(year.iloc[0])
            out[f"target {y}"] = out.pop("target")
            out[f"actual {y - 1}"] = out.pop("actual")
            order = ["region", "indicator", "unit", f"target {y}", f"actual {y - 1}", "period",
                     "ratchet", *[k for k in ("rank", "peers") if k in out]]
            out = {k: out[k] for k in order}
    return pd.DataFrame(out)


def footnotes(table: pd.DataFrame) -> list[str]:
    """Lines printed under the table (the meaning of ``*``), possibly none."""
    if "n_figures" in table.columns and (pd.to_numeric(table["n_figures"]) > 1).any():
        return [f"{SEVERAL_FIGURES} the documents give several figures for this indicator "
                "and period; the first is shown"]
    return []
