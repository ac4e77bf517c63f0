"""Progress text: the actuals it reports, their period, and targets it restates.

Rules
-----
- Period: a sentence that names a period (1-5月, 一季度, 上半年, 9月底,
  11月3日) sets it; a sentence that names none keeps the period of the
  sentence before it in the same item; 目前/截至目前 and the first sentence
  without a period take the document's period.
- A figure right after a target label (目标, 任务, 指标, 年度计划投资) is a
  target stated in progress text, unless the label is part of a share
  (占年度目标…, 完成目标任务的…). A total after 占 that a completion share
  is taken of (占项目总投资50亿元的125.6%) is one too.
- A percentage after 进度, 占…目标/任务/计划 or 完成…目标任务的 is a reported
  completion; it belongs to the nearest actual before it in its sentence.
- A figure in a forecast clause (预计全年, 力争全年, 预计…12月底, 计划…月) is no
  actual. Any other 预计 marks an estimate.
- A count is an actual only after an achievement word in its sentence or
  before a done verb in its clause (``4件已完成``).
- A count followed in its sentence by a done verb with a figure of the same
  unit (``项目25个,已完工16个``) is the scope, not an actual.
- Completion in words (已全部完工, 已实现…清零) reports the full target; 无新增
  reports zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..text.segment import segment_line
from ..vocabulary import read_vocabulary
from ._vocab import cue
from .figures import Figure, clause_bounds, figures_in, named_list_size

__all__ = ["Actual", "LabelTarget", "read_progress"]


@dataclass(slots=True)
class Actual:
    """A candidate actual in progress text.

    ``value`` is None for completion in words (the target's value is used).
    """

    start: int
    end: int
    value: float | None
    base_unit: str | None
    period_end: int | None
    estimate: int
    context: str
    sentence: tuple[int, int]
    kind: str  # figure | done_words | zero
    stock: bool = False
    start_count: bool = False
    completion_reported: float | None = None
    quote_start: int = 0
    achieved: bool = True
    unit: str | None = None
    own: str = ""
    total: bool = False


@dataclass(slots=True)
class LabelTarget:
    """A target stated in progress text after a label."""

    figure: Figure
    quote_start: int
    context: str
    of_actual: Actual | None = None


@cache
def _period_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = [r for r in read_vocabulary("periods.csv")
            if r["period_end"] != "12" and r.get("where", "any") != "title"]
    pats = [(re.compile(r["pattern"]), r["period_end"]) for r in rows]
    pats.append((re.compile(r"(?<!\d)(\d{1,2})月(?:底|末|份|\d{1,2}日)"), "group"))
    return tuple(pats)


def sentence_period(sentence: str, *, dates: bool = True) -> int | None:
    """The period the last marker of ``sentence`` names, or None.

    A deadline (``12月底前``) or a base of comparison (``和上半年相比``) names no
    period; with ``dates=False`` only
    year-to-date markers (1-5月, 一季度, 上半年) count.

    Examples
    --------
    >>> sentence_period("1-5月,我市列入项目168个"), sentence_period("9月6日,获批9家")
    (5, 9)
    """
    best: tuple[int, int] | None = None
    for k, (pat, pe) in enumerate(_period_patterns()):
        if not dates and k == len(_period_patterns()) - 1:
            continue
        for m in pat.finditer(sentence):
            if sentence.startswith("前", m.end()) or cue("comparison_period").match(sentence, m.end()):
                continue  # a deadline (12月底前) or a base of comparison (和上半年相比)
            month = int(m.group(1)) if pe == "group" else int(pe)
            if 1 <= month <= 12 and (best is None or m.start() > best[0]):
                best = (m.start(), month)
    return None if best is None else best[1]


def _sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for lo, hi in spans:
        out.extend((s.start, s.end) for s in segment_line(text, lo, hi, 0).sentences)
    return out


def _label_target(text: str, f: Figure, a: int, lo: int) -> str | None:
    """``"label"`` for a labelled target, ``"denominator"`` for 完成…目标N个的P%."""
    pre = text[a:f.start]
    pre = re.sub(r"(?:下降|减少|降低)$", "", pre)
    m = re.search(f"(?:{cue('target_label').pattern})$", pre)
    if m is None:
        denominator = cue("denominator_label").search(pre) and f.base_unit != "percent"
        return "denominator" if denominator and re.match(r"的\d", text[f.end:f.end + 2]) else None
    if f.base_unit != "percent" and re.match(r"的\d", text[f.end:f.end + 2]):
        return "denominator"
    if cue("target_label_blocker").search(pre[:m.start()]) or cue("gap_before").search(pre):
        return None
    return None if text.startswith("的", f.end) else "label"


def _label_clause_start(text: str, pos: int, lo: int) -> int:
    a = pos
    while a > lo and text[a - 1] not in "，,;；。:：(（\n、":
        a -= 1
    return a


def _forecast(head: str) -> bool:
    """A forecast or plan clause; 预计 next to an ended period is an estimate instead."""
    if cue("forecast").search(head):
        return True
    return "预计" in head and not cue("ended_period_estimate").search(head)


def _period_text(text: str, s0: int, pos: int) -> str:
    """Sentence text before ``pos`` without its forecast segments (预计12月底…)."""
    segs = re.split(r"(?<=[;；])", text[s0:pos])
    return "".join(x for x in segs[:-1] if not _forecast(x)) + segs[-1]


def _context(text: str, a: int, b: int, f0: int, f1: int) -> str:
    return text[a:f0] + text[f1:b]


def _scope(text: str, f: Figure, figs: list[Figure], b: int, s1: int) -> bool:
    """True when the next clause opens with a done verb and a figure of f's unit."""
    nxt = [g for g in figs if g.start > b and g.start < s1 and g.base_unit == f.base_unit]
    if not nxt:
        return False
    g = nxt[0]
    a2, _ = clause_bounds(text, g.start, g.end, b, s1, list_sep=False)
    if re.search(cue("target_label").pattern, text[a2:g.start]):
        return False  # 完成…目标110个的…: a target, not a count done
    return a2 == b + 1 and bool(cue("done_verb").search(text[a2:g.start]))


def _figure_actuals(text, s0, s1, period, figs, labels, lo) -> list[Actual]:
    out: list[Actual] = []
    for f in figs:
        a, b = clause_bounds(text, f.start, f.end, s0, s1, list_sep=False)
        pre = text[a:f.start]
        kind = _label_target(text, f, a, lo)
        if kind is not None:
            la = _label_clause_start(text, f.start, s0)
            same = [x for x in out if x.base_unit == f.base_unit]
            beside = kind == "denominator" or text[la - 1:la] in "(（"
            of = same[-1] if beside and same else None
            labels.append(LabelTarget(f, la, _context(text, la, f.end, f.start, f.end), of))
            continue
        if f.base_unit == "percent" and cue("completion_pct").search(text[max(s0, f.start - 24):f.start]):
            if out and f.base_unit == "percent":
                out[-1].completion_reported = f.value
            continue
        semi = max(text.rfind(";", s0, f.start), text.rfind("；", s0, f.start))
        head = text[max(s0, semi + 1):f.start]
        if _forecast(head) or cue("rank_before").search(pre) or named_list_size(text, f, a) \
                or cue("comparator_before").search(text[max(s0, f.start - 4):f.start]):
            continue
        if f.modifier != "point" or text.startswith("的", f.end):
            continue
        if f.base_unit not in ("percent",) and _scope(text, f, figs, b, s1):
            continue
        if cue("not_achieved").search(text[a:b]) or (cue("restated_target_after").search(text[f.end:b])
                                                    and not cue("done_after").search(text[f.end:b])):
            continue
        if f.base_unit == "count" and not cue("achieved").search(text[s0:f.start]) \
                and not cue("done_after").search(text[f.end:b]):
            continue  # a count with no achievement before or after it names a scope or a list
        ctx = _context(text, a, b, f.start, f.end)
        before = pre
        own = ctx
        if a > s0 and len(re.sub(r"[\W\d_]", "", pre)) < 4:
            pa, _ = clause_bounds(text, a - 1, a - 1, s0, s1, list_sep=False)
            if not cue("not_achieved").search(text[pa:a - 1]):
                ctx = text[pa:a - 1] + "," + ctx
            before = text[pa:f.start]
        elif a > s0:
            pa, _ = clause_bounds(text, a - 1, a - 1, s0, s1, list_sep=False)
            before = text[pa:f.start]
        out.append(Actual(f.start, f.end, f.value, f.base_unit, period,
                          int("预计" in head), ctx, (s0, s1), "figure",
                          stock=bool(cue("stock").search(text[a:f.start])),
                          start_count=bool(cue("start_verb").search(pre)
                                           or cue("start_verb").search(text[f.end:b])),
                          quote_start=a, achieved=bool(cue("achieved").search(before)),
                          unit=f.unit, own=own, total=bool(cue("total_before").search(pre))))
    # a start count gives way to a finished count of the same unit in its sentence
    done_units = {x.base_unit for x in out if not x.start_count}
    return [x for x in out if not (x.start_count and x.base_unit in done_units)]


def _word_actuals(text, s0, s1, period) -> list[Actual]:
    out = []
    sent = text[s0:s1]
    for kind, pat in (("done_words", cue("done_words")), ("zero", cue("zero_words"))):
        for m in pat.finditer(sent):
            if _forecast(sent[:m.start()]):
                continue
            a, b = clause_bounds(text, s0 + m.start(), s0 + m.end(), s0, s1, list_sep=False)
            out.append(Actual(s0 + m.start(), b if kind == "zero" else s0 + m.end(),
                              0.0 if kind == "zero" else None, None,
                              period, 0, sent, (s0, s1), kind, quote_start=a))
    return out


def read_progress(text: str, spans: list[tuple[int, int]], default_period: int | None
                  ) -> tuple[list[Actual], list[LabelTarget]]:
    """Actuals and label targets of an item's progress text.

    Examples
    --------
    >>> t = "1-9月,新建5G基站764个,完成进度152.8%。"
    >>> acts, labels = read_progress(t, [(0, len(t))], 9)
    >>> [(a.value, a.period_end, a.completion_reported) for a in acts]
    [(764.0, 9, 152.8)]
    """
    actuals: list[Actual] = []
    labels: list[LabelTarget] = []
    period = default_period
    lo = spans[0][0] if spans else 0
    for s0, s1 in _sentences(text, spans):
        sent = text[s0:s1]
        if cue("period_reset").match(sent.strip()):
            period = default_period
        figs = figures_in(text, s0, s1)
        found = _figure_actuals(text, s0, s1, period, figs, labels, lo)
        found.extend(_word_actuals(text, s0, s1, period))
        for a in found:
            named = sentence_period(_period_text(text, s0, a.start))
            a.period_end = named if named is not None else period
        actuals.extend(found)
        carried = sentence_period(sent, dates=False)
        period = carried if carried is not None else period
    return actuals, labels
