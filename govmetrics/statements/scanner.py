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

from ..text.patterns import (
    is_literal,
)
from .parts import _Vocab, vocab

__all__ = ["Tok", "scan", "tokenize", "vocab"]

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

