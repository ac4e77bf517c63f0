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
times (default 3), and beside them, alternately in the same process, a
plain-pandas reference written here (:func:`ref_attainment`,
:func:`ref_pace`, :func:`ref_rank`: ``merge`` of targets and actuals on the
keys, numpy for gap, completion, pace and status, ``groupby().rank()``).
Every run is printed; the medians are reported as govmetrics / reference
ratios. Added memory is the peak resident set size during a side's three
calls minus the size before them (each side runs in a child forked after
the panel is built, which first returns freed memory to the system with
``malloc_trim`` and Arrow's ``release_unused``, then resets its high-water
mark through ``/proc/self/clear_refs``; Linux), so it is what the analysis
adds on top of the panel, and memory one side's allocator keeps never counts
for the other. The last line also gives the
peak resident set size of the whole process (``ru_maxrss``).

``--step hierarchy`` times ``panel(facts)``, ``ratchet(panel)`` and
``amplification(panel)`` instead, on the same panel plus about 32,000 targets
of the synthetic prefectures and the province (so that amplification has
parents to compare with); ``--step all`` runs both.

Run: ``python benchmarks/analysis.py`` (last line: ``analysis: <s> s, <r>x pandas (pace
<r>x), added memory <r>x pandas, peak <MiB> MiB``); ``--regions 11719`` gives 15 M rows;
``python benchmarks/analysis.py --step hierarchy`` for the panel, ratchet and
amplification step.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from govmetrics import amplification, attainment, pace, panel, rank, ratchet  # noqa: E402
from govmetrics.vocabulary import indicator_ids, indicators  # noqa: E402

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


# --------------------------------------------------------------------------- reference

_KEYS = ["region", "year", "indicator", "measure"]
_JUDGED = ["growth_pct", "level", "rate"]


def _ref_pairs(facts: pd.DataFrame, ytd: bool) -> pd.DataFrame:
    """Targets merged with the actuals of the same keys (plain pandas)."""
    judged = facts["measure"].isin(_JUDGED)
    t = facts.loc[judged & (facts["role"] == "target"),
                  _KEYS + ["region_code", "value", "modifier", "doc", "quote"]]
    a = facts.loc[judged & (facts["role"] == "actual"),
                  _KEYS + ["period_end", "value", "estimate", "doc", "quote"]]
    if ytd:
        a = a[a["period_end"] < 12]
    return t.merge(a, on=_KEYS, how="inner" if ytd else "left", suffixes=("_t", "_a"))


def _ref_sign(m: pd.DataFrame) -> np.ndarray:
    lower = {r["id"] for r in indicators() if r["direction"] == "lower_is_better"}
    low = m["indicator"].isin(lower).to_numpy() | (m["modifier"] == "at_most").to_numpy()
    low &= ~(m["modifier"] == "at_least").to_numpy()
    return np.where(low, -1.0, 1.0)


def ref_attainment(facts: pd.DataFrame) -> pd.DataFrame:
    """Reference attainment: gap, completion_pct and status of every target-actual pair."""
    m = _ref_pairs(facts, ytd=False)
    gap = _ref_sign(m) * (m["value_a"] - m["value_t"]).to_numpy()
    level = (m["measure"] == "level").to_numpy()
    m["gap"] = gap
    m["completion_pct"] = np.where(level, 100 * m["value_a"] / m["value_t"], np.nan)
    tol = np.where(level, 0.01 * m["value_t"].abs(), 0.5)
    about = (m["modifier"] == "about").to_numpy()
    m["status"] = np.select(
        [m["value_a"].isna().to_numpy(), (m["period_end"] < 12).to_numpy(dtype=bool,
                                                                     na_value=False),
         gap >= 0, about & (gap >= -tol)],
        ["no_actual", "in_progress", "met", "nearly_met"], "missed")
    return m


def ref_pace(facts: pd.DataFrame) -> pd.DataFrame:
    """Reference pace: elapsed share, completion / elapsed (level) or gap, and status."""
    m = _ref_pairs(facts, ytd=True)
    level = (m["measure"] == "level").to_numpy()
    elapsed = m["period_end"].to_numpy(dtype="float64") / 12 * 100
    comp = 100 * m["value_a"].to_numpy() / m["value_t"].to_numpy()
    pace_v = np.where(level, comp / elapsed, np.nan)
    gap = np.where(level, np.nan, _ref_sign(m) * (m["value_a"] - m["value_t"]).to_numpy())
    m["elapsed_pct"] = elapsed
    m["completion_pct"] = np.where(level, comp, np.nan)
    m["pace"] = pace_v
    m["gap"] = gap
    m["status"] = np.where(level, np.select([pace_v >= 1.02, pace_v > 0.98],
                                            ["ahead", "on_pace"], "behind"),
                           np.select([gap > 0, gap >= 0], ["ahead", "on_pace"], "behind"))
    return m


