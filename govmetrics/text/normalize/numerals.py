"""Step 6: Chinese numerals that carry figures become Arabic (ranks, amounts, percentages, years)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

import numpy as np

from ..patterns import trie_regex
from .chars import _MYRIAD, _NUM, _NUMERAL, _UNIT_HEAD, _flags, _numeral_units
from .textmap import _merge

# ---------------------------------------------------------------------------
# Step 6: Chinese numerals that carry figures
# ---------------------------------------------------------------------------

_RANK_RE = re.compile(rf"第([{_NUM}]+)")
#: Words right before 第X that make it a rank (全省第一, 排名第一, 位列第三).
_RANK_BEFORE = re.compile(r"(?:全[国省市区县州]|排名|排位|排在|排|名列|位列|位居|居|列)"
                          r"[^,，。;；:：\d]{0,10}$")
#: What may follow a bare rank (全市第一, / 。 / end of line).
_RANK_AFTER = frozenset(",，。;；、)）!！?？ \t\n")
_NOT_BEFORE_AMOUNT = frozenset(_NUM + "万亿第个")
_PERCENT_RE = re.compile(rf"百分之([{_NUM}]+(?:点[零〇一二三四五六七八九]+)?)")


_PERCENT_DIGITS_RE = re.compile(r"百分之\s*(\d+(?:\.\d+)?)")
#: a numeral with 万 or 亿 inside (两万零四十亿元, 三亿零五百万元, 一万七千元): the whole
#: run is one number, then its unit
_COMPOUND_RE = re.compile(rf"(?<![{_NUM}万亿第])([{_NUM}]+(?:[万亿]+[{_NUM}]+)+[万亿]?)(?=元|人|户|亩|吨)")
_COMPOUND_HINT = re.compile(rf"[万亿][{_NUM}]")
#: digits times 千 (4千元, 1.2千人)
_THOUSANDS_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)千(?=元|人|户|亩|吨|个)")
#: a year in Chinese digits (二〇一二年, 二0一二年, 二○○八年, 一九九八年)
_CN_YEAR_RE = re.compile(r"(?<![零〇○0一二三四五六七八九\d])([一二][九〇○0零][零〇○0一二三四五六七八九]{2})(?=\s*年)")


def _finditer_at(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """``rx.finditer(text)``, given ``starts`` (sorted): every place where a match can start.

    A speed shortcut for patterns that start with a look-behind, which
    ``finditer`` tries at every position; tested equal to ``finditer``.
    """
    out: list[re.Match[str]] = []
    last = 0
    for i in starts:
        if i < last:
            continue
        m = rx.match(text, i)
        if m is not None:
            out.append(m)
            last = max(m.end(), i + 1)
    return out


def _cn_year_starts(text: str) -> list[int]:
    """Where a match of _CN_YEAR_RE can start: four characters before a 年 (and the spaces
    before it), when they open with [一二] then [九〇○0零]."""
    out: list[int] = []
    find = text.find
    p = find("年")
    while p >= 0:
        q = p
        while q > 0 and text[q - 1].isspace():
            q -= 1
        i = q - 4
        if i >= 0 and text[i] in "一二" and text[i + 1] in "九〇○0零" and (not out or out[-1] < i):
            out.append(i)
        p = find("年", p + 1)
    return out


_NUMERAL_RUN = re.compile(f"[{_NUM}]+")


_RUN_CHARS = frozenset(_NUM + "万亿")


def _compound_hints(text: str) -> list[int]:
    """Where :data:`_COMPOUND_HINT` matches: a 万 or 亿 that a numeral character follows.

    Read from the flags in one vectorised pass (by the regex when the text
    holds characters outside the BMP).
    """
    f = _flags(text)
    if f.size != len(text):
        return [h.start() for h in _COMPOUND_HINT.finditer(text)]
    if f.size < 2:
        return []
    myriad = np.flatnonzero(f[:-1] & _MYRIAD)  # few: one temporary the size of the text
    return myriad[(f[myriad + 1] & _NUMERAL) != 0].tolist()


def _compound_starts(text: str, hints: list[int] | None = None) -> list[int]:
    """Where a match of _COMPOUND_RE can start: the start of the run of numeral characters
    (with 万 and 亿) around each 万 or 亿 that a numeral follows (sorted, unique)."""
    starts: list[int] = []
    last = -1
    for i0 in (_compound_hints(text) if hints is None else hints):
        i = i0
        if i <= last:
            continue
        while i > 0 and text[i - 1] in _RUN_CHARS:
            i -= 1
        if not starts or starts[-1] != i:
            starts.append(i)
        last = i0
    return starts


def _numeral_run_starts(text: str) -> list[int]:
    """Where a match of _COMPOUND_RE can start: at the start of a run of numeral characters."""
    return [m.start() for m in _NUMERAL_RUN.finditer(text)]


def _thousands_starts(text: str) -> list[int]:
    """Where a match of _THOUSANDS_RE can start: in the digits and points right before a 千."""
    out: list[int] = []
    q = text.find("千")
    while q >= 0:
        i = q
        while i > 0 and (text[i - 1].isdecimal() or text[i - 1] == "."):  # what \d matches, or .
            i -= 1
        out.extend(range(max(i, out[-1] + 1 if out else 0), q))
        q = text.find("千", q + 1)
    return out


_CN_DIGIT = str.maketrans("零〇○0一二三四五六七八九", "0000123456789")


@cache
def _unit_re() -> re.Pattern[str]:
    units = trie_regex(list(_numeral_units()))  # a lookahead: any unit will do
    # starts with a character set (not a repeat), so the regex engine skips
    # the positions that cannot start a numeral without trying them
    return re.compile(rf"([{_NUM}][{_NUM}]*(?:点[零〇一二三四五六七八九]+)?)(?={units})")


@lru_cache(maxsize=4096)
def _cn_number(s: str) -> str | None:
    """Arabic digits for a Chinese numeral (``三十五`` -> ``35``), or None.

    Cached: a pure function of a short string, and the same numerals recur.
    """
    import cn2an

    for cand in (s, "一" + s):
        try:
            value = cn2an.cn2an(cand, "normal")
        except Exception:  # noqa: BLE001 - cn2an raises bare ValueError subclasses
            continue
        if float(value).is_integer():
            return str(int(value))
        return str(value)
    return None


def _unit_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of :func:`_unit_re` in ``text``, as ``finditer`` gives them.

    A match is a run of numeral characters followed by a unit, so only runs
    (found in one vectorised pass) that hold or precede a unit's first
    character are searched. Text with characters outside the BMP is searched
    whole (code units and characters differ there).
    """
    rx = _unit_re()
    f = _flags(text)
    if f.size != len(text):
        yield from rx.finditer(text)
        return
    run = np.zeros(f.size + 2, dtype=bool)  # padded: every run has two edges
    run[1:-1] = (f & _NUMERAL) != 0
    edges = np.flatnonzero(run[1:] != run[:-1])  # (flatnonzero is fast on booleans)
    if edges.size == 0:
        return
    starts, ends = edges[0::2], edges[1::2]  # runs are text[starts[i]:ends[i]]
    # a unit starts inside a run (after its first character) or right after it:
    # count unit heads at positions starts + 1 .. ends
    heads = np.flatnonzero((f & _UNIT_HEAD) != 0)
    n_heads = (np.searchsorted(heads, ends, side="right")
               - np.searchsorted(heads, starts + 1, side="left"))
    keep = np.flatnonzero(n_heads > 0)
    longest = len(_numeral_units()[0])  # the units are sorted longest first
    for a, b in zip(starts[keep].tolist(), ends[keep].tolist()):
        for m in rx.finditer(text, a, b + longest):
            if m.start() >= b:  # starts in a later run: found there
                break
            yield m


