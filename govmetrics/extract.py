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
from .frame import DocFrame, frame
from .frame.manifest import manifest_hints
from .read import Document, document_from_text, read_document
from .regions import lookup_region
from .resolve import resolve
from .responsibility import owner_note
from .schema import FACT_COLUMNS, coerce_facts, empty_facts, validate_facts
from .statements import Fact, Unplaced, find_statements

_TEXT_SUFFIXES = {".txt", ".htm", ".html", ".text", ".md", "", ".pdf", ".docx"}

UNPLACED_COLUMNS = ["doc", "char_start", "char_end", "text", "reason", "sentence"]


def _region_name(name: str) -> str | None:
    r = lookup_region(name)
    return r.name if r is not None else None


def _frame_of(doc: Document, hints: dict) -> DocFrame:
    """The document's frame, with the caller's hints (those given to read, then these)."""
    merged = {**doc.hints, **{k: v for k, v in hints.items() if v is not None}}
    return frame(doc, kind=merged.get("kind"), region=merged.get("region"),
                 year=merged.get("year"), period_end=merged.get("period_end"))


def _fact_rows(doc: Document, fr: DocFrame, facts: list[Fact],
               dropped: list[Unplaced]) -> list[dict]:
    """Rows of the fact table for one document; repeated facts go to ``dropped``."""
    nt = doc.normalized
    rows = []
    seen: set[tuple] = set()
    notes: dict = {}  # the unit notes of the lines read, by line start
    for f in facts:
        region = f.region or fr.region
        key = (region, f.year, f.indicator, f.role, f.period_end, f.measure,
               None if f.value is None else round(f.value, 6), f.modifier if f.value is None else "")
        if key in seen:
            # a fact stated twice is one row (the first statement); the repeat is unplaced
            dropped.append(Unplaced(f.value_start, f.value_end, doc.text[f.value_start:f.value_end],
                                    "repeats_an_earlier_fact"))
            continue
        seen.add(key)
        s, e = nt.span_to_original(f.start, f.end)
        if f.region and f.region != fr.region:
            r = lookup_region(f.region)
            code = r.code if r is not None else None
            level = r.level if r is not None else None
        else:
            code, level = fr.region_code, fr.level
        rows.append({
            "doc": doc.name, "region": region, "year": f.year, "indicator": f.indicator,
            "role": f.role, "period_end": f.period_end, "measure": f.measure, "value": f.value,
            "low": f.low, "high": f.high, "stretch": f.stretch, "modifier": f.modifier,
            "estimate": f.estimate, "quote": doc.original[s:e], "char_start": s, "char_end": e,
            "region_code": code, "level": level, "doc_kind": fr.kind, "unit": f.unit,
            "year_source": f.year_source, "role_source": f.role_source,
            "period_source": f.period_source, "rule": f.rule,
            **_owners(doc.text, notes, f.value_start),
        })
    return rows


def _owners(text: str, notes: dict, pos: int) -> dict:
    """Lead and responsible units of the breakdown note that owns the figure at ``pos``."""
    n = owner_note(text, pos, notes)
    return {} if n is None else {"lead_unit": n.lead_unit, "responsible_units": n.responsible_units}


def _frame(rows: list[dict]) -> pd.DataFrame:
    return coerce_facts(pd.DataFrame(rows, columns=FACT_COLUMNS)) if rows else empty_facts()


def _extract_rows(doc: Document, hints: dict | None = None, *, account: bool = True
                  ) -> tuple[list[dict], list[Unplaced]]:
    """The one pipeline: frame, statements, resolve, then rows; returns rows and unplaced numbers.

    With ``account=False`` the digits that no rule looked at are not listed
    (:func:`extract` returns no unplaced numbers, so it does not ask).
    """
    fr = _frame_of(doc, hints or {})
    drafts, missed = find_statements(doc.text, fr.region, _region_name, account=account,
                                     spans=fr.line_spans)
    facts, dropped = resolve(drafts, fr)
    for u in dropped:
        u.text = doc.text[u.start:u.end]
    rows = _fact_rows(doc, fr, facts, dropped)
    return rows, sorted(missed + dropped, key=lambda u: u.start)


