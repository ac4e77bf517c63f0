"""Read one figure: ordered tables of named rules, first match wins.

A figure token (a number with its unit, or a range) goes through three tables:

1. :data:`FIGURE_GATES` -- reasons a figure is no headline fact at all
   (a change in percentage points, a foreign currency, a sub-aggregate after
   其中, a milestone, an increment, a clause about something else);
2. :data:`INDICATOR_RULES` -- which indicator it is about (a 分别 list, a list
   of names and a list of figures, the name before it, the name of the
   sentence before);
3. :data:`MEASURE_RULES` -- what it measures (a completion share, a rate, a
   growth rate, a level in yuan or persons, a price index), or why none.

Each rule is ``(name, applies, produce)`` in the manner of duckling's rules:
``applies`` tests the reading state, ``produce`` gives the result. The name
of the indicator rule and the measure rule go into the draft's ``rule``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from ..model import Fact
from ..vocabulary import read_vocabulary
from .reading import Reading
from .scanner import _NUM_RE, Tok, vocab
from .words import (
    _COMPLETION_STRICT,
    _PCT_GROWTH_INDICATORS,
    _RATE_INDICATORS,
    _cue_between,
    _filler_clause,
    _modifier,
    _modifier_end,
    _money_indicator,
    _only_list_between,
    _sentence_body_start,
    _unit_of,
    garbled_name,
)

__all__ = ["FIGURE_GATES", "INDICATOR_RULES", "MEASURE_RULES", "read_figure", "emit"]

#: _COMPLETION_STRICT reads at most about 45 characters back: a bounded
#: look-back keeps a long clause without punctuation linear
_LOOK_BACK = 80


class Rule(NamedTuple):
    """A named rule: it applies to a reading and a token, and produces a result."""

    name: str
    applies: Callable[..., bool]
    produce: Callable[..., object]


# ---------------------------------------------------------------- gates


def _other_subject(r: Reading, t: Tok) -> bool:
    """The figure's clause names something else (新增高校毕业生…7600人), or a clause after a
    semicolon does (…;实际利用外资…): an earlier name does not carry over."""
    cur = r.cur_ind
    if r.paren_scope is not None:
        return False  # (全市5.8%): the parent's figure for the name before
    if (cur is None or cur.start < r.clause_start) and r.fenbie is None \
            and not _filler_clause(r.text, r.clause_start, t.start, r.toks):
        return True
    return bool(r.semi_pos and (cur is None or cur.start < r.semi_pos)
                and not _filler_clause(r.text, r.semi_pos, t.start, r.toks))


def _list_in_points(r: Reading, t: Tok) -> bool:
    """分别高4.8、3.1个百分点: the unit written once after a list is every member's."""
    if t.unit or t.group < 0 or t.group_size < 2 or t.pos_in_group == t.group_size - 1:
        return False  # a member with its own unit (增长20.87%、高于…12.6个百分点) keeps it
    last = next((x for x in r.toks if x.group == t.group and x.pos_in_group == t.group_size - 1),
                None)
    return last is not None and last.unit in ("个百分点", "百分点")


#: (reason, test): a figure for which a test holds is unplaced with that reason
FIGURE_GATES: tuple[tuple[str, Callable[[Reading, Tok], bool]], ...] = (
    ("change_in_percentage_points", lambda r, t: t.unit in ("个百分点", "百分点") or r.pp
     or _list_in_points(r, t)),
    ("foreign_currency", lambda r, t: "美元" in t.unit),
    ("multi_year_or_multiple", lambda r, t: r.text.startswith("倍", t.end)),  # 是2007年的2.3倍
    ("single_period", lambda r, t: r.single_period),
    ("share_of_a_total", lambda r, t: r.share),
    ("sub_aggregate", lambda r, t: r.sub),
    ("increment", lambda r, t: r.increment),
    ("clause_subject_not_an_indicator", _other_subject),
)

# ---------------------------------------------------------------- indicator


def _fenbie_applies(r: Reading, t: Tok) -> bool:
    return r.fenbie is not None and (t.group_size > 1 or len(r.fenbie) > 1)


