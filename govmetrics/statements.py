"""Find quantified statements (targets and actuals) in normalized text.

This is the rule engine of the extractor. It works sentence by sentence on
the normalized text (see :mod:`govmetrics.normalize`) and returns
:class:`Fact` objects with spans in the normalized text, plus every number
it saw but did not place, with the reason (:class:`Unplaced`).

The vocabularies (indicator aliases, units, modifiers, period words and cue
words) are CSV files in ``govmetrics/data``; this module only combines them.

Rules, in brief
---------------
* A figure's indicator is the nearest indicator name before it in the same
  sentence; a non-headline name in between (产值, 第一产业增加值, 财政总收入 …)
  blocks it. A sentence that names nothing and starts with a figure or a
  growth word (``上半年预计同比增长108.9%``) inherits the indicator of the
  sentence or heading line before it.
* 分别 lists assign their values, in order, to the last indicators named.
* A percentage is a growth rate only after a growth word (增长, 下降 …);
  下降 makes it negative. Rates (unemployment) need no growth word.
* Role: target when a target cue governs the figure (预期目标, 目标是, 预算数,
  力争 …), inside a bulletin's item heading, inside a work report's target
  section, or in a target breakdown; otherwise actual.
* Period: the nearest period word before the figure in its sentence, else the
  last one in its line, else the document's reporting period, else 12.
"""

from __future__ import annotations

import bisect
import csv
import heapq
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from .patterns import consumed_chars, is_literal, literal_first, required_words, trie_regex
from .segment import ITEM_MARKER, Line, Sentence, line_spans, segment_line

# --------------------------------------------------------------------------
# vocabularies


