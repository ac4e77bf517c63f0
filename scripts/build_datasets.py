"""Build the CSV datasets bundled in ``govmetrics/datasets/data/``.

``seeds``
    The processed facts of the five seed documents. Taken from
    ``data/processed/facts.csv`` (the extractor's output) when that file
    exists, else built from the hand-checked gold rows in
    ``tests/data/seeds_gold.csv``.
``dev``
    The gold facts of the development corpus (``tests/data/dev/gold.csv``),
    with region metadata from ``tests/data/dev/manifest.csv``.
``hubei``
    The processed facts of every official document in ``data/raw`` (the five
    seeds and the rows of ``data/raw/MANIFEST.csv`` whose ``doc_type`` is not
    ``news_quote``): 湖北省 and its prefectures and counties, 2018-2025. Rows
    about a place without a GB/T 2260 code (a development zone) are left out,
    so every row has a region code; they stay in ``data/processed/facts.csv``.

First it extracts ``data/raw`` into ``data/processed/facts.csv`` (the same
as ``govmetrics extract data/raw -o data/processed/facts.csv``) and records
what the table was built from in ``data/processed/facts.stamp.json``
(:mod:`govmetrics._processed`), so that ``govmetrics table`` reads the table
instead of extracting again while documents and extraction code are
unchanged. No stamp is written when a document was skipped or failed.

Last it stores ``data/processed/table.txt``, exactly what ``govmetrics table``
(no options) prints in the repository, and adds to the stamp its hash, a
hash of the presentation code and the versions of pandas, tabulate and
wcwidth; while all of it is current, ``govmetrics table`` prints the stored
text without loading pandas. It is not stored when the command fails or
prints anything on stderr.

Run from anywhere::

    python scripts/build_datasets.py
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govmetrics import cli  # noqa: E402
from govmetrics._processed import (  # noqa: E402
    STAMP_NAME,
    TABLE_NAME,
    write_stamp,
    write_table_stamp,
)
from govmetrics.schema import FACT_COLUMNS, coerce_facts  # noqa: E402
from govmetrics.vocabulary import indicators  # noqa: E402

OUT = ROOT / "govmetrics" / "datasets" / "data"
RAW = ROOT / "data" / "raw"
PROCESSED = ROOT / "data" / "processed" / "facts.csv"
TABLE = PROCESSED.with_name(TABLE_NAME)

#: Region metadata of the seed documents (GB/T 2260 codes).
SEED_REGIONS = {
    "咸宁市": ("421200", "prefecture"),
    "赤壁市": ("421281", "county"),
    "洪湖市": ("421083", "county"),
}

#: Document kinds of the seed documents (read from their titles).
SEED_DOC_KINDS = {
    "000_77440ee1c208de8a.txt": "progress_bulletin",
    "001_4deb0e425f90f9f5.txt": "progress_bulletin",
    "002_784350319b1ebff8.txt": "work_report",
    "003_500ad30c4c1f596f.txt": "progress_bulletin",
    "004_dfe24370595563c5.txt": "target_breakdown",
}

_KIND_FROM_MANIFEST = {
    "work_report": "work_report",
    "progress_bulletin": "progress_bulletin",
    "plan_report": "plan_report",
    "communique": "communique",
}


def _units(df: pd.DataFrame) -> pd.Series:
    base = {r["id"]: r["base_unit"] for r in indicators()}
    by_measure = {"growth_pct": "percent", "rate": "percent", "completion_pct": "percent",
                  "rank": "rank"}
    return pd.Series(
        [by_measure.get(m, base.get(i)) for m, i in zip(df["measure"], df["indicator"])],
        index=df.index,
    )


def build_seeds() -> pd.DataFrame:
    """Seed facts: the extractor's output if present, else the gold rows."""
    processed = ROOT / "data" / "processed" / "facts.csv"
    if processed.exists():
        df = pd.read_csv(processed, dtype={"region_code": "string"})
        # data/raw holds more documents than the five seeds (see data/raw/MANIFEST.csv)
        df = df[df["doc"].isin(SEED_DOC_KINDS)].reset_index(drop=True)
        return coerce_facts(df)
    df = pd.read_csv(ROOT / "tests" / "data" / "seeds_gold.csv")
    df["region_code"] = df["region"].map(lambda r: SEED_REGIONS.get(r, (None, None))[0])
    df["level"] = df["region"].map(lambda r: SEED_REGIONS.get(r, (None, None))[1])
    df["doc_kind"] = df["doc"].map(SEED_DOC_KINDS).fillna("unknown")
    df["unit"] = _units(df)
    return coerce_facts(df)


