"""Resolve: a draft and the document's frame give a fact its year, role and period.

This is the only place where a figure's context gets its final value. Each
value comes with a source string saying what decided it. Precedence, for
each of the three:

1. words in the sentence (``sentence:2021年``, ``sentence:预期目标``,
   ``sentence:上半年``; a completion share or a rank is an actual,
   ``measure:rank``);
2. the section the sentence stands in (``heading:2023年工作回顾``,
   ``opener:一年来``), through the context policy (``context_policy.csv``:
   document kind x section role -> role, year, period);
3. the document's title and head (``title:上半年``, ``head:2024年``);
4. the caller's hints (``hint:year=2024``);
5. defaults (``default:12``).

A year is always resolved against the plan year: a sentence year before it
makes an actual (``2023年,全市…增长5%`` in a 2024 report); a sentence year
after the year of speech makes a target (到2025年…达到…).
"""

from __future__ import annotations

from .frame import DocFrame, Section
from .frame.cues import PolicyRow, policy
from .statements import Fact, Unplaced

__all__ = ["resolve", "resolve_one"]

_NO_POLICY = PolicyRow("unknown", "none", "actual", "plan_year", "document", "")


def _policy(frame: DocFrame, section: Section | None) -> PolicyRow:
    role = section.role if section is not None else "none"
    return policy().get((frame.kind, role)) or policy().get((frame.kind, "none")) or _NO_POLICY


def _section_source(section: Section | None, row: PolicyRow, frame: DocFrame) -> str:
    if section is None or section.role == "none":
        return f"default:{frame.kind}"
    return section.evidence


def _role(d: Fact, frame: DocFrame, section: Section | None, row: PolicyRow) -> tuple[str, str]:
    if d.role:
        return d.role, d.role_cue or "sentence"
    year = _sentence_year(d, frame)
    if year is not None and frame.plan_year is not None:
        if year < frame.plan_year:
            return "actual", f"sentence:{d.year_cue}"
        speech = frame.speech_year or frame.plan_year
        if year > speech:
            return "target", f"sentence:{d.year_cue}"
        if year == frame.plan_year and row.plan_year_role:
            return row.plan_year_role, f"sentence:{d.year_cue}"
    if d.item_head and row.item_head_role and frame.lists_targets:
        return row.item_head_role, f"sentence:item head+{frame.lists_targets_source}"
    return row.fact_role, f"{_section_source(section, row, frame)}->{row.fact_role}"


def _sentence_year(d: Fact, frame: DocFrame) -> int | None:
    """The year the sentence's own words give (absolute, or relative to the year of speech)."""
    if d.year is not None:
        return d.year
    if d.year_rel is not None:
        base = frame.speech_year or frame.plan_year
        return None if base is None else base + d.year_rel
    return None


def _year(d: Fact, role: str, frame: DocFrame, section: Section | None,
          row: PolicyRow) -> tuple[int | None, str]:
    year = _sentence_year(d, frame)
    if year is not None:
        return year, f"sentence:{d.year_cue}"
    if role == "target":
        if frame.plan_year is None:
            return None, ""
        return frame.plan_year, _plan_year_source(frame)
    if section is not None and section.year is not None:
        return section.year, section.evidence
    if frame.plan_year is None:
        return None, ""
    if row.fact_role != "actual":  # an actual (a rank, a share) in a target section
        row = _policy(frame, None)
    offset = row.year_offset
    if offset:
        return frame.plan_year + offset, f"{_section_source(section, row, frame)}->plan_year-1"
    return frame.plan_year, _plan_year_source(frame)


def _plan_year_source(frame: DocFrame) -> str:
    return frame.year_source or "default:plan_year"


def _period(d: Fact, role: str, frame: DocFrame, section: Section | None,
            row: PolicyRow) -> tuple[int, str]:
    if role == "target":
        return 12, "default:12 (a target is for the whole year)"
    if d.period_end is not None:
        return d.period_end, f"sentence:{d.period_cue}"
    if section is not None and section.period_end is not None:
        return section.period_end, section.evidence
    if row.period_end == "12":
        return 12, f"{_section_source(section, row, frame)}->12"
    if frame.period_end is not None:
        return frame.period_end, frame.period_source or "document"
    return 12, "default:12"


