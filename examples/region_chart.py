"""Chart of one region's year: every headline indicator against its target.

Usage::

    python examples/region_chart.py OUT.png [--region 咸宁市] [--year 2022]

Draws :func:`govmetrics.plot.overview` from the bundled ``seeds`` dataset and
writes it to ``OUT.png`` (any suffix Matplotlib knows: .png, .svg, .pdf).
"""

from __future__ import annotations

import argparse

import matplotlib

matplotlib.use("Agg")

from govmetrics import datasets, plot  # noqa: E402


def main() -> None:
    """Write the chart."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", help="where to write the chart, e.g. chart.png")
    parser.add_argument("--region", default="咸宁市")
    parser.add_argument("--year", type=int, default=2022)
    args = parser.parse_args()

    facts = datasets.load("seeds")
    fig = plot.overview(facts, args.region, args.year)
    fig.savefig(args.output, dpi=110)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
