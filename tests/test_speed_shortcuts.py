"""Speed shortcuts of metadata detection and of the frame, each against its plain definition.

Each shortcut is a faster way to compute something that has a plain
definition (a regex, a loop over every line); the tests run both on the
seed and dev documents and on text written for these tests.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govmetrics import read_document
from govmetrics.text.metadata import head_and_title
from govmetrics.text.region_names import _find_names, _name_regex

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted(p for p in (ROOT / "data" / "raw").iterdir() if p.suffix == ".txt") + sorted(
    (ROOT / "tests" / "data" / "dev" / "docs").glob("*.txt"))

NAME_TEXTS = [
    "湖北省咸宁市咸安区人民政府",  # names inside names: the longest at each position
    "咸宁咸宁市市长",
    "2024年洪湖市政府工作报告\n2024年1月4日在洪湖市第九届人民代表大会第三次会议上",
    "",
    "朝阳区朝阳",
]


def _regex_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _name_regex().finditer(text)]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_name_trie_equals_name_regex_on_document_heads(path):
    doc = read_document(path)
    head, _ = head_and_title(doc.text, doc.name)
    want = _regex_spans(head)
    assert _find_names(head) == want


@pytest.mark.parametrize("text", NAME_TEXTS)
def test_name_trie_equals_name_regex_on_written_text(text):
    assert _find_names(text) == _regex_spans(text)


def test_name_trie_finds_names():
    assert _find_names("湖北省咸宁市") == [(0, 3), (3, 6)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["咸宁", "市", "咸安区", "湖北", "省", "北京", "朝阳", "区", "的", "2021年",
                                 "\n", " "]), max_size=30))
def test_name_trie_equals_name_regex_on_generated_text(pieces):
    text = "".join(pieces)
    assert _find_names(text) == _regex_spans(text)


# ---------------------------------------------------------------- normalization: soft breaks

BREAK_TEXTS = [
    "达到3\n5120元,增长 \n 3.5%\t\n左右",
    "地区生\n产总值增长8%。\n\n  \n增长\n-2%",
    "达到1760 0元,共12 345亿元  \n  以上",
    "\n\n \t\n 增长\n\n5%",
    "",
]


def _texts() -> list[str]:
    return BREAK_TEXTS + [p.read_text("utf-8") for p in DOCS]


@pytest.mark.parametrize("which", ["soft", "name"])
def test_break_matches_equal_finditer(which):
    from govmetrics.text.normalize.cleanup import _NAME_BREAK_RE, _SOFT_BREAK_RE, _break_matches

    rx = _SOFT_BREAK_RE if which == "soft" else _NAME_BREAK_RE
    found = 0
    for text in _texts():
        want = [m.span() for m in rx.finditer(text)]
        assert [m.span() for m in _break_matches(rx, text)] == want
        found += len(want)
    assert found > 0  # the texts hold breaks of this kind


def test_space_matches_equal_finditer():
    from govmetrics.text.normalize.cleanup import _SPLIT_NUMBER_RE, _space_matches

    found = 0
    for text in _texts():
        want = [m.span() for m in _SPLIT_NUMBER_RE.finditer(text)]
        assert [m.span() for m in _space_matches(_SPLIT_NUMBER_RE, text)] == want
        found += len(want)
    assert found > 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["\n", " ", "\t", "1", "23", "增长", "元", "%", "左右", "地区生", "产总值",
                                 "。", ".", "亿", "-"]), max_size=40))
def test_break_and_space_matches_equal_finditer_on_generated_text(pieces):
    from govmetrics.text.normalize.cleanup import (
        _NAME_BREAK_RE,
        _SOFT_BREAK_RE,
        _SPLIT_NUMBER_RE,
        _break_matches,
        _space_matches,
    )

    text = "".join(pieces)
    for rx in (_SOFT_BREAK_RE, _NAME_BREAK_RE):
        assert [m.span() for m in _break_matches(rx, text)] == [m.span() for m in rx.finditer(text)]
    assert [m.span() for m in _space_matches(_SPLIT_NUMBER_RE, text)] == \
        [m.span() for m in _SPLIT_NUMBER_RE.finditer(text)]


NUMERAL_TEXTS = ["二〇二一年,二0一二年,一九九八年,十二〇二一年", "共1.2千元,3.1.2千人,4千户,12千个", "千元", "",
                 "两万零四十亿元,三亿零五百万元,一万七千元,第一万二千人,亿万元"]


@pytest.mark.parametrize("which", ["cn_year", "thousands", "compound"])
def test_numeral_matches_equal_finditer(which):
    numerals = importlib.import_module("govmetrics.text.normalize.numerals")

    rx, starts = {"cn_year": (numerals._CN_YEAR_RE, numerals._cn_year_starts),
                  "thousands": (numerals._THOUSANDS_RE, numerals._thousands_starts),
                  "compound": (numerals._COMPOUND_RE, numerals._compound_starts)}[which]
    _finditer_at = numerals._finditer_at
    found = 0
    for text in NUMERAL_TEXTS + _texts():
        want = [m.span() for m in rx.finditer(text)]
        assert [m.span() for m in _finditer_at(rx, text, starts(text))] == want
        found += len(want)
    assert found > 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["一", "二", "九", "〇", "0", "零", "年", "千", "1", "2", ".", "元", "人",
                                 " ", "３", "万", "亿", "第", "两", "十"]), max_size=30))
def test_numeral_matches_equal_finditer_on_generated_text(pieces):
    numerals = importlib.import_module("govmetrics.text.normalize.numerals")

    text = "".join(pieces)
    for rx, starts in ((numerals._CN_YEAR_RE, numerals._cn_year_starts), (numerals._THOUSANDS_RE, numerals._thousands_starts),
                       (numerals._COMPOUND_RE, numerals._compound_starts)):
        _finditer_at = numerals._finditer_at
        assert [m.span() for m in _finditer_at(rx, text, starts(text))] == \
            [m.span() for m in rx.finditer(text)]


# ---------------------------------------------------------------- scanner: fast starts

FAST_START_PATTERNS = ["(?<![主重需只还])要(?=\\s*(?:增长|突破))|将(?=\\s*(?:分别)?\\s*达到)",
                       "(?<=[我们报告])提出(?=\\s*[,，:：])", "(?<=增长|下降)[比较]\\d", "(?<!同)比增",
                       "(?<![-至\\d])(?<!截至)\\d{1,2}月份?当月", "(?<!x)\\d+y", "(?<!x)[a-c]{2,}q", "(?<=a)\\d{2}b"]
FAST_START_TEXTS = ["主要目标要增长8%,重要增长,需要突破,将分别达到,报告提出:我们提出,人提出", "增长比5,下降较3,同比增,比增",
                    "要 增长,还要达到,将 达到", "9月份当月,截至9月份当月,1-9月份当月,至10月当月,123月当月,x12y 12y",
                    "aabq xabq abbq a12b a1b 12b", "9月份单月增长5%,第三季度单季增长"]


def _cue_patterns() -> list[str]:
    """The patterns the scanner compiles through _fast_start (cues, periods, aliases)."""
    from govmetrics.statements.parts import _strip_groups
    from govmetrics.vocabulary import read_vocabulary as _csv

    return (FAST_START_PATTERNS + [r["pattern"] for r in _csv("cues.csv")]
            + [_strip_groups(r["pattern"]) for r in _csv("periods.csv")]
            + [r["pattern"] for r in _csv("indicator_aliases.csv")])


def test_fast_start_moves_look_behinds_and_expands_sets():
    from govmetrics.statements.parts import _fast_start

    assert _fast_start("(?<![主重])要(?=增)|将") == "要(?<!(?:[主重])要)(?=增)|将"
    assert _fast_start("(?<=增长|下降)[比较]") == "比(?<=(?:增长|下降)比)|较(?<=(?:增长|下降)较)"


@pytest.mark.parametrize("pat", _cue_patterns())
def test_fast_start_matches_what_the_pattern_matches(pat):
    import re

    from govmetrics.statements.parts import _fast_start

    fast, plain = re.compile(_fast_start(pat)), re.compile(pat)
    for text in FAST_START_TEXTS + [p.read_text("utf-8") for p in DOCS[:12]]:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_fast_start_keeps_one_copy_of_a_repeated_first_atom():
    from govmetrics.statements.parts import _fast_start

    assert _fast_start("(?<!x)\\d{1,2}y") == "\\d(?<!(?:x)\\d)\\d{0,1}y"
    assert _fast_start("(?<!x)\\d*y") == "(?<!x)\\d*y"  # the atom may match nothing: as written


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["9", "12", "月", "份", "当月", "截至", "-", "至", "x", "y", "a", "b", "q", " "]),
                max_size=20))
def test_fast_start_matches_on_generated_text(pieces):
    import re

    from govmetrics.statements.parts import _fast_start

    text = "".join(pieces)
    for pat in FAST_START_PATTERNS:
        fast, plain = re.compile(_fast_start(pat)), re.compile(pat)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _name_break_edits_plain(text: str) -> list[tuple[int, int]]:
    """The name-break edits without the character-pair test (its plain definition)."""
    cleanup = importlib.import_module("govmetrics.text.normalize.cleanup")
    out = []
    for m in cleanup._NAME_BREAK_RE.finditer(text):
        a, b = m.start(), m.end()
        window = text[max(0, a - 8): a] + text[b: b + 8]
        cut = min(a, 8)
        if any(x.start() < cut < x.end() for x in cleanup._break_names().finditer(window)):
            out.append((a, b))
    return out


NAME_BREAK_TEXTS = ["预计全年地区生\n产总值增长3.5%左右。", "规模以上工\n业增加值增长8%", "一、主要指标\n地区生产总值",
               "社会消费品零售\n总额", "地区\n生产总值", "城镇居民人均可\t\n 支配收入"]


@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in DOCS] + NAME_BREAK_TEXTS)
def test_break_pairs_keep_every_name_break(text):
    cleanup = importlib.import_module("govmetrics.text.normalize.cleanup")
    script = importlib.import_module("govmetrics.text.normalize.script")
    text = script.to_simplified(text)
    plain = _name_break_edits_plain(text)
    breaks = {m.span() for m in cleanup._NAME_BREAK_RE.finditer(text)}
    fast = [(a, b) for a, b, _ in cleanup._soft_break_edits(text) if (a, b) in breaks]
    assert fast == plain


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["地区生", "产总值", "\n", " ", "规模以上工", "业增加值", "增长", "8%",
                                 "。", "一", "总额", "社会消费品零售"]), max_size=30))
def test_break_pairs_keep_every_name_break_on_generated_text(pieces):
    cleanup = importlib.import_module("govmetrics.text.normalize.cleanup")
    text = "".join(pieces)
    breaks = {m.span() for m in cleanup._NAME_BREAK_RE.finditer(text)}
    fast = [(a, b) for a, b, _ in cleanup._soft_break_edits(text) if (a, b) in breaks]
    assert fast == _name_break_edits_plain(text)


# ---------------------------------------------------------------- normalize: flag tests


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["万", "亿", "一", "十", "元", "𠀀", "経", "⼀", "增长", "1", " "]), max_size=20))
def test_flag_tests_equal_their_regexes(pieces):
    """The flag tests of steps 1a and 6 say what the regexes they stand for find."""
    chars = importlib.import_module("govmetrics.text.normalize.chars")
    numerals = importlib.import_module("govmetrics.text.normalize.numerals")
    text = "".join(pieces)
    assert numerals._compound_hints(text) == [m.start() for m in numerals._COMPOUND_HINT.finditer(text)]
    assert chars._has_variant(text, chars._present(text)) == (chars._variant_re().search(text) is not None)


def test_flag_tests_find_what_they_stand_for():
    chars = importlib.import_module("govmetrics.text.normalize.chars")
    numerals = importlib.import_module("govmetrics.text.normalize.numerals")
    assert numerals._compound_hints("共两万零四十亿元,亿元") == [2]
    assert chars._has_variant("経済", chars._present("経済"))
    assert not chars._has_variant("经济", chars._present("经济"))


# ---------------------------------------------------------------- statements: modifier words


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["不低于", "低于", "超", "超过", "突破", "不超过", "高", "于", "破", "1", "增长"]),
                max_size=6))
def test_before_word_equals_its_regex(pieces):
    """:func:`_before_word` finds what ``before_re.search`` finds in a window without spaces."""
    words = importlib.import_module("govmetrics.statements.words")
    window = "".join(pieces)[-8:]
    m = words._modifier_res()[1].search(window)
    assert words._before_word(window) == (m.group(1) if m else None)


def test_before_word_takes_the_longest_word():
    words = importlib.import_module("govmetrics.statements.words")
    assert words._before_word("力争不超过") == "不超过"
    assert words._before_word("超过") == "超过"
    assert words._before_word("增长") is None


_SECTIONS = importlib.import_module("govmetrics.frame.sections")
_HEADINGS = ["一、2023年工作回顾", "二、2024年工作安排", "主要预期目标完成情况", "(三)重点工作进展情况",
             "过去五年", "今年政府工作", "年度目标任务分解", "牵头单位:市发改委", "前言", "附件",
             "  2022年", "1-9月全市经济运行", "增长6%", "一是扩大内需", ""]


def _sections_without_char_test(text: str, plan_year: int | None, kind: str):
    original = _SECTIONS._heading_chars
    _SECTIONS._heading_chars = lambda: None
    try:
        return _SECTIONS.find_sections(text, plan_year, kind)
    finally:
        _SECTIONS._heading_chars = original


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_heading_char_test_keeps_every_section_of_the_documents(path):
    text = read_document(path).text
    for year in (2022, 2024):
        assert _SECTIONS.find_sections(text, year, "work_report") == \
            _sections_without_char_test(text, year, "work_report")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_HEADINGS), min_size=1, max_size=10))
def test_heading_char_test_keeps_every_section_of_written_outlines(lines):
    text = "\n".join(lines)
    assert _SECTIONS.find_sections(text, 2024, "work_report") == \
        _sections_without_char_test(text, 2024, "work_report")


def test_heading_chars_hold_the_first_character_of_every_heading_cue():
    chars = _SECTIONS._heading_chars()
    assert chars is not None and chars.search("年") is not None
    for head in ("工作回顾", "主要预期目标", "执行情况", "分解", "牵头单位", "过去五年"):
        assert chars.match(head) is not None, head


def _plain_anchor_hits(text: str) -> list[int]:
    """Every place of an opener anchor: each word found with ``str.find``, 年 by its test."""
    words, _ = _SECTIONS._opener_anchors()
    hits = {i for i, ch in enumerate(text) if ch == "年" and _SECTIONS._year_anchor_at(text, i)}
    for w in words:
        if w != "年":
            hits.update(i for i in range(len(text)) if text.startswith(w, i))
    return sorted(hits)


@pytest.mark.parametrize("path", DOCS[:6], ids=lambda p: p.name)
def test_anchor_hits_equal_their_plain_definition_on_documents(path):
    text = read_document(path).text
    assert _SECTIONS._anchor_hits(text) == _plain_anchor_hits(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["主要目标", "预期目标", "回顾", "刚刚过去的", "经济社会发展", "2016年",
                                 "今年", "一年来", "年", " 年", "主要", "目标", "回", "2", "。"]),
                max_size=12))
def test_anchor_hits_equal_their_plain_definition_on_written_text(pieces):
    text = "".join(pieces)
    assert _SECTIONS._anchor_hits(text) == _plain_anchor_hits(text)


def test_overlapping_anchor_words_are_searched_one_by_one(monkeypatch):
    # 目标任务 and 任务书 can overlap (目标任务书): one alternation would miss the second
    monkeypatch.setattr(_SECTIONS, "_opener_anchors", lambda: (("目标任务", "任务书"), frozenset()))
    _SECTIONS._word_anchor.cache_clear()
    try:
        assert _SECTIONS._word_anchor() is None
        assert _SECTIONS._anchor_hits("目标任务书") == [0, 2]
    finally:
        _SECTIONS._word_anchor.cache_clear()
