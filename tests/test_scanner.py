"""The scanner's speed-ups must not change what it finds.

The extractor scans only lines that name a headline indicator (or follow
one), finds those lines through two-character anchors, and runs its
vocabulary parts as separate, merged regexes. Each shortcut is checked here
against the plain definition it replaces, on the seed documents and on
sentences written for these tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govmetrics import read_document
from govmetrics.statements import shortcuts
from govmetrics.statements.scanner import _accepted, scan, vocab
from govmetrics.statements.shortcuts import _headline_re, _named_lines
from govmetrics.text.patterns import literal_first, required_words, top_alternatives
from govmetrics.text.segment import line_spans

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "raw").iterdir())

TEXTS = [
    "一季度,全市地区生产总值增长8.2%,规模以上工业增加值增长10.1%。",
    "1-9月,城镇常住居民人均可支配收入32000元,农村居民人均可支配收入增长7%。",
    "全县500万元以上项目固定资产投资增长12%;研发经费投入增长15%;一产增加值增长3%。",
    "上半年预计同比增长108.9%(下同),居全省第3位,比2019年增长20%。",
    "城镇新增就业2.3万人,城镇登记失业率控制在4.5%以内,与经济增长同步。",
    "截至9月底,社会消费品零售总额完成年目标任务的70%,较上年提高2-3个百分点。",
]


def _one_alternation():
    """All scanner parts as one regex: at a position the first part that matches wins."""
    parts = [re.sub(r"\(\?P<(\w+)>", lambda m, k=k: f"(?P<{m.group(1)}__{k}>", rx.pattern)
             for k, rx in enumerate(vocab().passes)]
    return re.compile("|".join(parts))


@pytest.mark.parametrize("text", TEXTS + [p.read_text("utf-8")[:20000] for p in SEEDS[:4]],
                         ids=[f"sentence{i}" for i in range(len(TEXTS))]
                         + [p.name for p in SEEDS[:4]])
def test_merged_passes_equal_one_alternation(text):
    """Separate passes merged by position give exactly what one alternation gives."""
    v = vocab()
    got = [(m.start(), m.end(), m.lastgroup) for m in _accepted(v, text)]
    want = [(m.start(), m.end(), m.lastgroup.split("__")[0])
            for m in _one_alternation().finditer(text) if m.end() > m.start()]
    assert got == want


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_anchor_search_finds_every_named_line(path):
    doc = read_document(path)
    text = doc.text
    spans = line_spans(text)
    rx = _headline_re()
    assert _named_lines(text, spans) == [rx.search(text, s, e) is not None for s, e in spans]


def test_headline_filter_is_a_superset_of_alias_tokens():
    """Every headline indicator token holds a match of the line filter."""
    rx = _headline_re()
    names = [t for text in TEXTS for t in scan(text) if t.kind == "ind" and t.ind]
    assert len(names) >= 8
    for t in names:
        assert rx.search(t.text) is not None, t.text


def _vocabulary_patterns() -> list[str]:
    from govmetrics.vocabulary import read_vocabulary as _csv

    pats = {p for p, _ in vocab().aliases} | {r["pattern"] for r in _csv("periods.csv")}
    pats |= {a for r in _csv("cues.csv") for a in top_alternatives(r["pattern"])}
    return sorted(p for p in pats if literal_first(p) not in (None, [p]))


_CORPUS = "\n".join(TEXTS + [p.read_text("utf-8") for p in SEEDS])


@pytest.mark.parametrize("pattern", _vocabulary_patterns())
def test_literal_first_keeps_the_language(pattern):
    """The expanded alternatives find exactly what the vocabulary pattern finds."""
    merged = re.compile("|".join(literal_first(pattern)))
    original = re.compile(pattern)
    assert [m.span() for m in merged.finditer(_CORPUS)] == \
        [m.span() for m in original.finditer(_CORPUS)]
    for alt in literal_first(pattern):
        assert not re.match(r"[\\\[\](){}.*+?|^$]", alt)  # starts with a plain character


def test_literal_first_is_exercised():
    """The expansion covers groups, sets and optional parts of the real vocabulary."""
    pats = _vocabulary_patterns()
    assert any(p.startswith("(?:") and ")?" in p for p in pats)
    assert any(p.startswith("[") for p in pats)
    assert any(re.match(r".\?", p) for p in pats)


def test_required_words_are_in_every_match():
    for p, ind in vocab().aliases:
        if not ind:
            continue
        words = required_words(p)
        rx = re.compile(p)
        for t in TEXTS:
            for m in rx.finditer(t):
                assert any(w in m.group() for w in words), (p, m.group())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["GDP", "地区生产总值", "城镇", "工业", "增长", "收入", "消费", "😀",
                                 "\n", "。", "8%", "a", "出口", "业率"]), max_size=30).map("".join))
def test_named_lines_equal_the_regex_on_any_text(text):
    """The vectorised anchor test agrees with the line regex, characters outside the BMP included."""
    spans = line_spans(text)
    rx = _headline_re()
    assert _named_lines(text, spans) == [rx.search(text, s, e) is not None for s, e in spans]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["GDP", "地区生产总值", "城镇", "工业", "增长", "收入", "消费", "😀",
                                 "\n", "。", "8%", "a", "出口", "业率"]), max_size=30).map("".join),
       st.integers(1, 7), st.integers(1, 3))
def test_named_lines_in_small_blocks_equal_the_regex(text, block, chunk):
    """Blocks of the text and chunks of pairs as small as one: a pair across a block's edge counts."""
    spans = line_spans(text)
    rx = _headline_re()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(shortcuts, "_UNIT_BLOCK", block)
        mp.setattr(shortcuts, "_PAIR_CHUNK", chunk)
        got = _named_lines(text, spans)
    assert got == [rx.search(text, s, e) is not None for s, e in spans]


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"-?\d{1,3}(,\d{3})*(\.\d{1,3})? ?(%|万元|亿元|万人|人|个)?", fullmatch=True)
       | st.from_regex(r"[0-9]{1,3}(,[0-9]{3})*(\.[0-9]{1,3})? ?(%|万元|亿元|万人|人|个)?", fullmatch=True))
