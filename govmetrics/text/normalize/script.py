"""Steps 1 and 2: traditional to simplified script (OpenCC) and full-width to half-width."""

from __future__ import annotations

import numpy as np

from .chars import _HAN, _TRAD, _converter, _flags, _present, _traditional_re


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
