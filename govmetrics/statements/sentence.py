"""Read one sentence: word tokens move the reading state, figures become drafts.

The *word rules* are a table, token kind -> rule (:data:`WORD_RULES`): a
growth word makes the next percentage a growth rate, 预期目标 makes the
figures of its clause targets, 分别 lines figures up with the names before
it, and so on. Figures go to :func:`govmetrics.statements.figure.read_figure`,
whose rules are ordered tables too. Nothing here knows the document's kind
or sections: the drafts hold what the sentence says, and
:mod:`govmetrics.resolve` gives them their context.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Fact
from ..text.segment import Sentence
from .figure import emit, read_figure
from .reading import LineState, Reading
from .scanner import Tok
from .words import (
    _PARK_SUBJECT,
    _RELATIVE_YEAR,
    _RELATIVE_YEARS,
    _TARGET_HEADING,
    _clause_year,
    _filler_clause,
    _only_list_between,
    _scope_before,
    _sentence_year,
)

__all__ = ["read_sentence", "WORD_RULES", "CUE_EFFECTS"]

_FIGURE_KINDS = frozenset({"num", "range"})
#: cue kind -> (reading field, value) it sets (``cues.csv`` gives each cue word its kind)
CUE_EFFECTS: dict[str, tuple[str, object]] = {
    "growth_down": ("growth", "down"),
    "growth_up": ("growth", "up"),
    "estimate": ("estimate", True),
    "multi_year": ("multi", True),
    "increment": ("increment", True),
    "pp_change": ("pp", True),
}
#: characters a clause's opening year word starts with (a fast test before the regex)
_YEAR_STARTS = frozenset("12今本去上明")
_RANK_MOVES = ("上升到", "上升至", "升至", "前移至", "提升至", "上升", "提升", "下降")
_TARGET_PHRASE_AFTER = re.compile(r"\s*(?:预算|目标|计划|任务|预期)")
_COMPARED_BEFORE = re.compile(r"(?:比|较|快于|高于|低于|延续|保持|继续)\s*$")


def _on_bound(r: Reading, t: Tok, i: int) -> None:
    if r.target_clause and (t.text in ":：" or r.target_word == "提出"):
        r.target_sentence = True  # 预期目标:GDP增长8%左右,…: the colon opens a list of targets
    if r.paren_scope is not None:  # (全市7.5%,全省7%): the next parent's figure, same measure
        scope = _parent_scope(r, t.end)
        if scope is not None:
            r.paren_scope = scope
            return
    r.new_clause(t.end)
    nxt = r.text[t.end: t.end + 2]
    if nxt and (nxt[0] in _YEAR_STARTS or nxt[-1] in _YEAR_STARTS) and t.text in ",;:，；：":
        got = _clause_year(r.text, t.end, r.sent.end)  # a clause may open with its own year
        if got is not None:
            r.fig_year, r.year_rel, r.year_cue = got
            if r.target_word == "提出":  # 报告提出,2020年…增长3.7%,2021年…目标为7.5%: each
                r.target_sentence = False  # clause with its own year says its own role
    if t.text in ";；":
        r.fenbie = None
        r.fenbie_all = False
        r.semi_pos = t.end


_SHARE_WORDS = ("比重", "占比")


def _on_name(r: Reading, t: Tok, i: int) -> None:
    if t.text in _SHARE_WORDS and "占" in r.text[r.clause_start: t.start]:
        r.share = True  # 占全市…的比重为69.3%: a share; the subject before it stays the subject
        r.st.last_ind, r.st.last_ind_line = t, r.sent.line_no  # a later line inherits no name
        return
    r.sub = False
    if r.fenbie is not None and r.fenbie_end < r.clause_start:
        r.fenbie = None  # a name in a later clause: 分别 of the clause before is done
        r.fenbie_all = False
    sc = _scope_before(r.text[max(r.clause_start, t.start - 12): t.start], r.lookup_region)
    if sc is not None and sc == r.doc_region:
        sc = ""  # the document's own region, named
    if sc is not None:
        r.scope = sc or None  # "" resets to the document's own region
        r.scope_clause = r.clause_start
    elif r.scope == "-" and r.scope_clause < r.clause_start:
        r.scope = None  # 企业利润…,地方一般公共预算收入…: a new subject
    r.cur_ind = t
    r.inds_seen.append(t)
    r.st.last_ind = t
    r.st.last_ind_line = r.sent.line_no


def _on_cue(r: Reading, t: Tok, i: int) -> None:
    kind = t.cue_kind
    effect = CUE_EFFECTS.get(kind)
    if effect is not None:
        setattr(r, *effect)
    elif kind == "stretch":
        r.stretch = True
        r.target_word = t.text
    elif kind == "target":
        if t.text == "将" and r.estimate:
            return  # 预计全年将增长7%: an estimate of the year, not a plan
        r.target_word = t.text
        if r.paren_depth:
            r.paren_target = True
        else:
            r.target_clause = True
            if t.text in _SENTENCE_TARGET_WORDS:
                r.target_sentence = True  # 粮食总产要达到…,农民收入增长6%以上: the whole list


#: plan words whose targets run to the end of the sentence (a list of what is to be)
_SENTENCE_TARGET_WORDS = frozenset({"要"})


#: a bracket opening with the parent's scope word holds the parent's figure:
#: 全县增长6.2%(全市5.8%) -> a row for the city (the region is resolved after parsing)
_PARENT_SCOPE = re.compile(r"\s*(全市|全省|全国|全州|全盟|市|省)(?:平均|为|是)?\s*(?=-?\d)")
_PARENT_LEVEL = {"全市": "^prefecture", "市": "^prefecture", "全州": "^prefecture",
                 "全盟": "^prefecture", "全省": "^province", "省": "^province", "全国": "^national"}


_NAMED_SCOPE = re.compile(r"\s*([\u4e00-\u9fff]{2,8}?(?:市|省|州|盟|自治区|地区))(?:平均|为|是)?\s*(?=-?\d)")


def _parent_scope(r: Reading, pos: int) -> str | None:
    """The region a bracketed comparison figure at ``pos`` is about: a parent's scope word
    (全市 -> ``^prefecture``, resolved after parsing) or a region's name, else None."""
    m = _PARENT_SCOPE.match(r.text, pos, pos + 8)
    if m:
        return _PARENT_LEVEL[m.group(1)]
    m = _NAMED_SCOPE.match(r.text, pos, pos + 12)
    if m and r.lookup_region is not None:
        return r.lookup_region(m.group(1))
    return None


