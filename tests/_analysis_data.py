"""Shared input for the analysis tests: the gold fact table of the five seed documents."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SEEDS = Path(__file__).parent / "data" / "seeds_gold.csv"
REGION_CODES = {"咸宁市": "421200", "赤壁市": "421281", "洪湖市": "421083"}


def seeds() -> pd.DataFrame:
    """seeds_gold.csv with a region_code column added."""
    df = pd.read_csv(SEEDS, dtype={"quote": str, "doc": str})
    df["region_code"] = df["region"].map(REGION_CODES)
    return df


def select(df: pd.DataFrame, **eq) -> pd.DataFrame:
    """Rows of ``df`` whose columns equal the given values (a list means isin)."""
    mask = pd.Series(True, index=df.index)
    for col, val in eq.items():
        mask &= df[col].isin(val) if isinstance(val, list) else df[col] == val
    return df.loc[mask].reset_index(drop=True)
