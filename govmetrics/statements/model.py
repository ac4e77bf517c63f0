"""What the statement finder gives: drafts of facts, and numbers it could not place."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Fact", "Unplaced"]


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

