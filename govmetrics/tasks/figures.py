"""Figures in task and progress text: number, unit, modifier, clause, role.

Rules
-----
- A figure is a number (Arabic, or Chinese before 亿/万亿 as in 突破千亿)
  followed by a unit of ``task_units.csv``; a range ``3-5家`` keeps its lower
  bound with modifier ``range``.
- Modifiers come from ``modifiers.csv`` (以上, 不低于, 左右, 以内 ...); a
  red line (红线) is a floor. A percentage after 下降/减少/降低 is negative.
- In a task statement a figure is *not* a target when it ranks (第, 前), when
  it follows 投资/总投资 (the size of a named project), when it is an amount
  followed by a noun (``10亿元以上项目``, ``投资80亿元的``: a size class),
  or when it follows a share (``50%的村…达到10万元``: a threshold).
- A figure shared by a list (``各30个``, ``均超过50%``, ``新征、平整、供地1000亩``)
  is one target per member.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import cn2an

from ..vocabulary import read_vocabulary
from ._vocab import cue, unit_in_context, unit_regex

__all__ = ["Figure", "clause_bounds", "figures_in", "named_list_size", "target_members"]

_CLAUSE_END = "，,;；。！？!?:：\n"
_LIST_SEP = "、"


@dataclass(slots=True)
class Figure:
    """One figure with its unit in base terms.

    Attributes
    ----------
    start, end : int
        Span of number and unit (and a trailing modifier) in the normalized text.
    value : float
        Value in base units (signed).
    high : float or None
        Upper bound of a range.
    unit : str
        The unit as printed.
    base_unit : str
        Base unit (``count``, ``mu``, ``yuan``, ``percent``, ``other:公里`` ...).
    modifier : str
        ``point``, ``about``, ``at_least``, ``at_most`` or ``range``.
    """

    start: int
    end: int
    value: float
    high: float | None
    unit: str
    base_unit: str
    modifier: str


@cache
def _figure_re() -> re.Pattern[str]:
    num = r"\d+(?:\.\d+)?"
    return re.compile(
        rf"(?<![\d.A-Za-z])(?:(?P<num>{num})(?:\s*[-—~～](?P<hi>{num}))?"
        rf"|(?P<cn>[一二两三四五六七八九十百千]+)(?=万亿|亿))\s*(?P<unit>{unit_regex()})")


@cache
def _modifiers() -> tuple[tuple[re.Pattern[str], str], tuple[re.Pattern[str], str]]:
    rows = [r for r in read_vocabulary("modifiers.csv") if r["pattern"] != "多"]
    before = sorted((r for r in rows if r["position"] == "before"), key=lambda r: -len(r["pattern"]))
    after = sorted((r for r in rows if r["position"] == "after"), key=lambda r: -len(r["pattern"]))
    mods = {r["pattern"]: r["modifier"] for r in rows}
    b = re.compile("(?:" + "|".join(re.escape(r["pattern"]) for r in before) + r")(?:为|在)?$")
    a = re.compile("(?:" + "|".join(re.escape(r["pattern"]) for r in after) + ")")
    return (b, mods), (a, mods)  # type: ignore[return-value]


def _number(m: re.Match[str]) -> float | None:
    if m.group("num") is not None:
        return float(m.group("num"))
    cn = m.group("cn")
    cn = "一" + cn if cn[0] in "十百千" else cn
    try:
        return float(cn2an.cn2an(cn, "smart"))
    except (ValueError, KeyError):
        return None


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int,
                  list_sep: bool = True) -> tuple[int, int]:
    """Start and end of the clause around ``text[start:end]`` within ``[lo, hi)``."""
    stops = _CLAUSE_END + (_LIST_SEP if list_sep else "")
    a = start
    while a > lo and text[a - 1] not in stops:
        a -= 1
    b = end
    while b < hi and text[b] not in stops:
        b += 1
    return a, b


def figures_in(text: str, lo: int, hi: int) -> list[Figure]:
    """Every figure in ``text[lo:hi]``.

    Examples
    --------
    >>> [(f.value, f.base_unit, f.modifier) for f in figures_in("新增1.5万户以上,下降3.5%", 0, 16)]
    [(15000.0, 'count', 'at_least'), (-3.5, 'percent', 'point')]
    """
    (before, mods), (after, _) = _modifiers()
    out: list[Figure] = []
    for m in _figure_re().finditer(text, lo, hi):
        v = _number(m)
        if v is None:
            continue
        end = m.end()
        a, b = clause_bounds(text, m.start(), end, lo, hi, list_sep=False)
        pre = text[a:m.start()]
        u = unit_in_context(m.group("unit"), pre)
        modifier = "point"
        mb = before.search(cue("per_unit_words").sub("", pre))
        if mb is not None:
            modifier = mods[mb.group(0).removesuffix("为").removesuffix("在")]
        ma = after.match(text, end, hi)
        if ma is not None:
            modifier = "about" if mods[ma.group(0)] == "about" else mods[ma.group(0)]
            end = ma.end()
        if cue("red_line").search(text[a:b]):
            modifier = "at_least"
        hi_v = float(m.group("hi")) * u.factor if m.group("hi") else None
        if hi_v is not None:
            modifier = "range"
        value = v * u.factor
        if u.base_unit == "percent" and cue("negative_before").search(pre.rstrip("了为")):
            value = -value
        out.append(Figure(m.start(), end, value, hi_v, m.group("unit"), u.base_unit, modifier))
    return out


_MONEY_LIKE = {"yuan", "ton", "other:千瓦", "other:兆瓦"}


def named_list_size(text: str, f: Figure, clause_start: int) -> bool:
    """Whether ``f`` after 等 counts the members named before it (茶叶、柑橘、水产等3个).

    Examples
    --------
    >>> t = "壮大茶叶、柑橘、水产等3个主导产业,打通民生路等4条断头路"
    >>> [named_list_size(t, f, 0 if f.value == 3 else t.index("打")) for f in figures_in(t, 0, len(t))]
    [True, False]
    """
    pre = text[clause_start:f.start]
    if not cue("list_size_before").search(pre):
        return False
    members = [p for p in re.split("[、和及与]", pre[:-1]) if p]
    return len(members) >= f.value


def is_task_target(text: str, f: Figure, lo: int, hi: int) -> bool:
    """Whether figure ``f`` of a task statement is a target (see the module rules)."""
    a, _ = clause_bounds(text, f.start, f.end, lo, hi, list_sep=False)
    pre = text[a:f.start]
    if cue("rank_before").search(pre) or cue("attribute_before").search(pre) \
            or named_list_size(text, f, a):
        return False
    if f.base_unit in _MONEY_LIKE and cue("attribute_after_money").search(text[f.end:hi]):
        return False
    return not re.search(r"\d%", pre)


_JOIN = re.compile(r"^(?P<a>[\u4e00-\u9fff]{4,})(?:和|及|与)(?P<b>[\u4e00-\u9fff].*)$")


def _joined_heads(pre: str) -> list[str]:
    """``困难残疾人生活补贴和重度残疾人护理补贴发放标准…``: two names joined by 和
    that end in the same word share what follows them (one member each).

    Examples
    --------
    >>> _joined_heads("困难残疾人生活补贴和重度残疾人护理补贴发放标准提高到")
    ['困难残疾人生活补贴发放标准提高到', '重度残疾人护理补贴发放标准提高到']
    >>> _joined_heads("新建和改造农贸市场")
    []
    """
    m = _JOIN.match(pre)
    if m is None:
        return []
    a, b = m.group("a"), m.group("b")
    head = a[-2:]
    k = b.find(head)
    if k < 2 or head in a[:-2]:
        return []
    tail = b[k + 2:]
    return [a + tail, b[:k + 2] + tail] if tail else []


def target_members(text: str, f: Figure, lo: int, hi: int) -> list[str]:
    """The list members that share figure ``f`` (one empty name when it is not shared).

    Examples
    --------
    >>> t = "新征、平整、供地1000亩以上"
    >>> target_members(t, figures_in(t, 0, len(t))[0], 0, len(t))
    ['新征', '平整', '供地']
    """
    a, _ = clause_bounds(text, f.start, f.end, lo, hi, list_sep=False)
    pre = text[a:f.start]
    mb = _modifiers()[0][0].search(pre)
    if mb is not None:
        pre = pre[:mb.start()]
    if cue("share_before").search(pre):
        body = pre[:-1]
        parts = [p for p in body.split(_LIST_SEP) if p]
        if len(parts) > 1:
            return parts
        quoted = re.findall(r"[“\"][^”\"]+[”\"]", body)
        if len(quoted) > 1:
            tail = body[body.rfind(quoted[-1]) + len(quoted[-1]):]
            return [q + tail for q in quoted]
        return [""]
    joined = _joined_heads(pre)
    if joined:
        return joined
    parts = pre.split(_LIST_SEP)
    if len(parts) > 1 and all(0 < len(p) <= 3 for p in parts[:-1]) and parts[-1]:
        verb = len(parts[0])
        tail = parts[-1][verb:] if len(parts[-1]) > 3 else ""
        return [p + tail for p in parts[:-1]] + [parts[-1]]
    return [""]
