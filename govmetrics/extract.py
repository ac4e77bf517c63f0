"""Extraction: documents -> one tidy, validated row per fact.

Public functions: :func:`extract`, :func:`extract_text`, :func:`unplaced`
and :func:`extract_document`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .errors import DocumentError
from .read import Document, document_from_text, read_document
from .regions import lookup_region
from .schema import FACT_COLUMNS, coerce_facts, empty_facts, validate_facts
from .statements import DocContext, Fact, Unplaced, find_statements

_TEXT_SUFFIXES = {".txt", ".htm", ".html", ".text", ".md", ""}

UNPLACED_COLUMNS = ["doc", "char_start", "char_end", "text", "reason", "sentence"]


def _region_name(name: str) -> str | None:
    r = lookup_region(name)
    return r.name if r is not None else None


def _context(doc: Document) -> DocContext:
    meta = doc.meta
    head = doc.text[:3000]
    has_targets = any(w in head for w in ("目标", "政府工作报告", "预期", "任务"))
    return DocContext(kind=meta.kind or "unknown", year=meta.year, period_end=meta.period_end,
                      region=meta.region, has_targets=has_targets)


def _fact_rows(doc: Document, facts: list[Fact], dropped: list[Unplaced]) -> list[dict]:
    """Rows of the fact table for one document; repeated facts go to ``dropped``."""
    meta = doc.meta
    nt = doc.normalized
    rows = []
    seen: set[tuple] = set()
    for f in facts:
        region = f.region or meta.region
        key = (region, f.year, f.indicator, f.role, f.period_end, f.measure,
               None if f.value is None else round(f.value, 6), f.modifier if f.value is None else "")
        if key in seen:
            # a fact stated twice is one row (the first statement); the repeat is unplaced
            dropped.append(Unplaced(f.value_start, f.value_end, doc.text[f.value_start:f.value_end],
                                    "repeats_an_earlier_fact"))
            continue
        seen.add(key)
        s, e = nt.span_to_original(f.start, f.end)
        if f.region and f.region != meta.region:
            r = lookup_region(f.region)
            code = r.code if r is not None else None
            level = r.level if r is not None else None
        else:
            code, level = meta.region_code, meta.level
        rows.append({
            "doc": doc.name, "region": region, "year": f.year, "indicator": f.indicator,
            "role": f.role, "period_end": f.period_end, "measure": f.measure, "value": f.value,
            "low": f.low, "high": f.high, "stretch": f.stretch, "modifier": f.modifier,
            "estimate": f.estimate, "quote": doc.original[s:e], "char_start": s, "char_end": e,
            "region_code": code, "level": level, "doc_kind": meta.kind, "unit": f.unit,
        })
    return rows


def _frame(rows: list[dict]) -> pd.DataFrame:
    return coerce_facts(pd.DataFrame(rows, columns=FACT_COLUMNS)) if rows else empty_facts()


def _extract_rows(doc: Document, *, account: bool = True) -> tuple[list[dict], list[Unplaced]]:
    """The one pipeline: statements, then rows; returns rows and unplaced numbers.

    With ``account=False`` the digits that no rule looked at are not listed
    (:func:`extract` returns no unplaced numbers, so it does not ask).
    """
    facts, missed = find_statements(doc.text, _context(doc), _region_name, account=account)
    dropped: list[Unplaced] = []
    rows = _fact_rows(doc, facts, dropped)
    return rows, sorted(missed + dropped, key=lambda u: u.start)


def extract_document(doc: Document) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Extract facts and unplaced numbers from a :class:`~govmetrics.read.Document`.

    Parameters
    ----------
    doc : Document
        A document from :func:`govmetrics.read_document`.

    Returns
    -------
    facts : pandas.DataFrame
        The fact table (columns: see :func:`extract`).
    unplaced : pandas.DataFrame
        Numbers seen but not placed (columns: see :func:`unplaced`).
    """
    rows, missed = _extract_rows(doc)
    return _frame(rows), _unplaced_frame(doc, missed)


def _unplaced_frame(doc: Document, missed: list[Unplaced]) -> pd.DataFrame:
    nt = doc.normalized
    orig = doc.original
    rows = []
    for u in missed:
        s, e = nt.span_to_original(u.start, u.end)
        # the sentence as written in the original (traditional script stays traditional)
        a = max(orig.rfind(c, 0, s) for c in "。！？\n") + 1
        ends = [i for i in (orig.find(c, e) for c in "。！？\n") if i >= 0]
        b = min(ends) + 1 if ends else len(orig)
        rows.append({"doc": doc.name, "char_start": s, "char_end": e,
                     "text": orig[s:e], "reason": u.reason, "sentence": orig[a:b].strip()})
    return pd.DataFrame(rows, columns=UNPLACED_COLUMNS)


def _expand(paths) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files = sorted(q for q in p.iterdir() if q.is_file() and q.suffix.lower() in _TEXT_SUFFIXES
                           and not q.name.startswith("."))
            if not files:
                raise DocumentError(p, "directory holds no .txt or .html documents")
            out.extend(files)
        else:
            out.append(p)
    if not out:
        raise DocumentError("<paths>", "no documents given")
    return out