def _fenbie_pick(r: Reading, t: Tok) -> tuple[list[str], Tok | None]:
    """地区生产总值、财政收入分别增长8%、10%: the k-th figure of the list to the k-th name."""
    k, cur, fenbie = t.group_size, r.cur_ind, r.fenbie
    if t.pos_in_group == k - 1:
        r.last_group_inds = [c[0] for c in fenbie[-k:] if c and len(c) == 1]
    if cur is not None and cur.ind and len(cur.ind) == 2 and k == 2:
        return [cur.ind[t.pos_in_group]], cur  # 城乡居民人均可支配收入分别增长7.5%和7.8%
    if len(fenbie) >= k:
        c = fenbie[-k:][t.pos_in_group]
        if c and len(c) == 1:
            return [c[0]], cur
    return [], cur


#: at most this many names of a clause are looked at (the last ones): a clause
#: without punctuation can name thousands, and each figure asks
_CLAUSE_NAMES = 64


def _clause_names(r: Reading) -> list[Tok]:
    """The names of the current clause (the last _CLAUSE_NAMES), found from the end."""
    seen = r.inds_seen
    i = len(seen)
    stop = max(0, i - _CLAUSE_NAMES)
    while i > stop and seen[i - 1].start >= r.clause_start:
        i -= 1
    return seen[i:]


def _lists_apply(r: Reading, t: Tok) -> bool:
    if t.group_size <= 1:
        return False
    names = _clause_names(r)
    return len(names) >= t.group_size and all(x.ind is not None and len(x.ind) <= 1
                                              for x in names)


def _lists_pick(r: Reading, t: Tok) -> tuple[list[str], Tok | None]:
    """地区生产总值、一般公共预算收入增长8%、10%: lists of the same length pair up in order."""
    tok = _clause_names(r)[-t.group_size:][t.pos_in_group]
    return list(tok.ind[:1]), tok


def _pair_applies(r: Reading, t: Tok) -> bool:
    return r.cur_ind is not None and len(r.cur_ind.ind or ()) == 2


def _pair_pick(r: Reading, t: Tok) -> tuple[list[str], Tok | None]:
    """城乡居民收入增长8%、9%: a name of two series takes two figures, or one for its whole."""
    cur = r.cur_ind
    if t.group_size == 2:
        return [cur.ind[t.pos_in_group]], cur
    return list(cur.single[:1] if cur.single else ()), cur


def _pair_jun_applies(r: Reading, t: Tok) -> bool:
    return _pair_applies(r, t) and r.fenbie_all and t.group_size == 1


def _pair_jun_pick(r: Reading, t: Tok) -> tuple[list[str], Tok | None]:
    """城乡居民人均可支配收入均增长7%: one figure for each of the two series."""
    return list(r.cur_ind.ind), r.cur_ind


def _list_jun_names(r: Reading) -> list[Tok]:
    """The names of the clause when they form one list (A和B, A、B): else []."""
    names = _clause_names(r)
    if len(names) < 2 or not all(x.ind is not None and len(x.ind) == 1 for x in names):
        return []
    if not all(_only_list_between(r.text, a.end, b.start) for a, b in zip(names, names[1:])):
        return []
    return names


def _list_jun_applies(r: Reading, t: Tok) -> bool:
    return r.fenbie_all and t.group_size == 1 and bool(_list_jun_names(r))


def _list_jun_pick(r: Reading, t: Tok) -> tuple[list[str], Tok | None]:
    """城镇居民人均可支配收入和农民人均纯收入均增长9%: one figure for each name of the list."""
    names = _list_jun_names(r)
    return [x.ind[0] for x in names], names[-1]


def _name_pick(r: Reading, t: Tok) -> tuple[list[str], Tok | None]:
    cur = r.cur_ind
    return list(cur.ind[:1]), cur


def _inherit_pick(r: Reading, t: Tok) -> tuple[list[str], Tok | None]:
    """上半年预计同比增长108.9%: a sentence that names nothing takes the name before it."""
    inh = r.inherited
    return (list(inh.ind) if inh.ind and len(inh.ind) == 1 else []), None


