"""The normalized text and its map back to the original (offsets and edits)."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field

import numpy as np

# ---------------------------------------------------------------------------
# Offset map
# ---------------------------------------------------------------------------


class _MapBuilder:
    """Accumulate contiguous segments of a normalized -> original map."""

    def __init__(self) -> None:
        self.n_starts: array = array("q")
        self.o_starts: array = array("q")
        self.o_ends: array = array("q")
        self.ident: array = array("b")
        self.n_end = 0

    def identity(self, n: int, o: int, length: int) -> None:
        if length <= 0:
            return
        if self.ident and self.ident[-1] and self.o_ends[-1] == o:
            self.o_ends[-1] = o + length
        else:
            self.n_starts.append(n)
            self.o_starts.append(o)
            self.o_ends.append(o + length)
            self.ident.append(1)
        self.n_end = n + length

    def block(self, n: int, length: int, o_start: int, o_end: int) -> None:
        if length <= 0:
            return
        self.n_starts.append(n)
        self.o_starts.append(o_start)
        self.o_ends.append(o_end)
        self.ident.append(0)
        self.n_end = n + length


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text plus a map from normalized to original offsets.

    Parameters
    ----------
    text : str
        The normalized text.
    original : str
        The text that was normalized; offsets from :meth:`to_original` refer to it.

    Examples
    --------
    >>> from govmetrics import normalize
    >>> nt = normalize("全區(qū)增長(zhǎng)8%")
    >>> nt.text
    '全区增长8%'
    >>> a, b = nt.span_to_original(2, 6)
    >>> nt.original[a:b]
    '增長(zhǎng)8%'
    """

    text: str
    original: str
    _n_starts: array | None = field(default=None, repr=False, compare=False)
    _o_starts: array | None = field(default=None, repr=False, compare=False)
    _o_ends: array | None = field(default=None, repr=False, compare=False)
    _ident: array | None = field(default=None, repr=False, compare=False)
    #: ``(start, end, reason)`` spans of the original holding digits that normalization deleted
    removed: tuple[tuple[int, int, str], ...] = field(default=(), repr=False, compare=False)

    @property
    def is_identity_map(self) -> bool:
        """True when every normalized index equals its original index."""
        return self._n_starts is None

    def _check(self, i: int) -> None:
        if not 0 <= i <= len(self.text):
            raise IndexError(f"offset {i} outside 0..{len(self.text)}")

    def _segment(self, i: int) -> int:
        assert self._n_starts is not None
        return bisect_right(self._n_starts, i) - 1

    def to_original(self, i: int) -> int:
        """Map a normalized index to the original index of the same character.

        ``i == len(text)`` maps to ``len(original)``. A character produced by a
        replacement (``3`` from ``三``) maps to the start of the replaced text.

        Examples
        --------
        >>> from govmetrics import normalize
        >>> normalize("会议上PZl\\n会议上PZl\\n会议上PZl\\n").to_original(4)
        7
        """
        self._check(i)
        if i == len(self.text):
            return len(self.original)
        if self._n_starts is None:
            return i
        k = self._segment(i)
        if self._ident[k]:
            return self._o_starts[k] + i - self._n_starts[k]
        return self._o_starts[k]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normalized span to the original span with the same content.

        Removed text that lies inside the span (a joined line break, a
        watermark, a pinyin gloss) is inside the original span too.

        Examples
        --------
        >>> from govmetrics import normalize
        >>> nt = normalize("第三名")
        >>> nt.text, nt.span_to_original(0, 3)
        ('第3名', (0, 3))
        """
        self._check(start)
        self._check(end)
        if end < start:
            raise ValueError(f"span end {end} before start {start}")
        if start == end:
            p = self.to_original(start)
            return p, p
        s = self.to_original(start)
        if self._n_starts is None:
            return s, end
        k = self._segment(end - 1)
        if self._ident[k]:
            e = self._o_starts[k] + (end - 1 - self._n_starts[k]) + 1
        else:
            e = self._o_ends[k]
        return s, max(s, e)


    def spans_to_original(self, starts, ends) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`span_to_original` of many spans at once (arrays of starts and ends).

        Examples
        --------
        >>> from govmetrics import normalize
        >>> nt = normalize("第三名, 第五名")
        >>> [x.tolist() for x in nt.spans_to_original([1, 6], [2, 7])]
        [[1, 6], [2, 7]]
        """
        s = np.asarray(starts, dtype=np.int64)
        e = np.asarray(ends, dtype=np.int64)
        n = len(self.text)
        if s.size and (s.min() < 0 or e.max() > n or (e < s).any()):
            raise IndexError(f"span outside 0..{n} or reversed")
        if self._n_starts is None:
            return s.copy(), e.copy()
        n0 = np.frombuffer(self._n_starts, dtype=np.int64)
        o0 = np.frombuffer(self._o_starts, dtype=np.int64)
        o1 = np.frombuffer(self._o_ends, dtype=np.int64)
        ident = np.frombuffer(self._ident, dtype=np.int8).astype(bool)

        def start_of(i: np.ndarray) -> np.ndarray:
            k = np.searchsorted(n0, np.minimum(i, max(n - 1, 0)), side="right") - 1
            k = np.maximum(k, 0)
            out = np.where(ident[k], o0[k] + i - n0[k], o0[k])
            return np.where(i >= n, len(self.original), out)

        a = start_of(s)
        k = np.maximum(np.searchsorted(n0, np.maximum(e - 1, 0), side="right") - 1, 0)
        b = np.where(ident[k], o0[k] + (e - 1 - n0[k]) + 1, o1[k])
        b = np.where(e == s, a, np.maximum(a, b))
        return a, b


