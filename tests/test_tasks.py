"""Task-level targets: case tables, seed 004 owners, robustness, accountability."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmetrics
from govmetrics.tasks import TASK_COLUMNS

DATA = Path(__file__).parent / "data" / "tasks"
RAW = Path(__file__).parents[1] / "data" / "raw"
SEED_004 = RAW / "004_dfe24370595563c5.txt"


def _cases() -> list[dict]:
    with open(DATA / "cases.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _xfail() -> dict[str, str]:
    with open(DATA / "xfail.csv", newline="", encoding="utf-8") as f:
        return {r["case_id"]: r["reason"] for r in csv.DictReader(f)}


def _params():
    xf = _xfail()
    out = []
    for c in _cases():
        marks = [pytest.mark.xfail(reason=xf[c["case_id"]], strict=True)] if c["case_id"] in xf else []
        out.append(pytest.param(c, id=f"{c['source']}-{c['case_id']}", marks=marks))
    return out


def _num(s: str) -> float | None:
    return float(s) if s.strip() else None


@pytest.mark.parametrize("case", _params())
def test_case_table(case):
    text = case["text"].replace("\\n", "\n")
    t = govmetrics.tasks_text(text, region="咸宁市", year=2025, doc=case["case_id"])
    if not case["target_value"]:
        assert t.empty, t[["item", "target_value", "target_quote"]].to_string()
        return
    want = _num(case["target_value"])
    rows = t[(t["item"] == case["item"]) & (t["target_unit"] == case["target_unit"])
             & ((t["target_value"] - want).abs() < 1e-6)]
    assert len(rows) >= 1, t[["item", "target_value", "target_unit"]].to_string()
    r = rows.iloc[0]
    assert r["modifier"] == case["modifier"]
    actual = _num(case["actual_value"])
    if actual is None:
        assert pd.isna(r["actual_value"]), r["actual_quote"]
    else:
        assert math.isclose(r["actual_value"], actual, rel_tol=1e-9, abs_tol=1e-9)
        assert int(r["period_end"]) == int(case["period_end"])
        assert r["rule"] == case["rule"]
    for col in ("lead_unit", "responsible_units"):
        if case[col]:
            assert r[col] == case[col]
        else:
            assert pd.isna(r[col])


def test_shared_list_gives_one_row_per_member():
    text = "二、其他指标进展情况\n15.新建“平安校园”“绿色校园”示范学校各20所。方案已印发。"
    t = govmetrics.tasks_text(text, region="咸宁市", year=2025)
    assert len(t) == 2 and set(t["target_value"]) == {20.0}


@pytest.mark.parametrize(("text", "subjects"), [
    ("今年计划将城市低保和农村低保月补助标准提高到每人每月520元。",
     {"城市低保月补助标准提高到每人每月", "农村低保月补助标准提高到每人每月"}),
    ("二、其他指标进展情况\n4.城区污水管网和雨水管网改造30公里。方案已批复。",
     {"城区污水管网改造", "雨水管网改造"}),
    ("今年计划新建和改造农贸市场10个。", None),
])
def test_names_joined_by_he_share_their_figure(text, subjects):
    t = govmetrics.tasks_text(text, region="咸宁市", year=2025)
    if subjects is None:
        assert len(t) == 1
    else:
        assert len(t) == 2 and t["target_value"].nunique() == 1
        assert all(any(s in got for s in subjects) or got in subjects for got in t["subject"])


def test_columns_and_quotes_point_into_the_original():
    path = RAW / "003_500ad30c4c1f596f.txt"
    t = govmetrics.tasks(path)
    assert list(t.columns) == TASK_COLUMNS
    original = path.read_text(encoding="utf-8")
    for r in t.itertuples():
        assert original[r.target_char_start:r.target_char_end] == r.target_quote
        if pd.notna(r.actual_quote):
            assert original[r.actual_char_start:r.actual_char_end] == r.actual_quote
    paired = t[t["actual_value"].notna()]
    assert paired["rule"].notna().all() and t.loc[t["actual_value"].isna(), "rule"].isna().all()


def test_every_target_of_seed_004_has_lead_and_responsible_units():
    t = govmetrics.tasks(SEED_004)
    assert len(t) >= 40
    assert t["lead_unit"].notna().all(), t.loc[t["lead_unit"].isna(), "target_quote"].tolist()
    assert t["responsible_units"].notna().all()
    facts = govmetrics.extract(SEED_004)
    targets = facts[facts["role"] == "target"]
    assert len(targets) >= 9
    assert targets["lead_unit"].notna().all() and targets["responsible_units"].notna().all()
    gdp = targets[targets["indicator"] == "gdp"].iloc[0]
    assert gdp["lead_unit"] == "市发改委"
    assert gdp["responsible_units"] == "各县市区人民政府、咸宁高新区管委会"


def test_bulletins_carry_no_owners():
    t = govmetrics.tasks(RAW / "000_77440ee1c208de8a.txt")
    assert t["lead_unit"].isna().all()


def test_accountability_of_seed_004_with_a_bulletin():
    # hand-computed: 1-9月 is 75% of the year (basis month, eps 0.02)
    t = govmetrics.tasks([SEED_004, DATA / "bulletin_2025_q3.txt"])
    a = govmetrics.accountability(t).set_index("lead_unit")
    cols = ["with_progress", "ahead", "on_pace", "behind", "met", "missed"]
    # 市经信局: 净增规上企业 150/222 = 67.6% (pace 0.90, behind); 国家级绿色工厂 3/3 (ahead)
    assert a.loc["市经信局", cols].tolist() == [2, 1, 0, 1, 0, 0]
    assert a.loc["市经信局", "lagging"] == "全市净增规上企业"
    # 市科技局: 成果转化 95/120 = 79.2% (pace 1.06, ahead); 成交额 150/240 = 62.5% (behind);
    # 高新技术产业增加值占GDP比重 16.2% against 17% (behind)
    assert a.loc["市科技局", cols].tolist() == [3, 1, 0, 2, 0, 0]
    # 市交通运输局: 农村公路 610/800 = 76.25% (pace 1.017, on pace)
    assert a.loc["市交通运输局", cols].tolist() == [1, 0, 1, 0, 0, 0]
    # 市水利和湖泊局: 普及率 96.5% against at least 96% (ahead); 18万人 has no progress
    assert a.loc["市水利和湖泊局", cols + ["no_progress"]].tolist() == [1, 1, 0, 0, 0, 0, 1]
    assert (a["targets"] == a["with_progress"] + a["no_progress"]).all()
    assert a["targets"].sum() == len(t[t["lead_unit"].notna()])


def test_accountability_full_year_and_facts():
    t = pd.DataFrame({
        "doc": ["b", "p"], "region": ["甲市", "甲市"], "year": [2025, 2025],
        "subject": ["改造老旧小区", "改造老旧小区"], "target_value": [80.0, 80.0],
        "target_unit": ["count", "count"], "modifier": ["point", "point"],
        "actual_value": [None, 80.0], "period_end": [None, 12],
        "lead_unit": ["市住建局", None], "responsible_units": ["各县", None]})
    assert govmetrics.accountability(t).loc[0, "met"] == 1
    facts = govmetrics.extract(SEED_004)
    a = govmetrics.accountability(facts)
    assert set(a["lead_unit"]) >= {"市发改委", "市人社局"} and (a["no_progress"] == a["targets"]).all()


def test_accountability_rejects_tables_without_owners():
    with pytest.raises(govmetrics.AnalysisError, match="lead_unit"):
        govmetrics.accountability(pd.DataFrame({"a": [1]}))


def test_bad_input_is_one_line_error(tmp_path):
    with pytest.raises(govmetrics.DocumentError, match="nope.txt"):
        govmetrics.tasks(tmp_path / "nope.txt")
    with pytest.raises(govmetrics.DocumentError):
        govmetrics.tasks_text(b"bytes")  # type: ignore[arg-type]
    assert govmetrics.tasks_text("   ").empty


_LINE = st.sampled_from([
    "二、其他指标进展情况", "(一)工业", "进展情况:", "10.新建5G基站500座。", "1-9月,新建764个。",
    "各", "均超过", "、", "(牵头单位:", ";责任单位:", ")", "预计全年", "无新增", "已全部完工",
    "12亿元以上", "3-5家", "千亿", "%的", "下降", "目标为", "万亩", "\n", "。", ",",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_LINE, st.text(max_size=8)), max_size=25))
def test_tasks_never_raises(parts):
    t = govmetrics.tasks_text("".join(parts), region="咸宁市", year=2025)
    assert list(t.columns) == TASK_COLUMNS


def test_task_progress_plot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = govmetrics.tasks([SEED_004, DATA / "bulletin_2025_q3.txt"])
    with_share = t[t["completion_pct_computed"].notna()]
    ax = govmetrics.plot.task_progress(t, cjk=False)
    assert len(ax.patches) == len(with_share) > 0
    # one 序时进度 tick per bar, at 75% for 1-9月
    ticks = [ln for ln in ax.lines if len(ln.get_xdata()) == 2]
    assert {round(float(ln.get_xdata()[0]), 1) for ln in ticks} == {75.0}
    plt.close(ax.figure)
    with pytest.raises(govmetrics.GovmetricsError, match="task table"):
        govmetrics.plot.task_progress(pd.DataFrame({"a": [1]}))


UNIT_NOTES = [
    ("1.新增3家。(牵头单位:甲局;责任单位:乙局、丙局)", "甲局", "乙局、丙局"),
    ("1.新增3家。〔牵头单位:甲局(乙办);责任单位:丙局,丁县〕", "甲局(乙办)", "丙局、丁县"),
    ("1.新增3家。(责任领导:张三;责任单位:乙局)", "张三", "乙局"),
    ("1.新增3家。\n牵头单位:甲局 责任单位:乙局", "甲局 ", "乙局"),
]


@pytest.mark.parametrize("text,lead,resp", UNIT_NOTES)
def test_unit_notes(text, lead, resp):
    from govmetrics.responsibility import find_unit_notes, units_at

    notes = find_unit_notes(text)
    n = units_at(notes, text.index("3家"), 0)
    assert n is not None
    assert (n.lead_unit or "").strip() == lead.strip() and n.responsible_units == resp


def test_plan_scope_stops_at_an_exclusion():
    t = govmetrics.tasks_text("年初计划检查餐饮单位3200家,未包含流动摊点560家。", region="咸宁市",
                              year=2025)
    assert t["target_value"].tolist() == [3200.0]


def test_headline_passages_give_no_tasks():
    text = ("2021年全区生产总值增长目标为7.5%以上。1-9月,全区工业投资增速高于年度目标2.1个百分点,"
            "完成年计划的124.6%。")
    assert govmetrics.tasks_text(text, region="咸宁市", year=2021).empty


def _plain_unit_notes(text: str) -> list:
    """The plain definition of ``find_unit_notes``: every line read in order."""
    from govmetrics.responsibility import UnitNote, _line_notes, _parse_fields

    notes, pos, prev_line = [], 0, None
    for raw in text.split("\n"):
        s, e = pos, pos + len(raw)
        pos = e + 1
        if not raw.strip():
            continue
        found = _line_notes(text, s, e)
        owner = s
        if found and not text[s:found[0][0]].strip() and prev_line is not None and not prev_line[1]:
            owner = prev_line[0]
        for a, b, body in found:
            fields = _parse_fields(body)
            if fields is not None:
                notes.append(UnitNote(a, b, owner, fields[0], fields[1]))
        if owner == s:
            prev_line = (s, bool(found))
    return notes


_NOTE_LINES = ["1.新建50个", "2.新增规上企业3家。(牵头单位:市经信局;责任单位:各县市区)", "牵头单位:甲局",
               "责任单位:乙局、丙局", "(责任单位:丁局)", "", "  ", "完成投资5亿元", "责任领导:张三"]


@given(st.lists(st.sampled_from(_NOTE_LINES), max_size=12))
def test_unit_notes_equal_their_plain_definition(lines):
    from govmetrics.responsibility import find_unit_notes

    text = "\n".join(lines)
    assert find_unit_notes(text) == _plain_unit_notes(text)


@given(st.lists(st.sampled_from(_NOTE_LINES + ["牵头单位:戊局(新建2个)", "3.新增5家(责任单位:己局)"]),
                max_size=12))
def test_owner_note_equals_the_whole_document_reading(lines):
    from govmetrics.responsibility import find_unit_notes, owner_note, units_at

    text = "\n".join(lines)
    notes = find_unit_notes(text)
    cache: dict = {}
    for pos in range(len(text)):
        want = units_at(notes, pos, text.rfind("\n", 0, pos) + 1)
        assert owner_note(text, pos, cache) == want, pos


@pytest.mark.parametrize("label", ["牵头单位", "牵头部门", "责任领导", "牵头领导", "责任单位", "责任部门",
                                   "配合单位", "责任主体", "责任主体与协同单位", "协同单位"])
def test_owner_note_reads_every_label(label):
    # every label opens a note (the test for a text without notes searches for them)
    from govmetrics.responsibility import owner_note

    text = f"1.新增5家({label}:甲局)"
    note = owner_note(text, text.index("5"))
    assert note is not None and note.lead_unit == "甲局"
