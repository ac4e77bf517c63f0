"""Loading the case tables of ``tests/cases`` (shared by the test modules that run them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
#: the standing list of known failures, ``{"<folder>/<id>": "reason"}`` (strict)
XFAIL: dict[str, str] = json.loads((CASES / "xfail.json").read_text(encoding="utf-8"))


def case_params(folder: str) -> list:
    """The cases of ``tests/cases/<folder>/*.json`` as pytest params, known failures marked."""
    out = []
    ids: set[str] = set()
    for path in sorted((CASES / folder).glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            key = f"{folder}/{case['id']}"
            assert key not in ids, f"duplicate case id {key}"
            ids.add(key)
            marks = [pytest.mark.xfail(strict=True, reason=XFAIL[key])] if key in XFAIL else []
            out.append(pytest.param(case, id=f"{path.stem}:{case['id']}", marks=marks))
    return out
