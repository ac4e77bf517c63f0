"""Shared helpers of the analysis core: encoding, keys, elapsed and seasonal shares.

Nothing here is public API; the functions are vectorised and pure (they never
modify their input).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..vocabulary import indicators

HIGHER = "higher_is_better"
LOWER = "lower_is_better"

#: Columns every analysis input must have.
CORE_COLUMNS = ("region", "year", "indicator", "role", "period_end", "measure", "value")

#: Optional columns: low, high, stretch (NaN when absent), modifier ("point"),
#: estimate (0), region_code, doc, quote (NA; provenance columns are only
#: returned when present).
OPTIONAL_COLUMNS = ("low", "high", "stretch", "modifier", "estimate", "region_code", "doc",
                    "quote")

#: Measures that are compared with a target.
JUDGED_MEASURES = ("growth_pct", "level", "rate")

#: Relative slack of ">=" comparisons, so that 7.8 - 8.3 (= -0.5000000000000009) is -0.5.
EPS = 1e-9


def require_columns(df: pd.DataFrame, columns: Iterable[str], where: str) -> None:
    """Raise :class:`AnalysisError` when ``df`` lacks any of ``columns``."""
    if not isinstance(df, pd.DataFrame):
        raise AnalysisError(f"{where}: expected a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise AnalysisError(f"{where}: input is missing columns: {', '.join(missing)}")


def vocabulary_directions() -> dict[str, str]:
    """Indicator id -> direction from the bundled vocabulary."""
    return {r["id"]: r["direction"] for r in indicators()}


def codes_of(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 for NA) and object uniques of a column (categoricals are free)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return (s.cat.codes.to_numpy().astype("int64"),
                np.asarray(s.cat.categories.astype(object), dtype=object))
    codes, uniques = pd.factorize(s.to_numpy(dtype=object), use_na_sentinel=True)
    return codes.astype("int64", copy=False), np.asarray(uniques, dtype=object)


def int_or(x: np.ndarray, fill: int) -> np.ndarray:
    """Float array to int64 with ``fill`` for NaN."""
    nan = np.isnan(x)
    if nan.any():
        x = np.where(nan, fill, x)
    return x.astype("int64")


def int_array(x: np.ndarray) -> pd.arrays.IntegerArray:
    """Nullable Int64 array from floats (NaN -> NA) without per-element checks."""
    nan = np.isnan(x)
    return pd.arrays.IntegerArray(int_or(x, 0), nan)


def code_for(uniques: np.ndarray, value: str) -> int:
    """Code of ``value`` among ``uniques`` (-2 when absent, never matching a code)."""
    hit = np.flatnonzero(uniques == value)
    return int(hit[0]) if len(hit) else -2


#: A :class:`KeyTable` is a direct-address array when its largest key is below
#: this many times the number of keys stored or looked up (else a hash index).
DIRECT_SPAN = 8


class KeyTable:
    """Positions of integer keys, for vectorised look-ups (negative keys never match).

    The keys of the analysis are composite codes of bounded range
    (:meth:`Facts.pair_key`, :meth:`Facts.period_key`), so the table is
    usually an array indexed by the key itself: building it is one scatter
    and a look-up one gather, with no hashing. When the keys are too sparse
    for that (largest key at least :data:`DIRECT_SPAN` times the number of
    keys stored or expected look-ups), a :class:`pandas.Index` hash table is
    used. Both give the same positions.

    Parameters
    ----------
    keys : numpy.ndarray
        Integer keys; position ``i`` is returned for ``keys[i]``.
    expected : int
        How many keys will be looked up (a larger table pays off then).

    Attributes
    ----------
    unique : bool
        Whether no non-negative key occurs twice; :meth:`get` needs it.
    """

    def __init__(self, keys: np.ndarray, expected: int = 0) -> None:
        keys = np.asarray(keys, dtype="int64")
        self.n = len(keys)
        ok = keys >= 0
        top = int(keys.max()) if self.n else -1
        self._top = top
        if top < 0:  # nothing can match
            self._table, self._index, self.unique = None, None, True
        elif top < DIRECT_SPAN * max(self.n, expected):
            kind = "int32" if self.n < 2**31 else "int64"
            table = np.full(top + 2, -1, dtype=kind)  # the last slot answers every miss
            pos = np.arange(self.n, dtype=kind)
            if not ok.all():
                keys, pos = keys[ok], pos[ok]
            table[keys] = pos
            self.unique = bool((table[keys] == pos).all())
            self._table, self._index = table, None
        else:
            index = pd.Index(np.where(ok, keys, -1 - np.arange(self.n)))
            self._table, self._index, self.unique = None, index, index.is_unique

    def get(self, queries: np.ndarray) -> np.ndarray:
        """Position of each query among the keys (int64, -1 when absent)."""
        q = np.ascontiguousarray(queries, dtype="int64")
        if self._table is not None:
            # negative keys turn huge as unsigned, so one minimum sends every miss to the last slot
            slot = np.minimum(q.view(np.uint64), np.uint64(self._top + 1))
            return self._table[slot].astype("int64")
        if self._index is None:
            return np.full(len(q), -1, dtype="int64")
        if not self.unique:  # pragma: no cover - internal misuse
            raise ValueError("KeyTable.get needs unique keys")
        return self._index.get_indexer(np.where(q >= 0, q, np.iinfo("int64").min)).astype(
            "int64", copy=False)


def lookup(keys: np.ndarray, table_keys) -> np.ndarray:
    """Position of each of ``keys`` in the unique ``table_keys`` (-1 when absent)."""
    table = table_keys if isinstance(table_keys, KeyTable) else KeyTable(table_keys, len(keys))
    return table.get(keys)


def take_float(values: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """values[pos] with NaN where pos is -1."""
    if len(values) == 0:
        return np.full(len(pos), np.nan)
    out = values[pos]
    missing = pos < 0
    if missing.any():
        out[missing] = np.nan
    return out


def take_column(df: pd.DataFrame, col: str, pos: np.ndarray):
    """Rows ``pos`` of column ``col`` keeping its dtype; -1 gives NA."""
    return df[col].array.take(pos, allow_fill=True)


class Facts:
    """Column arrays of a fact table, encoded once for vectorised joins.

    The input frame is not copied. Integer codes replace the string keys
    (``region``, ``indicator`` and ``measure`` hold codes, -1 for NA, into
    ``region_names``, ``indicator_names`` and ``measure_names``); numeric
    columns (``year``, ``period_end``, ``value``) become float arrays (NaN for
    NA). ``region_indicator`` is one code per (region, indicator) pair.
    """

    def __init__(self, facts: pd.DataFrame, where: str) -> None:
        require_columns(facts, CORE_COLUMNS, where)
        self.df = facts
        self.n = len(facts)
        self.region, self.region_names = codes_of(facts["region"])
        self.indicator, self.indicator_names = codes_of(facts["indicator"])
        self.measure, self.measure_names = codes_of(facts["measure"])
        if isinstance(facts["role"].dtype, pd.CategoricalDtype):
            rc, ru = codes_of(facts["role"])
            self.is_target = rc == code_for(ru, "target")
            self.is_actual = rc == code_for(ru, "actual")
        else:
            role = facts["role"].to_numpy(dtype=object)
            self.is_target = role == "target"
            self.is_actual = role == "actual"
        self.year = as_float(facts["year"])
        self.period_end = as_float(facts["period_end"])
        self.value = as_float(facts["value"])
        y = self.year
        known = self.n and not np.isnan(y).all()
        self.year_min = float(np.nanmin(y)) if known else 0.0
        self.year_span = (int(np.nanmax(y) - self.year_min) + 3) if known else 3
        self.n_indicators = max(len(self.indicator_names), 1)
        self.n_measures = max(len(self.measure_names), 1)
        pair = self.region * self.n_indicators
        pair += self.indicator
        pair[(self.region < 0) | (self.indicator < 0)] = -1
        self.region_indicator = pair

    # per-position helpers (computed on the rows needed, not on the whole table) --
    def year_key_at(self, pos: np.ndarray) -> np.ndarray:
        """Year as a small non-negative int (0 = missing) at ``pos``."""
        y = self.year[pos]
        y -= self.year_min - 1
        return int_or(y, 0)

    def month_at(self, pos: np.ndarray) -> np.ndarray:
        """period_end as int (0 = missing) at ``pos``."""
        return int_or(self.period_end[pos], 0)

    def estimate_at(self, pos: np.ndarray) -> np.ndarray:
        """estimate flag as float at ``pos`` (0 when the column is absent, NaN for -1)."""
        if "estimate" not in self.df.columns:
            out = np.zeros(len(pos))
        else:
            col = self.df["estimate"]
            numpy_int = isinstance(col.dtype, np.dtype) and col.dtype.kind in "iu"
            vals = col.to_numpy() if numpy_int else np.nan_to_num(as_float(col), nan=0.0)
            out = vals[np.maximum(pos, 0)].astype("float64") if len(vals) else \
                np.zeros(len(pos))
        out[pos < 0] = np.nan
        return out

    # keys ---------------------------------------------------------------------
    def pair_key(self, pos: np.ndarray, measure: np.ndarray | None = None) -> np.ndarray:
        """Key of (region, indicator, year, measure) at ``pos`` (-1 when incomplete).

        ``measure``: measure codes to use instead of those of the rows.
        """
        m = self.measure[pos] if measure is None else measure
        k = self.region_indicator[pos]
        bad = (k < 0) | (m < 0)
        k *= self.year_span
        k += self.year_key_at(pos)
        k *= self.n_measures
        k += m
        k[bad] = -1
        return k

    def period_key(self, pos: np.ndarray, year_shift: int = 0,
                   month: np.ndarray | None = None) -> np.ndarray:
        """Key of (region, indicator, year + year_shift, period_end) at ``pos``.

        ``month``: period_end values to use instead of those of the rows.
        """
        k = self.region_indicator[pos]
        bad = k < 0
        k *= self.year_span
        k += self.year_key_at(pos)
        if year_shift:
            k += year_shift
        k *= 13
        k += self.month_at(pos) if month is None else month
        k[bad] = -1
        return k

    def float_col(self, col: str, pos: np.ndarray) -> np.ndarray:
        """Float values of ``col`` at ``pos`` (NaN when absent or pos is -1)."""
        if col not in self.df.columns:
            return np.full(len(pos), np.nan)
        return take_float(as_float(self.df[col]), pos)

    def codes_at(self, col: str, pos: np.ndarray, default: str) -> tuple[np.ndarray, np.ndarray]:
        """(codes, uniques) of ``col`` at ``pos``; NA, -1 and an absent column give ``default``."""
        if col not in self.df.columns or len(pos) == 0:
            return np.zeros(len(pos), dtype="int64"), np.array([default], dtype=object)
        c = self.df[col]
        if isinstance(c.dtype, pd.CategoricalDtype):
            codes = c.cat.codes.to_numpy()[np.maximum(pos, 0)].astype("int64")
            uniques = np.asarray(c.cat.categories, dtype=object)
        else:
            vals = c.to_numpy(dtype=object)[np.maximum(pos, 0)]
            codes, uniques = pd.factorize(vals, use_na_sentinel=True)
            codes = codes.astype("int64")
            uniques = np.asarray(uniques, dtype=object)
        codes[(codes < 0) | (pos < 0)] = len(uniques)
        return codes, np.append(uniques, default)

    def dedupe(self, pos: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """One row per key (reported before estimated, then first): (unique keys, positions)."""
        ok = keys >= 0
        pos, keys = pos[ok], keys[ok]
        est = self.estimate_at(pos)
        if (est > 0).any():
            order = np.argsort(est, kind="stable")
            pos, keys = pos[order], keys[order]
        keep = ~pd.Index(keys).duplicated(keep="first")
        return keys[keep], pos[keep]

    def lower_is_better(self, pos: np.ndarray) -> np.ndarray:
        """Vocabulary direction (True = lower_is_better) of the indicator at ``pos``."""
        vocab = vocabulary_directions()
        table = np.array([vocab.get(u, HIGHER) == LOWER for u in self.indicator_names] + [False])
        return table[self.indicator[pos]]


def as_float(s) -> np.ndarray:
    """Float numpy array of a (possibly nullable) numeric series or array, NA -> nan."""
    if isinstance(s, np.ndarray) and s.dtype.kind == "f":
        return s.astype("float64", copy=False)
    if not isinstance(s, pd.Series):
        s = pd.Series(s)
    if isinstance(s.dtype, np.dtype) and s.dtype == np.float64:
        return s.to_numpy()  # no copy: NaN is already the missing value
    if s.dtype.kind in "iufb" and not isinstance(s.dtype, pd.CategoricalDtype):
        return s.to_numpy(dtype="float64", na_value=np.nan)
    return pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def elapsed_share(period_end: pd.Series, year: pd.Series, basis: str) -> np.ndarray:
    """Elapsed share of the year (0-1) at the end of month ``period_end``.

    month: m/12; quarter: ceil(m/3)*3/12; day: day-of-year of the last day of
    month m divided by the days in ``year`` (365 or 366).
    """
    m = as_float(period_end)
    if basis == "month":
        return m / 12.0
    if basis == "quarter":
        return np.ceil(m / 3.0) * 3.0 / 12.0
    if basis == "day":
        y = as_float(year)
        ok = ~(np.isnan(m) | np.isnan(y))
        out = np.full(m.shape, np.nan)
        if ok.any():
            yi = y[ok].astype("int64")
            mi = m[ok].astype("int64")
            leap = ((yi % 4 == 0) & (yi % 100 != 0)) | (yi % 400 == 0)
            cum = np.array([0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365])
            days = cum[mi] + np.where(leap & (mi >= 2), 1, 0)
            out[ok] = days / np.where(leap, 366.0, 365.0)
        return out
    raise AnalysisError(f"basis must be 'month', 'quarter' or 'day', not {basis!r}")


def seasonal_share(indicator, period_end, seasonal) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative share of the annual total by ``period_end`` from a profile.

    ``seasonal`` is None (even months: m/12), a dict {month: share} applied to
    every indicator, or a DataFrame with columns indicator, period_end, share.
    Returns (share, from_profile) with from_profile True where the profile
    gave the share; shares outside (0, 1] fall back to even months.
    """
    m = as_float(period_end)
    even = m / 12.0
    share = np.full(m.shape, np.nan)
    if seasonal is None:
        return even, np.zeros(len(m), dtype=bool)
    if isinstance(seasonal, Mapping):
        prof = {float(k): float(v) for k, v in seasonal.items()}
        share = np.array([prof.get(x, np.nan) for x in range(13)] + [np.nan])[
            np.where(np.isnan(m), 13, np.nan_to_num(m)).astype("int64").clip(0, 13)]
    elif isinstance(seasonal, pd.DataFrame):
        require_columns(seasonal, ("indicator", "period_end", "share"), "seasonal profile")
        prof = pd.DataFrame({"indicator": seasonal["indicator"].astype(object).to_numpy(),
                             "period_end": as_float(seasonal["period_end"]),
                             "share": as_float(seasonal["share"])})
        prof = prof.drop_duplicates(["indicator", "period_end"])
        left = pd.DataFrame({"indicator": np.asarray(indicator, dtype=object), "period_end": m})
        share = as_float(left.merge(prof, on=["indicator", "period_end"], how="left")["share"])
    else:
        raise AnalysisError("seasonal must be None, a dict {month: share} or a DataFrame "
                            "with columns indicator, period_end, share")
    with np.errstate(invalid="ignore"):
        good = (share > 0) & (share <= 1)
    return np.where(good, share, even), good
