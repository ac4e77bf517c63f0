"""Segment normalized text into lines and sentences, keeping offsets.

A *line* is a paragraph as laid out in the source (one ``\\n``-separated
line). A *sentence* ends at 。！？ (or the end of its line); semicolons do not
end a sentence, because 预计 and target cues reach across them. A sentence
longer than :data:`MAX_SENTENCE` characters (text that lost its sentence
marks, a page of figures on one line) is read in pieces, each cut after a
figure's unit, else after a clause mark, else after a figure, else where the
limit falls: the longest sentence of the seed and evaluation documents has
under 500 characters, and one reading of a sentence holds all its tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_SENT_END = re.compile(r"[。！？!?]")
#: the longest sentence read as one (see the module's docstring)
MAX_SENTENCE = 2000
#: where an over-long sentence is cut, best first: after a figure's whole unit (8%,
#: 320亿元, 3万人; never between 万 and 元), after a clause mark, after a figure
_CUTS = (re.compile(r"\d\s*(?:%|[万亿千]*[元人个户]|[万亿](?![万亿千元人个户]))"),
         re.compile(r"[,，;；、:：\s]"), re.compile(r"\d(?![\d.,])"))
#: an item marker at the start of a line: 1. / 1、 / (一) / 一、 / (1)
_ITEM = r"\s*(?:\d{1,3}[.、．](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])"
ITEM_MARKER = re.compile("^" + _ITEM)
#: the same marker matched where a line starts inside the text (``match(text, start, end)``)
_ITEM_AT = re.compile(_ITEM)


@dataclass(slots=True)
class Sentence:
    """One sentence of a document.

    Attributes
    ----------
    start, end : int
        Half-open span in the normalized text.
    text : str
        The sentence (normalized).
    line_no : int
        Index of the line (paragraph) that holds it.
    index_in_line : int
        0 for the first sentence of its line.
    line_is_item : bool
        The line starts with an item marker (``1.``, ``(一)``, ``一、``).
    """

    start: int
    end: int
    text: str
    line_no: int
    index_in_line: int
    line_is_item: bool


@dataclass(slots=True)
class Line:
    """One line (paragraph) with its span and its sentences."""

    start: int
    end: int
    text: str
    line_no: int
    sentences: tuple[Sentence, ...]


def line_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text`` (half-open, without the ``\\n``).

    Examples
    --------
    >>> line_spans("一、目标\\n\\n增长8%")
    [(0, 4), (6, 10)]
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        if raw and not raw.isspace():
            out.append((pos, end))
        pos = end + 1
    return out


def segment_line(text: str, start: int, end: int, line_no: int) -> Line:
    """Split one line ``text[start:end]`` into its sentences.

    Examples
    --------
    >>> [s.text for s in segment_line("增长8%。下降1%", 0, 9, 0).sentences]
    ['增长8%。', '下降1%']
    """
    return Line(start, end, text[start:end], line_no,
                tuple(iter_sentences(text, start, end, line_no)))


def iter_sentences(text: str, start: int, end: int, line_no: int) -> Iterator[Sentence]:
    """The sentences of the line ``text[start:end]``, made one at a time as they are asked for.

    What :func:`segment_line` gives, without holding them all: a line that
    lost its sentence marks can hold tens of thousands.

    Examples
    --------
    >>> [s.index_in_line for s in iter_sentences("增长8%。下降1%", 0, 9, 0)]
    [0, 1]
    """
    is_item = _ITEM_AT.match(text, start, end) is not None
    idx = 0
    s0 = start
    for e in _sentence_ends(text, start, end):
        for a, b in _pieces(text, s0, e):
            piece = text[a:b]
            if piece and not piece.isspace():  # never empty: it holds its end mark
                yield Sentence(a, b, piece, line_no, idx, is_item)
                idx += 1
        s0 = e


def _sentence_ends(text: str, start: int, end: int) -> Iterator[int]:
    """Where the sentences of the line ``text[start:end]`` end: after each mark, and at its end."""
    last = start
    for m in _SENT_END.finditer(text, start, end):
        last = m.end()
        yield last
    if last != end:  # text after the last mark (or a line without one)
        yield end


def _pieces(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` as one span, or cut into spans of at most :data:`MAX_SENTENCE` characters.

    Each cut falls in the second half of the limit, at the last place the
    first of :data:`_CUTS` that matches there allows.

    Examples
    --------
    >>> [b - a for a, b in _pieces("增长8%" * 1000, 0, 4000)]
    [2000, 2000]
    """
    out: list[tuple[int, int]] = []
    while e - s > MAX_SENTENCE:
        lo, hi = s + MAX_SENTENCE // 2, s + MAX_SENTENCE
        cut = hi
        for rx in _CUTS:
            # a few characters past the limit, so that a unit's look-ahead sees what follows
            ends = [m.end() for m in rx.finditer(text, lo, min(e, hi + 8)) if m.end() <= hi]
            if ends:
                cut = ends[-1]
                break
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out


def split_lines(text: str) -> list[Line]:
    """Split normalized text into lines and sentences.

    Parameters
    ----------
    text : str
        Normalized document text.

    Returns
    -------
    list of Line
        Non-blank lines in order, each with its sentences.

    Examples
    --------
    >>> lines = split_lines("一、目标\\n1.地区生产总值增长8%。1-9月,增长4.4%。")
    >>> [s.text for s in lines[1].sentences]
    ['1.地区生产总值增长8%。', '1-9月,增长4.4%。']
    """
    return [segment_line(text, s, e, i) for i, (s, e) in enumerate(line_spans(text))]