def _csv(name: str) -> list[dict[str, str]]:
    text = resources.files("govmetrics").joinpath("data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@dataclass(frozen=True)
class _Vocab:
    passes: tuple[re.Pattern[str], ...]
    aliases: list[tuple[str, str]]
    alias_res: list[re.Pattern[str]]
    period_res: list[tuple[re.Pattern[str], str]]
    cue_kinds: dict[str, str]
    lit_kinds: dict[str, str]
    units: dict[str, tuple[float, str]]
    base_units: dict[str, str]
    #: token kind of each scanner group named for a row (``per``/``p3``: period,
    #: ``c5``: cue); other group names are their kinds
    group_kinds: dict[str, str]


@cache
def vocab() -> _Vocab:
    """Compile the vocabularies into one scanner (cached)."""
    rows = _csv("indicator_aliases.csv")
    aliases = [(r["pattern"], r["indicator"]) for r in rows]
    # specific names before generic heads, longest first, so that 规模以上工业增加值
    # wins over 增加值 at the same position
    order = sorted(range(len(aliases)),
                   key=lambda i: (int(rows[i].get("priority") or 0), -len(aliases[i][0])))
    aliases = [aliases[i] for i in order]
    periods = [(r["pattern"], r["period_end"]) for r in _csv("periods.csv")]
    cues = _csv("cues.csv")
    units = {r["unit"]: (float(r["multiplier"]), r["base_unit"]) for r in _csv("units.csv")}
    from .vocabulary import indicators

    base_units = {r["id"]: r["base_unit"] for r in indicators()}
    lit_kinds: dict[str, str] = {}  # word -> token kind, for the merged word passes

    unit_alt = trie_regex(list(units) + ["亿美元", "万美元", "美元", "个百分点", "百分点", "万人次", "人次"])
    figure = rf"\d(?:\d{{0,2}}(?:,\d{{3}})+(?!\d)|\d*)(?:\.\d+)?(?:\s*(?:{unit_alt}))?"
    # Every part starts with a plain character or a character set, so that the
    # regex engine skips positions that cannot start it without trying them.
    # an alias that starts with a figure (500万元以上固定资产投资) must win over the figure
    parts = _merged_parts("ind", (fig := [p for p, _ in aliases
                                          if not is_literal(p) and re.match(r"\(\?:\d|\d", p)]),
                          ["ind"] * len(fig))
    rx_aliases = [p for p, _ in aliases if not is_literal(p) and not re.match(r"\(\?:\d|\d", p)]
    parts += [
        # (?<!\d\d) after the first digit: a start inside a number fails anyway; fail it at once
        r"(?P<date>\d(?<!\d\d)(?:\d{3}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d?月\d{1,2}日))",
    ]
    period_names = [f"p{i}" for i in range(len(periods))]
    group_kinds = dict.fromkeys(["per", *period_names], "period")
    parts += _merged_parts("per", [_strip_groups(pat) for pat, _ in periods], period_names)
    parts += [
        r"(?P<range>\d(?<!\d\d)\d*+(?:\.\d+)?\s*%?\s*[-—–~～至到]\s*\d+(?:\.\d+)?\s*%)",
        r"(?P<rank>第\s*\d{1,3}\s*(?:位|名)?)",
        r"(?P<year>(?:19|20)\d{2}\s*年(?!代))",
        # a minus sign counts unless it joins two figures (2020-2021, 5%-6%)
        rf"(?P<num>-(?<![\d%.]-){figure})",
        rf"(?P<num>{figure})",
        r"(?P<synced>[与和同](?:经济增长|经济增速|GDP增长|地区生产总值增长|经济发展)(?:基本)?同步)",
        r"(?P<synced>完成(?:省|市|上级)(?:政府)?下达的?(?:目标)?任务)",
        *_merged_parts("ind", rx_aliases, ["ind"] * len(rx_aliases)),
        _merge_words([("ind", [p for p, _ in aliases if is_literal(p)]),
                      ("xiatong", ["(下同)"]), ("qizhong", ["其中"])], lit_kinds),
        r"(?P<cmpyear>(?:比|较|与|是)\s*(?:19|20)\d{2}\s*年(?:末|底)?)",
        r"(?P<milestone>跃上|迈上|跨上|站上|跃居|突破.{0,4}大关)",
    ]
    # rank words before cue words: 由第9位上升到第8位 is a rank, not growth
    parts.append(r"(?P<rankcue>排名|排位|排在|排列|排|位居|位列|居于|居|列|名列|上升到|上升至|升至"
                 r"|前移至|提升至)")
    cue_kinds: dict[str, str] = {}
    cue_words: list[str] = []
    for j, r in enumerate(cues):
        alts = r["pattern"].split("|")
        lit = [a for a in alts if is_literal(a)]
        rx = [a for a in alts if not is_literal(a)]
        if rx:
            parts.append(f"(?P<c{j}>{'|'.join(rx)})")
            cue_kinds[f"c{j}"] = r["kind"]
            group_kinds[f"c{j}"] = "cue"
        for w in lit:
            cue_kinds.setdefault(w, r["kind"])
            cue_words.append(w)
    parts.append(_merge_words([
        ("cue", cue_words),
        ("targethead", _TARGET_HEADS),
        ("fenbie", ["分别", "分居", "依次", "均"]),
        ("control", ["控制在", "保持在", "稳定在"]),
        ("bound", list(",;:，；：")),
        ("lp", list("(（[")),
        ("rp", list(")）]")),
        ("lst", list("、和及")),
    ], lit_kinds))
    # One regex per part: Python's re skips positions quickly only when a
    # pattern starts with a literal or a character set, which a single
    # alternation of all parts does not; the parts are merged by position.
    passes = tuple(re.compile(p) for p in parts)
    return _Vocab(
        passes=passes,
        aliases=aliases,
        alias_res=[re.compile(p) for p, _ in aliases],
        period_res=[(re.compile(p), v) for p, v in periods],
        cue_kinds=cue_kinds,
        lit_kinds=lit_kinds,
        units=units,
        base_units=base_units,
        group_kinds=group_kinds,
    )


def _merged_parts(name: str, patterns: list[str], names: list[str]) -> list[str]:
    """Scanner parts for consecutive vocabulary patterns, merged where that is fast.

    A run of patterns whose every alternative starts with a plain character
    becomes one part named ``name`` (the regex engine then skips the other
    positions fast, and one pass replaces many). The others stay parts of
    their own, named from ``names``. Order, and so priority, is kept: at a
    position the first alternative that matches wins, as the first part did.
    """
    out: list[str] = []
    run: list[str] = []
    for pat, own in zip(patterns, names):
        alts = literal_first(pat)
        if alts is None:
            if run:
                out.append(f"(?P<{name}>" + "|".join(run) + ")")
                run = []
            out.append(f"(?P<{own}>{pat})")
        else:
            run += alts
    if run:
        out.append(f"(?P<{name}>" + "|".join(run) + ")")
    return out


def _merge_words(parts: list[tuple[str, list[str]]], kinds: dict[str, str]) -> str:
    """One pass for consecutive word-list parts of the scanner, in priority order.

    At a position the scanner gives a match to the earliest part, while one
    regex gives it to the longest word. The two agree once every word that
    starts with a word of an earlier part is dropped (it could never win).
    ``kinds`` receives each kept word's token kind.
    """
    earlier: list[str] = []
    kept: list[str] = []
    for kind, words in parts:
        own = []
        for w in words:
            if w in kinds or any(w.startswith(e) for e in earlier):
                continue
            kinds[w] = kind
            own.append(w)
        kept += own
        earlier += own
    return "(?P<lit>" + trie_regex(kept) + ")"


_TARGET_HEADS = [
    p + m + "目标" + e
    for p in ("", "主要") for m in ("", "预期", "发展", "奋斗") for e in ("是", "为", ":", " :")
] + ["预期目标:", "预期目标是", "预期目标为", "主要预期目标"]


def _strip_groups(pat: str) -> str:
    """Turn capturing groups of a vocabulary pattern into non-capturing ones."""
    return re.sub(r"\((?!\?)", "(?:", pat)


# --------------------------------------------------------------------------
# tokens


@dataclass(slots=True)
class Tok:
    """A token of a sentence (offsets in the normalized document text)."""

    kind: str
    start: int
    end: int
    text: str
    value: float | None = None
    unit: str = ""
    ind: tuple[str, ...] | None = None  # () for a non-headline name
    alt: tuple[str, ...] | None = None  # for pair aliases: the single-value reading
    period: int | None = None
    year: int | None = None
    group: int = -1
    pos_in_group: int = 0
    group_size: int = 1


_NUM_RE = re.compile(r"(-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)\s*(.*)", re.S)
_FIGURE_CHARS = "-0123456789.,"


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    """Tokenize one sentence.

    Parameters
    ----------
    text : str
        A sentence of normalized text.
    offset : int
        Offset of ``text`` in the document (added to token spans).

    Returns
    -------
    list of Tok

    Examples
    --------
    >>> [t.kind for t in tokenize("1-9月,地区生产总值增长4.4%")]
    ['period', 'bound', 'ind', 'cue', 'num']
    """
    toks = scan(text, offset)
    _group_lists(toks)
    return toks


def scan(text: str, offset: int = 0) -> list[Tok]:
    """Scan text into tokens (no list grouping).

    Every vocabulary part is matched on its own; at each position the
    earliest-starting match wins, ties going to the part listed first, and a
    match that overlaps an accepted one is dropped.
    """
    v = vocab()
    return [_token(v, m, m.start() + offset, m.end() + offset) for m in _accepted(v, text)]


def _accepted(v: _Vocab, text: str) -> list[re.Match[str]]:
    """The matches :func:`scan` turns into tokens, in order."""
    cands: list[tuple[int, int, int, re.Match[str]]] = []
    add = cands.append
    for prio, rx in enumerate(v.passes):
        for m in rx.finditer(text):
            st, en = m.span()
            if en > st:
                add((st, prio, en, m))  # (start, prio) is unique: matches are never compared
    cands.sort()
    out: list[re.Match[str]] = []
    last_end = 0
    for i, (start, _, end, m) in enumerate(cands):
        if start >= last_end:
            last_end = end
            out.append(m)
        elif end > last_end:  # rare: a part must look again, see _accept_from
            return _accept_from(v, text, cands, i, last_end, out)
    return out


def _accept_from(v: _Vocab, text: str, cands: list[tuple[int, int, int, re.Match[str]]],
                 i: int, last_end: int, out: list[re.Match[str]]) -> list[re.Match[str]]:
    """:func:`_accepted` from candidate ``i`` on, looking again where a match was cut.

    A match that overlaps an accepted one but reaches past it hid what its
    part's own scan would have found after the accepted end: that part
    searches again from there, and the new match joins the candidates.
    """
    extra: list[tuple[int, int, int, re.Match[str]]] = []  # matches found by looking again
    seen: set[tuple[int, int]] | None = None  # built on the first look-again
    n = len(cands)
    while i < n or extra:
        if extra and (i >= n or extra[0][:2] < cands[i][:2]):
            start, prio, end, m = heapq.heappop(extra)
        else:
            start, prio, end, m = cands[i]
            i += 1
        if start < last_end:
            if end > last_end:
                # this part's own scan skipped what overlapped this match: look again
                m = v.passes[prio].search(text, last_end)
                while m is not None and m.end() == m.start():
                    m = v.passes[prio].search(text, m.end() + 1)
                if seen is None:
                    seen = {(c[0], c[1]) for c in cands[i:]} | {(c[0], c[1]) for c in extra}
                if m is not None and (m.start(), prio) not in seen:
                    seen.add((m.start(), prio))
                    heapq.heappush(extra, (m.start(), prio, m.end(), m))
            continue
        last_end = end
        out.append(m)
    return out


def _token(v: _Vocab, m: re.Match[str], s: int, e: int) -> Tok:
    """The token for an accepted match (spanning ``s:e`` in the document)."""
    kind = m.lastgroup or ""
    raw = m.group()
    if kind == "lit":
        kind = v.lit_kinds[raw]
        if kind == "ind":
            return _ind_tok(raw, s, e)
        if kind == "cue":
            return Tok("cue", s, e, raw, None, v.cue_kinds[raw])
        return Tok(kind, s, e, raw)
    if kind == "num":
        # the figure, then its unit (no unit starts with a figure character);
        # a digit other than 0-9 (\d matches any) is read by the figure regex
        unit = raw.lstrip(_FIGURE_CHARS)
        if unit[:1].isdigit() or len(unit) == len(raw):
            mm = _NUM_RE.match(raw)
            return Tok("num", s, e, raw, float(mm.group(1).replace(",", "")), mm.group(2).strip())
        return Tok("num", s, e, raw, float(raw[:len(raw) - len(unit)].replace(",", "")),
                   unit.strip())
    if kind == "ind":
        return _ind_tok(raw, s, e)
    if kind == "per":  # a merged period part: the first pattern that matches here
        kind = next(f"p{i}" for i, (rx, _) in enumerate(v.period_res)
                    if rx.match(m.string, m.start()))
    group_kind = v.group_kinds.get(kind)
    if group_kind == "period":
        pat, val = v.period_res[int(kind[1:])]
        if val == "group":
            mm = pat.match(raw)
            period = int(mm.group(1)) if mm and mm.groups() else None
        else:
            period = int(val)
        if period is None or not 1 <= period <= 12:
            return Tok("other", s, e, raw)
        return Tok("period", s, e, raw, period=period)
    if group_kind == "cue":
        return Tok("cue", s, e, raw, unit=v.cue_kinds[kind])
    if kind == "range":
        nums = _DIGITS.findall(raw)
        return Tok("range", s, e, raw, value=float(nums[0]), unit="%", alt=(nums[0], nums[1]))
    if kind == "rank":
        return Tok("rank", s, e, raw, value=float(_DIGITS.search(raw).group()))
    if kind == "year":
        return Tok("year", s, e, raw, year=int(raw[:4]))
    return Tok(kind, s, e, raw)


@cache
def _literal_aliases() -> dict[str, str]:
    v = vocab()
    out: dict[str, str] = {}
    for pat, ind in v.aliases:
        if is_literal(pat):
            out.setdefault(pat, ind)
    return out


def _ind_tok(raw: str, s: int, e: int) -> Tok:
    ind, alt = _resolve_alias(raw)
    return Tok("ind", s, e, raw, ind=ind, alt=alt)


@lru_cache(maxsize=8192)
def _resolve_alias(raw: str) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """Indicator ids a matched name stands for, and the single reading of a pair.

    ``()`` for a non-headline name. Cached: the same names recur in every document.
    """
    v = vocab()
    lit = _literal_aliases().get(raw)
    pairs = [(None, ("", lit))] if lit is not None else zip(v.alias_res, v.aliases)
    for rx, (_, ind) in pairs:
        if rx is None or rx.fullmatch(raw):
            if not ind:
                return (), None
            if "|" in ind:
                single, pair = ind.split("|", 1)
                return tuple(pair.split("+")), (single,)
            if "+" in ind:
                return tuple(ind.split("+")), None
            return (ind,), None
    return (), None


def _group_lists(toks: list[Tok]) -> None:
    """Mark runs of figures joined by 、/和/及 (a list) with a group id."""
    gid = 0
    i = 0
    n = len(toks)
    while i < n:
        if toks[i].kind not in ("num", "range", "rank"):
            i += 1
            continue
        members = [i]
        j = i + 1
        while j + 1 < n and toks[j].kind == "lst" and toks[j + 1].kind == toks[i].kind:
            members.append(j + 1)
            j += 2
        # 、 between two percentages may also be written with the stretch cue
        for k, idx in enumerate(members):
            toks[idx].group = gid
            toks[idx].pos_in_group = k
            toks[idx].group_size = len(members)
        gid += 1
        i = members[-1] + 1


# --------------------------------------------------------------------------
# results


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
    estimate: int = 0
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


_OWN_SCOPE = ("全市", "全县", "全区", "全省", "我市", "我县", "我区", "本市", "全旗", "全州", "全盟")
_PARK = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:高新区|经开区|开发区|工业园区|园区|新区|本级|城区|主城区))$")
_NON_REGION_SCOPE = re.compile(r"(?:项目|企业|公司|集团|产业园|物流园|园区项目)[\u4e00-\u9fff]{0,2}$")
_SUBREGION = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:区|县|市|旗))$")
_COMPLETION_STRICT = re.compile(
    r"(?:完成|为|占|达到|达)[^,;。:]{0,18}?(?:目标任务|目标|任务|计划|预算)[^,;。:]{0,16}?的\s*$"
    r"|完成进度\s*$|序时进度\s*$")
