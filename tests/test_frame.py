"""The frame stage: hints, outline, provenance columns and the one place context is decided."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import govmetrics as gm
from govmetrics.cli import main
from govmetrics.errors import DocumentError
from govmetrics.text.read import document_from_text

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
REPORT = RAW / "002_784350319b1ebff8.txt"


def test_hints_apply_only_where_the_document_is_silent() -> None:
    doc = document_from_text("一季度,全市增长8%", name="x", region="咸寧", year=2018)
    fr = gm.frame(doc, **doc.hints)
    assert (fr.region, fr.region_code, fr.plan_year) == ("咸宁市", "421200", 2018)
    assert fr.region_source == "hint:region=咸寧" and fr.year_source == "hint:year=2018"
    doc = gm.read_document(RAW / "000_77440ee1c208de8a.txt")
    fr = gm.frame(doc, region="赤壁市", year=2030)
    assert (fr.region, fr.plan_year) == ("咸宁市", 2018)
    assert fr.year_source.startswith("head:")


def test_region_hint_forms() -> None:
    doc = document_from_text("全区地区生产总值增长8%。", name="x")
    assert gm.frame(doc, region="深圳市龙华区").region_code == "440309"
    assert gm.frame(doc, region="440309").region == "龙华区"
    with pytest.warns(UserWarning, match="火星市.*not in the region table"):
        fr = gm.frame(doc, region="火星市")  # kept, so a batch goes on
    assert fr.region == "火星市" and fr.region_code is None


def test_ambiguous_region_is_resolved_by_a_parent_in_the_text_or_kept_with_a_warning() -> None:
    doc = document_from_text("北京市召开会议。全区地区生产总值增长8%。", name="x")
    assert gm.frame(doc, region="朝阳区").region_code == "110105"
    doc = document_from_text("全区地区生产总值增长8%。", name="y")
    with pytest.warns(UserWarning, match="ambiguous.*朝阳区"):
        fr = gm.frame(doc, region="朝阳区")
    assert fr.region == "朝阳区" and fr.region_code is None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        facts = gm.extract_text("全区地区生产总值增长8%。", region="朝阳区", year=2020)
    assert facts["region"].tolist() == ["朝阳区"] and facts["region_code"].isna().all()


def test_kind_hint_is_checked_and_used_only_when_the_text_does_not_tell() -> None:
    text = "全市地区生产总值增长8%。"
    assert gm.extract_text(text, year=2020)["year"].tolist() == [2020]
    got = gm.extract_text(text, year=2020, kind="work_report")
    assert got["year"].tolist() == [2019] and got["year_source"].str.contains("plan_year-1").all()
    with pytest.raises(DocumentError, match="kind must be one of"):
        gm.extract_text(text, kind="speech")
    assert gm.frame(gm.read_document(REPORT), kind="communique").kind == "work_report"


def test_period_end_hint() -> None:
    text = "全县地区生产总值增长7%。"
    got = gm.extract_text(text, year=2020, kind="progress_bulletin", period_end=9)
    assert got["period_end"].tolist() == [9] and got["period_source"].tolist() == [
        "hint:period_end=9"]


def test_every_fact_says_where_its_context_came_from() -> None:
    facts = gm.extract(RAW)
    for col in ("year_source", "role_source", "period_source", "rule"):
        assert facts[col].notna().all() and (facts[col].str.len() > 0).all(), col
    review = facts[(facts["doc"] == REPORT.name) & (facts["role"] == "actual")]
    assert set(review["year"]) == {2023}
    assert review["year_source"].str.contains("回顾|过去|2023年").all()


def test_outline_of_a_work_report() -> None:
    out = gm.outline(REPORT)
    assert out.attrs["kind"] == "work_report" and out.attrs["plan_year"] == 2024
    review = out[out["role"] == "review"]
    target = out[out["role"] == "target"]
    assert (review["fact_year"] == 2023).all() and (review["fact_role"] == "actual").all()
    assert (target["fact_year"] == 2024).all() and (target["fact_role"] == "target").all()
    assert review["evidence"].str.startswith("heading:").any()
    assert target["evidence"].str.startswith("heading:").all()
    doc = gm.read_document(REPORT)
    first = review.iloc[0]
    assert first["heading"] in doc.original[first["char_start"]:first["char_end"]]
    assert out["char_start"].tolist()[1:] == out["char_end"].tolist()[:-1]


def test_outline_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outline", str(REPORT)]) == 0
    text = capsys.readouterr().out
    assert "work_report" in text and "plan year 2024" in text
    assert "2023年工作回顾" in text and "2024年工作建议" in text
    assert "heading:回顾" in text and "heading:工作建议" in text
