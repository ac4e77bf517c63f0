"""The fact-table contract: column names, types, allowed values, validation.

The columns follow ``SCHEMA.md`` of the evaluation kit (the gold files) plus
provenance and region metadata. :func:`validate_facts` checks a table with
pandera and raises :class:`govmetrics.errors.SchemaError` naming the column
and the offending rows.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .errors import SchemaError
from .vocabulary import indicator_ids

#: Column order of every fact table returned by :func:`govmetrics.extract`.
FACT_COLUMNS: list[str] = [
    "doc", "region", "year", "indicator", "role", "period_end", "measure",
    "value", "low", "high", "stretch", "modifier", "estimate", "quote",
    "char_start", "char_end", "region_code", "level", "doc_kind", "unit",
    "year_source", "role_source", "period_source", "rule",
    "lead_unit", "responsible_units",
]

#: Columns saying where a fact's context came from; tables written before
#: they existed lack them, so validation does not require them.
CONTEXT_COLUMNS: list[str] = ["year_source", "role_source", "period_source", "rule"]

#: Columns naming the units that own a target (from a 责任分解方案); tables
#: written before they existed lack them, so validation does not require them.
OWNER_COLUMNS: list[str] = ["lead_unit", "responsible_units"]

#: pandas dtypes of the fact-table columns.
FACT_DTYPES: dict[str, str] = {
    "doc": "string", "region": "string", "year": "Int64", "indicator": "string",
    "role": "string", "period_end": "Int64", "measure": "string", "value": "float64",
    "low": "float64", "high": "float64", "stretch": "float64", "modifier": "string",
    "estimate": "int64", "quote": "string", "char_start": "Int64", "char_end": "Int64",
    "region_code": "string", "level": "string", "doc_kind": "string", "unit": "string",
    "year_source": "string", "role_source": "string", "period_source": "string",
    "rule": "string",
    "lead_unit": "string", "responsible_units": "string",
}

ROLES = ("target", "actual")
MEASURES = ("growth_pct", "level", "rate", "completion_pct", "rank")
MODIFIERS = ("point", "about", "at_least", "at_most", "range", "synced")
LEVELS = ("national", "province", "prefecture", "county")
DOC_KINDS = ("work_report", "progress_bulletin", "target_breakdown", "communique",
             "plan_report", "unknown")
UNITS = ("yuan", "person", "percent", "rank")


def empty_facts() -> pd.DataFrame:
    """Return an empty fact table with the contract's columns and dtypes.

    Examples
    --------
    >>> list(empty_facts().columns)[:3]
    ['doc', 'region', 'year']
    """
    return _empty_template().copy()


@cache
def _empty_template() -> pd.DataFrame:
    """The empty fact table, built once (building 20 typed columns takes milliseconds)."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in FACT_DTYPES.items()})


def _numeric(col: pd.Series, name: str) -> pd.Series:
    """``col`` as numbers; a cell that is not a number is a :class:`SchemaError`, not NaN."""
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        return col
    num = pd.to_numeric(col, errors="coerce")
    text = col.astype("string").str.strip()
    bad = num.isna() & col.notna() & text.ne("").fillna(False)
    if bad.any():
        rows = [str(i) for i in col.index[bad.to_numpy()][:10]]
        vals = [repr(v) for v in col[bad].tolist()[:5]]
        raise SchemaError(f"column {name}: not a number at rows {', '.join(rows)} "
                          f"(values: {', '.join(vals)})")
    return num


def coerce_facts(df: pd.DataFrame) -> pd.DataFrame:
    """Order the contract columns first and cast them to their dtypes.

    Extra columns are kept after the contract columns.

    Raises
    ------
    SchemaError
        A numeric column holds text that is not a number (``year = "2022x"``),
        or an integer column a fraction (naming the column and rows).

    Examples
    --------
    >>> coerce_facts(pd.DataFrame({"year": ["2022x"]}))
    Traceback (most recent call last):
    ...
    govmetrics.errors.SchemaError: column year: not a number at rows 0 (values: '2022x')
    """
    out = df.copy()
    for c, t in FACT_DTYPES.items():
        if c not in out.columns:
            out[c] = pd.Series(pd.NA, index=out.index)
        if t == "float64":
            out[c] = _numeric(out[c], c).astype("float64")
        elif t in ("int64", "Int64"):
            num = _numeric(out[c], c)
            frac = num.notna() & (num.astype("float64") % 1 != 0)
            if frac.any():
                raise SchemaError(f"column {c}: not an integer at rows "
                                  f"{', '.join(str(i) for i in num.index[frac.to_numpy()][:10])}")
            out[c] = num.fillna(0).astype("int64") if t == "int64" else num.astype("Int64")
        else:
            out[c] = out[c].astype(t)
    extra = [c for c in out.columns if c not in FACT_DTYPES]
    return out[FACT_COLUMNS + extra]