def _on_open_paren(r: Reading, t: Tok, i: int) -> None:
    r.paren_depth += 1
    if r.paren_depth == 1 and r.facts:
        r.paren_scope = _parent_scope(r, t.end)


def _on_close_paren(r: Reading, t: Tok, i: int) -> None:
    r.paren_depth = max(0, r.paren_depth - 1)
    if r.paren_depth == 0:
        r.paren_target = False
        r.paren_scope = None


def _on_period(r: Reading, t: Tok, i: int) -> None:
    if _TARGET_PHRASE_AFTER.match(r.text, t.end, t.end + 4):
        return  # 全年预算数…: part of a target phrase
    if _COMPARED_BEFORE.search(r.text[max(r.sent.start, t.start - 2): t.start]):
        r.cmp_period, r.cmp_end = t.period, t.end  # 比一季度… / 延续一季度…: not the figure's
        return
    r.period = r.st.line_period = t.period
    r.period_cue = r.st.line_period_cue = t.text
    r.single_period = False


def _on_single_period(r: Reading, t: Tok, i: int) -> None:
    """9月份当月 / 第三季度单季: the figures until the next period word are not year to date."""
    r.single_period = True


def _on_target_head(r: Reading, t: Tok, i: int) -> None:
    r.target_word = t.text.strip(" :是为")
    if r.paren_depth:
        r.paren_target = True
    else:
        r.target_sentence = True


def _on_fenbie(r: Reading, t: Tok, i: int) -> None:
    if t.text == "分居":
        r.rank_cue = True
    if t.text == "均":
        r.fenbie_all = True
        return
    in_clause = [x for x in r.inds_seen if x.start >= r.clause_start]
    dedup: list[tuple[str, ...] | None] = []  # consecutive duplicates collapse
    for x in in_clause or r.inds_seen:
        c = x.ind if x.ind else None
        if not dedup or dedup[-1] != c:
            dedup.append(c)
    r.fenbie = dedup
    r.fenbie_end = t.end


