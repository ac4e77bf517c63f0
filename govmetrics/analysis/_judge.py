"""The judgement shared by attainment, pace and projection: effective target,
direction, gap, completion and status of paired targets and actuals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..vocabulary import synced_bases
from ._common import EPS, HIGHER, LOWER, Facts, code_for, lookup, take_float
from ._pairs import Pairs, labels

#: Default tolerance of the ``nearly_met`` band: percentage points for growth_pct
#: and rate, percent of the target for level.
DEFAULT_TOLERANCE: dict[str, float] = {"growth_pct": 0.5, "rate": 0.5, "level": 1.0}

STATUS = np.array(["met", "nearly_met", "missed", "in_progress", "no_actual", "no_basis"],
                  dtype=object)
BASIS = np.array(["stated", "range_low", "range_high", "gdp_growth", "none"], dtype=object)
DIRECTION = np.array([HIGHER, LOWER], dtype=object)


def resolve_tolerance(tolerance: float | Mapping[str, float] | None) -> dict[str, float]:
    """Turn the ``tolerance`` argument into a dict per measure (see :func:`attainment`)."""
    tol = dict(DEFAULT_TOLERANCE)
    if tolerance is None:
        return tol
    if isinstance(tolerance, Mapping):
        unknown = set(tolerance) - set(tol)
        if unknown:
            raise AnalysisError(f"tolerance: unknown measure(s) {sorted(unknown)}; "
                                f"use {sorted(tol)}")
        tol.update({k: float(v) for k, v in tolerance.items()})
    else:
        tol = {k: float(tolerance) for k in tol}
    if any(not np.isfinite(v) or v < 0 for v in tol.values()):
        raise AnalysisError(f"tolerance must be finite and >= 0, got {tol}")
    return tol


@dataclass(frozen=True)
class Judgement:
    """What :func:`judge` finds for each pair; every array is aligned with the pairs.

    Codes index the arrays of this module: ``basis`` into :data:`BASIS`,
    ``status`` into :data:`STATUS`; ``measure`` is a code into
    ``Facts.measure_names``.
    """

    key_row: np.ndarray  #: row carrying region, year, indicator and measure
    measure: np.ndarray  #: measure code of the key row
    is_level: np.ndarray  #: measure is ``level``
    is_growth: np.ndarray  #: measure is ``growth_pct``
    modifier: pd.Categorical  #: the target's modifier (``point`` without one)
    lower_is_better: np.ndarray  #: direction, True for lower_is_better
    target: np.ndarray  #: effective target T
    basis: np.ndarray  #: how T was found (code into BASIS)
    actual: np.ndarray  #: actual value A (NaN without one)
    estimate: np.ndarray  #: 预计 flag of the actual (NaN without one)
    period_end: np.ndarray  #: month the actual covers (NaN without one)
    gap: np.ndarray  #: s (A - T), positive is good
    completion: np.ndarray  #: 100 A / T for level targets, else NaN
    completion_reported: np.ndarray  #: the document's own completion_pct, else NaN
    status: np.ndarray  #: code into STATUS
    stretch_met: pd.arrays.BooleanArray  #: a full-year actual reaches the stretch figure

    def basis_labels(self) -> pd.Categorical:
        """``target_basis`` column: stated, range_low, range_high, gdp_growth, none."""
        return labels(BASIS, self.basis)

    def direction_labels(self) -> pd.Categorical:
        """``direction`` column: higher_is_better or lower_is_better."""
        return labels(DIRECTION, self.lower_is_better.astype("int64"))

    def status_labels(self) -> pd.Categorical:
        """``status`` column of :func:`govmetrics.attainment`."""
        return labels(STATUS, self.status)


class _Modifiers:
    """The modifier of each pair's target, as codes, with a mask per modifier name."""

    def __init__(self, F: Facts, target_row: np.ndarray) -> None:
        self.codes, self.names = F.codes_at("modifier", target_row, "point")

    def mask(self, name: str, rows=slice(None)) -> np.ndarray:
        """True where the modifier is ``name`` (on ``rows`` of the pairs)."""
        hit = np.flatnonzero(self.names == name)
        codes = self.codes[rows]
        return codes == hit[0] if len(hit) else np.zeros(len(codes), dtype=bool)

    def categorical(self) -> pd.Categorical:
        return labels(self.names, self.codes)


def _followers() -> dict[str, list[str]]:
    """Base indicator -> the indicators whose synced targets follow its growth."""
    out: dict[str, list[str]] = {}
    for ind, base in synced_bases().items():
        out.setdefault(base, []).append(ind)
    return out


def _synced_basis(F: Facts, key_row: np.ndarray, actual_row: np.ndarray, synced: np.ndarray,
                  base: str) -> np.ndarray:
    """Growth actual of indicator ``base`` (e.g. gdp) of the same region, year and
    period_end for the ``synced`` rows."""
    out = np.full(len(key_row), np.nan)
    base_code = code_for(F.indicator_names, base)
    if not synced.any() or base_code < 0:
        return out
    g_pos = np.flatnonzero(F.is_actual & (F.indicator == base_code)
                           & (F.measure == code_for(F.measure_names, "growth_pct"))
                           & ~np.isnan(F.value))

    def key(pos, month):
        return ((F.region[pos] * F.year_span + F.year_key_at(pos)) * 13 + month)

    gk, gpos = F.dedupe(g_pos, key(g_pos, F.month_at(g_pos)))
    sp = np.flatnonzero(synced)
    month = np.where(actual_row[sp] >= 0, F.month_at(np.maximum(actual_row[sp], 0)), -1)
    hit = lookup(key(key_row[sp], month), gk)
    out[sp] = np.where((hit >= 0) & (month >= 0), F.value[gpos[np.maximum(hit, 0)]]
                       if len(gpos) else np.nan, np.nan)
    return out


