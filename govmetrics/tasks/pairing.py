"""Pair an item's targets with the actuals of its progress text.

Rules (each pair records the rule that made it)
-----------------------------------------------
- ``restated_in_words``: a sentence reporting completion in words (已全部完工,
  已实现…清零) pairs with the target whose figure it restates, or failing that
  the target it names best; the actual is the full target.
- ``subject_match``: an actual pairs with a target of the same base unit
  when their clauses share a name (the longest common run of characters,
  after the spellings of ``task_synonyms.csv`` are made one, at least two
  characters and not a generic word such as 全市 or 新增). Best-named pairs
  are taken first, one actual per target.
- ``zero_in_words``: 无新增X pairs as 0 with the target naming X.
- A stock (累计建成, 共有) pairs only with a stock target (达到, 稳定在); a
  start count (开工, 在建) never pairs with a target to finish (建成, 完工).
- After one-to-one pairing, a target still unpaired may share an actual that
  names it by four characters or more (a quota and a task counted by one
  achievement).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from ._vocab import canonical, cue
from .progress import Actual

__all__ = ["Pair", "TargetRef", "pair_targets"]


@dataclass(slots=True)
class TargetRef:
    """What pairing needs to know about a target."""

    index: int
    value: float
    base_unit: str
    context: str
    stock: bool
    finish: bool


@dataclass(slots=True)
class Pair:
    """An actual paired to a target."""

    target: int
    actual: Actual
    value: float
    rule: str


def _shared(a: str, b: str) -> int:
    """Length of the longest common run of ``a`` and ``b`` that is not generic."""
    a, b = canonical(a), canonical(b)
    sm = SequenceMatcher(None, a, b, autojunk=False)
    best = 0
    i = 0
    # the longest non-generic common run: look at the matching blocks
    for blk in sm.get_matching_blocks():
        if blk.size < 2:
            continue
        run = a[blk.a:blk.a + blk.size]
        if cue("generic").fullmatch(run) or not any("\u4e00" <= c <= "\u9fff" for c in run):
            continue
        best = max(best, blk.size)
        i += 1
    m = sm.find_longest_match(0, len(a), 0, len(b))
    run = a[m.a:m.a + m.size]
    if m.size >= 2 and not cue("generic").fullmatch(run):
        best = max(best, m.size)
    return best


def _compatible(t: TargetRef, a: Actual) -> bool:
    if a.kind == "figure" and a.base_unit != t.base_unit:
        return False
    if a.stock and not t.stock:
        return False
    return not (a.start_count and t.finish)


def _score(t: TargetRef, a: Actual, text: str) -> int:
    if a.kind == "done_words":
        from .figures import figures_in

        s0, s1 = a.sentence
        for f in figures_in(text, s0, a.start):
            if f.base_unit == t.base_unit and abs(f.value - t.value) < 1e-9:
                return 100
    return _shared(t.context, a.context)


def pair_targets(targets: list[TargetRef], actuals: list[Actual], text: str) -> list[Pair]:
    """Pairs of targets and actuals by the rules of this module.

    Examples
    --------
    >>> from govmetrics.tasks.progress import Actual
    >>> t = [TargetRef(0, 500, "count", "新建5G基站", False, False)]
    >>> a = [Actual(0, 1, 764.0, "count", 9, 0, "新建5G基站", (0, 1), "figure")]
    >>> [(p.value, p.rule) for p in pair_targets(t, a, "")]
    [(764.0, 'subject_match')]
    """
    cands = []
    for t in targets:
        for j, a in enumerate(actuals):
            if not _compatible(t, a):
                continue
            s = _score(t, a, text)
            if s >= 2:
                cands.append((s, -j, t.index, j))
    cands.sort(reverse=True)
    taken_t: set[int] = set()
    taken_a: set[int] = set()
    pairs: list[Pair] = []
    by_index = {t.index: t for t in targets}
    for s, _, ti, j in cands:
        if ti in taken_t or j in taken_a:
            continue
        taken_t.add(ti)
        taken_a.add(j)
        pairs.append(_pair(by_index[ti], actuals[j]))
    for s, _, ti, j in cands:
        if ti not in taken_t and s >= 4 and actuals[j].kind == "figure":
            taken_t.add(ti)
            pairs.append(_pair(by_index[ti], actuals[j]))
    return pairs


def _pair(t: TargetRef, a: Actual) -> Pair:
    if a.kind == "done_words":
        return Pair(t.index, a, t.value, "restated_in_words")
    if a.kind == "zero":
        return Pair(t.index, a, 0.0, "zero_in_words")
    return Pair(t.index, a, float(a.value), "subject_match")
