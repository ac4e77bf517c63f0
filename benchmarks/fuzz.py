"""Fuzz the public entry points with Hypothesis-generated documents.

Each document mixes arbitrary Unicode with real fragments: indicator names
(the alias vocabulary), figures with units, modifiers and periods found in
``data/raw`` and, when present, the evaluation documents in ``../shared/dev*``;
Chinese numerals, full-width digits, brackets, line breaks inside numbers,
lone surrogates, control and zero-width characters. Every document goes
through ``extract_text``, ``unplaced`` (read from a file, so the decoder runs
too), ``attainment``, ``pace``, ``rank`` and ``comparison_table``.

A *crash* is any exception that is not a :class:`govmetrics.GovmetricsError`
(those are refusals with a message: an analysis with too little data, a file
that does not decode), or a broken promise:

- ``text[char_start:char_end] == quote`` for every fact, and values finite;
- every unplaced number's ``text`` is the original text at its span;
- nothing changes when zero-width characters are inserted or line ends are
  CRLF: the same facts, with the same values (the invisible characters are
  removed in normalization, keeping the offset map);
- the fact table passes the schema (checked on every 20th document).

Run: ``python benchmarks/fuzz.py --examples 100000`` (the benchmark); the
test suite runs a small count. The last line is ``fuzz: N examples, K crashes``.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import govmetrics as gm  # noqa: E402
from govmetrics._unplaced import storable  # noqa: E402
from govmetrics.extract import extract_document  # noqa: E402
from govmetrics.text.read import document_from_text  # noqa: E402

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u00ad", "\ufeff", "\u2060"]
SPECIAL = [*ZERO_WIDTH, "\r", "\r\n", "\n", "\n\n", "\t", "\x00", "\x07", "\x1b", "\x7f",
           "\ud800", "\udfff", "\ud83d", "\U0001f600", "\u3000", "\u00a0", "\u2028",
           "(", ")", "（", "）", "【", "】", "《", "》", "<p>", "<br>", "</div>", "&nbsp;",
           "|", "=", "＝", "[", "\\\\", "%", "％", "．", "。", "，", "、", "；", "：", "—", "-",
           "~", "至", "第", "位", "名"]
NUMERALS = ["一", "二", "三", "十", "百", "千", "万", "亿", "两", "零", "〇", "百分之五",
            "三万人", "全市第三", "一季度", "十四五"]
FULL_WIDTH = ["０", "１", "２", "８", "９", "．", "％", "８．５％", "１２３４"]
BASE = [
    "地区生产总值", "增长", "下降", "左右", "以上", "以内", "力争", "预计", "目标", "完成",
    "全年", "1-9月", "上半年", "一季度", "同比", "比上年", "亿元", "万元", "万人", "个百分点",
    "城镇登记失业率", "控制在", "同步", "居全省第", "完成任务的", "序时进度", "2022年",
    "政府工作报告", "主要预期目标", "咸宁市", "赤壁市", "hd9", "PZl",
]


def _sources() -> list[Path]:
    """Documents whose fragments seed the generator: data/raw, ../shared/dev*."""
    paths = sorted((ROOT / "data" / "raw").glob("*.txt"))
    shared = ROOT.parent / "shared"
    if shared.is_dir():
        for d in sorted(shared.glob("dev*")):
            paths += sorted((d / "docs").glob("*.txt"))[:40]
    return paths


_FIGURE = re.compile(r"-?\d[\d,]*(?:\.\d+)?\s*(?:%|亿元|万元|元|万人|人|个百分点|亿美元)?")
_INDICATOR = re.compile(r"[\u4e00-\u9fff]{2,12}(?=[增下达实完为控])")


@cache
def fragments() -> tuple[list[str], list[str], list[str]]:
    """(figures, names, clauses) taken from the source documents and the vocabularies."""
    figures: set[str] = set()
    names: set[str] = set()
    clauses: set[str] = set()
    for p in _sources():
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        figures.update(m.group() for m in _FIGURE.finditer(text[:20000]))
        names.update(m.group() for m in _INDICATOR.finditer(text[:20000]))
        for line in text.splitlines()[:300]:
            for clause in re.split(r"[，,。；;]", line):
                if 4 <= len(clause) <= 40 and re.search(r"\d", clause):
                    clauses.add(clause)
    aliases = (ROOT / "govmetrics" / "data" / "indicator_aliases.csv").read_text(encoding="utf-8")
    names.update(ln.split(",")[0] for ln in aliases.splitlines()[1:]
                 if re.fullmatch(r"[\u4e00-\u9fff]+", ln.split(",")[0]))
    return sorted(figures)[:3000], sorted(names)[:3000], sorted(clauses)[:5000]


def strategy():
    """The Hypothesis strategy of fuzz documents."""
    from hypothesis import strategies as st

    figures, names, clauses = fragments()
    pieces = st.one_of(
        st.sampled_from(BASE),
        st.sampled_from(SPECIAL),
        st.sampled_from(NUMERALS),
        st.sampled_from(FULL_WIDTH),
        st.sampled_from(figures or ["8%"]),
        st.sampled_from(names or ["地区生产总值"]),
        st.sampled_from(clauses or ["地区生产总值增长8%"]),
        st.from_regex(r"-?\d{1,4}(\.\d{1,3})?(\.\d)?[%亿万元人]?", fullmatch=True),
        st.integers(min_value=0, max_value=10 ** 30).map(str),
        st.text(max_size=6),
    )
    return st.tuples(st.lists(pieces, max_size=40).map("".join),
                     st.sampled_from([("咸宁市", 2022), (None, 2023), ("赤壁市", None), (None, None)]),
                     st.integers(min_value=0, max_value=2 ** 31))


def _with_zero_width(text: str, seed: int) -> str:
    """``text`` with zero-width characters inserted at pseudo-random positions."""
    out = []
    for i, ch in enumerate(text):
        if (seed >> (i % 31)) & 1 and i % 3 == seed % 3:
            out.append(ZERO_WIDTH[(seed + i) % len(ZERO_WIDTH)])
        out.append(ch)
    return "".join(out)


_KEY = ["year", "indicator", "role", "period_end", "measure", "value", "modifier"]


def _facts_key(df) -> list[tuple]:
    import pandas as pd

    na = pd.NA
    cols = [df[c].tolist() for c in _KEY]
    return sorted((tuple(None if v is None or v is na or v != v else v for v in r)
                   for r in zip(*cols)), key=repr)


def check_document(text: str, region: str | None, year: int | None, seed: int,
                   tmp: Path, n: int) -> None:
    """Run one document through every entry point; raise AssertionError on a broken promise."""
    facts = gm.extract_text(text, region=region, year=year)
    for a, b, q in zip(facts["char_start"].tolist(), facts["char_end"].tolist(),
                       facts["quote"].tolist()):
        assert storable(text[a:b]) == q, ("quote", a, q)  # lone surrogates stored as U+FFFD
    for col in ("value", "low", "high", "stretch"):
        assert all(v != v or math.isfinite(v) for v in facts[col].tolist()), ("not finite", col)
    if n % 20 == 0:
        gm.validate_facts(facts)
    # invisible characters and line ends change nothing
    for variant in (_with_zero_width(text, seed), text.replace("\n", "\r\n")):
        other = gm.extract_text(variant, region=region, year=year)
        assert _facts_key(other) == _facts_key(facts), ("variant changed the facts", variant)
    # unplaced numbers, from a file (the decoder runs too)
    path = tmp / f"doc{n % 7}.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        un = gm.unplaced(path, region=region, year=year)
    except gm.DocumentError:
        un = None  # an empty or undecodable file is refused with a message
    if un is not None and text.strip():
        doc = document_from_text(text, region=region, year=year)
        _, un2 = extract_document(doc)
        for a, b, t in zip(un2.char_start, un2.char_end, un2.text):
            assert doc.original[a:b] == t, ("unplaced span", a, b, t)
    if len(facts) or n % 10 == 0:  # empty tables: every tenth document
        _analyses(facts, year)


def _analyses(facts, year: int | None) -> None:
    att = _refusal_ok(lambda: gm.attainment(facts))
    _refusal_ok(lambda: gm.pace(facts))
    if att is not None and len(att):
        _refusal_ok(lambda: gm.rank(att, "gap"))
    _refusal_ok(lambda: gm.rank(facts, "value"))
    _refusal_ok(lambda: gm.comparison_table(facts, year or 2022))


def _refusal_ok(call: Callable[[], object]) -> object:
    """``call()``, with a GovmetricsError (a refusal with a message) counted as fine."""
    try:
        return call()
    except gm.GovmetricsError:
        return None


def run(examples: int, seed: int | None = None, show: int = 3, out=sys.stdout) -> tuple[int, int]:
    """Run ``examples`` documents; returns (examples run, crashes)."""
    from hypothesis import HealthCheck, Phase, given, settings

    crashes: list[tuple[str, str]] = []
    count = [0]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)

        @settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
                  phases=[Phase.generate], suppress_health_check=list(HealthCheck))
        @given(strategy())
        def one(case) -> None:
            text, (region, year), s = case
            count[0] += 1
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    check_document(text, region, year, s, tmp, count[0])
            except gm.ParameterError:
                crashes.append((text, traceback.format_exc(limit=-3)))
            except gm.GovmetricsError:
                pass
            except Exception:  # noqa: BLE001 - a crash is exactly what is counted
                crashes.append((text, traceback.format_exc(limit=-3)))

        if seed is not None:
            from hypothesis import seed as hseed
            one = hseed(seed)(one)
        one()
    for text, tb in crashes[:show]:
        print(f"crash on {text!r}:\n{tb}", file=out)
    return count[0], len(crashes)


def _run_part(args: tuple[int, int | None]) -> tuple[int, int]:
    return run(*args)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=1000, help="documents to generate")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: derandomized)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="processes; runs over 5000 examples go in chunks of 2000, each "
                         "with its own seed, with a progress line per chunk")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    if a.jobs > 1 or a.examples > 5000:
        # chunks of at most 2000 examples, each with its own seed, on ``jobs`` processes;
        # progress is printed after every chunk
        from concurrent.futures import ProcessPoolExecutor, as_completed

        base = 0 if a.seed is None else a.seed
        sizes = [min(2000, a.examples - i) for i in range(0, a.examples, 2000)]
        n = k = 0
        with ProcessPoolExecutor(max(1, a.jobs)) as pool:
            futures = [pool.submit(_run_part, (m, base + 1000 * i)) for i, m in enumerate(sizes)]
            for f in as_completed(futures):
                dn, dk = f.result()
                n, k = n + dn, k + dk
                print(f"progress: {n} examples, {k} crashes, {time.perf_counter() - t0:.0f} s",
                      flush=True)
    else:
        n, k = run(a.examples, a.seed)
    print(f"time: {time.perf_counter() - t0:.0f} s")
    print(f"fuzz: {n} examples, {k} crashes")
    return 1 if k else 0


if __name__ == "__main__":
    raise SystemExit(main())
