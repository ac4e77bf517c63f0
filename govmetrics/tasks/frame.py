"""The public task table: :func:`tasks`."""

from __future__ import annotations

import os
from collections.abc import Iterable

import pandas as pd

from ..errors import DocumentError
from ..text.read import document_from_text, read_document
from .context import document_context
from .extract import task_rows

__all__ = ["TASK_COLUMNS", "TASK_DTYPES", "tasks", "tasks_text"]

#: Column order of the table returned by :func:`tasks`.
TASK_DTYPES: dict[str, str] = {
    "doc": "string", "region": "string", "region_code": "string", "year": "Int64",
    "item": "string", "section": "string", "subject": "string",
    "target_value": "float64", "target_unit": "string", "modifier": "string",
    "target_quote": "string", "target_char_start": "Int64", "target_char_end": "Int64",
    "actual_value": "float64", "actual_unit": "string", "period_end": "Int64",
    "estimate": "Int64", "actual_quote": "string", "actual_char_start": "Int64",
    "actual_char_end": "Int64", "completion_pct_reported": "float64",
    "completion_pct_computed": "float64", "lead_unit": "string",
    "responsible_units": "string", "rule": "string", "target_source": "string",
}
TASK_COLUMNS: list[str] = list(TASK_DTYPES)


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=TASK_COLUMNS)
    for c, t in TASK_DTYPES.items():
        if t == "float64":
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        elif t == "Int64":
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
        else:
            df[c] = df[c].astype("string")
    return df


def _paths(paths) -> list:
    from ..extract import _expand

    return _expand(paths)


def tasks(paths: str | os.PathLike | Iterable[str | os.PathLike], *,
          region: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Extract every quantified task target of bulletins and breakdowns.

    Parameters
    ----------
    paths : path or iterable of paths
        Files (plain text or HTML) or directories of them.
    region : str, optional
        Region to use where a document does not name its own.
    year : int, optional
        Plan year to use where a document does not state it.

    Returns
    -------
    pandas.DataFrame
        One row per task target (a figure shared by a list gives one row per
        member), with columns:

        - ``doc`` -- file name of the source document.
        - ``region``, ``region_code`` -- the document's region and its code.
        - ``year`` -- plan year.
        - ``item`` -- the item number printed in the document (``"10"``).
        - ``section`` -- the heading the item stands under.
        - ``subject`` -- what is counted, as written (e.g. ``5G基站``).
        - ``target_value`` -- the target in base units (a range: its lower bound).
        - ``target_unit`` -- base unit: ``count``, ``person``, ``mu``, ``ton``,
          ``yuan``, ``percent`` or ``other:<unit>`` (see ``task_units.csv``).
        - ``modifier`` -- ``point``, ``about``, ``at_least``, ``at_most`` or ``range``.
        - ``target_quote`` -- the clause that states the target, as written.
        - ``target_char_start``, ``target_char_end`` -- its offsets in the original text.
        - ``actual_value``, ``actual_unit`` -- the paired progress figure, in base units.
        - ``period_end`` -- last month the actual covers (year to date).
        - ``estimate`` -- 1 when the actual is stated as 预计.
        - ``actual_quote``, ``actual_char_start``, ``actual_char_end`` -- the
          clause that reports the actual and its offsets.
        - ``completion_pct_reported`` -- the completion share the document prints.
        - ``completion_pct_computed`` -- actual / target x 100, rounded half up to
          0.1, for amounts, counts, areas, lengths and weights (not for rates,
          growth rates, durations or ceilings).
        - ``lead_unit`` -- the lead unit (牵头单位) from a breakdown, or the sole
          responsible unit.
        - ``responsible_units`` -- responsible units (责任单位), joined by ``、``.
        - ``rule`` -- the pairing rule: ``subject_match``, ``restated_in_words``
          or ``zero_in_words``; empty when unpaired.
        - ``target_source`` -- ``task`` (the item's statement) or
          ``progress_label`` (a target printed in progress text after 目标/任务/指标).

    Raises
    ------
    DocumentError
        When a file is missing, empty, binary or undecodable (the message names it).

    Examples
    --------
    >>> t = tasks("data/raw/003_500ad30c4c1f596f.txt")  # doctest: +SKIP
    >>> t.query("item == '10'")[["subject", "target_value", "actual_value"]]  # doctest: +SKIP
    """
    rows: list[dict] = []
    for p in _paths(paths):
        doc = read_document(p, region=region, year=year)
        rows.extend(task_rows(doc, document_context(doc, region=region, year=year)))
    return _frame(rows)


def tasks_text(text: str, *, region: str | None = None, year: int | None = None,
               doc: str | None = None) -> pd.DataFrame:
    """Extract task targets from a string (columns as in :func:`tasks`).

    Examples
    --------
    >>> t = tasks_text("二、其他指标\\n10.新建5G基站500座。1-9月,新建5G基站764个。",
    ...                region="咸宁市", year=2022)
    >>> t[["item", "target_value", "actual_value", "period_end", "rule"]]
      item  target_value  actual_value  period_end           rule
    0   10         500.0         764.0           9  subject_match
    """
    if not isinstance(text, str):
        raise DocumentError(doc or "<text>", f"expected a str, got {type(text).__name__}")
    if not text.strip():
        return _frame([])
    d = document_from_text(text, name=doc or "<text>", region=region, year=year)
    return _frame(task_rows(d, document_context(d, region=region, year=year)))
