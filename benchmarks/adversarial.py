"""Time every public entry point on pathological inputs at 100 KB and 1 MB.

Inputs (each built to the target size in UTF-8 bytes):

- ``percent``: ``8%8%8%…`` (every number unplaced, one "sentence");
- ``item_marks``: ``1、1、1、…``;
- ``line_no_punct``: real report text with every punctuation mark and line
  break removed (one line);
- ``dense_facts``: ``地区生产总值增长8%`` repeated on one line (a figure every
  ten characters);
- ``zero_width``: ``地区生产总值增长1\\u200b2%。`` repeated (invisible characters
  inside numbers);
- ``surrogates``: lone surrogates between figures (text entry points only:
  such a string cannot be written as UTF-8);
- ``huge_figures``: 400-digit figures;
- ``html_like``: ``<p>…<br>`` text that is not HTML;
- ``watermarks``: lines ending in a watermark token with a digit (``hd9``);
- ``crlf``: a real report with CRLF line ends;
- ``big5``: a real traditional report encoded in Big5 (file entry points);
- ``garbage``: random bytes (refused: the time to refuse is measured).

Entry points: ``extract_text``, ``normalize``, ``read_document``,
``extract``, ``unplaced`` (files), then on the facts of ``extract_text``:
``attainment``, ``pace``, ``rank``, ``comparison_table`` and ``to_csv``.
A :class:`govmetrics.GovmetricsError` (a refusal with a message) counts as a
result; anything else fails the run.

Each input runs in a fresh process. Its base is the process after importing
govmetrics, one call of every entry point on a small real report (imports,
vocabularies, the schema, the encoding detector: what any first call loads)
and one run of the same input at 4 KB (what reading that kind of text builds
on first use, such as the trie of region names a text without a named region
needs), measured as the resident set size (RSS) then. Its peak is the highest RSS
while the input runs through every entry point: on Linux the kernel's
high-water mark is reset after the warm-up (``/proc/self/clear_refs``), so
the warm-up's own peak hides nothing; elsewhere ``ru_maxrss`` is used, which
can only under-state the extra. RSS counts everything the process holds:
Python objects, numpy and Arrow buffers, and memory an allocator keeps after
a free (tracemalloc sees only the Python heap). The extra peak is given as a
multiple of the input size in bytes; the entry points' results (the fact and
unplaced tables) are part of it, and ``result MiB`` gives their own size.

Time is CPU time of the process (``time.process_time``; also ``wall`` in the
table): on a machine shared with other work, wall time counts other processes'
turns. With ``--repeat N`` each input runs N times and the median is kept.
The figures printed per input: worst entry point in seconds per MB, and
extra peak memory as a multiple of the input size.

Run: ``python benchmarks/adversarial.py`` (last line:
``adversarial: worst X s/MB``); ``--sizes 100000`` for a quick run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
CASES = ["percent", "item_marks", "line_no_punct", "dense_facts", "zero_width", "surrogates",
         "huge_figures", "html_like", "watermarks", "crlf", "big5", "garbage"]
TEXT_ONLY = {"surrogates"}
FILE_ONLY = {"big5", "garbage"}
#: Size of the small run of each input before its base is taken.
WARM_SIZE = 4_000


def _fill(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` UTF-8 bytes."""
    return unit * max(1, size // len(unit.encode("utf-8", "surrogatepass")))


def _report(stem: str) -> str:
    return next(RAW.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")


def build(case: str, size: int) -> bytes | str:
    """The input of ``case`` at about ``size`` bytes (str for text, bytes for files)."""
    if case == "percent":
        return _fill("8%", size)
    if case == "item_marks":
        return _fill("1、", size)
    if case == "line_no_punct":
        text = re.sub(r"[\s。，、；：！？,.;:!?()（）“”《》]", "", _report("003"))
        return _fill(text, size)
    if case == "dense_facts":
        return _fill("地区生产总值增长8%", size)
    if case == "zero_width":
        return _fill("地区生产总值增长1\u200b2%。", size)
    if case == "surrogates":
        return _fill("\ud800增长8%\udfff", size)
    if case == "huge_figures":
        return _fill("地区生产总值增长" + "9" * 400 + "%。", size)
    if case == "html_like":
        return _fill("<p>一季度,全市地区生产总值增长8%<br>", size)
    if case == "watermarks":
        return _fill("全市经济运行总体平稳会议上的讲话hd9\n", size)
    if case == "crlf":
        return _fill(_report("003").replace("\n", "\r\n"), size)
    if case == "big5":
        return _fill(_report("004"), size).encode("big5", "replace")
    if case == "garbage":
        return random.Random(size).randbytes(size)
    raise ValueError(case)


def _status_mib(field: str) -> float | None:
    """A ``VmRSS``/``VmHWM`` figure of this process (Linux), else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Reset the kernel's RSS high-water mark (Linux), so that the peak is measured from here."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        return False
    return _status_mib("VmHWM") is not None


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _result_mib(out: object) -> float:
    """Size of a result table (shared strings counted once)."""
    if not isinstance(out, pd.DataFrame):
        return 0.0
    seen: set[int] = set()
    total = 0
    for col in out.columns:
        s = out[col]
        if s.dtype == object:
            total += 8 * len(s) + sum(sys.getsizeof(v) for v in s if id(v) not in seen
                                      and not seen.add(id(v)))
        else:
            total += int(s.memory_usage(index=False, deep=True))
    return total / 2 ** 20


def _warm_up(gm, to_csv) -> None:
    """One call of every entry point on a small real report."""
    report = next(RAW.glob("003_*.txt"))
    warm = gm.extract(report)
    gm.unplaced(report)
    gm.extract_text(report.read_text(encoding="utf-8"))
    gm.normalize(report.read_text(encoding="utf-8"))
    gm.read_document(report)
    from govmetrics.text.read import decode_bytes

    decode_bytes(_report("004").encode("big5", "replace"))
    att = gm.attainment(warm)
    gm.pace(warm)
    gm.rank(att, "gap")
    gm.comparison_table(warm, 2022)
    to_csv(warm)


def _entry_points(gm, to_csv, case: str, data, d: str, timed) -> int:
    """Run ``data`` through every entry point (``timed(name, call)``); its size in bytes."""
    facts = None
    if case not in FILE_ONLY:
        text = data
        nbytes = len(text.encode("utf-8", "surrogatepass"))
        facts = timed("extract_text", lambda: gm.extract_text(text, region="咸宁市", year=2022))
        timed("normalize", lambda: gm.normalize(text))
    if case not in TEXT_ONLY:
        raw = data if isinstance(data, bytes) else data.encode("utf-8")
        nbytes = len(raw)
        path = Path(d) / f"{case}.txt"
        path.write_bytes(raw)
        timed("read_document", lambda: gm.read_document(path, region="咸宁市", year=2022))
        got = timed("extract", lambda: gm.extract(path, region="咸宁市", year=2022))
        facts = got if facts is None else facts
        timed("unplaced", lambda: gm.unplaced(path, region="咸宁市", year=2022))
    if facts is not None:
        att = timed("attainment", lambda: gm.attainment(facts))
        timed("pace", lambda: gm.pace(facts))
        if att is not None:
            timed("rank", lambda: gm.rank(att, "gap"))
        timed("comparison_table", lambda: gm.comparison_table(facts, 2022))
        timed("to_csv", lambda: to_csv(facts))
    return nbytes


def run_case(case: str, size: int) -> dict:
    """Run one input through every entry point (in this process)."""
    sys.path.insert(0, str(ROOT))
    import govmetrics as gm
    from govmetrics.present.tables import to_csv

    _warm_up(gm, to_csv)

    def untimed(name: str, call) -> object:
        try:
            return call()
        except gm.GovmetricsError:
            return None

    with tempfile.TemporaryDirectory() as d:
        # the same kind of input, small: the vocabularies its reading builds on first use
        _entry_points(gm, to_csv, case, build(case, WARM_SIZE), d, untimed)
    data = build(case, size)
    gc.collect()
    hwm = _reset_peak()
    base = _status_mib("VmRSS") if hwm else _maxrss_mib()
    times: dict[str, float] = {}
    walls: dict[str, float] = {}
    results: dict[str, float] = {}
    refusals: dict[str, str] = {}

    def timed(name: str, call) -> object:
        t0, w0 = time.process_time(), time.perf_counter()
        try:
            out = call()
        except gm.GovmetricsError as exc:
            out = None
            refusals[name] = str(exc)[-120:]
        times[name] = time.process_time() - t0
        walls[name] = time.perf_counter() - w0
        results[name] = _result_mib(out)
        return out

    with tempfile.TemporaryDirectory() as d:
        nbytes = _entry_points(gm, to_csv, case, data, d, timed)
    peak = _status_mib("VmHWM") if hwm else _maxrss_mib()
    mb = nbytes / 1e6
    return {"case": case, "bytes": nbytes, "base_mib": base, "peak_mib": peak,
            "times": times, "s_per_mb": {k: v / mb for k, v in times.items()},
            "wall_s_per_mb": {k: v / mb for k, v in walls.items()},
            "result_mib": max(results.values(), default=0.0), "refusals": refusals}


def _run(case: str, size: int, repeat: int, env: dict) -> dict | str:
    """Median figures of ``repeat`` fresh-process runs of one input, or the error."""
    runs = []
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, __file__, "--one", case, str(size)],
                              capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            return (proc.stderr.strip().splitlines()[-1:] or ["?"])[0]
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    r = runs[0]
    for key in ("s_per_mb", "wall_s_per_mb"):
        r[key] = {k: statistics.median(x[key][k] for x in runs) for k in r[key]}
    for key in ("base_mib", "peak_mib", "result_mib"):
        r[key] = statistics.median(x[key] for x in runs)
    return r


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--cases", nargs="+", default=CASES, choices=CASES)
    ap.add_argument("--repeat", type=int, default=1, help="runs per input (medians)")
    ap.add_argument("--one", nargs=2, metavar=("CASE", "SIZE"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.one:
        print(json.dumps(run_case(a.one[0], int(a.one[1]))))
        return 0
    worst = 0.0
    worst_mem = 0.0
    failed = 0
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT),
                                                                     os.environ.get("PYTHONPATH")])))
    print(f"{'input':<14} {'size':>9} {'worst s/MB':>10} {'wall':>6}  {'entry point':<17} "
          f"{'peak+MiB':>8} {'x input':>7} {'result MiB':>10}")
    for size in a.sizes:
        for case in a.cases:
            r = _run(case, size, max(1, a.repeat), env)
            if isinstance(r, str):
                failed += 1
                print(f"{case:<14} {size:>9}  FAILED: {r}")
                continue
            name, spm = max(r["s_per_mb"].items(), key=lambda kv: kv[1])
            extra = max(0.0, r["peak_mib"] - r["base_mib"])
            ratio = extra / (r["bytes"] / 2 ** 20)
            worst = max(worst, spm)
            worst_mem = max(worst_mem, ratio)
            print(f"{case:<14} {r['bytes']:>9} {spm:>10.2f} {r['wall_s_per_mb'][name]:>6.2f}  "
                  f"{name:<17} {extra:>8.1f} {ratio:>7.1f} {r['result_mib']:>10.1f}")
    print(f"peak memory: at most {worst_mem:.1f}x the input above the base")
    print(f"adversarial: worst {worst:.2f} s/MB" + (f" ({failed} inputs FAILED)" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
