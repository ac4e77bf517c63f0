"""Reading a document a batch at a time gives what reading it at once gives.

The statement finder scans sentences a batch at a time (``finder._Tokens``),
hands its drafts to the pipeline's sink in batches (``pipeline._RowSink``),
and reads an over-long sentence in pieces (``segment._pieces``), so that a
large document's tokens and drafts are never all held at once. Each is
checked here against its plain definition.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from govmetrics import document_from_text, read_document
from govmetrics.model import Fact
from govmetrics.resolve import resolve, settle_milestones
from govmetrics.text.segment import MAX_SENTENCE, _pieces, segment_line

finder = importlib.import_module("govmetrics.statements.finder")
pipeline = importlib.import_module("govmetrics.pipeline")
extract_mod = importlib.import_module("govmetrics.extract")

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted(p for p in (ROOT / "data" / "raw").iterdir() if p.suffix == ".txt")
_MILESTONES = [c["text"] for c in json.loads(
    (ROOT / "tests" / "cases" / "phrasings" / "clauses.json").read_text(encoding="utf-8"))
    if "milestone" in c["id"]]


def _plain_rows(doc):
    """Rows and records of the pipeline on all the drafts at once (no sink, no batches)."""
    fr = pipeline._frame_of(doc, {})
    drafts, missed = finder.find_statements(doc.text, fr.region, pipeline._region_name,
                                            account=False, spans=fr.line_spans)
    facts, dropped = resolve(drafts, fr)
    for u in dropped:
        u.text = doc.text[u.start:u.end]
    rows = pipeline._fact_rows(doc, fr, facts, dropped)
    return rows, sorted((u.start, u.end, u.reason) for u in missed + dropped)


def _streamed_rows(doc):
    rows, records, _ = pipeline._extract_rows(doc)
    runs = {"not_in_a_headline_line", "no_indicator_or_cue", "unreadable_name"}
    return rows, sorted((u.start, u.end, u.reason) for u in records if u.reason not in runs)


def _documents():
    texts = [p.read_text(encoding="utf-8") for p in DOCS]
    texts += ["\n".join(_MILESTONES * 3), "。".join(_MILESTONES) * 40]
    return [document_from_text(t, name=f"doc{i}.txt") for i, t in enumerate(texts)]


@pytest.mark.parametrize("batch", [1, 7, 1 << 14])
def test_batches_give_what_one_reading_gives(monkeypatch, batch):
    # one sentence and one draft per batch is the hardest case for the carried state
    monkeypatch.setattr(finder, "BATCH_CHARS", batch)
    monkeypatch.setattr(finder, "SINK_DRAFTS", 1 if batch < 100 else 256)
    for doc in _documents():
        rows, records = _plain_rows(doc)
        got_rows, got_records = _streamed_rows(doc)
        assert got_rows == rows, doc.name
        assert [r for r in got_records if r in set(records)] == records, doc.name


def test_the_sink_takes_every_draft_once():
    doc = read_document(DOCS[0])
    fr = pipeline._frame_of(doc, {})
    seen: list[tuple[int, int]] = []
    calls: list[int] = []

    def sink(drafts, read_to):
        assert all(d.value_start < read_to for d in drafts)
        seen.extend((d.value_start, d.value_end) for d in drafts)
        calls.append(read_to)

    facts, _ = finder.find_statements(doc.text, fr.region, spans=fr.line_spans, sink=sink)
    plain, _ = finder.find_statements(doc.text, fr.region, spans=fr.line_spans)
    assert facts == [] and seen == [(f.value_start, f.value_end) for f in plain]
    assert calls[-1] == len(doc.text) and calls == sorted(calls)


def _fact(value_start: int, rule: str, value: float) -> Fact:
    return Fact("industrial_value_added", "actual", "level", value, 12, 2007, modifier="point",
                value_start=value_start, value_end=value_start + 4, rule=rule)


def test_a_milestone_waits_for_its_exact_figure():
    mile = _fact(10, "name_then_figure+money_level+milestone", 1200)
    exact = _fact(100, "name_then_figure+money_level", 1213)
    kept, dropped, pending = settle_milestones([mile], read_to=50)
    assert (kept, dropped, pending) == ([], [], [mile])  # its exact figure may still come
    kept, dropped, pending = settle_milestones([mile, exact], read_to=1000)
    assert kept == [exact] and [u.reason for u in dropped] == ["milestone_with_exact_figure"]
    kept, _, pending = settle_milestones([mile], read_to=1000)
    assert kept == [mile] and pending == []  # none came within reach


def test_records_are_not_kept_when_only_facts_are_wanted():
    doc = read_document(DOCS[0])
    rows, records, runs = pipeline._extract_rows(doc, account=False)
    assert rows == _plain_rows(doc)[0] and records == [] and runs is None


def test_an_over_long_sentence_is_cut_after_a_figure():
    text = "地区生产总值增长8%" * 400  # 4,000 characters, no sentence mark
    spans = _pieces(text, 0, len(text))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b - a <= MAX_SENTENCE for a, b in spans)
    assert all(text[b - 1] == "%" for a, b in spans)
    assert all(a == b0 for (_, b0), (a, _) in zip(spans, spans[1:]))


def test_cuts_fall_back_to_clause_marks_then_the_limit():
    clauses = "全面推进乡村振兴战略," * 300
    assert all(clauses[b - 1] == "," for _, b in _pieces(clauses, 0, len(clauses))[:-1])
    plain = "全面推进乡村振兴战略" * 300
    assert [b - a for a, b in _pieces(plain, 0, len(plain))] == [2000, 1000]


def test_sentences_of_real_length_are_not_cut():
    for path in DOCS:
        text = read_document(path).text
        start = 0
        for i, line in enumerate(text.split("\n")):
            sents = segment_line(text, start, start + len(line), i).sentences
            assert all(len(s.text) <= MAX_SENTENCE for s in sents)
            assert "".join(s.text for s in sents).strip() == line.strip() or not line.strip()
            start += len(line) + 1


def test_a_dense_line_gives_its_facts_across_the_cuts():
    text = "地区生产总值增长8%,一般公共预算收入增长6%" * 300  # one line of 7,500 characters
    facts = extract_mod.extract_text(text, region="咸宁市", year=2022, kind="progress_bulletin")
    assert sorted(facts.indicator) == ["gdp", "general_budget_revenue"]  # repeats are one row each
    un = extract_mod.unplaced(_write(text))
    assert (un.reason == "repeats_an_earlier_fact").sum() == 598


def _write(text: str) -> Path:
    import tempfile

    p = Path(tempfile.mkdtemp()) / "dense.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_cut_never_splits_a_unit():
    # 8万|元 would leave 元 alone: the cut takes the whole unit, also at the window's edge
    for lead in range(0, 12):
        text = "全" * lead + "增加8万元" * 800
        for _, b in _pieces(text, 0, len(text))[:-1]:
            assert text[b - 1] == "元", (lead, text[b - 3:b + 2])


def test_a_2008_county_relay_in_traditional_script_on_one_line():
    # a news site that dropped every sentence mark: the facts survive the cuts
    line = "據縣統計局消息,2008年全縣完成地區生產總值12.5億元,同比增長13.2%,農民人均純收入4860元"
    facts = extract_mod.extract_text(line * 120, region="和县", year=2008,
                                     kind="progress_bulletin")
    got = sorted(zip(facts.indicator, facts.measure, facts.value))
    assert got == [("gdp", "growth_pct", 13.2), ("gdp", "level", 1.25e9),
                   ("rural_disposable_income", "level", 4860.0)]


def test_a_giant_line_is_segmented_as_it_is_read(monkeypatch):
    """The sentences of a line are made as the reading reaches them, a batch ahead at most:
    a line that lost its sentence marks is never held as all its sentences at once."""
    made, read, lead = [0], [0], [0]
    plain_sentences = finder.iter_sentences
    plain_read = finder.read_sentence

    def counted_sentences(*args):
        for s in plain_sentences(*args):
            made[0] += 1
            lead[0] = max(lead[0], made[0] - read[0])
            yield s

    def counted_read(*args, **kwargs):
        read[0] += 1
        return plain_read(*args, **kwargs)

    monkeypatch.setattr(finder, "iter_sentences", counted_sentences)
    monkeypatch.setattr(finder, "read_sentence", counted_read)
    line = "地区生产总值增长8%。" * 5000  # one line of 5,000 sentences of 11 characters
    finder.find_statements(line, account=False)
    assert read[0] == 5000
    assert lead[0] <= finder.BATCH_CHARS // 11 + 2  # one batch of tokens ahead, not the line


def test_the_unread_digit_runs_are_those_of_the_plain_regex():
    """Digit runs joined from pieces (32-bit offsets) are the regex's runs, in order."""
    text = ("8%" * 3000 + "\n第1.2.3项" + "增长12.5%。" * 2000) * 2
    runs = finder.unread_digits(text, [], [], [])
    plain = [m.span() for m in finder._DIGITS.finditer(text)]
    assert list(zip(runs.start.tolist(), runs.end.tolist())) == plain


