"""How the command line writes its results: text, Markdown, CSV, LaTeX, XLSX, Parquet, Stata."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from ..errors import GovmetricsError


def _write_text(text: str, out: str | None, stdout: TextIO) -> None:
    if out is None or out == "-":
        stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        Path(out).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


#: Output formats of ``govmetrics table`` by file suffix.
TABLE_SUFFIXES = {".md": "md", ".txt": "text", ".csv": "csv", ".xlsx": "xlsx", ".tex": "tex",
                  ".parquet": "parquet", ".dta": "dta"}
BINARY_FORMATS = ("xlsx", "parquet", "dta")


def _table_format(fmt: str | None, output: str | None) -> str:
    """The output format: ``--format``, else the ``-o`` suffix (unknown suffixes are errors)."""
    if fmt is not None:
        return fmt
    if not output or output == "-":
        return "text"
    suffix = Path(output).suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        known = ", ".join(TABLE_SUFFIXES)
        raise GovmetricsError(f"{output}: unknown output suffix {suffix or '(none)'!r}; use one of "
                              f"{known}, or give --format")
    return TABLE_SUFFIXES[suffix]


def _xlsx_sheets(facts: pd.DataFrame, year: int, args: argparse.Namespace,
                 kwargs: dict[str, Any]) -> dict[Any, pd.DataFrame]:
    """Wide layout in Excel: one sheet per period of the year's actuals."""
    from .. import tables

    if args.period is not None:
        periods = [args.period]
    else:
        periods = sorted(int(p) for p in facts.loc[
            (facts["year"] == year) & (facts["role"] == "actual"), "period_end"
        ].dropna().unique()) or [None]
    sheets: dict[Any, pd.DataFrame] = {}
    for p in periods:
        try:
            sheets[p if p is not None else "table"] = tables.comparison_table(
                facts, year, period_end=p, layout="wide", **kwargs)
        except GovmetricsError:
            continue
    if not sheets:
        raise GovmetricsError(f"no target with a matching actual for year {year}")
    return sheets


def _render_text(table: pd.DataFrame, fmt: str, wide: bool, lang: str) -> str:
    """Text output of a comparison table: csv, tex, md or aligned plain text."""
    from .. import tables

    if fmt == "csv":
        return tables.to_csv(table) or ""
    shown = table if wide else tables.readable(table, lang=lang)
    right = None if wide else [c for c in shown.columns
                               if c.split()[0] in tables.RIGHT_ALIGNED]
    if fmt == "tex":
        return tables.to_latex(shown, caption=None if wide else tables.caption(table))
    render = tables.to_markdown if fmt == "md" else tables.to_text
    text = render(shown, right=right)
    if wide:
        return text
    notes = tables.footnotes(table)
    return "\n".join([tables.caption(table), "", text, *(["", *notes] if notes else [])])


def _write_table(table: pd.DataFrame, fmt: str, args: argparse.Namespace, stdout: TextIO,
                 wide: bool | None = None) -> None:
    """Write a table in ``fmt``: binary formats to ``-o``, text to ``-o`` or stdout."""
    from .. import tables

    if fmt in BINARY_FORMATS:
        writer = {"xlsx": tables.to_excel, "parquet": tables.to_parquet,
                  "dta": tables.to_stata}[fmt]
        writer(table, args.output)
        print(f"wrote {len(table)} row(s) to {args.output}", file=sys.stderr)
        return
    wide = args.wide if wide is None else wide
    _write_text(_render_text(table, fmt, wide, args.lang), args.output, stdout)


def _write_multi_year(facts: pd.DataFrame, args: argparse.Namespace, kwargs: dict[str, Any],
                      fmt: str, stdout: TextIO) -> int:
    """``table --years``: one row per region and year (see :func:`multi_year_table`)."""
    from .. import tables
    from ..history import multi_year_table

    table = multi_year_table(facts, args.years, **kwargs)
    if args.format is None and (not args.output or args.output == "-"):
        fmt = "md"  # the multi-year table is wide: Markdown on the terminal, as before
    if fmt == "xlsx":
        tables.to_excel({"years": table}, args.output)
        print(f"wrote 1 sheet(s) to {args.output}", file=sys.stderr)
        return 0
    _write_table(table, fmt, args, stdout, wide=True)
    return 0


def _write_frame(frame: pd.DataFrame, fmt: str | None, out: str | None, stdout: TextIO,
                 what: str) -> None:
    """Write a tidy frame as CSV, Markdown or XLSX (by ``fmt`` or the output suffix)."""
    from .. import tables

    if fmt is None:
        suffix = Path(out).suffix.lower() if out and out != "-" else ""
        fmt = {".csv": "csv", ".xlsx": "xlsx", ".md": "md"}.get(suffix, "csv")
    if fmt == "xlsx":
        if not out or out == "-":
            raise GovmetricsError("--format xlsx needs an output file: -o FILE.xlsx")
        tables.to_excel({what: frame}, out)
        print(f"wrote {len(frame)} {what} to {out}", file=sys.stderr)
        return
    text = (tables.to_csv(frame) or "") if fmt == "csv" else tables.to_markdown(frame)
    _write_text(text, out, stdout)
