"""The key table of the analysis core against its plain definition (a dictionary).

:class:`govmetrics.analysis._common.KeyTable` is a speed shortcut: a
direct-address array when the keys are dense, a hash index when they are
sparse. Both must give what a dictionary from key to first position gives.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from govmetrics import pace
from govmetrics.analysis import _common
from govmetrics.analysis._common import KeyTable, lookup

KEYS = st.lists(st.integers(min_value=-3, max_value=60), max_size=40)
QUERIES = st.lists(st.integers(min_value=-(2**62), max_value=2**62) | st.integers(-5, 70),
                   max_size=40)


def _plain(keys: list[int], queries: list[int]) -> list[int]:
    first: dict[int, int] = {}
    for i, k in enumerate(keys):
        if k >= 0:
            first.setdefault(k, i)
    return [first.get(q, -1) for q in queries]


@settings(max_examples=300, deadline=None)
@given(KEYS, QUERIES, st.sampled_from([0, 1, 8, 10_000]))
def test_key_table_matches_a_dictionary(keys, queries, span):
    nonneg = [k for k in keys if k >= 0]
    unique = len(set(nonneg)) == len(nonneg)
    old = _common.DIRECT_SPAN
    _common.DIRECT_SPAN = span  # 0 forces the hash index; 10,000 the direct array
    try:
        table = KeyTable(np.array(keys, dtype="int64"), len(queries))
    finally:
        _common.DIRECT_SPAN = old
    assert table.unique == unique
    if unique:
        got = table.get(np.array(queries, dtype="int64"))
        assert got.dtype == np.int64
        assert got.tolist() == _plain(keys, queries)


def test_both_forms_are_used():
    dense = KeyTable(np.arange(100), 100)
    sparse = KeyTable(np.array([0, 10**12]), 2)
    assert dense._table is not None and dense._index is None
    assert sparse._table is None and sparse._index is not None
    assert lookup(np.array([10**12, 5, -1]), np.array([0, 10**12])).tolist() == [1, -1, -1]


def test_pace_is_the_same_through_either_form():
    rng = np.random.default_rng(7)
    n = 400
    facts = pd.DataFrame({
        "region": rng.choice(["甲县", "乙县", "丙县"], n),
        "year": rng.integers(2018, 2024, n),
        "indicator": rng.choice(["gdp", "fixed_asset_investment", "retail_sales"], n),
        "role": rng.choice(["target", "actual"], n),
        "period_end": rng.choice([3, 6, 9, 12], n),
        "measure": rng.choice(["growth_pct", "level"], n),
        "value": rng.uniform(1, 100, n).round(1),
    })
    direct = pace(facts)
    old = _common.DIRECT_SPAN
    _common.DIRECT_SPAN = 0
    try:
        hashed = pace(facts)
    finally:
        _common.DIRECT_SPAN = old
    assert len(direct) > 20
    pd.testing.assert_frame_equal(direct, hashed)