def _on_sub(r: Reading, t: Tok, i: int) -> None:
    r.sub = True


def _on_compared_year(r: Reading, t: Tok, i: int) -> None:
    by = int(re.search(r"\d{4}", t.text).group())
    sticky = "下同" in r.text[t.end: t.end + 6]
    if r.sent_year is None:
        r.cmp_year = by  # the figure's year is not said here: resolve compares
        if sticky:
            r.st.cmp_sticky = by
    elif by != r.sent_year - 1:
        r.multi = True
        if sticky:
            r.st.multi_sticky = True


def _setter(name: str) -> Callable[[Reading, Tok, int], None]:
    def rule(r: Reading, t: Tok, i: int) -> None:
        setattr(r, name, True)
    rule.__name__ = f"_sets_{name}"
    return rule


def _synced_series(r: Reading, ind_tok: Tok) -> list[str]:
    """The series a relative target is about: each of a list of names (城镇居民…和农村居民…),
    each series of a two-series name (城镇和农村居民人均可支配收入), or the single reading
    of a name that has one (城乡居民收入: resident income)."""
    names = [x for x in r.inds_seen if x.start >= r.clause_start and x.ind]
    if len(names) > 1 and all(len(x.ind) == 1 for x in names) and all(
            _only_list_between(r.text, a.end, b.start) for a, b in zip(names, names[1:])):
        return [x.ind[0] for x in names]
    if ind_tok.single:
        return [ind_tok.single[0]]
    return list(ind_tok.ind)


def _on_synced(r: Reading, t: Tok, i: int) -> None:
    ind_tok = r.cur_ind or r.inherited
    if ind_tok is None or not ind_tok.ind:
        r.unplace(t, "synced_without_indicator")
        return
    if r.scope == "-":
        r.unplace(t, "not_about_a_region")
        return
    series = _synced_series(r, ind_tok)
    if any(f.indicator in series and f.modifier != "synced" for f in r.facts):
        return  # 增长8%,高于全省平均水平: a comparison of the figure, not a target
    for ind in series:
        r.facts.append(Fact(ind, "target", "growth_pct", None, 12, r.fig_year, modifier="synced",
                            start=ind_tok.start, end=t.end, value_start=t.start, value_end=t.end,
                            region=r.scope, unit="percent", role_cue=f"sentence:{t.text}",
                            year_cue=r.year_cue, year_rel=r.year_rel, rule="synced_with_growth"))


def _ranks_another_subject(r: Reading, t: Tok) -> bool:
    """…增长4.7%,创新能力评价居全国第四位: the clause names its own subject before the rank
    word, and it is no indicator, so the rank is not of the figure before."""
    if r.cur_ind is not None and r.cur_ind.start >= r.clause_start:
        return False
    cue = next((x for x in r.toks if x.kind == "rankcue" and r.clause_start <= x.start < t.start),
               None)
    return cue is not None and not _filler_clause(r.text, r.clause_start, cue.start, r.toks)


def _rank_gate(r: Reading, t: Tok, i: int) -> str | None:
    """Why a rank token is no fact, or None."""
    if not r.rank_cue:
        return "rank_without_cue"
    if r.multi or r.st.multi_sticky or r.sub:
        return "rank_of_a_non_annual_figure"
    if r.semi_pos and (r.cur_ind is None or r.cur_ind.start < r.semi_pos) \
            and not _filler_clause(r.text, r.semi_pos, t.start, r.toks):
        return "clause_subject_not_an_indicator"
    if _ranks_another_subject(r, t):
        return "rank_of_another_subject"
    toks = r.toks  # 由第9位上升到第8位: keep the later rank only
    if any(x.kind in ("cue", "rankcue") and x.text in _RANK_MOVES for x in toks[i + 1: i + 4]) \
            and any(x.kind == "rank" for x in toks[i + 1: i + 5]):
        return "earlier_rank"
    if r.scope == "-":
        return "not_about_a_region"
    return None