#: which indicators a figure is about; the first rule that applies decides (its answer may
#: be none: a name that is no headline indicator blocks the figure)
INDICATOR_RULES: tuple[Rule, ...] = (
    Rule("names_then_fenbie_figures", _fenbie_applies, _fenbie_pick),
    Rule("name_list_then_figure_list", _lists_apply, _lists_pick),
    Rule("name_list_jun_figure", _list_jun_applies, _list_jun_pick),
    Rule("pair_name_jun_figure", _pair_jun_applies, _pair_jun_pick),
    Rule("pair_name_then_figures", _pair_applies, _pair_pick),
    Rule("name_then_figure", lambda r, t: r.cur_ind is not None, _name_pick),
    Rule("figure_inherits_name", lambda r, t: r.inherited is not None, _inherit_pick),
)

# ---------------------------------------------------------------- measure


def _is_pct(t: Tok) -> bool:
    return t.kind == "range" or t.unit == "%"


def _signed(value: float, growth: str | None) -> float:
    return -value if growth == "down" else value


def _continues(r: Reading) -> bool:
    return bool((r.stretch or r.paren_target or r.target_clause) and r.facts
                and r.facts[-1].measure in ("growth_pct", "rate"))


def _continued(r: Reading, t: Tok, ind: str, tok: Tok | None) -> tuple[str, float]:
    prev = r.facts[-1]
    negative = prev.measure == "growth_pct" and (prev.value or 0) < 0
    return prev.measure, -t.value if negative else t.value


def _compared(r: Reading, t: Tok) -> bool:
    """较一季度(-10.8%)回升: the bracketed figure of the period compared with, measured as the
    figure before it (a growth rate)."""
    return bool(r.cmp_period and 0 <= t.start - r.cmp_end <= 1 and r.facts
                and r.facts[-1].measure in ("growth_pct", "rate"))


def _unit_base(t: Tok) -> str | None:
    got = vocab().units.get(t.unit)
    return got[1] if got else None


def _jobs(t: Tok, tok: Tok | None) -> bool:
    return t.unit != "个" or "岗位" in (tok.text if tok else "")


def _level(r: Reading, t: Tok, ind: str, tok: Tok | None) -> tuple[str, float]:
    # exact decimal arithmetic: 136.2亿元 is 13620000000, not 13619999999.999998
    digits = _NUM_RE.match(t.text).group(1).replace(",", "")
    return "level", float(Decimal(digits) * Decimal(repr(vocab().units[t.unit][0])))


def _cpi(t: Tok, ind: str) -> bool:
    return t.unit == "" and ind == "cpi"


#: what a figure measures: (name, applies(r, t, ind, tok), produce -> (measure, value) or a
#: reason string when the figure is unplaced); the first rule that applies decides
MEASURE_RULES: tuple[Rule, ...] = (
    Rule("completion_share", lambda r, t, ind, tok: t.kind != "range" and t.unit == "%"
         and _COMPLETION_STRICT.search(r.text, max(r.clause_start, t.start - _LOOK_BACK), t.start) is not None,
         lambda r, t, ind, tok: ("completion_pct", t.value)),
    Rule("unemployment_rate", lambda r, t, ind, tok: _is_pct(t) and ind in _RATE_INDICATORS,
         lambda r, t, ind, tok: ("rate", t.value)),
    Rule("growth_word", lambda r, t, ind, tok: _is_pct(t) and (
        r.growth is not None or ind in _PCT_GROWTH_INDICATORS),
         lambda r, t, ind, tok: ("growth_pct", _signed(t.value, r.growth))),
    Rule("list_takes_first_measure", lambda r, t, ind, tok: _is_pct(t) and t.group >= 0
         and t.group in r.group_measure,
         lambda r, t, ind, tok: (r.group_measure[t.group][0],
                                 _signed(t.value, r.group_measure[t.group][1]))),
    Rule("target_figure_continues", lambda r, t, ind, tok: _is_pct(t) and _continues(r),
         _continued),
    Rule("comparison_takes_measure", lambda r, t, ind, tok: _is_pct(t) and _compared(r, t),
         lambda r, t, ind, tok: (r.facts[-1].measure, t.value)),
    Rule("percentage_without_growth_word", lambda r, t, ind, tok: _is_pct(t),
         lambda r, t, ind, tok: "percentage_without_growth_word"),
    Rule("money_level", lambda r, t, ind, tok: _unit_base(t) == "yuan" and _money_indicator(ind),
         _level),
    Rule("jobs_level", lambda r, t, ind, tok: _unit_base(t) == "person"
         and ind == "new_urban_jobs" and _jobs(t, tok), _level),
    Rule("unit_does_not_fit_indicator", lambda r, t, ind, tok: _unit_base(t) is not None,
         lambda r, t, ind, tok: "unit_does_not_fit_indicator"),
    Rule("index_base", lambda r, t, ind, tok: _cpi(t, ind) and t.value == 100,
         lambda r, t, ind, tok: "index_base"),
    Rule("price_index", lambda r, t, ind, tok: _cpi(t, ind) and 80 < t.value < 150,
         lambda r, t, ind, tok: ("growth_pct", round(t.value - 100.0, 10))),
    Rule("unit_not_recognised", lambda r, t, ind, tok: True,
         lambda r, t, ind, tok: "unit_not_recognised"),
)

