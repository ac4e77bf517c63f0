"""Attainment: every target paired with every actual of the same region, year,
indicator and measure, with a signed gap and a met / nearly_met / missed status."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..vocabulary import synced_bases
from ._common import (
    EPS,
    HIGHER,
    JUDGED_MEASURES,
    LOWER,
    Facts,
    code_for,
    int_array,
    lookup,
    take_column,
    take_float,
)
from .panel import is_panel, panel_facts

#: Default tolerance of the ``nearly_met`` band: percentage points for growth_pct
#: and rate, percent of the target for level.
DEFAULT_TOLERANCE: dict[str, float] = {"growth_pct": 0.5, "rate": 0.5, "level": 1.0}

_PAIR_KEYS = ["_ri", "year", "_m"]


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


@dataclass
class Pairs:
    """Row positions (into the input frame) of paired targets and actuals.

    ``tp``: target row or -1; ``ap``: actual row or -1 (for a reported
    completion without a level actual, the completion row, flagged
    ``orphan``); ``cp``: the completion_pct row attached to a level actual, or -1.
    """

    tp: np.ndarray
    ap: np.ndarray
    cp: np.ndarray
    orphan: np.ndarray

    @property
    def rp(self) -> np.ndarray:
        """Row that carries the shared keys (the target, else the actual)."""
        return np.where(self.tp >= 0, self.tp, self.ap)

    def subset(self, mask: np.ndarray) -> Pairs:
        return Pairs(self.tp[mask], self.ap[mask], self.cp[mask], self.orphan[mask])


def pair_facts(F: Facts, keep: str = "targets", ytd: bool = False) -> Pairs:
    """Pair targets with actuals of the same region, indicator, year and measure.

    ``keep='targets'`` keeps every target (targets without an actual get
    ``ap = -1``); ``keep='actuals'`` keeps every actual (``tp = -1`` when it
    has no target). A reported ``completion_pct`` actual is attached to the
    level actual of the same region, indicator, year and period_end (``cp``)
    and, when there is no such level actual, stands in for it (``orphan``).
    ``ytd=True`` pairs only year-to-date actuals (period_end < 12), and keeps
    no target without one.
    """
    lvl = code_for(F.meas_u, "level")
    judged = np.isin(F.meas, [code_for(F.meas_u, m) for m in JUDGED_MEASURES])
    t_pos = np.flatnonzero(F.is_target & judged)
    actual = F.is_actual
    if ytd:
        with np.errstate(invalid="ignore"):
            actual = actual & (F.pe < 12)
    a_pos = np.flatnonzero(actual & judged)
    c_pos = np.flatnonzero(actual & (F.meas == code_for(F.meas_u, "completion_pct")))
    a_comp = np.full(len(a_pos), -1, dtype="int64")
    a_key = F.pair_key(a_pos)
    orphan = np.zeros(len(a_pos), dtype=bool)
    # completions without a region have no key and drop out here
    ck, cpos = F.dedupe(c_pos, F.period_key(c_pos)) if lvl >= 0 else (c_pos[:0], c_pos[:0])
    if len(cpos):
        is_l = F.meas[a_pos] == lvl
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
    tp = np.where(ii >= 0, t_pos[np.maximum(ii, 0)] if len(t_pos) else -1, -1)
    ap = np.where(jj >= 0, a_pos[np.maximum(jj, 0)] if len(a_pos) else -1, -1)
    cp = np.where(jj >= 0, a_comp[np.maximum(jj, 0)] if len(a_pos) else -1, -1)
    orph = np.where(jj >= 0, orphan[np.maximum(jj, 0)] if len(a_pos) else False, False)
    return Pairs(tp.astype("int64", copy=False), ap.astype("int64", copy=False),
                 cp.astype("int64", copy=False), orph.astype(bool, copy=False))


def _join(t_key: np.ndarray, a_key: np.ndarray, keep: str) -> tuple[np.ndarray, np.ndarray]:
    """Many-to-many join of target and actual keys (-1 keys never match).

    Returns index arrays (i into targets, j into actuals; -1 = no partner),
    ordered by the kept side, then by the other side's order.
    """
    if keep not in ("targets", "actuals"):  # pragma: no cover - internal
        raise ValueError(keep)
    t_ok = t_key >= 0
    t_index = pd.Index(np.where(t_ok, t_key, -1 - np.arange(len(t_key))))
    if t_index.is_unique:  # usual case: one target per key -> hash lookup
        i_of_a = t_index.get_indexer(np.where(a_key >= 0, a_key, np.iinfo("int64").min))
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


def _synced_basis(F: Facts, rp: np.ndarray, ap: np.ndarray, synced: np.ndarray,
                  base: str) -> np.ndarray:
    """Growth actual of indicator ``base`` (e.g. gdp) of the same region, year and
    period_end for the ``synced`` rows."""
    out = np.full(len(rp), np.nan)
    base_code = code_for(F.ind_u, base)
    if not synced.any() or base_code < 0:
        return out
    g_pos = np.flatnonzero(F.is_actual & (F.ind == base_code)
                           & (F.meas == code_for(F.meas_u, "growth_pct")) & ~np.isnan(F.value))

    def key(pos, pe):
        return ((F.region[pos] * F.yspan + F.yk_at(pos)) * 13 + pe)

    gk, gpos = F.dedupe(g_pos, key(g_pos, F.pk_at(g_pos)))
    sp = np.flatnonzero(synced)
    pe = np.where(ap[sp] >= 0, F.pk_at(np.maximum(ap[sp], 0)), -1)
    hit = lookup(key(rp[sp], pe), gk)
    out[sp] = np.where((hit >= 0) & (pe >= 0), F.value[gpos[np.maximum(hit, 0)]]
                       if len(gpos) else np.nan, np.nan)
    return out


def _followers() -> dict[str, list[str]]:
    """Base indicator -> the indicators whose synced targets follow its growth."""
    out: dict[str, list[str]] = {}
    for ind, base in synced_bases().items():
        out.setdefault(base, []).append(ind)
    return out


STATUS = np.array(["met", "nearly_met", "missed", "in_progress", "no_actual", "no_basis"],
                  dtype=object)
BASIS = np.array(["stated", "range_low", "range_high", "gdp_growth", "none"], dtype=object)
DIRECTION = np.array([HIGHER, LOWER], dtype=object)


def judge(F: Facts, P: Pairs, tolerance=None) -> dict[str, np.ndarray]:
    """Effective target, direction, gap, completion, status and stretch_met of pairs."""
    tol = resolve_tolerance(tolerance)
    tp, ap, rp = P.tp, P.ap, P.rp
    n = len(rp)
    mcode = F.meas[rp]
    is_level = mcode == code_for(F.meas_u, "level")
    is_growth = mcode == code_for(F.meas_u, "growth_pct")
    mc, mu = F.codes_at("modifier", tp, "point")

    def mod_is(name: str, rows=slice(None)) -> np.ndarray:
        hit = np.flatnonzero(mu == name)
        return mc[rows] == hit[0] if len(hit) else np.zeros(len(mc[rows]), dtype=bool)

    lower = F.lower_is_better(rp)
    lower[mod_is("at_most")] = True
    lower[mod_is("at_least")] = False

    target = take_float(F.value, tp)
    rng = mod_is("range")
    basis = np.zeros(n, dtype="int64")
    if rng.any():
        ri = np.flatnonzero(rng)
        low = F.float_col("low", tp[ri])
        high = F.float_col("high", tp[ri])
        target[ri] = np.where(lower[ri], high, low)
        basis[rng & ~lower] = 1
        basis[rng & lower] = 2
    synced_any = mod_is("synced")
    synced = np.zeros(n, dtype=bool)
    if synced_any.any():
        for base, followers in _followers().items():
            rows = synced_any & is_growth & np.isin(F.ind[rp], [code_for(F.ind_u, i)
                                                                 for i in followers])
            target[rows] = _synced_basis(F, rp, ap, rows, base)[rows]
            synced |= rows
        basis[synced_any] = 4
        basis[synced] = 3

    actual = take_float(F.value, ap)
    if P.orphan.any():
        actual[P.orphan] = np.nan
    reported = take_float(F.value, P.cp)
    pe = take_float(F.pe, ap)
    est = F.est_at(ap)
    gap = actual - target
    gap[lower] *= -1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        completion = actual / target
        completion *= 100.0
        completion[~is_level] = np.nan

        # status: no_actual / in_progress everywhere, the judgement on full-year rows only
        status = np.full(n, 4, dtype="int64")
        has = ~np.isnan(actual) | ~np.isnan(reported)
        status[has & (pe < 12)] = 3
        fy = np.flatnonzero(has & ~(pe < 12))
        if len(fy):
            t = target[fy]
            sg = np.where(lower[fy], -1.0, 1.0)
            jg = gap[fy]
            rep_only = np.isnan(actual[fy]) & is_level[fy]
            jg = np.where(rep_only, sg * (reported[fy] / 100.0 - 1.0) * t, jg)
            abs_t = np.abs(np.nan_to_num(t))
            m_fy = mcode[fy]
            tol_abs = np.where(is_level[fy], tol["level"] / 100.0 * abs_t,
                               np.where(m_fy == code_for(F.meas_u, "rate"), tol["rate"],
                                        tol["growth_pct"]))
            slack = EPS * np.maximum(1.0, abs_t)
            approx = mod_is("about", fy) | synced[fy]
            st = np.full(len(fy), 2, dtype="int64")  # missed
            st[approx & (jg >= -tol_abs - slack)] = 1
            st[jg >= -slack] = 0
            st[np.isnan(t)] = 5
            status[fy] = st

        stretch = F.float_col("stretch", tp) if "stretch" in F.df.columns else None
        has_stretch = np.zeros(n, dtype=bool)
        if stretch is not None:
            has_stretch = ~np.isnan(stretch) & ~np.isnan(actual) & (pe == 12)
        smet = np.zeros(n, dtype=bool)
        if has_stretch.any():
            hs = np.flatnonzero(has_stretch)
            sg = np.where(lower[hs], -1.0, 1.0)
            smet[hs] = sg * (actual[hs] - stretch[hs]) >= -EPS * np.maximum(
                1.0, np.abs(stretch[hs]))
    return {
        "rp": rp, "mcode": mcode, "is_level": is_level, "is_growth": is_growth,
        "mod_u": mu, "mod_c": mc, "lower": lower,
        "target": target, "basis": basis,
        "actual": actual, "est": est, "pe": pe, "gap": gap, "completion": completion,
        "reported": reported, "status": status,
        "stretch_met": pd.arrays.BooleanArray(smet, ~has_stretch),
    }


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
        return pd.array([pd.NA] * len(P.tp), dtype="str")
    rc = take_column(F.df, "region_code", P.rp)
    miss = pd.isna(rc) & (P.ap >= 0)
    if miss.any():
        rc[miss] = take_column(F.df, "region_code", P.ap[miss])
    return rc


def base_columns(F: Facts, P: Pairs, J: dict) -> dict[str, object]:
    """Key columns shared by the attainment, pace and projection outputs."""
    rp = J["rp"]
    return {
        "region": take_column(F.df, "region", rp),
        "region_code": region_code_of(F, P),
        "year": int_array(F.year[rp]),
        "indicator": take_column(F.df, "indicator", rp),
        "measure": take_column(F.df, "measure", rp),
        "period_end": int_array(J["pe"]),
    }


def provenance(F: Facts, P: Pairs) -> dict[str, object]:
    """target_doc, target_quote, actual_doc, actual_quote when the input has them."""
    out = {}
    for side, pos in (("target", P.tp), ("actual", P.ap)):
        for col in ("doc", "quote"):
            if col in F.df.columns:
                out[f"{side}_{col}"] = take_column(F.df, col, pos)
    return out


def attainment(facts: pd.DataFrame, *, tolerance: float | Mapping[str, float] | None = None
               ) -> pd.DataFrame:
    r"""Pair every target with every actual and judge whether it was met.

    Every target row (role ``target``, measure growth_pct, level or rate) is
    paired with every actual of the **same region, year, indicator and
    measure** (a level target with level actuals, growth with growth, rate with
    rate). Different regions, years, indicators or measures are never paired.
    A target without any actual appears once, with NA actual and status
    ``no_actual``. Actuals without a target are not in the output.

    Direction :math:`d` comes from the modifier when it says so
    (``at_most`` -> lower_is_better, ``at_least`` -> higher_is_better),
    otherwise from the indicator vocabulary (unknown ids: higher_is_better).
    With :math:`s = +1` for higher_is_better and :math:`-1` for
    lower_is_better:

    .. math::

        \mathrm{gap} = s\,(A - T), \qquad
        \mathrm{completion\_pct} = 100\,A / T \quad (\text{level targets only})

    so a positive gap is always good. The effective target :math:`T` is the
    stated value; for a ``range`` target it is the low end (higher_is_better)
    or the high end (lower_is_better), so a range is met at its near end; for a
    ``synced`` growth target of a disposable-income indicator
    (与经济增长同步) it is the GDP ``growth_pct`` actual of the same region,
    year and period_end (``target_basis = 'gdp_growth'``; the indicators that
    follow GDP are the ``synced_to`` column of ``indicators.csv``). Other synced
    targets (e.g. 单位GDP能耗完成省下达的任务) have no numeric basis.

    Status, for full-year actuals (period_end 12):

    * ``met``: :math:`\mathrm{gap} \ge 0`;
    * ``nearly_met``: the target is ``about`` (左右) or ``synced`` and
      :math:`-\tau \le \mathrm{gap} < 0`;
    * ``missed``: otherwise.

    The tolerance :math:`\tau` defaults to 0.5 percentage points for
    growth_pct and rate, and 1 % of the target for level
    (:math:`\tau = 0.01\,|T|`). Comparisons allow a :math:`10^{-9}` relative
    slack against floating-point noise. Year-to-date actuals
    (period_end < 12) get ``in_progress``; a synced target without a GDP
    growth figure gets ``no_basis``. A full-year level target with only a
    reported completion (no level actual) is judged on
    :math:`\mathrm{completion\_reported} \ge 100`.

    On a panel (the output of :func:`govmetrics.panel`) each row's target is
    judged against its latest full-year actual (``actual_latest``, typically
    from the next year's work report or bulletin), so attainment runs across
    years and documents; the provenance columns come from ``target_doc`` and
    ``actual_latest_doc``.

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table. Required columns: region, year, indicator, role,
        period_end, measure, value. Optional: low, high, stretch, modifier
        (default ``point``), estimate (default 0), region_code, doc, quote.
        Or a panel from :func:`govmetrics.panel`.
    tolerance : float or dict, optional
        Width of the ``nearly_met`` band. A float applies to every measure in
        its own unit (percentage points for growth_pct and rate, percent of
        the target for level); a dict such as ``{"growth_pct": 1.0,
        "level": 2.0}`` overrides the defaults per measure.

    Returns
    -------
    pandas.DataFrame
        One row per (target, actual) pair, ordered by target (input order),
        then actual. Key columns keep the input dtypes; the label columns
        modifier, target_basis, direction and status are pandas
        Categoricals. Columns:

        region, region_code, year, indicator, measure
            The shared keys (region_code from the target, else the actual;
            NA when the input has none).
        period_end
            Month the actual covers (NA when there is no actual).
        target
            Effective target :math:`T` (see above), in the measure's units.
        low, high, stretch, modifier
            As stated on the target row (stretch = 力争 figure).
        target_basis
            ``stated``, ``range_low``, ``range_high``, ``gdp_growth`` (synced
            income target) or ``none`` (other synced targets: no numeric basis).
        actual, estimate
            The actual value and its 预计 flag (NA when no actual).
        direction
            ``higher_is_better`` or ``lower_is_better``.
        gap
            :math:`s(A - T)`, positive is good.
        completion_pct
            :math:`100A/T` for level targets, else NaN.
        completion_reported
            The document's own completion_pct for that level actual, else NaN.
        status
            ``met``, ``nearly_met``, ``missed``, ``in_progress``,
            ``no_actual`` or ``no_basis``.
        stretch_met
            Whether a full-year actual reaches the stretch (力争) figure;
            NA without a stretch or a full-year actual.
        target_doc, target_quote, actual_doc, actual_quote
            Provenance, when the input has doc / quote columns.

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["咸宁市", "咸宁市"], "year": [2022, 2022],
    ...     "indicator": ["gdp", "gdp"], "role": ["target", "actual"],
    ...     "period_end": [12, 12], "measure": ["growth_pct", "growth_pct"],
    ...     "value": [8.0, 7.8], "modifier": ["about", "point"]})
    >>> row = attainment(facts).iloc[0]
    >>> round(float(row["gap"]), 2), row["status"]
    (-0.2, 'nearly_met')
    """
    if is_panel(facts):
        facts = panel_facts(facts)
    F = Facts(facts, "attainment")
    P = pair_facts(F, keep="targets")
    J = judge(F, P, tolerance)
    cols = base_columns(F, P, J)
    cols.update({
        "target": J["target"],
        "low": F.float_col("low", P.tp),
        "high": F.float_col("high", P.tp),
        "stretch": F.float_col("stretch", P.tp),
        "modifier": labels(J["mod_u"], J["mod_c"]),
        "target_basis": labels(BASIS, J["basis"]),
        "actual": J["actual"],
        "estimate": int_array(J["est"]),
        "direction": labels(DIRECTION, J["lower"].astype("int64")),
        "gap": J["gap"],
        "completion_pct": J["completion"],
        "completion_reported": J["reported"],
        "status": labels(STATUS, J["status"]),
        "stretch_met": J["stretch_met"],
    })
    cols.update(provenance(F, P))
    return pd.DataFrame(cols, copy=False)
