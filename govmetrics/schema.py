"""The fact-table contract: column names, types, allowed values, validation.

The columns follow ``SCHEMA.md`` of the evaluation kit (the gold files) plus
provenance and region metadata. :func:`validate_facts` checks a table with
vectorised column checks (once per call) and raises :class:`govmetrics.errors.SchemaError` naming the column
and the offending rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from ._kinds import DOC_KINDS
from .errors import SchemaError
from .vocabulary import indicator_ids

#: pandas dtypes of the fact-table columns, in the column order of every fact table.
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

#: Column order of every fact table returned by :func:`govmetrics.extract`.
FACT_COLUMNS: list[str] = list(FACT_DTYPES)

#: Columns saying where a fact's context came from; tables written before
#: they existed lack them, so validation does not require them.
CONTEXT_COLUMNS: list[str] = ["year_source", "role_source", "period_source", "rule"]

#: Columns naming the units that own a target (from a 责任分解方案); tables
#: written before they existed lack them, so validation does not require them.
OWNER_COLUMNS: list[str] = ["lead_unit", "responsible_units"]

ROLES = ("target", "actual")
MEASURES = ("growth_pct", "level", "rate", "completion_pct", "rank")
MODIFIERS = ("point", "about", "at_least", "at_most", "range", "synced")
LEVELS = ("national", "province", "prefecture", "county")
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


def facts_from_rows(rows: list[dict]) -> pd.DataFrame:
    """The fact table of extracted rows (dicts keyed by column), typed column by column.

    The same table as ``coerce_facts(pd.DataFrame(rows, columns=FACT_COLUMNS))``
    for the rows the extractor builds (numbers or None, strings or None), at a
    fraction of the cost: each column is built once with its dtype.

    Examples
    --------
    >>> facts_from_rows([{"year": 2022, "value": 8.0, "role": "target"}])[["year", "value"]]
       year  value
    0  2022    8.0
    """
    if not rows:
        return empty_facts()
    return pd.DataFrame(fact_columns(rows), columns=FACT_COLUMNS, copy=False)


def fact_columns(rows: list[dict]) -> dict[str, object]:
    """The typed column arrays of :func:`facts_from_rows` (``rows`` not empty)."""
    cols: dict[str, object] = {}
    for c, t in FACT_DTYPES.items():
        vals = [r.get(c) for r in rows]
        if t == "float64":
            cols[c] = np.array(vals, dtype="float64")
        elif t == "Int64":
            mask = np.fromiter((v is None for v in vals), dtype=bool, count=len(vals))
            data = np.array([0 if v is None else v for v in vals], dtype="int64")
            cols[c] = pd.arrays.IntegerArray(data, mask)
        elif t == "int64":
            cols[c] = np.array([0 if v is None else v for v in vals], dtype="int64")
        else:
            cols[c] = _strings(vals)
    return cols


@cache
def _arrow_strings() -> bool:
    """Whether the ``string`` dtype is stored in Arrow (pandas' default with pyarrow)."""
    return pd.StringDtype().storage == "pyarrow"


def _strings(vals: list) -> pd.api.extensions.ExtensionArray:
    """A ``string`` array of ``vals`` (str or None); Arrow-built directly when it can be."""
    if _arrow_strings():
        import pyarrow as pa

        try:
            return pd.arrays.ArrowStringArray(pa.array(vals, type=pa.large_string()))
        except (pa.ArrowException, TypeError, ValueError, UnicodeError):
            pass  # not all str: pandas converts (or says why not)
    return pd.array(vals, dtype="string")


@dataclass(frozen=True)
class _Rule:
    """One column check: allowed values, a range, or a pattern; and whether NA is allowed."""

    dtype: str
    nullable: bool = True
    isin: tuple | None = None
    low: float | None = None
    high: float | None = None
    pattern: str | None = None


@cache
def _rules() -> dict[str, _Rule]:
    """The column checks of the contract (what the pandera schema used to say)."""
    text = {c: _Rule("string") for c in ("doc", "region", "quote") + tuple(CONTEXT_COLUMNS)
            + tuple(OWNER_COLUMNS)}
    return {
        **text,
        "year": _Rule("Int64", low=1949, high=2100),
        "indicator": _Rule("string", False, isin=tuple(indicator_ids())),
        "role": _Rule("string", False, isin=ROLES),
        "period_end": _Rule("Int64", False, low=1, high=12),
        "measure": _Rule("string", False, isin=MEASURES),
        "value": _Rule("float64"), "low": _Rule("float64"), "high": _Rule("float64"),
        "stretch": _Rule("float64"),
        "modifier": _Rule("string", False, isin=MODIFIERS),
        "estimate": _Rule("int64", False, isin=(0, 1)),
        "char_start": _Rule("Int64", low=0),
        "char_end": _Rule("Int64", low=0),
        "region_code": _Rule("string", pattern=r"\d{6}"),
        "level": _Rule("string", isin=LEVELS),
        "doc_kind": _Rule("string", isin=DOC_KINDS),
        "unit": _Rule("string", isin=UNITS),
    }


def _dtype_ok(dtype, want: str) -> bool:
    if want == "string":
        return isinstance(dtype, pd.StringDtype)
    return str(dtype) == want


def _isna(arr) -> np.ndarray:
    """NA mask of a column's array (numpy or extension)."""
    if isinstance(arr, np.ndarray):
        return np.isnan(arr) if arr.dtype.kind == "f" else np.zeros(len(arr), dtype=bool)
    return np.asarray(arr.isna(), dtype=bool)


def _distinct(arr) -> list:
    """The distinct non-NA values of a column's array (a set for small tables: no hashing call)."""
    vals = set(arr.tolist()) if len(arr) <= 4096 else set(pd.unique(arr).tolist())
    return [v for v in vals if v is not None and v is not pd.NA and v == v]


def _mask_of(arr, values: list) -> np.ndarray:
    """Rows of ``arr`` holding one of ``values``."""
    return np.asarray(pd.Series(arr, copy=False).isin(values).to_numpy(), dtype=bool)


def _failures(arr, rule: _Rule) -> list[tuple[str, np.ndarray]]:
    """(check name, failing-row mask) of one column.

    Each check looks at the distinct values first and builds a row mask only
    when one fails, so a valid table costs a pass per column.
    """
    out = []
    if not rule.nullable:
        na = _isna(arr)
        if na.any():
            out.append(("not_nullable", na))
    if rule.isin is not None:
        allowed = set(rule.isin)
        bad = [v for v in _distinct(arr) if v not in allowed]
        if bad:
            out.append((f"isin({list(rule.isin)})" if len(rule.isin) <= 8 else "isin",
                        _mask_of(arr, bad)))
    if rule.low is not None or rule.high is not None:
        v = arr.to_numpy(dtype="float64", na_value=np.nan) if not isinstance(arr, np.ndarray) \
            else arr.astype("float64", copy=False)
        with np.errstate(invalid="ignore"):
            bad_rows = v < rule.low
            if rule.high is not None:
                bad_rows |= v > rule.high
        if bad_rows.any():
            name = (f"in_range({rule.low:g}, {rule.high:g})" if rule.high is not None
                    else f"greater_than_or_equal_to({rule.low:g})")
            out.append((name, bad_rows))
    if rule.pattern is not None:
        pat = re.compile(rule.pattern)
        bad = [v for v in _distinct(arr) if not (isinstance(v, str) and pat.fullmatch(v))]
        if bad:
            out.append((f"str_matches('^{rule.pattern}$')", _mask_of(arr, bad)))
    return out


def _floats(arr) -> np.ndarray:
    if isinstance(arr, np.ndarray):
        return arr.astype("float64", copy=False)
    return arr.to_numpy(dtype="float64", na_value=np.nan)


def _equals(arr, value: str) -> np.ndarray:
    """``arr == value`` as a numpy bool array (the column has no NA: checked before)."""
    if len(arr) <= 4096:  # a Python pass is cheaper than an Arrow kernel call
        return np.fromiter((v == value for v in arr.tolist()), dtype=bool, count=len(arr))
    return np.asarray(arr == value, dtype=bool)


def _table_failures(cols: dict) -> list[tuple[str, np.ndarray]]:
    """The checks across columns (each a failing-row mask)."""
    pe, value = _floats(cols["period_end"]), _floats(cols["value"])
    with np.errstate(invalid="ignore"):
        checks = [
            # a target is always for the full year
            ("targets_are_full_year", _equals(cols["role"], "target") & ~(pe == 12)),
            # only synced rows may lack a value (a range carries its low end)
            ("value_present_unless_synced", np.isnan(value)
             & ~_equals(cols["modifier"], "synced")),
            ("range_has_bounds", _equals(cols["modifier"], "range")
             & (np.isnan(_floats(cols["low"])) | np.isnan(_floats(cols["high"])))),
            ("span_is_ordered", _floats(cols["char_end"]) < _floats(cols["char_start"])),
        ]
    return [(name, bad) for name, bad in checks if bad.any()]


def _rows_of(index, bad: np.ndarray) -> str:
    return ", ".join(str(i) for i in (index[bad][:10] if index is not None
                                     else np.flatnonzero(bad)[:10]))


def column_problems(cols: dict, index=None) -> list[str]:
    """One line per failed check of the column arrays ``cols``: column, check, rows, values.

    ``index`` labels the rows (default: their positions). Columns the
    contract does not name are not looked at; missing optional ones neither.
    """
    lines = []
    for c, rule in _rules().items():
        if c not in cols:
            continue
        arr = cols[c]
        if not _dtype_ok(arr.dtype, rule.dtype):
            lines.append(f"column {c}: check dtype('{rule.dtype}') failed (dtype: {arr.dtype})")
            continue
        if rule == _Rule(rule.dtype):  # nothing to check beyond the dtype
            continue
        a = np.asarray(arr) if rule.dtype in ("float64", "int64") else arr
        for check, bad in _failures(a, rule):
            vals = [str(v) for v in pd.Series(arr, copy=False)[bad].tolist()[:5]]
            lines.append(f"column {c}: check {check} failed at rows {_rows_of(index, bad)} "
                         f"(values: {', '.join(vals)})")
    if not lines:  # the checks across columns need well-typed columns
        lines = [f"table: check {check} failed at rows {_rows_of(index, bad)}"
                 for check, bad in _table_failures(cols)]
    return lines


def check_columns(cols: dict, index=None) -> None:
    """Raise :class:`SchemaError` when the column arrays ``cols`` break the contract."""
    lines = column_problems(cols, index)
    if lines:
        raise SchemaError("invalid fact table:\n  " + "\n  ".join(lines))


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
    missing = [c for c in FACT_COLUMNS if c not in df.columns and c not in CONTEXT_COLUMNS
               and c not in OWNER_COLUMNS]
    if missing:
        raise SchemaError(f"fact table is missing columns: {', '.join(missing)}")
    check_columns({c: df[c].array for c in _rules() if c in df.columns}, df.index)
    return df
