"""Speed shortcuts of the statement finder, kept apart from the rules that give meaning.

Each is a superset test or a batched form of a plain definition, and each has
a test against that definition (``tests/test_scanner.py``): lines that cannot
name a headline indicator are not read (:func:`_named_lines`); a line after a
named one is read only if one of its sentences could inherit the name
(:func:`_may_inherit`); sentences are scanned in one pass over their
concatenation (:func:`_scan_sentences`).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from ..text.normalize.chars import unit_lookup, utf16_units
from ..text.patterns import consumed_chars, is_literal, lookahead_words, required_words, trie_regex
from ..text.segment import Sentence
from .scanner import Tok, _accepted, _token, vocab
from .words import _FILLER_CHARS, _FILLER_KINDS, _FILLERS


def _named_lines(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For each line span, whether it names a headline indicator (:func:`_headline_re`).

    Only the places of a possible :func:`_anchors` pair are searched. The pairs
    are found in one vectorised pass over a block of the text at a time: a
    position whose character may start an anchor and whose next character may
    end one (a superset of the anchors, confirmed by the regex on a window of
    the line around the pair).
    """
    named_re = _headline_re()
    tables = _anchor_tables()
    if tables is None or len(text) < 2:  # no anchors: the plain definition
        return _named_by_regex(text, spans, named_re)
    table, longest = tables
    named = [False] * len(spans)
    bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
    for lo in range(0, len(text) - 1, _UNIT_BLOCK):
        # one unit past the block, so that a pair across its edge is seen
        cu = utf16_units(text[lo:lo + _UNIT_BLOCK + 1])  # surrogatepass: a lone surrogate is one
        if cu.size != min(len(text), lo + _UNIT_BLOCK + 1) - lo:
            # characters outside the BMP (units and characters differ): the plain definition
            return _named_by_regex(text, spans, named_re)
        f = unit_lookup(table, cu)  # bit 1: may start an anchor; bit 2: may end one
        pos = np.flatnonzero(((f[:-1] & 1) & (f[1:] >> 1)) != 0)  # fast on booleans
        pos += lo
        _confirm(text, bounds, pos, longest, named_re, named)
    return named


def _named_by_regex(text: str, spans: list[tuple[int, int]], named_re: re.Pattern[str]
                    ) -> list[bool]:
    """The plain definition of :func:`_named_lines`: the regex searched in every line."""
    return [named_re.search(text, s, e) is not None for s, e in spans]


def _confirm(text: str, bounds: np.ndarray, pos: np.ndarray, longest: int,
             named_re: re.Pattern[str], named: list[bool]) -> None:
    """Mark the lines where the regex matches in a window around one of the pairs ``pos``.

    Every headline word is plain (else there are no anchor tables): a word
    holding the pair at p lies within ``longest`` characters of it. The pairs
    are taken a chunk at a time (a text can hold a pair every few characters).
    """
    for c in range(0, pos.size, _PAIR_CHUNK):
        at = pos[c:c + _PAIR_CHUNK]
        lines = np.searchsorted(bounds[:, 0], at, side="right") - 1
        keep = lines >= 0
        at, lines = at[keep], lines[keep]
        lo = np.maximum(bounds[lines, 0], at - longest).tolist()
        hi = np.minimum(bounds[lines, 1], at + longest + 1).tolist()
        for k, a, b in zip(lines.tolist(), lo, hi):
            if not named[k] and a < b and named_re.search(text, a, b) is not None:
                named[k] = True


#: characters of the text looked at a time by :func:`_named_lines` (larger than the
#: blocks of the other passes: measured, its temporaries then leave less memory held)
_UNIT_BLOCK = 1 << 16
#: anchor pairs confirmed at a time by :func:`_named_lines`
_PAIR_CHUNK = 1 << 12


@cache
def _anchor_tables() -> tuple[np.ndarray, int] | None:
    """A lookup table over UTF-16 code units and the length of the longest headline word.

    Bit 1 of a unit's entry: it may start an anchor pair; bit 2: it may end one.
    """
    anchors = _anchors()
    if anchors is None or any(ord(c) > 0xFFFF or 0xD800 <= ord(c) <= 0xDFFF
                              for a in anchors for c in a):
        return None
    table = np.zeros(0x10000, dtype=np.uint8)
    for a in anchors:
        table[ord(a[0])] |= 1
        table[ord(a[1])] |= 2
    return table, max(map(len, _headline_words()))


@cache
def _anchors() -> tuple[str, ...] | None:
    """Two-character strings such that every headline name holds one of them.

    Chosen greedily (the pair shared by most names not yet covered first).
    None when some name is a pattern with no plain run of two characters.
    """
    words = _headline_words()
    if any(not is_literal(w) or len(w) < 2 for w in words):
        return None
    left = set(words)
    chosen: list[str] = []
    while left:
        counts: dict[str, int] = {}
        for w in left:
            for pair in {w[i:i + 2] for i in range(len(w) - 1)}:
                counts[pair] = counts.get(pair, 0) + 1
        best = max(sorted(counts), key=lambda k: counts[k])
        chosen.append(best)
        left = {w for w in left if best not in w}
    return tuple(chosen)


