"""The statement finder: lines and sentences of a text to drafts and unplaced numbers."""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from itertools import tee
from typing import NamedTuple

import numpy as np

from ..model import Fact, Unplaced
from ..text.normalize.chars import TEXT_BLOCK, decimal_units
from ..text.segment import ITEM_MARKER, Sentence, iter_sentences, line_spans
from .reading import LineState
from .scanner import _DIGITS, Tok, _group_lists, scan
from .sentence import read_sentence
from .shortcuts import _may_inherit, _named_lines, _scan_sentences
from .words import _RELEVANT, _filler_clause, garbled_name

__all__ = ["DigitRuns", "find_statements", "find_statements_and_runs"]


def find_statements(text: str, region: str | None = None,
                    lookup_region=None, *, account: bool = True,
                    spans: list[tuple[int, int]] | None = None,
                    sink: DraftSink | None = None, keep_unplaced: bool = True
                    ) -> tuple[list[Fact], list[Unplaced]]:
    """Find every quantified headline statement in normalized text.

    Parameters
    ----------
    text : str
        Normalized document text.
    region : str, optional
        The document's own region (a figure naming it is about the document).
    lookup_region : callable, optional
        ``name -> canonical name or None``; used to recognise figures about a
        sub-region (咸安区完成地区生产总值…), which get that region.
    account : bool, default True
        List every digit no rule looked at among the unplaced numbers.
    spans : list of (int, int), optional
        The text's line spans, when already computed (the frame keeps them).
    sink : callable, optional
        ``sink(drafts, read_to)`` takes the drafts a batch at a time, as the
        text is read: every later draft's figure starts at or after
        ``read_to`` (the last call has ``read_to=len(text)``). The drafts are
        then not kept, so a long document's drafts need not all be held at
        once; ``facts`` is returned empty.
    keep_unplaced : bool, default True
        Keep the records of the numbers the rules did not place; False when
        only the facts are wanted (``unplaced`` is returned empty).

    Returns
    -------
    facts : list of Fact
        Drafts: what each sentence says (context fields empty where it says
        nothing; :func:`govmetrics.resolve.resolve` fills them).
    unplaced : list of Unplaced
        Every other number token, with a reason.

    Examples
    --------
    >>> facts, _ = find_statements("主要预期目标:地区生产总值增长8%左右。")
    >>> f = facts[0]
    >>> (f.indicator, f.role, f.role_cue, f.year, f.value, f.modifier, f.rule)
    ('gdp', 'target', 'sentence:主要预期目标', None, 8.0, 'about', 'name_then_figure+growth_word')
    """
    st, scanned, read = _read_lines(text, region, lookup_region, spans, sink, keep_unplaced)
    if account and keep_unplaced:
        runs = unread_digits(text, st.facts, st.unplaced, scanned, read)
        st.unplaced.extend(Unplaced(a, b, text[a:b], r) for a, b, r in runs.records())
    return st.facts, st.unplaced


def find_statements_and_runs(text: str, region: str | None = None, lookup_region=None, *,
                             spans: list[tuple[int, int]] | None = None,
                             sink: DraftSink | None = None
                             ) -> tuple[list[Fact], list[Unplaced], DigitRuns]:
    """:func:`find_statements` with the digits no rule looked at as arrays.

    Returns
    -------
    facts, unplaced : list
        As for :func:`find_statements` with ``account=False`` (and ``sink``).
    runs : DigitRuns
        The other digit runs (what ``account=True`` adds to ``unplaced``).
    """
    st, scanned, read = _read_lines(text, region, lookup_region, spans, sink)
    return st.facts, st.unplaced, unread_digits(text, st.facts, st.unplaced, scanned, read)