# ---------------------------------------------------------------- the figure


def _indicator(r: Reading, t: Tok) -> tuple[list[str], Tok | None, str]:
    for rule in INDICATOR_RULES:
        if rule.applies(r, t):
            return (*rule.produce(r, t), rule.name)
    return [], None, ""


def _measure(r: Reading, t: Tok, ind: str, tok: Tok | None) -> tuple[str, float | str, str]:
    for rule in MEASURE_RULES:
        if rule.applies(r, t, ind, tok):
            got = rule.produce(r, t, ind, tok)
            if isinstance(got, str):
                return "", got, rule.name
            return (*got, rule.name)
    raise AssertionError("the last measure rule applies to every figure")


def _after_measure(r: Reading, t: Tok, measure: str, tok: Tok | None) -> str | None:
    """Why a measured figure is still no fact, or None."""
    if measure == "growth_pct" and (r.multi or r.st.multi_sticky or r.plan_span):
        return "multi_year_or_multiple"
    if measure == "level" and r.growth is not None and tok is not None \
            and r.year_of_figure != t.start and _cue_between(r.toks, tok.end, t.start):
        return "increment"
    return None


def _role(r: Reading, measure: str) -> tuple[str, str]:
    """The role as far as the sentence says, with the words that say it ("" for none)."""
    if measure in ("completion_pct", "rank"):
        return "actual", f"measure:{measure}"
    if r.paren_target or (r.target_clause and not r.paren_depth) or r.target_sentence \
            or r.stretch:
        return "target", f"sentence:{r.target_word}"
    if r.line_target:
        return "target", "line:target heading"
    return "", ""


def _attach_stretch(r: Reading, t: Tok, ind: str, measure: str, value: float) -> bool:
    """力争9%: attach a stretch figure to the base figure before it (True when attached)."""
    base = next((f for f in reversed(r.facts)
                 if f.indicator == ind and f.measure == measure and f.role != "actual"
                 and f.stretch is None), None)
    if base is None or not _only_list_between(r.text, base.value_end, t.start):
        return False
    base.stretch = value
    if base.role == "":  # a figure with a 力争 stretch is a target
        base.role, base.role_cue = "target", f"sentence:{r.target_word}"
    return True


def _period(r: Reading, t: Tok, role: str) -> tuple[int | None, str]:
    per, cue = r.period, r.period_cue
    if per is None and r.st.line_period is not None:
        per, cue = r.st.line_period, r.st.line_period_cue
    if role != "target" and r.cmp_period and 0 <= t.start - r.cmp_end <= 1:
        per, cue = r.cmp_period, "comparison"  # 增速比一季度(6.2%)加快: the Q1 figure
    return per, cue


