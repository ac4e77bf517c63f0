"""The df.gm accessor only delegates."""

from __future__ import annotations

import pandas as pd
import pytest
from _seed_facts import seeds

import govmetrics as gm
from govmetrics.errors import SchemaError
from govmetrics.schema import coerce_facts


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return seeds()


def test_accessor_agrees_with_functions(gold):
    pd.testing.assert_frame_equal(gold.gm.attainment(), gm.attainment(gold))
    pd.testing.assert_frame_equal(gold.gm.attainment(tolerance=1.0),
                                  gm.attainment(gold, tolerance=1.0))
    pd.testing.assert_frame_equal(gold.gm.pace(basis="quarter"), gm.pace(gold, basis="quarter"))
    pd.testing.assert_frame_equal(gold.gm.project(), gm.project(gold))
    att = gm.attainment(gold)
    pd.testing.assert_frame_equal(att.gm.rank("gap", within="parent"),
                                  gm.rank(att, "gap", within="parent"))


def test_accessor_validate(gold):
    facts = coerce_facts(gold)
    # the seed facts are a valid table: validate hands back the same frame
    assert facts.gm.validate() is facts
    bad = facts.copy()
    bad.loc[0, "role"] = "nonsense"
    with pytest.raises(SchemaError, match="column role"):
        bad.gm.validate()
    with pytest.raises(SchemaError):
        gold.drop(columns="quote").gm.validate()


def test_public_exports():
    for name in ("attainment", "pace", "project", "rank", "composite_rank",
                 "YearEndProjector"):
        assert name in gm.__all__ and callable(getattr(gm, name))
