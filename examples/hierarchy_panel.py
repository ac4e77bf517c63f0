"""Across years and levels in Hubei: extract -> panel -> ratchet -> amplification.

The documents are the Hubei ones in ``data/raw`` (湖北省; the prefectures
咸宁市, 黄冈市, 黄石市; the counties 赤壁市, 洪湖市, 黄州区; 2017-2025).
``data/raw/MANIFEST.csv`` gives each new document's source, region and plan
year; :func:`govmetrics.extract` uses region and year where a text does not say. The script prints

1. the ratchet: each target against the previous year's target and result;
2. the amplification table: each target against its parent's and grandparent's;
3. the amplification statistic per level pair;
4. attainment across years (targets judged against actuals published a year later).

Run from the repository root::

    python examples/hierarchy_panel.py                  # Markdown tables
    python examples/hierarchy_panel.py --csv out/       # also the tables as CSV
    python examples/hierarchy_panel.py --chart amp.png  # and the amplification chart
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import govmetrics as gm
from govmetrics.present.tables import to_markdown

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", metavar="DIR", help="also write the four tables as CSV here")
    ap.add_argument("--chart", metavar="FILE", help="draw the amplification chart (GDP growth)")
    args = ap.parse_args(argv)

    facts = gm.extract(RAW)  # data/raw/MANIFEST.csv gives region and year where a text does not
    panel = gm.panel(facts)
    ratchet = gm.ratchet(panel)
    ratchet = ratchet[ratchet["target_prev"].notna() | ratchet["actual_prev"].notna()]
    amp = gm.amplification(panel)
    amp_known = amp[amp["parent_target"].notna() | amp["grandparent_target"].notna()]
    summary = gm.amplification_summary(amp)
    att = gm.attainment(panel)
    att = att[att["actual"].notna()]

    shown = {
        "ratchet": ratchet[["region", "indicator", "measure", "year", "target", "target_prev",
                            "actual_prev", "actual_prev_estimate", "target_change",
                            "target_vs_prev_actual", "prev_outcome"]],
        "amplification": amp_known[["region", "level", "year", "indicator", "measure", "target",
                                    "parent", "parent_target", "parent_diff", "grandparent",
                                    "grandparent_target", "grandparent_diff"]],
        "amplification_summary": summary,
        "attainment_across_years": att[["region", "year", "indicator", "measure", "target",
                                        "actual", "estimate", "gap", "status", "target_doc",
                                        "actual_doc"]],
    }
    print(f"{len(facts)} facts from {facts['doc'].nunique()} documents; "
          f"panel of {len(panel)} rows")
    for name, table in shown.items():
        print(f"\n## {name} ({len(table)} rows)\n")
        print(to_markdown(table.reset_index(drop=True)) if len(table) else "(none)")
    if args.csv:
        out = Path(args.csv)
        out.mkdir(parents=True, exist_ok=True)
        for name, table in shown.items():
            table.to_csv(out / f"{name}.csv", index=False)
    if args.chart:
        import matplotlib

        matplotlib.use("Agg")
        ax = gm.plot.amplification(amp, indicator="gdp", measure="growth_pct")
        ax.figure.savefig(args.chart, dpi=120)
    return 0


if __name__ == "__main__":
    sys.exit(main())
