"""Target amplification down the hierarchy (层层加码): each region's target
against its parent's and grandparent's for the same year, indicator and measure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..text.regions import lookup_region, region_by_code
from ._common import EPS, HIGHER, LOWER, as_float, codes_of
from .panel import as_panel, target_point
from .rank import level_of, parent_code
from .ratchet import directions

#: The administrative levels, top down.
LEVELS = ("national", "province", "prefecture", "county")

_RELATIONS = ("parent", "grandparent")

#: Measures whose targets are comparable between a region and its parent: growth
#: rates and rates. Amounts (level) scale with the region's size.
COMPARABLE_MEASURES = ("growth_pct", "rate")


def _codes_of_regions(p: pd.DataFrame) -> np.ndarray:
    """Region code per row: the row's region_code, else the region table's code for its name."""
    codes = p["region_code"].astype("string").to_numpy(dtype=object, na_value=None) \
        if "region_code" in p.columns else np.full(len(p), None, dtype=object)
    missing = pd.isna(codes)
    if missing.any():
        names = pd.unique(p.loc[missing, "region"].astype("string").dropna())
        found = {}
        for name in names:
            reg = lookup_region(str(name))
            found[name] = reg.code if reg is not None else None
        fill = p.loc[missing, "region"].astype("string").map(found)
        codes[missing] = fill.to_numpy(dtype=object, na_value=None)
    return codes


def _ancestors(codes: np.ndarray, levels: Sequence[str]) -> pd.DataFrame:
    """For each unique code: its level, and its nearest two ancestors whose level is in ``levels``."""
    uniq = pd.unique(pd.Series(codes, dtype="string").dropna())
    lvl = level_of(pd.Series(uniq, dtype="string")).to_numpy(dtype=object, na_value=None)
    chain: list[list[str | None]] = [[None, None] for _ in uniq]
    cur = pd.Series(uniq, dtype="string")
    found = np.zeros(len(uniq), dtype="int64")
    for _ in range(len(LEVELS)):
        nxt = parent_code(cur)
        nxt = nxt.where(nxt != cur)  # the nation is its own end
        nl = level_of(nxt).to_numpy(dtype=object, na_value=None)
        nv = nxt.to_numpy(dtype=object, na_value=None)
        for i in np.flatnonzero(pd.notna(nv)):
            if nl[i] in levels and found[i] < 2:
                chain[i][found[i]] = nv[i]
                found[i] += 1
        cur = nxt
        if cur.isna().all():
            break
    return pd.DataFrame({"code": uniq, "level": lvl,
                         "parent_code": [c[0] for c in chain],
                         "grandparent_code": [c[1] for c in chain]})


@dataclass(frozen=True)
class _KeyCodes:
    """Encodings shared by the own and the ancestor keys (see :func:`_categories`)."""

    region_codes: np.ndarray  #: the distinct region codes of the rows
    year_min: int
    year_span: int
    indicator: np.ndarray  #: indicator code of each row (-1 for NA)
    measure: np.ndarray  #: measure code of each row (-1 for NA)
    n_indicators: int
    n_measures: int


def _key(codes: np.ndarray, p: pd.DataFrame, enc: _KeyCodes) -> np.ndarray:
    """Integer key of (code, year, indicator, measure); -1 when the code is unknown."""
    k = np.full(len(codes), -1, dtype="int64")
    cidx = pd.Index(enc.region_codes).get_indexer(pd.Series(codes, dtype=object))
    ok = (cidx >= 0) & (enc.indicator >= 0) & (enc.measure >= 0)
    y = np.nan_to_num(as_float(p["year"]), nan=-1).astype("int64") - enc.year_min + 1
    ok &= y >= 0
    k[ok] = ((cidx[ok] * enc.year_span + y[ok]) * enc.n_indicators + enc.indicator[ok]) \
        * enc.n_measures + enc.measure[ok]
    return k


def _per_unique(values: pd.Series, func) -> pd.Series:
    """``func`` applied to the unique values only, spread back (NA stays NA)."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object, na_value=None),
                                  use_na_sentinel=True)
    mapped = np.asarray(func(pd.Series(uniques, dtype="string")), dtype=object)
    out = np.where(codes >= 0, np.append(mapped, None)[codes], None) if len(mapped) else \
        np.full(len(codes), None, dtype=object)
    return pd.Series(out, dtype="string")