def official_docs() -> set[str]:
    """File names of the official documents in ``data/raw`` (seeds and non-news rows)."""
    manifest = pd.read_csv(ROOT / "data" / "raw" / "MANIFEST.csv")
    return set(SEED_DOC_KINDS) | set(manifest.loc[manifest["doc_type"] != "news_quote", "doc"])


def build_hubei() -> pd.DataFrame:
    """Facts of the official Hubei documents of ``data/raw``, each with a region code."""
    df = pd.read_csv(ROOT / "data" / "processed" / "facts.csv", dtype={"region_code": "string"})
    keep = df["doc"].isin(official_docs()) & df["region_code"].notna()
    return coerce_facts(df[keep].reset_index(drop=True))


def build_dev() -> pd.DataFrame:
    """Development-corpus gold facts with level and document kind from the manifest."""
    dev = ROOT / "tests" / "data" / "dev"
    df = pd.read_csv(dev / "gold.csv")
    manifest = pd.read_csv(dev / "manifest.csv").set_index("doc")
    same_region = df["region"] == df["doc"].map(manifest["region"])
    df["level"] = df["doc"].map(manifest["level"]).where(same_region)
    df["doc_kind"] = df["doc"].map(manifest["doc_type"]).map(_KIND_FROM_MANIFEST).fillna("unknown")
    df["unit"] = _units(df)
    return coerce_facts(df)


def build_processed() -> int:
    """Extract ``data/raw`` into ``data/processed/facts.csv`` and stamp it; the exit status."""
    PROCESSED.parent.mkdir(parents=True, exist_ok=True)
    for stale in (PROCESSED.with_name(STAMP_NAME), TABLE):
        stale.unlink(missing_ok=True)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = cli.main(["extract", str(RAW), "-o", str(PROCESSED)])
    sys.stderr.write(err.getvalue())
    lines = [ln for ln in err.getvalue().splitlines() if ln.strip()]
    if status != 0 or any(not ln.startswith("wrote ") for ln in lines):
        print(f"not stamped: {PROCESSED.relative_to(ROOT)} (see the lines above)")
        return status
    print(f"wrote {write_stamp(RAW, PROCESSED).relative_to(ROOT)}")
    return 0


def build_table() -> int:
    """Store ``govmetrics table``'s output as ``data/processed/table.txt`` and stamp it.

    The command runs in the repository with no options, after the stored
    table is removed (so it is computed from the stamped facts); the text is
    stored only when it exits with 0 and prints nothing on stderr.

    Returns
    -------
    int
        The exit status: 0 when the table was stored.
    """
    TABLE.unlink(missing_ok=True)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        status = cli.main(["table"])
    sys.stderr.write(err.getvalue())
    if status != 0 or err.getvalue():
        print(f"not stored: {TABLE.relative_to(ROOT)} (see the lines above)")
        return status or 1
    TABLE.write_text(out.getvalue(), encoding="utf-8", newline="")
    stamp = write_table_stamp(PROCESSED, TABLE)
    print(f"wrote {TABLE.relative_to(ROOT)}, stamped in {stamp.relative_to(ROOT)}")
    return 0


def main() -> int:
    """Extract ``data/raw``, write ``seeds.csv``, ``dev.csv`` and ``hubei.csv``, store the table."""
    status = build_processed()
    if status != 0:
        return status
    OUT.mkdir(parents=True, exist_ok=True)
    for name, frame in (("seeds", build_seeds()), ("dev", build_dev()),
                        ("hubei", build_hubei())):
        path = OUT / f"{name}.csv"
        frame[FACT_COLUMNS].to_csv(path, index=False)
        print(f"wrote {path.relative_to(ROOT)} ({len(frame)} rows)")
    return build_table()  # last: the presentation hash covers the datasets just written


if __name__ == "__main__":
    raise SystemExit(main())
