"""Analysis core: attainment, pace (序时进度), year-end projection and ranking.

All functions are pure: tidy fact table in, tidy table out. They accept any
DataFrame with the core fact columns (region, year, indicator, role,
period_end, measure, value); provenance and region_code are optional.
"""

from __future__ import annotations

from .attainment import DEFAULT_TOLERANCE, attainment
from .pace import pace, required_rest_growth
from .project import MIN_REGION_YEARS, YearEndProjector, project
from .rank import composite_rank, level_of, parent_code, rank

__all__ = [
    "DEFAULT_TOLERANCE",
    "MIN_REGION_YEARS",
    "YearEndProjector",
    "attainment",
    "composite_rank",
    "level_of",
    "pace",
    "parent_code",
    "project",
    "rank",
    "required_rest_growth",
]
