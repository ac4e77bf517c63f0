"""The state of reading one sentence, and the state carried between sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Fact, Unplaced
from ..text.segment import Sentence
from .scanner import Tok

__all__ = ["LineState", "Reading"]


@dataclass
class LineState:
    """Line- and document-level state carried between sentences."""

    line_target: bool = False
    multi_sticky: bool = False
    cmp_sticky: int | None = None  # a 比YYYY年(下同) base year the sentence could not settle
    line_no: int = -1
    line_period: int | None = None
    line_period_cue: str = ""
    last_ind: Tok | None = None
    last_ind_line: int = -1
    last_year: int | None = None  # the last year a sentence named for its figures (届时)
    facts: list[Fact] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    keep_unplaced: bool = True  # False: the numbers no rule placed are not recorded


@dataclass(slots=True)
class Reading:
    """What has been read of a sentence so far, token by token.

    Sentence-wide fields hold from where they are set to the end of the
    sentence; clause fields (:data:`CLAUSE_FIELDS`) are reset at each clause
    bound (,;:).
    """

    sent: Sentence
    text: str
    toks: list[Tok]
    st: LineState
    doc_region: str | None
    lookup_region: object
    # what the sentence says of its year (resolve decides the rest)
    sent_year: int | None = None
    fig_year: int | None = None
    year_rel: int | None = None
    year_cue: str = ""
    item_head: bool = False
    line_target: bool = False
    # sentence-wide
    estimate: bool = False
    cur_ind: Tok | None = None
    inds_seen: list[Tok] = field(default_factory=list)
    inherited: Tok | None = None
    target_word: str = ""
    target_sentence: bool = False
    paren_target: bool = False
    paren_depth: int = 0
    share: bool = False  # in a clause 占…的比重: the figure is a share of a total
    single_period: bool = False  # after 9月份当月 / 第三季度单季 (until the next period word)
    plan_span: bool = False  # 十四五期间…: growth figures are over the plan's five years
    year_of_figure: int = -1  # where a figure named by 2015年的 starts
    paren_scope: str | None = None  # ^prefecture/^province/^national: a bracket of the parent
    period: int | None = None
    period_cue: str = ""
    cmp_period: int | None = None
    cmp_end: int = -1
    clause_start: int = 0
    semi_pos: int = 0  # end of the last semicolon in the sentence (0: none yet)
    fenbie: list[tuple[str, ...] | None] | None = None
    fenbie_all: bool = False
    fenbie_end: int = -1
    last_group_inds: list[str] = field(default_factory=list)
    sub: bool = False  # after 其中: sub-aggregates until the next indicator name
    scope: str | None = None  # a sub-region or park the sentence is about ("-": not a region)
    scope_clause: int = -1  # where the clause that set ``scope`` starts
    group_measure: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    group_facts: dict[int, list[Fact]] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    # clause fields
    growth: str | None = None
    target_clause: bool = False
    stretch: bool = False
    control: bool = False
    multi: bool = False
    increment: bool = False
    pp: bool = False
    rank_cue: bool = False
    milestone: bool = False
    cmp_year: int | None = None

    def unplace(self, t: Tok, reason: str) -> None:
        """Record a token that went into no fact."""
        if self.st.keep_unplaced:
            self.st.unplaced.append(Unplaced(t.start, t.end, t.text, reason))

    def new_clause(self, start: int) -> None:
        """Reset the clause fields at a clause bound ending at ``start``."""
        self.clause_start = start
        self.growth = None
        self.target_clause = self.stretch = self.control = self.multi = False
        self.increment = self.pp = self.rank_cue = self.milestone = self.share = False
        self.cmp_year = self.st.cmp_sticky
