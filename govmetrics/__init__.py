"""govmetrics: what Chinese governments promise and report, as tidy data.

The public API is flat: everything a user needs is importable from here.
Data flows one way: read -> normalize -> segment -> frame -> statements ->
resolve -> tidy -> analysis -> present. ``python -m govmetrics`` runs the
command line.
"""

from __future__ import annotations

from . import (
    accessor,  # noqa: F401  (registers the df.gm accessor)
    datasets,  # bundled fact tables
    plot,  # charts; matplotlib is imported on the first chart
    tables,  # comparison table and writers
)
from .analysis import (
    YearEndProjector,
    accountability,
    accountability_detail,
    amplification,
    amplification_summary,
    attainment,
    composite_rank,
    pace,
    panel,
    panel_path,
    project,
    rank,
    ratchet,
    ratchet_summary,
)
from .errors import (
    AnalysisError,
    DocumentError,
    DocumentNotFoundError,
    GovmetricsError,
    ParameterError,
    SchemaError,
)
from .extract import DocumentWarning, extract, extract_document, extract_text, unplaced
from .frame import DocFrame, Section, frame, outline
from .history import multi_year_table
from .metadata import DocumentMeta, detect_metadata
from .normalize import NormalizedText, normalize
from .read import Document, document_from_text, read_document
from .regions import Region, lookup_region, region_parent, regions
from .resolve import resolve
from .schema import FACT_COLUMNS, empty_facts, validate_facts
from .suffixes import document_format, document_paths
from .tables import comparison_table, to_long, to_wide
from .tasks import TASK_COLUMNS, tasks, tasks_text
from .vocabulary import indicator_direction, indicator_names, indicators

__version__ = "0.1.0"

__all__ = [
    "AnalysisError",
    "DocumentError",
    "DocumentNotFoundError",
    "DocumentWarning",
    "ParameterError",
    "document_format",
    "document_paths",
    "FACT_COLUMNS",
    "GovmetricsError",
    "SchemaError",
    "empty_facts",
    "indicator_direction",
    "indicator_names",
    "indicators",
    "validate_facts",
    "attainment",
    "accountability",
    "accountability_detail",
    "pace",
    "project",
    "rank",
    "composite_rank",
    "YearEndProjector",
    "panel",
    "panel_path",
    "ratchet",
    "ratchet_summary",
    "amplification",
    "amplification_summary",
    "Document",
    "DocumentMeta",
    "NormalizedText",
    "Region",
    "detect_metadata",
    "normalize",
    "region_parent",
    "document_from_text",
    "extract",
    "extract_document",
    "extract_text",
    "frame",
    "outline",
    "resolve",
    "DocFrame",
    "Section",
    "lookup_region",
    "read_document",
    "regions",
    "unplaced",
    "tasks",
    "tasks_text",
    "TASK_COLUMNS",
    "comparison_table",
    "multi_year_table",
    "to_long",
    "to_wide",
    "datasets",
    "plot",
    "tables",
]
