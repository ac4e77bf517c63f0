"""Normalize document text while keeping a map back to the original.

:func:`normalize` applies, in order:

0. removal of invisible characters (zero-width spaces and joiners, the
   byte-order mark, the soft hyphen, direction marks) and of carriage returns,
   so that ``1\u200b2%`` reads ``12%`` and CRLF text normalizes like LF text
   (text with CR-only line ends, classic Mac OS, reads as one line);
1. traditional -> simplified script (OpenCC ``t2s``), only on lines that hold
   traditional-only characters, always character-for-character (1:1 length);
2. full-width -> half-width for digits, Latin letters, ``%`` ``.`` ``+`` ``-``
   ``/`` ``~``, parentheses, colon, semicolon and comma, and the ideographic
   space (1:1 length). The normalized form is therefore ``(`` ``)`` ``:`` ``;``
   ``,`` - the form the seeds already use; ``。`` ``、`` ``！`` ``？`` stay;
3. removal of inline pinyin glosses (``全區(qū)`` -> ``全区``);
4. removal of recurring watermark tokens that end many lines of PDF-extracted
   text (``...会议上PZl``);
5. joining of hard line wraps in documents with a clear fixed wrap width
   (``固定资产投资增\\n长11.5%`` -> ``固定资产投资增长11.5%``);
6. Chinese numerals that carry figures become Arabic: ranks (``全市第三名`` ->
   ``全市第3名``), amounts before a measure unit (``三万人`` -> ``3万人``) and
   ``百分之五`` -> ``5%``. Names and ordinals (一季度, 十四五, 一是, 第一产业)
   are left alone.

Every normalized index maps back to an index of the original text through a
compact piecewise map (sorted breakpoints, bisect), so that spans found in the
normalized text can be quoted from the original. Digits that a step deletes
(a watermark token such as ``hd9``) are listed in
:attr:`NormalizedText.removed`, so that no number goes unaccounted.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from .patterns import is_literal, trie_regex

__all__ = ["NormalizedText", "normalize", "to_simplified", "has_traditional"]


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


# ---------------------------------------------------------------------------
# Vocabulary data
# ---------------------------------------------------------------------------


def _read_data_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("govmetrics").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def _ascii_terms() -> frozenset[str]:
    """ASCII units and abbreviations that are never watermarks (``ascii_terms.csv``)."""
    return frozenset(r["term"].lower() for r in _read_data_csv("ascii_terms.csv"))


@cache
def _numeral_units() -> tuple[str, ...]:
    """Measure units before which Chinese numerals become Arabic (``numeral_units.csv``)."""
    return tuple(sorted((r["unit"] for r in _read_data_csv("numeral_units.csv")),
                        key=len, reverse=True))


# ---------------------------------------------------------------------------
# Step 1: traditional -> simplified
# ---------------------------------------------------------------------------


@cache
def _converter():  # noqa: ANN202 - opencc has no type stubs
    import opencc

    for config in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(config)
        except Exception:  # noqa: BLE001 - config naming differs between builds
            continue
    raise RuntimeError("OpenCC t2s configuration not found")


@cache
def _traditional_chars() -> str:
    """The characters of U+3400..U+9FFF that OpenCC t2s changes one-for-one."""
    chars = "".join(chr(i) for i in range(0x3400, 0xA000))
    out = _converter().convert("\n".join(chars)).split("\n")
    return "".join(a for a, s in zip(chars, out) if len(s) == 1 and s != a)


@cache
def _traditional_re() -> re.Pattern[str]:
    """A character class of :func:`_traditional_chars`."""
    return re.compile("[" + re.escape(_traditional_chars()) + "]")


_TRAD, _WIDE, _HAN, _NUMERAL, _UNIT_HEAD, _INVISIBLE, _VARIANT, _MYRIAD = 1, 2, 4, 8, 16, 32, 64, 128

#: Characters step 0 deletes: zero-width space, non-joiner, joiner, direction
#: marks and embeddings, word joiner, invisible operators, BOM, soft hyphen, CR.
_INVISIBLE_CHARS = ("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u00ad\r")
_INVISIBLE_RE = re.compile("[" + _INVISIBLE_CHARS + "]+")


@cache
def _char_flags() -> np.ndarray:
    """Flags of every UTF-16 code unit, a lookup table for whole-text checks.

    ``_TRAD``: a traditional-only character (:func:`_traditional_chars`);
    ``_WIDE``: a character step 2 makes half-width; ``_HAN``: a CJK character
    (U+3400..U+4DBF, U+4E00..U+9FFF); ``_NUMERAL``: a character of a Chinese
    numeral (step 6, ``点`` included); ``_UNIT_HEAD``: the first character of
    a measure unit of step 6; ``_INVISIBLE``: a character step 0 deletes;
    ``_VARIANT``: a variant character of step 1a (:func:`_variant_table`);
    ``_MYRIAD``: 万 or 亿 (inside a compound numeral of step 6).
    Surrogates are flagged 0.
    """
    def units(chars: str) -> np.ndarray:
        return np.frombuffer(chars.encode("utf-16-le"), dtype=np.uint16)

    flags = np.zeros(0x10000, dtype=np.uint8)
    flags[0x3400:0x4DC0] |= _HAN
    flags[0x4E00:0xA000] |= _HAN
    flags[units(_traditional_chars())] |= _TRAD
    flags[units(_FULLWIDTH_CHARS)] |= _WIDE
    flags[units(_NUM + "点")] |= _NUMERAL
    flags[units("".join(u[0] for u in _numeral_units()))] |= _UNIT_HEAD
    flags[units(_INVISIBLE_CHARS)] |= _INVISIBLE
    flags[[cp for cp in _variant_table() if cp < 0xD800 or 0xDFFF < cp <= 0xFFFF]] |= _VARIANT
    flags[units("万亿")] |= _MYRIAD
    return flags


_recent_flags: tuple[tuple[str, np.ndarray], ...] = ()


def _flags(text: str) -> np.ndarray:
    """The :func:`_char_flags` of each UTF-16 code unit of ``text``, in one vectorised pass.

    The flags of the last two texts asked for are kept: reading a document
    asks for its text and its normalized text several times (script, width,
    numerals; 27 asks for the five seed documents), and without the cache
    reading them takes about 15% longer (measured). The cache is keyed by
    identity and holds the text itself, so an id cannot be reused while its
    entry lives.
    """
    global _recent_flags
    for last, flags in _recent_flags:
        if text is last:
            return flags
    # take: a plain gather, about twice as fast as fancy indexing
    # surrogatepass: a lone surrogate (possible in a Python str) is one code unit
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    flags = _char_flags().take(units)
    _recent_flags = ((text, flags), *_recent_flags[:1])
    return flags


def _present(text: str) -> int:
    """The union of the flags of the characters of ``text``."""
    return int(np.bitwise_or.reduce(_flags(text))) if text else 0


def count_traditional(text: str, limit: int | None = None) -> tuple[int, int]:
    """Traditional-only characters and CJK characters in ``text[:limit]``, counted in one pass.

    Examples
    --------
    >>> count_traditional("咸寧市經濟, 2021")
    (3, 5)
    >>> count_traditional("咸寧市經濟, 2021", limit=3)
    (1, 3)
    """
    f = _flags(text)  # of the whole text: kept for the other steps that ask
    if limit is not None and limit < len(text):
        f = f[:limit] if f.size == len(text) else _flags(text[:limit])
    return int(np.count_nonzero(f & _TRAD)), int(np.count_nonzero(f & _HAN))


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a traditional-only character.

    Examples
    --------
    >>> has_traditional("咸寧市"), has_traditional("咸宁市")
    (True, False)
    """
    if len(text) < 256:  # a regex is quicker on short strings
        return _traditional_re().search(text) is not None
    return bool(_present(text) & _TRAD)