def _numeral_edits(text: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    if "第" in text:
        for m in _RANK_RE.finditer(text):
            nxt = text[m.end()] if m.end() < len(text) else "\n"
            if nxt not in "位名":
                if nxt not in _RANK_AFTER:
                    continue
                if not _RANK_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                    continue
            val = _cn_number(m.group(1))
            if val is not None:
                edits.append((m.start(1), m.end(1), val))
    if "首位" in text:  # 居全市首位: first place
        for m in re.finditer("首位", text):
            if _RANK_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                edits.append((m.start(), m.end(), "第1位"))
    if "百分之" in text:
        for m in _PERCENT_RE.finditer(text):
            val = _cn_number(m.group(1))
            if val is not None:
                edits.append((m.start(), m.end(), val + "%"))
    if "百分之" in text:
        edits += [(m.start(), m.end(), m.group(1) + "%") for m in _PERCENT_DIGITS_RE.finditer(text)]
    if "年" in text:
        for m in _finditer_at(_CN_YEAR_RE, text, _cn_year_starts(text)):
            year = m.group(1).translate(_CN_DIGIT)
            if year[:2] in ("19", "20"):
                edits.append((m.start(), m.end(), year))
        edits += _short_year_edits(text)
    if "千" in text:
        for m in _finditer_at(_THOUSANDS_RE, text, _thousands_starts(text)):
            edits.append((m.start(), m.end(), _scaled(m.group(1), 1000)))
    compound = []
    hints = _compound_hints(text)
    if hints:
        for m in _finditer_at(_COMPOUND_RE, text, _compound_starts(text, hints)):
            val = _cn_number(m.group(1))
            if val is not None:
                compound.append((m.start(1), m.end(1), val))
    taken = [(a, b) for a, b, _ in compound]
    edits += compound
    for m in _unit_matches(text):
        if any(a <= m.start(1) < b for a, b in taken):
            continue
        if m.start() > 0 and text[m.start() - 1] in _NOT_BEFORE_AMOUNT:
            continue  # part of a longer numeral (一亿二千万元) or an ordinal
        val = _cn_number(m.group(1))
        if val is not None:
            edits.append((m.start(1), m.end(1), val))
    return _merge(edits)


#: a year of two Chinese digits opening a clause (…到二0一二年…,一五年要突破…)
_SHORT_CN_YEAR_RE = re.compile(r"([〇零一二三四五六七八九]{2})年\s*(?:要|将|达到|突破|实现|力争|确保)")
_CLAUSE_OPENERS = frozenset(",，;；、")
#: a fast test (it starts with a plain character): a year word before a plan verb
_SHORT_YEAR_HINT = re.compile(r"年\s*(?:要|将|达到|突破|实现|力争|确保)")
_FULL_YEAR_RE = re.compile(r"((?:19|20)\d{2}|[一二][九〇○0零][零〇○0一二三四五六七八九]{2})\s*年")


def _short_year_edits(text: str) -> list[tuple[int, int, str]]:
    """一五年 -> 2015年 when a full year of the same century stands in the 80 characters
    before it (a speech's later milestone, 到二0一二年…,一五年要突破一万亿元)."""
    out = []
    if _SHORT_YEAR_HINT.search(text) is None:
        return out
    for h in _SHORT_YEAR_HINT.finditer(text):  # the year word; its two digits stand before
        m = _SHORT_CN_YEAR_RE.match(text, max(0, h.start() - 2))
        if m is None or m.start() != h.start() - 2:
            continue
        if text[max(0, m.start() - 8): m.start()].rstrip()[-1:] not in _CLAUSE_OPENERS:
            continue  # the year must open a clause (not 二〇一二年's last two digits)
        before = _FULL_YEAR_RE.findall(text, max(0, m.start() - 80), m.start())
        if before:
            century = before[-1].translate(_CN_DIGIT)[:2]
            out.append((m.start(1), m.end(1), century + m.group(1).translate(_CN_DIGIT)))
    return out


def _scaled(digits: str, factor: int) -> str:
    """``digits`` times ``factor`` as a plain decimal string (4千 -> 4000)."""
    from decimal import Decimal

    value = Decimal(digits) * factor
    return format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