def test_number_tokens_parse_as_the_figure_regex(figure):
    """A number token's value and unit are those the figure regex reads."""
    from govmetrics.statements.scanner import _NUM_RE

    nums = [t for t in scan("增长" + figure) if t.kind == "num"]
    assert nums, figure
    for t in nums:
        m = _NUM_RE.match(t.text)
        assert t.value == float(m.group(1).replace(",", ""))
        assert t.unit == m.group(2).strip()


def test_no_unit_starts_with_a_figure_character():
    """Number tokens split value and unit at the first character that is not a figure's."""
    from govmetrics.statements.scanner import _FIGURE_CHARS

    assert all(u[0] not in _FIGURE_CHARS for u in vocab().units)


def test_filler_words_equal_a_longest_first_alternation():
    """The filler trie removes what the plain longest-first alternation removes."""
    from govmetrics.statements.words import _FILLER_CHARS, _FILLER_WORDS, _FILLERS

    plain = re.compile("|".join(sorted(_FILLERS, key=len, reverse=True)) + "|" + _FILLER_CHARS)
    probes = TEXTS + ["比上年同期增长8%", "完成情况:全年累计完成", "按可比价格计算,同比", "可比口径的总额"]
    for text in probes:
        assert _FILLER_WORDS.sub("", text) == plain.sub("", text)


@pytest.mark.parametrize("text", [
    "完成情况:上半年,全市一般公共预算收入完成114814万元,为全年预算数185000万元的62.1%。",
    "2021年1-5月全市建档立卡脱贫人口住院4907人次。",
    "开展第30个爱国卫生月活动。",
])
def test_look_again_path_equals_one_alternation(text, monkeypatch):
    """Sentences where a cut match makes its part look again (the slow path) still
    give what one alternation gives."""
    import govmetrics.statements.scanner as s

    calls = []
    slow = s._accept_from
    monkeypatch.setattr(s, "_accept_from", lambda *a: calls.append(1) or slow(*a))
    got = [(m.start(), m.end(), m.lastgroup) for m in _accepted(vocab(), text)]
    want = [(m.start(), m.end(), m.lastgroup.split("__")[0])
            for m in _one_alternation().finditer(text) if m.end() > m.start()]
    assert calls, "the slow path was not taken"
    assert got == want


# --- lines after a named line: the text-only inheritance test -----------------

def _all_sentences():
    from govmetrics.text.segment import split_lines

    docs = [read_document(p).text for p in SEEDS]
    docs += [p.read_text("utf-8") for p in sorted((ROOT / "tests" / "data" / "dev" / "docs")
                                                 .glob("*.txt"))]
    return [s for d in docs for line in split_lines(d) for s in line.sentences]


def test_may_inherit_never_refuses_a_sentence_that_can_inherit():
    """_may_inherit (text only) says yes wherever _can_inherit (tokens) does."""
    from govmetrics.statements.finder import _can_inherit
    from govmetrics.statements.shortcuts import _may_inherit
    from govmetrics.text.segment import Sentence

    yes = refused = 0
    for s in _all_sentences():
        alone = Sentence(0, len(s.text), s.text, 0, 0, s.line_is_item)
        if _can_inherit(alone, s.text, scan(s.text)):
            yes += 1
            assert _may_inherit(s.text), s.text
        elif not _may_inherit(s.text):
            refused += 1
    assert yes >= 10 and refused >= 100  # both sides are exercised


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["增长", "同比", "预计", "上半年", "1-5月", "全年", "目标", "力争",
                                 "控制在", "8.5%", "3.7万人", "第3位", ",", "、", "(", ")", "分别",
                                 "其中", "企业", "项目", "工业", "一是", "完成", "左右", "达到",
                                 "下降", "排名", "全市", "年"]), max_size=10).map("".join))
def test_may_inherit_is_a_superset_on_any_sentence(sentence):
    from govmetrics.statements.finder import _can_inherit
    from govmetrics.statements.shortcuts import _may_inherit
    from govmetrics.text.segment import Sentence

    s = Sentence(0, len(sentence), sentence, 0, 0, False)
    if _can_inherit(s, sentence, scan(sentence)):
        assert _may_inherit(sentence)


def test_figure_led_parts_start_with_a_figure_start():
    """The parts the filler characters leave out never start before the first figure."""
    from govmetrics.statements.shortcuts import _FIGURE_LED_KINDS, _FIGURE_START

    text = "\n".join(s.text for s in _all_sentences())
    n = 0
    for rx in vocab().passes:
        if set(rx.groupindex) & _FIGURE_LED_KINDS:
            for m in rx.finditer(text):
                if m.lastgroup in _FIGURE_LED_KINDS:
                    n += 1
                    assert _FIGURE_START.match(m.group()), m.group()
    assert n > 100


def test_filler_tokens_consume_only_listed_characters():
    from govmetrics.statements.shortcuts import _FIGURE_LED_KINDS, _filler_chars
    from govmetrics.statements.words import _FILLER_KINDS

    chars = _filler_chars()
    assert chars is not None
    n = 0
    for s in _all_sentences():
        for t in scan(s.text):
            if t.kind in _FILLER_KINDS and t.kind not in _FIGURE_LED_KINDS:
                n += 1
                rest = {c for c in t.text if not c.isdigit() and not c.isspace()}
                assert rest <= chars, (t.kind, t.text)
    assert n > 200
