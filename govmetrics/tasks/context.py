"""Document context for the task extractor: region, year, kind, period.

This is the one place the task package asks for document context, so that
the decision can later move to another stage without touching the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..metadata import detect_metadata
from ..read import Document
from ..regions import lookup_region

__all__ = ["TaskContext", "document_context"]


@dataclass(frozen=True, slots=True)
class TaskContext:
    """What the task rules need to know about a document.

    Attributes
    ----------
    region, region_code : str or None
        The document's region (canonical simplified name) and its code.
    year : int or None
        Plan year.
    kind : str
        Document kind (``progress_bulletin``, ``target_breakdown``, ...).
    period_end : int or None
        Last month the document reports on; the default period of its actuals.
    """

    region: str | None
    region_code: str | None
    year: int | None
    kind: str
    period_end: int | None


def document_context(doc: Document, *, region: str | None = None,
                     year: int | None = None) -> TaskContext:
    """Detect the context of ``doc``; ``region``/``year`` fill what it does not state.

    Examples
    --------
    >>> from govmetrics.read import document_from_text
    >>> d = document_from_text("关于2022年重点工作三季度进展情况的通报\\n1.新建500座。", name="x")
    >>> c = document_context(d, region="咸宁市", year=2022)
    >>> c.region, c.region_code, c.year, c.kind, c.period_end
    ('咸宁市', '421200', 2022, 'progress_bulletin', 9)
    """
    meta = detect_metadata(doc.text, name=doc.name)
    reg_name = meta.region or region
    code = meta.region_code
    if reg_name is not None and code is None:
        r = lookup_region(reg_name)
        reg_name, code = (r.name, r.code) if r is not None else (reg_name, None)
    return TaskContext(reg_name, code, meta.year or year, meta.kind or "unknown", meta.period_end)
