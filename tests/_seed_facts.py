"""Shared test input: the gold fact table of the five seed documents (tests/data)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from govmetrics import lookup_region

SEEDS = Path(__file__).parent / "data" / "seeds_gold.csv"


def seeds() -> pd.DataFrame:
    """seeds_gold.csv with a region_code column from the bundled region table."""
    df = pd.read_csv(SEEDS, dtype={"quote": str, "doc": str})
    codes = {name: lookup_region(name).code for name in df["region"].unique()}
    df["region_code"] = df["region"].map(codes)
    return df


def select(df: pd.DataFrame, **eq) -> pd.DataFrame:
    """Rows of ``df`` whose columns equal the given values (a list means isin)."""
    mask = pd.Series(True, index=df.index)
    for col, val in eq.items():
        mask &= df[col].isin(val) if isinstance(val, list) else df[col] == val
    return df.loc[mask].reset_index(drop=True)