def _unreadable(r: Reading, t: Tok) -> bool:
    """The figure's clause holds a headline name broken by noise (工ye业增加值)."""
    return garbled_name(r.text[r.clause_start: t.start])


@cache
def _threshold_words() -> tuple[str, ...]:
    """The modifier words (``modifiers.csv``, column ``threshold``) that state a threshold
    passed (突破, 超过); 跃上/迈上/跨越… are milestone tokens of the scanner."""
    return tuple(r["pattern"] for r in read_vocabulary("modifiers.csv") if r.get("threshold"))


def _milestone(r: Reading, t: Tok, measure: str) -> bool:
    """A level stated as a threshold passed (突破1200亿元, 跃上2万亿元新台阶)."""
    return measure == "level" and (r.milestone or any(
        w in r.text[max(r.clause_start, t.start - 8): t.start] for w in _threshold_words()))


def read_figure(r: Reading, t: Tok) -> None:
    """Turn a figure token into a draft in ``r.facts``, or unplace it with a reason."""
    for reason, test in FIGURE_GATES:
        if test(r, t):
            if reason == "clause_subject_not_an_indicator" and _unreadable(r, t):
                reason = "unreadable_name"
            r.unplace(t, reason)
            return
    inds, tok, ind_rule = _indicator(r, t)
    if not inds:
        r.unplace(t, "unreadable_name" if _unreadable(r, t)
                  else "not_a_headline_indicator" if (r.cur_ind or r.inherited) else "no_indicator")
        return
    if r.scope == "-":
        r.unplace(t, "not_about_a_region")
        return
    measure, value, measure_rule = _measure(r, t, inds[0], tok)
    reason = value if not measure else _after_measure(r, t, measure, tok)
    if reason:
        r.unplace(t, reason)
        return
    if t.group >= 0 and t.pos_in_group == 0:
        r.group_measure[t.group] = (measure, r.growth)
    rule = f"{ind_rule}+{measure_rule}" + ("+milestone" if _milestone(r, t, measure) else "")
    for one in inds:
        _figure_fact(r, t, one, tok, measure, value, rule)


def _figure_fact(r: Reading, t: Tok, ind: str, tok: Tok | None, measure: str, value: float,
                 rule: str) -> None:
    role, role_cue = _role(r, measure)
    modifier = "at_least" if r.milestone else _modifier(r.text, t, r.clause_start)
    low = high = None
    if t.kind == "range":
        modifier = "range"
        low, high = float(t.bounds[0]), float(t.bounds[1])
        if r.growth == "down":
            low, high = -high, -low
        value = low
    if role == "" and r.control and modifier == "at_most" and any(
            f.indicator == ind and f.role != "target" for f in r.facts):
        role, role_cue = "target", "sentence:restated limit"  # 有效控制在4.5%以内
    if r.stretch and role == "target" and _attach_stretch(r, t, ind, measure, value):
        return
    per, per_cue = _period(r, t, role)
    start = tok.start if tok is not None else _sentence_body_start(r.sent)
    f = Fact(ind, role, measure, value, per, r.fig_year, modifier=modifier, low=low, high=high,
             estimate=bool(r.estimate), start=start, end=_modifier_end(r.text, t),
             value_start=t.start, value_end=t.end, region=r.paren_scope or r.scope,
             unit=_unit_of(measure, ind),
             role_cue=role_cue, year_cue=r.year_cue, year_rel=r.year_rel, period_cue=per_cue,
             item_head=r.item_head, cmp_year=r.cmp_year, rule=rule)
    r.facts.append(f)
    r.group_facts.setdefault(t.group, []).append(f)


def emit(r: Reading) -> None:
    """End of the sentence: shared modifiers spread over lists, the drafts are kept."""
    # modifiers written once after a list apply to every member (分别增长7%、8%左右)
    for g, fs in r.group_facts.items():
        if g < 0 or len(fs) < 2:
            continue
        last = fs[-1].modifier
        if last in ("about", "at_least", "at_most"):
            for f in fs[:-1]:
                if f.modifier == "point":
                    f.modifier = last
    r.st.facts.extend(r.facts)
