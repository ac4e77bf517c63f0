"""The guide's table of unplaced reasons (``docs/guide/extract.md``) is complete and true.

Each row's example, written to a file and given to :func:`govmetrics.unplaced`
with ``year=2021``, yields the row's reason; every reason that the bundled
documents and the phrasing cases produce is in the table.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

import govmetrics

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide" / "extract.md"
_ROW = re.compile(r"^\| `([a-z_]+)` \| (.+?) \| .+ \|$", re.M)


def _table() -> dict[str, str]:
    rows = dict(_ROW.findall(GUIDE.read_text(encoding="utf-8")))
    # the one example too long to print: a 400-digit figure
    rows["value_not_finite"] = "全市地区生产总值增长1" + "0" * 400 + "%。"
    return rows


def _reasons(path: Path, **hints) -> set[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return set(govmetrics.unplaced(path, **hints).reason)


@pytest.mark.parametrize("reason,example", sorted(_table().items()))
def test_example_gives_its_reason(tmp_path: Path, reason: str, example: str) -> None:
    path = tmp_path / "example.txt"
    path.write_text(example, encoding="utf-8")
    assert reason in _reasons(path, year=2021)


def test_every_reason_seen_is_in_the_table(tmp_path: Path) -> None:
    seen = _reasons(ROOT / "data" / "raw")
    for k, case in enumerate(c for p in sorted((ROOT / "tests/cases/phrasings").glob("*.json"))
                             for c in json.loads(p.read_text(encoding="utf-8"))):
        path = tmp_path / f"case{k}.txt"
        path.write_text(case["text"], encoding="utf-8")
        seen |= _reasons(path, **case.get("hints", {}))
    assert seen - set(_table()) - {"watermark"} == set()
