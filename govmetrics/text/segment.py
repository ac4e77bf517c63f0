"""Segment normalized text into lines and sentences, keeping offsets.

A *line* is a paragraph as laid out in the source (one ``\\n``-separated
line). A *sentence* ends at 。！？ (or the end of its line); semicolons do not
end a sentence, because 预计 and target cues reach across them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENT_END = re.compile(r"[。！？!?]")
#: an item marker at the start of a line: 1. / 1、 / (一) / 一、 / (1)
ITEM_MARKER = re.compile(
    r"^\s*(?:\d{1,3}[.、．](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])"
)


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
    raw = text[start:end]
    is_item = bool(ITEM_MARKER.match(raw))
    sents: list[Sentence] = []
    s0 = start
    idx = 0
    for m in _SENT_END.finditer(raw):
        e = start + m.end()
        piece = text[s0:e]
        if not piece.isspace():  # never empty: it holds its end mark
            sents.append(Sentence(s0, e, piece, line_no, idx, is_item))
            idx += 1
        s0 = e
    piece = text[s0:end]
    if piece and not piece.isspace():
        sents.append(Sentence(s0, end, piece, line_no, idx, is_item))
    return Line(start, end, raw, line_no, tuple(sents))


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