def ref_rank(att: pd.DataFrame) -> pd.DataFrame:
    """Reference rank of the gap within indicator, measure, period, year and parent region."""
    code = att["region_code"].astype(str)
    parent = code.str[:4] + "00"
    groups = [att["indicator"], att["measure"], att["period_end"], att["year"], parent]
    g = att["gap"].groupby(groups, observed=True, dropna=True)
    return att.assign(rank=g.rank(method="min", ascending=False), n_ranked=g.transform("count"))



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


def reference_step(facts: pd.DataFrame) -> tuple[dict[str, float], dict[str, int]]:
    """The plain-pandas reference of the core step."""
    return _timed([("attainment", lambda r: ref_attainment(facts)),
                   ("pace", lambda r: ref_pace(facts)),
                   ("rank", lambda r: ref_rank(r["attainment"]))])


def _rss_kib(field: str) -> int:
    """``VmRSS`` or ``VmHWM`` of this process in KiB (0 where /proc is not there)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _reset_peak() -> None:
    """Reset the kernel's peak-RSS mark of this process to its current RSS (Linux)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def measured(step, facts: pd.DataFrame) -> tuple[dict[str, float], dict[str, int], float]:
    """Run ``step`` in a forked child (where fork exists): (timings, rows, MiB added).

    A fresh child per measurement: memory a side frees but its allocator keeps
    (Arrow's pool, malloc arenas) never counts for the next side. The child
    shares the panel with this process; MiB added = its peak RSS minus its RSS
    at the start.
    """
    if not hasattr(os, "fork"):
        return _measured(step, facts)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report, leave without cleanup
        status = 1
        try:
            os.close(r)
            with os.fdopen(w, "w") as out:
                json.dump(_measured(step, facts), out)
            status = 0
        finally:
            os._exit(status)
    os.close(w)
    with os.fdopen(r) as inp:
        text = inp.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not text:
        raise RuntimeError(f"benchmark child failed (status {status})")
    timings, rows, added = json.loads(text)
    return timings, rows, added


def _release() -> None:
    """Give freed memory back to the system, so that reusing it is not "free" for a side."""
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except (ImportError, AttributeError):
        pass


def _measured(step, facts: pd.DataFrame) -> tuple[dict[str, float], dict[str, int], float]:
    """Run ``step`` here; (timings, rows, MiB added at the peak above the RSS before)."""
    _release()
    _reset_peak()
    before = _rss_kib("VmRSS")
    timings, rows = step(facts)
    added = (_rss_kib("VmHWM") - before) / 1024
    gc.collect()
    return timings, rows, added


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

    runs: dict[str, list[tuple[dict[str, float], float]]] = {"govmetrics": [], "pandas": []}
    hier: list[float] = []
    for rep in range(args.repeats):
        parts = []
        if core_step in steps:
            sides = [("govmetrics", core_step), ("pandas", reference_step)]
            for name, step in sides if rep % 2 == 0 else sides[::-1]:  # alternate the order
                tm, rw, added = measured(step, facts)
                runs[name].append((tm, added))
                parts.append(f"{name}: " + ", ".join(
                    f"{k} {v:.2f} s (-> {rw[k]:,} rows)" for k, v in tm.items())
                    + f", total {sum(tm.values()):.2f} s, +{added:.0f} MiB")
        if hierarchy_step in steps:
            tm, rw, added = measured(hierarchy_step, facts)
            hier.append(sum(tm.values()))
            parts.append(", ".join(f"{k} {v:.2f} s ({len(facts) / v / 1e6:.2f} M input rows/s "
                                   f"-> {rw[k]:,} rows)" for k, v in tm.items())
                         + f", +{added:.0f} MiB")
        print(f"run {rep + 1}: " + "; ".join(parts), flush=True)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"(medians of {args.repeats} runs, the two sides alternating; steps: {args.step}; "
          "added = peak RSS during a side minus RSS before it; peak = ru_maxrss of the process)")
    if core_step not in steps:
        print(f"analysis: {statistics.median(hier):.2f} s, peak {peak_kib / 1024:.0f} MiB")
        return 0

    def med(name: str, key: str | None = None) -> float:
        return statistics.median(sum(t.values()) if key is None else t[key]
                                 for t, _ in runs[name])

    def mem(name: str) -> float:
        return statistics.median(a for _, a in runs[name])

    for key in ("attainment", "pace", "rank"):
        print(f"{key}: govmetrics {med('govmetrics', key):.2f} s, pandas {med('pandas', key):.2f}"
              f" s, {med('govmetrics', key) / med('pandas', key):.2f}x")
    total = med("govmetrics") + (statistics.median(hier) if hier else 0.0)
    mem_ratio = mem("govmetrics") / mem("pandas") if mem("pandas") > 0 else float("nan")
    print(f"added memory: govmetrics {mem('govmetrics'):.0f} MiB, pandas {mem('pandas'):.0f} MiB")
    print(f"analysis: {total:.2f} s, {med('govmetrics') / med('pandas'):.2f}x pandas "
          f"(pace {med('govmetrics', 'pace') / med('pandas', 'pace'):.2f}x), added memory "
          f"{mem_ratio:.2f}x pandas, peak {peak_kib / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
