"""The ``govmetrics`` command line: ``extract``, ``outline``, ``table``, ``plot``, ``datasets``.

Every subcommand has ``--help`` with an example. Errors that govmetrics
raises on purpose print one line to stderr and exit with status 2. Documents
that cannot be read are listed on stderr, one line each with the reason; the
others are read, and the exit status is then 1. An output file is never an
input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from .errors import GovmetricsError

__all__ = ["main"]

PROG = "govmetrics"
#: The bundled dataset used when there is no ``data/raw`` folder.
DEFAULT_DATASET = "seeds"


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


# --------------------------------------------------------------------------- input


def _progress(items: list[Any], desc: str) -> Iterable[Any]:
    """Wrap ``items`` in a tqdm bar when stderr is a terminal and tqdm is installed."""
    if len(items) < 2 or not sys.stderr.isatty():
        return items
    try:
        from tqdm import tqdm
    except ImportError:
        return items
    return tqdm(items, desc=desc, unit="doc", file=sys.stderr, leave=False)


def _document_paths(inputs: Sequence[str]) -> list[Path]:
    """The documents of ``inputs`` (the suffix rules of :mod:`govmetrics.suffixes`).

    Files that will not be read are listed on stderr as skipped, with the reason.
    """
    from .suffixes import document_paths

    files, skipped = document_paths(list(inputs))
    for sk in skipped:
        print(f"{PROG}: skipped: {sk.path}: {sk.reason}", file=sys.stderr)
    if not files:
        raise GovmetricsError(f"{', '.join(map(str, inputs))}: no documents to read")
    return files


def _extract_function() -> Any:
    import govmetrics

    func = getattr(govmetrics, "extract", None)
    if func is None:
        raise GovmetricsError("extraction (govmetrics.extract) is not available in this "
                              "installation; pass a facts CSV or --dataset instead")
    return func


#: documents of this run that could not be read (listed on stderr; exit status 1)
_FAILED: list[str] = []


def _extract(paths: list[Path], region: str | None = None, year: int | None = None,
             **hints: Any) -> pd.DataFrame:
    """Facts of every document that can be read; each file that fails is listed on stderr."""
    extract = _extract_function()
    kwargs: dict[str, Any] = {k: v for k, v in hints.items() if v is not None}
    kwargs["on_error"] = "warn"
    if region is not None:
        kwargs["region"] = region
    if year is not None:
        kwargs["year"] = year
    parallel = "workers" in kwargs or "scheduler" in kwargs

    def run() -> pd.DataFrame:
        if len(paths) > 1 and sys.stderr.isatty() and not parallel:
            frames = [extract([p], **kwargs) for p in _progress(paths, "extracting")]
            return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        return extract(paths, **kwargs)

    return _listing_failures(run)


def _listing_failures(run: Any) -> Any:
    """``run()``, listing each document it could not read on stderr (one line each)."""
    import warnings

    from .extract import DocumentWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DocumentWarning)
        result = run()
    for w in caught:
        if isinstance(w.message, DocumentWarning):
            m = w.message
            if m.failed:
                _FAILED.append(m.path)
            print(f"{PROG}: {'failed' if m.failed else 'skipped'}: {m.path}: {m.reason}",
                  file=sys.stderr)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return result


def _check_output(out: str | None, inputs: Sequence[str | Path] | None) -> None:
    """Refuse to write over an input file."""
    if out is None or out == "-":
        return
    from .suffixes import document_paths

    target = Path(out).resolve()
    existing = [Path(i) for i in (inputs or ["data/raw"]) if Path(i).exists()]
    files = document_paths(existing)[0] if existing else []
    if any(Path(f).resolve() == target for f in [*existing, *files]):
        raise GovmetricsError(f"{out}: is an input; refusing to write over it")


def _read_facts_csv(path: Path) -> pd.DataFrame:
    from .schema import coerce_facts

    try:
        df = pd.read_csv(path, dtype={"region_code": "string"})
    except (OSError, ValueError) as exc:
        raise GovmetricsError(f"{path}: cannot read CSV ({exc})") from None
    required = {"region", "year", "indicator", "role", "period_end", "measure", "value"}
    missing = sorted(required - set(df.columns))
    if missing:
        raise GovmetricsError(f"{path}: not a fact table (missing columns: {', '.join(missing)})")
    return coerce_facts(df)


def _load_facts(inputs: Sequence[str] | None, dataset: str | None,
                region: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Facts from ``--dataset``, ``--input`` (CSV or documents) or the defaults.

    ``region`` and ``year`` are the hints for documents that name none.
    """
    from . import datasets

    if dataset is not None:
        return datasets.load(dataset)
    if not inputs:
        raw = Path("data/raw")
        if raw.is_dir():
            try:
                _extract_function()
            except GovmetricsError:
                print(f"{PROG}: note: extraction is not available; using the bundled "
                      f"{DEFAULT_DATASET!r} dataset", file=sys.stderr)
                return datasets.load(DEFAULT_DATASET)
            return _extract(_document_paths([str(raw)]), region, year)
        return datasets.load(DEFAULT_DATASET)
    csvs = [Path(i) for i in inputs if Path(i).suffix.lower() == ".csv"]
    if csvs and len(csvs) != len(inputs):
        raise GovmetricsError("--input takes either fact-table CSVs or documents, not both")
    if csvs:
        for c in csvs:
            if not c.is_file():
                raise GovmetricsError(f"{c}: no such file")
        return pd.concat([_read_facts_csv(c) for c in csvs], ignore_index=True)
    return _extract(_document_paths(inputs), region, year)


