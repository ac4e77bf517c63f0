"""Bundled datasets: listing, loading, contract."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import govmetrics
from govmetrics import datasets

PROCESSED = Path(__file__).parents[1] / "data" / "processed" / "facts.csv"


def test_list_datasets():
    assert datasets.list_datasets() == ["dev", "seeds"]


@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_load_is_a_valid_fact_table(name):
    facts = datasets.load(name)
    assert list(facts.columns) == govmetrics.FACT_COLUMNS
    govmetrics.validate_facts(facts)
    assert len(facts) > 100


def test_seeds_region_codes():
    facts = datasets.load("seeds")
    codes = facts.drop_duplicates("region").set_index("region")["region_code"].to_dict()
    # the documents' own regions; figures about districts and parks inside them
    # (咸安区, 咸宁高新区) keep their own region name
    expected = {"咸宁市": "421200", "赤壁市": "421281", "洪湖市": "421083"}
    assert {k: codes[k] for k in expected} == expected
    assert codes.get("咸安区") in (None, "421202")
    assert facts["region_code"].dtype == "string"


def test_seeds_match_processed_values():
    # the bundled dataset is data/processed/facts.csv (scripts/build_datasets.py copies it)
    processed = pd.read_csv(PROCESSED)
    # the five seed documents; data/raw also holds others (listed in data/raw/MANIFEST.csv)
    processed = processed[processed["doc"].str.startswith("00")].reset_index(drop=True)
    facts = datasets.load("seeds")
    assert len(facts) == len(processed)
    pd.testing.assert_series_equal(facts["value"], processed["value"].astype("float64"),
                                   check_names=False)


def test_unknown_dataset():
    with pytest.raises(govmetrics.GovmetricsError, match="available: dev, seeds"):
        datasets.load("nope")
