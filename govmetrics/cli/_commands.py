"""The subcommands: each takes the parsed arguments and stdout and returns the exit status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from ..errors import GovmetricsError
from ._inputs import (
    _check_output,
    _default_year,
    _document_paths,
    _extract,
    _listing_failures,
    _load_facts,
    _note_missing,
)
from ._outputs import (
    BINARY_FORMATS,
    _table_format,
    _write_frame,
    _write_multi_year,
    _write_table,
    _xlsx_sheets,
)


def _extract_parquet(args: argparse.Namespace) -> int:
    """``extract ... -o facts.parquet``: a folder of Parquet files, one per chunk of documents."""
    from ..dask import extract_to_parquet

    paths = _document_paths(args.paths)
    scheduler = args.scheduler if args.scheduler or args.workers else "synchronous"
    n = _listing_failures(lambda: extract_to_parquet(
        paths, args.output, workers=args.workers, scheduler=scheduler, region=args.region,
        year=args.year, kind=args.kind, period_end=args.period_end, on_error="warn"))
    if n:
        facts = pd.read_parquet(args.output, columns=["region", "year"])
        _note_missing(facts, "region", "--region NAME")
        _note_missing(facts, "year", "--year YEAR")
    print(f"wrote {n} facts to {args.output}/ (Parquet, one file per chunk of documents)",
          file=sys.stderr)
    return 0


def _cmd_extract(args: argparse.Namespace, stdout: TextIO) -> int:
    from tabulate import tabulate

    from ..present.tables import to_csv

    _check_output(args.output, args.paths)
    if args.workers is not None and args.workers < 1:
        raise GovmetricsError(f"--workers: expected a positive number, got {args.workers}")
    if args.output and Path(args.output).suffix.lower() == ".parquet":
        return _extract_parquet(args)
    parallel = {"workers": args.workers, "scheduler": args.scheduler}
    facts = _extract(_document_paths(args.paths), region=args.region, year=args.year,
                     kind=args.kind, period_end=args.period_end, **parallel)
    _note_missing(facts, "region", "--region NAME")
    _note_missing(facts, "year", "--year YEAR")
    if args.output:
        if args.output == "-":
            stdout.write(to_csv(facts) or "")
        else:
            to_csv(facts, args.output)
            print(f"wrote {len(facts)} facts to {args.output}", file=sys.stderr)
        return 0
    if facts.empty:
        stdout.write("no facts found\n")
        return 0
    summary = (facts.assign(n=1)
               .pivot_table(index=["doc", "region", "year"], columns="role", values="n",
                            aggfunc="sum", fill_value=0)
               .reset_index())
    summary.columns.name = None
    stdout.write(tabulate(summary.values.tolist(), headers=list(summary.columns),
                          tablefmt="simple", disable_numparse=True) + "\n")
    stdout.write(f"\n{len(facts)} facts from {facts['doc'].nunique()} document(s); "
                 "write them with -o facts.csv\n")
    return 0


def _cmd_table(args: argparse.Namespace, stdout: TextIO) -> int:
    from .. import tables

    if args.years is not None and (args.year is not None or args.period is not None):
        raise GovmetricsError("--years compares full years; it cannot be combined with "
                              "--year or --period")
    _check_output(args.output, args.input)
    fmt = _table_format(args.format, args.output)
    if fmt in BINARY_FORMATS and (not args.output or args.output == "-"):
        raise GovmetricsError(f"--format {fmt} needs an output file: -o table.{fmt}")
    facts = _load_facts(args.input, args.dataset, args.region_default, args.year_default)
    filters: dict[str, Any] = {"indicators": args.indicator or None,
                               "regions": args.region or None}
    if args.years is not None:
        return _write_multi_year(facts, args, filters, fmt, stdout)
    kwargs = {**filters, "view": args.view}
    year = args.year if args.year is not None else tables.default_year(facts)
    if fmt == "xlsx" and args.wide:
        sheets = _xlsx_sheets(facts, year, args, kwargs)
        tables.to_excel(sheets, args.output)
        print(f"wrote {len(sheets)} sheet(s) to {args.output}", file=sys.stderr)
        return 0
    table = tables.comparison_table(facts, year, period_end=args.period,
                                    layout="wide" if args.wide else "long", **kwargs)
    _write_table(table, fmt, args, stdout)
    return 0


def _cmd_tasks(args: argparse.Namespace, stdout: TextIO) -> int:
    from ..tasks import tasks

    frame = tasks(_document_paths(args.paths), region=args.region, year=args.year)
    _write_frame(frame, args.format, args.output, stdout, "tasks")
    return 0


def _cmd_accountability(args: argparse.Namespace, stdout: TextIO) -> int:
    from ..analysis import accountability, accountability_detail
    from ..tasks import tasks

    paths = _document_paths(args.paths)
    frame = (_extract(paths, region=args.region, year=args.year) if args.headline
             else tasks(paths, region=args.region, year=args.year))
    fn = accountability_detail if args.detail else accountability
    _write_frame(fn(frame, basis=args.basis), args.format, args.output, stdout, "units")
    return 0


def _cmd_plot(args: argparse.Namespace, stdout: TextIO) -> int:
    import matplotlib

    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .. import plot

    _check_output(args.output, args.input)
    facts = _load_facts(args.input, args.dataset, args.region_default, args.year_default)
    kind = args.kind

    def need(*names: str) -> None:
        missing = [f"--{n}" for n in names if getattr(args, n) is None]
        if missing:
            raise GovmetricsError(f"plot {kind} needs {' '.join(missing)}")

    cjk = False if args.english else None
    if kind == "curve":
        need("region", "indicator")
        year = args.year if args.year is not None else _default_year(
            facts[facts["region"] == args.region])
        ax = plot.attainment_curve(facts, args.region, year, args.indicator, cjk=cjk)
        fig = ax.figure
    elif kind == "dumbbell":
        need("indicator")
        ax = plot.target_vs_actual(facts, args.indicator, period_end=args.period,
                                   year=args.year, cjk=cjk)
        fig = ax.figure
    elif kind == "rank":
        need("indicator")
        data = facts[facts["indicator"] == args.indicator]
        if args.year is not None:
            data = data[data["year"] == args.year]
        ax = plot.rank_chart(data, x=args.x, cjk=cjk)
        fig = ax.figure
    else:  # overview
        need("region")
        year = args.year if args.year is not None else _default_year(
            facts[facts["region"] == args.region])
        fig = plot.overview(facts, args.region, year, cjk=cjk)
    try:
        fig.savefig(args.output, dpi=args.dpi)
    except (OSError, ValueError) as exc:
        raise GovmetricsError(f"{args.output}: cannot save the figure ({exc})") from None
    finally:
        plt.close(fig)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _cmd_datasets(args: argparse.Namespace, stdout: TextIO) -> int:
    from .. import datasets

    if args.name:
        table = datasets.load(args.name)
        stdout.write(table.to_csv(index=False, lineterminator="\n"))
        return 0
    for name in datasets.list_datasets():
        stdout.write(f"{name}\t{datasets.describe(name)}\n")
    return 0


def _cmd_outline(args: argparse.Namespace, stdout: TextIO) -> int:
    from tabulate import tabulate

    from ..frame import outline

    out = outline(args.path, kind=args.kind, region=args.region, year=args.year,
                  period_end=args.period_end)
    a = out.attrs
    stdout.write(f"{a['doc']}: {a['kind']} ({a['kind_source']}); plan year {a['plan_year']} "
                 f"({a['year_source'] or 'not stated'}); period {a['period_end']} "
                 f"({a['period_source'] or 'not stated'}); region {a['region']} "
                 f"({a['region_source'] or 'not stated'})\n\n")
    shown = out.assign(heading=out["heading"].str.slice(0, 24)).astype(object)
    shown = shown.where(shown.notna(), "")
    stdout.write(tabulate(shown.values.tolist(), headers=list(out.columns), tablefmt="simple",
                          disable_numparse=True) + "\n")
    return 0
