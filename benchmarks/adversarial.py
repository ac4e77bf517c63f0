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

Each input runs in a fresh process, so that its peak memory (max RSS) can
be set against the process's base (after importing govmetrics and a warm-up
call). The figures printed per input: worst entry point in seconds per MB,
and extra peak memory as a multiple of the input size.

Run: ``python benchmarks/adversarial.py`` (last line:
``adversarial: worst X s/MB``); ``--sizes 100000`` for a quick run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
CASES = ["percent", "item_marks", "line_no_punct", "dense_facts", "zero_width", "surrogates",
         "huge_figures", "html_like", "watermarks", "crlf", "big5", "garbage"]
TEXT_ONLY = {"surrogates"}
FILE_ONLY = {"big5", "garbage"}


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


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_case(case: str, size: int) -> dict:
    """Run one input through every entry point (in this process)."""
    sys.path.insert(0, str(ROOT))
    import govmetrics as gm
    from govmetrics.tables import to_csv

    # warm-up on a real report: imports, vocabularies, the schema, the detector
    report = next(RAW.glob("003_*.txt"))
    warm = gm.extract(report)
    gm.unplaced(report)
    gm.extract_text(report.read_text(encoding="utf-8"))
    gm.read.decode_bytes(_report("004").encode("big5", "replace"))
    att = gm.attainment(warm)
    gm.pace(warm)
    gm.rank(att, "gap")
    gm.comparison_table(warm, 2022)
    to_csv(warm)
    base = _rss_mib()
    data = build(case, size)
    times: dict[str, float] = {}
    refusals: dict[str, str] = {}

    def timed(name: str, call) -> object:
        t0 = time.perf_counter()
        try:
            out = call()
        except gm.GovmetricsError as exc:
            out = None
            refusals[name] = str(exc)[-120:]
        times[name] = time.perf_counter() - t0
        return out

    facts = None
    with tempfile.TemporaryDirectory() as d:
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
    mb = nbytes / 1e6
    return {"case": case, "bytes": nbytes, "base_mib": base, "peak_mib": _rss_mib(),
            "times": times, "s_per_mb": {k: v / mb for k, v in times.items()},
            "refusals": refusals}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--cases", nargs="+", default=CASES, choices=CASES)
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
    print(f"{'input':<14} {'size':>9} {'worst s/MB':>10}  {'entry point':<17} {'peak+MiB':>8} "
          f"{'x input':>7}")
    for size in a.sizes:
        for case in a.cases:
            proc = subprocess.run([sys.executable, __file__, "--one", case, str(size)],
                                  capture_output=True, text=True, env=env)
            if proc.returncode != 0:
                failed += 1
                tail = proc.stderr.strip().splitlines()[-1:] or ["?"]
                print(f"{case:<14} {size:>9}  FAILED: {tail[0]}")
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            name, spm = max(r["s_per_mb"].items(), key=lambda kv: kv[1])
            extra = max(0.0, r["peak_mib"] - r["base_mib"])
            ratio = extra / (r["bytes"] / 2 ** 20)
            worst = max(worst, spm)
            worst_mem = max(worst_mem, ratio)
            print(f"{case:<14} {r['bytes']:>9} {spm:>10.2f}  {name:<17} {extra:>8.1f} {ratio:>7.1f}")
    print(f"peak memory: at most {worst_mem:.1f}x the input above the base")
    print(f"adversarial: worst {worst:.2f} s/MB" + (f" ({failed} inputs FAILED)" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