def extract(paths: str | os.PathLike | Iterable[str | os.PathLike], *,
            region: str | None = None, year: int | None = None,
            validate: bool = True) -> pd.DataFrame:
    """Extract every headline target and actual from documents.

    Parameters
    ----------
    paths : path or iterable of paths
        Files (plain text in UTF-8/GB18030, or HTML) or directories of them.
    region : str, optional
        Region to use where a document does not name its own (e.g. ``"咸宁市"``).
    year : int, optional
        Plan year to use where a document does not state it.
    validate : bool, default True
        Validate the result against the fact-table schema.

    Returns
    -------
    pandas.DataFrame
        One row per fact, with columns:

        - ``doc`` -- file name of the source document.
        - ``region`` -- canonical simplified name of the region the figure is about.
        - ``year`` -- plan year the figure belongs to.
        - ``indicator`` -- canonical indicator id (see ``govmetrics.indicators()``).
        - ``role`` -- ``target`` or ``actual``.
        - ``period_end`` -- last month covered, year to date (targets: 12).
        - ``measure`` -- ``growth_pct``, ``level``, ``rate``, ``completion_pct`` or ``rank``.
        - ``value`` -- the figure in base units (yuan, persons, percent, rank).
        - ``low``, ``high`` -- bounds of a range target.
        - ``stretch`` -- the 力争 figure accompanying a base target.
        - ``modifier`` -- ``point``, ``about``, ``at_least``, ``at_most``, ``range``, ``synced``.
        - ``estimate`` -- 1 when stated as 预计.
        - ``quote`` -- the original text from the clause start to the figure.
        - ``char_start``, ``char_end`` -- offsets of ``quote`` in the original text.
        - ``region_code`` -- 6-digit administrative code of ``region``.
        - ``level`` -- ``national``, ``province``, ``prefecture`` or ``county``.
        - ``doc_kind`` -- work_report, progress_bulletin, target_breakdown, communique,
          plan_report or unknown.
        - ``unit`` -- base unit of ``value``: yuan, person, percent or rank.

    Raises
    ------
    DocumentError
        When a file is missing, empty, binary or undecodable (the message names it).

    Examples
    --------
    >>> facts = extract("data/raw/003_500ad30c4c1f596f.txt")  # doctest: +SKIP
    >>> facts.query("indicator == 'gdp'")[["role", "period_end", "measure", "value"]]  # doctest: +SKIP
    """
    rows: list[dict] = []
    for p in _expand(paths):
        doc = read_document(p, region=region, year=year)
        rows.extend(_extract_rows(doc, account=False)[0])
    out = _frame(rows)
    return validate_facts(out) if validate else out


def extract_text(text: str, *, region: str | None = None, year: int | None = None,
                 doc: str | None = None) -> pd.DataFrame:
    """Extract facts from a string.

    Parameters
    ----------
    text : str
        Document text (any script; normalized internally).
    region, year : optional
        Defaults used where the text does not name its region or year.
    doc : str, optional
        Label written into the ``doc`` column.

    Returns
    -------
    pandas.DataFrame
        The fact table (columns as in :func:`extract`); empty when the text
        holds no headline figure.

    Examples
    --------
    >>> extract_text("2022年主要预期目标:地区生产总值增长8%左右。", region="咸宁市",
    ...              year=2022)[["indicator", "role", "value", "modifier"]]
      indicator    role  value modifier
    0       gdp  target    8.0    about
    """
    if not isinstance(text, str):
        raise DocumentError(doc or "<text>", f"expected a str, got {type(text).__name__}")
    if not text.strip():
        return empty_facts()
    d = document_from_text(text, name=doc or "<text>", region=region, year=year)
    return extract_document(d)[0]


def unplaced(paths, *, region: str | None = None, year: int | None = None) -> pd.DataFrame:
    """List every number the extractor saw but put in no record.

    Parameters
    ----------
    paths : path or iterable of paths
        As for :func:`extract`.
    region, year : optional
        As for :func:`extract`.

    Returns
    -------
    pandas.DataFrame
        Columns:

        - ``doc`` -- file name.
        - ``char_start``, ``char_end`` -- position of the number in the original text.
        - ``text`` -- the number as written (with its unit, if any).
        - ``reason`` -- why it is not a record (``no_indicator``, ``not_a_headline_indicator``,
          ``percentage_without_growth_word``, ``marker_or_name`` for dates and item
          numbers, ``no_headline_indicator`` for a line the rules did not read because
          it names no headline indicator and cannot take one from the line before:
          that line names none either, or no sentence of this one starts with its
          figure, …).
        - ``sentence`` -- the sentence that holds it.

    Examples
    --------
    >>> u = unplaced("data/raw")  # doctest: +SKIP
    >>> u.reason.value_counts().head()  # doctest: +SKIP
    """
    frames = []
    for p in _expand(paths):
        doc = read_document(p, region=region, year=year)
        frames.append(extract_document(doc)[1])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=UNPLACED_COLUMNS)
