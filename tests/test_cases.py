"""Case tables of the context stages: frame, resolve and statements (``tests/cases``).

Each case is data (see ``tests/cases/README.md``); ``tests/cases/xfail.json``
is the standing list of known failures, strict: a listed case that passes
fails, so that a fix takes its entry out.
"""

from __future__ import annotations

import json

import pytest
from _case_tables import CASES, XFAIL, case_params

from govmetrics.frame import DocFrame, Section, frame
from govmetrics.pipeline import _region_name
from govmetrics.resolve import resolve_one
from govmetrics.statements import Fact, Unplaced, find_statements
from govmetrics.text.normalize import normalize
from govmetrics.text.read import document_from_text

_cases = case_params


def test_xfail_entries_name_cases() -> None:
    known = {f"{f}/{c['id']}" for f in ("frame", "resolve", "statements")
             for p in (CASES / f).glob("*.json")
             for c in json.loads(p.read_text(encoding="utf-8"))}
    assert set(XFAIL) <= known, set(XFAIL) - known


@pytest.mark.parametrize("case", _cases("frame"))
def test_frame_case(case: dict) -> None:
    doc = document_from_text(case["text"], name="case.txt")
    fr = frame(doc, **case["hints"])
    assert fr.kind == case["kind"], fr.kind_source
    assert fr.plan_year == case["plan_year"], fr.year_source
    if "period_end" in case:
        assert fr.period_end == case["period_end"], fr.period_source
    for field in ("speech_year", "lists_targets"):
        if field in case:
            assert getattr(fr, field) == case[field], field
    got = [[s.role, s.year, s.period_end] for s in fr.sections]
    assert got == case["sections"], [s.evidence for s in fr.sections]
    assert all(s.evidence for s in fr.sections)
    assert fr.sections[0].start == 0 and fr.sections[-1].end == len(doc.text)
    assert all(a.end == b.start for a, b in zip(fr.sections, fr.sections[1:]))


def _frame_of(spec: dict) -> DocFrame:
    secs = tuple(Section(0, 10_000, s.get("heading", ""), s["role"], s.get("year"),
                         s.get("period_end"), s.get("evidence", "default:none"))
                 for s in spec.get("sections", []))
    fields = {k: v for k, v in spec.items() if k != "sections"}
    return DocFrame(sections=secs, **fields)


def _draft(spec: dict) -> Fact:
    return Fact(spec.get("indicator", "gdp"), spec.get("role", ""), spec["measure"],
                spec.get("value", 1.0), spec.get("period_end"), spec.get("year"),
                estimate=spec.get("estimate", 0), start=5, end=9, value_start=7, value_end=9,
                role_cue=spec.get("role_cue", ""), year_cue=spec.get("year_cue", ""),
                year_rel=spec.get("year_rel"), period_cue=spec.get("period_cue", ""),
                item_head=spec.get("item_head", False), cmp_year=spec.get("cmp_year"))


@pytest.mark.parametrize("case", _cases("resolve"))
def test_resolve_case(case: dict) -> None:
    got = resolve_one(_draft(case["draft"]), _frame_of(case["frame"]))
    want = case["expect"]
    if "unplaced" in want:
        assert isinstance(got, Unplaced) and got.reason == want["unplaced"]
        return
    assert isinstance(got, Fact)
    assert (got.role, got.year, got.period_end) == (want["role"], want["year"],
                                                    want["period_end"])
    for extra in ("estimate", "year_source", "role_source", "period_source"):
        if extra in want:
            assert getattr(got, extra) == want[extra]
    assert got.role_source and got.year_source and got.period_source


@pytest.mark.parametrize("case", _cases("statements"))
def test_statement_case(case: dict) -> None:
    drafts, _ = find_statements(normalize(case["text"]).text, case.get("region"), _region_name)
    got = [[d.indicator, d.measure, d.value, d.role, d.year, d.year_rel, d.period_end,
            d.modifier] for d in drafts]
    want = [[*row[:2], pytest.approx(row[2]), *row[3:]] for row in case["drafts"]]
    assert got == want
    assert all(d.rule for d in drafts)
    if "estimates" in case:
        assert [d.estimate for d in drafts] == case["estimates"]
    if "item_heads" in case:
        assert [d.item_head for d in drafts] == case["item_heads"]
    if "cmp_years" in case:
        assert [d.cmp_year for d in drafts] == case["cmp_years"]