@cache
def _schema():
    import pandera.pandas as pa

    def isin(values, nullable=False):
        return pa.Column("string", pa.Check.isin(list(values)), nullable=nullable)

    return pa.DataFrameSchema(
        {
            "doc": pa.Column("string", nullable=True),
            "region": pa.Column("string", nullable=True),
            "year": pa.Column("Int64", pa.Check.in_range(1949, 2100), nullable=True),
            "indicator": isin(indicator_ids()),
            "role": isin(ROLES),
            "period_end": pa.Column("Int64", pa.Check.in_range(1, 12)),
            "measure": isin(MEASURES),
            "value": pa.Column("float64", nullable=True),
            "low": pa.Column("float64", nullable=True),
            "high": pa.Column("float64", nullable=True),
            "stretch": pa.Column("float64", nullable=True),
            "modifier": isin(MODIFIERS),
            "estimate": pa.Column("int64", pa.Check.isin([0, 1])),
            "quote": pa.Column("string", nullable=True),
            "char_start": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "char_end": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "region_code": pa.Column("string", pa.Check.str_matches(r"^\d{6}$"), nullable=True),
            "level": isin(LEVELS, nullable=True),
            "doc_kind": isin(DOC_KINDS, nullable=True),
            "unit": isin(UNITS, nullable=True),
            "year_source": pa.Column("string", nullable=True, required=False),
            "role_source": pa.Column("string", nullable=True, required=False),
            "period_source": pa.Column("string", nullable=True, required=False),
            "rule": pa.Column("string", nullable=True, required=False),
            "lead_unit": pa.Column("string", nullable=True, required=False),
            "responsible_units": pa.Column("string", nullable=True, required=False),
        },
        checks=[
            # a target is always for the full year
            pa.Check(lambda d: (d["role"] != "target") | (d["period_end"] == 12),
                     name="targets_are_full_year", element_wise=False),
            # only synced rows may lack a value (a range carries its low end)
            pa.Check(lambda d: d["value"].notna() | (d["modifier"] == "synced"),
                     name="value_present_unless_synced", element_wise=False),
            pa.Check(lambda d: (d["modifier"] != "range") | (d["low"].notna() & d["high"].notna()),
                     name="range_has_bounds", element_wise=False),
            pa.Check(lambda d: d["char_start"].isna() | d["char_end"].isna()
                     | (d["char_end"] >= d["char_start"]),
                     name="span_is_ordered", element_wise=False),
        ],
        strict=False,
        coerce=False,
    )


def validate_facts(df: pd.DataFrame) -> pd.DataFrame:
    """Validate a fact table against the contract.

    Parameters
    ----------
    df : pandas.DataFrame
        A fact table (as returned by :func:`govmetrics.extract`).

    Returns
    -------
    pandas.DataFrame
        The same table, unchanged, when it is valid.

    Raises
    ------
    SchemaError
        Naming the failing column (or table-wide check) and the row labels.

    Examples
    --------
    >>> validate_facts(empty_facts()).shape[0]
    0
    """
    import pandera.errors as pe

    missing = [c for c in FACT_COLUMNS if c not in df.columns and c not in CONTEXT_COLUMNS
               and c not in OWNER_COLUMNS]
    if missing:
        raise SchemaError(f"fact table is missing columns: {', '.join(missing)}")
    try:
        _schema().validate(df, lazy=True)
    except pe.SchemaErrors as exc:
        cases = exc.failure_cases
        lines = []
        for (col, check), grp in cases.groupby(["column", "check"], dropna=False, sort=False):
            rows = [str(i) for i in grp["index"].tolist()[:10]]
            vals = [str(v) for v in grp["failure_case"].tolist()[:5]]
            lines.append(f"column {col!s}: check {check!s} failed at rows "
                         f"{', '.join(rows)} (values: {', '.join(vals)})")
        raise SchemaError("invalid fact table:\n  " + "\n  ".join(lines)) from None
    return df
