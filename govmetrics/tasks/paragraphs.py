"""Documents without numbered items: news relays and plain-prose reports.

Rules
-----
- Used only when a document has no numbered item. Each paragraph is read as
  progress text. Its targets are:

  - the figures in a plan clause (计划, 年度任务, 今年确定, 今年…安排,
    要达到 …, with no done verb before the figure); a plan carries over to
    the next sentences of its paragraph until one reports progress;
  - the figures of a quoted task name (“完成城镇新增就业70万人”项目);
  - the labelled targets of progress text (目标, 任务, 指标, 年度计划投资);
  - the figures of tasks a sentence lists after naming how many there are
    (``未达到序时进度11项,为…``, ``全年目标是…``), up to the first progress
    word of the ；-segment, but not a list of headline targets
    (主要预期目标是:…) nor a list introduced as done (已经完成,包括…);
  - a figure naming the scope of the figure of its unit done right after it
    (``20件民生大事中,4件已完成``, ``20公里休闲步行道已完成7.42公里``).
- ``next_in_sentence``: such a target pairs with the first actual of its base
  unit after it, in its sentence or the next one (or a later sentence of its
  paragraph that names it alike: 开工改造小区 … 已开工小区), and before the
  next target of its base unit (计划新建1万亩蔬菜基地,现已建成9120亩), or
  with completion in words there (已超额完成). A rate takes the rate of its
  reach named most alike (投资完成率达到50% → 投资完成率37.44%, not 开工率74.0%).
  An actual needs a progress word in its sentence (其中 aside) or an
  achievement word in its clause (a figure of a plan sentence reports
  nothing: 其中,铁路建设投资300亿元). A start count
  (已开工建设的…达9149套) pairs only with a target to start (开工改造小区1500个)
  or with the scope it is counted in. An increment followed by its running
  total (新增1203例,达8878例) gives the total. A target printed in a reported
  completion after an actual (完工2092.4公里,占年度计划1500公里的139.5%)
  pairs with that actual.
- ``table_row``: a line that opens with a bare number and holds cells
  (``1 | 新增城镇就业 | 区人社局 | 8950人 | 7123人 | 80%``) is a table row:
  item = the number, target = the first figure with a unit after the name,
  actual = the next number (a bare number takes the target's unit),
  reported completion = the percentage after them; the cells under a
  牵头单位 header and a 责任单位/责任主体/协同单位 header hold the lead and the
  responsible units (a table with 责任单位 only: that unit leads too). A
  table laid out one cell per line is read row by row (number cell to
  number cell).
- A paragraph that labels its tasks inline (``任务目标:…进展情况:…``, as
  many times as it has tasks) gives one item per label: the task runs to
  the progress label, the progress to the next task label; such items are
  read as numbered items are (:mod:`govmetrics.tasks.items`).
- The document's period, when its metadata names none, is the first period
  the text names (截至10月底 … → 10).
"""

from __future__ import annotations

import re

from ..text.segment import segment_line, split_lines
from ._vocab import cue
from .figures import Figure, clause_bounds, figures_in, is_task_target
from .items import Item
from .pairing import Pair, subject_score
from .progress import Actual, sentence_period

__all__ = ["paragraph_items", "paragraph_targets", "pair_in_sentence", "table_cells", "table_row",
           "text_period", "unit_columns"]


_CELL_ROW_START = re.compile(r"\s*(\d{1,3})\s*\|\s*$")
_CELL_HEAD_START = re.compile(r"\s*序\s*号\s*\|\s*$")


def paragraph_items(text: str) -> list[Item]:
    """One pseudo-item (empty number) per paragraph, all of it progress text.

    A table laid out one cell per line (``24 |`` then ``优化提升50条… |`` …) gives
    one item per row: the row runs from its number cell to the next one, or,
    under a header laid out the same way (``序号 |`` …), for as many cells as
    the header has (a bare figure cell ``150 |`` does not open a row), or
    up to the next 序号 when at least half the header's cells are filled
    (merged cells).
    """
    items: list[Item] = []
    row: list[int] | None = None
    width = 0  # cells of the one-cell-per-line header above, 0 when unknown
    head = False
    for ln in split_lines(text):
        cell = ln.text.rstrip().endswith("|")
        if _CELL_HEAD_START.match(ln.text):
            head, width, row = True, 0, None
        if head and cell and not _CELL_ROW_START.match(ln.text):
            width += 1
            items.append(Item("", None, ln.start, [], [(ln.start, ln.end)]))
            continue
        head = False
        m = _CELL_ROW_START.match(ln.text)
        full = row is not None and width and (row[2] >= width or (
            m is not None and int(m.group(1)) == row[3] + 1 and 2 * row[2] >= width))
        if m is not None and (row is None or not width or full):
            row = [ln.start, ln.end, 1, int(m.group(1))]
            items.append(Item("", None, ln.start, [], [(ln.start, ln.end)]))
        elif row is not None and cell:
            row[1], row[2] = ln.end, row[2] + 1
            items[-1].progress = [(row[0], row[1])]
        else:
            row, width = None, 0
            items.extend(_labelled_items(text, ln.start, ln.end)
                         or [Item("", None, ln.start, [], [(ln.start, ln.end)])])
    return items