_FIGURE_KINDS = frozenset({"num", "range"})
_RATE_INDICATORS = ("registered_unemployment_rate", "surveyed_unemployment_rate")
_PCT_GROWTH_INDICATORS = ("cpi", "energy_intensity")


@dataclass
class _State:
    """Line- and document-level state carried between sentences."""

    line_target: bool = False
    multi_sticky: bool = False
    cmp_sticky: int | None = None  # a 比YYYY年(下同) base year the sentence could not settle
    line_no: int = -1
    line_period: int | None = None
    line_period_cue: str = ""
    last_ind: Tok | None = None
    last_ind_line: int = -1
    facts: list[Fact] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


def find_statements(text: str, region: str | None = None,
                    lookup_region=None, *, account: bool = True,
                    spans: list[tuple[int, int]] | None = None
                    ) -> tuple[list[Fact], list[Unplaced]]:
    """Find every quantified headline statement in normalized text.

    Parameters
    ----------
    text : str
        Normalized document text.
    region : str, optional
        The document's own region (a figure naming it is about the document).
    lookup_region : callable, optional
        ``name -> canonical name or None``; used to recognise figures about a
        sub-region (咸安区完成地区生产总值…), which get that region.
    account : bool, default True
        List every digit no rule looked at among the unplaced numbers.
    spans : list of (int, int), optional
        The text's line spans, when already computed (the frame keeps them).

    Returns
    -------
    facts : list of Fact
        Drafts: what each sentence says (context fields empty where it says
        nothing; :func:`govmetrics.resolve.resolve` fills them).
    unplaced : list of Unplaced
        Every other number token, with a reason.

    Examples
    --------
    >>> facts, _ = find_statements("主要预期目标:地区生产总值增长8%左右。")
    >>> f = facts[0]
    >>> (f.indicator, f.role, f.role_cue, f.year, f.value, f.modifier, f.rule)
    ('gdp', 'target', 'sentence:主要预期目标', None, 8.0, 'about', 'name_then_figure')
    """
    st = _State()
    if spans is None:
        spans = line_spans(text)
    # A fact needs a headline indicator named in its line, or (inherited) in the
    # line before: only those lines are segmented and scanned. Other lines only
    # move the section state, and may lend a name to the line after them.
    # A line after a named one matters only through a sentence that can take
    # that name, one that starts with its figure (_may_inherit, a test on the
    # text alone); otherwise it is left unread too.
    named = _named_lines(text, spans)
    lines: dict[int, Line] = {}
    for i, (s, e) in enumerate(spans):
        if named[i]:
            lines[i] = segment_line(text, s, e, i)
        elif i > 0 and named[i - 1]:
            line = segment_line(text, s, e, i)
            if any(_may_inherit(x.text) for x in line.sentences):
                lines[i] = line
    live = [i in lines for i in range(len(spans))]
    relevant = [sent for line in lines.values() for sent in line.sentences
                if _RELEVANT.search(sent.text)]
    by_sentence = _scan_sentences(relevant)
    skipped: list[Sentence] = []
    pending: tuple[int, int, int] | None = None  # the line before, when it was not scanned
    for i in range(len(spans)):
        if not live[i]:
            continue
        st.line_period = None
        st.line_period_cue = ""
        if i > 0 and not live[i - 1]:
            skipped.clear()
            pending = (*spans[i - 1], i - 1)
        else:
            pending = None
        for sent in lines[i].sentences:
            toks = by_sentence.get(sent.start)
            if toks is None:
                skipped.append(sent)  # no figure and no state: scanned only if needed
                continue
            if sent.index_in_line == 0 and sent.line_is_item:
                m = ITEM_MARKER.match(sent.text)  # 1. / (一): not a figure
                cut = sent.start + (m.end() if m else 0)
                toks = [t for t in toks if t.start >= cut]
            _group_lists(toks)
            kinds = {t.kind for t in toks}
            inherit = "ind" not in kinds and _can_inherit(sent, text, toks)
            if inherit:
                _lend_name(text, sent, skipped, pending, st)
            skipped.clear()
            _sentence(sent, text, region, st, lookup_region, toks, inherit, kinds)
    if account:
        _account_for_all_numbers(text, st, [spans[i] for i in lines])
    return st.facts, st.unplaced


