"""One document through the pipeline: frame, statements, resolve, then the rows of its facts.

:func:`_extract_rows` is the one pipeline every entry point of
:mod:`govmetrics.extract` runs per document; it returns the fact rows and
the numbers it could not place.
"""

from __future__ import annotations

import csv
import gc
import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources

import pandas as pd

from ._unplaced import (
    storable,
    unplaced_spans,
    unplaced_table,
)
from .frame import DocFrame, frame
from .resolve import resolve_each, settle_milestones
from .responsibility import owner_note
from .schema import FACT_COLUMNS, check_columns, empty_facts, fact_columns
from .statements import Fact, Unplaced, find_statements
from .statements.finder import DigitRuns, find_statements_and_runs
from .text.read import Document
from .text.regions import lookup_region, region_ancestor

#: Longest ``quote`` kept: a quote runs from the clause start to the figure,
#: and a clause with no punctuation can be a whole line.
QUOTE_MAX = 200


@cache
def _plausible() -> dict[str, tuple[float, float]]:
    """Plausible value range of each measure (``data/measure_ranges.csv``)."""
    text = (resources.files("govmetrics").joinpath("data").joinpath("measure_ranges.csv")
            .read_text(encoding="utf-8"))
    return {r["measure"]: (float(r["low"]), float(r["high"]))
            for r in csv.DictReader(io.StringIO(text))}


def _implausible(f: Fact) -> str | None:
    """Why a fact's figures cannot be right (not finite, out of range), or None."""
    low, high = _plausible().get(f.measure, (-math.inf, math.inf))
    for v in (f.value, f.low, f.high, f.stretch):
        # NaN and infinities fail the comparison too (the ranges are finite)
        if v is not None and not low <= v <= high:
            return "value_out_of_range" if math.isfinite(v) else "value_not_finite"
    return None




def _region_name(name: str) -> str | None:
    r = lookup_region(name)
    return r.name if r is not None else None


def _parent_region(fr: DocFrame, level: str) -> str | None:
    """The name of the document region's ancestor at ``level`` (全县增长6.2%(全市5.8%))."""
    reg = region_ancestor(fr.region_code, level) if fr.region_code else None
    return reg.name if reg is not None else None


def _frame_of(doc: Document, hints: dict) -> DocFrame:
    """The document's frame, with the caller's hints (those given to read, then these)."""
    merged = {**doc.hints, **{k: v for k, v in hints.items() if v is not None}}
    return frame(doc, kind=merged.get("kind"), region=merged.get("region"),
                 year=merged.get("year"), period_end=merged.get("period_end"))


def _fact_rows(doc: Document, fr: DocFrame, facts: list[Fact],
               dropped: list[Unplaced] | None, seen: set[tuple] | None = None,
               notes: dict | None = None) -> list[dict]:
    """Rows of the fact table for one document; repeated facts go to ``dropped``.

    ``seen`` (the keys of the facts already made rows) and ``notes`` (the unit
    notes of the lines read, by line start) carry over when a document's
    facts come in batches; ``dropped=None`` keeps no records.
    """
    nt = doc.normalized
    rows = []
    seen = set() if seen is None else seen
    notes = {} if notes is None else notes
    for f in facts:
        why = _implausible(f)
        if why is not None:
            _drop(doc, dropped, f, why)
            continue
        region = f.region or fr.region
        if region and region.startswith("^"):
            region = _parent_region(fr, region[1:])
            if region is None:
                _drop(doc, dropped, f, "parent_region_unknown")
                continue
            f.region = region
        key = (region, f.year, f.indicator, f.role, f.period_end, f.measure,
               None if f.value is None else round(f.value, 6), f.modifier if f.value is None else "")
        if key in seen:
            # a fact stated twice is one row (the first statement); the repeat is unplaced
            _drop(doc, dropped, f, "repeats_an_earlier_fact")
            continue
        seen.add(key)
        s, e = nt.span_to_original(f.start, f.end)
        s = max(s, e - QUOTE_MAX)
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
            "estimate": int(f.estimate), "quote": storable(doc.original[s:e]), "char_start": s, "char_end": e,
            "region_code": code, "level": level, "doc_kind": fr.kind, "unit": f.unit,
            "year_source": f.year_source, "role_source": f.role_source,
            "period_source": f.period_source, "rule": f.rule,
            **_owners(doc.text, notes, f.value_start),
        })
    return rows


