"""Annual comparison table: targets vs actuals of every region for one year.

Usage::

    python examples/annual_table.py [YEAR] [--input FACTS.csv | DOCS_DIR] [--format text|md|csv]
        [--wide]

Without ``--input`` the bundled ``seeds`` dataset is used; with a folder of
documents they are extracted first.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

import govmetrics
from govmetrics import datasets, tables


def load(source: str | None) -> pd.DataFrame:
    """Facts from a CSV, a folder of documents, or the bundled seeds."""
    if source is None:
        return datasets.load("seeds")
    path = Path(source)
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype={"region_code": "string"})
    return govmetrics.extract(sorted(path.glob("*.txt")))


def main() -> None:
    """Print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("year", nargs="?", type=int, default=2022)
    parser.add_argument("--input")
    parser.add_argument("--format", choices=["text", "md", "csv"], default="text")
    parser.add_argument("--wide", action="store_true", help="one row per region")
    args = parser.parse_args()

    facts = load(args.input)
    table = tables.comparison_table(facts, args.year, layout="wide" if args.wide else "long")
    if args.format == "csv":
        print(tables.to_csv(table), end="")
        return
    if args.wide:
        # a narrower view for reading: target, actual and status of each indicator
        shown = [c for c in table.columns if c in ("region", "period_end")
                 or c.endswith(("_target", "_actual", "_status"))]
        print(tables.to_markdown(table[shown]))
        return
    readable = tables.readable(table)
    render = tables.to_markdown if args.format == "md" else tables.to_text
    print(tables.caption(table))
    print()
    print(render(readable, right=[c for c in readable.columns
                                  if c.split()[0] in tables.RIGHT_ALIGNED]))


if __name__ == "__main__":
    main()
