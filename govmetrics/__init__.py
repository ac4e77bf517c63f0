"""govmetrics: what Chinese governments promise and report, as tidy data.

The public API is flat: everything a user needs is importable from here.
Data flows one way: read -> normalize -> segment -> statements -> tidy ->
analysis -> present.
"""

from __future__ import annotations

from .errors import AnalysisError, DocumentError, GovmetricsError, SchemaError
from .schema import FACT_COLUMNS, empty_facts, validate_facts
from .vocabulary import indicator_direction, indicator_names, indicators

__version__ = "0.1.0"

__all__ = [
    "AnalysisError",
    "DocumentError",
    "FACT_COLUMNS",
    "GovmetricsError",
    "SchemaError",
    "empty_facts",
    "indicator_direction",
    "indicator_names",
    "indicators",
    "validate_facts",
]
