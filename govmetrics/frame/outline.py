"""``outline``: how a document was read, one row per section, before trusting its rows."""

from __future__ import annotations

import os

import pandas as pd

from ..model import DocFrame
from ..text.read import Document, read_document
from .build import frame
from .cues import policy
from .manifest import manifest_hints

__all__ = ["outline", "OUTLINE_COLUMNS"]

OUTLINE_COLUMNS = ["char_start", "char_end", "heading", "role", "year", "period_end", "evidence",
                   "fact_role", "fact_year", "fact_period_end"]


def _policy_cells(fr: DocFrame, role: str, year: int | None, period: int | None) -> tuple:
    row = policy().get((fr.kind, role)) or policy().get((fr.kind, "none"))
    if row is None or fr.plan_year is None:
        return (row.fact_role if row else None), None, None
    if row.fact_role == "target":
        return "target", fr.plan_year, 12
    fact_year = year if year is not None else fr.plan_year + row.year_offset
    if period is not None:
        fact_period = period
    elif row.period_end == "12":
        fact_period = 12
    else:
        fact_period = fr.period_end or 12
    return "actual", fact_year, fact_period


def outline(source: str | os.PathLike[str] | Document, *, kind: str | None = None,
            region: str | None = None, year: int | None = None,
            period_end: int | None = None) -> pd.DataFrame:
    """One row per section of a document: how its context was read, with the evidence.

    Parameters
    ----------
    source : path or Document
        A document file, or a :class:`~govmetrics.text.read.Document`.
    kind, region, year, period_end : optional
        Hints, as for :func:`govmetrics.extract` (a ``MANIFEST.csv`` beside the
        file supplies those not given).

    Returns
    -------
    pandas.DataFrame
        Columns:

        - ``char_start``, ``char_end`` -- the section's span in the original text.
        - ``heading`` -- the heading line or opening words that started it ("" for
          the part before the first).
        - ``role`` -- ``review``, ``results``, ``progress``, ``target``,
          ``breakdown`` or ``none``.
        - ``year``, ``period_end`` -- the year and last month its own words name
          (empty when they name none).
        - ``evidence`` -- what decided it (``heading:…``, ``opener:…``).
        - ``fact_role``, ``fact_year``, ``fact_period_end`` -- what a figure in
          the section gets when its sentence says nothing of its own (from the
          context policy, ``context_policy.csv``).

        ``DataFrame.attrs`` holds the document-level decisions: ``kind``,
        ``plan_year``, ``period_end``, ``region`` and their ``*_source``.

    Examples
    --------
    >>> outline("data/raw/002_784350319b1ebff8.txt")[["role", "fact_year"]].drop_duplicates()  # doctest: +SKIP
    """
    doc = source if isinstance(source, Document) else read_document(source)
    hints = {**doc.hints, **{k: v for k, v in (("kind", kind), ("region", region),
                                               ("year", year), ("period_end", period_end))
                             if v is not None}}
    if not isinstance(source, Document):
        hints = manifest_hints(source, {k: hints.get(k) for k in
                                        ("region", "year", "kind", "period_end")})
        hints = {k: v for k, v in hints.items() if v is not None}
    fr = frame(doc, **hints)
    nt = doc.normalized
    rows = []
    for s in fr.sections:
        a, b = nt.span_to_original(s.start, s.end)
        rows.append([a, b, s.heading, s.role, s.year, s.period_end, s.evidence,
                     *_policy_cells(fr, s.role, s.year, s.period_end)])
    out = pd.DataFrame(rows, columns=OUTLINE_COLUMNS)
    for c in ("year", "period_end", "fact_year", "fact_period_end"):
        out[c] = out[c].astype("Int64")
    out.attrs.update({
        "doc": doc.name, "kind": fr.kind, "kind_source": fr.kind_source,
        "plan_year": fr.plan_year, "year_source": fr.year_source,
        "period_end": fr.period_end, "period_source": fr.period_source,
        "region": fr.region, "region_source": fr.region_source,
    })
    return out
