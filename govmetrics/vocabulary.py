"""Vocabularies bundled as data files in ``govmetrics/data``.

Indicator names and aliases, units, modifiers and period words live in CSV
files; this module only loads them (cached).
"""

from __future__ import annotations

import csv
import io
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


@cache
def indicators() -> tuple[dict[str, str], ...]:
    """Rows of ``indicators.csv``: id, name_zh, name_en, direction, measures, base_unit.

    Examples
    --------
    >>> indicators()[0]["id"]
    'gdp'
    """
    return tuple(_read_csv("indicators.csv"))


def indicator_ids() -> list[str]:
    """Canonical indicator ids, in vocabulary order."""
    return [r["id"] for r in indicators()]


def indicator_direction(indicator: str) -> str:
    """``higher_is_better`` or ``lower_is_better`` for a canonical indicator id."""
    for r in indicators():
        if r["id"] == indicator:
            return r["direction"]
    raise KeyError(indicator)


def indicator_names(lang: str = "en") -> dict[str, str]:
    """Map canonical id to display name (``lang`` 'en' or 'zh')."""
    key = "name_en" if lang == "en" else "name_zh"
    return {r["id"]: r[key] for r in indicators()}
