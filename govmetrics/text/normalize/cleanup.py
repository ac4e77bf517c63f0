"""Steps 3 to 5b: pinyin glosses, watermarks, hard line wraps, and line breaks or
spaces that cut a figure or a name."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache

import numpy as np

from ..patterns import CJK as _CJK
from ..patterns import is_literal, trie_regex
from .chars import _ascii_terms, decimal_units, utf16_units

# ---------------------------------------------------------------------------
# Step 3: pinyin glosses
# ---------------------------------------------------------------------------

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
    from ...vocabulary import read_vocabulary

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
    decimal = decimal_units()
    han = np.zeros(0x10000, dtype=bool)
    han[0x4E00:0xA000] = True
    table[decimal | han] |= _BREAK_BEFORE | _BREAK_AFTER
    table[[ord(c) for c in "%元 \t"]] |= _BREAK_BEFORE
    table[[ord(c) for c in "- \t"]] |= _BREAK_AFTER
    table[decimal] |= _SPACE_BEFORE | _SPACE_AFTER
    table[ord(".")] |= _SPACE_BEFORE
    return table


def _candidates(text: str, char: str, before: int, after: int,
                units: np.ndarray | None = None) -> list[int]:
    """Positions of ``char`` whose neighbours have the ``before`` and ``after`` bits.

    Vectorised over the UTF-16 code units (``units``, when already made);
    every position of ``char`` when the text holds characters outside the
    BMP (units and characters differ).
    """
    if units is None:
        units = utf16_units(text)
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


def _space_matches(rx: re.Pattern[str], text: str,
                   units: np.ndarray | None = None) -> list[re.Match[str]]:
    """``rx.finditer(text)`` for :data:`_SPLIT_NUMBER_RE`: tried only at a space between a digit
    (or ``.``) and a digit (:func:`_candidates`)."""
    out: list[re.Match[str]] = []
    for p in _candidates(text, " ", _SPACE_BEFORE, _SPACE_AFTER, units):
        m = rx.match(text, p)
        if m is not None:
            out.append(m)
    return out


def _soft_break_edits(text: str) -> list[tuple[int, int, str]]:
    """Step 5b: delete line breaks (and spaces) that cut a figure, or a name of the names list."""
    edits: list[tuple[int, int, str]] = []
    units = utf16_units(text) if "\n" in text or " " in text else None
    if "\n" in text:
        newlines = _candidates(text, "\n", _BREAK_BEFORE, _BREAK_AFTER, units)
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
        edits += [(m.start(), m.end(), "") for m in _space_matches(_SPLIT_NUMBER_RE, text, units)]
    return edits