def _names(codes: pd.Series, p: pd.DataFrame, own: np.ndarray) -> pd.Series:
    """Region names of ancestor codes: the region table, else the name used in the data."""
    first = ~pd.Index(own).duplicated()
    by_data = dict(zip(own[first], p["region"].astype("string").to_numpy(
        dtype=object, na_value=None)[first], strict=True))

    def name_of(uniq: pd.Series) -> list:
        out = []
        for c in uniq:
            reg = region_by_code(str(c))
            out.append(reg.name if reg is not None else by_data.get(c))
        return out

    return _per_unique(codes, name_of)


def amplification(facts: pd.DataFrame, *, levels: Sequence[str] = LEVELS,
                  range_point: str = "low",
                  measures: Sequence[str] = COMPARABLE_MEASURES) -> pd.DataFrame:
    r"""Each region's target against its parent's and grandparent's (层层加码).

    Targets are taken from :func:`govmetrics.panel` (the first target per
    region, year, indicator and measure) and compared at their point
    (:func:`govmetrics.analysis.panel.target_point`: the stated value, a
    range at ``range_point``; 左右 at its value; synced targets have no
    number). A region's **parent** is its nearest ancestor in the bundled
    region table (:func:`govmetrics.text.regions`) whose level is in ``levels``,
    its **grandparent** the next one up; codes the table does not know are
    placed by their shape (:func:`govmetrics.analysis.parent_code`). With
    :math:`T` the region's target and :math:`T_p` the parent's for the same
    year, indicator and measure:

    .. math::

        \mathrm{parent\_diff} = T - T_p \ \text{(percentage points for growth targets)},
        \qquad \mathrm{parent\_ratio} = T / T_p

    and likewise against the grandparent. A parent without a target for the
    year gives NaN (the row stays, with the parent named).
    ``amplified`` is :math:`s\,\mathrm{parent\_diff} > 0` with :math:`s = -1` for
    lower-is-better indicators (a lower unemployment or CPI ceiling is the
    more demanding target).

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table or a panel from :func:`govmetrics.panel`. Regions are
        placed by ``region_code`` when present, else by name.
    levels : sequence of str
        The administrative levels to compare, among ``national``,
        ``province``, ``prefecture`` and ``county``; ancestors at other
        levels are skipped (``("province", "county")`` compares counties
        with their province directly).
    range_point : {"low", "mid", "high"}
        Where range targets (4.5%-5%) are compared; default the low end.
    measures : sequence of str
        Measures compared; default growth_pct and rate. Amount targets
        (``level``) scale with a region's size and are left out unless
        named here.

    Returns
    -------
    pandas.DataFrame
        One row per target of a region whose level is in ``levels`` and that
        has a parent in ``levels``. Columns: region, region_code, level,
        year, indicator, measure, modifier, target; parent, parent_code,
        parent_level, parent_target, parent_diff, parent_ratio; grandparent,
        grandparent_code, grandparent_level, grandparent_target,
        grandparent_diff, grandparent_ratio (NA when there is no such
        ancestor or it has no target); direction; amplified (boolean, NA
        without a parent target). A ratio is NaN when the ancestor's target
        is 0.

    Raises
    ------
    AnalysisError
        When ``levels`` names an unknown level or has fewer than two.

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["湖北省", "咸宁市", "赤壁市"], "year": [2021] * 3,
    ...     "indicator": ["gdp"] * 3, "role": ["target"] * 3, "period_end": [12] * 3,
    ...     "measure": ["growth_pct"] * 3, "value": [10.0, 11.0, 12.0]})
    >>> amp = amplification(facts)
    >>> amp[["region", "parent", "parent_diff", "grandparent_diff"]].values.tolist()
    [['湖北省', '全国', nan, nan], ['咸宁市', '湖北省', 1.0, nan], ['赤壁市', '咸宁市', 1.0, 2.0]]
    """
    levels = tuple(levels)
    bad = [lv for lv in levels if lv not in LEVELS]
    if bad or len(set(levels)) < 2:
        raise AnalysisError(f"amplification: levels must be two or more of {', '.join(LEVELS)}"
                            + (f"; unknown: {', '.join(bad)}" if bad else ""))
    p = as_panel(facts, "amplification")
    has = p["target"].notna().to_numpy() | p["modifier"].astype("string").eq(
        "synced").fillna(False).to_numpy()
    has &= p["measure"].astype("string").isin(list(measures)).to_numpy()
    p = p[has].reset_index(drop=True)
    point = target_point(p, range_point)
    own = _codes_of_regions(p)
    level, par, gpar = _placed(own, levels)
    keep = (level.isin(levels) & par.notna()).to_numpy()
    enc = _categories(own, p)
    own_key = _key(own, p, enc)
    own_key = np.where(pd.Index(own_key).duplicated(keep="first") | (own_key < 0),
                       -1 - np.arange(len(own_key)), own_key)
    table = pd.Index(own_key)
    out = p.loc[keep, ["region", "region_code", "year", "indicator", "measure", "modifier"]]
    out = out.reset_index(drop=True)
    out["region_code"] = pd.Series(own[keep], dtype="string")
    out.insert(2, "level", level[keep].reset_index(drop=True))
    out["target"] = point[keep]
    for rel, codes in (("parent", par), ("grandparent", gpar)):
        ck = _key(codes.to_numpy(dtype=object, na_value=None), p, enc)
        hit = table.get_indexer(np.where(ck >= 0, ck, np.iinfo("int64").min))[keep]
        t_anc = np.where(hit >= 0, point[np.maximum(hit, 0)], np.nan) if len(point) else \
            np.zeros(0)
        c = codes[keep].reset_index(drop=True)
        out[rel] = _names(c, p, own)
        out[f"{rel}_code"] = c
        out[f"{rel}_level"] = _per_unique(c, lambda u: level_of(u).to_numpy(
            dtype=object, na_value=None))
        out[f"{rel}_target"] = t_anc
        diff = out["target"].to_numpy() - t_anc
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(t_anc == 0, np.nan, out["target"].to_numpy() / t_anc)
        out[f"{rel}_diff"] = diff
        out[f"{rel}_ratio"] = ratio
    return _with_direction(out)