def _lend_name(text: str, sent: Sentence, skipped: list[Sentence],
               pending: tuple[int, int, int] | None, st: _State) -> None:
    """Set ``st.last_ind`` from sentences that were not scanned, when one names something.

    ``skipped`` are the unscanned sentences since the last scanned one;
    ``pending`` is the last line that was not scanned at all.
    """
    for ps in reversed(skipped):
        if ps.line_no < sent.line_no - 1:
            return
        names = [t for t in scan(ps.text, ps.start) if t.kind == "ind"]
        if names:
            st.last_ind, st.last_ind_line = names[-1], ps.line_no
            return
    if pending is not None and pending[2] >= sent.line_no - 1 and st.last_ind_line < pending[2]:
        s, e, no = pending
        names = [t for t in scan(text[s:e], s) if t.kind == "ind"]
        if names:
            st.last_ind, st.last_ind_line = names[-1], no


def _named_lines(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For each line span, whether it names a headline indicator (:func:`_headline_re`).

    Only lines holding a possible :func:`_anchors` pair are searched. The pairs
    are found in one vectorised pass: a position whose character may start an
    anchor and whose next character may end one (a superset of the anchors,
    confirmed by the regex on the line).
    """
    named_re = _headline_re()
    tables = _anchor_tables()
    # UTF-16 code units (surrogatepass: a lone surrogate is one unit)
    cu = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if tables is None or len(text) < 2 or cu.size != len(text):
        # no anchors, or characters outside the BMP (units and characters differ)
        return [named_re.search(text, s, e) is not None for s, e in spans]
    table, longest = tables
    f = table.take(cu)  # bit 1: may start an anchor; bit 2: may end one
    pos = np.flatnonzero(((f[:-1] & 1) & (f[1:] >> 1)) != 0)  # fast on booleans
    named = [False] * len(spans)
    if pos.size == 0:
        return named
    starts = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
    lines = np.searchsorted(starts, pos, side="right") - 1
    first = np.empty(lines.size, dtype=bool)  # the first candidate of each line
    first[0] = True
    np.not_equal(lines[1:], lines[:-1], out=first[1:])
    for k, p in zip(lines[first].tolist(), pos[first].tolist()):
        if k >= 0:
            s, e = spans[k]
            # a name holding its line's first anchor starts at most ``longest`` before it
            named[k] = named_re.search(text, max(s, p - longest), e) is not None
    return named


@cache
def _anchor_tables() -> tuple[np.ndarray, int] | None:
    """A lookup table over UTF-16 code units and the length of the longest headline word.

    Bit 1 of a unit's entry: it may start an anchor pair; bit 2: it may end one.
    """
    anchors = _anchors()
    if anchors is None or any(ord(c) > 0xFFFF or 0xD800 <= ord(c) <= 0xDFFF
                              for a in anchors for c in a):
        return None
    table = np.zeros(0x10000, dtype=np.uint8)
    for a in anchors:
        table[ord(a[0])] |= 1
        table[ord(a[1])] |= 2
    return table, max(map(len, _headline_words()))


@cache
def _anchors() -> tuple[str, ...] | None:
    """Two-character strings such that every headline name holds one of them.

    Chosen greedily (the pair shared by most names not yet covered first).
    None when some name is a pattern with no plain run of two characters.
    """
    words = _headline_words()
    if any(not is_literal(w) or len(w) < 2 for w in words):
        return None
    left = set(words)
    chosen: list[str] = []
    while left:
        counts: dict[str, int] = {}
        for w in left:
            for pair in {w[i:i + 2] for i in range(len(w) - 1)}:
                counts[pair] = counts.get(pair, 0) + 1
        best = max(sorted(counts), key=lambda k: counts[k])
        chosen.append(best)
        left = {w for w in left if best not in w}
    return tuple(chosen)


@cache
def _headline_re() -> re.Pattern[str]:
    """A fast test for lines that may name a headline indicator.

    Matches every literal headline alias, and for each regex alias a literal
    run it cannot match without (:func:`~govmetrics.patterns.required_literal`), so it matches a
    superset of the lines where an alias matches. All alternatives are plain
    words, so the regex engine skips non-matching positions quickly.
    """
    words = _headline_words()
    lit = [w for w in words if is_literal(w)]
    rx = [w for w in words if not is_literal(w)]
    return re.compile("|".join([trie_regex(lit), *rx]))


@cache
def _headline_words() -> frozenset[str]:
    """Strings one of which every headline name contains (:func:`~govmetrics.patterns.required_words`)."""
    return frozenset(w for p, ind in vocab().aliases if ind for w in required_words(p) if w)


def _scan_sentences(sents: list[Sentence]) -> dict[int, list[Tok]]:
    """Scan many sentences in one pass over their concatenation (fewer regex calls).

    Sentences are joined with NUL, which no vocabulary pattern consumes as
    white space; token offsets are mapped back to the document.
    """
    if not sents:
        return {}
    texts = [x.text for x in sents]
    joined = "\x00".join(texts)
    bases: list[int] = []  # where each sentence starts in ``joined``
    pos = 0
    for t in texts:
        bases.append(pos)
        pos += len(t) + 1
    ends = [b + len(t) for b, t in zip(bases, texts)]
    shifts = [x.start - b for x, b in zip(sents, bases)]
    bases.append(pos + 1)  # a sentinel: no match starts there
    found: list[list[Tok]] = [[] for _ in sents]
    v = vocab()
    k = 0  # index of the sentence that holds the current match
    nxt = bases[1]
    for m in _accepted(v, joined):
        a, b = m.span()
        while a >= nxt:
            k += 1
            nxt = bases[k + 1]
        if b > ends[k]:  # crossed a sentence end: drop
            continue
        shift = shifts[k]
        found[k].append(_token(v, m, a + shift, b + shift))
    return {x.start: toks for x, toks in zip(sents, found)}


_FIGURE = re.compile(r"\d\s*(?:%|亿|万|元|人|个)")

#: a heading that names targets: 关于经济发展类目标(13个)。 / 主要预期目标:
_TARGET_HEADING = re.compile(r"目标\s*(?:\(\s*\d+\s*个\s*\))?\s*[。:]?\s*$")

#: a sentence can hold a fact, or state later sentences need, only if this matches
_RELEVANT = re.compile(r"\d\s*(?:%|亿|万|元|人|个|位|名)|第\s*\d|指数\s*\d|同步|下达|季度|半年|"
                       r"1[-—–~～至到]\d|全年|年末|年底|目标|下同|截至")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _account_for_all_numbers(text: str, st: _State, scanned: list[tuple[int, int]]) -> None:
    """Report every digit run that is neither a fact's figure nor already unplaced.

    ``scanned`` are the spans of the lines that were scanned; a digit outside
    them is in a line that names no headline indicator.
    """
    covered = sorted([(f.value_start, f.value_end) for f in st.facts]
                     + [(u.start, u.end) for u in st.unplaced])
    starts = [c[0] for c in covered]
    line_starts = [a for a, _ in scanned]
    for m in _DIGITS.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and covered[i][0] <= m.start() < covered[i][1]:
            continue
        j = bisect.bisect_right(line_starts, m.start()) - 1
        in_scanned = j >= 0 and m.start() < scanned[j][1]
        st.unplaced.append(Unplaced(m.start(), m.end(), m.group(),
                                    "marker_or_name" if in_scanned else "no_headline_indicator"))


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


#: where a figure token may start: a digit, 第 (ranks) or a minus sign
_FIGURE_START = re.compile(r"[\d第-]")
#: token kinds whose every match starts where :data:`_FIGURE_START` matches
_FIGURE_LED_KINDS = frozenset({"num", "range", "rank", "date", "year"})


def _may_inherit(sentence: str) -> bool:
    """Whether a sentence could pass :func:`_can_inherit`, judged on its text alone.

    The text before its first figure may hold only filler: words of the
    filler kinds of token (:data:`_FILLER_KINDS`), filler words and marks.
    Leaving out every character any of them can consume, more than two
    characters left before the first possible figure start mean it cannot
    (a superset test: it never says no where :func:`_can_inherit` says yes).
    True when the vocabulary holds a filler pattern whose characters cannot
    be listed (:func:`_filler_chars`).
    """
    table = _filler_table()
    if table is None:
        return True
    m = _FIGURE_START.search(sentence)
    if m is None:
        return False  # no figure: no num, range or rank token
    return len(sentence[:m.start()].translate(table)) <= 2


@cache
def _filler_table() -> dict[int, None] | None:
    """A ``str.translate`` table deleting :func:`_filler_chars`, or None."""
    chars = _filler_chars()
    return None if chars is None else dict.fromkeys(map(ord, chars))


@cache
def _filler_chars() -> frozenset[str] | None:
    """Every character a filler-kind token, a filler word or a filler mark can consume.

    Read from the compiled scanner: the words of the merged word parts by
    their kind, the other parts through their parsed patterns
    (:func:`~govmetrics.patterns.consumed_chars`). None when a filler part can
    consume characters that cannot be listed (``.``, a wide range, ``\\w``).
    """
    v = vocab()
    chars = {c for w, kind in v.lit_kinds.items() if kind in _FILLER_KINDS for c in w}
    chars.update("".join(_FILLERS))
    filler_groups = [_FILLER_CHARS]
    for rx in v.passes:
        for name in rx.groupindex:
            kind = v.group_kinds.get(name, name)
            # parts led by a digit, 第 or a minus sign never start before the first figure
            if kind in _FILLER_KINDS and name != "lit" and kind not in _FIGURE_LED_KINDS:
                filler_groups.append(rx.pattern)
                break
    for pat in filler_groups:
        got = consumed_chars(pat)
        if got is None:
            return None
        chars |= got
    return frozenset(chars)


def _can_inherit(sent: Sentence, text: str, toks: list[Tok]) -> bool:
    """A sentence with no indicator may inherit one if it starts with its figure.

    Starts with its figure: only markers, verbs and cue words (the same filler
    as :func:`_filler_clause`) stand before the first figure.
    """
    first = next((t for t in toks if t.kind in ("num", "range", "rank", "ind")), None)
    if first is None or first.kind == "ind":
        return False
    return _filler_clause(text, sent.start, first.start, toks)


@cache
def _modifier_res() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str]]:
    """Regexes for the modifier words of ``modifiers.csv`` (after / before a figure)."""
    rows = _csv("modifiers.csv")
    after = {r["pattern"]: r["modifier"] for r in rows if r["position"] == "after"}
    before = {r["pattern"]: r["modifier"] for r in rows if r["position"] == "before"}
    # tries: longest word first at a position, as a longest-first alternation
    after_re = re.compile(r"\s*(" + trie_regex(list(after)) + ")")
    before_re = re.compile("(" + trie_regex(list(before)) + r")\s*$")
    return after_re, before_re, after, before


_SPACES = re.compile(r"\s+")


def _modifier(text: str, tok: Tok, clause_start: int) -> str:
    """Modifier of a figure from the words right after or right before it."""
    after_re, before_re, after, before = _modifier_res()
    m = after_re.match(text, tok.end, tok.end + 6)
    if m:
        return after[m.group(1)]
    # stray spaces from PDF extraction (突 破200亿元) do not hide the word
    m = before_re.search(_SPACES.sub("", text[max(clause_start, tok.start - 8): tok.start]))
    if m:
        return before[m.group(1)]
    return "point"


def _money_indicator(ind: str) -> bool:
    return vocab().base_units.get(ind) == "yuan"


def _unplace(st: _State, t: Tok, reason: str) -> None:
    """Record a figure token that went into no fact."""
    st.unplaced.append(Unplaced(t.start, t.end, t.text, reason))


def _sentence(sent: Sentence, text: str, doc_region: str | None, st: _State, lookup_region,
              toks: list[Tok], inherit: bool, kinds: set[str]) -> None:
    """Turn one sentence's tokens into facts and unplaced numbers.

    ``kinds`` is the set of the tokens' kinds; ``inherit``: the sentence names
    nothing and may take the indicator of the sentence or line before.
    """
    if sent.line_no != st.line_no:
        st.line_no = sent.line_no
        st.line_target = False
        st.multi_sticky = False
    # a heading sentence such as 关于经济发展类目标(13个)。 makes the rest of its line targets
    if sent.index_in_line == 0 and len(sent.text.strip()) <= 30 and \
            (_TARGET_HEADING.search(sent.text) or "targethead" in kinds) and \
            not any(t.kind in ("num", "range") and t.unit not in ("", "个") for t in toks):
        st.line_target = True
    has_period = "period" in kinds
    # ---- what the sentence says of its context (resolve decides the rest)
    sent_year = _sentence_year(sent, toks) if "year" in kinds else None
    year_cue = f"{sent_year}年" if sent_year else ""
    year_rel: int | None = None
    if sent_year is None:
        rel = _RELATIVE_YEAR.match(sent.text)
        if rel:
            year_rel, year_cue = _RELATIVE_YEARS[rel.group(1)], rel.group(1)
    fig_year = sent_year  # a clause that opens with a year word has its own (…,今年,…)
    item_head = sent.line_is_item and sent.index_in_line == 0 and not has_period
    line_target = st.line_target and sent.line_no == st.line_no

    estimate = False
    cur_ind: Tok | None = None
    inds_seen: list[Tok] = []
    growth: str | None = None
    target_clause = False
    target_word = ""
    target_sentence = False
    paren_target = False
    paren_depth = 0
    stretch = False
    control = False
    multi = False
    increment = False
    pp = False
    period: int | None = None
    period_cue = ""
    cmp_year: int | None = st.cmp_sticky
    clause_start = sent.start
    fenbie: list[tuple[str, ...] | None] | None = None
    fenbie_all = False
    fenbie_end = -1
    last_group_inds: list[str] = []
    rank_cue = False
    sent_facts: list[Fact] = []
    semi_pos = 0  # end of the last semicolon in the sentence (0: none yet)
    cmp_period: int | None = None
    cmp_end = -1
    sub = False  # after 其中: sub-aggregates until the next indicator name
    milestone = False
    scope: str | None = None  # a sub-region or park the sentence is about ("-": not a region)
    scope_clause = -1  # where the clause that set ``scope`` starts
    inherited: Tok | None = None
    if inherit and st.last_ind is not None and st.last_ind_line >= sent.line_no - 1:
        inherited = st.last_ind
    group_measure: dict[int, tuple[str, str | None]] = {}
    group_facts: dict[int, list[Fact]] = {}

    for i, t in enumerate(toks):
        k = t.kind
        if k not in _FIGURE_KINDS:  # state words, names, ranks: the figures come after
            if k == "bound":
                clause_start = t.end
                growth = None
                target_clause = False
                stretch = False
                control = False
                multi = False
                increment = False
                pp = False
                rank_cue = False
                milestone = False
                cmp_year = st.cmp_sticky
                if t.text in ",;:，；：":
                    got = _clause_year(text, t.end, sent.end)
                    if got is not None:
                        fig_year, year_rel, year_cue = got
                if t.text in ";；":
                    fenbie = None
                    fenbie_all = False
                    semi_pos = t.end
                continue
            if k == "ind":
                sub = False
                if fenbie is not None and fenbie_end < clause_start:
                    fenbie = None  # a name in a later clause: 分别 of the clause before is done
                    fenbie_all = False
                sc = _scope_before(text[max(clause_start, t.start - 12): t.start], lookup_region)
                if sc is not None and sc == doc_region:
                    sc = ""  # the document's own region, named
                if sc is not None:
                    scope = sc or None  # "" resets to the document's own region
                    scope_clause = clause_start
                elif scope == "-" and scope_clause < clause_start:
                    scope = None  # 企业利润…,地方一般公共预算收入…: a new subject
                cur_ind = t
                inds_seen.append(t)
                st.last_ind = t
                st.last_ind_line = sent.line_no
                continue
            if k == "cue":
                kind = t.unit
                if kind == "growth_down":
                    growth = "down"
                elif kind == "growth_up":
                    growth = "up"
                elif kind == "estimate":
                    estimate = True
                elif kind == "stretch":
                    stretch = True
                    target_word = t.text
                elif kind == "target":
                    target_word = t.text
                    if paren_depth:
                        paren_target = True
                    else:
                        target_clause = True
                elif kind == "multi_year":
                    multi = True
                elif kind == "increment":
                    increment = True
                elif kind == "pp_change":
                    pp = True
                continue
            if k == "lp":
                paren_depth += 1
                continue
            if k == "rp":
                paren_depth = max(0, paren_depth - 1)
                if paren_depth == 0:
                    paren_target = False
                continue
            if k == "period":
                if re.match(r"\s*(?:预算|目标|计划|任务|预期)", text[t.end: t.end + 4]):
                    continue  # 全年预算数…: part of a target phrase
                if re.search(r"(?:比|较|快于|高于|低于|延续|保持|继续)\s*$",
                             text[max(sent.start, t.start - 2): t.start]):
                    cmp_period, cmp_end = t.period, t.end  # 比一季度…: a comparison
                    continue
                period = t.period
                period_cue = t.text
                st.line_period = t.period
                st.line_period_cue = t.text
                continue
            if k == "xiatong":
                continue  # (下同) carries a unit or a basis forward, not 预计
            if k == "targethead":
                target_word = t.text.strip(" :是为")
                if paren_depth:
                    paren_target = True
                else:
                    target_sentence = True
                continue
            if k == "fenbie":
                if t.text == "分居":
                    rank_cue = True
                if t.text == "均":
                    fenbie_all = True
                    continue
                in_clause = [x for x in inds_seen if x.start >= clause_start]
                cands = [x.ind if x.ind else None for x in (in_clause or inds_seen)]
                # collapse consecutive duplicates
                dedup: list[tuple[str, ...] | None] = []
                for c in cands:
                    if not dedup or dedup[-1] != c:
                        dedup.append(c)
                fenbie = dedup
                fenbie_end = t.end
                continue
            if k == "qizhong":
                sub = True
                continue
            if k == "cmpyear":
                by = int(re.search(r"\d{4}", t.text).group())
                sticky = "下同" in text[t.end: t.end + 6]
                if sent_year is None:
                    cmp_year = by  # the figure's year is not said here: resolve compares
                    if sticky:
                        st.cmp_sticky = by
                elif by != sent_year - 1:
                    multi = True
                    if sticky:
                        st.multi_sticky = True
                continue
            if k == "milestone":
                milestone = True
                continue
            if k == "rankcue":
                rank_cue = True
                continue
            if k == "control":
                control = True
                continue
            if k == "synced":
                ind_tok = cur_ind or inherited
                if ind_tok is None or not ind_tok.ind:
                    _unplace(st, t, "synced_without_indicator")
                    continue
                ind = ind_tok.alt[0] if ind_tok.alt else ind_tok.ind[0]
                if len(ind_tok.ind) > 1 and not ind_tok.alt:
                    ind = "resident_disposable_income"
                if scope == "-":
                    _unplace(st, t, "not_about_a_region")
                    continue
                f = Fact(ind, "target", "growth_pct", None, 12, fig_year, modifier="synced",
                         start=ind_tok.start, end=t.end, value_start=t.start, value_end=t.end,
                         region=scope, unit="percent", role_cue=f"sentence:{t.text}",
                         year_cue=year_cue, year_rel=year_rel, rule="synced_with_growth")
                sent_facts.append(f)
                continue
            if k == "rank":
                if not rank_cue:
                    _unplace(st, t, "rank_without_cue")
                    continue
                if multi or st.multi_sticky or sub:
                    _unplace(st, t, "rank_of_a_non_annual_figure")
                    continue
                if semi_pos and (cur_ind is None or cur_ind.start < semi_pos) \
                        and not _filler_clause(text, semi_pos, t.start, toks):
                    _unplace(st, t, "clause_subject_not_an_indicator")
                    continue
                # 由第9位上升到第8位: keep the later rank only
                nxt = toks[i + 1: i + 4]
                if any(x.kind in ("cue", "rankcue") and x.text in ("上升到", "上升至", "升至", "前移至",
                                                                  "提升至", "上升", "提升", "下降")
                       for x in nxt) and any(x.kind == "rank" for x in toks[i + 1: i + 5]):
                    _unplace(st, t, "earlier_rank")
                    continue
                targets_inds: list[str] = []
                if fenbie_all and last_group_inds:
                    targets_inds = list(last_group_inds)
                elif t.group_size > 1 and fenbie is not None:
                    cands = fenbie[-t.group_size:] if len(fenbie) >= t.group_size else []
                    c = cands[t.pos_in_group] if cands else None
                    targets_inds = list(c[:1]) if c else []
                else:
                    prev = sent_facts[-1] if sent_facts else None
                    if prev is not None and cur_ind is not None and cur_ind.start > prev.value_end:
                        prev = None  # a name after the last figure: the rank is of that name
                    if prev is not None and prev.measure != "rank":
                        targets_inds = [prev.indicator]
                    elif cur_ind is not None and cur_ind.ind:
                        targets_inds = [cur_ind.ind[0]]
                    elif inherited is not None and inherited.ind:
                        targets_inds = [inherited.ind[0]]
                if not targets_inds:
                    _unplace(st, t, "rank_without_indicator")
                    continue
                per = period or st.line_period
                anchor = cur_ind.start if cur_ind is not None else sent.start
                if scope == "-":
                    _unplace(st, t, "not_about_a_region")
                    continue
                for ind in targets_inds:
                    sent_facts.append(Fact(ind, "actual", "rank", t.value, per, fig_year,
                                           start=anchor, end=t.end, value_start=t.start,
                                           value_end=t.end, region=scope, unit="rank",
                                           estimate=1 if estimate else 0,
                                           role_cue="measure:rank", year_cue=year_cue,
                                           year_rel=year_rel,
                                           period_cue=period_cue or st.line_period_cue,
                                           cmp_year=cmp_year, rule="rank_after_cue"))
                continue
            continue  # other words (lists …) only separate figures
        # ------------------------------------------------------------ figures
        unit = t.unit
        if unit in ("个百分点", "百分点") or pp:
            _unplace(st, t, "change_in_percentage_points")
            continue
        if "美元" in unit:
            _unplace(st, t, "foreign_currency")
            continue
        if sub:
            _unplace(st, t, "sub_aggregate")
            continue
        if milestone:
            _unplace(st, t, "milestone")
            continue
        if increment:
            _unplace(st, t, "increment")
            continue
        # a figure whose clause names something else (新增高校毕业生…7600人) is not
        # about the indicator of an earlier clause
        # after a semicolon, an earlier indicator carries over only through
        # clauses that name nothing else (…9.1%;1-8月增长9.1%), not past 实际利用外资…
        if ((cur_ind is None or cur_ind.start < clause_start) and fenbie is None
                and not _filler_clause(text, clause_start, t.start, toks)) or (
                semi_pos and (cur_ind is None or cur_ind.start < semi_pos)
                and not _filler_clause(text, semi_pos, t.start, toks)):
            _unplace(st, t, "clause_subject_not_an_indicator")
            continue
        # --- indicator
        ind: str | None = None
        ind_tok: Tok | None = None
        rule = "name_then_figure"
        if fenbie is not None and t.group_size >= 1 and (t.group_size > 1 or len(fenbie) > 1):
            rule = "names_then_fenbie_figures"
            k_needed = t.group_size
            if cur_ind is not None and cur_ind.ind and len(cur_ind.ind) == 2 and k_needed == 2:
                ind = cur_ind.ind[t.pos_in_group]
                ind_tok = cur_ind
            elif len(fenbie) >= k_needed:
                c = fenbie[-k_needed:][t.pos_in_group]
                ind = c[0] if c and len(c) == 1 else None
                ind_tok = cur_ind
                if c and len(c) == 2 and k_needed == 1:
                    ind = None
            if t.pos_in_group == t.group_size - 1:
                last_group_inds = [c[0] for c in fenbie[-k_needed:] if c and len(c) == 1]
        elif t.group_size > 1 and len(clause_inds := [x for x in inds_seen
                                                      if x.start >= clause_start]) >= t.group_size \
                and all(x.ind is not None and len(x.ind) <= 1 for x in clause_inds):
            # 地区生产总值、一般公共预算收入增长8%、10%: a list of names and a list of
            # figures of the same length pair up in order, as with 分别
            ind_tok = clause_inds[-t.group_size:][t.pos_in_group]
            ind = ind_tok.ind[0] if ind_tok.ind else None
            rule = "name_list_then_figure_list"
        elif cur_ind is not None:
            ind_tok = cur_ind
            if len(cur_ind.ind or ()) == 2:
                rule = "pair_name_then_figures"
            if not cur_ind.ind:
                ind = None
            elif len(cur_ind.ind) == 2:
                if t.group_size == 2:
                    ind = cur_ind.ind[t.pos_in_group]
                elif cur_ind.alt:
                    ind = cur_ind.alt[0]
                else:
                    ind = None
            else:
                ind = cur_ind.ind[0]
        elif inherited is not None:
            ind_tok = None
            ind = inherited.ind[0] if inherited.ind and len(inherited.ind) == 1 else None
            rule = "figure_inherits_name"
        if ind is None:
            _unplace(st, t, "not_a_headline_indicator" if (cur_ind or inherited) else "no_indicator")
            continue
        if scope == "-":
            _unplace(st, t, "not_about_a_region")
            continue
        # --- measure and value
        value = t.value
        mult = 1.0
        measure: str | None = None
        clause_text = text[clause_start: t.start]
        if t.kind == "range" or unit == "%":
            if t.kind != "range" and _COMPLETION_STRICT.search(clause_text):
                measure = "completion_pct"
            elif ind in _RATE_INDICATORS:
                measure = "rate"
            elif growth is not None or ind in _PCT_GROWTH_INDICATORS:
                measure = "growth_pct"
                if growth == "down":
                    value = -value
            elif t.group >= 0 and t.group in group_measure:
                measure, g = group_measure[t.group]
                if g == "down":
                    value = -value
            elif (stretch or paren_target or target_clause) and sent_facts \
                    and sent_facts[-1].measure in ("growth_pct", "rate"):
                measure = sent_facts[-1].measure
                if measure == "growth_pct" and (sent_facts[-1].value or 0) < 0:
                    value = -value
            else:
                _unplace(st, t, "percentage_without_growth_word")
                continue
        elif unit in vocab().units:
            mult, base = vocab().units[unit]
            if base == "yuan" and _money_indicator(ind):
                measure = "level"
            elif base == "person" and ind == "new_urban_jobs" and (unit != "个" or "岗位" in (ind_tok.text if ind_tok else "")):
                measure = "level"
            else:
                _unplace(st, t, "unit_does_not_fit_indicator")
                continue
        elif unit == "" and ind == "cpi" and value == 100:
            _unplace(st, t, "index_base")
            continue
        elif unit == "" and ind == "cpi" and 80 < value < 150:
            measure = "growth_pct"
            value = round(value - 100.0, 10)
        else:
            _unplace(st, t, "unit_not_recognised")
            continue
        if measure == "growth_pct" and (multi or st.multi_sticky):
            _unplace(st, t, "multi_year_or_multiple")
            continue
        if measure == "level" and growth is not None and ind_tok is not None \
                and _cue_between(toks, ind_tok.end, t.start):
            _unplace(st, t, "increment")
            continue
        if t.group >= 0 and t.pos_in_group == 0:
            group_measure[t.group] = (measure, growth)
        if measure == "level":
            # exact decimal arithmetic: 136.2亿元 is 13620000000, not 13619999999.999998
            digits = _NUM_RE.match(t.text).group(1).replace(",", "")
            value = float(Decimal(digits) * Decimal(repr(mult)))
        # --- role, as far as the sentence says
        role_cue = ""
        if measure in ("completion_pct", "rank"):
            role, role_cue = "actual", f"measure:{measure}"
        elif paren_target or (target_clause and not paren_depth) or target_sentence or stretch:
            role, role_cue = "target", f"sentence:{target_word}"
        elif line_target:
            role, role_cue = "target", "line:target heading"
        else:
            role = ""
        modifier = _modifier(text, t, clause_start)
        low = high = None
        if t.kind == "range":
            modifier = "range"
            low, high = float(t.alt[0]), float(t.alt[1])
            if growth == "down":
                low, high = -high, -low
            value = low
        if role == "" and control and modifier == "at_most" and any(
                f.indicator == ind and f.role != "target" for f in sent_facts):
            role, role_cue = "target", "sentence:restated limit"  # 有效控制在4.5%以内
        # --- stretch (力争) attaches to the base figure before it
        if stretch and role == "target":
            base = next((f for f in reversed(sent_facts)
                         if f.indicator == ind and f.measure == measure and f.role != "actual"
                         and f.stretch is None), None)
            if base is not None and _only_list_between(text, base.value_end, t.start):
                base.stretch = value
                if base.role == "":  # a figure with a 力争 stretch is a target
                    base.role, base.role_cue = "target", f"sentence:{target_word}"
                continue
        per, per_cue = period, period_cue
        if per is None and st.line_period is not None:
            per, per_cue = st.line_period, st.line_period_cue
        if role != "target" and cmp_period and 0 <= t.start - cmp_end <= 1:
            per, per_cue = cmp_period, "comparison"  # 增速比一季度(6.2%)加快: the Q1 figure
        start = ind_tok.start if ind_tok is not None else _sentence_body_start(sent)
        # quote starts at the period word when it opens the clause before the indicator
        f = Fact(ind, role, measure, value, per, fig_year, modifier=modifier, low=low, high=high,
                 estimate=1 if estimate else 0,
                 start=start, end=_modifier_end(text, t), value_start=t.start, value_end=t.end,
                 region=scope, unit=_unit_of(measure, ind), role_cue=role_cue,
                 year_cue=year_cue, year_rel=year_rel, period_cue=per_cue,
                 item_head=item_head, cmp_year=cmp_year, rule=rule)
        sent_facts.append(f)
        group_facts.setdefault(t.group, []).append(f)
    # modifiers written once after a list apply to every member (分别增长7%、8%左右)
    for g, fs in group_facts.items():
        if g < 0 or len(fs) < 2:
            continue
        last = fs[-1].modifier
        if last in ("about", "at_least", "at_most"):
            for f in fs[:-1]:
                if f.modifier == "point":
                    f.modifier = last
    st.facts.extend(sent_facts)


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
_FILLER_WORDS = re.compile(trie_regex(list(_FILLERS)) + "|" + _FILLER_CHARS)


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
    return any(t.kind == "cue" and t.unit in ("growth_up", "growth_down") and a <= t.start < b
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
