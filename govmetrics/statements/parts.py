"""The scanner's parts, compiled from the vocabularies (names, periods, cues, units).

:func:`vocab` reads ``indicator_aliases.csv``, ``periods.csv``, ``cues.csv``
and ``units.csv`` once and compiles them into the ordered passes the scanner
(:mod:`govmetrics.statements.scanner`) runs over a text, with the tables that
turn a match into a token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..text.patterns import (
    _walk,
    is_literal,
    literal_first,
    top_alternatives,
    trie_regex,
    without_lookarounds,
)
from ..vocabulary import indicators, read_vocabulary

__all__ = ["vocab"]

# --------------------------------------------------------------------------
# vocabularies


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
    rows = read_vocabulary("indicator_aliases.csv")
    aliases = [(r["pattern"], r["indicator"]) for r in rows]
    # specific names before generic heads, longest first, so that 规模以上工业增加值
    # wins over 增加值 at the same position
    order = sorted(range(len(aliases)),
                   key=lambda i: (int(rows[i].get("priority") or 0), -len(aliases[i][0])))
    aliases = [aliases[i] for i in order]
    periods = [(r["pattern"], r["period_end"]) for r in read_vocabulary("periods.csv")
               if r.get("where", "any") != "title"]
    cues = read_vocabulary("cues.csv")
    units = {r["unit"]: (float(r["multiplier"]), r["base_unit"]) for r in read_vocabulary("units.csv")}
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
    (:func:`~govmetrics.text.patterns.literal_first`), and a leading look-behind is
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
