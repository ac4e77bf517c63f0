"""Benchmark of the analysis core on a synthetic national-scale panel.

Panel: 3,000 regions x 16 years x 20 indicators. For every region-year-
indicator there is one annual target (period_end 12) and year-to-date
actuals at period_end 3, 6 and 9 ("4 periods": Q1, H1, 1-9月 and the
full-year target), i.e. 960,000 targets + 2,880,000 actuals = 3.84 M rows.
Pass ``--full-year`` to add full-year actuals too (4.8 M rows).

Indicators: the 17 canonical ids plus 3 generated ids (``synthetic_1`` ...),
which the vocabulary does not know and so count as higher_is_better.
Measures: a fixed mix of level, growth_pct and rate per indicator. Region
codes are 6-digit county codes under 100 synthetic prefectures, so
``rank(within="parent")`` derives real peer groups. The table carries doc
and quote columns like an extracted table (quote unique per row). The
repeated string columns (region, indicator, role, measure, modifier,
region_code, doc) are pandas categoricals, the memory-sane way to hold a
national panel; ``--str`` keeps them as plain ``str`` columns (slower).

Timed: ``attainment(facts)``, ``pace(facts)`` and
``rank(attainment_result, "gap", within="parent")``, repeated ``--repeats``
times (default 3); every run is printed and the best total is reported, as
``timeit`` does. The first run is the "cold" one: on a small VM most of its
extra time is first-touch page faults of freshly allocated memory. Memory is
the peak resident set size of the whole process
(``resource.getrusage(...).ru_maxrss``, so it includes building the panel),
not tracemalloc.

``--step hierarchy`` times ``panel(facts)``, ``ratchet(panel)`` and
``amplification(panel)`` instead, on the same panel plus about 32,000 targets
of the synthetic prefectures and the province (so that amplification has
parents to compare with); ``--step all`` runs both.

Run: ``python benchmarks/analysis.py`` (last line: ``analysis: <s> s, peak <MiB> MiB``);
``python benchmarks/analysis.py --step hierarchy`` for the panel, ratchet and
amplification step.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from govmetrics import amplification, attainment, pace, panel, rank, ratchet  # noqa: E402
from govmetrics.vocabulary import indicator_ids  # noqa: E402

N_REGIONS = 3000
N_YEARS = 16
RATE = {"registered_unemployment_rate", "surveyed_unemployment_rate"}
LEVEL = {"new_urban_jobs", "industrial_output", "retail_sales", "general_budget_revenue",
         "fixed_asset_investment", "synthetic_1", "synthetic_2"}


def build_panel(n_regions: int = N_REGIONS, n_years: int = N_YEARS, full_year: bool = False,
                seed: int = 0, categorical: bool = True) -> pd.DataFrame:
    """Synthetic fact table (targets + year-to-date actuals), vectorised."""
    rng = np.random.default_rng(seed)
    inds = indicator_ids() + ["synthetic_1", "synthetic_2", "synthetic_3"]
    meas = np.array(["rate" if i in RATE else "level" if i in LEVEL else "growth_pct"
                     for i in inds], dtype=object)
    n_ind = len(inds)
    periods = [3, 6, 9] + ([12] if full_year else [])
    cells = n_regions * n_years * n_ind
    r = np.repeat(np.arange(n_regions), n_years * n_ind)
    y = np.tile(np.repeat(np.arange(2010, 2010 + n_years), n_ind), n_regions)
    i = np.tile(np.arange(n_ind), n_regions * n_years)
    m = meas[i]
    base = np.where(m == "level", rng.lognormal(20, 1, cells),
                    np.where(m == "rate", rng.uniform(3, 5, cells), rng.normal(7, 2, cells)))
    modifier = np.where(m == "rate", "at_most",
                        rng.choice(np.array(["point", "about", "at_least"], dtype=object), cells))
    region_names = np.array([f"R{k:05d}" for k in range(n_regions)], dtype=object)
    region_codes = np.array([f"{11 + k // 3000 % 60:02d}{k // 30 % 100:02d}{1 + k % 30:02d}"
                             for k in range(n_regions)], dtype=object)
    ind_arr = np.array(inds, dtype=object)

    parts = []
    tgt = pd.DataFrame({"region": region_names[r], "year": y, "indicator": ind_arr[i],
                        "role": "target", "period_end": 12, "measure": m, "value": base,
                        "modifier": modifier})
    parts.append(tgt)
    for pe in periods:
        noise = rng.normal(1.0, 0.08, cells)
        val = np.where(m == "level", base * pe / 12 * noise,
                       np.where(m == "rate", base * noise * 0.9, base * noise))
        parts.append(pd.DataFrame({"region": region_names[r], "year": y,
                                   "indicator": ind_arr[i], "role": "actual",
                                   "period_end": pe, "measure": m, "value": val,
                                   "modifier": "point"}))
    facts = pd.concat(parts, ignore_index=True)
    n = len(facts)
    reg = np.tile(r, len(parts))
    facts["region_code"] = region_codes[reg]
    facts["estimate"] = (rng.random(n) < 0.05).astype("int64")
    facts["doc"] = pd.Series(region_names[reg]) + "_" + facts["year"].astype(str) + ".txt"
    facts["quote"] = "q" + pd.Series(np.arange(n)).astype(str)
    facts["year"] = facts["year"].astype("Int64")
    facts["period_end"] = facts["period_end"].astype("Int64")
    if categorical:
        for c in ("region", "indicator", "role", "measure", "modifier", "region_code", "doc"):
            facts[c] = facts[c].astype("category")
    return facts


def parent_targets(facts: pd.DataFrame) -> pd.DataFrame:
    """Targets of the synthetic prefectures and the province, for the amplification step.

    Each prefecture (code ``cccc00`` of its counties) gets the targets of its
    first county minus 0.5 (growth_pct and rate); the province (``110000``)
    those of the first prefecture minus 0.5: 100 x 16 x 20 + ... rows, about
    32,000. Amounts are not compared by ``amplification`` and are left out.
    """
    t = facts[(facts["role"] == "target") & (facts["measure"] != "level")]
    code = t["region_code"].astype(str)
    pref = code.str[:4] + "00"
    first = ~pd.DataFrame({"p": pref, "y": t["year"], "i": t["indicator"]}).duplicated()
    up = t[first.to_numpy()].copy()
    up["region_code"] = pref[first.to_numpy()].to_numpy()
    up["region"] = "P" + up["region_code"]
    up["value"] = up["value"] - 0.5
    prov = up[~up[["year", "indicator"]].astype(str).duplicated()].copy()
    prov["region_code"], prov["region"] = "110000", "P110000"
    prov["value"] = prov["value"] - 0.5
    out = pd.concat([facts, up, prov], ignore_index=True)
    for c in ("region", "indicator", "role", "measure", "modifier", "region_code", "doc"):
        if isinstance(facts[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype("category")
    return out


def _timed(calls) -> tuple[dict[str, float], dict[str, int]]:
    """Run ``(name, call)`` pairs in order; each call gets the earlier results by name."""
    timings, rows, results = {}, {}, {}
    for name, call in calls:
        t = time.perf_counter()
        results[name] = call(results)
        timings[name] = time.perf_counter() - t
        rows[name] = len(results[name])
    return timings, rows


def core_step(facts: pd.DataFrame) -> tuple[dict[str, float], dict[str, int]]:
    """attainment, pace and rank within parent (the original benchmark)."""
    return _timed([("attainment", lambda r: attainment(facts)),
                   ("pace", lambda r: pace(facts)),
                   ("rank", lambda r: rank(r["attainment"], "gap", within="parent"))])


def hierarchy_step(facts: pd.DataFrame) -> tuple[dict[str, float], dict[str, int]]:
    """panel, then ratchet and amplification of that panel."""
    return _timed([("panel", lambda r: panel(facts)),
                   ("ratchet", lambda r: ratchet(r["panel"])),
                   ("amplification", lambda r: amplification(r["panel"]))])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--regions", type=int, default=N_REGIONS)
    ap.add_argument("--years", type=int, default=N_YEARS)
    ap.add_argument("--full-year", action="store_true", help="add full-year actuals")
    ap.add_argument("--repeats", type=int, default=3, help="timed repetitions (best is reported)")
    ap.add_argument("--str", dest="categorical", action="store_false",
                    help="keep the repeated string columns as plain str (slower)")
    ap.add_argument("--step", choices=["core", "hierarchy", "all"], default="core",
                    help="core: attainment, pace, rank (default); hierarchy: panel, ratchet, "
                         "amplification; all: both")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    facts = build_panel(args.regions, args.years, args.full_year, categorical=args.categorical)
    print(f"built {len(facts):,} rows in {time.perf_counter() - t0:.1f} s", flush=True)
    steps = {"core": [core_step], "hierarchy": [hierarchy_step],
             "all": [core_step, hierarchy_step]}[args.step]
    if hierarchy_step in steps:
        t0 = time.perf_counter()
        facts = parent_targets(facts)
        print(f"added prefecture and province targets: {len(facts):,} rows "
              f"({time.perf_counter() - t0:.1f} s)", flush=True)

    gc.collect()
    best = None
    for rep in range(args.repeats):
        timings: dict[str, float] = {}
        rows: dict[str, int] = {}
        t_all = time.perf_counter()
        for step in steps:
            tm, rw = step(facts)
            timings.update(tm)
            rows.update(rw)
            gc.collect()
        total = time.perf_counter() - t_all
        print(f"run {rep + 1}: " + ", ".join(
            f"{name} {sec:.2f} s ({len(facts) / sec / 1e6:.2f} M input rows/s -> "
            f"{rows[name]:,} rows)" for name, sec in timings.items())
            + f"; total {total:.2f} s", flush=True)
        best = total if best is None else min(best, total)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"(best of {args.repeats} runs; steps: {args.step}; "
          "peak = ru_maxrss of the whole process)")
    print(f"analysis: {best:.2f} s, peak {peak_kib / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