def _default_year(facts: pd.DataFrame) -> int:
    """The latest year with a target that has an actual, else the latest year with a target."""
    from .tables import default_year

    return default_year(facts)


# --------------------------------------------------------------------------- commands


def _write_text(text: str, out: str | None, stdout: TextIO) -> None:
    if out is None or out == "-":
        stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        Path(out).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def _note_missing(facts: pd.DataFrame, column: str, option: str) -> None:
    """One stderr line when some facts lack ``column`` (the documents do not say)."""
    if facts.empty or column not in facts.columns:
        return
    n = int(facts[column].isna().sum())
    if n:
        print(f"{PROG}: note: {n} of {len(facts)} facts have no {column} (the documents do "
              f"not name one); pass {option}", file=sys.stderr)


def _extract_parquet(args: argparse.Namespace) -> int:
    """``extract ... -o facts.parquet``: a folder of Parquet files, one per chunk of documents."""
    from .dask import extract_to_parquet

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

    from .tables import to_csv

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
    from . import tables

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
    from . import tables

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


def _cmd_table(args: argparse.Namespace, stdout: TextIO) -> int:
    from . import tables

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


def _write_table(table: pd.DataFrame, fmt: str, args: argparse.Namespace, stdout: TextIO,
                 wide: bool | None = None) -> None:
    """Write a table in ``fmt``: binary formats to ``-o``, text to ``-o`` or stdout."""
    from . import tables

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
    from . import tables
    from .history import multi_year_table

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
    from . import tables

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


def _cmd_tasks(args: argparse.Namespace, stdout: TextIO) -> int:
    from .tasks import tasks

    frame = tasks(_document_paths(args.paths), region=args.region, year=args.year)
    _write_frame(frame, args.format, args.output, stdout, "tasks")
    return 0


def _cmd_accountability(args: argparse.Namespace, stdout: TextIO) -> int:
    from .analysis import accountability, accountability_detail
    from .tasks import tasks

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

    from . import plot

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
    from . import datasets

    if args.name:
        table = datasets.load(args.name)
        stdout.write(table.to_csv(index=False, lineterminator="\n"))
        return 0
    for name in datasets.list_datasets():
        stdout.write(f"{name}\t{datasets.describe(name)}\n")
    return 0


# --------------------------------------------------------------------------- parser


def _add_hint_options(p: argparse.ArgumentParser) -> None:
    from .frame import KINDS

    p.add_argument("--year", type=int,
                   help="the plan year (a work report's year; a bulletin's data year), "
                        "when the text does not say")
    p.add_argument("--kind", choices=[k for k in KINDS if k != "unknown"], metavar="KIND",
                   help="document kind when the text does not tell: "
                        + ", ".join(k for k in KINDS if k != "unknown"))
    p.add_argument("--period-end", type=int, choices=range(1, 13), metavar="MONTH",
                   help="last month reported (1-12), when the title does not say")


def _cmd_outline(args: argparse.Namespace, stdout: TextIO) -> int:
    from tabulate import tabulate

    from .frame import outline

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


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--input", "-i", nargs="+", metavar="PATH",
                   help="documents (files or folders) or fact-table CSVs; default: data/raw "
                        "in the current directory if it exists, else the bundled seeds dataset")
    p.add_argument("--dataset", metavar="NAME", help="use a bundled dataset (see "
                                                     "'govmetrics datasets')")
    p.add_argument("--region-default", metavar="NAME",
                   help="region of documents that name none")
    p.add_argument("--year-default", type=int, metavar="YEAR",
                   help="plan year of documents that state none")


