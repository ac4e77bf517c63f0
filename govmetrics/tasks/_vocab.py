"""Vocabularies of the task extractor, read from ``govmetrics/data``.

- ``task_units.csv``: physical and count units with their base unit and
  factor, and whether a completion share is computed for that base unit.
- ``task_cues.csv``: the cue patterns the rules use, one kind per row.
- ``task_synonyms.csv``: spellings that name the same thing (入规 = 规上工业).
- ``task_unit_contexts.csv``: a printed unit read as another one after words
  of its clause (每人每月55元 is 元/人月).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..text.patterns import trie_regex
from ..vocabulary import read_vocabulary

__all__ = ["TaskUnit", "cue", "task_units", "unit_in_context", "unit_regex", "synonyms"]


@dataclass(frozen=True, slots=True)
class TaskUnit:
    """A unit as printed, its base unit and factor."""

    unit: str
    factor: float
    base_unit: str
    completion: bool


@cache
def task_units() -> dict[str, TaskUnit]:
    """Units by their printed form.

    Examples
    --------
    >>> task_units()["万亩"].factor, task_units()["万亩"].base_unit
    (10000.0, 'mu')
    """
    return {r["unit"]: TaskUnit(r["unit"], float(r["factor"]), r["base_unit"],
                                r["completion"] == "1") for r in read_vocabulary("task_units.csv")}


@cache
def _unit_contexts() -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    out: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for r in read_vocabulary("task_unit_contexts.csv"):
        out.setdefault(r["printed"], []).append((re.compile(r["before"]), r["unit"]))
    return {k: tuple(v) for k, v in out.items()}


def unit_in_context(printed: str, before: str) -> TaskUnit:
    """The unit a printed unit stands for after the clause text ``before`` it.

    Examples
    --------
    >>> unit_in_context("元", "发放标准提高到每人每月").base_unit
    'other:元/人月'
    >>> unit_in_context("元", "补助资金").base_unit
    'yuan'
    """
    for pat, unit in _unit_contexts().get(printed, ()):
        if pat.search(before):
            return task_units()[unit]
    return task_units()[printed]


@cache
def unit_regex() -> str:
    """A regex matching any printed unit, longest first."""
    return trie_regex(list(task_units()))


@cache
def cue(kind: str) -> re.Pattern[str]:
    """The compiled cue pattern of one kind (rows of a kind are alternatives).

    Examples
    --------
    >>> bool(cue("stock").search("全市累计建成5G基站"))
    True
    """
    pats = [r["pattern"] for r in read_vocabulary("task_cues.csv") if r["kind"] == kind]
    if not pats:
        raise KeyError(kind)
    return re.compile("|".join(f"(?:{p})" for p in pats))


@cache
def synonyms() -> tuple[tuple[str, str], ...]:
    """Pairs (written, canonical), longest written form first."""
    rows = [(r["written"], r["canonical"]) for r in read_vocabulary("task_synonyms.csv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def canonical(text: str) -> str:
    """``text`` with synonyms replaced by their canonical spelling.

    Examples
    --------
    >>> canonical("新增入规企业")
    '新增规上工业企业'
    """
    for w, c in synonyms():
        text = text.replace(w, c)
    return text