def _labelled_items(text: str, lo: int, hi: int) -> list[Item]:
    """Items of a paragraph that labels its tasks inline (任务目标:… 进展情况:…)."""
    tasks = list(cue("task_label").finditer(text, lo, hi))
    if not tasks:
        return []
    out = []
    for k, m in enumerate(tasks):
        end = tasks[k + 1].start() if k + 1 < len(tasks) else hi
        p = cue("progress_label").search(text, m.end(), end)
        if p is None:
            return []
        out.append(Item("", None, lo, [(m.end(), p.start())], [(p.end(), end)]))
    return out


def text_period(text: str) -> int | None:
    """The first period a text names, sentence by sentence."""
    for line in split_lines(text[:3000]):
        for s in line.sentences:
            p = sentence_period(s.text)
            if p is not None:
                return p
    return None


def _quoted(sentence: str, i: int) -> bool:
    head = sentence[:i]
    return head.count("“") > head.count("”") or head.count('"') % 2 == 1


_PROGRESS_WORD = re.compile(
    r"已|目前|现已|截至|完成|上半年|一季度|前三季度|\d{1,2}[-—~～至到]\d{1,2}月|未|不(?!低于|少于)|实际|其中")


def _plan_state(text: str, s0: int, f: Figure, a: int) -> bool:
    """Whether figure ``f`` (clause from ``a``) is under a plan cue of its sentence.

    A plan cue covers its own clause and the clauses after it up to the first
    clause that reports progress (已, 目前, 完成, 1-8月 …) or leaves the plan
    (未, 不, 实际, 其中), within its ；-segment.
    """
    semi = max(text.rfind(";", s0, f.start), text.rfind("；", s0, f.start))
    seg = text[max(s0, semi + 1):f.start]
    found = list(cue("plan_clause").finditer(seg))
    if not found:
        return False
    return _PROGRESS_WORD.search(seg[found[-1].end():]) is None


def _segment_target(text: str, s0: int, s1: int, f: Figure, figs: list[Figure]) -> bool:
    """In a sentence opened by a plan cue, the last figure before the progress word of
    each later ；-segment is a target (…;300公里农村公路安保工程,现已完成344公里)."""
    if not cue("plan_clause").search(text[s0:f.start]):
        return False
    semi = max(text.rfind(";", s0, f.start), text.rfind("；", s0, f.start))
    if semi < 0:
        return False
    seg_end = min([i for i in (text.find(";", f.end, s1), text.find("；", f.end, s1)) if i >= 0]
                  or [s1])
    pw = _PROGRESS_WORD.search(text, semi + 1, seg_end)
    if pw is None or pw.start() < f.end:
        return False
    before = [g for g in figs if semi < g.start < pw.start()]
    if not before:
        return False
    # the last figure before the progress word, and the figures 、-joined to it
    chain = [before[-1]]
    for g in reversed(before[:-1]):
        between = text[g.end:chain[-1].start]
        if "、" not in between or any(c in between for c in "，,。；;"):
            break
        chain.append(g)
    return any(g is f for g in chain)


def _scope_of_done(text: str, f: Figure, b: int, s1: int, figs: list[Figure]) -> bool:
    """``20件民生大事中,4件已完成`` and ``20公里休闲步行道已完成7.42公里``: a figure
    naming the scope of the figure of its unit done right after it is the target."""
    nxt = [g for g in figs if f.end <= g.start < s1]
    if not nxt or nxt[0].base_unit != f.base_unit:
        return False
    g = nxt[0]
    between = text[f.end:g.start]
    if f.base_unit == "count" and g.unit == f.unit and cue("scope_of_done").search(between):
        _, gb = clause_bounds(text, g.start, g.end, g.start, s1, list_sep=False)
        return bool(cue("done_after").search(text[g.end:gb]))
    return g.start < b and bool(cue("scope_then_done").search(between))