def _add_frame_output_options(p: argparse.ArgumentParser) -> None:
    """Options of the commands that read documents and write one tidy frame."""
    p.add_argument("--format", "-f", choices=["csv", "md", "xlsx"],
                   help="output format (default: from the -o suffix, else csv)")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--region", help="the documents' region, when the text does not say")
    p.add_argument("--year", type=int, help="the documents' plan year, when the text does not say")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govmetrics`` command.

    Examples
    --------
    >>> build_parser().prog
    'govmetrics'
    """
    parser = argparse.ArgumentParser(
        prog=PROG, formatter_class=_formatter,
        description="Targets and actuals from Chinese government work reports and "
                    "progress bulletins, as tidy data.",
        epilog="examples:\n"
               "  govmetrics table                       # comparison table of data/raw\n"
               "  govmetrics extract data/raw -o facts.csv\n"
               "  govmetrics plot curve --region 咸宁市 --indicator gdp -o gdp.png\n\n"
               "Run 'govmetrics COMMAND --help' for the options of a command; add --debug "
               "for the traceback of an unexpected error.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of unexpected errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "extract", help="extract targets and actuals from documents",
        formatter_class=_formatter,
        description="Extract every headline target and actual from the documents.",
        epilog="examples:\n"
               "  govmetrics extract data/raw                  # summary per document\n"
               "  govmetrics extract data/raw -o facts.csv     # the fact table as CSV\n"
               "  govmetrics extract report.txt --region 咸宁市 --year 2022 -o -\n"
               "  govmetrics extract data/raw -o facts.parquet --workers 2   # in 2 processes",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="document files or folders")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write the facts as CSV ('-' = stdout), or as a folder of Parquet files "
                        "when FILE ends in .parquet")
    p.add_argument("--workers", type=int, metavar="N",
                   help="extract in N local processes (needs the dask extra)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="extract on a dask.distributed cluster, e.g. tcp://host:8786 (the "
                        "workers must see the files at the same paths)")
    p.add_argument("--region", help="the documents' region, when the text does not say")
    _add_hint_options(p)
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser(
        "outline", help="show how a document was read: its kind, year and sections",
        formatter_class=_formatter,
        description="One row per section of a document: role (review, target, results ...), "
                    "the year and period it speaks of, the evidence that decided it, and what "
                    "a figure there gets when its sentence says nothing of its own.",
        epilog="examples:\n"
               "  govmetrics outline data/raw/002_784350319b1ebff8.txt\n"
               "  govmetrics outline news.txt --kind work_report --year 2024",
    )
    p.add_argument("path", metavar="PATH", help="a document file")
    p.add_argument("--region", help="the document's region, when the text does not say")
    _add_hint_options(p)
    p.set_defaults(func=_cmd_outline)

    p = sub.add_parser(
        "table", help="comparison table: targets, actuals, gaps, status, ranks",
        formatter_class=_formatter,
        description="One row per region and indicator: unit, target (with its modifier), "
                    "actual and its period,\ngap (positive is good), status and ranks for one "
                    "year. For a year without\nactuals (a work report), this year's targets "
                    "beside last year's actuals.",
        epilog="examples:\n"
               "  govmetrics table                                   # data/raw, latest year\n"
               "  govmetrics table --year 2022 --period 9 --indicator gdp --indicator "
               "retail_sales\n"
               "  govmetrics table --dataset seeds --year 2022 --format csv -o table.csv\n"
               "  govmetrics table --input data/raw/002_784350319b1ebff8.txt --year 2024\n"
               "  govmetrics table --wide -o table.xlsx              # one row per region\n"
               "  govmetrics table --years 2019-2024                 # targets vs full-year "
               "results",
    )
    _add_input_options(p)
    p.add_argument("--year", type=int, help="plan year (default: the latest year with a "
                                            "target and an actual)")
    p.add_argument("--period", type=int, choices=range(1, 13), metavar="MONTH",
                   help="last month of the actuals, 1-12 (default: latest per region)")
    p.add_argument("--years", metavar="RANGE",
                   help="several plan years, e.g. 2019-2024 or 2019,2021: one row per region "
                        "and year, each target against its full-year actual")
    p.add_argument("--region", action="append", metavar="NAME", help="region (repeatable)")
    p.add_argument("--indicator", action="append", metavar="ID",
                   help="indicator id, e.g. gdp (repeatable)")
    p.add_argument("--view", choices=["auto", "attainment", "work_report"], default="auto",
                   help="attainment (this year's actuals) or work_report (last year's); "
                        "default: work_report when the year has no actual")
    p.add_argument("--wide", action="store_true", help="one row per region (all formats)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh",
                   help="indicator names and periods in Chinese (default) or English")
    p.add_argument("--format", "-f",
                   choices=["text", "md", "csv", "xlsx", "tex", "parquet", "dta"],
                   help="output format (default: aligned text, or from the -o suffix)")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p.set_defaults(func=_cmd_table)

    p = sub.add_parser(
        "plot", help="draw a chart to a PNG, SVG or PDF file",
        formatter_class=_formatter,
        description="Draw a chart. KIND is one of:\n"
                    "  curve     attainment curve of one indicator (--region, --indicator)\n"
                    "  dumbbell  target vs actual across regions (--indicator)\n"
                    "  rank      reported ranks over years or periods (--indicator)\n"
                    "  overview  small multiples of every indicator (--region)",
        epilog="examples:\n"
               "  govmetrics plot curve --region 咸宁市 --year 2022 --indicator gdp -o gdp.png\n"
               "  govmetrics plot overview --region 赤壁市 -o chibi.svg\n"
               "  govmetrics plot dumbbell --indicator gdp --period 9 -o gdp_regions.png",
    )
    p.add_argument("kind", choices=["curve", "dumbbell", "rank", "overview"], metavar="KIND",
                   help="curve, dumbbell, rank or overview")
    _add_input_options(p)
    p.add_argument("--region", help="region name")
    p.add_argument("--year", type=int, help="plan year")
    p.add_argument("--indicator", metavar="ID", help="indicator id, e.g. gdp")
    p.add_argument("--period", type=int, metavar="MONTH",
                   help="dumbbell: month of the actuals (default: latest per region)")
    p.add_argument("--x", choices=["year", "period_end"], default="period_end",
                   help="rank: horizontal axis (default: period_end)")
    p.add_argument("--english", action="store_true",
                   help="English labels (indicator names, region codes)")
    p.add_argument("--dpi", type=int, default=150, help="resolution of raster output")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="output file; the format follows the suffix (.png, .svg, .pdf)")
    p.set_defaults(func=_cmd_plot)

    p = sub.add_parser(
        "tasks", help="task-level targets, their progress and their owners",
        formatter_class=_formatter,
        description="Extract every quantified task target of bulletins and breakdowns, "
                    "paired with its progress and its lead and responsible units.",
        epilog="examples:\n"
               "  govmetrics tasks data/raw/003_500ad30c4c1f596f.txt\n"
               "  govmetrics tasks data/raw -f md -o tasks.md",
    )
    p.add_argument("paths", nargs="+", metavar="FILE", help="document files or folders")
    _add_frame_output_options(p)
    p.set_defaults(func=_cmd_tasks)

    p = sub.add_parser(
        "accountability", help="targets per lead unit against 序时进度",
        formatter_class=_formatter,
        description="Join a target breakdown's lead units to the progress reported in "
                    "bulletins of the same region and year; one row per lead unit.",
        epilog="examples:\n"
               "  govmetrics accountability data/raw/004_dfe24370595563c5.txt -f md\n"
               "  govmetrics accountability data/raw/004_dfe24370595563c5.txt --headline",
    )
    p.add_argument("paths", nargs="+", metavar="FILE",
                   help="the breakdown and the bulletins (files or folders)")
    p.add_argument("--headline", action="store_true",
                   help="judge headline facts (govmetrics extract) instead of tasks")
    p.add_argument("--detail", action="store_true", help="one row per target instead of per unit")
    p.add_argument("--basis", choices=["month", "quarter", "day"], default="month",
                   help="how the elapsed share of the year is counted")
    _add_frame_output_options(p)
    p.set_defaults(func=_cmd_accountability)

    p = sub.add_parser(
        "datasets", help="list or print the bundled datasets",
        formatter_class=_formatter,
        description="List the bundled fact tables, or print one as CSV.",
        epilog="examples:\n  govmetrics datasets\n  govmetrics datasets seeds > seeds.csv",
    )
    p.add_argument("name", nargs="?", help="dataset to print as CSV")
    p.set_defaults(func=_cmd_datasets)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``govmetrics`` command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        Exit status: 0 on success, 2 on a usage error or a
        :class:`govmetrics.GovmetricsError` (printed as one line to stderr).

    Examples
    --------
    >>> main(["datasets"])  # doctest: +ELLIPSIS
    dev...
    0
    """
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv  # accepted anywhere on the line
    argv = [a for a in argv if a != "--debug"]
    try:
        args = parser.parse_args(argv)
        args.debug = debug
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0) if isinstance(exc.code, int) else 2
    if getattr(args, "func", None) is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        _FAILED.clear()
        status = int(args.func(args, sys.stdout) or 0)
        return 1 if _FAILED and status == 0 else status
    except GovmetricsError as exc:
        lines = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip()]
        print(f"{PROG}: error: {'; '.join(lines) or type(exc).__name__}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0
    except OSError as exc:  # unwritable output and the like
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"{PROG}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # an unexpected error: one line, the traceback with --debug
        if args.debug:
            raise
        first = (str(exc).strip().splitlines() or [""])[0]
        print(f"{PROG}: internal error: {type(exc).__name__}: {first} "
              f"(rerun with --debug for the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