def extract_document(doc: Document, **hints) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Extract facts and unplaced numbers from a :class:`~govmetrics.read.Document`.

    Parameters
    ----------
    doc : Document
        A document from :func:`govmetrics.read_document`.
    **hints
        ``kind``, ``region``, ``year``, ``period_end``: as for :func:`extract`.

    Returns
    -------
    facts : pandas.DataFrame
        The fact table (columns: see :func:`extract`).
    unplaced : pandas.DataFrame
        Numbers seen but not placed (columns: see :func:`unplaced`).
    """
    rows, missed = _extract_rows(doc, hints)
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
            region: str | None = None, year: int | None = None, kind: str | None = None,
            period_end: int | None = None, validate: bool = True) -> pd.DataFrame:
    """Extract every headline target and actual from documents.

    Parameters
    ----------
    paths : path or iterable of paths
        Files (plain text in UTF-8/GB18030, or HTML) or directories of them.
    region : str, optional
        Region to use where a document does not name its own: a name
        (``"咸宁市"``), a name with its parent (``"深圳市龙华区"``) or a 6-digit
        code. An ambiguous short name is resolved by a parent the text names;
        failing that it is kept as written, without a code, with a warning
        naming the candidates.
    year : int, optional
        The document's plan year, used where the document does not state it:
        the year a work report plans for (its reviewed figures get the year
        before), or the year a bulletin or communique reports on.
    kind : str, optional
        Document kind to use where the text does not tell (``work_report``,
        ``plan_report``, ``progress_bulletin``, ``communique``,
        ``target_breakdown``).
    period_end : int, optional
        Last month reported, where the title and head do not say (1-12).
        A ``MANIFEST.csv`` beside the documents (columns ``doc``, ``region``,
        ``year``, ``doc_type``; as ``data/raw/MANIFEST.csv``) supplies these
        hints for the files it lists, where the arguments do not.
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
        - ``year_source``, ``role_source``, ``period_source`` -- what decided the
          year, role and period: ``sentence:…`` (the sentence's words),
          ``heading:…`` / ``opener:…`` (the section), ``title:…`` / ``head:…``
          (the document), ``hint:…`` (the caller), ``default:…``.
          ``->`` joins a section to what the context policy made of it.
        - ``rule`` -- the name of the statement rule that produced the row.
        - ``lead_unit`` -- in a breakdown (责任分解方案), the lead unit (牵头单位)
          named after the figure, or its sole responsible unit; else empty.
        - ``responsible_units`` -- the responsible units (责任单位) named after
          the figure, joined by ``、``; else empty.

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
    hints = {"region": region, "year": year, "kind": kind, "period_end": period_end}
    for p in _expand(paths):
        doc = read_document(p)
        rows.extend(_extract_rows(doc, manifest_hints(p, hints), account=False)[0])
    out = _frame(rows)
    return validate_facts(out) if validate else out


def extract_text(text: str, *, region: str | None = None, year: int | None = None,
                 kind: str | None = None, period_end: int | None = None,
                 doc: str | None = None) -> pd.DataFrame:
    """Extract facts from a string.

    Parameters
    ----------
    text : str
        Document text (any script; normalized internally).
    region, year, kind, period_end : optional
        Hints used where the text does not say (as for :func:`extract`;
        ``year`` is the plan year).
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
    d = document_from_text(text, name=doc or "<text>")
    rows, _ = _extract_rows(d, {"region": region, "year": year, "kind": kind,
                                "period_end": period_end}, account=False)
    return _frame(rows)


def unplaced(paths, *, region: str | None = None, year: int | None = None,
             kind: str | None = None, period_end: int | None = None) -> pd.DataFrame:
    """List every number the extractor saw but put in no record.

    Parameters
    ----------
    paths : path or iterable of paths
        As for :func:`extract`.
    region, year, kind, period_end : optional
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
        doc = read_document(p)
        h = manifest_hints(p, {"region": region, "year": year, "kind": kind,
                                "period_end": period_end})
        frames.append(extract_document(doc, **h)[1])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=UNPLACED_COLUMNS)
