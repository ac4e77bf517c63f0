"""The scanner: vocabularies compiled into token passes, and the tokens they give.

A sentence is scanned into tokens (:class:`Tok`): indicator names, figures
with their units, ranges, ranks, years, dates, period words, cue words
(growth, target, estimate …) and list marks. Every word is a row of a CSV
file in ``govmetrics/data``; this module only compiles them (the
*extractor* half: the rules that give the tokens meaning are in
:mod:`~govmetrics.statements.sentence` and :mod:`~govmetrics.statements.figure`).
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..patterns import (
    _walk,
    is_literal,
    literal_first,
    top_alternatives,
    trie_regex,
    without_lookarounds,
)
from ..vocabulary import indicators, read_vocabulary

__all__ = ["Tok", "scan", "tokenize", "vocab"]

# --------------------------------------------------------------------------
# vocabularies


def _csv(name: str) -> list[dict[str, str]]:
    """The rows of a vocabulary file (read once, see :func:`govmetrics.vocabulary.read_vocabulary`)."""
    return list(read_vocabulary(name))


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
    """Compile the vocabularies into one scanner (cached).

    The parts are listed in priority order (a tie at one position goes to
    the part listed first): figure-led names, dates, periods, ranges, ranks,
    years and figures (:func:`_figure_parts`), then names and other words
    (:func:`_word_parts`), rank words, and the cue words (:func:`_cue_parts`).
    """
    rows = _csv("indicator_aliases.csv")
    aliases = [(r["pattern"], r["indicator"]) for r in rows]
    # specific names before generic heads, longest first, so that 规模以上工业增加值
    # wins over 增加值 at the same position
    order = sorted(range(len(aliases)),
                   key=lambda i: (int(rows[i].get("priority") or 0), -len(aliases[i][0])))
    aliases = [aliases[i] for i in order]
    periods = [(r["pattern"], r["period_end"]) for r in _csv("periods.csv")
               if r.get("where", "any") != "title"]
    cues = _csv("cues.csv")
    units = {r["unit"]: (float(r["multiplier"]), r["base_unit"]) for r in _csv("units.csv")}
    lit_kinds: dict[str, str] = {}  # word -> token kind, for the merged word passes
    period_names = [f"p{i}" for i in range(len(periods))]
    group_kinds = dict.fromkeys(["per", *period_names], "period")
    parts = _figure_parts(aliases, periods, period_names, units)
    parts += _word_parts(aliases, cues, lit_kinds)
    # rank words before cue words: 由第9位上升到第8位 is a rank, not growth
    parts.append(r"(?P<rankcue>排名|排位|排在|排列|排|位居|位列|居于|居|列|名列|上升到|上升至|升至"
                 r"|前移至|提升至)")
    cue_kinds: dict[str, str] = {}
    parts += _cue_parts(cues, cue_kinds, group_kinds, lit_kinds)
    # One regex per part: Python's re skips positions quickly only when a
    # pattern starts with a literal or a character set, which a single
    # alternation of all parts does not (measured slower); the parts are merged by position.
    return _Vocab(
        passes=tuple(re.compile(p) for p in parts),
        aliases=aliases,
        alias_res=[re.compile(without_lookarounds(p)) for p, _ in aliases],
        period_res=[(re.compile(p), v) for p, v in periods],
        cue_kinds=cue_kinds,
        lit_kinds=lit_kinds,
        units=units,
        base_units={r["id"]: r["base_unit"] for r in indicators()},
        group_kinds=group_kinds,
    )


def _figure_parts(aliases: list[tuple[str, str]], periods: list[tuple[str, str]],
                  period_names: list[str], units: dict[str, tuple[float, str]]) -> list[str]:
    """The parts led by a digit or a period word: figure-led names, dates, periods, ranges,
    ranks, years and figures (in priority order)."""
    unit_alt = trie_regex(list(units) + ["亿美元", "万美元", "美元", "个百分点", "百分点", "万人次", "人次"])
    # a figure is a whole digit run: not a piece of 8.5.3 or of a longer number
    figure = (rf"\d(?<!\d\d)(?<!\.\d)(?:\d{{0,2}}(?:,\d{{3}})+(?!\d)|\d*)(?:\.\d+)?(?!\.?\d)"
              rf"(?:\s*(?:{unit_alt}))?")
    # Every part starts with a plain character or a character set, so that the
    # regex engine skips positions that cannot start it without trying them.
    # an alias that starts with a figure (500万元以上固定资产投资) must win over the figure
    fig = [p for p, _ in aliases if not is_literal(p) and re.match(r"\(\?:\d|\d", p)]
    parts = _merged_parts("ind", fig, ["ind"] * len(fig))
    # (?<!\d\d) after the first digit: a start inside a number fails anyway; fail it at once
    parts.append(r"(?P<date>\d(?<!\d\d)(?:\d{3}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
                 r"|\d?月\d{1,2}日))")
    parts += _merged_parts("per", [_strip_groups(pat) for pat, _ in periods], period_names)
    return parts + [
        r"(?P<range>\d(?<!\d\d)\d*+(?:\.\d+)?\s*%?\s*[-—–~～至到]\s*\d+(?:\.\d+)?\s*%)",
        r"(?P<rank>第\s*\d{1,3}\s*(?:位|名)?)",
        r"(?P<year>(?:19|20)\d{2}\s*年(?!代))",
        # a minus sign counts unless it joins two figures (2020-2021, 5%-6%)
        rf"(?P<num>-(?<![\d%.]-){figure})",
        rf"(?P<num>{figure})",
    ]


def _word_parts(aliases: list[tuple[str, str]], cues: list[dict[str, str]],
                lit_kinds: dict[str, str]) -> list[str]:
    """The parts led by a word: synced targets, names, comparison years, milestones, plans."""
    syn = [r["pattern"] for r in cues if r["kind"] == "synced"]
    rx_aliases = [p for p, _ in aliases if not is_literal(p) and not re.match(r"\(\?:\d|\d", p)]
    return [
        # each alternative led by a plain character: the regex engine skips other positions
        *_merged_parts("synced", syn, ["synced"] * len(syn)),
        *_merged_parts("ind", rx_aliases, ["ind"] * len(rx_aliases)),
        _merge_words([("ind", [p for p, _ in aliases if is_literal(p)]),
                      ("xiatong", ["(下同)"]), ("qizhong", ["其中"])], lit_kinds),
        r"(?P<cmpyear>(?:比|较|与|是)\s*(?:19|20)\d{2}\s*年(?:末|底)?)",
        r"(?P<milestone>跃上|迈上|跨上|跨越|跨过|站上|跃居|突破.{0,4}大关)",
        # a five-year plan named with what follows (“十一五”规划目标, 十四五期间, 十三五末)
        r"(?P<plan>十[一二三四五六七]?五[”\"'’]?(?:规划)?(?:期间|时期|期末|末|规划目标|目标)"
        r"|十[一二三四五六七]?五(?=[”\"'’]))",
    ]


def _cue_parts(cues: list[dict[str, str]], cue_kinds: dict[str, str], group_kinds: dict[str, str],
               lit_kinds: dict[str, str]) -> list[str]:
    """The cue parts: one per cue row with pattern alternatives, then every plain word of the
    cues, heads, list words and marks merged in one part (filling ``cue_kinds``)."""
    parts: list[str] = []
    cue_words: list[str] = []
    for j, r in enumerate(cues):
        if r["kind"] == "synced":
            continue  # a token of its own kind (_word_parts)
        alts = top_alternatives(r["pattern"])
        rx = [a for a in alts if not is_literal(a)]
        if rx:
            parts.append(f"(?P<c{j}>{_fast_start('|'.join(rx))})")
            cue_kinds[f"c{j}"] = r["kind"]
            group_kinds[f"c{j}"] = "cue"
        for w in alts:
            if is_literal(w):
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
    return parts


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
            out.append(f"(?P<{own}>{_fast_start(pat)})")
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


def _fast_start(pat: str) -> str:
    """``pat`` with its alternatives starting with a plain character where that can be done.

    A leading optional part or character set is expanded
    (:func:`~govmetrics.patterns.literal_first`), and a leading look-behind is
    moved after the character that follows it (``(?<![主重])要`` is
    ``要(?<![主重]要)``). The result matches the same text at the same places;
    the regex engine then skips the positions that cannot start it (a speed
    shortcut, tested against ``pat`` in ``tests/test_speed_shortcuts.py``).
    """
    out: list[str] = []
    for alt in top_alternatives(pat):
        heads = literal_first(alt) or [alt]
        for h in heads:
            out += _behind_moved(h)
    return "|".join(out)


def _behind_moved(alt: str) -> list[str]:
    """``(?<=X)a…`` as ``a(?<=(?:X)a)…`` (and ``(?<!``) for a first atom ``a`` of one character.

    Several leading look-behinds move together; a repeated first atom keeps
    one copy in front (``(?<!X)\\d{1,2}`` is ``\\d(?<!(?:X)\\d)\\d{0,1}``). Since the
    atom has matched the character before the moved look-behind, it says
    the same of the text before the atom. Returns ``[alt]`` when the
    alternative has another form.
    """
    behind: list[tuple[str, str]] = []
    rest = alt
    while rest.startswith(("(?<=", "(?<!")):
        end = next((i for i, ch, depth in _walk(rest) if depth == 0 and ch == ")"), None)
        if end is None:
            return [alt]
        behind.append((rest[3], rest[4:end]))
        rest = rest[end + 1:]
    if not behind:
        return [alt]
    out = []
    for r in literal_first(rest) or [rest]:
        got = _first_atom(r)
        if got is None:
            return [alt]
        atom, after = got
        checks = "".join(f"(?<{op}(?:{body}){atom})" for op, body in behind)
        out.append(atom + checks + after)
    return out


_ONE_CHAR_ESCAPES = frozenset("dDsSwW")


def _first_atom(pat: str) -> tuple[str, str] | None:
    """The first atom of ``pat`` when it matches one character, and the rest (a repeat of the
    atom at least once keeps one fewer); None for any other start."""
    if not pat:
        return None
    if pat[0] == "\\":
        if len(pat) < 2 or not (pat[1] in _ONE_CHAR_ESCAPES or not pat[1].isalnum()):
            return None
        n = 2
    elif pat[0] == "[":
        j = 1 + (pat[1:2] == "^")
        j += pat[j:j + 1] == "]"
        while j < len(pat) and pat[j] != "]":
            j += 2 if pat[j] == "\\" else 1
        if j >= len(pat):
            return None
        n = j + 1
    elif pat[0] in "()|{}*+?^$":
        return None
    else:
        n = 1
    atom, after = pat[:n], pat[n:]
    q = re.match(r"\{(\d+)(,(\d*))?\}|\+|\*|\?", after)
    if q is None:
        return atom, after
    tail = after[q.end():]
    if tail[:1] in ("?", "+"):
        return None  # a lazy or possessive repeat
    if q.group(0) == "+":
        return atom, atom + "*" + tail
    if q.group(1) is None or int(q.group(1)) < 1:
        return None  # the atom may match nothing: no character to move the look-behind past
    lo = int(q.group(1)) - 1
    if q.group(2) is None:
        return atom, f"{atom}{{{lo}}}{tail}"
    hi = q.group(3)
    return atom, f"{atom}{{{lo},{int(hi) - 1 if hi else ''}}}{tail}"


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
    unit: str = ""  # a figure's unit as written (%, 亿元, 个百分点)
    ind: tuple[str, ...] | None = None  # () for a non-headline name
    single: tuple[str, ...] | None = None  # a pair alias's reading as one indicator
    bounds: tuple[str, str] | None = None  # a range's two figures as written
    cue_kind: str = ""  # a cue's kind (cues.csv)
    period: int | None = None
    year: int | None = None
    group: int = -1
    pos_in_group: int = 0
    group_size: int = 1


_NUM_RE = re.compile(r"(-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)\s*(.*)", re.S)
_FIGURE_CHARS = "-0123456789.,"
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


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
            return Tok("cue", s, e, raw, cue_kind=v.cue_kinds[raw])
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
        if val == "single":
            return Tok("single", s, e, raw)  # 9月份当月, 第三季度单季
        if val == "group":
            mm = pat.match(raw)
            period = int(mm.group(1)) if mm and mm.groups() else None
        else:
            period = int(val)
        if period is None or not 1 <= period <= 12:
            return Tok("other", s, e, raw)
        return Tok("period", s, e, raw, period=period)
    if group_kind == "cue":
        return Tok("cue", s, e, raw, cue_kind=v.cue_kinds[kind])
    if kind == "range":
        nums = _DIGITS.findall(raw)
        return Tok("range", s, e, raw, value=float(nums[0]), unit="%", bounds=(nums[0], nums[1]))
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
    ind, single = _resolve_alias(raw)
    return Tok("ind", s, e, raw, ind=ind, single=single)


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
        while j < n:
            if j + 1 < n and toks[j].kind == "lst" and toks[j + 1].kind == toks[i].kind:
                members.append(j + 1)
                j += 2
            elif toks[j].kind == toks[i].kind == "num" and toks[j].start == toks[j - 1].end \
                    and toks[j].unit == toks[j - 1].unit == "%":
                members.append(j)  # 4.4%5.9%5.8%: a list typed without its marks
                j += 1
            else:
                break
        # 、 between two percentages may also be written with the stretch cue
        for k, idx in enumerate(members):
            toks[idx].group = gid
            toks[idx].pos_in_group = k
            toks[idx].group_size = len(members)
        gid += 1
        i = members[-1] + 1