def _effective_target(F: Facts, P: Pairs, is_growth: np.ndarray, lower: np.ndarray,
                      mods: _Modifiers) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(target, basis code, synced mask): the stated value, a range's near end, or the
    growth of the indicator a synced target follows."""
    key_row = P.key_row
    target = take_float(F.value, P.target_row)
    basis = np.zeros(len(key_row), dtype="int64")
    rng = mods.mask("range")
    if rng.any():
        ri = np.flatnonzero(rng)
        low = F.float_col("low", P.target_row[ri])
        high = F.float_col("high", P.target_row[ri])
        target[ri] = np.where(lower[ri], high, low)
        basis[rng & ~lower] = 1
        basis[rng & lower] = 2
    synced_any = mods.mask("synced")
    synced = np.zeros(len(key_row), dtype=bool)
    if synced_any.any():
        for base, followers in _followers().items():
            codes = [code_for(F.indicator_names, i) for i in followers]
            rows = synced_any & is_growth & np.isin(F.indicator[key_row], codes)
            target[rows] = _synced_basis(F, key_row, P.actual_row, rows, base)[rows]
            synced |= rows
        basis[synced_any] = 4
        basis[synced] = 3
    return target, basis, synced


def _full_year_status(F: Facts, *, target: np.ndarray, gap: np.ndarray, lower: np.ndarray,
                      measure: np.ndarray, actual: np.ndarray, reported: np.ndarray,
                      approx: np.ndarray, tol: dict[str, float]) -> np.ndarray:
    """met (0) / nearly_met (1) / missed (2) / no_basis (5) of full-year pairs.

    Every array holds the full-year pairs only; ``approx`` marks the targets
    that may be nearly met (``about`` or ``synced``).
    """
    t = target
    sign = np.where(lower, -1.0, 1.0)
    is_level = measure == code_for(F.measure_names, "level")
    reported_only = np.isnan(actual) & is_level
    gap = np.where(reported_only, sign * (reported / 100.0 - 1.0) * t, gap)
    abs_t = np.abs(np.nan_to_num(t))
    tol_abs = np.where(is_level, tol["level"] / 100.0 * abs_t,
                       np.where(measure == code_for(F.measure_names, "rate"),
                                tol["rate"], tol["growth_pct"]))
    slack = EPS * np.maximum(1.0, abs_t)
    st = np.full(len(t), 2, dtype="int64")  # missed
    st[approx & (gap >= -tol_abs - slack)] = 1
    st[gap >= -slack] = 0
    st[np.isnan(t)] = 5
    return st


def _stretch_met(F: Facts, P: Pairs, lower: np.ndarray, actual: np.ndarray,
                 period_end: np.ndarray) -> pd.arrays.BooleanArray:
    """Whether a full-year actual reaches the stretch (力争) figure; NA without both."""
    n = len(actual)
    has_stretch = np.zeros(n, dtype=bool)
    if "stretch" in F.df.columns:
        stretch = F.float_col("stretch", P.target_row)
        has_stretch = ~np.isnan(stretch) & ~np.isnan(actual) & (period_end == 12)
    met = np.zeros(n, dtype=bool)
    if has_stretch.any():
        hs = np.flatnonzero(has_stretch)
        sign = np.where(lower[hs], -1.0, 1.0)
        met[hs] = sign * (actual[hs] - stretch[hs]) >= -EPS * np.maximum(
            1.0, np.abs(stretch[hs]))
    return pd.arrays.BooleanArray(met, ~has_stretch)


def judge(F: Facts, P: Pairs, tolerance=None) -> Judgement:
    """Effective target, direction, gap, completion, status and stretch_met of pairs."""
    tol = resolve_tolerance(tolerance)
    key_row = P.key_row
    n = len(key_row)
    measure = F.measure[key_row]
    is_level = measure == code_for(F.measure_names, "level")
    is_growth = measure == code_for(F.measure_names, "growth_pct")
    mods = _Modifiers(F, P.target_row)

    lower = F.lower_is_better(key_row)
    lower[mods.mask("at_most")] = True
    lower[mods.mask("at_least")] = False
    target, basis, synced = _effective_target(F, P, is_growth, lower, mods)

    actual = take_float(F.value, P.actual_row)
    if P.orphan.any():
        actual[P.orphan] = np.nan
    reported = take_float(F.value, P.completion_row)
    period_end = take_float(F.period_end, P.actual_row)
    gap = actual - target
    gap[lower] *= -1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        completion = actual / target
        completion *= 100.0
        completion[~is_level] = np.nan

        # status: no_actual / in_progress everywhere, the judgement on full-year rows only
        status = np.full(n, 4, dtype="int64")
        has = ~np.isnan(actual) | ~np.isnan(reported)
        status[has & (period_end < 12)] = 3
        fy = np.flatnonzero(has & ~(period_end < 12))
        if len(fy):
            status[fy] = _full_year_status(
                F, target=target[fy], gap=gap[fy], lower=lower[fy], measure=measure[fy],
                actual=actual[fy], reported=reported[fy],
                approx=mods.mask("about", fy) | synced[fy], tol=tol)
        stretch_met = _stretch_met(F, P, lower, actual, period_end)
    return Judgement(
        key_row=key_row, measure=measure, is_level=is_level, is_growth=is_growth,
        modifier=mods.categorical(), lower_is_better=lower, target=target, basis=basis,
        actual=actual, estimate=F.estimate_at(P.actual_row), period_end=period_end, gap=gap,
        completion=completion, completion_reported=reported, status=status,
        stretch_met=stretch_met)
