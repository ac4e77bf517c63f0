"""Bad input: never crash, never hang, never lose or change a number.

One test (or a few) per numbered reproducer of the hardening issue; the
value cases are the table ``tests/data/hardening/values.csv`` (standing xfail
list: ``xfail.csv``). No test asserts wall time: the linear-time fixes are
checked through what they build (bounded sentences, no unplaced table).
"""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govmetrics as gm
from govmetrics._unplaced import SENTENCE_MAX
from govmetrics.extract import extract_document
from govmetrics.pipeline import QUOTE_MAX
from govmetrics.present.tables import latex_escape, neutralise, to_latex, to_markdown
from govmetrics.text.read import decode_bytes, document_from_text, read_document

HERE = Path(__file__).parent
ROOT = HERE.parent
CASES = HERE / "data" / "hardening"
TEXT = "2022年主要预期目标:地区生产总值增长8%左右。"


def _unescape(s: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})|\\r", lambda m: chr(int(m.group(1), 16)) if m.group(1)
                  else "\r", s)


def _table(name: str) -> list[dict]:
    with open(CASES / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


XFAIL = {r["text"]: r["reason"] for r in _table("xfail.csv")}


# ------------------------------------------------------------------ 1. linear unplaced list
def test_unplaced_sentences_are_bounded_and_found_by_index():
    text = "8%" * 50000  # one 100 KB "sentence"
    _, un = extract_document(document_from_text(text))
    assert len(un) == 50000
    assert un["sentence"].str.len().max() <= SENTENCE_MAX
    assert (un["text"] == "8").all() and un["sentence"].str.contains("8%").all()
    _, un = extract_document(document_from_text("1、" * 50000))
    assert len(un) == 50000 and un["sentence"].str.len().max() <= SENTENCE_MAX


def test_extract_text_does_not_build_the_unplaced_table(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("extract_text built the unplaced table")

    monkeypatch.setattr(sys.modules["govmetrics.extract"], "_unplaced_frame", boom)
    assert gm.extract_text(TEXT, region="咸宁市").iloc[0]["value"] == 8.0


def test_unplaced_numbers_stay_arrays_and_agree_with_the_object_list():
    """The table from arrays lists what ``find_statements(account=True)`` lists, in order."""
    from govmetrics.statements import find_statements
    from govmetrics.statements.finder import find_statements_and_runs

    text = ("一、2022年工作回顾\n1.地区生产总值增长8%，1、2、3号项目开工，"
            "投资12.5亿元。\n会议于3月5日召开，出席代表300人。\n") * 20
    doc = document_from_text(text, region="咸宁市", year=2022)
    objects = find_statements(doc.text, "咸宁市", account=True)[1]
    facts, missed, runs = find_statements_and_runs(doc.text, "咸宁市")
    assert isinstance(runs.start, np.ndarray) and runs.start.size > 0
    assert (sorted((u.start, u.end, u.reason) for u in objects)
            == sorted([(u.start, u.end, u.reason) for u in missed] + list(runs.records())))
    _, un = extract_document(doc)
    assert un.char_start.is_monotonic_increasing
    assert all(doc.original[a:b] == t for a, b, t in zip(un.char_start, un.char_end, un.text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.%a\u0663", max_size=400), st.integers(1, 50))
def test_digit_runs_a_piece_at_a_time_are_those_of_the_whole_text(text, size):
    from govmetrics.statements.finder import _digit_runs, _run_chunks

    whole = [m.span() for m in re.finditer(r"\d+(?:\.\d+)?", text)]
    assert list(zip(*(x.tolist() for x in _digit_runs(text)))) == whole or not whole
    pieces = [(a, b) for _, at, to in _run_chunks(text, size)
              for a, b in zip(at.tolist(), to.tolist())]
    assert pieces == whole


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="地区生产总值增长工业ye▲ 。，8%1.", max_size=200))
@example("地区生产总y值8")  # the noise right before the figure
@example("地▲区生产总值增长" + "长" * 31 + "8")  # the noise 40 characters back
def test_unreadable_name_runs_agree_with_a_test_of_each_run(text):
    """The prefilter of ``unreadable_name`` skips no run that the clause test would mark."""
    from govmetrics.statements.finder import unread_digits
    from govmetrics.statements.words import garbled_name

    runs = unread_digits(text, [], [], [])  # no line scanned: every run is outside
    want = [2 if garbled_name(text[max(0, a - 40):a].rsplit("。", 1)[-1]) else 1
            for a in runs.start.tolist()]
    assert runs.reason.tolist() == want


def test_categories_are_the_sorted_values_present():
    from govmetrics._unplaced import category

    names = ["no_headline_indicator", "marker_or_name", "增长\ufffd", "unused"]
    codes = np.array([2, 0, 1, 1, 0, 2] * 30000, dtype=np.int16)
    got = category(names, codes)
    assert list(got.categories) == sorted(names[:3]) and got.codes.dtype == np.int8
    assert got.categories.dtype == object  # Python strings: no Arrow buffer (its arena) for a few
    assert got.astype(object).tolist() == [names[k] for k in codes.tolist()]
    assert len(category(names, codes[:0])) == 0 and len(category(names, codes[:0]).categories) == 0


def _plain_sentence(orig: str, a: int, b: int) -> str:
    """The sentence of ``orig[a:b]`` as the unplaced table defines it, one number at a time."""
    from govmetrics._unplaced import storable

    lo = max(orig.rfind(c, 0, a) for c in "。！？\n") + 1
    after = [i for i in (orig.find(c, b) for c in "。！？\n") if i >= 0]
    hi = min(after) + 1 if after else len(orig)
    if hi - lo > SENTENCE_MAX:
        step = SENTENCE_MAX // 3
        lo = max(lo, a // step * step - step)
        hi = min(hi, max(b, lo + SENTENCE_MAX))
    return storable(orig[lo:hi]).strip()


def _plain_unplaced(doc) -> list[tuple]:
    """The rows of the unplaced table built the plain way: one Python object per number."""
    from govmetrics._unplaced import storable

    _, records, runs = sys.modules["govmetrics.extract"]._extract_rows(doc)
    found = [(u.start, u.end, u.reason) for u in records] + list(runs.records())
    found.sort(key=lambda r: r[0])  # stable: the records before a run at the same start
    nt, orig = doc.normalized, doc.original
    spans = [(*nt.span_to_original(s, e), r) for s, e, r in found]
    spans = sorted(spans + list(nt.removed), key=lambda r: r[:2]) if nt.removed else spans
    return [(doc.name, a, b, storable(orig[a:b]), r, _plain_sentence(orig, a, b))
            for a, b, r in spans]


_DENSE = ("一、2022年工作回顾\n1.地区生产总值增长8%，1、2、3号项目开工，投资12.5亿元。"
          "全市\u200b人口300万\ud800人；8%8%8%增长1\u200b2%hd9\r\n" + "第1名8%" * 150 + "\n")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(_DENSE.splitlines(keepends=True) + ["8%" * 400, "\u3000", "。"]),
                min_size=1, max_size=30))
@example(_DENSE.splitlines(keepends=True) * 40)
def test_unplaced_table_is_categorical_and_equals_the_plain_build(lines):
    doc = document_from_text("".join(lines) + "8", region="咸宁市", year=2022)
    _, un = extract_document(doc)
    for col in ("doc", "text", "reason", "sentence"):
        cats = un[col].cat.categories  # categorical, of the values present, sorted
        assert list(cats) == sorted(set(un[col].astype(object))) and cats.is_unique
    got = list(zip(*(un[c].astype(object).tolist() for c in un.columns)))
    assert got == _plain_unplaced(doc)


def test_unplaced_of_many_documents_joins_the_categories(tmp_path):
    paths = []
    for k, text in enumerate(["地区生产总值增长8%，1、2号。", "8%" * 300, "投资12.5亿元。\n会议3月5日"]):
        paths.append(tmp_path / f"d{k}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    whole = gm.unplaced(tmp_path)
    parts = [gm.unplaced(p) for p in paths]
    assert all(isinstance(whole[c].dtype, pd.CategoricalDtype) for c in ("doc", "text", "reason"))
    assert list(whole["reason"].cat.categories) == sorted(set(whole["reason"].astype(str)))
    plain = pd.concat([p.astype({c: str for c in ("doc", "text", "reason", "sentence")})
                       for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(whole.astype({c: str for c in ("doc", "text", "reason",
                                                                 "sentence")}), plain)
    empty = gm.unplaced(tmp_path / "d0.txt").iloc[:0]
    from govmetrics._unplaced import empty_unplaced

    pd.testing.assert_frame_equal(empty_unplaced().dtypes.astype(str).to_frame(),
                                  empty.dtypes.astype(str).to_frame())


def test_unplaced_numbers_cost_no_python_object_each():
    """At most 40 bytes of temporaries a number (a build with a Python string per number and
    sorted copies of the spans takes about 160): the table is built from arrays."""
    import tracemalloc

    from govmetrics._unplaced import unplaced_spans, unplaced_table
    from govmetrics.statements.finder import find_statements_and_runs

    doc = document_from_text("8%" * 50000)
    _, missed, runs = find_statements_and_runs(doc.text)
    tracemalloc.start()
    try:
        spans = unplaced_spans(doc.normalized, missed, runs)
        assert spans[0] is runs.start  # no record, an identity map: the runs' own array
        table = unplaced_table(doc.name, doc.normalized, doc.original, *spans)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(table) == 50000 and peak < 40 * 50000


def test_quotes_are_bounded_on_a_line_without_punctuation():
    text = "地区生产总值增长8%" * 5000 + "城镇登记失业率" + "0" * 10 + "控制在4%以内"
    facts = gm.extract_text(text, region="咸宁市", year=2022)
    assert len(facts) >= 1
    assert (facts["char_end"] - facts["char_start"]).max() <= QUOTE_MAX
    assert all(text[a:b] == q for a, b, q in zip(facts.char_start, facts.char_end, facts.quote))


# ------------------------------------------------------------------ 2. analysis on ordinary input
def test_analyses_of_facts_without_a_region():
    facts = gm.extract_text("城镇新增就业3人完成任务的9%", year=2022)
    assert set(facts["measure"]) == {"level", "completion_pct"} and facts["region"].isna().all()
    assert isinstance(gm.attainment(facts), pd.DataFrame)
    assert isinstance(gm.pace(facts), pd.DataFrame)
    with pytest.raises(gm.GovmetricsError):  # a refusal with a message, not an IndexError
        gm.comparison_table(facts, 2022)


def test_cli_table_of_such_a_document_is_one_line(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text("城镇新增就业3人完成任务的9%", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "govmetrics.cli", "table", "--input", str(doc)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0


# ------------------------------------------------------------------ 3. lone surrogate
def test_lone_surrogate():
    assert gm.extract_text("\ud8006").empty
    facts = gm.extract_text("\ud800地区生产总值增长8%", region="咸宁市", year=2022)
    assert facts.iloc[0]["value"] == 8.0 and facts.iloc[0]["quote"] == "地区生产总值增长8%"


# ------------------------------------------------------------------ 4. and 6. values
@pytest.mark.parametrize("case", _table("values.csv"), ids=lambda c: c["note"][:40])
def test_value_cases(case):
    if case["text"] in XFAIL:
        pytest.xfail(XFAIL[case["text"]])
    text = _unescape(case["text"])
    facts = gm.extract_text(text, region="咸宁市", year=2022)
    _, un = extract_document(document_from_text(text, region="咸宁市", year=2022))
    if case["value"]:
        assert facts["value"].tolist() == [float(case["value"])]
        r = facts.iloc[0]
        assert text[r.char_start:r.char_end] == r.quote  # spans index the original
    else:
        assert facts.empty
        assert case["reason"] in set(un["reason"])
    assert all(text[a:b] == t for a, b, t in zip(un.char_start, un.char_end, un.text))


# ------------------------------------------------------------------ 5. encodings
BIG5_DOC = "2022年咸寧市主要預期目標:地區生產總值增長8%左右。"


@pytest.mark.parametrize("codec", ["big5", "utf-32", "utf-16-le", "utf-16-be", "gb18030",
                                   "utf-8", "utf-8-sig", "utf-16"])
def test_encodings_read_correctly(tmp_path, codec):
    p = tmp_path / "doc.txt"
    p.write_bytes((BIG5_DOC * 3).encode(codec))
    doc = read_document(p)
    assert doc.original == BIG5_DOC * 3
    facts = gm.extract(p, region="咸宁市")
    assert facts["value"].tolist() == [8.0]


def test_one_bad_byte_is_reported_with_its_offset(tmp_path):
    data = (TEXT * 20).encode("utf-8")
    bad = data[:7] + b"\xff" + data[7:]  # after "2022年"
    p = tmp_path / "bad.txt"
    p.write_bytes(bad)
    with pytest.raises(gm.DocumentError, match=r"bad.txt: invalid UTF-8 byte 0xff at offset 7 "):
        read_document(p)
    doc = read_document(p, errors="replace")
    assert doc.original.count("\ufffd") == 1 and doc.original.replace("\ufffd", "") == TEXT * 20


def test_undecodable_bytes_are_refused():
    with pytest.raises(gm.DocumentError, match="cannot decode"):
        decode_bytes(bytes(range(0x80, 0x100)) * 4, label="x.txt")
    with pytest.raises(gm.DocumentError, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03" * 10, label="x.bin")
    with pytest.raises(gm.DocumentError, match="PDF"):
        decode_bytes(b"%PDF-1.7\n...", label="x.txt")


# ------------------------------------------------------------------ 7. text is text
def test_text_is_never_taken_for_html():
    text = "<p>地区生产总值增长8%左右。<br>"
    facts = gm.extract_text(text, region="咸宁市", year=2022)
    r = facts.iloc[0]
    assert text[r.char_start:r.char_end] == r.quote
    facts = gm.extract_text("<p>地区生产总值增长8%</p>", region="咸宁市", year=2022, html=True)
    assert facts.iloc[0]["quote"] == "地区生产总值增长8%"


# ------------------------------------------------------------------ 8. parameters
@pytest.mark.parametrize(("kwargs", "name"), [
    ({"region": 123}, "region"), ({"year": "abc"}, "year"), ({"year": 1800}, "year"),
    ({"year": 2022.5}, "year"), ({"period_end": 13}, "period_end"),
])
def test_hints_are_checked_up_front(kwargs, name):
    with pytest.raises(gm.ParameterError, match=rf"^{name}: "):
        gm.extract_text(TEXT, **kwargs)
    with pytest.raises(ValueError):  # an ordinary except clause works
        gm.extract_text(TEXT, **kwargs)


def test_unknown_region_and_kind_name_the_hint():
    with pytest.warns(UserWarning, match="region '不存在的地方' is not in the region table"):
        gm.extract_text(TEXT, region="不存在的地方")
    with pytest.raises(gm.GovmetricsError, match="kind must be one of"):
        gm.extract_text(TEXT, kind="speech")


def test_extract_checks_hints_and_options(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    with pytest.raises(gm.ParameterError, match="^year: "):
        gm.extract(p, year=1800)
    with pytest.raises(gm.ParameterError, match="^on_error: "):
        gm.extract(p, on_error="ignore")
    with pytest.raises(gm.ParameterError, match="^max_bytes: "):
        gm.extract(p, max_bytes=-1)


def test_document_errors_are_builtin_errors_too(tmp_path):
    with pytest.raises(FileNotFoundError):
        gm.extract(tmp_path / "missing.txt")
    with pytest.raises(FileNotFoundError):
        read_document(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="empty.txt"):
        gm.extract(empty)


def test_fact_csv_with_a_bad_year(tmp_path):
    facts = gm.datasets.load("seeds").head(3).astype({"year": "string"})
    facts.loc[facts.index[0], "year"] = "2022x"
    p = tmp_path / "facts.csv"
    facts.to_csv(p, index=False)
    with pytest.raises(gm.SchemaError, match="column year: not a number at rows 0"):
        gm.schema.coerce_facts(pd.read_csv(p))
    proc = subprocess.run([sys.executable, "-m", "govmetrics.cli", "table", "--input", str(p)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2 and "year" in proc.stderr and "Traceback" not in proc.stderr


# ------------------------------------------------------------------ 9. watermarks and line ends
WATERMARKED = "".join(f"第{i}段会议上的讲话内容hd9\n" for i in range(1, 6)) + "地区生产总值增长8%左右。\n"


def test_watermark_digits_are_unplaced():
    doc = document_from_text(WATERMARKED, region="咸宁市", year=2022)
    assert "hd9" not in doc.text
    facts, un = extract_document(doc)
    wm = un[un["reason"] == "watermark"]
    assert len(wm) == 5 and set(wm["text"]) == {"hd9"}
    spans = [*zip(facts.char_start, facts.char_end), *zip(un.char_start, un.char_end)]
    for m in re.finditer(r"\d", doc.original):  # every digit accounted for
        assert any(a <= m.start() < b for a, b in spans), m


def test_normalization_does_not_depend_on_line_ends():
    lf = document_from_text(WATERMARKED)
    crlf = document_from_text(WATERMARKED.replace("\n", "\r\n"))
    assert crlf.text == lf.text
    a = gm.extract_text(WATERMARKED, region="咸宁市", year=2022)
    b = gm.extract_text(WATERMARKED.replace("\n", "\r\n"), region="咸宁市", year=2022)
    assert a["value"].tolist() == b["value"].tolist() == [8.0]


# ------------------------------------------------------------------ 10. exports
def test_markdown_cells_are_escaped():
    md = to_markdown(pd.DataFrame({"note": ["a|b", "two\nlines", "<script>x</script>"]}))
    lines = md.splitlines()
    assert len(lines) == 5  # header, rule, three rows: nothing broke the table
    assert r"a\|b" in md and "two<br>lines" in md and "<script>" not in md
    assert "&lt;script&gt;" in md


def test_latex_cells_cannot_break_the_table():
    tex = to_latex(pd.DataFrame({"a": ["[1] x", "p1\n\np2"], "b": [1.0, 2.0]}))
    assert "\n\n" not in tex
    assert any(r.startswith("{}[1]") for r in tex.splitlines())
    assert not any(r.startswith("[1]") for r in tex.splitlines())
    assert latex_escape("p1\n\np2") == "p1 p2"


def test_full_width_formula_start_is_neutralised():
    assert neutralise("＝HYPERLINK(1)") == "'＝HYPERLINK(1)"
    assert neutralise("＋1") == "'＋1"


def test_cli_refuses_to_overwrite_an_input(tmp_path):
    from govmetrics.cli import main

    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    before = doc.read_bytes()
    assert main(["extract", str(doc), "--region", "咸宁市", "-o", str(doc)]) == 2
    assert main(["extract", str(tmp_path), "--region", "咸宁市", "-o", str(doc)]) == 2
    assert doc.read_bytes() == before
    out = tmp_path / "facts.csv"
    assert main(["extract", str(doc), "--region", "咸宁市", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("doc,")


# ------------------------------------------------------------------ 11. batches
@pytest.fixture
def batch(tmp_path):
    (tmp_path / "a.doc").write_bytes(b"\xd0\xcf\x11\xe0")  # legacy Word: skipped
    (tmp_path / "b.png").write_bytes(b"\x89PNG")  # not a document: skipped
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.7\n")  # a broken PDF: failed
    (tmp_path / "REPORT.TXT").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text(TEXT.replace("8%", "7%"), encoding="utf-8")
    return tmp_path


def test_batch_reads_what_it_can_and_warns(batch):
    with pytest.warns(gm.DocumentWarning) as rec:
        facts = gm.extract(batch, region="咸宁市")
    assert sorted(facts["doc"]) == ["REPORT.TXT", "good.txt"]
    got = {Path(w.message.path).name: w.message.failed for w in rec
           if isinstance(w.message, gm.DocumentWarning)}
    assert got == {"a.doc": False, "b.png": False, "c.pdf": True, "empty.txt": True}


def test_batch_on_error_raise_and_skip(batch):
    with pytest.raises(gm.DocumentError):
        gm.extract(batch, region="咸宁市", on_error="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error", gm.DocumentWarning)
        facts = gm.extract(batch, region="咸宁市", on_error="skip")
    assert len(facts) == 2
    with pytest.raises(gm.DocumentError, match="empty"):  # one file: raise by default
        gm.extract(batch / "empty.txt")
    with pytest.raises(gm.DocumentError, match=r"\.doc"):
        gm.extract(batch / "a.doc")


def test_cli_batch_lists_each_file_and_exits_1(batch, capsys):
    from govmetrics.cli import main

    code = main(["extract", str(batch), "--region", "咸宁市"])
    err = capsys.readouterr().err
    assert code == 1
    assert "skipped:" in err and "a.doc" in err and "b.png" in err
    assert "failed:" in err and "empty.txt" in err and "c.pdf" in err
    assert "REPORT.TXT" not in err


def test_one_set_of_suffix_rules(batch):
    files, skipped = gm.document_paths(batch)
    assert sorted(p.name for p in files) == ["REPORT.TXT", "c.pdf", "empty.txt", "good.txt"]
    assert sorted(Path(s.path).name for s in skipped) == ["a.doc", "b.png"]
    assert gm.document_format("X.HTML")[0] == "html"


# ------------------------------------------------------------------ 12. size cap
def test_size_cap(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(TEXT * 100, encoding="utf-8")
    with pytest.raises(gm.DocumentError, match="over the limit of 1,000 .*max_bytes"):
        gm.extract(p, max_bytes=1000)
    assert len(gm.extract(p, max_bytes=None, region="咸宁市")) == 1
    with pytest.raises(gm.DocumentError, match="max_bytes"):
        gm.extract_text(TEXT * 100, max_bytes=1000)
    from govmetrics.text.read import DEFAULT_MAX_BYTES

    assert DEFAULT_MAX_BYTES == 64_000_000


# ------------------------------------------------------------------ fuzz (a small count)
def test_fuzz_small_count():
    spec = importlib.util.spec_from_file_location("gm_fuzz", ROOT / "benchmarks" / "fuzz.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    n, crashes = fuzz.run(60)
    assert n >= 60 and crashes == 0


def test_adversarial_small_run(capsys):
    spec = importlib.util.spec_from_file_location("gm_adv", ROOT / "benchmarks" / "adversarial.py")
    adv = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(adv)
    assert adv.main(["--sizes", "2000", "--cases", "percent", "surrogates"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert re.fullmatch(r"adversarial: worst \d+\.\d\d s/MB", lines[-1])
    assert [ln.split()[0] for ln in lines[1:3]] == ["percent", "surrogates"]


def test_lone_surrogate_inside_a_quote_is_stored_as_a_replacement_character():
    text = "地区生产总值\ud800增长8%"
    facts = gm.extract_text(text, region="咸宁市", year=2022)
    row = facts.iloc[0]
    assert row["value"] == 8.0 and row["quote"] == "地区生产总值\ufffd增长8%"
    assert len(row["quote"]) == row["char_end"] - row["char_start"]  # offsets still hold


@pytest.mark.parametrize("entry", [gm.extract, gm.unplaced])
@pytest.mark.parametrize("arg, problem", [
    ("某縣2008年政府工作報告\n地區生產總值增長12%左右。" * 20, "not a usable path"),  # too long a name
    ("2008年全县生产总值增长12%左右。", "no such file or directory"),
    ("a\0b.txt", "no such file or directory"),
])
def test_text_given_as_a_path_is_a_one_line_document_error(entry, arg, problem):
    with pytest.raises(gm.DocumentError) as info:
        entry(arg)
    message = str(info.value)
    assert problem in message and "\n" not in message and len(message) < 200
    assert ("use extract_text" in message) == ("。" in arg)


def test_cli_names_text_given_as_a_path_in_one_line(capsys):
    from govmetrics.cli import main
    code = main(["extract", "某縣2008年\n地區生產總值增長8%。" * 30])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "not a usable path" in err
