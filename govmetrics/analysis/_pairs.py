"""Pairing shared by attainment, pace and projection: every target with the
actuals of the same region, year, indicator and measure, and the key and
provenance columns of the paired rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._common import JUDGED_MEASURES, Facts, KeyTable, code_for, int_array, lookup, take_column


@dataclass
class Pairs:
    """Row positions (into the input frame) of paired targets and actuals.

    ``target_row``: target row or -1; ``actual_row``: actual row or -1 (for a
    reported completion without a level actual, the completion row, flagged
    ``orphan``); ``completion_row``: the completion_pct row attached to a
    level actual, or -1.
    """

    target_row: np.ndarray
    actual_row: np.ndarray
    completion_row: np.ndarray
    orphan: np.ndarray

    @property
    def key_row(self) -> np.ndarray:
        """Row that carries the shared keys (the target, else the actual)."""
        return np.where(self.target_row >= 0, self.target_row, self.actual_row)

    def subset(self, mask: np.ndarray) -> Pairs:
        """The pairs where ``mask`` is True."""
        return Pairs(self.target_row[mask], self.actual_row[mask], self.completion_row[mask],
                     self.orphan[mask])


def pair_facts(F: Facts, keep: str = "targets", ytd: bool = False) -> Pairs:
    """Pair targets with actuals of the same region, indicator, year and measure.

    ``keep='targets'`` keeps every target (targets without an actual get
    ``actual_row = -1``); ``keep='actuals'`` keeps every actual (``target_row = -1`` when it
    has no target). A reported ``completion_pct`` actual is attached to the
    level actual of the same region, indicator, year and period_end (``completion_row``)
    and, when there is no such level actual, stands in for it (``orphan``).
    ``ytd=True`` pairs only year-to-date actuals (period_end < 12), and keeps
    no target without one.
    """
    lvl = code_for(F.measure_names, "level")
    judged = np.isin(F.measure, [code_for(F.measure_names, m) for m in JUDGED_MEASURES])
    t_pos = np.flatnonzero(F.is_target & judged)
    actual = F.is_actual
    if ytd:
        with np.errstate(invalid="ignore"):
            actual = actual & (F.period_end < 12)
    a_pos = np.flatnonzero(actual & judged)
    c_pos = np.flatnonzero(actual & (F.measure == code_for(F.measure_names, "completion_pct")))
    a_comp = np.full(len(a_pos), -1, dtype="int64")
    a_key = F.pair_key(a_pos)
    orphan = np.zeros(len(a_pos), dtype=bool)
    # completions without a region have no key and drop out here
    ck, cpos = F.dedupe(c_pos, F.period_key(c_pos)) if lvl >= 0 else (c_pos[:0], c_pos[:0])
    if len(cpos):
        is_l = F.measure[a_pos] == lvl
        la_keys = F.period_key(a_pos[is_l])
        hit = lookup(la_keys, ck)
        a_comp[is_l] = np.where(hit >= 0, cpos[np.maximum(hit, 0)], -1)
        o_pos = cpos[~pd.Index(ck).isin(la_keys)]
        a_pos = np.concatenate([a_pos, o_pos])
        a_comp = np.concatenate([a_comp, o_pos])
        a_key = np.concatenate([a_key, F.pair_key(o_pos, np.full(len(o_pos), lvl))])
        orphan = np.concatenate([orphan, np.ones(len(o_pos), dtype=bool)])
    t_key = F.pair_key(t_pos)
    ii, jj = _join(t_key, a_key, keep)
    target_row = np.where(ii >= 0, t_pos[np.maximum(ii, 0)] if len(t_pos) else -1, -1)
    actual_row = np.where(jj >= 0, a_pos[np.maximum(jj, 0)] if len(a_pos) else -1, -1)
    completion_row = np.where(jj >= 0, a_comp[np.maximum(jj, 0)] if len(a_pos) else -1, -1)
    orph = np.where(jj >= 0, orphan[np.maximum(jj, 0)] if len(a_pos) else False, False)
    return Pairs(target_row.astype("int64", copy=False), actual_row.astype("int64", copy=False),
                 completion_row.astype("int64", copy=False), orph.astype(bool, copy=False))


def _join(t_key: np.ndarray, a_key: np.ndarray, keep: str) -> tuple[np.ndarray, np.ndarray]:
    """Many-to-many join of target and actual keys (-1 keys never match).

    Returns index arrays (i into targets, j into actuals; -1 = no partner),
    ordered by the kept side, then by the other side's order.
    """
    if keep not in ("targets", "actuals"):  # pragma: no cover - internal
        raise ValueError(keep)
    t_ok = t_key >= 0
    table = KeyTable(t_key, len(a_key))
    if table.unique:  # usual case: one target per key -> one look-up
        i_of_a = table.get(a_key)
        if keep == "actuals":
            return i_of_a.astype("int64", copy=False), np.arange(len(a_key), dtype="int64")
        matched = np.flatnonzero(i_of_a >= 0)
        has = np.zeros(len(t_key), dtype=bool)
        has[i_of_a[matched]] = True
        lone = np.flatnonzero(~has)
        ii = np.concatenate([i_of_a[matched], lone])
        jj = np.concatenate([matched, np.full(len(lone), -1)])
        order = np.argsort(ii, kind="stable")
        return ii[order], jj[order]
    t_df = pd.DataFrame({"k": t_key, "i": np.arange(len(t_key))})
    a_df = pd.DataFrame({"k": a_key, "j": np.arange(len(a_key))})
    if keep == "targets":
        m = t_df.merge(a_df.loc[a_key >= 0], on="k", how="left", sort=False)
    else:
        m = a_df.merge(t_df.loc[t_ok], on="k", how="left", sort=False)
    i = m["i"].to_numpy(dtype="float64", na_value=np.nan)
    j = m["j"].to_numpy(dtype="float64", na_value=np.nan)
    return (np.where(np.isnan(i), -1, np.nan_to_num(i)).astype("int64"),
            np.where(np.isnan(j), -1, np.nan_to_num(j)).astype("int64"))


def labels(values, codes: np.ndarray) -> pd.Categorical:
    """Categorical ``values[codes]`` (-1 = NA): no per-row string objects are built."""
    values = list(values)
    codes = np.asarray(codes, dtype="int64")
    if len(set(values)) != len(values):  # categories must be unique
        uniq, inv = np.unique(np.asarray(values, dtype=object), return_inverse=True)
        codes = np.where(codes >= 0, inv.reshape(-1)[np.maximum(codes, 0)], -1)
        values = list(uniq)
    return pd.Categorical.from_codes(codes, categories=values)


def region_code_of(F: Facts, P: Pairs):
    """region_code from the target row, else from the actual row (NA without the column)."""
    if "region_code" not in F.df.columns:
        return pd.array([pd.NA] * len(P.target_row), dtype="str")
    rc = take_column(F.df, "region_code", P.key_row)
    miss = pd.isna(rc) & (P.actual_row >= 0)
    if miss.any():
        rc[miss] = take_column(F.df, "region_code", P.actual_row[miss])
    return rc


def base_columns(F: Facts, P: Pairs, period_end: np.ndarray) -> dict[str, object]:
    """Key columns shared by the attainment, pace and projection outputs.

    ``period_end``: the month of each pair's actual (NaN without one).
    """
    key = P.key_row
    return {
        "region": take_column(F.df, "region", key),
        "region_code": region_code_of(F, P),
        "year": int_array(F.year[key]),
        "indicator": take_column(F.df, "indicator", key),
        "measure": take_column(F.df, "measure", key),
        "period_end": int_array(period_end),
    }


def provenance(F: Facts, P: Pairs) -> dict[str, object]:
    """target_doc, target_quote, actual_doc, actual_quote when the input has them."""
    out = {}
    for side, pos in (("target", P.target_row), ("actual", P.actual_row)):
        for col in ("doc", "quote"):
            if col in F.df.columns:
                out[f"{side}_{col}"] = take_column(F.df, col, pos)
    return out
