"""Draw the charts shown in the docs and README (``docs/img/*.png``) from the seed facts.

Run from the repository root::

    python scripts/build_docs_images.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import matplotlib.pyplot as plt  # noqa: E402

from govmetrics import datasets, plot  # noqa: E402

OUT = ROOT / "docs" / "img"


def main() -> int:
    """Write attainment_curve.png, target_vs_actual.png, rank_chart.png, overview.png."""
    OUT.mkdir(parents=True, exist_ok=True)
    facts = datasets.load("seeds")
    figures = {
        "attainment_curve": plot.attainment_curve(
            facts, "赤壁市", 2021, "general_budget_revenue", cjk=True).figure,
        "target_vs_actual": plot.target_vs_actual(facts, "gdp", period_end=None,
                                                  cjk=True).figure,
        "rank_chart": plot.rank_chart(facts[facts["region"] == "咸宁市"], x="period_end",
                                      series="indicator", cjk=True).figure,
        "overview": plot.overview(facts, "咸宁市", 2022, cjk=True),
    }
    for name, fig in figures.items():
        path = OUT / f"{name}.png"
        fig.savefig(path, dpi=100)
        plt.close(fig)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
