"""The kinds of document in a fact table's ``doc_kind`` column, in a module without pandas.

:mod:`govmetrics.schema` validates the column against them; the command line
offers them as the choices of ``--kind`` without loading pandas.
"""

from __future__ import annotations

#: The values of ``doc_kind``; ``unknown`` when a document does not tell.
DOC_KINDS = ("work_report", "progress_bulletin", "target_breakdown", "communique",
             "plan_report", "unknown")