def _rank_indicators(r: Reading, t: Tok) -> list[str]:
    """The indicators a rank is about: a 均 list, a 分别 list, or the last one named."""
    if r.fenbie_all and r.last_group_inds:
        return list(r.last_group_inds)
    if t.group_size > 1 and r.fenbie is not None:
        cands = r.fenbie[-t.group_size:] if len(r.fenbie) >= t.group_size else []
        c = cands[t.pos_in_group] if cands else None
        return list(c[:1]) if c else []
    names = [x for x in r.inds_seen if x.start >= r.clause_start]
    if len(names) >= 2 and not any(f.value_start > names[0].start for f in r.facts):
        # 生产总值、规模以上工业增加值和进出口总额增速(四项指标)均居全省第1位: each of the list
        return [x.ind[0] for x in names if x.ind and len(x.ind) == 1]
    prev = r.facts[-1] if r.facts else None
    if prev is not None and r.cur_ind is not None and r.cur_ind.start > prev.value_end:
        prev = None  # a name after the last figure: the rank is of that name
    if prev is not None and prev.measure != "rank":
        return [prev.indicator]
    if r.cur_ind is not None and r.cur_ind.ind:
        return [r.cur_ind.ind[0]]
    if r.inherited is not None and r.inherited.ind:
        return [r.inherited.ind[0]]
    return []


def _on_rank(r: Reading, t: Tok, i: int) -> None:
    reason = _rank_gate(r, t, i)
    inds = [] if reason else _rank_indicators(r, t)
    if reason or not inds:
        r.unplace(t, reason or "rank_without_indicator")
        return
    anchor = r.cur_ind.start if r.cur_ind is not None else r.sent.start
    for ind in inds:
        r.facts.append(Fact(ind, "actual", "rank", t.value, r.period or r.st.line_period,
                            r.fig_year, start=anchor, end=t.end, value_start=t.start,
                            value_end=t.end, region=r.scope, unit="rank",
                            estimate=bool(r.estimate), role_cue="measure:rank",
                            year_cue=r.year_cue, year_rel=r.year_rel,
                            period_cue=r.period_cue or r.st.line_period_cue,
                            cmp_year=r.cmp_year, rule="rank_after_cue"))


_PLAN_NUMBERS = {"": 10, "一": 11, "二": 12, "三": 13, "四": 14, "五": 15, "六": 16, "七": 17}
_PLAN_RE = re.compile(r"十([一二三四五六七]?)五")
_NO_QUOTES = str.maketrans("", "", "“”\"'‘’")


def _on_plan(r: Reading, t: Tok, i: int) -> None:
    """“十一五”规划目标5000亿元 / 十四五末…达到: a figure of the plan's last year (the N-th
    plan ends in 1955 + 5N); 十四五期间…增长19.8%: growth over the plan, not a year's."""
    m = _PLAN_RE.search(t.text)
    rest = t.text[m.end():].strip("”\"'’")
    if not rest and not _PLAN_GOAL_AFTER.match(r.text, t.end, t.end + 6):
        return  # a plan named in passing (“十三五”规划圆满收官)
    end = 1955 + 5 * _PLAN_NUMBERS[m.group(1)]
    r.fig_year, r.year_rel, r.year_cue = end, None, t.text.translate(_NO_QUOTES)
    if "期间" in rest or "时期" in rest:
        r.plan_span = True
    if "目标" in t.text or _PLAN_GOAL_AFTER.match(r.text, t.end, t.end + 6):
        r.target_clause, r.target_word = True, t.text


_PLAN_GOAL_AFTER = re.compile(r"\s*(?:规划)?(?:目标|期末|末)")
_OF_YEAR = re.compile(r"\s*(?:末|底)?的\s*(?=\d)")


def _on_year(r: Reading, t: Tok, i: int) -> None:
    """由2010年的1200亿元增加到2015年的2100亿元: a year joined to its figure by 的 is that
    figure's year (and the figure is a level reached, not an increment)."""
    m = _OF_YEAR.match(r.text, t.end, t.end + 4)
    if m and t.year is not None:
        r.fig_year, r.year_rel, r.year_cue = t.year, None, t.text.replace(" ", "")
        r.year_of_figure = m.end()