@cache
def _headline_re() -> re.Pattern[str]:
    """A fast test for lines that may name a headline indicator.

    Matches every literal headline alias, and for each regex alias a literal
    run it cannot match without (:func:`~govmetrics.text.patterns.required_literal`), so it matches a
    superset of the lines where an alias matches. All alternatives are plain
    words, so the regex engine skips non-matching positions quickly.
    """
    words = _headline_words()
    lit = [w for w in words if is_literal(w)]
    rx = [w for w in words if not is_literal(w)]
    return re.compile("|".join([trie_regex(lit), *rx]))


@cache
def _headline_words() -> frozenset[str]:
    """Strings one of which every headline name contains (:func:`~govmetrics.text.patterns.required_words`)."""
    # a lookahead's words are required too (经济(?=增速) needs 经济增速, not just 经济)
    return frozenset(w for p, ind in vocab().aliases if ind
                     for w in required_words(lookahead_words(p)) if w)



def _scan_sentences(sents: list[Sentence]) -> dict[int, list[Tok]]:
    """Scan many sentences in one pass over their concatenation (fewer regex calls).

    Sentences are joined with NUL, which no vocabulary pattern consumes as
    white space; token offsets are mapped back to the document.
    """
    if not sents:
        return {}
    texts = [x.text for x in sents]
    joined = "\x00".join(texts)
    bases: list[int] = []  # where each sentence starts in ``joined``
    pos = 0
    for t in texts:
        bases.append(pos)
        pos += len(t) + 1
    ends = [b + len(t) for b, t in zip(bases, texts)]
    shifts = [x.start - b for x, b in zip(sents, bases)]
    bases.append(pos + 1)  # a sentinel: no match starts there
    found: list[list[Tok]] = [[] for _ in sents]
    v = vocab()
    k = 0  # index of the sentence that holds the current match
    nxt = bases[1]
    for m in _accepted(v, joined):
        a, b = m.span()
        while a >= nxt:
            k += 1
            nxt = bases[k + 1]
        if b > ends[k]:  # crossed a sentence end: drop
            continue
        shift = shifts[k]
        found[k].append(_token(v, m, a + shift, b + shift))
    return {x.start: toks for x, toks in zip(sents, found)}



#: where a figure token may start: a digit, 第 (ranks) or a minus sign
_FIGURE_START = re.compile(r"[\d第-]")
#: token kinds whose every match starts where :data:`_FIGURE_START` matches
_FIGURE_LED_KINDS = frozenset({"num", "range", "rank", "date", "year"})


def _may_inherit(sentence: str) -> bool:
    """Whether a sentence could pass :func:`_can_inherit`, judged on its text alone.

    The text before its first figure may hold only filler: words of the
    filler kinds of token (:data:`_FILLER_KINDS`), filler words and marks.
    Leaving out every character any of them can consume, more than two
    characters left before the first possible figure start mean it cannot
    (a superset test: it never says no where :func:`_can_inherit` says yes).
    True when the vocabulary holds a filler pattern whose characters cannot
    be listed (:func:`_filler_chars`).
    """
    table = _filler_table()
    if table is None:
        return True
    m = _FIGURE_START.search(sentence)
    if m is None:
        return False  # no figure: no num, range or rank token
    return len(sentence[:m.start()].translate(table)) <= 2


@cache
def _filler_table() -> dict[int, None] | None:
    """A ``str.translate`` table deleting :func:`_filler_chars`, or None."""
    chars = _filler_chars()
    return None if chars is None else dict.fromkeys(map(ord, chars))


@cache
def _filler_chars() -> frozenset[str] | None:
    """Every character a filler-kind token, a filler word or a filler mark can consume.

    Read from the compiled scanner: the words of the merged word parts by
    their kind, the other parts through their parsed patterns
    (:func:`~govmetrics.text.patterns.consumed_chars`). None when a filler part can
    consume characters that cannot be listed (``.``, a wide range, ``\\w``).
    """
    v = vocab()
    chars = {c for w, kind in v.lit_kinds.items() if kind in _FILLER_KINDS for c in w}
    chars.update("".join(_FILLERS))
    filler_groups = [_FILLER_CHARS]
    for rx in v.passes:
        for name in rx.groupindex:
            kind = v.group_kinds.get(name, name)
            # parts led by a digit, 第 or a minus sign never start before the first figure
            if kind in _FILLER_KINDS and name != "lit" and kind not in _FIGURE_LED_KINDS:
                filler_groups.append(rx.pattern)
                break
    for pat in filler_groups:
        got = consumed_chars(pat)
        if got is None:
            return None
        chars |= got
    return frozenset(chars)