def _placed(own: np.ndarray, levels: Sequence[str]) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Level, parent code and grandparent code of each row's region code."""
    anc = _ancestors(own, levels)
    idx = pd.Index(anc["code"]).get_indexer(pd.Series(own, dtype=object))

    def take(col: str) -> pd.Series:
        if not len(anc):
            return pd.Series(np.full(len(own), None), dtype="string")
        vals = anc[col].to_numpy(dtype=object)[np.maximum(idx, 0)]
        return pd.Series(np.where(idx >= 0, vals, None), dtype="string")

    return take("level"), take("parent_code"), take("grandparent_code")


def _categories(own: np.ndarray, p: pd.DataFrame) -> _KeyCodes:
    """Encodings shared by the own and the ancestor keys."""
    ind_c, ind_u = codes_of(p["indicator"])
    meas_c, meas_u = codes_of(p["measure"])
    year = as_float(p["year"])
    some = len(year) and not np.isnan(year).all()
    ymin = int(np.nanmin(year)) if some else 0
    return _KeyCodes(region_codes=pd.unique(pd.Series(own, dtype=object).dropna()),
                     year_min=ymin, year_span=int(np.nanmax(year)) - ymin + 3 if some else 3,
                     indicator=ind_c, measure=meas_c, n_indicators=len(ind_u) + 1,
                     n_measures=len(meas_u) + 1)


def _with_direction(out: pd.DataFrame) -> pd.DataFrame:
    """Add direction and amplified (the target is more demanding than the parent's)."""
    lower = directions(out)
    out["direction"] = pd.Categorical.from_codes(lower.astype("int64"),
                                                 categories=[HIGHER, LOWER])
    d = out["parent_diff"].to_numpy()
    s = np.where(lower, -1.0, 1.0)
    known = ~np.isnan(d)
    slack = EPS * np.maximum(1.0, np.abs(np.nan_to_num(out["parent_target"].to_numpy())))
    out["amplified"] = pd.arrays.BooleanArray((s * d > slack) & known, ~known)
    return out


