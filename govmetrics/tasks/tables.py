"""Table rows read column by column, from the roles their header gives.

Rules
-----
- The header of a table is the nearest line above a row that holds 序号 with
  other cells (``序号 | 项目名称 | 目标任务 | …`` or space-separated), or, in a
  table laid out one cell per line, the run of cell lines that opens with
  ``序号 |``.
- Each header cell gets a role from ``task_table_columns.csv`` (target,
  actual, rate, text); its unit is the unit in its brackets (``计划投资额(万元)``)
  or the unit its closing word implies (``计划完成数`` counts).
- ``table_columns``: a row whose figure cells (a number, with or without a
  unit, or a percentage) are exactly as many as the header's figure columns
  is read column by column: each target cell pairs with the next actual cell
  after it, and the rate cell after that actual is the reported completion.
  Cells with words (names, remarks) are not figure cells, so merged or split
  text cells do not shift the columns.
- A bare number takes the unit of its column; failing that, the unit the
  same number carries elsewhere in the row (``11098`` … ``监督检查11098家``),
  the unit of its actual cell, or the unit the row's name implies
  (``task_subject_units.csv``: 就业 is counted in persons); a bare number
  with none of these is not read. A trailing 万/亿 scales it (``10000万``).
- A line without a 序号 inside a table continues the row above it: its
  targets belong to that row's item.
- ``table_period``: the period of a table's figures is the last one its
  title lines (up to three lines above the header) or its header name
  (``(截至2021年8月底)``, ``1-8月实际完成情况``); failing that, the document's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..vocabulary import read_vocabulary
from ._vocab import task_units
from .figures import Figure, figures_in
from .progress import sentence_period

__all__ = ["Column", "column_row", "row_number", "table_header", "table_period"]

_HEAD_LINE = re.compile(r"^\s*序\s*号")
_CELL_LINE_HEAD = re.compile(r"^\s*序\s*号\s*\|\s*$")
_ROW_NUMBER = re.compile(r"^\s*\d{1,3}\s*(?:\|\s*$|\|)")
_FIGURE_CELL = re.compile(
    r"^(?P<num>\d+(?:\.\d+)?)(?P<scale>万|亿)?(?P<unit>\S{0,6}?)(?P<pct>%)?$")
_BRACKET_UNIT = re.compile(r"[(（]([^()（）]{1,6})[)）]")


@dataclass(frozen=True, slots=True)
class Column:
    """A header cell: its role (target, actual, rate, text) and its unit."""

    header: str
    role: str
    unit: str | None


@cache
def _roles() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r["role"], re.compile(r["pattern"]))
                 for r in read_vocabulary("task_table_columns.csv") if r["role"] != "unit_word")


@cache
def _unit_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pattern"]), r["unit"])
                 for r in read_vocabulary("task_table_columns.csv") if r["role"] == "unit_word")


@cache
def _subject_units() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pattern"]), r["unit"])
                 for r in read_vocabulary("task_subject_units.csv"))


def _column(cell: str) -> Column:
    head = re.sub(r"\s+", "", cell)
    role = next((r for r, p in _roles() if p.search(head)), "text")
    unit = None
    m = _BRACKET_UNIT.search(head)
    if m is not None and m.group(1) in task_units():
        unit = m.group(1)
    elif role in ("target", "actual"):
        unit = next((u for p, u in _unit_words() if p.search(head)), None)
    return Column(cell, role, unit)


def _cells(line: str) -> list[str]:
    if line.count("|") >= 2:
        return [c.strip() for c in line.split("|") if c.strip()]
    return [c for c in re.split(r"\s+", line.strip()) if c]


def table_header(text: str, pos: int, *, reach: int = 4000) -> list[Column] | None:
    """The header columns of the table that holds ``pos``, or None.

    Examples
    --------
    >>> t = "序号 | 项目 | 计划投资额(万元) | 累计完成投资额(万元) | 完成率\\n1 | 甲 | 120 | 60 | 50%"
    >>> [(c.role, c.unit) for c in table_header(t, t.index("1 |"))]
    [('text', None), ('text', None), ('target', '万元'), ('actual', '万元'), ('rate', None)]
    """
    lines = text[max(0, pos - reach):pos].split("\n")
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if _CELL_LINE_HEAD.match(line):
            run = []
            for ln in lines[i:]:
                if not ln.rstrip().endswith("|") or (run and _ROW_NUMBER.match(ln)):
                    break
                run.append(ln.rstrip().rstrip("|").strip())
            return [_column(c) for c in run]
        if _HEAD_LINE.match(line):
            cells = _cells(line)
            return [_column(c) for c in cells] if len(cells) >= 3 else None
    return None


@dataclass(slots=True)
class CellFigure:
    """A figure cell of a row: span, value in base units, base unit, percentage."""

    start: int
    end: int
    figure: Figure | None
    percent: float | None


def _figure_cells(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, re.Match[str]]]:
    out = []
    for a, b in spans:
        cell = text[a:b].strip()
        m = _FIGURE_CELL.match(cell)
        if m is None:
            continue
        unit = m.group("unit")
        if unit and unit not in task_units():
            continue
        off = a + text[a:b].index(cell)
        out.append((off, off + len(cell), m))
    return out


def _spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    seg = text[lo:hi]
    sep = "|" if seg.count("|") >= 2 else None
    out, a = [], lo
    for i in range(lo, hi + 1):
        end = i == hi
        if end or (sep is not None and text[i] in "|\n") or (sep is None and text[i].isspace()):
            if a < i:
                out.append((a, i))
            a = i + 1
    return out


def _implied_unit(text: str, lo: int, hi: int, number: str, column: Column,
                  actual_unit: str | None) -> str | None:
    if column.unit is not None:
        return column.unit
    for f in figures_in(text, lo, hi):
        if text[f.start:f.end].startswith(number) and re.match(rf"{re.escape(number)}(?!\d)",
                                                              text[f.start:f.end]):
            return f.unit
    if actual_unit is not None:
        return actual_unit
    line = text[lo:hi]
    return next((u for p, u in _subject_units() if p.search(line)), None)


def _bare_figure(start: int, end: int, m: re.Match[str], unit: str, modifier: str = "point"
                 ) -> Figure | None:
    u = task_units().get(unit)
    if u is None:
        return None
    scale = {"万": 1e4, "亿": 1e8}.get(m.group("scale") or "", 1.0)
    if unit.startswith(("万", "亿")):
        scale = 1.0  # 10000万 in a 万元 row: the 万 is the unit's
    value = float(m.group("num")) * scale * u.factor
    return Figure(start, end, value, None, unit, u.base_unit, modifier)


def _cell_figure(text: str, a: int, b: int, m: re.Match[str]) -> Figure | None:
    found = [f for f in figures_in(text, a, b) if f.base_unit != "percent"]
    return found[0] if found else None


def column_row(text: str, lo: int, hi: int, header: list[Column]
               ) -> list[tuple[Figure, Figure | None, float | None, str]] | None:
    """Targets of a row read column by column: (target, actual, reported %, header).

    None when the row's figure cells do not line up with the header's figure
    columns (see the module rules).

    Examples
    --------
    >>> t = "序号 | 市州 | 计划完成数 | 累计开工数 | 开工率\\n1 | 甲市 | 150 | 143 | 95.33%"
    >>> lo = t.index("1 |")
    >>> [(a.value, b.value, p, h) for a, b, p, h in column_row(t, lo, len(t), table_header(t, lo))]
    [(150.0, 143.0, 95.33, '计划完成数')]
    """
    cols = [c for c in header if c.role in ("target", "actual", "rate")]
    if not any(c.role == "target" for c in cols):
        return None
    spans = _spans(text, lo, hi)
    if _ROW_NUMBER.match(text, lo) or re.match(r"\s*\d{1,3}\s", text[lo:hi]):
        spans = spans[1:]  # the 序号 cell
    cells = _figure_cells(text, spans)
    if len(cells) != len(cols):
        return None
    read: list[tuple[Column, int, int, re.Match[str]]] = [
        (c, a, b, m) for c, (a, b, m) in zip(cols, cells, strict=True)]
    out = []
    for k, (c, a, b, m) in enumerate(read):
        if c.role != "target" or m.group("pct"):
            continue
        act = next((r for r in read[k + 1:] if r[0].role == "actual"), None)
        if act is not None and any(r[0].role == "target" for r in read[k + 1:read.index(act)]):
            act = None
        act_fig = _cell_figure(text, act[1], act[2], act[3]) if act is not None else None
        tf = _cell_figure(text, a, b, m)
        if tf is None:
            unit = _implied_unit(text, lo, hi, m.group("num"), c,
                                 act_fig.unit if act_fig is not None else None)
            tf = _bare_figure(a, b, m, unit) if unit is not None else None
        if tf is None:
            continue
        af = None
        if act is not None and not act[3].group("pct"):
            af = act_fig or _bare_figure(act[1], act[2], act[3], act[0].unit or tf.unit)
            if af is not None and af.base_unit != tf.base_unit:
                af = None
        pct = None
        if act is not None:
            rate = next((r for r in read[read.index(act) + 1:] if r[0].role == "rate"), None)
            if rate is not None and rate[3].group("pct"):
                pct = float(rate[3].group("num"))
        out.append((tf, af, pct, c.header))
    return out or None



_ROW_NO = re.compile(r"\s*(\d{1,3})\s*(?:\||\s)")


def row_number(text: str, lo: int) -> str | None:
    """The 序号 of the row at ``lo``: its own, or that of the nearest numbered row above.

    Examples
    --------
    >>> t = "序号 名称 目标\\n9 完成参保6300人 6300人\\n完成征缴基金1亿元 1亿元"
    >>> row_number(t, t.index("完成征缴"))
    '9'
    """
    m = _ROW_NO.match(text, lo)
    if m is not None:
        return m.group(1)
    for line in reversed(text[max(0, lo - 4000):lo].split("\n")[:-1]):
        if _HEAD_LINE.match(line):
            return None
        m = _ROW_NO.match(line)
        if m is not None:
            return m.group(1)
    return None


def table_period(text: str, pos: int, *, reach: int = 4000) -> int | None:
    """The period a table's title or header names, for the row at ``pos``.

    Examples
    --------
    >>> t = "民生实事完成进度表\\n(截至2021年8月底)\\n序号 | 名称 | 计划数 | 完成数\\n1 | 甲 | 5 | 3"
    >>> table_period(t, t.index("1 |"))
    8
    """
    lines = text[max(0, pos - reach):pos].split("\n")
    for i in range(len(lines) - 1, -1, -1):
        if _HEAD_LINE.match(lines[i]):
            head = [ln for ln in lines[i:] if not _ROW_NUMBER.match(ln)]
            above = [ln for ln in lines[max(0, i - 3):i] if len(ln) <= 60]
            return sentence_period(" ".join(above + head))
    return None
