"""Ranking regions within peer groups, and composite scores across indicators."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..text.regions import NATIONAL_CODE, regions
from ._common import (
    HIGHER,
    LOWER,
    as_float,
    int_array,
    require_columns,
    vocabulary_directions,
)


def _codes(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 = NA) and uniques of any column (fast for categoricals/numbers)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.codes.to_numpy().astype("int64"), np.asarray(s.cat.categories, dtype=object)
    if s.dtype.kind in "iufb" or isinstance(s.dtype, pd.api.extensions.ExtensionDtype) and \
            s.dtype.kind in "iufb":
        c, u = pd.factorize(s, use_na_sentinel=True)
        return c.astype("int64"), np.asarray(u, dtype=object)
    c, u = pd.factorize(s.to_numpy(dtype=object), use_na_sentinel=True)
    return c.astype("int64"), np.asarray(u, dtype=object)


def _combine(codes: list[np.ndarray], n: int) -> np.ndarray:
    """Group id of several code arrays (-1 when any code is -1); not necessarily dense."""
    gid = np.zeros(n, dtype="int64")
    bad = np.zeros(n, dtype=bool)
    span = 1
    for c in codes:
        bad |= c < 0
        width = int(c.max(initial=0)) + 2
        if span * width >= 2**62:  # re-densify before the key could overflow
            gid = pd.factorize(gid)[0].astype("int64")
            span = int(gid.max(initial=0)) + 1
        gid *= width
        gid += c
        gid += 1
        span *= width
    gid[bad] = -1
    return gid


def _group_rank(gid: np.ndarray, key: np.ndarray, method: str) -> tuple[np.ndarray, np.ndarray]:
    """Rank ``key`` ascending within ``gid`` groups (vectorised; NaN / gid -1 unranked).

    Returns (rank as float with NaN, count of ranked rows in the row's group).
    One sort by value, one stable sort by group, then run boundaries by
    ``np.repeat`` (no per-group Python work).
    """
    n = len(key)
    rank = np.full(n, np.nan)
    count = np.full(n, np.nan)
    in_group = gid >= 0
    valid = np.flatnonzero(in_group & ~np.isnan(key))
    if len(valid) == 0:
        count[in_group] = 0
        return rank, count
    g, k = gid[valid], key[valid]
    # by group, then value (then row order: both sorts are stable for "first")
    o = np.argsort(k, kind="stable" if method == "first" else "quicksort")
    o = o[np.argsort(g[o], kind="stable")]
    sg, sk = g[o], k[o]
    m = len(o)
    new_g = np.empty(m, dtype=bool)
    new_g[0] = True
    np.not_equal(sg[1:], sg[:-1], out=new_g[1:])
    new_t = np.empty(m, dtype=bool)
    new_t[0] = True
    np.not_equal(sk[1:], sk[:-1], out=new_t[1:])
    new_t |= new_g
    g_first = np.flatnonzero(new_g)
    g_size = np.diff(np.append(g_first, m))
    g_start = np.repeat(g_first, g_size)
    if method == "first":
        r = np.arange(m, dtype="float64") - g_start + 1.0
    elif method == "dense":
        c = np.cumsum(new_t)
        r = (c - c[g_start] + 1).astype("float64")
    else:
        t_first = np.flatnonzero(new_t)
        t_size = np.diff(np.append(t_first, m))
        lo = np.repeat(t_first, t_size) - g_start + 1.0  # "min"
        if method == "min":
            r = lo
        else:
            hi = lo + np.repeat(t_size, t_size) - 1.0  # "max"
            r = hi if method == "max" else (lo + hi) / 2.0
    rows = valid[o]
    rank[rows] = r
    count[rows] = np.repeat(g_size, g_size)
    # rows of a group whose value is missing: the group's count (0 for an all-NaN group)
    rest = np.flatnonzero(in_group & np.isnan(count))
    if len(rest):
        ug = sg[g_first]  # sorted group ids
        at = np.searchsorted(ug, gid[rest])
        at_c = np.minimum(at, len(ug) - 1)
        hit = ug[at_c] == gid[rest]
        count[rest] = np.where(hit, g_size[at_c], 0)
    return rank, count


#: Columns that are already direction-signed (higher is better everywhere).
SIGNED_COLUMNS = frozenset({"gap", "pace", "completion_pct", "completion_reported", "score",
                            "prob_meet"})

_GROUP_CANDIDATES = ("indicator", "measure", "period_end", "year")


#: A well-formed region code: six digits (``\\d``, of any script).
_SIX = re.compile(r"\d{6}")


def _shape_of(code: str) -> str | None:
    """``county``, ``prefecture`` or ``province`` by the shape of a code; None when malformed."""
    if not _SIX.fullmatch(code):
        return None
    return "county" if code[4:] != "00" else "prefecture" if code[2:4] != "00" else "province"


@cache
def _by_code(column: str) -> dict:
    """``column`` of the bundled region table by code (read once: the table does not change)."""
    return regions().set_index("code")[column].to_dict()


def _per_code(region_code: pd.Series, one) -> pd.Series:
    """``one(code)`` of each distinct code (NA stays NA), as a string column."""
    s = region_code.astype("string")
    codes, uniq = pd.factorize(s, use_na_sentinel=True)
    vals = np.array([one(u) for u in uniq.tolist()] + [None], dtype=object)
    return pd.Series(vals[codes], index=s.index, dtype="string")


def _parent_of(code: str) -> str | None:
    known = _by_code("parent_code").get(code)
    if isinstance(known, str):
        return known
    shape = _shape_of(code)
    return (code[:4] + "00" if shape == "county" else code[:2] + "0000" if shape == "prefecture"
            else NATIONAL_CODE if shape == "province" else None)


def _level_of(code: str) -> str | None:
    known = _by_code("level").get(code)
    return known if isinstance(known, str) else _shape_of(code)


def parent_code(region_code: pd.Series) -> pd.Series:
    """Parent administrative code of each 6-digit region code.

    The bundled region table (:func:`govmetrics.text.regions`) decides where it knows
    the code: 赤壁市 421281 -> 咸宁市 421200, 仙桃市 429004 -> 湖北省 420000,
    东城区 110101 -> 北京市 110000, a province -> the nation (100000). Codes the
    table does not know fall back to their shape: county (last two digits not
    ``00``) -> ``code[:4] + '00'``, prefecture -> ``code[:2] + '0000'``,
    province -> the nation. Missing or malformed codes give NA.

    Examples
    --------
    >>> parent_code(pd.Series(["421281", "421200", "420000", "429004"])).tolist()
    ['421200', '420000', '100000', '420000']
    """
    return _per_code(region_code, _parent_of)


def level_of(region_code: pd.Series) -> pd.Series:
    """Administrative level of each 6-digit region code.

    The bundled region table decides where it knows the code (仙桃市 429004 is
    county level, 全国 100000 national); other codes fall back to their shape:
    county when the last two digits are not ``00``, prefecture when digits 3-4
    are not ``00``, else province. NA for missing or malformed codes.

    Examples
    --------
    >>> level_of(pd.Series(["421281", "421200", "420000", "100000"])).tolist()
    ['county', 'prefecture', 'province', 'national']
    """
    return _per_code(region_code, _level_of)


def _peer_codes(t: pd.DataFrame, within) -> list[np.ndarray]:
    """Codes of the peer-group columns named by ``within``."""
    if within is None:
        return []
    names = [within] if isinstance(within, str) else list(within)
    out = []
    for w in names:
        derive = None
        if w == "parent" and "parent" not in t.columns:
            if "parent_code" in t.columns:
                w = "parent_code"
            elif "region_code" in t.columns:
                derive = parent_code
            else:
                raise AnalysisError("rank(within='parent') needs a parent, parent_code or "
                                    "region_code column")
        elif w == "level" and "level" not in t.columns:
            if "region_code" not in t.columns:
                raise AnalysisError("rank(within='level') needs a level or region_code column")
            derive = level_of
        elif w not in t.columns:
            raise AnalysisError(f"rank(within={w!r}): no such column")
        if derive is None:
            out.append(_codes(t[w])[0])
        else:  # derive on the distinct codes only
            c, u = _codes(t["region_code"])
            dc, _ = pd.factorize(derive(pd.Series(u, dtype=object)), use_na_sentinel=True)
            dc = np.append(dc, -1)
            out.append(dc[c])
    return out


def _reported_ranks(t: pd.DataFrame, facts: pd.DataFrame | None) -> np.ndarray:
    out = np.full(len(t), np.nan)
    src = facts if facts is not None else t
    keys = ["region", "indicator", "year", "period_end"]
    if any(c not in src.columns for c in keys + ["measure", "value"]) or any(
            c not in t.columns for c in keys):
        return out
    mc, mu = _codes(src["measure"])
    hit = np.flatnonzero(mu == "rank")
    if len(hit) == 0:
        return out
    r = src.loc[mc == hit[0]]
    if "role" in r.columns:
        r = r.loc[(r["role"] == "actual").to_numpy()]
    r = pd.DataFrame({"region": r["region"].to_numpy(dtype=object),
                      "indicator": r["indicator"].to_numpy(dtype=object),
                      "year": as_float(r["year"]), "period_end": as_float(r["period_end"]),
                      "rank_reported": as_float(r["value"])}).drop_duplicates(keys)
    left = pd.DataFrame({"region": t["region"].to_numpy(dtype=object),
                         "indicator": t["indicator"].to_numpy(dtype=object),
                         "year": as_float(t["year"]), "period_end": as_float(t["period_end"])})
    return as_float(left.merge(r, on=keys, how="left")["rank_reported"])


def rank(table: pd.DataFrame, by: str, *, within: str | Sequence[str] | None = None,
         method: str = "min", ascending: bool | None = None,
         facts: pd.DataFrame | None = None) -> pd.DataFrame:
    r"""Rank regions within comparable groups.

    Groups are the columns among indicator, measure, period_end and year that
    the table has (plus ``role`` on a raw fact table), plus the peer-group
    columns of ``within``. Inside a group the regions are ordered by ``by``:

    * ``gap``, ``pace``, ``completion_pct``, ``completion_reported``,
      ``prob_meet``, ``score`` are direction-signed already: higher is better;
    * any other column (``actual``, ``value`` ...): the indicator's
      vocabulary direction (lower unemployment, CPI, energy intensity rank
      first; unknown indicators higher_is_better); a ``rank`` measure is
      lower_is_better. Modifiers are ignored so that a group always has one
      direction.

    ``ascending`` overrides the direction (True: smallest value ranks 1).
    Ties follow pandas ``method`` (``min`` by default: 1, 2, 2, 4). Rows with a
    missing ``by`` value or a missing group key are left unranked (NA).

    Peer groups (``within``): ``"parent"`` uses a ``parent`` or
    ``parent_code`` column, else derives the parent from ``region_code``
    (:func:`parent_code`: the bundled region table, else the code's shape,
    county ``code[:4]+'00'``, prefecture ``code[:2]+'0000'``); ``"level"`` uses a
    ``level`` column, else derives it from ``region_code``; any other string
    (or list of strings) names grouping columns.

    Parameters
    ----------
    table : pandas.DataFrame
        A fact table or the output of attainment / pace / project.
    by : str
        Column to rank on.
    within : str or list of str, optional
        Peer groups.
    method : {"min", "max", "average", "first", "dense"}
        Tie handling (pandas ``Series.rank``).
    ascending : bool, optional
        Force the order instead of using the direction.
    facts : pandas.DataFrame, optional
        Fact table holding reported ``rank`` rows (when ``table`` has none).

    Returns
    -------
    pandas.DataFrame
        ``table`` (same rows and order) with added columns: ``rank`` (1 =
        best; Int64, Float64 for ``method="average"``), ``n_ranked`` (number
        of ranked rows in the group) and ``rank_reported`` (the document's own
        rank, measure ``rank``, for the same region, indicator, year and
        period_end; NaN when none).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"region": ["A", "B", "C"], "indicator": ["registered_unemployment_rate"] * 3,
    ...                   "year": [2022] * 3, "period_end": [12] * 3, "actual": [3.1, 2.5, 4.0]})
    >>> rank(t, "actual")["rank"].tolist()
    [2, 1, 3]
    """
    require_columns(table, (by,), "rank")
    if method not in ("min", "max", "average", "first", "dense"):
        raise AnalysisError(f"rank: unknown method {method!r}")
    t = table
    n = len(t)
    key_cols = [c for c in _GROUP_CANDIDATES if c in t.columns]
    if "role" in t.columns:
        key_cols.append("role")
    coded = {c: _codes(t[c]) for c in key_cols}
    codes = [coded[c][0] for c in key_cols] + _peer_codes(t, within)
    values = as_float(t[by])
    if ascending is not None:
        asc = np.full(n, bool(ascending))
    elif by in SIGNED_COLUMNS or "indicator" not in t.columns:
        asc = np.zeros(n, dtype=bool)
    else:
        vocab = vocabulary_directions()
        ic, iu = coded["indicator"]
        low = np.array([vocab.get(u, HIGHER) == LOWER for u in iu] + [False])[ic]
        if "measure" in coded:
            mc, mu = coded["measure"]
            low |= np.append(mu == "rank", False)[mc]
        asc = low
    key = np.where(asc, values, -values)
    gid = _combine(codes, n) if codes else np.zeros(n, dtype="int64")
    r, cnt = _group_rank(gid, key, method)
    out = table.copy(deep=False)
    out["rank"] = pd.array(r, dtype="Float64") if method == "average" else int_array(r)
    out["n_ranked"] = int_array(cnt)
    out["rank_reported"] = _reported_ranks(t, facts)
    return out


def composite_rank(att: pd.DataFrame, *, how: str = "share_met",
                   weights: Mapping[str, float] | None = None,
                   period_end: int | None = 12) -> pd.DataFrame:
    r"""Score and rank regions across indicators from an attainment table.

    ``how="share_met"``: the weighted share of judged targets (status met,
    nearly_met or missed) that are ``met``:

    .. math:: \mathrm{score}_{r,y} = \frac{\sum_i w_i\,[\mathrm{status}_i = \mathrm{met}]}{\sum_i w_i}

    (nearly_met counts as not met). ``how="mean_z"``: the weighted mean of
    within-group z-scores of the gap, groups = indicator, measure, year and
    period_end across regions, :math:`z = (\mathrm{gap} - \bar{g})/\sigma_g`
    (population sd; groups with fewer than two regions or zero spread are
    skipped). Weights :math:`w_i` come from ``weights`` per indicator
    (indicators not in the mapping weigh 1). Regions are ranked within each
    year, highest score first (ties: ``min``).

    Parameters
    ----------
    att : pandas.DataFrame
        Output of :func:`govmetrics.attainment` (needs region, year,
        indicator, status or gap).
    how : {"share_met", "mean_z"}
    weights : dict, optional
        Indicator id -> weight (>= 0).
    period_end : int or None
        Use only pairs with this period_end (default 12, full-year actuals);
        None uses all rows.

    Returns
    -------
    pandas.DataFrame
        Columns region, year, score, rank (Int64, 1 = best within year),
        n_indicators (distinct indicators behind the score); region_code
        too when ``att`` has it.

    Examples
    --------
    >>> import pandas as pd
    >>> att = pd.DataFrame({"region": ["A", "A", "B"], "year": [2023] * 3,
    ...     "indicator": ["gdp", "cpi", "gdp"], "measure": ["growth_pct"] * 3,
    ...     "period_end": [12] * 3, "status": ["met", "missed", "met"],
    ...     "gap": [0.5, -0.2, 1.0]})
    >>> composite_rank(att)[["region", "score", "rank"]].values.tolist()
    [['A', 0.5, 2], ['B', 1.0, 1]]
    """
    require_columns(att, ("region", "year", "indicator"), "composite_rank")
    a = att
    if period_end is not None and "period_end" in a.columns:
        a = a.loc[(a["period_end"] == period_end).fillna(False).to_numpy()]
    w_map = dict(weights or {})
    if any((not np.isfinite(float(v))) or float(v) < 0 for v in w_map.values()):
        raise AnalysisError("composite_rank: weights must be finite and >= 0")
    if how == "share_met":
        require_columns(att, ("status",), "composite_rank")
        a = a.loc[a["status"].isin(["met", "nearly_met", "missed"]).to_numpy()]
        val = (a["status"] == "met").to_numpy(dtype="float64")
    elif how == "mean_z":
        require_columns(att, ("gap",), "composite_rank")
        a = a.loc[a["gap"].notna().to_numpy()]
        gkeys = [c for c in ("indicator", "measure", "year", "period_end") if c in a.columns]
        gap = pd.Series(as_float(a["gap"]), index=a.index)
        grp = gap.groupby([a[c] for c in gkeys], dropna=False)
        mu = grp.transform("mean")
        sd = grp.transform(lambda s: s.std(ddof=0))
        cnt = grp.transform("count")
        z = (gap - mu) / sd
        ok = (cnt >= 2) & (sd > 0)
        a = a.loc[ok.to_numpy()]
        val = z[ok].to_numpy(dtype="float64")
    else:
        raise AnalysisError(f"composite_rank: how must be 'share_met' or 'mean_z', not {how!r}")
    w = np.array([float(w_map.get(i, 1.0)) for i in a["indicator"].astype(object)],
                 dtype="float64")
    keys = ["region", "year"]
    work = pd.DataFrame({"region": a["region"].to_numpy(), "year": a["year"].to_numpy(),
                         "_wv": w * val, "_w": w, "indicator": a["indicator"].to_numpy()})
    if "region_code" in a.columns:
        work["region_code"] = a["region_code"].to_numpy()
    g = work.groupby(keys, sort=True, dropna=False)
    res = g.agg(_wv=("_wv", "sum"), _w=("_w", "sum"),
                n_indicators=("indicator", "nunique")).reset_index()
    with np.errstate(divide="ignore", invalid="ignore"):
        res["score"] = res["_wv"] / res["_w"]
    if "region_code" in work.columns:
        res["region_code"] = g["region_code"].first().to_numpy()
    res["rank"] = (res.groupby("year", dropna=False)["score"]
                   .rank(method="min", ascending=False).astype("Int64"))
    cols = ["region"] + (["region_code"] if "region_code" in res.columns else [])
    cols += ["year", "score", "rank", "n_indicators"]
    return res.loc[:, cols]