def _listed_task(text: str, s0: int, f: Figure) -> bool:
    """A figure in a list of tasks a sentence names (…11项,为A80亿元、B5个), up to
    the first progress word of its ；-segment (已新增43.91万人, 目前…)."""
    intro = [m for m in cue("task_list_intro").finditer(text, s0, f.start)]
    if not intro:
        return False
    if cue("headline_intro").search(text, max(s0, intro[-1].start() - 4), intro[-1].end()):
        return False  # 主要预期目标是:… lists headline targets
    semi = max(text.rfind(";", s0, f.start), text.rfind("；", s0, f.start))
    a = max(semi + 1, intro[-1].end())
    if not text[intro[-1].end():f.start].strip() or cue("listed_done_intro").search(
            text[intro[-1].start():intro[-1].end()]):
        return False  # 列入通报的为4项: the count itself; 已经完成,包括…: achievements
    return not cue("listed_progress").search(text[a:f.start])


def paragraph_targets(text: str, item: Item) -> list[tuple[Figure, int, str, int]]:
    """Targets of a paragraph: (figure, quote start, context, clause end)."""
    out = []
    for lo, hi in item.progress:
        carry = False  # the plan of an earlier sentence still holds
        for s in segment_line(text, lo, hi, 0).sentences:
            figs = figures_in(text, s.start, s.end)
            for f in figs:
                a, b = clause_bounds(text, f.start, f.end, s.start, s.end, list_sep=False)
                pre = text[a:f.start]
                carried = carry and _PROGRESS_WORD.search(text, s.start, f.start) is None
                if not (carried or _plan_state(text, s.start, f, a)
                        or _segment_target(text, s.start, s.end, f, figs)
                        or _quoted(text[s.start:s.end], f.start - s.start)
                        or _listed_task(text, s.start, f) or _scope_of_done(text, f, b, s.end, figs)):
                    continue
                if f.base_unit == "percent" and cue("completion_pct").search(
                        text[max(s.start, f.start - 24):f.start]):
                    continue
                lo_t = s.start
                if _listed_task(text, s.start, f):  # judged within its list member
                    lo_t = clause_bounds(text, f.start, f.end, s.start, s.end)[0]
                if not is_task_target(text, f, lo_t, s.end) or cue("gap_before").search(pre):
                    continue
                if cue("headline_name").search(pre):
                    continue
                qa, qb = clause_bounds(text, f.start, f.end, s.start, s.end)
                out.append((f, qa, text[a:f.start] + text[f.end:b], qb))
            carry = _plan_open(text, s.start, s.end, carry)
    return out


def _plan_open(text: str, s0: int, s1: int, carry: bool) -> bool:
    """Whether a plan stated in or before the sentence ``[s0, s1)`` still holds after it."""
    found = list(cue("plan_clause").finditer(text, s0, s1))
    start = found[-1].end() if found else s0
    if not found and not carry:
        return False
    return _PROGRESS_WORD.search(text, start, s1) is None


def _end_of(f: Figure, actuals: list[Actual], text: str) -> int:
    """End of the sentence holding ``f`` (the start of the next one), from the actuals seen."""
    ends = [a.sentence[1] for a in actuals if a.sentence[0] <= f.start < a.sentence[1]]
    if ends:
        return ends[0]
    m = re.compile(r"[。！？!?\n]").search(text, f.end)
    return m.end() if m is not None else len(text)


def _target_clause(text: str, f: Figure) -> str:
    a, b = clause_bounds(text, f.start, f.end, max(0, f.start - 60), min(len(text), f.end + 30))
    return text[a:f.start].rstrip("的") + text[f.end:b]


def _running_total(text: str, a: Actual, later: list[Actual]) -> Actual:
    """``新增1203例,达8878例``: the running total after an increment is the actual."""
    nxt = next((x for x in later if x.kind == "figure" and x.sentence == a.sentence), None)
    if nxt is None or nxt.base_unit != a.base_unit:
        return a
    between = text[a.end:nxt.start]
    return nxt if re.fullmatch(r"[,，]\s*(?:累计|总数|总计)?达到?", between) else a


