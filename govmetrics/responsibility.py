"""Units of responsibility in target breakdowns (责任分解方案).

A breakdown follows each target with the units that own it, in brackets
(``(牵头单位:市发改委;责任单位:各县市区人民政府)``) or on lines of their own
(``牵头单位:市城管局``). This module finds those notes in normalized text
(traditional script is already simplified by :mod:`govmetrics.text.normalize`)
and tells which note a figure belongs to. It works on text only, so it sits
with the segment stage and both extractors (facts and tasks) use it.

Rules
-----
- A note belongs to the figures of the same line that stand before it and
  after the previous note on that line.
- A line that holds only a note (a table-like layout) belongs to the figures
  of the nearest line above it that has no note of its own.
- When a note names no lead unit and exactly one responsible unit, that unit
  is the lead: it alone owns the target.
- ``responsible_units`` lists the units in printed order, joined by ``、``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["UnitNote", "find_unit_notes", "owner_note", "units_at"]

_LEAD_WORDS = ("牵头单位", "牵头部门", "责任领导", "牵头领导")
_RESP_LABELS = ("责任单位", "责任部门", "配合单位", "责任主体(?:与协同单位)?", "协同单位")
_LEAD = f"(?:{'|'.join(_LEAD_WORDS)})"
#: one flat alternation of plain words: the regex engine skips to their first characters
_LABEL = re.compile(f"({'|'.join(_LEAD_WORDS + _RESP_LABELS)})\\s*[:：]\\s*")

_OPEN = "(（〔[【"
_CLOSE = {"(": ")", "（": "）", "〔": "〕", "[": "]", "【": "】"}
_CLOSERS = frozenset(_CLOSE.values())
_SPLIT = re.compile(r"[、,，]")
_SEPARATORS = frozenset("、,，")


@dataclass(frozen=True, slots=True)
class UnitNote:
    """One note of owning units.

    Attributes
    ----------
    start, end : int
        Span of the note in the normalized text.
    line_start : int
        Start of the line whose figures the note belongs to.
    lead_unit : str or None
        The lead unit (牵头单位), or the sole responsible unit.
    responsible_units : str or None
        Responsible units joined by ``、``.
    """

    start: int
    end: int
    line_start: int
    lead_unit: str | None
    responsible_units: str | None


def _split_units(s: str) -> list[str]:
    """Split a unit list on 、 and commas that are not inside brackets."""
    if not any(c in s for c in _OPEN):  # no brackets: a plain split
        return [u.strip(" 。;；") for u in _SPLIT.split(s) if u.strip(" 。;；")]
    out, depth, cur = [], 0, []
    for ch in s:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        if depth == 0 and ch in _SEPARATORS:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [u.strip(" 。;；") for u in out if u.strip(" 。;；")]


def _parse_fields(body: str) -> tuple[str | None, str | None] | None:
    """Lead and responsible units of a note body, or None when it has no label."""
    labels = list(_LABEL.finditer(body))
    if not labels:
        return None
    lead: list[str] = []
    resp: list[str] = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(body)
        units = _split_units(body[m.end():end].strip(" ;；,，"))
        (lead if re.fullmatch(_LEAD, m.group(1)) else resp).extend(units)
    if not lead and len(resp) == 1:
        lead = list(resp)
    return ("、".join(lead) or None), ("、".join(resp) or None)


def _bracket_end(text: str, i: int, stop: int) -> int:
    """Index after the bracket opened at ``text[i]`` (nesting allowed), or ``stop``."""
    depth = 0
    for j in range(i, stop):
        if text[j] in _OPEN:
            depth += 1
        elif text[j] in _CLOSERS:
            depth -= 1
            if depth == 0:
                return j + 1
    return stop


def _line_notes(text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """Notes on one line: (start, end, body)."""
    out = []
    line = text[s:e]
    for m in _LABEL.finditer(line):
        if out and s + m.start() < out[-1][1]:
            continue
        k = m.start() - 1
        while k >= 0 and line[k] == " ":
            k -= 1
        if k >= 0 and line[k] in _OPEN:
            b = _bracket_end(text, s + k, e)
            out.append((s + k, b, text[s + k + 1:b - 1]))
        elif not line[:m.start()].strip():
            out.append((s + m.start(), e, line[m.start():]))
    return out


def find_unit_notes(text: str) -> list[UnitNote]:
    """Every note of owning units in a normalized text, in order.

    Parameters
    ----------
    text : str
        Normalized document text.

    Returns
    -------
    list of UnitNote

    Examples
    --------
    >>> n = find_unit_notes("12.增长10%以上。(牵头单位:市经信局;责任单位:市发改委、各县市区)")
    >>> n[0].lead_unit, n[0].responsible_units
    ('市经信局', '市发改委、各县市区')
    >>> find_unit_notes("5.新建50个。(责任单位:市住建局)")[0].lead_unit
    '市住建局'
    """
    notes: list[UnitNote] = []
    found_on: dict[int, list[tuple[int, int, str]]] = {}  # line start -> its notes
    for m in _LABEL.finditer(text):  # only lines with a label are read
        s = text.rfind("\n", 0, m.start()) + 1
        if s not in found_on:
            e = text.find("\n", m.start())
            found_on[s] = _line_notes(text, s, len(text) if e < 0 else e)
    owned: dict[int, int] = {}  # line start -> the line its figures' notes belong to
    for s, found in found_on.items():
        owner = s
        if found and not text[s:found[0][0]].strip():
            above = _line_above(text, s)  # a line of its own: the units of the line above
            if above is not None and owned.get(above, above) != above:
                above = owned[above]  # 牵头单位 and 责任单位 on lines of their own: the same line
            if above is not None and not found_on.get(above):
                owner = above
        owned[s] = owner
        for a, b, body in found:
            fields = _parse_fields(body)
            if fields is not None:
                notes.append(UnitNote(a, b, owner, fields[0], fields[1]))
    return notes


def _line_above(text: str, s: int) -> int | None:
    """Start of the nearest non-blank line above the line starting at ``s``."""
    end = s - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            return start
        end = start - 1
    return None


def units_at(notes: list[UnitNote], pos: int, line_start: int) -> UnitNote | None:
    """The note that owns a figure at ``pos`` on the line starting at ``line_start``.

    Examples
    --------
    >>> t = "1.新增3家。(牵头单位:甲局)2.新建4个。(牵头单位:乙局)"
    >>> units_at(find_unit_notes(t), t.index("4个"), 0).lead_unit
    '乙局'
    """
    same = [n for n in notes if n.line_start == line_start]
    if not same:
        return None
    starts = [n.start for n in same]
    i = bisect.bisect_left(starts, pos)
    return same[i] if i < len(same) else None


def _parsed(text: str, found: list[tuple[int, int, str]], owner: int) -> list[UnitNote]:
    out = []
    for a, b, body in found:
        fields = _parse_fields(body)
        if fields is not None:
            out.append(UnitNote(a, b, owner, fields[0], fields[1]))
    return out


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    e = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if e < 0 else e


def _owned_notes(text: str, s: int, e: int) -> list[UnitNote]:
    """The notes that own the figures of the line ``text[s:e]`` (see the module's rules)."""
    if not text[s:e].strip():
        return []  # a blank line owns nothing
    found = _line_notes(text, s, e)
    if found:
        if not text[s:found[0][0]].strip() and _owned_above(text, s):
            return []  # a line of notes only: they belong to the line above
        return _parsed(text, found, s)
    notes: list[UnitNote] = []
    while e < len(text):  # lines of notes only, right below, belong to this line
        ns, ne = _line_bounds(text, e + 1)
        if not text[ns:ne].strip():
            e = ne
            continue
        below = _line_notes(text, ns, ne)
        if not below or text[ns:below[0][0]].strip():
            break
        notes.extend(_parsed(text, below, s))
        e = ne
    return notes


def _owned_above(text: str, s: int) -> bool:
    """Whether the notes-only line at ``s`` belongs to a line above (one without notes)."""
    while True:
        above = _line_above(text, s)
        if above is None:
            return False
        _, ae = _line_bounds(text, above)
        found = _line_notes(text, above, ae)
        if not found:
            return True
        if text[above:found[0][0]].strip():
            return False  # a line with figures and notes of its own
        s = above


def owner_note(text: str, pos: int, cache: dict[int, list[UnitNote]] | None = None
               ) -> UnitNote | None:
    """The note that owns the figure at ``pos``: ``units_at(find_unit_notes(text), pos, …)``.

    Reads only the figure's line and the lines of notes right below it, so a
    fact table pays for the notes of its figures, not of the whole document.
    ``cache`` keeps the notes of the lines already read (pass the same dict for
    every figure of one text).

    Examples
    --------
    >>> t = "1.新建50个\\n牵头单位:甲局\\n2.新增3家。(牵头单位:乙局)"
    >>> owner_note(t, t.index("50")).lead_unit, owner_note(t, t.index("3家")).lead_unit
    ('甲局', '乙局')
    """
    if cache is None:
        cache = {}
    s, e = _line_bounds(text, pos)
    notes = cache.get(s)
    if notes is None:
        notes = cache[s] = _owned_notes(text, s, e)
    starts = [n.start for n in notes]
    i = bisect.bisect_left(starts, pos)
    return notes[i] if i < len(notes) else None