def _read_lines(text: str, region: str | None, lookup_region,
                spans: list[tuple[int, int]] | None, sink: DraftSink | None = None,
                keep_unplaced: bool = True
                ) -> tuple[LineState, list[tuple[int, int]], array]:
    """Read every line that may hold a fact.

    Returns the state, the spans of the lines scanned and the figure spans of
    the drafts handed to ``sink``, flat (see :func:`find_statements` and
    :func:`unread_digits`).
    """
    st = LineState(keep_unplaced=keep_unplaced)
    drained = array("q")  # start, end of each figure handed to the sink (16 bytes a draft)
    if spans is None:
        spans = line_spans(text)
    # A fact needs a headline indicator named in its line, or (inherited) in the
    # line before: only those lines are segmented and scanned. Other lines only
    # move the section state, and may lend a name to the line after them.
    # A line after a named one matters only through a sentence that can take
    # that name, one that starts with its figure (_may_inherit, a test on the
    # text alone); otherwise it is left unread too.
    named = _named_lines(text, spans)
    live = [named[i] or (i > 0 and named[i - 1] and any(
        _may_inherit(x.text) for x in iter_sentences(text, s, e, i)))
        for i, (s, e) in enumerate(spans)]
    live_lines = [i for i, is_live in enumerate(live) if is_live]
    # the sentences of the live lines, made as they are read: the reading and the
    # batches of tokens (which run up to a batch ahead) each walk them once
    walk, ahead = tee(s for i in live_lines for s in iter_sentences(text, *spans[i], i))
    by_sentence = _Tokens(s for s in ahead if _RELEVANT.search(s.text))
    skipped: list[Sentence] = []
    pending: tuple[int, int, int] | None = None  # the line before, when it was not scanned
    line_no = -1
    for sent in walk:
        if sent.line_no != line_no:  # a new line
            line_no = i = sent.line_no
            st.line_period = None
            st.line_period_cue = ""
            if i > 0 and not live[i - 1]:
                skipped.clear()
                pending = (*spans[i - 1], i - 1)
            else:
                pending = None
        toks = by_sentence.take(sent.start)
        if toks is None:
            skipped.append(sent)  # no figure and no state: scanned only if needed
            continue
        if sent.index_in_line == 0 and sent.line_is_item:
            m = ITEM_MARKER.match(sent.text)  # 1. / (一): not a figure
            cut = sent.start + (m.end() if m else 0)
            toks = [t for t in toks if t.start >= cut]
        _group_lists(toks)
        kinds = {t.kind for t in toks}
        inherit = "ind" not in kinds and _can_inherit(sent, text, toks)
        if inherit:
            _lend_name(text, sent, skipped, pending, st)
        skipped.clear()
        read_sentence(sent, text, region, st, lookup_region, toks, inherit, kinds)
        if sink is not None and len(st.facts) >= SINK_DRAFTS:
            _drain(st, sink, sent.end, drained)
    if sink is not None:
        _drain(st, sink, len(text), drained)
    return st, [spans[i] for i in live_lines], drained


#: drafts gathered before they go to the sink (:func:`find_statements`)
SINK_DRAFTS = 256
#: ``sink(drafts, read_to)``: see :func:`find_statements`
DraftSink = Callable[[list[Fact], int], None]


def _drain(st: LineState, sink: DraftSink, read_to: int, drained: array) -> None:
    """Hand the drafts gathered so far to ``sink``, keeping only their figure spans."""
    for f in st.facts:
        drained.append(f.value_start)
        drained.append(f.value_end)
    facts, st.facts = st.facts, []
    sink(facts, read_to)


class _Tokens:
    """The tokens of the relevant sentences, scanned a batch at a time as the reading asks.

    A batch holds sentences up to :data:`BATCH_CHARS` characters (at least
    one sentence), drawn from ``sentences`` as they are needed; a sentence's
    tokens are dropped once taken, so memory holds one batch's sentences and
    tokens, not a document's. Scanning sentences apart or joined gives the
    same tokens (:func:`~govmetrics.statements.shortcuts._scan_sentences`).
    """

    def __init__(self, sentences: Iterator[Sentence]) -> None:
        self.sentences = sentences
        self.head: Sentence | None = next(sentences, None)  # the first sentence not scanned yet
        self.batch: dict[int, list[Tok]] = {}

    def take(self, start: int) -> list[Tok] | None:
        """The tokens of the relevant sentence starting at ``start``; None if it is not one.

        Sentences are asked for in order of start.
        """
        got = self.batch.pop(start, None)
        while got is None and self.head is not None and self.head.start <= start:
            batch, chars = [self.head], len(self.head.text)
            self.head = next(self.sentences, None)
            while self.head is not None and chars + len(self.head.text) <= BATCH_CHARS:
                batch.append(self.head)
                chars += len(self.head.text)
                self.head = next(self.sentences, None)
            self.batch = _scan_sentences(batch)
            got = self.batch.pop(start, None)
        return got


