"""Extraction: documents -> one tidy, validated row per fact.

Public functions: :func:`extract`, :func:`extract_text`, :func:`unplaced`
and :func:`extract_document`.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Iterator

import pandas as pd

from ._unplaced import (
    categorical,
    concat_unplaced,
    empty_unplaced,
)
from .errors import DocumentError, ParameterError
from .frame.manifest import manifest_hints
from .parallel import parallel
from .pipeline import _extract_rows, _frame, _unplaced_frame
from .schema import empty_facts, validate_facts
from .text.read import DEFAULT_MAX_BYTES, Document, check_hints, document_from_text, read_document
from .text.suffixes import document_paths

ON_ERROR = ("raise", "warn", "skip")


class DocumentWarning(UserWarning):
    """A document of a batch was skipped or could not be read (``on_error="warn"``).

    Attributes
    ----------
    path : str
        The file.
    reason : str
        Why it was not read.
    failed : bool
        True when reading failed; False when the file was skipped by its type.
    """

    def __init__(self, path: str, reason: str, failed: bool) -> None:
        self.path, self.reason, self.failed = path, reason, failed
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):  # noqa: ANN204 - picklable with its three arguments
        return (type(self), (self.path, self.reason, self.failed))


def extract_document(doc: Document, **hints) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Extract facts and unplaced numbers from a :class:`~govmetrics.text.read.Document`.

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
    rows, missed, runs = _extract_rows(doc, hints)
    facts = _frame(rows)
    del rows  # the rows' dicts are not needed beside the table
    return facts, _unplaced_frame(doc, missed, runs)


def _expand(paths) -> list:
    """The documents of ``paths`` by the suffix rules (for the task reader)."""
    return document_paths(paths)[0]


def _check_on_error(on_error: object) -> None:
    if on_error is not None and on_error not in ON_ERROR:
        raise ParameterError(f"on_error: expected one of {', '.join(ON_ERROR)}, got {on_error!r}")


def _report(path: str, reason: str, failed: bool, on_error: str, stacklevel: int = 5) -> None:
    """A file that is not read: raise, warn or nothing, as ``on_error`` says."""
    if on_error == "raise":
        raise DocumentError(path, reason)
    if on_error == "warn":
        warnings.warn(DocumentWarning(path, reason, failed), stacklevel=stacklevel)


def plan_documents(paths, on_error: str | None) -> tuple[list, str]:
    """The files of ``paths`` to read and the effective ``on_error``.

    Skipped files (by their type) and an input without documents are reported
    here, once, by ``on_error``. ``on_error=None``: ``"raise"`` for a single
    file, ``"warn"`` for a directory or several paths.
    """
    _check_on_error(on_error)
    files, skipped = document_paths(paths)
    if on_error is None:
        single = isinstance(paths, (str, os.PathLike)) and not os.path.isdir(paths)
        on_error = "raise" if single else "warn"
    for sk in skipped:
        _report(sk.path, sk.reason, False, on_error)
    if not files and not skipped:
        _report(str(paths), "no documents found", True, on_error)
    return files, on_error


def read_documents(files: Iterable, *, on_error: str, max_bytes, errors="strict"
                   ) -> Iterator[Document]:
    """Read each of ``files`` (from :func:`plan_documents`); failures follow ``on_error``."""
    for p in files:
        try:
            doc = read_document(p, max_bytes=max_bytes, errors=errors)
        except DocumentError as exc:
            if on_error == "raise":
                raise
            _report(exc.path, exc.problem, True, on_error)
            continue
        yield doc


def _documents(paths, *, on_error, max_bytes, errors="strict") -> Iterator[Document]:
    """Read each document of ``paths``; failures and skipped files follow ``on_error``."""
    files, on_error = plan_documents(paths, on_error)
    yield from read_documents(files, on_error=on_error, max_bytes=max_bytes, errors=errors)


def facts_of_files(files: list, hints: dict, *, on_error: str, max_bytes) -> pd.DataFrame:
    """The fact table of ``files`` read in this process, rows in file order (not validated)."""
    rows: list[dict] = []
    for doc in read_documents(files, on_error=on_error, max_bytes=max_bytes):
        rows.extend(_extract_rows(doc, manifest_hints(doc.path, hints), account=False)[0])
    return _frame(rows)


def unplaced_of_files(files: list, hints: dict, *, on_error: str, max_bytes) -> pd.DataFrame:
    """The unplaced numbers of ``files`` read in this process, in file order."""
    frames = [extract_document(doc, **manifest_hints(doc.path, hints))[1]
              for doc in read_documents(files, on_error=on_error, max_bytes=max_bytes)]
    return concat_unplaced(frames)


def extract(paths: str | os.PathLike | Iterable[str | os.PathLike], *,
            region: str | None = None, year: int | None = None, kind: str | None = None,
            period_end: int | None = None, validate: bool = True, on_error: str | None = None,
            max_bytes: int | None = DEFAULT_MAX_BYTES, workers: int | None = None,
            scheduler=None) -> pd.DataFrame:
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
    on_error : {"raise", "warn", "skip"}, optional
        What to do with a file that cannot be read (missing, empty, binary,
        undecodable, too large) or that a directory holds but is not a
        readable document (``.pdf``, ``.png``): ``"raise"`` a
        :class:`DocumentError`; ``"warn"`` (a :class:`DocumentWarning` per
        file, the others are read); ``"skip"`` silently. Default: ``"raise"``
        for a single file, ``"warn"`` for a directory or several paths.
    max_bytes : int or None
        Refuse files larger than this (default 64 MB, see
        :data:`govmetrics.text.read.DEFAULT_MAX_BYTES`); None: no limit.
    workers : int, optional
        Extract in this many local processes (Dask's processes scheduler),
        documents in chunks so that each process pays its start-up costs once.
        The result is the same table, rows in input order, as in one process;
        the warnings of the documents read in the workers are re-emitted here,
        in input order. Needs the ``dask`` extra.
    scheduler : str or distributed.Client, optional
        Extract on a ``dask.distributed`` cluster instead: a ``Client`` or a
        scheduler address such as ``"tcp://host:8786"`` (the workers must
        see the files at the same paths); or a Dask scheduler name
        (``"processes"``, ``"threads"``, ``"synchronous"``). See the
        guide page "Scale".

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
        - ``quote`` -- the original text from the clause start to the figure (a lone
          surrogate, possible in a Python str but not storable, reads U+FFFD).
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
        When a file is missing, empty, binary, too large or undecodable (the
        message names it), unless ``on_error`` says otherwise.
    ParameterError
        When a hint, ``on_error`` or ``max_bytes`` is invalid (the message
        names the parameter).

    Examples
    --------
    >>> facts = extract("data/raw/003_500ad30c4c1f596f.txt")  # doctest: +SKIP
    >>> facts.query("indicator == 'gdp'")[["role", "period_end", "measure", "value"]]  # doctest: +SKIP
    """
    hints = check_hints(region=region, year=year, kind=kind, period_end=period_end)
    if workers is not None or scheduler is not None:
        files, on_error = plan_documents(paths, on_error)
        out = parallel(facts_of_files, files, hints, empty=empty_facts(), on_error=on_error,
                       max_bytes=max_bytes, workers=workers, scheduler=scheduler)
        return validate_facts(out) if validate else out
    rows: list[dict] = []
    for doc in _documents(paths, on_error=on_error, max_bytes=max_bytes):
        rows.extend(_extract_rows(doc, manifest_hints(doc.path, hints), account=False)[0])
    return _frame(rows, validate)


