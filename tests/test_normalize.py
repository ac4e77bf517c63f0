"""Tests for govmetrics.text.normalize: table tests on real strings and offset properties."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govmetrics.text.normalize import NormalizedText, has_traditional, normalize, to_simplified

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev" / "docs"
RAW = ROOT / "data" / "raw"


def _dev(prefix: str) -> str:
    (path,) = DEV.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # traditional -> simplified, region names included
        ("咸寧市", "咸宁市"),
        ("規上工業增加值同比增長9.1%", "规上工业增加值同比增长9.1%"),
        # full-width digits, percent, dot, parentheses, colon, comma, semicolon
        ("增长８．５％（预期目标８％）；", "增长8.5%(预期目标8%);"),
        ("完成情况：上半年，", "完成情况:上半年,"),
        # inline pinyin glosses (012, 015, 019, 022)
        ("全區(qū)上下", "全区上下"),
        ("持續(xù)深化", "持续深化"),
        ("經(jīng)濟", "经济"),
        ("規(guī)上工業(yè)總產(chǎn)值(不含軍工)", "规上工业总产值(不含军工)"),
        # ranks
        ("位列全市第三名", "位列全市第3名"),
        ("全省排名第十三位", "全省排名第13位"),
        ("增速均排在全市第一;", "增速均排在全市第1;"),
        ("均在全省设区市排列第一。", "均在全省设区市排列第1。"),
        # amounts before a unit, and 百分之
        ("新增就业三万人", "新增就业3万人"),
        ("增长百分之五", "增长5%"),
        ("一千二百万元", "1200万元"),
        ("下降零点五个百分点", "下降0.5个百分点"),
        # numerals with 万 or 亿 inside are one number; 百分之 before digits; N千
        ("一亿二千万元", "120000000元"),
        ("两萬零四十億元", "2004000000000元"),
        ("三亿零五百万元", "305000000元"),
        ("一万七千元", "17000元"),
        ("控制在百分之4.5以内", "控制在4.5%以内"),
        ("达到4千元", "达到4000元"),
        # years in Chinese digits, and first place
        ("到二0一二年", "到2012年"),
        ("二○○八年", "2008年"),
        ("二〇二〇年", "2020年"),
        ("增速居全市首位", "增速居全市第1位"),
    ],
)
def test_normalize_table(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


@pytest.mark.parametrize(
    "raw",
    [
        "分居全省第4、第3位",
        "一季度", "十四五", "一是", "一、", "(一)", "三次产业", "二十大",
        "一般公共预算收入", "一年来", "第一产业增加值", "全市第一产业", "居全国第一方阵",
        "第一个突破千亿的县", "三个代表", "首位产业", "一五年", "十二五", "三〇一",
        # seeds already use half-width punctuation
        "1-9月,完成地区生产总值1321.29亿元,比上年同期增长4.4%",
        # ASCII terms are never watermarks
        "GDP\n增长GDP\n总量GDP\n全市GDP\n",
    ],
)
def test_normalize_leaves_alone(raw: str) -> None:
    assert normalize(raw).text == raw


def test_watermark_and_line_wraps_dev_pdf_docs() -> None:
    for prefix, token in (("009", "PZl"), ("010", "hd9"), ("030", "pbY"), ("032", "vzT")):
        nt = normalize(_dev(prefix))
        assert token not in nt.text, prefix
    text = normalize(_dev("009")).text
    assert "政府工作报告" not in text  # title is spaced out, left alone
    assert "请予审议,并请政协各位委员和其他列席人员提出意见。" in text
    # a number split by a wrap is joined; the original span keeps the newline
    for prefix, joined, raw in (("032", "198.6亿元", "198.\n6亿元"),
                                ("009", "71.53亿元", "71.53亿\n元")):
        nt = normalize(_dev(prefix))
        if raw in nt.original:
            i = nt.text.index(joined)
            s, e = nt.span_to_original(i, i + len(joined))
            assert nt.original[s:e] == raw


def test_line_wrap_dev_030_joins_words() -> None:
    nt = normalize(_dev("030"))
    assert "并请县政协各位委员和列席会议的同志提出意见。" in nt.text


def test_seeds_paragraphs_not_joined() -> None:
    for path in RAW.glob("*.txt"):
        original = path.read_text(encoding="utf-8")
        nt = normalize(original)
        assert nt.text.count("\n") == original.count("\n"), path.name


def test_traditional_seed_004() -> None:
    nt = normalize((RAW / "004_dfe24370595563c5.txt").read_text(encoding="utf-8"))
    assert "咸宁高新区" in nt.text
    assert not has_traditional(nt.text)
    assert len(nt.text) == len(nt.original)


def test_offsets_after_gloss_removal() -> None:
    nt = normalize("今年以來,全區(qū)經(jīng)濟增長(zhǎng)8%")
    assert nt.text == "今年以来,全区经济增长8%"
    i = nt.text.index("增长8%")
    s, e = nt.span_to_original(i, i + 4)
    assert nt.original[s:e] == "增長(zhǎng)8%"
    assert nt.to_original(len(nt.text)) == len(nt.original)


def test_offsets_after_numeral_replacement() -> None:
    nt = normalize("位列全市第十三名,增长")
    i = nt.text.index("13")
    assert nt.span_to_original(i, i + 2) == (5, 7)
    assert nt.original[slice(*nt.span_to_original(i - 1, i + 3))] == "第十三名"


def test_identity_map_is_cheap() -> None:
    nt = normalize("一季度,我市实现地区生产总值增长8.5%")
    assert nt.is_identity_map
    assert nt.span_to_original(3, 5) == (3, 5)


def test_to_simplified_keeps_length() -> None:
    s = "乾隆年間,咸寧發展" * 10
    assert len(to_simplified(s)) == len(s)


def test_bad_offsets() -> None:
    nt = normalize("abc")
    with pytest.raises(IndexError):
        nt.to_original(4)
    with pytest.raises(ValueError):
        nt.span_to_original(2, 1)


_ALPHABET = list("咸寧市全區增長经济第三名位一二十万人亿元百分之五点0123456789.%,:;()"
                 "qūzhǎngyèPZlhd9GDP \n。，：（）８％乾隆") + ["(qū)", "(zhǎng)", "PZl\n"]
_texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_ALPHABET), max_size=200).map("".join),
)


def _check_map(nt: NormalizedText) -> None:
    n, o = len(nt.text), len(nt.original)
    prev = 0
    for i in range(n + 1):
        p = nt.to_original(i)
        assert 0 <= p <= o
        assert p >= prev
        prev = p
    assert nt.to_original(n) == o
    last = (0, 0)
    for a in range(0, n + 1, max(1, n // 15)):
        for b in range(a, n + 1, max(1, n // 15)):
            s, e = nt.span_to_original(a, b)
            assert 0 <= s <= e <= o
            if b > a:
                assert e > s
        s, e = nt.span_to_original(a, n)
        assert s >= last[0]
        last = (s, e)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_normalize_never_raises_and_map_is_monotone(text: str) -> None:
    nt = normalize(text)
    assert nt.original == text
    _check_map(nt)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(list("经济增长规模以上工业增加值上半年全市1234567890.%,;")),
             min_size=1, max_size=40).map("".join),
    st.lists(st.sampled_from(["(qū)", "(zhǎng)", "(jīng)", ""]), min_size=1, max_size=5),
)
def test_unchanged_spans_round_trip(clean: str, glosses: list[str]) -> None:
    # Insert glosses after CJK characters; every clean character must map back to itself.
    pieces = []
    for i, ch in enumerate(clean):
        pieces.append(ch)
        g = glosses[i % len(glosses)]
        if "\u4e00" <= ch <= "\u9fff":
            pieces.append(g)
    original = "".join(pieces)
    nt = normalize(original)
    assert nt.text == clean
    for a in range(len(clean)):
        for b in range(a + 1, min(len(clean), a + 6) + 1):
            s, e = nt.span_to_original(a, b)
            stripped = normalize(original[s:e]).text
            assert stripped == clean[a:b]
        p = nt.to_original(a)
        assert original[p] == clean[a]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("经济增长规模以上工业全市1234567890.%,;")),
               max_size=300))
def test_plain_simplified_text_is_identity(text: str) -> None:
    # simplified characters, ASCII digits and punctuation, one line: nothing to normalise
    nt = normalize(text)
    assert nt.text == text
    for a in range(0, len(text) + 1, 7):
        s, e = nt.span_to_original(a, len(text))
        assert text[s:e] == nt.text[a:]


@given(st.text(alphabet="增長(zhǎng)ab ü,。8%", max_size=40))
def test_pinyin_pattern_equals_its_definition(text):
    """The gloss pattern starts with "(" for speed; it finds what the look-behind form finds."""
    import re

    from govmetrics.text.normalize.cleanup import _CJK, _PINYIN_RE, _TONED

    plain = re.compile(rf"(?<=[{_CJK}])\([a-zü]*[{_TONED}][a-zü{_TONED}]*\)")
    assert [m.span() for m in _PINYIN_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --- the vectorised shortcuts equal their plain definitions -------------------

_NUMERAL_ALPHABET = list("零〇一二两三四五六七八九十百千点万亿元人个家项平方公里千瓦吨户亩次是的年第,。 \n1a")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_NUMERAL_ALPHABET + ["😀", "千元", "万人", "个百分点"]),
                max_size=40).map("".join))
def test_unit_matches_equal_finditer(text: str) -> None:
    """Only runs next to a unit are searched; the matches are those of the whole text."""
    from govmetrics.text.normalize.numerals import _unit_matches, _unit_re

    assert [m.span() for m in _unit_matches(text)] == \
        [m.span() for m in _unit_re().finditer(text)]


def test_unit_matches_finds_real_amounts() -> None:
    from govmetrics.text.normalize.numerals import _unit_matches

    text = "新增城镇就业三万人,粮食十二万吨,投资一点五亿元,一是稳增长。"
    assert [m.group(1) for m in _unit_matches(text)] == ["三", "十二", "一点五"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("咸寧市經濟宁经济增長长ＧＤＰ８％，a1 \n") + ["😀"]),
               min_size=0, max_size=600))
def test_flag_checks_equal_the_regexes(text: str) -> None:
    """The one-pass flag checks agree with the character-class definitions."""
    from govmetrics.text.normalize import count_traditional
    from govmetrics.text.normalize.chars import _FULLWIDTH_CHARS, _WIDE, _present, _traditional_re

    fullwidth = re.compile("[" + re.escape(_FULLWIDTH_CHARS) + "]")
    assert has_traditional(text) == (_traditional_re().search(text) is not None)
    assert bool(_present(text) & _WIDE) == (fullwidth.search(text) is not None)
    cjk = sum(1 for c in text if "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff")
    assert count_traditional(text) == (len(_traditional_re().findall(text)), cjk)


def test_flags_of_equal_texts_are_recomputed_per_object() -> None:
    from govmetrics.text.normalize.chars import _TRAD, _flags

    a = "咸寧市" * 100
    b = "咸宁市" * 100
    assert (_flags(a) & _TRAD).any() and not (_flags(b) & _TRAD).any()
    assert (_flags(a) & _TRAD).any()  # asked again after another text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=120), max_size=60))
def test_wrap_width_equals_its_counting_definition(widths: list[int]) -> None:
    from govmetrics.text.normalize.cleanup import _wrap_width

    ws = sorted(w for w in widths if w > 0)
    expected = None
    if len(ws) >= 5 and ws[int(0.9 * (len(ws) - 1))] >= 20:
        top = ws[int(0.9 * (len(ws) - 1))]
        near = sum(1 for w in ws if 0.85 * top <= w <= 1.1 * top)
        wider = sum(1 for w in ws if w > 1.1 * top)
        if near >= 4 and near >= 0.35 * len(ws) and wider <= 0.05 * len(ws):
            expected = top
    assert _wrap_width(widths) == expected


@pytest.mark.parametrize("text", [
    "\ud800",
    "增长\ud800\n" * 8 + "地区生产总值增长8%",
    "😀\ud800\udc00地区生产总值增长8%\n全年GDP增长5%",
])
def test_surrogates_and_wide_characters_are_read(text: str) -> None:
    """Lone surrogates (possible in a Python str) and characters outside the BMP
    go through every vectorised pass (found by Hypothesis)."""
    import govmetrics
    from govmetrics.text.normalize import count_traditional

    nt = normalize(text)
    assert nt.to_original(len(nt.text)) == len(text)
    assert count_traditional(text) == (0, sum(1 for c in text if "\u4e00" <= c <= "\u9fff"))
    facts = govmetrics.extract_text(text, region="咸宁市", year=2022)
    assert len(facts) == text.count("增长8%") + text.count("增长5%")


def test_traditional_text_with_a_lone_surrogate_is_converted() -> None:
    """OpenCC reads UTF-8 only: a line holding a lone surrogate is converted
    character by character, and a single line does not recurse (found by Hypothesis)."""
    assert to_simplified("\ud800經濟\n") == "\ud800经济\n"
    assert to_simplified("經濟\n\ud800增長\n") == "经济\n\ud800增长\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\n")), max_size=12))
def test_widths_of_lines_equal_one_at_a_time(lines: list[str]) -> None:
    from govmetrics.text.normalize.cleanup import _width, _widths

    assert _widths(lines) == [_width(line) for line in lines]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("增长8%万亿三千\n") + ["😀", "\ud800", "𠀀"]), max_size=40),
       st.integers(1, 6))
def test_flags_a_block_at_a_time_equal_the_whole_lookup(text: str, block: int) -> None:
    """Character flags read a block at a time (small temporaries) equal one lookup of every
    unit, characters outside the BMP (two units) and lone surrogates included."""
    from govmetrics.text.normalize.chars import _char_flags, _text_flags, unit_lookup, utf16_units

    whole = _char_flags()[utf16_units(text)]
    assert _text_flags(text, block).tolist() == whole.tolist()
    assert unit_lookup(_char_flags(), utf16_units(text), chunk=block).tolist() == whole.tolist()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("万亿三千二十8。\n") + ["😀"]), max_size=30))
def test_compound_hints_equal_their_regex(text: str) -> None:
    """The vectorised 万/亿-then-numeral positions are those of the hint regex."""
    from govmetrics.text.normalize.numerals import _COMPOUND_HINT, _compound_hints

    assert _compound_hints(text) == [m.start() for m in _COMPOUND_HINT.finditer(text)]