#: the characters of sentences scanned in one batch (:class:`_Tokens`)
BATCH_CHARS = 1 << 12


def _lend_name(text: str, sent: Sentence, skipped: list[Sentence],
               pending: tuple[int, int, int] | None, st: LineState) -> None:
    """Set ``st.last_ind`` from sentences that were not scanned, when one names something.

    ``skipped`` are the unscanned sentences since the last scanned one;
    ``pending`` is the last line that was not scanned at all.
    """
    for ps in reversed(skipped):
        if ps.line_no < sent.line_no - 1:
            return
        names = [t for t in scan(ps.text, ps.start) if t.kind == "ind"]
        if names:
            st.last_ind, st.last_ind_line = names[-1], ps.line_no
            return
    if pending is not None and pending[2] >= sent.line_no - 1 and st.last_ind_line < pending[2]:
        s, e, no = pending
        names = [t for t in scan(text[s:e], s) if t.kind == "ind"]
        if names:
            st.last_ind, st.last_ind_line = names[-1], no



def _digit_runs(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the matches of ``_DIGITS`` in ``text``, vectorised.

    ``\\d+(?:\\.\\d+)?`` from left to right: digit runs, each joined with
    the next when a single ``.`` separates them, unless it was itself joined
    to the run before (``1.2.3`` is ``1.2`` and ``3``).
    """
    u = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if u.size and int(u.max()) > 0xFFFF:  # astral digits exist: let the regex decide
        spans = [m.span() for m in _DIGITS.finditer(text)]
        arr = np.array(spans, dtype=np.int64).reshape(-1, 2)
        return arr[:, 0], arr[:, 1]
    d = np.zeros(u.size + 2, dtype=bool)
    d[1:-1] = decimal_units().take(u)
    edges = np.flatnonzero(d[1:] != d[:-1])
    rs, re_ = edges[0::2], edges[1::2]
    if rs.size < 2:
        return rs, re_
    gap = re_[:-1]
    joinable = (rs[1:] == gap + 1) & (u[gap] == ord("."))
    # in a chain of joinable runs only every other join is taken (greedy from the left)
    j = np.concatenate([[False], joinable, [False]])
    chain_start = np.flatnonzero(j[1:] & ~j[:-1])  # first joinable index of each chain
    first = np.zeros(joinable.size, dtype=np.int64)
    first[chain_start] = chain_start
    first = np.maximum.accumulate(first)
    join = joinable & ((np.arange(joinable.size) - first) % 2 == 0)
    consumed = np.concatenate([[False], join])  # the right-hand run of a join
    join = np.concatenate([join, [False]])
    keep = ~consumed
    ends = np.where(join, np.concatenate([re_[1:], [0]]), re_)
    return rs[keep], ends[keep]


class DigitRuns(NamedTuple):
    """Digit runs no rule looked at, as arrays (a text can hold hundreds of thousands).

    ``start`` and ``end`` are spans in the normalized text; ``reason`` indexes
    :data:`RUN_REASONS`: 0 for a run in a scanned line (a date or an item
    number), 1 for one in a line that names no headline indicator, 2 for one
    after a name that noise has broken (never inherited).
    """

    start: np.ndarray
    end: np.ndarray
    reason: np.ndarray

    def records(self) -> Iterator[tuple[int, int, str]]:
        """``(start, end, reason)`` of each run."""
        names = [RUN_REASONS[k] for k in self.reason.tolist()]
        return zip(self.start.tolist(), self.end.tolist(), names)


#: The reasons of :class:`DigitRuns`, by index.
RUN_REASONS = ("marker_or_name", "no_headline_indicator", "unreadable_name")


#: A character that no digit run reaches across (not a digit, not ``.``).
_RUN_BREAK = re.compile(r"[^\d.]")


def _run_chunks(text: str, size: int = TEXT_BLOCK) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """:func:`_digit_runs` of ``text`` a piece at a time: ``(offset, starts, ends)``.

    Pieces of about ``size`` characters end before a character no run
    reaches across, so the runs are those of the whole text; the
    temporaries stay the size of a piece.
    """
    pos = 0
    while pos < len(text):
        m = _RUN_BREAK.search(text, pos + size) if pos + size < len(text) else None
        cut = m.start() if m else len(text)
        at, to = _digit_runs(text[pos:cut])
        yield pos, at + pos, to + pos
        pos = cut


def unread_digits(text: str, facts: list[Fact], unplaced: list[Unplaced],
                  scanned: list[tuple[int, int]], fact_spans: Sequence[int] = ()
                  ) -> DigitRuns:
    """Every digit run that is neither a fact's figure nor already unplaced.

    ``scanned`` are the spans of the lines that were scanned; a digit outside
    them is in a line that names no headline indicator. ``fact_spans``: the
    figure spans of drafts no longer held (handed to a sink), flat (start,
    end, start, end …). The lookups are
    vectorised, a piece of the text at a time, and the runs stay arrays: no
    Python object per number.
    """
    held = [(f.value_start, f.value_end) for f in facts] + [(u.start, u.end) for u in unplaced]
    c = np.concatenate([np.array(held, dtype=np.int64).reshape(-1, 2),
                        np.asarray(fact_spans, dtype=np.int64).reshape(-1, 2)])
    c = c[np.lexsort((c[:, 1], c[:, 0]))]  # by start, then end
    ls = np.array(scanned, dtype=np.int64).reshape(-1, 2)
    pairs = np.fromiter((m.start() for m in _NOISE_PAIR.finditer(text)), dtype=np.int64)
    # the pieces hold their runs as 32-bit offsets (a text under 2**31 characters), the
    # joined runs as int64 (the type of the unplaced table: it takes them without a copy)
    held = np.int32 if len(text) < 2**31 else np.int64
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for _, at, to in _run_chunks(text):
        keep = ~_inside(at, c)
        at, to = at[keep], to[keep]
        reason = (~_inside(at, ls)).astype(np.int8)
        reason[_unreadable(text, at, reason == 1, pairs)] = 2
        parts.append((at.astype(held), to.astype(held), reason))
    return _joined_runs(parts)


def _joined_runs(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> DigitRuns:
    """The runs of the pieces as one :class:`DigitRuns`, each piece let go once copied."""
    n = sum(p[0].size for p in parts)
    out = DigitRuns(np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int8))
    parts.reverse()
    at = 0
    while parts:
        piece = parts.pop()
        for column, values in zip(out, piece):
            column[at:at + values.size] = values
        at += piece[0].size
    return out


def _inside(at: np.ndarray, spans: np.ndarray) -> np.ndarray:
    """Whether each position ``at`` lies in one of the sorted ``spans`` (rows of start, end)."""
    if not spans.size:
        return np.zeros(at.size, dtype=bool)
    i = np.searchsorted(spans[:, 0], at, side="right") - 1
    return (i >= 0) & (at < spans[np.maximum(i, 0), 1])


#: A headline character followed by one that can be noise inside a name
#: (what every match of ``words._BROKEN_RUN`` starts with).
_NOISE_PAIR = re.compile(r"[\u4e00-\u9fff](?=[^\u4e00-\u9fff\d\s，。、；：！？,.;:!?%（）()“”\"])")


def _unreadable(text: str, at: np.ndarray, outside: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Which runs outside the scanned lines follow a name that noise has broken.

    The clause before the run (up to 40 characters, from the last 。) is
    tested with :func:`garbled_name`; only runs with one of the ``pairs``
    (positions of :data:`_NOISE_PAIR`) in those 40 characters are tested at all.
    """
    out = np.zeros(at.size, dtype=bool)
    cand = np.flatnonzero(outside)
    if not cand.size or not pairs.size:
        return out
    a = at[cand]
    has = (np.searchsorted(pairs, a - 2, side="left")
           > np.searchsorted(pairs, np.maximum(a - 40, 0), side="left"))
    for k, x in zip(cand[has].tolist(), a[has].tolist()):
        out[k] = garbled_name(text[max(0, x - 40): x].rsplit("。", 1)[-1])
    return out


def _can_inherit(sent: Sentence, text: str, toks: list[Tok]) -> bool:
    """A sentence with no indicator may inherit one if it starts with its figure.

    Starts with its figure: only markers, verbs and cue words (the same filler
    as :func:`_filler_clause`) stand before the first figure.
    """
    first = next((t for t in toks if t.kind in ("num", "range", "rank", "ind")), None)
    if first is None or first.kind == "ind":
        return False
    return _filler_clause(text, sent.start, first.start, toks)


