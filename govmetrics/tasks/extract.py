"""One document -> task rows (targets, their pairs, their owning units)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..responsibility import find_unit_notes, units_at
from ..text.read import Document
from ._vocab import cue, task_units
from .context import TaskContext
from .figures import Figure, clause_bounds, figures_in, is_task_target, target_members
from .items import Item, find_items
from .pairing import Pair, TargetRef, pair_targets
from .paragraphs import (
    pair_in_sentence,
    paragraph_items,
    paragraph_targets,
    table_cells,
    table_row,
    table_row_targets,
    text_period,
    unit_columns,
)
from .progress import Actual, read_progress
from .tables import column_row, row_number, table_header, table_period

__all__ = ["task_rows"]

_LEAD_VERBS = re.compile(
    r"^(?:全年|年内|确保|力争|争取|重点|精心|高标准|加快|大力|全力|继续|积极|突出|实现|完成|新增|新建"
    r"|建成|建设|建好|培育|培养|创建|引进|打造|抓好|推进|启动|发行|整治|改造|实施|开展|推动|达到)+")


@dataclass(slots=True)
class _Target:
    item: Item
    figure: Figure
    quote: tuple[int, int]
    context: str
    source: str  # task | progress_label
    per_member: bool = False


def _subject(context: str) -> str:
    s = re.sub(r"^[,，、\s]+|[,，、。\s]+$", "", context)
    s = _LEAD_VERBS.sub("", s)
    s = re.sub(r"(?:不低于|不少于|超过|突破|达到|达|稳定在|控制在|在|为|均|各|超)$", "", s)
    return s.strip(" ,，、") or context


def _task_targets(text: str, item: Item) -> list[_Target]:
    out: list[_Target] = []
    for lo, hi in item.task:
        for f in figures_in(text, lo, hi):
            if not is_task_target(text, f, lo, hi):
                continue
            members = target_members(text, f, lo, hi)
            n = len(members)
            a, b = clause_bounds(text, f.start, f.end, lo, hi, list_sep=n == 1)
            if n > 1:
                a, b = clause_bounds(text, f.start, f.end, lo, hi, list_sep=False)
            end = _quote_end(text, f, b)
            ctx = text[a:f.start] + text[f.end:b]
            ca, _ = clause_bounds(text, f.start, f.end, lo, hi, list_sep=False)
            per = bool(cue("per_member").search(text[ca:f.start]))
            for m in members:
                out.append(_Target(item, f, (a, end), m or ctx, "task", per))
    return out


def _quote_end(text: str, f: Figure, clause_end: int) -> int:
    """A target quote ends at its figure, or at the end of a short noun after a count."""
    tail = text[f.end:clause_end]
    return clause_end if tail.strip() and f.base_unit != "percent" and len(tail) <= 20 else f.end


def _stock(ctx: str) -> bool:
    return bool(cue("stock_target").search(ctx))


def _item_rows(doc: Document, ctx: TaskContext, item: Item) -> list[dict]:
    text = doc.text
    targets = _task_targets(text, item)
    actuals, labels = read_progress(text, item.progress, ctx.period_end)
    known = {(t.figure.base_unit, round(t.figure.value, 6)) for t in targets}
    fixed: dict[int, Pair] = {}
    for lt in labels:
        key = (lt.figure.base_unit, round(lt.figure.value, 6))
        if key not in known:
            known.add(key)
            if lt.of_actual is not None and lt.of_actual.value is not None:
                fixed[len(targets)] = Pair(len(targets), lt.of_actual, lt.of_actual.value,
                                           "label_beside_actual")
            targets.append(_Target(item, lt.figure, (lt.quote_start, lt.figure.end), lt.context,
                                   "progress_label"))
    refs = [TargetRef(i, t.figure.value, t.figure.base_unit, t.context, _stock(t.context),
                      bool(cue("built_verb").search(t.context)), t.figure.unit,
                      t.figure.start if t.source == "progress_label" else None, t.per_member)
            for i, t in enumerate(targets) if i not in fixed]
    used = [a for a in actuals if not any(p.actual is a for p in fixed.values())]
    pairs = {p.target: p for p in pair_targets(refs, used, text)}
    pairs.update(fixed)
    return [_row(doc, ctx, t, pairs.get(i)) for i, t in enumerate(targets)]


def _half_up(x: float) -> float:
    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _completion(t: _Target, p: Pair | None) -> float | None:
    f = t.figure
    if p is None or f.modifier == "at_most" or not f.value:
        return None
    u = next((u for u in task_units().values() if u.base_unit == f.base_unit), None)
    if u is None or not u.completion:
        return None
    return _half_up(p.value / f.value * 100)


def _span(doc: Document, a: int, b: int) -> tuple[int, int, str]:
    s, e = doc.normalized.span_to_original(a, b)
    return s, e, doc.original[s:e]


def _row(doc: Document, ctx: TaskContext, t: _Target, p: Pair | None) -> dict:
    f = t.figure
    ts, te, tq = _span(doc, *t.quote)
    row = {
        "doc": doc.name, "region": ctx.region, "region_code": ctx.region_code, "year": ctx.year,
        "item": t.item.number, "section": t.item.section, "subject": _subject(t.context),
        "target_value": f.value, "target_unit": f.base_unit, "modifier": f.modifier,
        "target_quote": tq, "target_char_start": ts, "target_char_end": te,
        "actual_value": None, "actual_unit": None, "period_end": None, "estimate": None,
        "actual_quote": None, "actual_char_start": None, "actual_char_end": None,
        "completion_pct_reported": None, "completion_pct_computed": _completion(t, p),
        "lead_unit": None, "responsible_units": None, "rule": None,
        "target_source": t.source, "_pos": f.start,
    }
    if p is not None:
        a = p.actual
        s, e, q = _span(doc, a.quote_start, a.end)
        row.update(actual_value=p.value, actual_unit=f.base_unit, period_end=a.period_end,
                   estimate=a.estimate, actual_quote=q, actual_char_start=s, actual_char_end=e,
                   completion_pct_reported=a.completion_reported, rule=p.rule)
    return row


def _attach_units(doc: Document, rows: list[dict], starts: list[tuple[int, int]]) -> None:
    notes = find_unit_notes(doc.text)
    if not notes:
        return
    for row, (pos, line_start) in zip(rows, starts, strict=True):
        n = units_at(notes, pos, line_start)
        if n is not None:
            row["lead_unit"], row["responsible_units"] = n.lead_unit, n.responsible_units


_ROW_START = re.compile(r"\s*\d{1,3}(?:\s*\||\s+\S)")


_UNIT_CELL = re.compile(r"(?:[^、\d]+(?:局|委|办|中心|政府|街道|公司|院|处|所|队|部|会|室|联|区|县|镇)、?)+")


def _row_units(text: str, lo: int, hi: int) -> tuple[str | None, str | None]:
    """Lead and responsible units of a table row, when its header has such columns.

    Rows merge cells, so the columns are found by content: the first cell
    that names units (市城管局, 市政局、相关街道) after the name cell is the lead
    (or the responsible units when the header has no lead column), the next
    one the responsible units.
    """
    lead_col, resp_col = unit_columns(text)
    if lead_col is None and resp_col is None:
        return None, None
    cells = [c.strip() for c in table_cells(text[lo:hi].strip())]
    first = min(i for i in (lead_col, resp_col) if i is not None)
    # cells before the first unit column (序号, the task's name) are never units,
    # though a name may end like one (改(新)建农村用户厕所)
    start = 1 if cells and cells[0].isdigit() else 0  # a continuation row has no 序号
    units = [c for c in cells[start + (first >= 2):] if _UNIT_CELL.fullmatch(c)]
    if not units:
        return None, None
    if lead_col is not None and resp_col is not None:
        return units[0], (units[1] if len(units) > 1 else None)
    return (units[0], None) if lead_col is not None else (None, units[0])


def _table_row(doc: Document, ctx: TaskContext, item: Item) -> list[dict] | None:
    text = doc.text
    lo, hi = item.progress[0]
    found = table_row(text, lo, hi)
    if found is None:
        return None
    number, f, actual = found
    m = _ROW_START.match(text, lo)
    many = table_row_targets(text, lo, hi, m.end() if m else lo) or [(f, actual)]
    it = dataclasses.replace(item, number=number)
    rows = []
    for tf, act in many:
        t = _Target(it, tf, (lo, tf.end), text[lo:tf.start], "task")
        if act is not None:
            act.period_end = ctx.period_end
        p = Pair(0, act, float(act.value), "table_row") if act is not None else None
        rows.append(_row(doc, ctx, t, p))
    lead, resp = _row_units(text, lo, hi)
    for row in rows:
        row["lead_unit"], row["responsible_units"] = lead or resp, resp
    return rows


def _column_rows(doc: Document, ctx: TaskContext, item: Item) -> list[dict] | None:
    """Rows of a table line read column by column (``tables.column_row``)."""
    text = doc.text
    lo, hi = item.progress[0]
    header = table_header(text, lo)
    found = column_row(text, lo, hi, header) if header is not None else None
    number = row_number(text, lo) if found else None
    if number is None:
        return None
    it = dataclasses.replace(item, number=number)
    period = table_period(text, lo) or ctx.period_end
    rows = []
    for tf, af, pct, head in found:
        names = [c for c in re.split(r"[|\n]|\s{2,}", text[lo:tf.start])
                 if c.strip() and not re.fullmatch(r"\s*\d{1,3}\s*", c)]
        t = _Target(it, tf, (lo, tf.end), " ".join(c.strip() for c in names[-1:]) + head, "task")
        p = None
        if af is not None:
            act = Actual(af.start, af.end, af.value, af.base_unit, period, 0, "", (lo, hi),
                         "figure", completion_reported=pct, quote_start=af.start)
            p = Pair(0, act, af.value, "table_row")
        rows.append(_row(doc, ctx, t, p))
    lead, resp = _row_units(text, lo, hi)
    for row in rows:
        row["lead_unit"], row["responsible_units"] = lead or resp, resp
    return rows


def _paragraph_rows(doc: Document, ctx: TaskContext, item: Item) -> list[dict]:
    """Rows of one paragraph of a document without numbered items."""
    text = doc.text
    if item.task:
        return _item_rows(doc, ctx, item)  # a task labelled inline
    rows = _column_rows(doc, ctx, item)
    if rows is not None:
        return rows
    rows = _table_row(doc, ctx, item)
    if rows is not None:
        return rows
    if _ROW_START.match(text, item.line_start):
        return []  # a table row whose target cell has no unit: not read as prose
    actuals, labels = read_progress(text, item.progress, ctx.period_end)
    found = paragraph_targets(text, item)
    spans = [(f.start, f.end) for f, _, _, _ in found]
    actuals = [a for a in actuals if not any(s <= a.start < e for s, e in spans)]
    targets = [_Target(item, f, (a, _quote_end(text, f, b)), m or c, "task")
               for f, a, c, b in found for m in target_members(text, f, a, b)]
    beside = {}
    for lt in labels:
        if cue("headline_name").search(lt.context):
            continue  # a headline fact, read by govmetrics.extract
        if not any(lt.figure.start == t.figure.start for t in targets):
            targets.append(_Target(item, lt.figure, (lt.quote_start, lt.figure.end), lt.context,
                                   "progress_label"))
        if lt.of_actual is not None and lt.of_actual.value is not None:
            beside[lt.figure.start] = lt.of_actual
    targets.sort(key=lambda t: t.figure.start)
    fixed = {i: Pair(i, beside[t.figure.start], float(beside[t.figure.start].value),
                     "label_beside_actual") for i, t in enumerate(targets) if t.figure.start in beside}
    free = [a for a in actuals if not any(p.actual is a for p in fixed.values())]
    pairs = {p.target: p for p in pair_in_sentence(
        [(i, t.figure) for i, t in enumerate(targets) if i not in fixed], free, text)}
    pairs.update(fixed)
    return [_row(doc, ctx, t, pairs.get(i)) for i, t in enumerate(targets)]


def task_rows(doc: Document, ctx: TaskContext) -> list[dict]:
    """Task rows of one document (columns as in :func:`govmetrics.tasks`)."""
    rows: list[dict] = []
    starts: list[tuple[int, int]] = []
    items = find_items(doc.text)
    read = _item_rows
    if not items:
        items, read = paragraph_items(doc.text), _paragraph_rows
        if ctx.period_end is None:
            ctx = dataclasses.replace(ctx, period_end=text_period(doc.text))
    for item in items:
        item_rows = read(doc, ctx, item)
        rows.extend(item_rows)
        starts.extend((r.pop("_pos"), item.line_start) for r in item_rows)
    _attach_units(doc, rows, starts)
    return rows