@pytest.mark.parametrize("line", [
    "增长8%。下降1%", "(一)增长8%！", "  1、增长8%。\t", "。。", "无标点的一行", " ",
    "一、" + "增长8%" * 700 + "。下降1%",  # a piece cut out of an over-long sentence
])
def test_sentences_one_at_a_time_are_the_split_of_the_line(line):
    """Sentences made one at a time: each ends after 。！？ or at the line's end, pieces of an
    over-long one as :func:`_pieces` cuts them, blank ones left out, the item mark of the line."""
    text = "前一行\n" + line + "\n后一行"
    start, end = 4, 4 + len(line)
    ends = [start + m.end() for m in re.finditer("[。！？!?]", line)]
    ends += [end] if not ends or ends[-1] != end else []
    spans = [p for a, b in zip([start, *ends], ends) for p in _pieces(text, a, b)]
    spans = [(a, b) for a, b in spans if text[a:b].strip()]
    item = re.match(r"\s*(?:\d{1,3}[.、．](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]|"
                    r"[一二三四五六七八九十]{1,3}[、.．])", line) is not None
    got = list(finder.iter_sentences(text, start, end, 1))
    assert [(s.start, s.end) for s in got] == spans
    assert [s.index_in_line for s in got] == list(range(len(spans)))
    assert all(s.line_is_item == item for s in got)
    assert [s.text for s in got] == [text[a:b] for a, b in spans]