def resolve_one(d: Fact, frame: DocFrame) -> Fact | Unplaced:
    """Give one draft its final role, year and period (in place); or unplace it.

    Parameters
    ----------
    d : Fact
        A draft from :func:`govmetrics.statements.find_statements`.
    frame : DocFrame
        The document's frame.

    Returns
    -------
    Fact or Unplaced
        The draft with ``role``, ``year``, ``period_end`` and their
        ``*_source`` set; an :class:`Unplaced` when the context makes it no
        fact (a growth rate against a base year other than the year before).

    Examples
    --------
    >>> from govmetrics.frame import DocFrame, Section
    >>> fr = DocFrame(kind="work_report", plan_year=2024, year_source="hint:year=2024",
    ...               sections=(Section(0, 99, "一年来", "review", evidence="opener:一年来"),))
    >>> d = Fact("gdp", "", "growth_pct", 5.2, None, None)
    >>> f = resolve_one(d, fr)
    >>> f.role, f.year, f.period_end, f.year_source
    ('actual', 2023, 12, 'opener:一年来->plan_year-1')
    """
    section = frame.section_at(d.start)
    row = _policy(frame, section)
    role, role_src = _role(d, frame, section, row)
    year, year_src = _year(d, role, frame, section, row)
    period, period_src = _period(d, role, frame, section, row)
    if d.cmp_year is not None and year is not None and d.cmp_year != year - 1 \
            and d.measure in ("growth_pct", "rank"):
        return Unplaced(d.value_start, d.value_end, "", "multi_year_or_multiple")
    d.role, d.role_source = role, role_src
    d.year, d.year_source = year, year_src
    d.period_end, d.period_source = period, period_src
    if role != "actual":
        d.estimate = False
    return d


def resolve(drafts: list[Fact], frame: DocFrame) -> tuple[list[Fact], list[Unplaced]]:
    """Resolve every draft of a document (see :func:`resolve_one`).

    Returns
    -------
    facts : list of Fact
    unplaced : list of Unplaced
        Drafts the context made no fact.
    """
    facts, dropped = resolve_each(drafts, frame)
    keep, gone, _ = settle_milestones(facts)
    return keep, dropped + gone


def resolve_each(drafts: list[Fact], frame: DocFrame) -> tuple[list[Fact], list[Unplaced]]:
    """:func:`resolve_one` of each draft: the facts and the drafts made no fact, in order.

    :func:`resolve` is this and then :func:`settle_milestones` on the facts;
    the pipeline does the two a batch of drafts at a time.
    """
    facts: list[Fact] = []
    dropped: list[Unplaced] = []
    for d in drafts:
        got = resolve_one(d, frame)
        (facts if isinstance(got, Fact) else dropped).append(got)
    return facts, dropped


#: how far after a milestone (a heading 规模以上工业增加值突破1200亿元) its exact figure may come
_MILESTONE_REACH = 400


def settle_milestones(facts: list[Fact], read_to: int | None = None
                      ) -> tuple[list[Fact], list[Unplaced], list[Fact]]:
    """A milestone level (突破1200亿元) followed by the exact level of the same indicator,
    role, year and period (完成增加值1213.18亿元, not below the milestone) is that fact once:
    the exact figure is kept, the milestone unplaced as ``milestone_with_exact_figure``.

    Parameters
    ----------
    facts : list of Fact
        Resolved facts in the order they were read.
    read_to : int, optional
        Where the reading of the text has got to: a fact whose exact figure
        could still come after it (within ``_MILESTONE_REACH`` characters) is
        not settled yet. None: the whole text has been read.

    Returns
    -------
    kept : list of Fact
        The settled facts, in order, without the milestones dropped.
    dropped : list of Unplaced
        The milestones that have their exact figure.
    pending : list of Fact
        The facts from the first one not settled on, in order (empty when
        ``read_to`` is None).
    """
    keep: list[Fact] = []
    dropped: list[Unplaced] = []
    for i, f in enumerate(facts):
        if read_to is not None and f.value_end + _MILESTONE_REACH >= read_to:
            return keep, dropped, facts[i:]
        if f.measure == "level" and f.rule.endswith("+milestone") and any(
                g.measure == "level" and g.modifier == "point" and g.indicator == f.indicator
                and (g.role, g.year, g.period_end) == (f.role, f.year, f.period_end)
                and g.region == f.region and (g.value or 0) >= (f.value or 0)
                and 0 < g.value_start - f.value_end <= _MILESTONE_REACH
                for g in facts[i + 1:]):
            dropped.append(Unplaced(f.value_start, f.value_end, "", "milestone_with_exact_figure"))
            continue
        keep.append(f)
    return keep, dropped, []
