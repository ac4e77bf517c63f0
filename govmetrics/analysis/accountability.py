"""Who owns the targets, and how are they doing: :func:`accountability`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..vocabulary import indicator_direction
from ._common import elapsed_share

__all__ = ["accountability", "accountability_detail"]

#: Columns of :func:`accountability_detail`.
DETAIL_COLUMNS = ["lead_unit", "responsible_units", "region", "year", "name", "target_value",
                  "target_unit", "modifier", "actual_value", "period_end", "completion_pct",
                  "elapsed_pct", "status", "target_doc", "actual_doc"]
#: Columns of :func:`accountability`.
SUMMARY_COLUMNS = ["lead_unit", "targets", "with_progress", "ahead", "on_pace", "behind", "met",
                   "missed", "no_progress", "lagging"]
_LEVEL_UNITS = {"yuan", "person", "count", "mu", "ton", "other:公里", "other:平方米"}


def _from_tasks(df: pd.DataFrame) -> pd.DataFrame:
    """Owned task targets, each with the later progress that names it best.

    Pairs are taken best-named first (ties: the later period), one progress
    row per owned target and one owned target per progress row.
    """
    from ..tasks.pairing import subject_score  # the task reader (and cn2an) on first use

    owned = df[df["lead_unit"].notna()].reset_index(drop=True)
    progress = df[df["actual_value"].notna() & df["lead_unit"].isna()].reset_index(drop=True)
    cands = []
    for i, t in owned.iterrows():
        same = progress[(progress["region"] == t["region"]) & (progress["year"] == t["year"])
                        & (progress["target_unit"] == t["target_unit"])]
        for j, p in same.iterrows():
            s = subject_score(str(t["subject"]), str(p["subject"]))
            if s >= 4:
                cands.append((s, int(p["period_end"]) if pd.notna(p["period_end"]) else 0, i, j))
    best: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in sorted(cands, reverse=True):
        if i not in best and j not in used:
            best[i] = j
            used.add(j)
    rows = []
    for i, t in owned.iterrows():
        p = progress.loc[best[i]] if i in best else (t if pd.notna(t["actual_value"]) else None)
        rows.append(_detail(t, str(t["subject"]), t["target_value"], t["target_unit"],
                            t["modifier"], p, "actual_value", "up"))
    return pd.DataFrame(rows)


def _from_facts(df: pd.DataFrame) -> pd.DataFrame:
    """Owned headline targets with the latest actual of the same indicator and measure."""
    owned = df[(df["role"] == "target") & df["lead_unit"].notna()]
    actual = df[(df["role"] == "actual") & df["value"].notna()]
    rows = []
    for _, t in owned.iterrows():
        cand = actual[(actual["region"] == t["region"]) & (actual["year"] == t["year"])
                      & (actual["indicator"] == t["indicator"]) & (actual["measure"] == t["measure"])]
        best = cand.sort_values("period_end").iloc[-1] if len(cand) else None
        unit = t["unit"] if t["measure"] == "level" else "percent"
        rows.append(_detail(t, str(t["indicator"]), t["value"], unit, t["modifier"], best,
                            "value", indicator_direction(str(t["indicator"]))))
    return pd.DataFrame(rows)


def _detail(t, name, target, unit, modifier, best, col, direction) -> dict:
    return {
        "lead_unit": t["lead_unit"], "responsible_units": t.get("responsible_units"),
        "region": t["region"], "year": t["year"], "name": name, "target_value": target,
        "target_unit": unit, "modifier": modifier,
        "actual_value": None if best is None else best[col],
        "period_end": None if best is None else best["period_end"],
        "target_doc": t["doc"], "actual_doc": None if best is None else best["doc"],
        "_lower": modifier == "at_most" or direction == "down",
    }


def _status(d: pd.DataFrame, basis: str, eps: float) -> pd.DataFrame:
    d = d.copy()
    pe = pd.to_numeric(d["period_end"], errors="coerce")
    a = pd.to_numeric(d["actual_value"], errors="coerce").to_numpy(float)
    t = pd.to_numeric(d["target_value"], errors="coerce").to_numpy(float)
    level = d["target_unit"].isin(_LEVEL_UNITS).to_numpy() & ~d["_lower"].to_numpy(bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        completion = np.where(level & (t != 0), 100 * a / t, np.nan)
    year = pd.to_numeric(d["year"], errors="coerce").fillna(2001)
    elapsed = 100 * elapsed_share(pe.fillna(12), year, basis)
    sign = np.where(d["_lower"].to_numpy(bool), -1.0, 1.0)
    gap = sign * (a - t)
    full = (pe == 12).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        pace = completion / elapsed
    status = np.where(
        level,
        np.where(full, np.where(completion >= 100 - 1e-9, "met", "missed"),
                 np.where(pace >= 1 + eps, "ahead", np.where(pace > 1 - eps, "on_pace", "behind"))),
        np.where(full, np.where(gap >= -1e-9, "met", "missed"),
                 np.where(gap > 1e-9, "ahead", np.where(gap >= -1e-9, "on_pace", "behind"))))
    status = np.where(np.isnan(a) | pe.isna().to_numpy(), "no_progress", status)
    d["completion_pct"] = completion
    d["elapsed_pct"] = np.where(pe.isna(), np.nan, elapsed)
    d["status"] = status
    return d[DETAIL_COLUMNS]


def accountability_detail(facts: pd.DataFrame, *, basis: str = "month",
                          eps: float = 0.02) -> pd.DataFrame:
    """One row per owned target with its progress and status (see :func:`accountability`).

    Returns
    -------
    pandas.DataFrame
        Columns: ``lead_unit``, ``responsible_units``, ``region``, ``year``,
        ``name`` (task subject or indicator id), ``target_value``,
        ``target_unit``, ``modifier``, ``actual_value``, ``period_end``,
        ``completion_pct`` (100 A/T for amounts and counts), ``elapsed_pct``
        (share of the year passed, by ``basis``), ``status`` (``ahead``,
        ``on_pace``, ``behind``, ``met``, ``missed`` or ``no_progress``),
        ``target_doc`` and ``actual_doc``.
    """
    df = facts
    if "lead_unit" not in df.columns:
        raise AnalysisError("accountability needs a lead_unit column (from a target breakdown)")
    if basis not in ("month", "quarter", "day"):
        raise AnalysisError(f"unknown basis {basis!r}: use month, quarter or day")
    if "target_value" in df.columns:
        d = _from_tasks(df)
    elif {"role", "indicator", "value"} <= set(df.columns):
        d = _from_facts(df)
    else:
        raise AnalysisError("accountability takes a task table (govmetrics.tasks) "
                            "or a fact table (govmetrics.extract)")
    if d.empty:
        return pd.DataFrame(columns=DETAIL_COLUMNS)
    return _status(d, basis, eps)


def accountability(facts: pd.DataFrame, *, basis: str = "month",
                   eps: float = 0.02) -> pd.DataFrame:
    """Per lead unit: targets owned and how they stand against 序时进度.

    A breakdown (责任分解方案) gives each target a lead unit; a later bulletin
    reports progress. The two are joined by region and year and, for tasks,
    by target unit and subject (the subjects share a name: the score of
    :func:`govmetrics.tasks.pairing.subject_score` is 4 or more; the latest
    period wins among equally named reports), for headline facts by
    indicator and measure (the latest period wins).

    Status of one target with actual :math:`A`, target :math:`T` and period
    :math:`m`: amounts and counts compare completion :math:`100A/T` with the
    elapsed share of the year (``basis`` as in :func:`govmetrics.pace`):
    ``ahead`` when completion/elapsed :math:`\\ge 1+\\varepsilon`, ``behind``
    when :math:`\\le 1-\\varepsilon`, else ``on_pace``; rates, growth rates
    and ceilings compare :math:`s(A-T)` with 0 (:math:`s=-1` for ceilings and
    lower-is-better indicators). At :math:`m = 12` the status is ``met`` or
    ``missed``; with no progress it is ``no_progress``.

    Parameters
    ----------
    facts : pandas.DataFrame
        A task table (:func:`govmetrics.tasks`) or a fact table
        (:func:`govmetrics.extract`) holding both the breakdown and the bulletins.
    basis : {"month", "quarter", "day"}
        How the elapsed share is counted.
    eps : float
        Half-width of the ``on_pace`` band for amounts and counts.

    Returns
    -------
    pandas.DataFrame
        One row per lead unit, sorted by lead unit, with columns:

        - ``lead_unit`` -- the lead unit.
        - ``targets`` -- targets it owns.
        - ``with_progress`` -- of those, how many have a progress figure.
        - ``ahead``, ``on_pace``, ``behind`` -- year-to-date status counts.
        - ``met``, ``missed`` -- full-year status counts.
        - ``no_progress`` -- targets with no progress figure.
        - ``lagging`` -- names of the targets behind or missed, joined by ``；``.

    Examples
    --------
    >>> t = pd.DataFrame({"doc": ["b", "p"], "region": ["甲市", "甲市"], "year": [2025, 2025],
    ...     "subject": ["新建5G基站", "新建5G基站"], "target_value": [500.0, 500.0],
    ...     "target_unit": ["count", "count"], "modifier": ["point", "point"],
    ...     "actual_value": [None, 200.0], "period_end": [None, 6],
    ...     "lead_unit": ["市经信局", None], "responsible_units": ["各县市区", None]})
    >>> accountability(t)[["lead_unit", "targets", "behind", "lagging"]]
      lead_unit  targets  behind lagging
    0      市经信局        1       1  新建5G基站
    """
    d = accountability_detail(facts, basis=basis, eps=eps)
    rows = []
    for unit, g in d.groupby("lead_unit", sort=True):
        counts = g["status"].value_counts()
        lag = g.loc[g["status"].isin(["behind", "missed"]), "name"].astype(str).tolist()
        rows.append({"lead_unit": unit, "targets": len(g),
                     "with_progress": int((g["status"] != "no_progress").sum()),
                     **{k: int(counts.get(k, 0)) for k in
                        ("ahead", "on_pace", "behind", "met", "missed", "no_progress")},
                     "lagging": "；".join(lag)})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
