"""Pair an item's targets with the actuals of its progress text.

Rules (each pair records the rule that made it)
-----------------------------------------------
- ``restated_in_words``: a sentence reporting completion in words (已全部完工,
  已实现…清零) pairs with the target whose figure it restates, or failing that
  the target it names best; the actual is the full target.
- ``subject_match``: an actual pairs with a target of the same base unit
  when their clauses share a name: runs of two or more characters in common
  (after the spellings of ``task_synonyms.csv`` are made one), not generic
  words such as 全市 or 新增; the score is twice the longest run plus the
  others. Ties go to a total of listed parts (已有1800个停车位投入使用), then to
  the actual printed in the target's unit, then to the first.
- ``zero_in_words``: 无新增X pairs as 0 with the target naming X.
- A stock (累计建成, 共有) pairs only with a stock target (达到, 稳定在); a
  start count (开工, 在建) never pairs with a target to finish (建成, 完工).
- Targets are served best-named first; an actual named equally well by two
  targets serves both (a quota and a task counted by one achievement).
- ``same_unit``: a target still unpaired, alone in its item with its printed
  unit, pairs with the one remaining actual printed in that unit
  (``新增1.5万户`` and ``通气用户11084户``).
- ``label_beside_actual``: a target printed inside a reported completion
  (``完成省定全年目标186个的152.2%``) or in brackets after an actual
  (``下降4.02%(省定目标为下降3.5%)``) pairs with that actual.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from ._vocab import canonical, cue
from .progress import Actual

__all__ = ["Pair", "TargetRef", "pair_targets", "subject_score"]


@dataclass(slots=True)
class TargetRef:
    """What pairing needs to know about a target."""

    index: int
    value: float
    base_unit: str
    context: str
    stock: bool
    finish: bool
    unit: str | None = None
    pos: int | None = None
    per_member: bool = False


@dataclass(slots=True)
class Pair:
    """An actual paired to a target."""

    target: int
    actual: Actual
    value: float
    rule: str


def subject_score(a: str, b: str) -> int:
    """How well two clauses name the same thing (0: not at all).

    Twice the longest run of two or more characters the two share (after
    synonyms are made one; generic words do not count as a run), plus the
    other such runs, plus one per generic run.

    Examples
    --------
    >>> subject_score("新建5G基站", "1-9月,新建5G基站"), subject_score("新增企业", "全市企业")
    (12, 0)
    """
    a, b = canonical(a), canonical(b)
    sm = SequenceMatcher(None, a, b, autojunk=False)
    runs, generic = [], 0
    for blk in sm.get_matching_blocks():
        run = a[blk.a:blk.a + blk.size]
        if blk.size < 2 or not any("\u4e00" <= c <= "\u9fff" for c in run):
            continue
        if cue("generic").fullmatch(run):
            generic += 1
        else:
            runs.append(blk.size)
    return 2 * max(runs) + sum(runs) - max(runs) + generic if runs else 0


def _compatible(t: TargetRef, a: Actual) -> bool:
    if a.kind == "figure" and a.base_unit != t.base_unit:
        return False
    if a.stock and not t.stock:
        return False
    if t.per_member:
        return False
    if t.base_unit == "percent" and a.kind == "figure" and \
            bool(cue("percent_growth").search(t.context)) != bool(cue("percent_growth").search(a.own)):
        return False
    if a.kind == "figure" and not a.achieved and abs(float(a.value) - t.value) < 1e-9:
        return False  # the target restated
    return not (a.start_count and t.finish)


def _score(t: TargetRef, a: Actual, text: str) -> int:
    if a.kind == "done_words":
        from .figures import figures_in

        s0, s1 = a.sentence
        for f in figures_in(text, s0, a.start):
            if f.base_unit == t.base_unit and abs(f.value - t.value) < 1e-9:
                return 100
    return subject_score(t.context, a.context)


def _unit(u: str | None) -> str | None:
    """A printed unit without its magnitude (万户 and 户 are one unit)."""
    return u.lstrip("万亿") or u if u else u


def _distance(t: TargetRef, a: Actual) -> int:
    """Ties: a target stated in progress text prefers the actual right after it."""
    if t.pos is None:
        return a.start
    return a.start - t.pos if a.start > t.pos else 10**9 + a.start


def _ranked(targets: list[TargetRef], actuals: list[Actual], text: str
            ) -> dict[int, list[tuple[int, int]]]:
    """For each target, its compatible actuals as (score, actual index), best first."""
    out: dict[int, list[tuple[int, int]]] = {}
    for t in targets:
        cands = [(_score(t, a, text), j) for j, a in enumerate(actuals) if _compatible(t, a)]
        cands = [c for c in cands if c[0] >= 4]
        out[t.index] = sorted(cands, key=lambda c: (-c[0], not actuals[c[1]].total,
                                                    actuals[c[1]].unit != t.unit,
                                                    _unit(actuals[c[1]].unit) != _unit(t.unit),
                                                    _distance(t, actuals[c[1]])))
    return out


def pair_targets(targets: list[TargetRef], actuals: list[Actual], text: str) -> list[Pair]:
    """Pairs of targets and actuals by the rules of this module.

    Targets are served in the order of their best score; a target takes its
    best actual unless a target served before named that actual better (at an
    equal score the actual is shared).

    Examples
    --------
    >>> from govmetrics.tasks.progress import Actual
    >>> t = [TargetRef(0, 500, "count", "新建5G基站", False, False)]
    >>> a = [Actual(0, 1, 764.0, "count", 9, 0, "新建5G基站", (0, 1), "figure")]
    >>> [(p.value, p.rule) for p in pair_targets(t, a, "")]
    [(764.0, 'subject_match')]
    """
    ranked = _ranked(targets, actuals, text)
    by_index = {t.index: t for t in targets}
    order = sorted(ranked, key=lambda i: (-(ranked[i][0][0] if ranked[i] else 0), i))
    claimed: dict[int, int] = {}
    pairs: list[Pair] = []
    for ti in order:
        for score, j in ranked[ti]:
            if claimed.get(j, score) > score:
                continue
            claimed[j] = score
            pairs.append(_pair(by_index[ti], actuals[j]))
            break
    pairs.extend(_same_unit_pairs(targets, actuals, {p.target for p in pairs}, claimed))
    return pairs


def _same_unit_pairs(targets: list[TargetRef], actuals: list[Actual], paired: set[int],
                     claimed: dict[int, int]) -> list[Pair]:
    """``same_unit``: an unpaired target and the one free actual printed in its unit."""
    out = []
    for t in targets:
        if t.index in paired or t.unit is None:
            continue
        if sum(1 for u in targets if _unit(u.unit) == _unit(t.unit)) != 1:
            continue
        cands = [j for j, a in enumerate(actuals) if a.kind == "figure"
                 and _unit(a.unit) == _unit(t.unit)
                 and j not in claimed and _compatible(t, a)]
        if len(cands) == 1:
            claimed[cands[0]] = 0
            out.append(Pair(t.index, actuals[cands[0]], float(actuals[cands[0]].value), "same_unit"))
    return out


def _pair(t: TargetRef, a: Actual) -> Pair:
    if a.kind == "done_words":
        return Pair(t.index, a, t.value, "restated_in_words")
    if a.kind == "zero":
        return Pair(t.index, a, 0.0, "zero_in_words")
    return Pair(t.index, a, float(a.value), "subject_match")
