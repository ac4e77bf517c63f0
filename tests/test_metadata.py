"""Tests for govmetrics.text.metadata, including the dev corpus."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govmetrics.text.metadata import detect_metadata, detect_script
from govmetrics.text.normalize import normalize

DEV = Path(__file__).resolve().parent / "data" / "dev"


def _manifest() -> list[dict[str, str]]:
    with (DEV / "manifest.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _meta(text: str):
    return detect_metadata(normalize(text).text, original=text)


@pytest.mark.parametrize("row", _manifest(), ids=lambda r: r["doc"][:3])
def test_dev_corpus_never_wrong(row: dict[str, str]) -> None:
    text = (DEV / "docs" / row["doc"]).read_text(encoding="utf-8")
    m = _meta(text)
    if m.region is not None:
        assert m.region == row["region"]
        assert m.level == row["level"]
        assert m.parent == row["parent"]
    if m.year is not None:
        assert m.year == int(row["year"])
    if m.kind != "unknown":
        assert m.kind == row["doc_type"]
    assert m.script == row["script"]


def test_dev_corpus_coverage() -> None:
    rows = _manifest()
    metas = [_meta((DEV / "docs" / r["doc"]).read_text(encoding="utf-8")) for r in rows]
    assert sum(m.region is not None for m in metas) >= 20
    assert sum(m.year is not None for m in metas) >= 24
    assert sum(m.kind != "unknown" for m in metas) >= 30


@pytest.mark.parametrize(
    ("text", "region", "year", "kind"),
    [
        ("政府工作报告\n——2018年12月22日在建平县第十八届人民代表大会第二次会议上", "建平县", 2019,
         "work_report"),
        ("(2023年2月2日在杭州市余杭区第十六届人民代表大会\n第三次会议上)\n受区人民政府委托,向大会书面报告"
         "杭州市余杭区2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划(草案)",
         "余杭区", 2023, "plan_report"),
        ("衡 水 市 統 計 局\n2022年,面對複雜嚴峻的國際環境", "衡水市", None, "unknown"),
        ("北海市2022年国民经济和社会发展统计公报\n北海市统计局", "北海市", 2022, "communique"),
        ("各位代表:\n现在,我代表县人民政府向大会报告工作。全省经济增长,省会城市发展", None, None,
         "work_report"),
    ],
)
def test_detect_examples(text, region, year, kind) -> None:
    m = _meta(text)
    assert (m.region, m.year, m.kind) == (region, year, kind)


def test_county_doc_mentioning_province_is_not_the_province() -> None:
    text = ("2020年6月22日在大埔县第十五届人民代表大会第五次会议上\n"
            "全省推动老区苏区振兴发展工作现场会精神,广东省,梅州市")
    m = _meta(text)
    assert m.region == "大埔县" and m.parent == "梅州市"
    assert m.published == dt.date(2020, 6, 22)


def test_unknown_when_silent() -> None:
    m = _meta("今年以来,全市经济总体平稳。")
    assert m.region is None and m.year is None
    assert m.kind == "progress_bulletin"


def test_script() -> None:
    assert detect_script("關於《政府工作報告》確定的") == "traditional"
    assert detect_script("乾隆年间的经济发展情况") == "simplified"


# --------------------------------------------------------------------------
# shortcuts taken for speed equal their plain definitions

_DOCS = sorted((Path(__file__).parent / "data" / "dev" / "docs").glob("*.txt")) + sorted(
    (Path(__file__).parents[1] / "data" / "raw").glob("*.txt"))


@pytest.mark.parametrize("path", _DOCS, ids=lambda p: p.name)
def test_region_patterns_need_their_words(path):
    """A region pattern is skipped on a head without its words: no match holds none of them."""
    from govmetrics.text.metadata import HEAD_CHARS, _despace
    from govmetrics.text.region_names import _REGION_PATTERNS

    head = _despace(normalize(path.read_text("utf-8")).text[:HEAD_CHARS])
    for _, pat, words in _REGION_PATTERNS:
        for m in pat.finditer(head):
            assert any(w in m.group() for w in words), (pat.pattern, m.group())


def test_region_patterns_match_somewhere():
    """The test above is not vacuous: the patterns do match in these documents."""
    from govmetrics.text.metadata import HEAD_CHARS, _despace
    from govmetrics.text.region_names import _REGION_PATTERNS

    heads = [_despace(normalize(p.read_text("utf-8")).text[:HEAD_CHARS]) for p in _DOCS]
    hits = sum(1 for h in heads for _, pat, _ in _REGION_PATTERNS for _ in pat.finditer(h))
    assert hits >= 20


def _region_matches(head: str) -> tuple[list, list]:
    """(start, run) of every region-pattern match: as written, and after a line break."""
    from govmetrics.text.region_names import _REGION_PATTERNS, _region_patterns_after_newline

    plain = [[(m.start(), m.group("r")) for m in pat.finditer(head)]
             for _, pat, _ in _REGION_PATTERNS]
    fast = [[(max(0, m.start() - 1), m.group("r")) for m in pat.finditer("\n" + head)]
            for _, pat, _ in _region_patterns_after_newline()]
    return plain, fast


@pytest.mark.parametrize("path", _DOCS, ids=lambda p: p.name)
def test_region_patterns_after_a_line_break_equal_the_written_ones(path):
    from govmetrics.text.metadata import HEAD_CHARS, _despace

    plain, fast = _region_matches(_despace(normalize(path.read_text("utf-8")).text[:HEAD_CHARS]))
    assert plain == fast


@given(st.lists(st.sampled_from(["\n", "《", "关于", " ", ",", "2023年", "咸宁市", "赤壁市",
                                 "人民政府", "政府工作报告", "国民经济和社会发展", "市长", "统计局",
                                 "中共", "市委", "在", "第八届人民代表大会"]), max_size=14).map("".join))
def test_region_patterns_after_a_line_break_on_any_head(head):
    plain, fast = _region_matches(head)
    assert plain == fast


_SPACED = st.text(alphabet="政府工作报告 \t\u3000ab1,。", max_size=40)


@given(_SPACED)
def test_despace_equals_its_definition(text):
    from govmetrics.text.metadata import _CJK, _despace

    assert _despace(text) == re.sub(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])", "", text)