def amplification_summary(amp: pd.DataFrame) -> pd.DataFrame:
    r"""The amplification statistic per level pair: mean, median, share above the ancestor.

    Parameters
    ----------
    amp : pandas.DataFrame
        The output of :func:`amplification`.

    Returns
    -------
    pandas.DataFrame
        One row per relation (``parent``, ``grandparent``), level, ancestor
        level, indicator and measure, over the rows where both targets are
        numbers. Columns: relation, level, ancestor_level, indicator,
        measure; ``n`` (region-years); ``mean_diff``, ``median_diff``
        (:math:`T - T_a`); ``mean_ratio``, ``median_ratio`` (:math:`T / T_a`);
        ``share_above``, ``share_equal``, ``share_below`` (share of targets
        above, equal to and below the ancestor's; equality up to a
        :math:`10^{-9}` relative slack); ``share_amplified`` (above for
        higher-is-better indicators, below for lower-is-better ones).

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({
    ...     "region": ["湖北省", "咸宁市", "黄冈市"], "year": [2021] * 3,
    ...     "indicator": ["gdp"] * 3, "role": ["target"] * 3, "period_end": [12] * 3,
    ...     "measure": ["growth_pct"] * 3, "value": [10.0, 11.0, 10.0]})
    >>> s = amplification_summary(amplification(facts))
    >>> s[["level", "ancestor_level", "n", "mean_diff", "share_above"]].values.tolist()
    [['prefecture', 'province', 2, 0.5, 0.5]]
    """
    need = ("level", "indicator", "measure", "target", "parent_level", "parent_target",
            "grandparent_level", "grandparent_target", "direction")
    missing = [c for c in need if c not in amp.columns]
    if missing:
        raise AnalysisError(f"amplification_summary: input is missing columns: "
                            f"{', '.join(missing)} (pass the output of amplification())")
    parts = []
    for rel in _RELATIONS:
        t = as_float(amp["target"])
        ta = as_float(amp[f"{rel}_target"])
        ok = ~np.isnan(t) & ~np.isnan(ta)
        t, ta = t[ok], ta[ok]
        eq = np.abs(t - ta) <= EPS * np.maximum(1.0, np.maximum(np.abs(t), np.abs(ta)))
        lower = (amp.loc[ok, "direction"].astype("string") == LOWER).to_numpy()
        above = (t > ta) & ~eq
        below = (t < ta) & ~eq
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(ta == 0, np.nan, t / ta)
        parts.append(pd.DataFrame({
            "relation": rel,
            "level": amp.loc[ok, "level"].astype("string").array,
            "ancestor_level": amp.loc[ok, f"{rel}_level"].astype("string").array,
            "indicator": amp.loc[ok, "indicator"].astype("string").array,
            "measure": amp.loc[ok, "measure"].astype("string").array,
            "diff": t - ta, "ratio": ratio,
            "above": above.astype(float), "equal": eq.astype(float),
            "below": below.astype(float),
            "amplified": np.where(lower, below, above).astype(float),
        }))
    work = pd.concat(parts, ignore_index=True)
    keys = ["relation", "level", "ancestor_level", "indicator", "measure"]
    g = work.groupby(keys, sort=False, observed=True, dropna=False)
    out = g.agg(n=("diff", "size"), mean_diff=("diff", "mean"), median_diff=("diff", "median"),
                mean_ratio=("ratio", "mean"), median_ratio=("ratio", "median"),
                share_above=("above", "mean"), share_equal=("equal", "mean"),
                share_below=("below", "mean"),
                share_amplified=("amplified", "mean")).reset_index()
    rel_order = {r: i for i, r in enumerate(_RELATIONS)}
    lvl_order = {lv: i for i, lv in enumerate(LEVELS)}
    out = out.assign(_r=out["relation"].map(rel_order), _l=out["level"].map(lvl_order),
                     _a=out["ancestor_level"].map(lvl_order))
    out = out.sort_values(["_r", "_l", "_a", "indicator", "measure"], kind="stable")
    out["n"] = out["n"].astype("int64")
    return out.drop(columns=["_r", "_l", "_a"]).reset_index(drop=True)
