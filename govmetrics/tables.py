"""The annual comparison table and its writers (Markdown, LaTeX, Excel, CSV).

:func:`comparison_table` turns a fact table into one row per region with, for
each headline indicator, the target, the actual, the gap, the attainment
status and the rank among the regions in the table. The columns are flat
snake_case names (``gdp_target``, ``gdp_actual``, ``gdp_gap``, ``gdp_status``,
``gdp_rank``) so the table writes cleanly to CSV.

The writers never let a text cell be read as a spreadsheet formula: cells
that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a
leading apostrophe in CSV and Excel output.
"""

from __future__ import annotations

import importlib
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import GovmetricsError
from .vocabulary import indicator_ids

__all__ = [
    "VALUE_FIELDS",
    "comparison_table",
    "to_csv",
    "to_excel",
    "to_latex",
    "to_markdown",
]

#: Per-indicator fields of the comparison table, in column order.
VALUE_FIELDS: tuple[str, ...] = ("target", "actual", "gap", "status", "rank")

#: When an indicator has targets of several measures, the one shown.
_MEASURE_PREFERENCE = ("growth_pct", "rate", "level", "completion_pct", "rank")

_ID_COLUMNS = ("region", "region_code", "year", "period_end")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def _is_attainment(table: pd.DataFrame) -> bool:
    return {"target", "actual", "status", "gap"}.issubset(table.columns)


def _as_attainment(facts: pd.DataFrame) -> pd.DataFrame:
    """Attainment rows of a fact table (or the table itself if it already is one)."""
    if _is_attainment(facts):
        return facts.copy()
    return _analysis("attainment")(facts)


def _headline_rows(att: pd.DataFrame) -> pd.DataFrame:
    """One attainment row per region, indicator and period: the preferred measure."""
    if att.empty:
        return att
    pref = {m: i for i, m in enumerate(_MEASURE_PREFERENCE)}
    out = att[att["target"].notna() | att.get("modifier", pd.Series(index=att.index)).eq("synced")]
    out = out.assign(
        _pref=out["measure"].map(pref).fillna(len(pref)),
        _no_actual=out["actual"].isna(),
    )
    out = out.sort_values(["_no_actual", "_pref"], kind="stable")
    keys = ["region", "year", "indicator"]
    return out.drop_duplicates(keys).drop(columns=["_pref", "_no_actual"])