def pair_in_sentence(targets: list[tuple[int, Figure]], actuals: list[Actual],
                     text: str) -> list[Pair]:
    """``next_in_sentence`` pairs (see the module rules)."""
    pairs: list[Pair] = []
    used: set[int] = set()
    for ti, f in targets:
        later = [g.start for _, g in targets if g.start > f.start and g.base_unit == f.base_unit
                 and f.base_unit != "percent"]  # rates are matched by name instead
        stop = min(later) if later else len(text)
        end = _end_of(f, actuals, text)
        semis = [i for i in (text.find(";", f.end, end), text.find("；", f.end, end)) if i >= 0]
        para_end = text.find("\n", f.end) % (len(text) + 1)
        found = []
        for j, a in enumerate(actuals):
            if (j in used and a.kind != "done_words") or a.start < f.end:
                continue
            if a.start >= stop and not (a.kind == "done_words" and a.start < (min(semis) if semis
                                                                             else end)):
                continue
            same = a.sentence[0] <= f.start < a.sentence[1]
            near = (same and (not semis or a.start < min(semis))) or (not semis and a.sentence[0] == end)
            if not near and not (a.kind == "figure" and not semis and a.sentence[0] > end
                                 and a.sentence[0] <= para_end
                                 and subject_score(_target_clause(text, f), a.context) >= 4):
                continue
            if a.kind == "figure" and a.base_unit == f.base_unit:
                ca, cb = clause_bounds(text, a.start, a.end, a.sentence[0], a.sentence[1])
                said = re.sub(r"其中[,，]?", "", text[a.sentence[0]:a.start] + text[a.end:cb])
                if not (_PROGRESS_WORD.search(said) or cue("achieved").search(text[ca:cb])):
                    continue  # a figure of a plan sentence (铁路建设投资700亿元) reports nothing
                if a.start_count and not (cue("start_target").search(_target_clause(text, f))
                                          or cue("scope_of_done").search(text[f.end:a.start])):
                    continue  # a start count does not pair with a target to build
                found.append((j, a))
            elif a.kind == "done_words" and not found:
                found.append((j, a))
        if not found:
            continue
        j, a = found[0]
        if f.base_unit == "percent" and len(found) > 1:  # rates: the one named alike
            own = _target_clause(text, f)
            j, a = max(found, key=lambda x: (subject_score(own, x[1].context), -x[0]))
        if a.kind == "done_words":
            pairs.append(Pair(ti, a, f.value, "restated_in_words"))
        else:
            pairs.append(Pair(ti, _running_total(text, a, actuals[j + 1:]), 0.0, "next_in_sentence"))
            pairs[-1].value = float(pairs[-1].actual.value)
        used.add(j)
    return pairs


_ROW = re.compile(r"\s*(\d{1,3})\s*(?:\||\s)\s*\S")
_HEAD_UNITS = re.compile(r"责任单位|牵头单位|责任部门")
_BARE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def table_cells(line: str) -> list[str]:
    """Cells of a table line: split on ``|`` when it has two or more, else on spaces."""
    return [c.strip() for c in (line.split("|") if line.count("|") >= 2 else re.split(r"\s+", line))]


_LEAD_HEAD = re.compile(r"牵\s*头\s*(?:单\s*位|部\s*门)")
_RESP_HEAD = re.compile(r"责\s*任\s*(?:单\s*位|部\s*门|主\s*体)|协\s*同\s*单\s*位|配\s*合\s*单\s*位")


