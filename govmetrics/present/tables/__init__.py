"""The comparison table and its writers.

:func:`comparison_table` turns a fact table into a long table, one row per
region, indicator and measure: unit, target with its modifier, actual and its
period, a gap signed so that positive is good, a status word, the reported
rank and a rank among peers. :func:`to_wide` pivots it to one row per region;
:func:`readable` gives the text cells that ``govmetrics table`` prints.

Writers: :func:`to_markdown`, :func:`to_latex` (a ``longtable``),
:func:`to_csv`, :func:`to_excel`, :func:`to_parquet` and :func:`to_stata`.
They never let a text cell be read as a spreadsheet formula.
"""

from __future__ import annotations

from ._shared import _headline_rows  # noqa: F401  (the multi-year table)
from .build import LONG_COLUMNS, VIEWS, comparison_table, default_year
from .display import RIGHT_ALIGNED, caption, footnotes, readable
from .units import display_unit
from .wide import VALUE_FIELDS, WIDE_FIELDS, to_long, to_wide
from .writers import (
    latex_escape,
    neutralise,
    to_csv,
    to_excel,
    to_latex,
    to_markdown,
    to_parquet,
    to_stata,
    to_text,
)

__all__ = [
    "LONG_COLUMNS",
    "RIGHT_ALIGNED",
    "VALUE_FIELDS",
    "VIEWS",
    "WIDE_FIELDS",
    "caption",
    "comparison_table",
    "default_year",
    "display_unit",
    "footnotes",
    "latex_escape",
    "neutralise",
    "readable",
    "to_csv",
    "to_excel",
    "to_latex",
    "to_long",
    "to_markdown",
    "to_parquet",
    "to_stata",
    "to_text",
    "to_wide",
]
