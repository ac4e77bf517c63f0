"""Document context for the task extractor: region, year, kind, period.

This is the one place the task package asks for document context: it takes
it from the frame stage (:func:`govmetrics.frame.frame`), where the fact table
takes its own, so a document's kind, region, plan year and period are decided
once for both.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from ..frame import frame
from ..text.read import Document

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
    >>> from govmetrics.text.read import document_from_text
    >>> d = document_from_text("关于2022年重点工作三季度进展情况的通报\\n1.新建500座。", name="x")
    >>> c = document_context(d, region="咸宁市", year=2022)
    >>> c.region, c.region_code, c.year, c.kind, c.period_end
    ('咸宁市', '421200', 2022, 'progress_bulletin', 9)
    """
    hints = {k: v for k, v in {**doc.hints, "region": region, "year": year}.items()
             if v is not None}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the fact table's frame warns about hints already
        fr = frame(doc, **hints)
    return TaskContext(fr.region, fr.region_code, fr.plan_year, fr.kind, fr.period_end)