def _drop(doc: Document, dropped: list[Unplaced] | None, f: Fact, reason: str) -> None:
    """Record the figure of ``f`` as unplaced for ``reason`` (unless no records are kept)."""
    if dropped is not None:
        dropped.append(Unplaced(f.value_start, f.value_end, doc.text[f.value_start:f.value_end],
                                reason))


class _RowSink:
    """Drafts to rows a batch at a time, as the statement finder reads a document.

    Each batch is resolved; the facts settled (no exact figure of a milestone
    can still follow, :func:`~govmetrics.resolve.settle_milestones`) become
    rows, the others wait for the next batch. The result is the rows and the
    records that :func:`~govmetrics.resolve.resolve` and :func:`_fact_rows`
    give on all the drafts at once.
    """

    def __init__(self, doc: Document, fr: DocFrame, keep_records: bool) -> None:
        self.doc, self.fr = doc, fr
        self.rows: list[dict] = []
        self.dropped: list[Unplaced] | None = [] if keep_records else None
        self.pending: list[Fact] = []
        self.seen: set[tuple] = set()
        self.notes: dict = {}

    def __call__(self, drafts: list[Fact], read_to: int) -> None:
        """Take a batch of drafts; every later draft's figure starts at or after ``read_to``."""
        facts, dropped = resolve_each(drafts, self.fr)
        self.pending += facts
        done = read_to >= len(self.doc.text)
        keep, gone, self.pending = settle_milestones(self.pending, None if done else read_to)
        if self.dropped is not None:
            for u in (*dropped, *gone):
                u.text = self.doc.text[u.start:u.end]
            self.dropped += dropped + gone
        self.rows.extend(_fact_rows(self.doc, self.fr, keep, self.dropped, self.seen,
                                    self.notes))


def _owners(text: str, notes: dict, pos: int) -> dict:
    """Lead and responsible units of the breakdown note that owns the figure at ``pos``."""
    n = owner_note(text, pos, notes)
    return {} if n is None else {"lead_unit": n.lead_unit, "responsible_units": n.responsible_units}


def _frame(rows: list[dict], validate: bool = False) -> pd.DataFrame:
    """The fact table of ``rows``; with ``validate``, its columns are checked first (once)."""
    if not rows:
        return empty_facts()
    cols = fact_columns(rows)
    if validate:
        check_columns(cols)
    return pd.DataFrame(cols, columns=FACT_COLUMNS, copy=False)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one document is read, then restore it.

    The pipeline from frame to rows builds many small objects (matches,
    tokens, drafts) and no reference cycles, so a collection during it finds
    nothing to free but walks every object alive in the process: on a
    fact-dense input about a fifth of the time (``benchmarks/adversarial.py``).
    Reference counting frees everything as usual; a collector that was
    already off stays off. ``tests/test_extract.py`` checks that reading a
    document leaves no cyclic garbage.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _extract_rows(doc: Document, hints: dict | None = None, *, account: bool = True
                  ) -> tuple[list[dict], list[Unplaced], DigitRuns | None]:
    """The one pipeline: frame, statements, resolve, then rows; returns rows and unplaced numbers.

    The unplaced numbers are the records of the rules (sorted by start) and,
    with ``account=True``, the digit runs no rule looked at, as arrays
    (:func:`extract` returns no unplaced numbers, so it does not ask).
    """
    with collector_paused():
        return _pipeline(doc, hints or {}, account)


def _pipeline(doc: Document, hints: dict, account: bool
              ) -> tuple[list[dict], list[Unplaced], DigitRuns | None]:
    """:func:`_extract_rows` without the pause of the cyclic garbage collector."""
    fr = _frame_of(doc, hints)
    sink = _RowSink(doc, fr, keep_records=account)
    if account:
        _, missed, runs = find_statements_and_runs(doc.text, fr.region, _region_name,
                                                   spans=fr.line_spans, sink=sink)
    else:
        find_statements(doc.text, fr.region, _region_name, account=False, spans=fr.line_spans,
                        sink=sink, keep_unplaced=False)
        missed, runs = [], None
    return sink.rows, missed + (sink.dropped or []), runs


def _unplaced_frame(doc: Document, missed: list[Unplaced], runs: DigitRuns | None = None
                    ) -> pd.DataFrame:
    """The unplaced table: ``missed`` and ``runs`` in order of start, then removed digits.

    Columns are built from arrays: no Python object per number (see
    :mod:`govmetrics._unplaced`).
    """
    spans = unplaced_spans(doc.normalized, missed, runs)
    return unplaced_table(doc.name, doc.normalized, doc.original, *spans)
