"""The phrasing table (``tests/cases/phrasings``): sentences → fact rows.

One file per class of phrasing (names across eras, names that must not
match, Chinese numerals, ranges, relative targets, ranks, parent
comparisons, multi-year statements, garbled reposts, numbers that must not
change). Each case gives its ``source`` (the kind of text it imitates), the
caller's ``hints`` and the rows expected from :func:`govmetrics.extract_text`,
each written as one line::

    "gdp growth_pct 8 about target 2021"            # indicator measure value modifier role year
    "gdp growth_pct 7 range target 2021 low=7 high=7.5 p=12 region=咸宁市 est=1"

``value`` is ``-`` for a row without one (``synced``). Optional keys
after the year compare only what they name. ``unplaced`` lists reasons the
case's numbers must be unplaced with (as a multiset: each reason at least
as often as listed). The rows must be exactly the expected ones: a missing
row and an extra row both fail. ``tests/cases/xfail.json`` lists known
failures as ``phrasings/<id>`` (strict).
"""

from __future__ import annotations

import math
import tempfile
import warnings
from collections import Counter
from pathlib import Path

import pytest
from _case_tables import XFAIL, case_params

import govmetrics

SOURCES = {"work_report", "news_relay", "bulletin", "communique", "garbled_repost"}
_KEYS = {"low": float, "high": float, "p": int, "region": str, "est": int, "stretch": float}

CASE_LIST = case_params("phrasings")


def _parse(row: str) -> dict:
    ind, measure, value, modifier, role, year, *rest = row.split()
    spec = {"indicator": ind, "measure": measure, "modifier": modifier, "role": role,
            "year": int(year), "value": None if value == "-" else float(value)}
    for item in rest:
        key, _, val = item.partition("=")
        spec[key] = _KEYS[key](val)
    return spec


def _matches(spec: dict, row) -> bool:
    if (row.indicator, row.measure, row.modifier, row.role, int(row.year)) != (
            spec["indicator"], spec["measure"], spec["modifier"], spec["role"], spec["year"]):
        return False
    value = row.value if row.value == row.value else None
    if (spec["value"] is None) != (value is None):
        return False
    if value is not None and not math.isclose(value, spec["value"], rel_tol=1e-9):
        return False
    got = {"low": row.low, "high": row.high, "p": row.period_end, "region": row.region,
           "est": row.estimate, "stretch": row.stretch}
    for key in _KEYS:
        if key in spec:
            want = spec[key]
            have = got[key]
            if isinstance(want, float):
                if not math.isclose(float(have), want, rel_tol=1e-9):
                    return False
            elif have != want:
                return False
    return True


def test_table_is_large_and_labelled() -> None:
    cases = [p.values[0] for p in CASE_LIST]
    assert len(cases) >= 200
    assert {c["source"] for c in cases} <= SOURCES
    known = {f"phrasings/{c['id']}" for c in cases}
    assert {k for k in XFAIL if k.startswith("phrasings/")} <= known


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


@pytest.mark.parametrize("script", ["as_written", "traditional"])
@pytest.mark.parametrize("case", CASE_LIST)
def test_phrasing(case: dict, script: str) -> None:
    """Each case as written, and relayed in traditional script (the same rows)."""
    hints = case.get("hints", {})
    text = case["text"] if script == "as_written" else _traditional(case["text"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        facts = govmetrics.extract_text(text, **hints)
    want = [_parse(r) for r in case["rows"]]
    rows = list(facts.itertuples())
    unmatched = [r for r in rows]
    for spec in want:
        hit = next((r for r in unmatched if _matches(spec, r)), None)
        assert hit is not None, (spec, [(r.indicator, r.measure, r.value, r.modifier, r.role,
                                         r.year, r.region) for r in rows])
        unmatched.remove(hit)
    assert not unmatched, [(r.indicator, r.measure, r.value, r.modifier, r.role, r.year,
                            r.quote) for r in unmatched]
    if "unplaced" in case:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "case.txt"
            path.write_text(text, encoding="utf-8")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reasons = Counter(govmetrics.unplaced(path, **hints).reason)
        for reason, n in Counter(case["unplaced"]).items():
            assert reasons[reason] >= n, (reason, dict(reasons))
