"""Analysis core: attainment, pace (序时进度), year-end projection, ranking, and
across years and levels: panel, ratchet and target amplification.

All functions are pure: tidy fact table in, tidy table out. They accept any
DataFrame with the core fact columns (region, year, indicator, role,
period_end, measure, value); provenance and region_code are optional.
"""

from __future__ import annotations

from .accountability import accountability, accountability_detail
from .amplification import LEVELS, amplification, amplification_summary
from .attainment import DEFAULT_TOLERANCE, attainment
from .pace import pace, required_rest_growth
from .panel import is_panel, panel, panel_path, target_point
from .project import MIN_REGION_YEARS, YearEndProjector, project
from .rank import composite_rank, level_of, parent_code, rank
from .ratchet import ratchet, ratchet_summary

__all__ = [
    "DEFAULT_TOLERANCE",
    "LEVELS",
    "MIN_REGION_YEARS",
    "YearEndProjector",
    "accountability",
    "accountability_detail",
    "amplification",
    "amplification_summary",
    "attainment",
    "composite_rank",
    "is_panel",
    "level_of",
    "pace",
    "panel",
    "panel_path",
    "parent_code",
    "project",
    "rank",
    "ratchet",
    "ratchet_summary",
    "required_rest_growth",
    "target_point",
]