def _opencc(s: str) -> str | None:
    """OpenCC t2s of ``s``; None for a string holding a lone surrogate (OpenCC reads UTF-8)."""
    try:
        return _converter().convert(s)
    except UnicodeEncodeError:
        return None


def _convert_same_length(chunk: str) -> str:
    """OpenCC t2s of ``chunk``, line by line and then character by character where
    a conversion would change the length (or cannot be made)."""
    conv = _opencc(chunk)
    if conv is not None and len(conv) == len(chunk):
        return conv
    lines = chunk.splitlines(keepends=True)
    if len(lines) > 1:
        return "".join(map(_convert_same_length, lines))
    out = []
    for ch in chunk:
        c = _opencc(ch)
        out.append(c if c is not None and len(c) == 1 else ch)
    return "".join(out)


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified, keeping the length unchanged.

    Only lines holding traditional-only characters are converted, so simplified
    text is returned as is (and fast).

    Examples
    --------
    >>> to_simplified("咸寧市經濟")
    '咸宁市经济'
    """
    if not has_traditional(text):
        return text
    pat = _traditional_re()
    parts: list[str] = []
    size = 1 << 16
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        if end < len(text):
            nl = text.find("\n", end)
            end = len(text) if nl < 0 else nl + 1
        chunk = text[pos:end]
        parts.append(_convert_same_length(chunk) if pat.search(chunk) else chunk)
        pos = end
    return "".join(parts)


# ---------------------------------------------------------------------------
# Step 2: full-width -> half-width
# ---------------------------------------------------------------------------

_FULLWIDTH_CHARS = ("０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
                    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％．＋－／～（）：；，\u3000")
_FULLWIDTH = {ord(c): (" " if c == "\u3000" else chr(ord(c) - 0xFEE0)) for c in _FULLWIDTH_CHARS}


# ---------------------------------------------------------------------------
# Step 3: pinyin glosses
# ---------------------------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_RE = re.compile(rf"\((?<=[{_CJK}]\()[a-zü]*[{_TONED}][a-zü{_TONED}]*\)")


def _pinyin_edits(text: str) -> list[tuple[int, int, str]]:
    # the pattern starts with "(", which the regex engine finds fast: no pre-check
    return [(m.start(), m.end(), "") for m in _PINYIN_RE.finditer(text)]


# ---------------------------------------------------------------------------
# Step 4: watermarks
# ---------------------------------------------------------------------------

# Matched on the reversed text so that the pattern starts with a literal
# (fast scanning): "\n", optional spaces, the reversed token.
_LINE_END_TOKEN_REV_RE = re.compile(r"\n[ \t]*([A-Za-z0-9]{2,4})(?![A-Za-z0-9.])")
_GLUE = re.compile(rf"[{_CJK}\u3000-\u303f\uff00-\uffef,.:;()!?\"'%]")


def _watermark_token(text: str) -> str | None:
    """The recurring short token ending many lines, if there is one."""
    counts: Counter[str] = Counter()
    padded = text if text.endswith("\n") else text + "\n"
    rev = padded[::-1]
    n = len(padded)
    for m in _LINE_END_TOKEN_REV_RE.finditer(rev):
        tok = m.group(1)[::-1]
        s = n - m.end(1)
        if tok.isdigit() or not any(c.isalpha() for c in tok):
            continue
        if tok.lower() in _ascii_terms():
            continue
        # glued to CJK or punctuation on the left, or alone on its line
        if s == 0 or text[s - 1] == "\n" or _GLUE.match(text, s - 1):
            counts[tok] += 1
    if not counts:
        return None
    tok, n = counts.most_common(1)[0]
    return tok if n >= 3 else None


def _watermark_edits(text: str, token: str) -> list[tuple[int, int, str]]:
    alts = [re.escape(token)]
    # a token that was itself wrapped: "...基地。PZ\nl"
    alts += [re.escape(token[:k]) + r"\n" + re.escape(token[k:]) for k in range(1, len(token))]
    pat = re.compile(rf"(?<![A-Za-z0-9.])(?:{'|'.join(alts)})(?=[ \t]*$)", re.MULTILINE)
    return [(m.start(), m.end(), "") for m in pat.finditer(text)]


# ---------------------------------------------------------------------------
# Step 5: hard line wraps
# ---------------------------------------------------------------------------

_SENTENCE_END = frozenset("。！？!?；;:：")
_SAMPLE_LINES = 4000


def _width(s: str) -> int:
    """Display width: 2 per CJK (3-byte UTF-8) character, 1 per ASCII one."""
    return (len(s.encode("utf-8", "surrogatepass")) + len(s)) // 2


def _widths(lines: list[str]) -> list[int]:
    """:func:`_width` of each line (no line holds ``\\n``), with one encoding for all.

    UTF-8 never uses the byte of ``\\n`` inside a multi-byte character, so the
    encoded lines split back exactly.
    """
    utf8 = "\n".join(lines).encode("utf-8", "surrogatepass").split(b"\n")
    return [(b + c) // 2 for b, c in zip(map(len, utf8), map(len, lines))]


def _wrap_width(widths: list[int]) -> int | None:
    """Estimate the fixed wrap width of a document, or None when there is none.

    A wrapped document has many lines of nearly the same (maximal) width and
    almost none wider.
    """
    ws = sorted(widths)
    ws = ws[bisect_right(ws, 0):]  # non-empty lines only
    if len(ws) < 5:
        return None
    top = ws[int(0.9 * (len(ws) - 1))]
    if top < 20:
        return None
    # counted by bisection on the sorted widths
    near = bisect_right(ws, 1.1 * top) - bisect_left(ws, 0.85 * top)
    wider = len(ws) - bisect_right(ws, 1.1 * top)
    if near >= 4 and near >= 0.35 * len(ws) and wider <= 0.05 * len(ws):
        return top
    return None


def _wrap_edits(text: str, watermark: str | None) -> list[tuple[int, int, str]]:
    if "\n" not in text:
        return []
    lines = text.split("\n")

    def clean(line: str) -> tuple[str, bool]:
        s = line.rstrip()
        marked = False
        if watermark and s.endswith(watermark):
            s = s[: -len(watermark)].rstrip()
            marked = True
        return s, marked

    head = lines[:_SAMPLE_LINES]
    sample = _widths([clean(line)[0].strip() for line in head] if watermark
                     else list(map(str.strip, head)))
    width = _wrap_width(sample)
    if width is None:
        return []
    full = 0.85 * width
    edits: list[tuple[int, int, str]] = []
    pos = 0
    for i, line in enumerate(lines[:-1]):
        end = pos + len(line)  # index of the "\n"
        s, marked = clean(line)
        nxt = lines[i + 1]
        body = s.strip()
        if (not marked and body and body[-1] not in _SENTENCE_END
                and _width(body) >= full and nxt.strip()):
            start = pos + len(line.rstrip())
            stop = end + 1 + (len(nxt) - len(nxt.lstrip()))
            edits.append((start, stop, ""))
        pos = end + 1
    return edits


# ---------------------------------------------------------------------------
# Step 1a: variant characters (one for one, before the script conversion)
# ---------------------------------------------------------------------------

#: Kangxi radicals and CJK compatibility ideographs (PDF text layers) read as the
#: ideographs they stand for (Unicode NFKC, one character for one)
_NFKC_BLOCKS = ((0x2F00, 0x2FD6), (0xF900, 0xFADA))


@cache
def _variant_table() -> dict[int, str]:
    """Variant character -> standard character: ``variant_chars.csv`` (Japanese forms,
    CJK radicals) and the NFKC forms of the Kangxi and compatibility blocks."""
    import unicodedata

    table = {}
    for lo, hi in _NFKC_BLOCKS:
        for cp in range(lo, hi):
            std = unicodedata.normalize("NFKC", chr(cp))
            if len(std) == 1 and std != chr(cp):
                table[cp] = std
    for r in _read_data_csv("variant_chars.csv"):
        table[ord(r["variant"])] = r["standard"]
    return table


@cache
def _variant_re() -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(map(chr, _variant_table()))) + "]")


@cache
def _variants_flagged() -> bool:
    """Whether every variant character has a flag (is in the BMP and not a surrogate)."""
    return all(cp < 0xD800 or 0xDFFF < cp <= 0xFFFF for cp in _variant_table())


def _has_variant(text: str, present: int) -> bool:
    """Whether ``text`` (whose flags' union is ``present``) holds a variant character.

    Told by the flags when every variant and every character of the text is
    in the BMP; otherwise by :func:`_variant_re`.
    """
    if _variants_flagged() and _flags(text).size == len(text):
        return bool(present & _VARIANT)
    return _variant_re().search(text) is not None


# ---------------------------------------------------------------------------
# Step 5b: line breaks and spaces inside a figure or a name
# ---------------------------------------------------------------------------

#: a break that cuts a statement where no line can end: inside a number
#: (达到3⏎5120元), between a verb and its figure (增长⏎3.5%), between a figure and
#: its modifier (3.5%⏎左右); the break and the spaces around it are removed
_SOFT_BREAK_RE = re.compile(
    r"(?:(?<=[\u4e00-\u9fff]\d)|(?<=[\u4e00-\u9fff]\d\d)|(?<=[\u4e00-\u9fff]\d{3}))[ \t]*\n[ \t]*"
    r"(?=\d+(?:\.\d+)?\s*(?:%|元|亿|万))"
    r"|(?<=增长|下降|达到|完成|实现|增速|增幅|回落|提高)[ \t]*\n[ \t]*(?=-?\d)"
    r"|(?<=[\d%元])[ \t]*\n[ \t]*(?=左右|以上|以内|之间)")
#: one space inside a number before its unit (1760 0元; a typed thousands separator;
#: 增长7. 5% after a decimal point)
_SPLIT_NUMBER_RE = re.compile(r"(?<=[^\d\s.]\d\.) (?=\d{1,3}\s*(?:%|亿|万|元))"
                              r"|(?<=[^\d\s.]\d\d\.) (?=\d{1,3}\s*(?:%|亿|万|元))|"r"(?<=[^\d\s.]\d)(?<!\d\d\d\d\d\d\d) (?=\d{1,3}(?:\.\d+)?\s*(?:%|元|亿|万))"
                              r"|(?<=[^\d\s.]\d\d) (?=\d{1,3}(?:\.\d+)?\s*(?:%|元|亿|万))"
                              r"|(?<=[^\d\s.]\d{3}) (?=\d{1,3}(?:\.\d+)?\s*(?:%|元|亿|万))"
                              r"|(?<=[^\d\s.]\d{4}) (?=\d{1,3}(?:\.\d+)?\s*(?:%|元|亿|万))")
#: a name cut by a line break (地区生⏎产总值): joined when the names list holds the joined word
_NAME_BREAK_RE = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]*\n[ \t]*(?=[\u4e00-\u9fff])")


@cache
def _break_words() -> tuple[str, ...]:
    """The plain headline names of four characters or more (those a line break may cut)."""
    from .vocabulary import read_vocabulary

    return tuple(r["pattern"] for r in read_vocabulary("indicator_aliases.csv")
                 if r["indicator"] and is_literal(r["pattern"]) and len(r["pattern"]) >= 4)


@cache
def _break_names() -> re.Pattern[str]:
    return re.compile(trie_regex(list(_break_words())))


@cache
def _break_pairs() -> frozenset[tuple[str, str]]:
    """(character before, character after) of every cut inside a name of :func:`_break_words`:
    a line break between any other two characters cuts no name (a fast test)."""
    return frozenset((w[i - 1], w[i]) for w in _break_words() for i in range(1, len(w)))


#: bits of :func:`_neighbour_table`: the code unit may stand right before a break
#: of step 5b (before its spaces), right after one, right before a split space, right after one
_BREAK_BEFORE, _BREAK_AFTER, _SPACE_BEFORE, _SPACE_AFTER = 1, 2, 4, 8


@cache
def _neighbour_table() -> np.ndarray:
    """Bits of every UTF-16 code unit for the candidate tests of step 5b (a superset test).

    Every match of :data:`_SOFT_BREAK_RE` and :data:`_NAME_BREAK_RE` is
    ``[ \t]*\n[ \t]*`` after a CJK character, a digit, ``%`` or ``元`` and
    before a CJK character, a digit or ``-``; every match of
    :data:`_SPLIT_NUMBER_RE` is a space after a digit or ``.`` and before a
    digit. A space or tab may stand on either side of a break (the real
    neighbour is further on), so it has both break bits.
    """
    table = np.zeros(0x10000, dtype=np.uint8)
    decimal = np.array([chr(i).isdecimal() for i in range(0x10000)], dtype=bool)
    han = np.zeros(0x10000, dtype=bool)
    han[0x4E00:0xA000] = True
    table[decimal | han] |= _BREAK_BEFORE | _BREAK_AFTER
    table[[ord(c) for c in "%元 \t"]] |= _BREAK_BEFORE
    table[[ord(c) for c in "- \t"]] |= _BREAK_AFTER
    table[decimal] |= _SPACE_BEFORE | _SPACE_AFTER
    table[ord(".")] |= _SPACE_BEFORE
    return table


def _candidates(text: str, char: str, before: int, after: int) -> list[int]:
    """Positions of ``char`` whose neighbours have the ``before`` and ``after`` bits.

    Vectorised over the UTF-16 code units; every position of ``char`` when
    the text holds characters outside the BMP (units and characters differ).
    """
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if units.size != len(text):
        return [i for i, c in enumerate(text) if c == char]
    at = np.flatnonzero(units == ord(char))
    at = at[(at > 0) & (at < units.size - 1)]  # a match needs a character on each side
    if at.size == 0:
        return []
    table = _neighbour_table()
    ok = ((table.take(units[at - 1]) & before) != 0) & ((table.take(units[at + 1]) & after) != 0)
    return at[ok].tolist()


def _break_matches(rx: re.Pattern[str], text: str,
                   newlines: list[int] | None = None) -> list[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern of step 5b whose every match is ``[ \t]*\n[ \t]*``.

    Such a match starts in the spaces right before a line break or at the
    break, so only those starts are tried, and only at the ``newlines`` whose
    neighbours may border a break (default: :func:`_candidates`). A speed
    shortcut: the patterns start with a look-behind, and ``finditer`` would
    try every position.
    """
    if newlines is None:
        newlines = _candidates(text, "\n", _BREAK_BEFORE, _BREAK_AFTER)
    out: list[re.Match[str]] = []
    match = rx.match
    last = 0
    for p in newlines:
        if p < last:
            continue
        m = None
        if p > last and text[p - 1] in " \t":
            r = p - 1
            while r > last and text[r - 1] in " \t":
                r -= 1
            for i in range(r, p + 1):
                m = match(text, i)
                if m is not None:
                    break
        else:
            m = match(text, p)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _space_matches(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``rx.finditer(text)`` for :data:`_SPLIT_NUMBER_RE`: tried only at a space between a digit
    (or ``.``) and a digit (:func:`_candidates`)."""
    out: list[re.Match[str]] = []
    for p in _candidates(text, " ", _SPACE_BEFORE, _SPACE_AFTER):
        m = rx.match(text, p)
        if m is not None:
            out.append(m)
    return out


def _soft_break_edits(text: str) -> list[tuple[int, int, str]]:
    """Step 5b: delete line breaks (and spaces) that cut a figure, or a name of the names list."""
    edits: list[tuple[int, int, str]] = []
    if "\n" in text:
        newlines = _candidates(text, "\n", _BREAK_BEFORE, _BREAK_AFTER)
        edits += [(m.start(), m.end(), "") for m in _break_matches(_SOFT_BREAK_RE, text, newlines)]
        names = None
        pairs = _break_pairs()
        for m in _break_matches(_NAME_BREAK_RE, text, newlines):
            a, b = m.start(), m.end()
            if (text[a - 1], text[b]) not in pairs:
                continue  # no name of the list is cut between these two characters
            names = names or _break_names()
            window = text[max(0, a - 8): a] + text[b: b + 8]
            cut = min(a, 8)
            if any(x.start() < cut < x.end() for x in names.finditer(window)):
                edits.append((a, b, ""))
    if " " in text:
        edits += [(m.start(), m.end(), "") for m in _space_matches(_SPLIT_NUMBER_RE, text)]
    return edits


# ---------------------------------------------------------------------------
# Step 6: Chinese numerals that carry figures
# ---------------------------------------------------------------------------

_NUM = "零〇一二两三四五六七八九十百千"
_RANK_RE = re.compile(rf"第([{_NUM}]+)")
#: Words right before 第X that make it a rank (全省第一, 排名第一, 位列第三).
_RANK_BEFORE = re.compile(r"(?:全[国省市区县州]|排名|排位|排在|排|名列|位列|位居|居|列)"
                          r"[^,，。;；:：\d]{0,10}$")
#: What may follow a bare rank (全市第一, / 。 / end of line).
_RANK_AFTER = frozenset(",，。;；、)）!！?？ \t\n")
_NOT_BEFORE_AMOUNT = frozenset(_NUM + "万亿第个")
_PERCENT_RE = re.compile(rf"百分之([{_NUM}]+(?:点[零〇一二三四五六七八九]+)?)")


_PERCENT_DIGITS_RE = re.compile(r"百分之\s*(\d+(?:\.\d+)?)")
#: a numeral with 万 or 亿 inside (两万零四十亿元, 三亿零五百万元, 一万七千元): the whole
#: run is one number, then its unit
_COMPOUND_RE = re.compile(rf"(?<![{_NUM}万亿第])([{_NUM}]+(?:[万亿]+[{_NUM}]+)+[万亿]?)(?=元|人|户|亩|吨)")
_COMPOUND_HINT = re.compile(rf"[万亿][{_NUM}]")
#: digits times 千 (4千元, 1.2千人)
_THOUSANDS_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)千(?=元|人|户|亩|吨|个)")
#: a year in Chinese digits (二〇一二年, 二0一二年, 二○○八年, 一九九八年)
_CN_YEAR_RE = re.compile(r"(?<![零〇○0一二三四五六七八九\d])([一二][九〇○0零][零〇○0一二三四五六七八九]{2})(?=\s*年)")


def _finditer_at(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """``rx.finditer(text)``, given ``starts`` (sorted): every place where a match can start.

    A speed shortcut for patterns that start with a look-behind, which
    ``finditer`` tries at every position; tested equal to ``finditer``.
    """
    out: list[re.Match[str]] = []
    last = 0
    for i in starts:
        if i < last:
            continue
        m = rx.match(text, i)
        if m is not None:
            out.append(m)
            last = max(m.end(), i + 1)
    return out


def _cn_year_starts(text: str) -> list[int]:
    """Where a match of _CN_YEAR_RE can start: four characters before a 年 (and the spaces
    before it), when they open with [一二] then [九〇○0零]."""
    out: list[int] = []
    find = text.find
    p = find("年")
    while p >= 0:
        q = p
        while q > 0 and text[q - 1].isspace():
            q -= 1
        i = q - 4
        if i >= 0 and text[i] in "一二" and text[i + 1] in "九〇○0零" and (not out or out[-1] < i):
            out.append(i)
        p = find("年", p + 1)
    return out


_NUMERAL_RUN = re.compile(f"[{_NUM}]+")


_RUN_CHARS = frozenset(_NUM + "万亿")


def _compound_hints(text: str) -> list[int]:
    """Where :data:`_COMPOUND_HINT` matches: a 万 or 亿 that a numeral character follows.

    Read from the flags in one vectorised pass (by the regex when the text
    holds characters outside the BMP).
    """
    f = _flags(text)
    if f.size != len(text):
        return [h.start() for h in _COMPOUND_HINT.finditer(text)]
    if f.size < 2:
        return []
    return np.flatnonzero(((f[:-1] & _MYRIAD) != 0) & ((f[1:] & _NUMERAL) != 0)).tolist()


def _compound_starts(text: str, hints: list[int] | None = None) -> list[int]:
    """Where a match of _COMPOUND_RE can start: the start of the run of numeral characters
    (with 万 and 亿) around each 万 or 亿 that a numeral follows (sorted, unique)."""
    starts: list[int] = []
    last = -1
    for i0 in (_compound_hints(text) if hints is None else hints):
        i = i0
        if i <= last:
            continue
        while i > 0 and text[i - 1] in _RUN_CHARS:
            i -= 1
        if not starts or starts[-1] != i:
            starts.append(i)
        last = i0
    return starts


def _numeral_run_starts(text: str) -> list[int]:
    """Where a match of _COMPOUND_RE can start: at the start of a run of numeral characters."""
    return [m.start() for m in _NUMERAL_RUN.finditer(text)]


def _thousands_starts(text: str) -> list[int]:
    """Where a match of _THOUSANDS_RE can start: in the digits and points right before a 千."""
    out: list[int] = []
    q = text.find("千")
    while q >= 0:
        i = q
        while i > 0 and (text[i - 1].isdecimal() or text[i - 1] == "."):  # what \d matches, or .
            i -= 1
        out.extend(range(max(i, out[-1] + 1 if out else 0), q))
        q = text.find("千", q + 1)
    return out


_CN_DIGIT = str.maketrans("零〇○0一二三四五六七八九", "0000123456789")


@cache
def _unit_re() -> re.Pattern[str]:
    units = trie_regex(list(_numeral_units()))  # a lookahead: any unit will do
    # starts with a character set (not a repeat), so the regex engine skips
    # the positions that cannot start a numeral without trying them
    return re.compile(rf"([{_NUM}][{_NUM}]*(?:点[零〇一二三四五六七八九]+)?)(?={units})")


@lru_cache(maxsize=4096)
def _cn_number(s: str) -> str | None:
    """Arabic digits for a Chinese numeral (``三十五`` -> ``35``), or None.

    Cached: a pure function of a short string, and the same numerals recur.
    """
    import cn2an

    for cand in (s, "一" + s):
        try:
            value = cn2an.cn2an(cand, "normal")
        except Exception:  # noqa: BLE001 - cn2an raises bare ValueError subclasses
            continue
        if float(value).is_integer():
            return str(int(value))
        return str(value)
    return None


def _unit_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of :func:`_unit_re` in ``text``, as ``finditer`` gives them.

    A match is a run of numeral characters followed by a unit, so only runs
    (found in one vectorised pass) that hold or precede a unit's first
    character are searched. Text with characters outside the BMP is searched
    whole (code units and characters differ there).
    """
    rx = _unit_re()
    f = _flags(text)
    if f.size != len(text):
        yield from rx.finditer(text)
        return
    run = np.zeros(f.size + 2, dtype=bool)  # padded: every run has two edges
    run[1:-1] = (f & _NUMERAL) != 0
    edges = np.flatnonzero(run[1:] != run[:-1])  # (flatnonzero is fast on booleans)
    if edges.size == 0:
        return
    starts, ends = edges[0::2], edges[1::2]  # runs are text[starts[i]:ends[i]]
    # a unit starts inside a run (after its first character) or right after it:
    # count unit heads at positions starts + 1 .. ends
    heads = np.flatnonzero((f & _UNIT_HEAD) != 0)
    n_heads = (np.searchsorted(heads, ends, side="right")
               - np.searchsorted(heads, starts + 1, side="left"))
    keep = np.flatnonzero(n_heads > 0)
    longest = len(_numeral_units()[0])  # the units are sorted longest first
    for a, b in zip(starts[keep].tolist(), ends[keep].tolist()):
        for m in rx.finditer(text, a, b + longest):
            if m.start() >= b:  # starts in a later run: found there
                break
            yield m


def _numeral_edits(text: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    if "第" in text:
        for m in _RANK_RE.finditer(text):
            nxt = text[m.end()] if m.end() < len(text) else "\n"
            if nxt not in "位名":
                if nxt not in _RANK_AFTER:
                    continue
                if not _RANK_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                    continue
            val = _cn_number(m.group(1))
            if val is not None:
                edits.append((m.start(1), m.end(1), val))
    if "首位" in text:  # 居全市首位: first place
        for m in re.finditer("首位", text):
            if _RANK_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                edits.append((m.start(), m.end(), "第1位"))
    if "百分之" in text:
        for m in _PERCENT_RE.finditer(text):
            val = _cn_number(m.group(1))
            if val is not None:
                edits.append((m.start(), m.end(), val + "%"))
    if "百分之" in text:
        edits += [(m.start(), m.end(), m.group(1) + "%") for m in _PERCENT_DIGITS_RE.finditer(text)]
    if "年" in text:
        for m in _finditer_at(_CN_YEAR_RE, text, _cn_year_starts(text)):
            year = m.group(1).translate(_CN_DIGIT)
            if year[:2] in ("19", "20"):
                edits.append((m.start(), m.end(), year))
        edits += _short_year_edits(text)
    if "千" in text:
        for m in _finditer_at(_THOUSANDS_RE, text, _thousands_starts(text)):
            edits.append((m.start(), m.end(), _scaled(m.group(1), 1000)))
    compound = []
    hints = _compound_hints(text)
    if hints:
        for m in _finditer_at(_COMPOUND_RE, text, _compound_starts(text, hints)):
            val = _cn_number(m.group(1))
            if val is not None:
                compound.append((m.start(1), m.end(1), val))
    taken = [(a, b) for a, b, _ in compound]
    edits += compound
    for m in _unit_matches(text):
        if any(a <= m.start(1) < b for a, b in taken):
            continue
        if m.start() > 0 and text[m.start() - 1] in _NOT_BEFORE_AMOUNT:
            continue  # part of a longer numeral (一亿二千万元) or an ordinal
        val = _cn_number(m.group(1))
        if val is not None:
            edits.append((m.start(1), m.end(1), val))
    return _merge(edits)


#: a year of two Chinese digits opening a clause (…到二0一二年…,一五年要突破…)
_SHORT_CN_YEAR_RE = re.compile(r"([〇零一二三四五六七八九]{2})年\s*(?:要|将|达到|突破|实现|力争|确保)")
_CLAUSE_OPENERS = frozenset(",，;；、")
#: a fast test (it starts with a plain character): a year word before a plan verb
_SHORT_YEAR_HINT = re.compile(r"年\s*(?:要|将|达到|突破|实现|力争|确保)")
_FULL_YEAR_RE = re.compile(r"((?:19|20)\d{2}|[一二][九〇○0零][零〇○0一二三四五六七八九]{2})\s*年")


def _short_year_edits(text: str) -> list[tuple[int, int, str]]:
    """一五年 -> 2015年 when a full year of the same century stands in the 80 characters
    before it (a speech's later milestone, 到二0一二年…,一五年要突破一万亿元)."""
    out = []
    if _SHORT_YEAR_HINT.search(text) is None:
        return out
    for h in _SHORT_YEAR_HINT.finditer(text):  # the year word; its two digits stand before
        m = _SHORT_CN_YEAR_RE.match(text, max(0, h.start() - 2))
        if m is None or m.start() != h.start() - 2:
            continue
        if text[max(0, m.start() - 8): m.start()].rstrip()[-1:] not in _CLAUSE_OPENERS:
            continue  # the year must open a clause (not 二〇一二年's last two digits)
        before = _FULL_YEAR_RE.findall(text, max(0, m.start() - 80), m.start())
        if before:
            century = before[-1].translate(_CN_DIGIT)[:2]
            out.append((m.start(1), m.end(1), century + m.group(1).translate(_CN_DIGIT)))
    return out


def _scaled(digits: str, factor: int) -> str:
    """``digits`` times ``factor`` as a plain decimal string (4千 -> 4000)."""
    from decimal import Decimal

    value = Decimal(digits) * factor
    return format(value.normalize(), "f") if value != value.to_integral() else str(int(value))


# ---------------------------------------------------------------------------
# Pipeline
# ---------------------------------------------------------------------------


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


def normalize(text: str) -> NormalizedText:
    """Normalize script, widths, glosses, watermarks, line wraps and numerals.

    Parameters
    ----------
    text : str
        Document text (already decoded and, for HTML, reduced to text).

    Returns
    -------
    NormalizedText
        The normalized text with its map back to ``text``.

    Examples
    --------
    >>> normalize("規模以上工業增加值增長(zhǎng)８．３％").text
    '规模以上工业增加值增长8.3%'
    >>> normalize("位列全市第三名").text
    '位列全市第3名'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() needs str, got {type(text).__name__}")
    # Step 0 deletes invisible characters; the later steps work on its result.
    # One vectorised pass tells which of steps 0-2 have anything to do.
    present = _present(text)
    nt = NormalizedText(text, text)
    if present & _INVISIBLE:
        nt = _apply_edits(nt, _invisible_edits(text))
        present = _present(nt.text)
    # Steps 1-2 keep the length: positions (and the map of step 0) are unchanged.
    if _has_variant(nt.text, present):
        nt = dataclasses.replace(nt, text=nt.text.translate(_variant_table()))
        present = _present(nt.text)
    base = nt.text
    step = to_simplified(base) if present & _TRAD else base
    if present & _WIDE or (step is not base and _present(step) & _WIDE):
        step = step.translate(_FULLWIDTH)
    if step is not base:
        nt = dataclasses.replace(nt, text=step)
    # Steps 3-5 only delete, computed on the same coordinates.
    token = _watermark_token(step)
    marks = _watermark_edits(step, token) if token else []
    edits = _merge(_pinyin_edits(step), marks, _wrap_edits(step, token), _soft_break_edits(step))
    removed = _removed_digits(nt, marks, "watermark")
    nt = _apply_edits(nt, edits)
    # Step 6 replaces numerals on the cleaned text.
    nt = _apply_edits(nt, _numeral_edits(nt.text))
    return dataclasses.replace(nt, removed=removed) if removed else nt


def _invisible_edits(text: str) -> list[tuple[int, int, str]]:
    """Step 0: delete invisible characters and carriage returns."""
    return [(m.start(), m.end(), "") for m in _INVISIBLE_RE.finditer(text)]


def _removed_digits(nt: NormalizedText, edits: list[tuple[int, int, str]],
                    reason: str) -> tuple[tuple[int, int, str], ...]:
    """Original spans of the deletions in ``edits`` that hold a digit."""
    out = []
    for start, end, _ in edits:
        if any(c.isdigit() for c in nt.text[start:end]):
            a, b = nt.span_to_original(start, end)
            out.append((a, b, reason))
    return tuple(out)
