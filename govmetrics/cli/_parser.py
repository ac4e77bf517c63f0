"""The argument parser of the ``govmetrics`` command: one builder per subcommand.

Building it loads neither pandas nor the subcommands: each subcommand's
``func`` is a :class:`_Command`, which imports :mod:`._commands` when it is
called.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ._state import PROG


class _Command:
    """The function ``name`` of :mod:`._commands`, imported when it is first called.

    Parameters
    ----------
    name : str
        The function's name, e.g. ``"_cmd_table"``.
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, args: argparse.Namespace, stdout: TextIO) -> int:
        """Run the subcommand: ``_commands.<name>(args, stdout)``, its exit status."""
        from . import _commands

        return getattr(_commands, self.name)(args, stdout)

    def __repr__(self) -> str:
        return f"_Command({self.name!r})"


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def _command(sub: Any, name: str, help: str, description: str, *,
             examples: list[str]) -> argparse.ArgumentParser:
    """A subcommand's parser; its ``--help`` ends with the example command lines."""
    return sub.add_parser(name, help=help, formatter_class=_formatter, description=description,
                          epilog="examples:\n" + "\n".join(f"  {e}" for e in examples))


def _add_hint_options(p: argparse.ArgumentParser) -> None:
    from .._kinds import DOC_KINDS as KINDS  # the kinds of govmetrics.schema, without pandas

    p.add_argument("--year", type=int,
                   help="the plan year (a work report's year; a bulletin's data year), "
                        "when the text does not say")
    p.add_argument("--kind", choices=[k for k in KINDS if k != "unknown"], metavar="KIND",
                   help="document kind when the text does not tell: "
                        + ", ".join(k for k in KINDS if k != "unknown"))
    p.add_argument("--period-end", type=int, choices=range(1, 13), metavar="MONTH",
                   help="last month reported (1-12), when the title does not say")


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
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of unexpected errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_extract(sub)
    _add_outline(sub)
    _add_table(sub)
    _add_plot(sub)
    _add_tasks(sub)
    _add_accountability(sub)
    _add_datasets(sub)
    return parser


def _add_extract(sub: Any) -> None:
    """The ``extract`` subcommand."""
    p = _command(sub, "extract", "extract targets and actuals from documents",
                 "Extract every headline target and actual from the documents.",
                 examples=[
                     "govmetrics extract data/raw                  # summary per document",
                     "govmetrics extract data/raw -o facts.csv     # the fact table as CSV",
                     "govmetrics extract report.txt --region 咸宁市 --year 2022 -o -",
                     "govmetrics extract data/raw -o facts.parquet --workers 2   # in 2 processes",
                 ])
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
    p.set_defaults(func=_Command("_cmd_extract"))


def _add_outline(sub: Any) -> None:
    """The ``outline`` subcommand."""
    p = _command(sub, "outline", "show how a document was read: its kind, year and sections",
                 "One row per section of a document: role (review, target, results ...), "
                 "the year and period it speaks of, the evidence that decided it, and what "
                 "a figure there gets when its sentence says nothing of its own.",
                 examples=[
                     "govmetrics outline data/raw/002_784350319b1ebff8.txt",
                     "govmetrics outline news.txt --kind work_report --year 2024",
                 ])
    p.add_argument("path", metavar="PATH", help="a document file")
    p.add_argument("--region", help="the document's region, when the text does not say")
    _add_hint_options(p)
    p.set_defaults(func=_Command("_cmd_outline"))


def _add_table(sub: Any) -> None:
    """The ``table`` subcommand."""
    p = _command(sub, "table", "comparison table: targets, actuals, gaps, status, ranks",
                 "One row per region and indicator: unit, target (with its modifier), "
                 "actual and its period,\ngap (positive is good), status and ranks for one "
                 "year. For a year without\nactuals (a work report), this year's targets "
                 "beside last year's actuals.",
                 examples=[
                     "govmetrics table                                   # data/raw, latest year",
                     "govmetrics table --year 2022 --period 9 --indicator gdp --indicator retail_sales",
                     "govmetrics table --dataset seeds --year 2022 --format csv -o table.csv",
                     "govmetrics table --input data/raw/002_784350319b1ebff8.txt --year 2024",
                     "govmetrics table --wide -o table.xlsx              # one row per region",
                     "govmetrics table --years 2019-2024                 # targets vs full-year results",
                 ])
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
    p.set_defaults(func=_Command("_cmd_table"))


def _add_plot(sub: Any) -> None:
    """The ``plot`` subcommand."""
    p = _command(sub, "plot", "draw a chart to a PNG, SVG or PDF file",
                 "Draw a chart. KIND is one of:\n"
                 "  curve     attainment curve of one indicator (--region, --indicator)\n"
                 "  dumbbell  target vs actual across regions (--indicator)\n"
                 "  rank      reported ranks over years or periods (--indicator)\n"
                 "  overview  small multiples of every indicator (--region)",
                 examples=[
                     "govmetrics plot curve --region 咸宁市 --year 2022 --indicator gdp -o gdp.png",
                     "govmetrics plot overview --region 赤壁市 -o chibi.svg",
                     "govmetrics plot dumbbell --indicator gdp --period 9 -o gdp_regions.png",
                 ])
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
    p.set_defaults(func=_Command("_cmd_plot"))


def _add_tasks(sub: Any) -> None:
    """The ``tasks`` subcommand."""
    p = _command(sub, "tasks", "task-level targets, their progress and their owners",
                 "Extract every quantified task target of bulletins and breakdowns, "
                 "paired with its progress and its lead and responsible units.",
                 examples=[
                     "govmetrics tasks data/raw/003_500ad30c4c1f596f.txt",
                     "govmetrics tasks data/raw -f md -o tasks.md",
                 ])
    p.add_argument("paths", nargs="+", metavar="FILE", help="document files or folders")
    _add_frame_output_options(p)
    p.set_defaults(func=_Command("_cmd_tasks"))


def _add_accountability(sub: Any) -> None:
    """The ``accountability`` subcommand."""
    p = _command(sub, "accountability", "targets per lead unit against 序时进度",
                 "Join a target breakdown's lead units to the progress reported in "
                 "bulletins of the same region and year; one row per lead unit.",
                 examples=[
                     "govmetrics accountability data/raw/004_dfe24370595563c5.txt -f md",
                     "govmetrics accountability data/raw/004_dfe24370595563c5.txt --headline",
                 ])
    p.add_argument("paths", nargs="+", metavar="FILE",
                   help="the breakdown and the bulletins (files or folders)")
    p.add_argument("--headline", action="store_true",
                   help="judge headline facts (govmetrics extract) instead of tasks")
    p.add_argument("--detail", action="store_true", help="one row per target instead of per unit")
    p.add_argument("--basis", choices=["month", "quarter", "day"], default="month",
                   help="how the elapsed share of the year is counted")
    _add_frame_output_options(p)
    p.set_defaults(func=_Command("_cmd_accountability"))


def _add_datasets(sub: Any) -> None:
    """The ``datasets`` subcommand."""
    p = _command(sub, "datasets", "list or print the bundled datasets",
                 "List the bundled fact tables, or print one as CSV.",
                 examples=[
                     "govmetrics datasets",
                     "govmetrics datasets seeds > seeds.csv",
                 ])
    p.add_argument("name", nargs="?", help="dataset to print as CSV")
    p.set_defaults(func=_Command("_cmd_datasets"))