def extract_text(text: str, *, region: str | None = None, year: int | None = None,
                 kind: str | None = None, period_end: int | None = None,
                 doc: str | None = None, html: bool = False,
                 max_bytes: int | None = DEFAULT_MAX_BYTES) -> pd.DataFrame:
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
    html : bool, default False
        Reduce ``text`` from HTML first. The text is never sniffed: without
        ``html=True``, ``text[char_start:char_end] == quote`` always holds.
    max_bytes : int or None
        Refuse text longer than this many characters (default 64 million).

    Returns
    -------
    pandas.DataFrame
        The fact table (columns as in :func:`extract`); empty when the text
        holds no headline figure.

    Raises
    ------
    ParameterError
        A hint of the wrong type or out of range (names the parameter).

    Examples
    --------
    >>> extract_text("2022年主要预期目标:地区生产总值增长8%左右。", region="咸宁市",
    ...              year=2022)[["indicator", "role", "value", "modifier"]]
      indicator    role  value modifier
    0       gdp  target    8.0    about
    """
    if not isinstance(text, str):
        raise DocumentError(doc or "<text>", f"expected a str, got {type(text).__name__}")
    hints = check_hints(region=region, year=year, kind=kind, period_end=period_end)
    if not text.strip():
        return empty_facts()
    try:
        d = document_from_text(text, name=doc or "<text>", html=html, max_bytes=max_bytes)
    except DocumentError:
        if html:  # markup only: no text, no facts
            return empty_facts()
        raise
    rows = _extract_rows(d, hints, account=False)[0]
    return _frame(rows)


def unplaced(paths, *, region: str | None = None, year: int | None = None,
             kind: str | None = None, period_end: int | None = None,
             on_error: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES,
             workers: int | None = None, scheduler=None) -> pd.DataFrame:
    """List every number the extractor saw but put in no record.

    Parameters
    ----------
    paths : path or iterable of paths
        As for :func:`extract`.
    region, year, kind, period_end, on_error, max_bytes, workers, scheduler : optional
        As for :func:`extract` (in parallel, the same rows in input order).

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
          figure, …), ``repeats_an_earlier_fact``, ``value_not_finite`` and
          ``value_out_of_range`` for a figure outside its measure's plausible
          range (``govmetrics/data/measure_ranges.csv``), ``watermark`` for
          digits of a watermark token that normalization removed.
        - ``sentence`` -- the sentence that holds it (at most 300 characters
          around the number).

        ``doc``, ``text``, ``reason`` and ``sentence`` are categorical
        (``category`` dtype: each distinct string is stored once, one small
        integer per number; a document can hold hundreds of thousands of
        numbers); their categories are the values present, sorted, also for
        several documents or ``workers``. ``u["text"].astype(str)`` gives plain
        strings. In ``text`` and ``sentence`` a lone surrogate (possible in
        a Python str, not storable) reads U+FFFD, as in a fact's ``quote``.

    Examples
    --------
    >>> u = unplaced("data/raw")  # doctest: +SKIP
    >>> u.reason.value_counts().head()  # doctest: +SKIP
    """
    hints = check_hints(region=region, year=year, kind=kind, period_end=period_end)
    files, on_error = plan_documents(paths, on_error)
    if workers is not None or scheduler is not None:
        return categorical(parallel(unplaced_of_files, files, hints, empty=empty_unplaced(),
                                    on_error=on_error, max_bytes=max_bytes, workers=workers,
                                    scheduler=scheduler))
    return unplaced_of_files(files, hints, on_error=on_error, max_bytes=max_bytes)
