"""Frame: decide each document's context (kind, region, plan year, period, sections).

The frame stage sits between segmentation and statements. It is the only
place where document context is decided, each decision with the words that
decided it; :mod:`govmetrics.resolve` then gives each figure its year, role
and period from the frame and the context policy (``context_policy.csv``).
"""

from ..model import DocFrame, Section
from ..vocabulary import period_in
from .build import KINDS, frame
from .cues import PolicyRow, policy
from .outline import OUTLINE_COLUMNS, outline
from .sections import find_sections, heading_role

__all__ = ["DocFrame", "KINDS", "OUTLINE_COLUMNS", "PolicyRow", "Section", "find_sections", "frame",
           "heading_role", "outline", "period_in", "policy"]