def comparison_table(
    facts: pd.DataFrame,
    year: int,
    period_end: int | None = None,
    indicators: Iterable[str] | None = None,
    regions: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Compare regions on their targets and actuals for one year.

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table (from :func:`govmetrics.extract` or
        :func:`govmetrics.datasets.load`), or the output of
        :func:`govmetrics.attainment`.
    year : int
        The plan year.
    period_end : int, optional
        The last month of the actuals to compare (3, 6, 9, 12, ...). ``None``
        takes the latest period reported for each region.
    indicators : iterable of str, optional
        Canonical indicator ids to include, in this column order. Default:
        every indicator that has a target, in vocabulary order.
    regions : iterable of str, optional
        Region names to include. Default: every region with a target.

    Returns
    -------
    pandas.DataFrame
        One row per region, with columns ``region``, ``region_code``,
        ``year``, ``period_end`` and, for each indicator ``ind``,
        ``ind_target``, ``ind_actual``, ``ind_gap``, ``ind_status`` and
        ``ind_rank`` (rank among the regions of the table by the actual,
        1 = best in the indicator's direction). ``ind_measure`` names the
        measure compared (``growth_pct``, ``level``, ``rate``) and
        ``ind_rank_reported`` the rank a document reports, when any does.
        The targets, actuals and gaps are in the measure's units: percent
        for growth rates and rates, base units (yuan, persons) for levels.

    Raises
    ------
    GovmetricsError
        When nothing is left after filtering.

    Examples
    --------
    >>> from govmetrics import datasets
    >>> table = comparison_table(datasets.load("seeds"), 2022)
    >>> table.loc[0, ["region", "gdp_target", "gdp_actual", "gdp_status"]].astype(str).tolist()
    ['咸宁市', '8.0', '4.4', 'in_progress']
    """
    year = int(year)
    data = facts[facts["year"] == year]
    if regions is not None:
        regions = list(regions)
        data = data[data["region"].isin(regions)]
    if indicators is not None:
        indicators = list(indicators)
        unknown = sorted(set(indicators) - set(indicator_ids()))
        if unknown:
            raise GovmetricsError(f"unknown indicator id(s): {', '.join(unknown)}")
        data = data[data["indicator"].isin(indicators)]
    if data.empty:
        raise GovmetricsError(f"no facts for year {year} with the given regions and indicators")

    att = _as_attainment(data)
    att = att[att["year"] == year].reset_index(drop=True)
    has_actual = att["actual"].notna()
    if period_end is not None:
        at_period = has_actual & att["period_end"].eq(int(period_end)).fillna(False)
    else:
        latest = (att[has_actual].groupby(["region", "indicator", "measure"])["period_end"]
                  .transform("max"))
        at_period = has_actual & att["period_end"].eq(latest.reindex(att.index)).fillna(False)
    at_period = at_period.astype(bool)
    if not at_period.any():
        when = f" at period {period_end}" if period_end is not None else ""
        raise GovmetricsError(f"no target with a matching actual for year {year}{when}")
    # targets without an actual at the period show the target alone (status no_actual)
    target_only = att[~at_period & att["target"].notna()].copy()
    blank = [c for c in ("actual", "gap", "completion_pct", "completion_reported", "estimate",
                         "stretch_met") if c in target_only.columns]
    target_only[blank] = np.nan
    target_only["status"] = "no_actual"
    target_only["period_end"] = pd.NA
    att = _headline_rows(pd.concat([att[at_period], target_only], ignore_index=True))
    att = _with_ranks(att, data)
    region_period = att.groupby("region")["period_end"].max()
    att = att.assign(_ind_period=att["period_end"],
                     period_end=att["region"].map(region_period))
    order = indicators or [i for i in indicator_ids() if i in set(att["indicator"])]
    return _pivot(att, order)


def _with_ranks(att: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Add ``rank`` (among the regions, by the actual) and ``rank_reported``."""
    ranked = _analysis("rank")(att.reset_index(drop=True), by="actual", facts=facts)
    if "rank_reported" not in ranked.columns:
        ranked["rank_reported"] = np.nan
    return ranked


def _pivot(att: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    rows: dict[str, dict[str, Any]] = {}
    for rec in att.to_dict("records"):
        row = rows.setdefault(str(rec["region"]), {
            "region": rec["region"],
            "region_code": rec.get("region_code", pd.NA),
            "year": rec["year"],
            "period_end": rec["period_end"],
        })
        ind = rec["indicator"]
        row[f"{ind}_measure"] = rec["measure"]
        for field in VALUE_FIELDS:
            row[f"{ind}_{field}"] = rec.get(field, np.nan)
        row[f"{ind}_rank_reported"] = rec.get("rank_reported", np.nan)
        row[f"{ind}_period_end"] = rec.get("_ind_period", np.nan)
    columns = list(_ID_COLUMNS)
    for ind in order:
        columns.append(f"{ind}_measure")
        columns += [f"{ind}_{f}" for f in VALUE_FIELDS]
        columns.append(f"{ind}_rank_reported")
        columns.append(f"{ind}_period_end")
    table = pd.DataFrame(list(rows.values())).reindex(columns=columns)
    # drop reported-rank columns nobody reported, and per-indicator periods that all
    # equal the region's period
    empty = [c for c in table.columns if c.endswith("_rank_reported") and table[c].isna().all()]
    for c in table.columns:
        if c.endswith("_period_end") and c != "period_end":
            ind_p = pd.to_numeric(table[c], errors="coerce")
            if (ind_p.isna() | ind_p.eq(pd.to_numeric(table["period_end"]))).all():
                empty.append(c)
    table = table.drop(columns=empty)
    for c in table.columns:
        if c.endswith(("_target", "_actual", "_gap")):
            table[c] = pd.to_numeric(table[c], errors="coerce").astype("float64")
        elif c.endswith(("_rank", "_rank_reported", "_period_end")) or c == "year":
            table[c] = pd.to_numeric(table[c], errors="coerce").astype("Int64")
        elif c.endswith(("_status", "_measure")) or c in ("region", "region_code"):
            table[c] = table[c].astype("string")
    sort_keys = ["region_code", "region"] if table["region_code"].notna().any() else ["region"]
    return table.sort_values(sort_keys, na_position="last", kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- writers


def neutralise(value: Any) -> Any:
    """Defuse a text cell that a spreadsheet would read as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a leading apostrophe; anything else is returned unchanged.

    Examples
    --------
    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("咸宁市"), neutralise(-3.5)
    ('咸宁市', -3.5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _neutralised(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for c in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[c]) or pd.api.types.is_bool_dtype(out[c])):
            out[c] = out[c].map(neutralise, na_action="ignore")
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def _fmt_number(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if abs(v) >= 1e4:
            return f"{v:,.0f}"
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _display_frame(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({c: [_fmt_number(v) for v in table[c].tolist()] for c in table.columns})


def to_markdown(table: pd.DataFrame) -> str:
    """Render a table as GitHub-flavoured Markdown.

    Numbers of 10,000 and more get thousands separators; smaller ones at
    most two decimals. Missing values are blank.

    Examples
    --------
    >>> import pandas as pd
    >>> print(to_markdown(pd.DataFrame({"region": ["咸宁市"], "gdp_target": [8.0]})))
    | region   |   gdp_target |
    |:---------|-------------:|
    | 咸宁市   |            8 |
    """
    from tabulate import tabulate

    shown = _display_frame(table)
    numeric = [pd.api.types.is_numeric_dtype(table[c]) for c in table.columns]
    align = ["right" if n else "left" for n in numeric]
    return tabulate(shown.values.tolist(), headers=list(table.columns), tablefmt="pipe",
                    colalign=align, disable_numparse=True)


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX_SPECIAL))


def latex_escape(text: str) -> str:
    r"""Escape LaTeX special characters.

    Examples
    --------
    >>> latex_escape("gdp_gap 5% & more")
    'gdp\\_gap 5\\% \\& more'
    """
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group(0)], text)


def to_latex(table: pd.DataFrame, caption: str | None = None, label: str | None = None) -> str:
    r"""Render a table as a LaTeX ``tabular`` with booktabs rules.

    Every cell and header is escaped. Chinese text needs a CJK-capable
    engine and package (XeLaTeX with ``xeCJK``); ``\usepackage{booktabs}``
    is required.

    Parameters
    ----------
    table : pandas.DataFrame
        The table to render.
    caption, label : str, optional
        When either is given the tabular is wrapped in a ``table`` float.

    Examples
    --------
    >>> import pandas as pd
    >>> print(to_latex(pd.DataFrame({"gdp_gap": [-3.6]})))
    \begin{tabular}{r}
    \toprule
    gdp\_gap \\
    \midrule
    -3.6 \\
    \bottomrule
    \end{tabular}
    """
    shown = _display_frame(table)
    spec = "".join("r" if pd.api.types.is_numeric_dtype(table[c]) else "l" for c in table.columns)
    lines = [rf"\begin{{tabular}}{{{spec}}}", r"\toprule",
             " & ".join(latex_escape(str(c)) for c in table.columns) + r" \\", r"\midrule"]
    for row in shown.itertuples(index=False):
        lines.append(" & ".join(latex_escape(str(v)) for v in row) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if caption is None and label is None:
        return "\n".join(lines)
    wrapped = [r"\begin{table}", r"\centering"]
    if caption is not None:
        wrapped.append(rf"\caption{{{latex_escape(caption)}}}")
    if label is not None:
        wrapped.append(rf"\label{{{label}}}")
    return "\n".join([*wrapped, *lines, r"\end{table}"])


def to_csv(table: pd.DataFrame, path: str | Path | None = None) -> str | None:
    """Write a table as UTF-8 CSV with spreadsheet formulas neutralised.

    Lines end in CRLF (RFC 4180), so that text holding a carriage return is
    quoted. Numbers are written with up to 12 significant digits.

    Parameters
    ----------
    table : pandas.DataFrame
        The table to write.
    path : str or pathlib.Path, optional
        Where to write. ``None`` returns the CSV text instead.

    Returns
    -------
    str or None
        The CSV text when ``path`` is ``None``.

    Examples
    --------
    >>> import pandas as pd
    >>> to_csv(pd.DataFrame({"note": ["=1+1"], "v": [-2.5]}))
    "note,v\\r\\n'=1+1,-2.5\\r\\n"
    """
    safe = _neutralised(table)
    if path is None:
        buf = io.StringIO()
        safe.to_csv(buf, index=False, lineterminator="\r\n", float_format="%.12g")
        return buf.getvalue()
    safe.to_csv(path, index=False, encoding="utf-8", lineterminator="\r\n",
                float_format="%.12g")
    return None


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(key: Any, used: set[str]) -> str:
    name = str(key)
    if isinstance(key, (int, np.integer)):
        name = "full year" if int(key) == 12 else f"1-{int(key)}"
    name = _SHEET_BAD.sub("-", name).strip("'")[:31] or "sheet"
    base, n = name, 2
    while name in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def _number_format(column: str) -> str | None:
    if column.endswith(("_rank", "_rank_reported")) or column in ("year", "period_end"):
        return "0"
    if column.endswith(("_target", "_actual", "_gap")):
        return "#,##0.00"
    return None


def to_excel(
    tables_by_period: Mapping[Any, pd.DataFrame] | pd.DataFrame, path: str | Path
) -> Path:
    """Write comparison tables to an Excel workbook, one sheet per period.

    The header row is bold on a grey fill and frozen, with a filter;
    targets, actuals and gaps get a ``#,##0.00`` number format and ranks an
    integer format. Text cells that look like formulas are neutralised.

    Parameters
    ----------
    tables_by_period : mapping or pandas.DataFrame
        ``{period_end: table}`` (integer keys become sheet names ``1-9``,
        ``full year``; other keys are used as text), or a single table.
    path : str or pathlib.Path
        The ``.xlsx`` file to write.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    GovmetricsError
        When openpyxl is not installed (``pip install govmetrics[excel]``).

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> out = os.path.join(tempfile.mkdtemp(), "t.xlsx")
    >>> to_excel({9: pd.DataFrame({"region": ["咸宁市"], "gdp_actual": [4.4]})}, out).name
    't.xlsx'
    """
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter
    except ImportError as exc:  # pragma: no cover - openpyxl is in the test extra
        raise GovmetricsError(
            "writing Excel needs openpyxl: pip install 'govmetrics[excel]'"
        ) from exc

    if isinstance(tables_by_period, pd.DataFrame):
        tables_by_period = {"table": tables_by_period}
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDDDDD")
    for key, table in tables_by_period.items():
        ws = wb.create_sheet(_sheet_name(key, used))
        safe = _neutralised(table)
        ws.append([str(c) for c in safe.columns])
        for row in safe.itertuples(index=False):
            ws.append([_excel_value(v) for v in row])
        for j, column in enumerate(table.columns, start=1):
            cell = ws.cell(row=1, column=j)
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            fmt = _number_format(str(column))
            if fmt:
                for i in range(2, len(table) + 2):
                    ws.cell(row=i, column=j).number_format = fmt
            width = max([len(str(column))] + [len(_fmt_number(v)) for v in table[column]])
            ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 40)
        ws.freeze_panes = "B2"
        if len(table.columns):
            ws.auto_filter.ref = ws.dimensions
    path = Path(path)
    wb.save(path)
    return path


def _excel_value(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value
