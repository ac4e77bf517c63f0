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

import dataclasses

from .chars import (
    _FULLWIDTH,
    _INVISIBLE,
    _INVISIBLE_RE,
    _TRAD,
    _WIDE,
    _has_variant,
    _present,
    _variant_table,
    forget_flags,
)
from .cleanup import (
    _pinyin_edits,
    _soft_break_edits,
    _watermark_edits,
    _watermark_token,
    _wrap_edits,
)
from .numerals import _numeral_edits
from .script import count_traditional, has_traditional, to_simplified
from .textmap import NormalizedText, _apply_edits, _merge

__all__ = ["NormalizedText", "count_traditional", "has_traditional", "normalize", "to_simplified"]


# ---------------------------------------------------------------------------
# Pipeline
# ---------------------------------------------------------------------------


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
    try:
        return _normalized(text)
    finally:
        forget_flags()


def _normalized(text: str) -> NormalizedText:
    """:func:`normalize`, with the character flags of its texts kept while it runs."""
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
