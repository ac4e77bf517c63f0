"""The frame's vocabularies: section cues, kind cues, period words and the context policy.

All are CSV files in ``govmetrics/data``; this module only compiles them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..text.patterns import is_literal, required_words
from ..vocabulary import period_words, read_vocabulary

__all__ = ["SectionCue", "KindCue", "PolicyRow", "section_cues", "kind_cues", "period_words",
           "policy"]


@dataclass(frozen=True, slots=True)
class SectionCue:
    """A row of ``section_cues.csv``: words that start a section of a role."""

    pattern: re.Pattern[str]
    role: str
    position: str  # heading: a short line of its own; opener: the start of a sentence


@dataclass(frozen=True, slots=True)
class KindCue:
    """A row of ``kind_cues.csv``: words that say what kind of document this is."""

    pattern: re.Pattern[str]
    kind: str
    where: str  # title or head
    words: tuple[str, ...] = ()  # one of them is in every match (empty: no fast test)
    overrides: frozenset[str] = frozenset()  # title kinds this cue beats


@dataclass(frozen=True, slots=True)
class PolicyRow:
    """A row of ``context_policy.csv``: the context a section of a kind gives a figure.

    ``year`` is ``plan_year`` or ``plan_year-1``; ``period_end`` is ``12`` or
    ``document`` (the document's reporting period); ``item_head_role`` is the
    role of an item's first sentence that names no period ("" when the rule
    does not apply); ``plan_year_role`` is the role of a figure whose
    sentence names the plan year (in an annual report, the plan year's
    figures are targets).
    """

    kind: str
    section_role: str
    fact_role: str
    year: str
    period_end: str
    item_head_role: str
    plan_year_role: str = ""

    @property
    def year_offset(self) -> int:
        """0 for ``plan_year``, -1 for ``plan_year-1``."""
        return -1 if self.year == "plan_year-1" else 0


@cache
def section_cues() -> tuple[SectionCue, ...]:
    """The rows of ``section_cues.csv``, in priority order (first match wins)."""
    return tuple(SectionCue(re.compile(r["pattern"]), r["role"], r["position"])
                 for r in read_vocabulary("section_cues.csv"))


@cache
def kind_cues() -> tuple[KindCue, ...]:
    """The rows of ``kind_cues.csv``, in priority order."""
    out = []
    for r in read_vocabulary("kind_cues.csv"):
        words = required_words(r["pattern"])
        fast = tuple(words) if words and all(is_literal(w) for w in words) else ()
        beats = frozenset(k for k in r["overrides"].split("|") if k)
        out.append(KindCue(re.compile(r["pattern"]), r["kind"], r["where"], fast, beats))
    return tuple(out)


@cache
def policy() -> dict[tuple[str, str], PolicyRow]:
    """``(kind, section_role) -> PolicyRow`` from ``context_policy.csv``."""
    out = {}
    for r in read_vocabulary("context_policy.csv"):
        row = PolicyRow(r["kind"], r["section_role"], r["fact_role"], r["year"], r["period_end"],
                        r["item_head_role"], r["plan_year_role"])
        out[(row.kind, row.section_role)] = row
    return out