def _header_cells(text: str) -> list[str] | None:
    """The header cells of a table: one line with the cells, or one cell per line."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not (_LEAD_HEAD.search(line) or _RESP_HEAD.search(line)):
            continue
        if line.count("|") >= 2 or (line.count("|") == 0 and ("目标" in line or "任务" in line)):
            return table_cells(line.strip())
        if line.rstrip().endswith("|"):  # one cell per line: the run of such lines
            j = i
            while j > 0 and lines[j - 1].rstrip().endswith("|") and not _CELL_ROW_START.match(
                    lines[j - 1]):
                j -= 1
            k = i
            while k + 1 < len(lines) and lines[k + 1].rstrip().endswith("|") and \
                    not _CELL_ROW_START.match(lines[k + 1]):
                k += 1
            return [c.strip().rstrip("|").strip() for c in lines[j:k + 1]]
    return None


def unit_columns(text: str) -> tuple[int | None, int | None]:
    """Indexes of the lead-unit and responsible-unit columns of a table header."""
    cells = _header_cells(text)
    if cells is None:
        return None, None
    lead = next((i for i, c in enumerate(cells) if _LEAD_HEAD.search(c)), None)
    resp = next((i for i, c in enumerate(cells) if _RESP_HEAD.search(c)), None)
    return lead, resp


_NUMERIC_CELL = re.compile(r"[\d.]+\s*\S{0,4}")


def _cell_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, a = [], lo
    for i in range(lo, hi):
        if text[i] == "|":
            out.append((a, i))
            a = i + 1
    out.append((a, hi))
    return out


def table_row_targets(text: str, lo: int, hi: int, number_end: int
                      ) -> list[tuple[Figure, Actual | None]] | None:
    """A ``|`` row whose progress cells are text (已建成建筑垃圾中转站7个、分类池17个).

    Each target, in order, pairs with the figure of its base unit in a later cell
    that names it best (``subject_score`` of the two 、-clauses), the later cell
    on a tie (the latest progress column), one figure per target; the targets
    after the first look in the cell the first one was paired from.
    """
    from .pairing import subject_score

    if text.count("|", lo, hi) < 2:
        return None
    cells = [c for c in _cell_spans(text, number_end, hi) if text[c[0]:c[1]].strip()]
    for k, (a, b) in enumerate(cells):
        figs = [f for f in figures_in(text, a, b) if f.base_unit != "percent"]
        if not figs:
            continue
        nxt = next((text[ca:cb].strip() for ca, cb in cells[k + 1:]), "")
        if len(figs) < 2 and (not nxt or _NUMERIC_CELL.fullmatch(nxt)):
            return None  # a plain 目标 | 完成 | 完成率 row: read by table_row
        out = []
        taken: set[int] = set()
        column: int | None = None  # the progress cell the first pair came from
        for f in figs:
            fa, fb = clause_bounds(text, f.start, f.end, a, b)
            ctx = text[fa:f.start] + text[f.end:fb]
            best = None
            later = cells[k + 1:]
            if column is not None:
                later = [c for c in later if c[0] == column] or later
            for ca, cb in later:
                for g in figures_in(text, ca, cb):
                    if g.base_unit != f.base_unit or g.start in taken:
                        continue
                    ga, _ = clause_bounds(text, g.start, g.end, ca, cb)
                    sc = subject_score(ctx, text[ga:g.start])
                    if sc >= 4 and (best is None or sc >= best[0]):
                        best = (sc, g, ca)
            if best is not None:
                taken.add(best[1].start)
                column = best[2] if column is None else column
            act = None if best is None else Actual(
                best[1].start, best[1].end, best[1].value, f.base_unit, None, 0, "",
                (lo, hi), "figure", quote_start=best[2])
            out.append((f, act))
        return out
    return None


def table_row(text: str, line_start: int, line_end: int) -> tuple[str, Figure, Actual | None] | None:
    """A table row ``序号 | 名称 | 单位 | 目标 | 完成 | 完成率``: item, target and actual.

    The target is the first number after the name, which must carry a unit;
    the actual is the next number (a bare number takes the target's unit;
    a repeat of the target followed by another number is the target column);
    a percentage after them is the reported completion.
    """
    m = _ROW.match(text, line_start, line_end)
    if m is None:
        return None
    first = _BARE.search(text, m.end(1), line_end)
    figs = [f for f in figures_in(text, m.end(1), line_end) if f.base_unit != "percent"]
    if first is None or not figs or figs[0].start != first.start():
        return None
    f = figs[0]
    nums = [n for n in _BARE.finditer(text, f.end, line_end) if not text.startswith("%", n.end())]
    if len(nums) > 1 and abs(_scaled(text, f, nums[0]) - f.value) < 1e-9:
        nums = nums[1:]
    actual = None
    if nums:
        n = nums[0]
        g = next((g for g in figs[1:] if g.start == n.start()), None)
        if g is None or g.base_unit == f.base_unit:
            value = g.value if g is not None else _scaled(text, f, n)
            actual = Actual(n.start(), g.end if g is not None else n.end(), value, f.base_unit,
                            None, 0, "", (line_start, line_end), "figure", quote_start=n.start())
    pm = re.search(r"(\d+(?:\.\d+)?)%", text[f.end:line_end])
    if pm is not None and actual is not None:
        actual.completion_reported = float(pm.group(1))
    return m.group(1), f, actual


def _scaled(text: str, f: Figure, n: re.Match[str]) -> float:
    """A bare number in the unit of figure ``f`` (its factor: 万 keeps 万)."""
    printed = float(_BARE.match(text, f.start).group(0))
    return float(n.group(0)) * (f.value / printed if printed else 1.0)
