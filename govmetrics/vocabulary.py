"""Vocabularies bundled as data files in ``govmetrics/data``.

Indicator names and aliases, units, modifiers and period words live in CSV
files; this module only loads them (cached).
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from importlib import resources


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("govmetrics").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def read_vocabulary(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a vocabulary file ``govmetrics/data/NAME`` (cached, read once).

    Examples
    --------
    >>> read_vocabulary("periods.csv")[0]["period_end"]
    'group'
    """
    return tuple(_read_csv(name))


def indicators() -> tuple[dict[str, str], ...]:
    """Rows of ``indicators.csv``: id, name_zh, name_en, direction, measures, base_unit, synced_to.

    ``synced_to`` names the indicator whose growth a ``synced`` target
    (与经济增长同步) of this indicator is judged against (empty: none).

    Examples
    --------
    >>> indicators()[0]["id"]
    'gdp'
    """
    return read_vocabulary("indicators.csv")


def indicator_ids() -> list[str]:
    """Canonical indicator ids, in vocabulary order."""
    return [r["id"] for r in indicators()]


def indicator_direction(indicator: str) -> str:
    """``higher_is_better`` or ``lower_is_better`` for a canonical indicator id."""
    for r in indicators():
        if r["id"] == indicator:
            return r["direction"]
    raise KeyError(indicator)


@cache
def synced_bases() -> dict[str, str]:
    """Indicator id -> the indicator its ``synced`` growth target follows (``synced_to``).

    Examples
    --------
    >>> synced_bases()["urban_disposable_income"]
    'gdp'
    """
    return {r["id"]: r["synced_to"] for r in indicators() if r.get("synced_to")}


def indicator_names(lang: str = "en") -> dict[str, str]:
    """Map canonical id to display name (``lang`` 'en' or 'zh')."""
    key = "name_en" if lang == "en" else "name_zh"
    return {r["id"]: r[key] for r in indicators()}


@cache
def period_words(title: bool = False) -> tuple[tuple[re.Pattern[str], int | None], ...]:
    """Year-to-date period words of ``periods.csv``: pattern and last month (None: group 1).

    ``title``: also the words that mean a period only in a title (三季度进展情况的通报).
    """
    out = []
    for r in read_vocabulary("periods.csv"):
        if (r.get("where", "any") == "title" and not title) or r["period_end"] == "single":
            continue  # single months and quarters are no year-to-date period
        month = None if r["period_end"] == "group" else int(r["period_end"])
        out.append((re.compile(r["pattern"]), month))
    return tuple(out)


def period_in(text: str, title: bool = False) -> tuple[int, str] | None:
    """The first year-to-date period word in ``text``: (last month, words).

    Examples
    --------
    >>> period_in("关于2013年上半年国民经济和社会发展计划执行情况的报告")
    (6, '上半年')
    """
    best: tuple[int, int, str] | None = None
    for pat, month in period_words(title):
        m = pat.search(text)
        if m is None:
            continue
        value = month if month is not None else int(m.group(1))
        if not 1 <= value <= 12:
            continue
        if best is None or m.start() < best[0]:
            best = (m.start(), value, m.group(0))
    return None if best is None else (best[1], best[2])
