"""Writers of tables: Markdown, LaTeX (longtable), CSV, Excel, Parquet and Stata.

The writers never let a text cell be read as a spreadsheet formula: cells
that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a
leading apostrophe in CSV and Excel output.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ...errors import GovmetricsError

__all__ = [
    "latex_escape",
    "neutralise",
    "to_csv",
    "to_excel",
    "to_latex",
    "to_markdown",
    "to_parquet",
    "to_stata",
    "to_text",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


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


def _aligns(table: pd.DataFrame, right: Sequence[str] | None) -> list[str]:
    if right is None:
        return ["right" if pd.api.types.is_numeric_dtype(table[c]) else "left"
                for c in table.columns]
    return ["right" if c in set(right) else "left" for c in table.columns]


def to_markdown(table: pd.DataFrame, right: Sequence[str] | None = None) -> str:
    """Render a table as GitHub-flavoured Markdown.

    Numbers of 10,000 and more get thousands separators; smaller ones at
    most two decimals. Missing values are blank. Chinese text is aligned by
    its display width.

    ``right`` names the columns to right-align (default: the numeric ones).

    Examples
    --------
    >>> import pandas as pd
    >>> print(to_markdown(pd.DataFrame({"region": ["咸宁市"], "gdp_target": [8.0]})))
    | region   |   gdp_target |
    |:---------|-------------:|
    | 咸宁市   |            8 |
    """
    return _tabulate(table, "pipe", right, padding=2, escape=markdown_escape)


_MD_SPECIAL = {"|": "\\|", "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r\n": "<br>", "\n": "<br>",
               "\r": "<br>"}
_MD_RE = re.compile("|".join(re.escape(k) for k in sorted(_MD_SPECIAL, key=len, reverse=True)))


def markdown_escape(text: str) -> str:
    """Escape a Markdown table cell: ``|``, raw HTML and line breaks.

    Examples
    --------
    >>> markdown_escape("a|b<script>\\nc")
    'a\\\\|b&lt;script&gt;<br>c'
    """
    return _MD_RE.sub(lambda m: _MD_SPECIAL[m.group(0)], text)


def to_text(table: pd.DataFrame, right: Sequence[str] | None = None) -> str:
    """Render a table as aligned plain text for a terminal (no rules between columns).

    Headers are as wide as their text; ``right`` as in :func:`to_markdown`.

    Examples
    --------
    >>> import pandas as pd
    >>> print(to_text(pd.DataFrame({"region": ["咸宁市"], "gap": ["-3.6"]}), right=["gap"]))
    region   gap
    ------  ----
    咸宁市  -3.6
    """
    return _tabulate(table, "simple", right, padding=0)


def _tabulate(table: pd.DataFrame, fmt: str, right: Sequence[str] | None, padding: int,
              escape=None) -> str:
    import tabulate as tabulate_module

    shown = _display_frame(table)
    headers = [str(c) for c in table.columns]
    rows = shown.values.tolist()
    if escape is not None:  # cells cannot break the table
        rows = [[escape(str(v)) for v in row] for row in rows]
        headers = [escape(h) for h in headers]
    saved = tabulate_module.MIN_PADDING
    tabulate_module.MIN_PADDING = padding  # extra width of a header over its text
    try:
        return tabulate_module.tabulate(
            rows, headers=headers, tablefmt=fmt,
            colalign=_aligns(table, right), disable_numparse=True)
    finally:
        tabulate_module.MIN_PADDING = saved


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX_SPECIAL))


_LATEX_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def latex_escape(text: str) -> str:
    r"""Escape LaTeX special characters; line breaks become spaces.

    A cell starting with ``[`` or ``*`` gets a leading ``{}``: after the
    ``\\`` that ends the row before, LaTeX would read it as an argument.

    Examples
    --------
    >>> latex_escape("gdp_gap 5% & more")
    'gdp\\_gap 5\\% \\& more'
    >>> latex_escape("[1]\n\nnote")
    '{}[1] note'
    """
    out = _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group(0)], _LATEX_BREAKS.sub(" ", text))
    return "{}" + out if out.startswith(("[", "*")) else out


def to_latex(table: pd.DataFrame, caption: str | None = None, label: str | None = None,
             standalone: bool = False) -> str:
    r"""Render a table as a LaTeX ``longtable`` with booktabs rules.

    The table breaks across pages and repeats its header. Every cell and
    header is escaped. The preamble needs ``\usepackage{longtable,booktabs}``;
    Chinese text needs XeLaTeX or LuaLaTeX with ``xeCJK`` or ``luatexja``
    (``standalone=True`` writes a complete XeLaTeX document with them).

    Parameters
    ----------
    table : pandas.DataFrame
        The table to render.
    caption, label : str, optional
        Caption and ``\label`` of the longtable.
    standalone : bool
        Wrap the table in a compilable ``article`` document.

    Examples
    --------
    >>> import pandas as pd
    >>> print(to_latex(pd.DataFrame({"gdp_gap": [-3.6]})))
    \begin{longtable}{r}
    \toprule
    gdp\_gap \\
    \midrule
    \endfirsthead
    \toprule
    gdp\_gap \\
    \midrule
    \endhead
    \bottomrule
    \endlastfoot
    -3.6 \\
    \end{longtable}
    """
    shown = _display_frame(table)
    spec = "".join("r" if pd.api.types.is_numeric_dtype(table[c]) else "l" for c in table.columns)
    head = " & ".join(latex_escape(str(c)) for c in table.columns) + r" \\"
    lines = [rf"\begin{{longtable}}{{{spec}}}"]
    if caption is not None or label is not None:
        cap = rf"\caption{{{latex_escape(caption or '')}}}"
        if label is not None:
            cap += rf"\label{{{label}}}"
        lines.append(cap + r" \\")
    lines += [r"\toprule", head, r"\midrule", r"\endfirsthead",
              r"\toprule", head, r"\midrule", r"\endhead",
              r"\bottomrule", r"\endlastfoot"]
    for row in shown.itertuples(index=False):
        lines.append(" & ".join(latex_escape(str(v)) for v in row) + r" \\")
    lines.append(r"\end{longtable}")
    body = "\n".join(lines)
    if not standalone:
        return body
    return "\n".join([
        r"\documentclass{article}", r"\usepackage{longtable,booktabs}",
        r"\usepackage{iftex}", r"\ifXeTeX\usepackage{xeCJK}\fi",
        r"\begin{document}", body, r"\end{document}", ""])


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
        When openpyxl is not installed (``pip install -e ".[excel]"``).

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
            'writing Excel needs openpyxl: pip install -e ".[excel]" in the repository, '
            "or pip install openpyxl"
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


def _plain_columns(table: pd.DataFrame) -> pd.DataFrame:
    """Nullable dtypes as numpy ones (NA -> NaN / empty text) for binary formats."""
    out = table.copy()
    for c in out.columns:
        s = out[c]
        if pd.api.types.is_bool_dtype(s.dtype) and s.isna().any():
            out[c] = s.astype("float64")
        elif pd.api.types.is_integer_dtype(s.dtype) and isinstance(
                s.dtype, pd.api.extensions.ExtensionDtype):
            out[c] = s.astype("float64") if s.isna().any() else s.astype("int64")
        elif pd.api.types.is_float_dtype(s.dtype):
            out[c] = s.astype("float64")
        elif not pd.api.types.is_numeric_dtype(s.dtype):
            out[c] = s.astype(object).where(s.notna(), "").astype(str)
    return out


def to_parquet(table: pd.DataFrame, path: str | Path) -> Path:
    """Write ``table`` to the ``.parquet`` file ``path``, dtypes kept; returns the path.

    Needs pyarrow (``pip install -e ".[parquet]"``); without it a
    :class:`govmetrics.GovmetricsError` says so.
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise GovmetricsError(
            'writing Parquet needs pyarrow: pip install -e ".[parquet]" (or pip install pyarrow)'
        ) from None
    path = Path(path)
    table.reset_index(drop=True).to_parquet(path, index=False)
    return path


def to_stata(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as a Stata 118 ``.dta`` file (Unicode, so Chinese survives).

    Missing numbers become Stata missing values, missing text the empty
    string. Stata variable names have at most 32 characters: longer wide
    column names are shortened by pandas (a warning lists them).

    Parameters
    ----------
    table : pandas.DataFrame
        The table to write.
    path : str or pathlib.Path
        The ``.dta`` file.

    Returns
    -------
    pathlib.Path
        The written file.

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> out = os.path.join(tempfile.mkdtemp(), "t.dta")
    >>> _ = to_stata(pd.DataFrame({"region": ["咸宁市"], "gap": [-3.6]}), out)
    >>> pd.read_stata(out)["region"].tolist()
    ['咸宁市']
    """
    path = Path(path)
    plain = _plain_columns(table.reset_index(drop=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=pd.errors.PerformanceWarning)
        plain.to_stata(path, write_index=False, version=118)
    return path