def _ignore(r: Reading, t: Tok, i: int) -> None:
    """Words that only separate figures (list marks …), and (下同): it carries a unit or a
    comparison basis forward, not 预计."""


#: token kind -> the rule it triggers (figures go to :func:`read_figure`)
WORD_RULES: dict[str, Callable[[Reading, Tok, int], None]] = {
    "bound": _on_bound,
    "ind": _on_name,
    "cue": _on_cue,
    "lp": _on_open_paren,
    "rp": _on_close_paren,
    "period": _on_period,
    "xiatong": _ignore,
    "targethead": _on_target_head,
    "fenbie": _on_fenbie,
    "qizhong": _on_sub,
    "cmpyear": _on_compared_year,
    "milestone": _setter("milestone"),
    "rankcue": _setter("rank_cue"),
    "control": _setter("control"),
    "synced": _on_synced,
    "rank": _on_rank,
    "year": _on_year,
    "plan": _on_plan,
    "single": _on_single_period,
}


def _start(sent: Sentence, text: str, doc_region: str | None, st: LineState, lookup_region,
           toks: list[Tok], inherit: bool, kinds: set[str]) -> Reading:
    """The reading state at the start of a sentence: its year words, line heading, inheritance."""
    if sent.line_no != st.line_no:
        st.line_no = sent.line_no
        st.line_target = False
        st.multi_sticky = False
    # a heading sentence such as 关于经济发展类目标(13个)。 makes the rest of its line targets
    if sent.index_in_line == 0 and len(sent.text.strip()) <= 30 and \
            (_TARGET_HEADING.search(sent.text) or "targethead" in kinds) and \
            not any(t.kind in _FIGURE_KINDS and t.unit not in ("", "个") for t in toks):
        st.line_target = True
    r = Reading(sent, text, toks, st, doc_region, lookup_region, clause_start=sent.start,
                cmp_year=st.cmp_sticky)
    r.sent_year = r.fig_year = _sentence_year(sent, toks) if "year" in kinds else None
    r.year_cue = f"{r.sent_year}年" if r.sent_year else ""
    if r.sent_year is None:
        rel = _RELATIVE_YEAR.match(sent.text)
        if rel:
            r.year_rel, r.year_cue = _RELATIVE_YEARS[rel.group(1)], rel.group(1)
        elif st.last_year is not None and _THEN.match(sent.text):
            r.fig_year, r.year_cue = st.last_year, "届时"  # 到2015年…。届时,…将分别达到…
    park = _PARK_SUBJECT.match(sent.text) if "ind" in kinds else None
    if park is not None and not park.group(1).startswith(("全", "我")):
        r.scope, r.scope_clause = park.group(1), sent.start
    r.item_head = sent.line_is_item and sent.index_in_line == 0 and "period" not in kinds
    r.line_target = st.line_target  # (_start has moved st to this line)
    if inherit and st.last_ind is not None and st.last_ind_line >= sent.line_no - 1:
        r.inherited = st.last_ind
    return r


def read_sentence(sent: Sentence, text: str, doc_region: str | None, st: LineState,
                  lookup_region, toks: list[Tok], inherit: bool, kinds: set[str]) -> None:
    """Turn one sentence's tokens into drafts (``st.facts``) and unplaced numbers.

    ``kinds`` is the set of the tokens' kinds; ``inherit``: the sentence names
    nothing and may take the indicator of the sentence or line before.
    """
    r = _start(sent, text, doc_region, st, lookup_region, toks, inherit, kinds)
    _read_tokens(r, toks)
    if r.fig_year is not None and r.year_rel is None:
        st.last_year = r.fig_year


_THEN = re.compile(r"\s*(?:届时|到那时|到时)")


def _read_tokens(r: Reading, toks: list[Tok]) -> None:
    rules = WORD_RULES
    for i, t in enumerate(toks):
        if t.kind in _FIGURE_KINDS:
            read_figure(r, t)
        else:
            rule = rules.get(t.kind)
            if rule is not None:
                rule(r, t, i)
    emit(r)
