"""Character vocabularies of normalization and their flags, for whole-text checks in one pass.

The traditional-only characters (step 1), the full-width forms (step 2),
the variant characters (step 1a), the invisible characters (step 0), the
numeral characters and units (step 6), each as a flag of a lookup table over
UTF-16 code units.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from ...vocabulary import read_vocabulary


def utf16_units(text: str) -> np.ndarray:
    """The UTF-16 code units of ``text``, the index space of every lookup table here.

    A lone surrogate (possible in a Python str) is one unit; a character
    outside the BMP is two, so ``len(units) != len(text)`` tells that the
    units cannot stand for the characters.
    """
    return np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)


#: Characters a whole-text pass looks at a time: a gather converts its indices
#: to 64-bit integers first, a temporary four times the UTF-16 size of what it reads.
TEXT_BLOCK = 1 << 14


def unit_lookup(table: np.ndarray, units: np.ndarray, chunk: int = TEXT_BLOCK) -> np.ndarray:
    """``table[units]``, :data:`TEXT_BLOCK` units at a time (small index temporaries).

    ``take``: a plain gather, about twice as fast as fancy indexing.

    Examples
    --------
    >>> unit_lookup(np.array([0, 10, 20]), np.array([2, 0, 1], dtype=np.uint16), chunk=2).tolist()
    [20, 0, 10]
    """
    if units.size <= chunk:
        return table.take(units)
    out = np.empty(units.size, dtype=table.dtype)
    for k in range(0, units.size, chunk):
        table.take(units[k:k + chunk], out=out[k:k + chunk])
    return out


@cache
def decimal_units() -> np.ndarray:
    """Whether each code point of the BMP is a decimal digit (what ``\\d`` matches)."""
    return np.array([chr(i).isdecimal() for i in range(0x10000)], dtype=bool)

# ---------------------------------------------------------------------------
# Vocabulary data
# ---------------------------------------------------------------------------


@cache
def _ascii_terms() -> frozenset[str]:
    """ASCII units and abbreviations that are never watermarks (``ascii_terms.csv``)."""
    return frozenset(r["term"].lower() for r in read_vocabulary("ascii_terms.csv"))


@cache
def _numeral_units() -> tuple[str, ...]:
    """Measure units before which Chinese numerals become Arabic (``numeral_units.csv``)."""
    return tuple(sorted((r["unit"] for r in read_vocabulary("numeral_units.csv")),
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
    entry lives; :func:`forget_flags` empties it when a text is normalized.
    """
    global _recent_flags
    for last, flags in _recent_flags:
        if text is last:
            return flags
    flags = _text_flags(text)
    _recent_flags = ((text, flags), *_recent_flags[:1])
    return flags


def forget_flags() -> None:
    """Let go of the flags :func:`_flags` keeps (and of their texts), once a text is normalized.

    Every ask comes from one :func:`~govmetrics.text.normalize.normalize`
    call, so nothing is lost; kept, they would hold a document's text and its
    flags until two other texts are read.
    """
    global _recent_flags
    _recent_flags = ()


def _text_flags(text: str, block: int = TEXT_BLOCK) -> np.ndarray:
    """``_char_flags()[utf16_units(text)]``, encoding and looking up a block of characters at a time.

    A text with characters outside the BMP (two units each) is looked up whole.
    """
    table = _char_flags()
    if len(text) <= block:
        return table.take(utf16_units(text))
    out = np.empty(len(text), dtype=table.dtype)
    for k in range(0, len(text), block):
        units = utf16_units(text[k:k + block])
        if units.size != min(block, len(text) - k):  # units and characters differ
            return table.take(utf16_units(text))
        table.take(units, out=out[k:k + units.size])
    return out


def _present(text: str) -> int:
    """The union of the flags of the characters of ``text``."""
    return int(np.bitwise_or.reduce(_flags(text))) if text else 0


# ---------------------------------------------------------------------------
# Step 2: full-width -> half-width
# ---------------------------------------------------------------------------

_FULLWIDTH_CHARS = ("０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
                    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％．＋－／～（）：；，\u3000")
_FULLWIDTH = {ord(c): (" " if c == "\u3000" else chr(ord(c) - 0xFEE0)) for c in _FULLWIDTH_CHARS}


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
    for r in read_vocabulary("variant_chars.csv"):
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


#: the characters of a Chinese numeral (step 6)
_NUM = "零〇一二两三四五六七八九十百千"
