"""The shared types of the pipeline: a statement's draft or fact and an unplaced
number (statements, resolve), a document's frame and its sections (frame)."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

__all__ = ["DocFrame", "Fact", "Section", "Unplaced"]


@dataclass(slots=True)
class Fact:
    """A draft fact: what one sentence says of one figure (spans in the normalized text).

    The statement finder fills in only what the sentence itself says; the
    context fields (``role``, ``year``, ``period_end``) hold the sentence's
    own words or are empty, and :func:`govmetrics.resolve.resolve` gives
    them their final values from the document's frame.

    Attributes
    ----------
    role : str
        ``target`` or ``actual`` when the sentence says so (a target cue, a
        completion share or a rank), else ``""``; ``role_cue`` holds the words.
    year : int or None
        The year the sentence opens with (2021年,…), else None; ``year_rel``
        is a relative year word's offset from the year of speech (今年 0,
        去年/上年 -1, 明年 1), ``year_cue`` the words.
    period_end : int or None
        The period word of the clause or line (上半年: 6), else None;
        ``period_cue`` holds the words.
    item_head : bool
        The first sentence of an item line (1.…) and it names no period.
    cmp_year : int or None
        The base year of a comparison (比2019年增长…) whose distance from the
        figure's year the sentence does not settle.
    rule : str
        The name of the rule that produced the draft.
    """

    indicator: str
    role: str
    measure: str
    value: float | None
    period_end: int | None
    year: int | None
    modifier: str = "point"
    low: float | None = None
    high: float | None = None
    stretch: float | None = None
    estimate: bool = False  # stated as 预计 (the table column holds 1 or 0)
    start: int = 0
    end: int = 0
    value_start: int = 0
    value_end: int = 0
    region: str | None = None  # None: the document's own region
    unit: str = ""
    role_cue: str = ""
    year_cue: str = ""
    year_rel: int | None = None
    period_cue: str = ""
    item_head: bool = False
    cmp_year: int | None = None
    rule: str = ""
    role_source: str = ""
    year_source: str = ""
    period_source: str = ""


@dataclass(slots=True)
class Unplaced:
    """A number the extractor saw but put in no fact (span in the normalized text)."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Section:
    """A span of a document that speaks of one year, role and period.

    Attributes
    ----------
    start, end : int
        Half-open span in the normalized text.
    heading : str
        The heading line or opening words that started the section ("" for the
        part before the first one).
    role : str
        ``review`` (the year under review), ``results`` (计划执行情况, 完成情况:
        results so far), ``progress`` (year to date), ``target`` (this year's
        targets and plan), ``breakdown`` (a responsibility breakdown) or
        ``none`` (nothing said).
    year : int or None
        The year its words name (一、2023年工作回顾: 2023), else None (the
        policy decides from the plan year).
    period_end : int or None
        The last month its words name (上半年: 6), else None.
    evidence : str
        What decided it, e.g. ``heading:2023年工作回顾`` or ``opener:一年来``.
    """

    start: int
    end: int
    heading: str
    role: str
    year: int | None = None
    period_end: int | None = None
    evidence: str = ""


@dataclass(frozen=True)
class DocFrame:
    """Document-level context: kind, region, plan year, period, date and sections.

    Every field that can be decided has a ``*_source`` saying what decided
    it (``title:…``, ``head:…``, ``hint:…``, ``default:…``).

    Attributes
    ----------
    kind : str
        work_report, plan_report, progress_bulletin, communique,
        target_breakdown or unknown.
    region, region_code, level : str or None
        The document's own region.
    plan_year : int or None
        The year the document plans for (work reports, plan reports) or
        reports on (bulletins, communiques).
    period_end : int or None
        The last month the document reports on (year to date).
    published : datetime.date or None
        Publication or presentation date.
    speech_year : int or None
        The year in which 今年 is said: the presentation year when known
        (a report delivered in December 2021 for 2022 says 今年 of 2021),
        else the plan year.
    lists_targets : bool
        The head names targets or the work report (目标, 任务, 政府工作报告):
        in a bulletin, an item's first sentence with no period restates a target.
    sections : tuple of Section
        Cover the document without gaps, in order.
    """

    kind: str = "unknown"
    kind_source: str = "default:unknown"
    region: str | None = None
    region_code: str | None = None
    level: str | None = None
    region_source: str = ""
    plan_year: int | None = None
    year_source: str = ""
    period_end: int | None = None
    period_source: str = ""
    published: dt.date | None = None
    speech_year: int | None = None
    lists_targets: bool = False
    lists_targets_source: str = ""
    sections: tuple[Section, ...] = field(default_factory=tuple)
    #: the normalized text's line spans, kept for the statement finder
    line_spans: list[tuple[int, int]] | None = field(default=None, repr=False, compare=False)

    def section_at(self, pos: int) -> Section | None:
        """The section holding offset ``pos`` of the normalized text.

        Examples
        --------
        >>> f = DocFrame(sections=(Section(0, 5, "", "none"), Section(5, 9, "回顾", "review")))
        >>> f.section_at(6).role
        'review'
        """
        if not self.sections:
            return None
        starts = [s.start for s in self.sections]
        i = bisect.bisect_right(starts, pos) - 1
        return self.sections[max(i, 0)]