def _apply_edits(nt: NormalizedText, edits: list[tuple[int, int, str]]) -> NormalizedText:
    """Apply sorted, non-overlapping ``(start, end, replacement)`` edits to ``nt.text``."""
    if not edits:
        return nt
    text = nt.text
    parts: list[str] = []
    b = _MapBuilder()
    pos = 0
    npos = 0

    def copy(p: int, q: int, n: int) -> None:
        if q <= p:
            return
        if nt._n_starts is None:
            b.identity(n, p, q - p)
            return
        k = bisect_right(nt._n_starts, p) - 1
        last = len(nt._n_starts)
        while k < last and nt._n_starts[k] < q:
            n0 = nt._n_starts[k]
            n1 = nt._n_starts[k + 1] if k + 1 < last else len(text)
            lo, hi = max(p, n0), min(q, n1)
            if hi > lo:
                if nt._ident[k]:
                    b.identity(n + lo - p, nt._o_starts[k] + lo - n0, hi - lo)
                else:
                    b.block(n + lo - p, hi - lo, nt._o_starts[k], nt._o_ends[k])
            k += 1

    for start, end, repl in edits:
        if start < pos:  # overlapping edit: skip it
            continue
        copy(pos, start, npos)
        parts.append(text[pos:start])
        npos += start - pos
        if repl:
            if end > start:
                o0, o1 = nt.span_to_original(start, end)
            else:
                o0 = o1 = nt.to_original(start)
            b.block(npos, len(repl), o0, o1)
            parts.append(repl)
            npos += len(repl)
        pos = end
    copy(pos, len(text), npos)
    parts.append(text[pos:])
    new_text = "".join(parts)
    if (len(b.n_starts) == 1 and b.ident[0] and b.o_starts[0] == 0
            and b.o_ends[0] == len(nt.original) == len(new_text)):
        return NormalizedText(new_text, nt.original)
    if not b.n_starts:  # everything removed
        return NormalizedText(new_text, nt.original, array("q", [0]), array("q", [0]),
                              array("q", [0]), array("b", [1]))
    return NormalizedText(new_text, nt.original, b.n_starts, b.o_starts, b.o_ends, b.ident)


def _merge(*groups: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Merge edit lists into one sorted list without overlaps (first wins)."""
    out: list[tuple[int, int, str]] = []
    last = -1
    for e in sorted((e for g in groups for e in g), key=lambda e: (e[0], e[1])):
        if e[0] < last:
            continue
        out.append(e)
        last = e[1]
    return out
