"""Word-level helpers of the statement rules: scopes, years, modifiers and filler words."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..text.patterns import is_literal, trie_regex
from ..text.segment import Sentence
from ..vocabulary import read_vocabulary
from .scanner import Tok, vocab

_OWN_SCOPE = ("全市", "全县", "全区", "全省", "我市", "我县", "我区", "本市", "全旗", "全州", "全盟")
_PARK_WORDS = ("高新区|经开区|开发区|工业园区|园区|新区|本级|城区|主城区|集中区|集聚区|示范区|试验区|"
               "保税区|工业园|产业园")
_PARK = re.compile(rf"([\u4e00-\u9fff]{{2,8}}?(?:{_PARK_WORDS}))$")
#: a sentence that opens with a park as its subject (县工业集中区新增…,完成…增加值11亿元)
_PARK_SUBJECT = re.compile(rf"[\s\d.、()（）一二三四五六七八九十]*([\u4e00-\u9fff]{{1,8}}?(?:{_PARK_WORDS}))"
                           r"(?=新增|完成|实现|累计|共|全年|上半年|[\u4e00-\u9fff]{0,12}?\d)")
_NON_REGION_SCOPE = re.compile(r"(?:项目|企业|公司|集团|产业园|物流园|园区项目)[\u4e00-\u9fff]{0,2}$")
_SUBREGION = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:区|县|市|旗))$")
_COMPLETION_STRICT = re.compile(
    r"(?:完成|为|占|达到|达)[^,;。:]{0,18}?(?:目标任务|目标|任务|计划|预算)[^,;。:]{0,16}?的\s*$"
    r"|完成进度\s*$|序时进度\s*$")
_FIGURE_KINDS = frozenset({"num", "range"})
_RATE_INDICATORS = ("registered_unemployment_rate", "surveyed_unemployment_rate")
_PCT_GROWTH_INDICATORS = ("cpi", "energy_intensity")


_FIGURE = re.compile(r"\d\s*(?:%|亿|万|元|人|个)")

#: a heading that names targets: 关于经济发展类目标(13个)。 / 主要预期目标:
_TARGET_HEADING = re.compile(r"目标\s*(?:\(\s*\d+\s*个\s*\))?\s*[。:]?\s*$")

#: a sentence can hold a fact, or state later sentences need, only if this matches
_RELEVANT = re.compile(r"\d\s*(?:%|亿|万|元|人|个|位|名|倍)|第\s*\d|指数\s*\d|同步|下达|季度|半年|"
                       r"1[-—–~～至到]\d|全年|年末|年底|目标|下同|截至|快于|高于全|不低于")


_SCOPE_VERBS = re.compile(r"(完成|实现|累计|共|的)+$")


@lru_cache(maxsize=16384)
def _scope_before(before: str, lookup_region) -> str | None:
    """What the words before an indicator name say it is about.

    ``""`` for the document's own region (全市, 我县 …), ``"-"`` for something
    that is not a region (项目, 企业 …), a park or sub-region name, or None
    when they say nothing. Cached: a pure function of a short string.
    """
    before = _SCOPE_VERBS.sub("", before)
    if not before:
        return None
    if before.endswith(_OWN_SCOPE):
        return ""
    if _NON_REGION_SCOPE.search(before):
        return "-"
    m = _PARK.search(before)
    if m:
        return m.group(1)
    m = _SUBREGION.search(before)
    if m and lookup_region is not None:
        name = m.group(1)
        for k in range(len(name) - 1):  # the longest name first: 长沙县, not 沙县
            resolved = lookup_region(name[k:])
            if resolved:
                return resolved
    return None



#: words that may stand before a sentence's opening year (据初步核算,2021年…; a clause
#: opening with a year is read by :func:`_clause_year`)
_YEAR_LEAD_IN = re.compile(r"[\s,:()、.\d一二三四五六七八九十]|截至|截止|到|预计|据初步核算|初步核算|"
                           r"据统计|经初步核算|在")


def _sentence_year(sent: Sentence, toks: list[Tok]) -> int | None:
    for t in toks:
        if t.kind == "year":
            prefix = sent.text[: t.start - sent.start]
            prefix = _YEAR_LEAD_IN.sub("", prefix)
            if len(prefix) <= 2:
                return t.year
            return None
        if t.kind in ("num", "ind"):
            return None
    return None


#: a sentence that opens with a relative year word (今年,… / 去年全市…)
_RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "明年": 1}
_RELATIVE_YEAR = re.compile(r"[\s,:、]*(?:\d+[.、]|[(（][一二三四五六七八九十\d]+[)）])?\s*"
                            r"(今年|本年|去年|上年|上一年|明年)(?!同期)")

_CLAUSE_YEAR = re.compile(r"\s*((?:19|20)\d{2})\s*年(?![代底末初度]|以来|\s*\d)\s*[,，]?\s*(?=\D)")


def _clause_year(text: str, pos: int, end: int) -> tuple[int | None, int | None, str] | None:
    """The year a clause starting at ``pos`` opens with: (absolute, relative, words), or None."""
    m = _CLAUSE_YEAR.match(text, pos, end)
    if m:
        return int(m.group(1)), None, f"{m.group(1)}年"
    m = _RELATIVE_YEAR.match(text, pos, end)
    if m:
        return None, _RELATIVE_YEARS[m.group(1)], m.group(1)
    return None



@cache
def _modifier_res() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str]]:
    """Regexes for the modifier words of ``modifiers.csv`` (after / before a figure)."""
    rows = read_vocabulary("modifiers.csv")
    after = {r["pattern"]: r["modifier"] for r in rows if r["position"] == "after"}
    before = {r["pattern"]: r["modifier"] for r in rows if r["position"] == "before"}
    # tries: longest word first at a position, as a longest-first alternation
    after_re = re.compile(r"\s*(" + trie_regex(list(after)) + ")")
    before_re = re.compile("(" + trie_regex(list(before)) + r")\s*$")
    return after_re, before_re, after, before


def _modifier(text: str, tok: Tok, clause_start: int) -> str:
    """Modifier of a figure from the words right after or right before it."""
    after_re, before_re, after, before = _modifier_res()
    m = after_re.match(text, tok.end, tok.end + 6)
    if m:
        return after[m.group(1)]
    # stray spaces from PDF extraction (突 破200亿元) do not hide the word
    word = _before_word("".join(text[max(clause_start, tok.start - 8): tok.start].split()))
    return before[word] if word is not None else "point"


def _before_word(window: str) -> str | None:
    """The modifier word ``window`` ends with: ``before_re.search(window)`` (its group), faster.

    ``window`` holds no white space, so a match of ``(word)\\s*$`` ends at the
    end and the leftmost one is the longest word the window ends with: at
    most as many dictionary lookups as the longest word has characters.
    """
    _, before_re, _, before = _modifier_res()
    if not _before_words_literal():
        m = before_re.search(window)
        return m.group(1) if m else None
    for k in range(min(len(window), _longest_before()), 0, -1):
        if window[-k:] in before:
            return window[-k:]
    return None


@cache
def _before_words_literal() -> bool:
    return all(is_literal(w) for w in _modifier_res()[3])


@cache
def _longest_before() -> int:
    return max(map(len, _modifier_res()[3]), default=0)


def _money_indicator(ind: str) -> bool:
    return vocab().base_units.get(ind) == "yuan"





#: words that say nothing about what a figure is
_FILLERS = (
    "完成情况", "进展情况", "执行情况", "完成", "完", "实现", "达到", "达", "为", "是", "共", "累计",
    "全年", "年度", "预算数", "预算", "目标", "计划", "预计", "预期", "全市", "全县", "全区", "全省",
    "我市", "我县", "我区", "本市", "同比", "比上年同期", "比上年", "比去年", "上年同期", "较上年",
    "按可比价格计算", "按不变价格计算", "按可比价计算", "同口径", "可比口径", "口径", "可比",
    "初步核算", "初步统计", "据", "其中", "有效", "控制在", "保持在", "稳定在", "力争", "争取", "确保",
    "左右", "以上", "以内", "的", "和", "及", "与", "总", "额", "值",
)
_FILLER_CHARS = r"[\s,:;()、.%\d一二三四五六七八九十]"
#: as a trie (tried longest first at a position), then the filler characters
#: a basis of adjustment (考虑政策性减收因素, 扣除减税降费因素后): the figure is the same
#: indicator's on another basis, a second figure
_ADJUSTED_BASIS = r"(?:不考虑|考虑|扣除|剔除)[^,;。:]{0,14}?因素后?"
_FILLER_WORDS = re.compile(_ADJUSTED_BASIS + "|" + trie_regex(list(_FILLERS)) + "|" + _FILLER_CHARS)


#: token kinds that are left out of a clause when judging whether it is filler
_FILLER_KINDS = frozenset({"period", "cue", "year", "date", "targethead", "control", "fenbie",
                           "rankcue", "bound", "lp", "rp", "lst", "num", "range", "rank",
                           "xiatong"})


def _filler_clause(text: str, a: int, b: int, toks: list[Tok]) -> bool:
    """True when the clause before a figure holds only verbs, cues and markers."""
    pieces = []
    pos = a
    for t in toks:  # sorted by start
        if t.start >= b:
            break
        if t.end <= a:
            continue
        if t.kind in _FILLER_KINDS:
            pieces.append(text[pos: max(pos, t.start)])
            pos = max(pos, t.end)
    pieces.append(text[pos:b])
    rest = _FILLER_WORDS.sub("", "".join(pieces))
    return len(rest) <= 2


def _cue_between(toks: list[Tok], a: int, b: int) -> bool:
    return any(t.kind == "cue" and t.cue_kind in ("growth_up", "growth_down") and a <= t.start < b
               and t.text not in ("增",) for t in toks)


def _only_list_between(text: str, a: int, b: int) -> bool:
    between = text[a:b]
    between = re.sub(r"左右|以上|以内|力争|争取|[、,\s]|增长|达到|实现", "", between)
    return len(between) <= 2


def _modifier_end(text: str, t: Tok) -> int:
    m = _modifier_res()[0].match(text, t.end, t.end + 6)
    return m.end() if m else t.end


def _sentence_body_start(sent: Sentence) -> int:
    m = re.match(r"\s*", sent.text)
    return sent.start + (m.end() if m else 0)


def _unit_of(measure: str, ind: str) -> str:
    if measure == "level":
        return vocab().base_units.get(ind, "yuan")
    if measure == "rank":
        return "rank"
    return "percent"


#: a run of Han characters broken by something that is no punctuation (工ye业, 生产▲总值)
_BROKEN_RUN = re.compile(r"[\u4e00-\u9fff][^\u4e00-\u9fff\d\s，。、；：！？,.;:!?%（）()“”\"]{1,8}[\u4e00-\u9fff]")
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


@lru_cache(maxsize=4096)
def garbled_name(text: str) -> bool:
    """True when ``text`` names a headline indicator only once the noise inside a word is
    taken out (规模以上工ye业增加值, 地区生产▲总值): the name is there but unreadable."""
    if not _BROKEN_RUN.search(text):
        return False
    from .scanner import tokenize

    return any(t.kind == "ind" and t.ind for t in tokenize(_NOT_HAN.sub("", text)))
