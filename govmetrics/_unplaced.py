"""The unplaced table of one document, built from arrays (a document can hold 500,000 numbers).

The string columns (``doc``, ``text``, ``reason``, ``sentence``) are
categorical: one small integer per number and each distinct string once, as
a Python string (object categories: an Arrow buffer for a few strings would
cost its allocator's arena, megabytes).
Their categories are the distinct values present, sorted, so that tables of
several documents (or of several processes) join into the same table
(:func:`concat_unplaced`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .statements import Unplaced
from .statements.finder import RUN_REASONS, DigitRuns
from .text.normalize import NormalizedText

UNPLACED_COLUMNS = ["doc", "char_start", "char_end", "text", "reason", "sentence"]
#: The categorical columns of the unplaced table.
CATEGORICAL = ("doc", "text", "reason", "sentence")
#: Longest ``sentence`` of an unplaced number: a window around the number
#: when the sentence is longer.
SENTENCE_MAX = 300
_SENTENCE_ENDS = re.compile("[。！？\n]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Numbers handled at a time (the temporaries are a few arrays of this size).
CHUNK = 1 << 12


def storable(text: str) -> str:
    """``text`` with lone surrogates (possible in a Python str, never in Unicode text) as U+FFFD.

    One character for one, so offsets into the original still hold; an Arrow
    string column cannot store a lone surrogate.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def empty_unplaced() -> pd.DataFrame:
    """The unplaced table without rows (the dtypes of a table with rows)."""
    cat = pd.CategoricalDtype(pd.Index([], dtype=object))
    return pd.DataFrame({"doc": pd.Series([], dtype=cat),
                         "char_start": np.zeros(0, np.int64), "char_end": np.zeros(0, np.int64),
                         "text": pd.Series([], dtype=cat), "reason": pd.Series([], dtype=cat),
                         "sentence": pd.Series([], dtype=cat)}, columns=UNPLACED_COLUMNS)


def _code_dtype(n: int) -> type:
    """The integer type pandas gives the codes of ``n`` categories."""
    return np.int8 if n < 2 ** 7 else np.int16 if n < 2 ** 15 else np.int32


def category(values: list[str], codes: np.ndarray) -> pd.Categorical:
    """``values[codes]`` as a categorical: the values used, sorted, are the categories."""
    seen = np.zeros(len(values), dtype=bool)
    seen[codes] = True  # not bincount: that would copy the codes to int64
    used = np.flatnonzero(seen)
    kept = [values[k] for k in used.tolist()]
    order = sorted(range(len(kept)), key=kept.__getitem__)
    new = np.full(len(values), -1, dtype=_code_dtype(len(kept)))
    new[used[order]] = np.arange(len(kept))
    cats = pd.Index([kept[k] for k in order], dtype=object)
    return pd.Categorical.from_codes(new[codes] if codes.size else codes, dtype=pd.CategoricalDtype(cats))


def _text_category(orig: str, a: np.ndarray, b: np.ndarray, chunk: int = CHUNK) -> pd.Categorical:
    """``orig[a[i]:b[i]]`` (storable) as a categorical, a chunk of numbers at a time."""
    src = storable(orig)
    index: dict[str, int] = {}
    codes = np.empty(a.size, dtype=np.int32)
    for k in range(0, a.size, chunk):
        part = np.array([src[x:y] for x, y in zip(a[k:k + chunk].tolist(),
                                                   b[k:k + chunk].tolist())], dtype=object)
        local, uniq = pd.factorize(part)
        glob = np.array([index.setdefault(s, len(index)) for s in uniq.tolist()], dtype=np.int32)
        codes[k:k + chunk] = glob[local]
    return category(list(index), codes)


def _sentence_keys(ends: np.ndarray, a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """``lo * (n + 1) + hi`` of the sentence or window of each number ``[a, b)``."""
    i = np.searchsorted(ends, a, side="left")
    lo = np.where(i > 0, ends[np.maximum(i - 1, 0)] + 1 if ends.size else 0, 0)
    j = np.searchsorted(ends, b, side="left")
    hi = np.where(j < ends.size, ends[np.minimum(j, ends.size - 1)] + 1 if ends.size else 0, n)
    step = SENTENCE_MAX // 3
    long = hi - lo > SENTENCE_MAX
    w_lo = np.maximum(lo, a // step * step - step)
    w_hi = np.minimum(hi, np.maximum(b, w_lo + SENTENCE_MAX))
    return np.where(long, w_lo, lo) * (n + 1) + np.where(long, w_hi, hi)


def _sentence_category(orig: str, a: np.ndarray, b: np.ndarray, chunk: int = CHUNK
                       ) -> pd.Categorical:
    """The sentence (between 。！？ or line breaks) holding each ``orig[a:b]``, storable.

    Sentence ends are found once and looked up by bisection. A sentence
    longer than SENTENCE_MAX is cut to a window around the number, aligned
    on a grid of SENTENCE_MAX / 3 characters, so that the numbers of one
    stretch share one window. Each distinct sentence is made once (a
    category); the numbers are taken a chunk at a time (small temporaries).
    """
    src = storable(orig)
    ends = np.fromiter((m.start() for m in _SENTENCE_ENDS.finditer(src)), dtype=np.int64)
    width = len(src) + 1
    by_key: dict[int, int] = {}  # the code of each distinct (lo, hi)
    by_text: dict[str, int] = {}  # the code of each distinct sentence
    codes = np.empty(a.size, dtype=np.int32)
    for k in range(0, a.size, chunk):
        keys, inverse = np.unique(_sentence_keys(ends, a[k:k + chunk], b[k:k + chunk],
                                                 len(src)), return_inverse=True)
        uniq = np.empty(keys.size, dtype=np.int32)
        for m, key in enumerate(keys.tolist()):
            c = by_key.get(key)
            if c is None:
                x, y = divmod(key, width)
                c = by_key[key] = by_text.setdefault(src[x:y].strip(), len(by_text))
            uniq[m] = c
        codes[k:k + chunk] = uniq[inverse.ravel()]
    return category(list(by_text), codes)


def _reasons(missed: list[Unplaced], extra: tuple[str, ...] = ()) -> tuple[list[str], np.ndarray]:
    """The reasons of ``missed`` and ``extra``: the names (``extra`` first) and a code per number."""
    names = list(extra) + sorted({u.reason for u in missed} - set(extra))
    index = {r: k for k, r in enumerate(names)}
    return names, np.fromiter((index[u.reason] for u in missed), np.int16, len(missed))


def _to_original(nt: NormalizedText, s: np.ndarray, e: np.ndarray, out_a: np.ndarray,
                 out_b: np.ndarray, at: np.ndarray, chunk: int = CHUNK) -> None:
    """Write the original spans of the normalized spans ``[s, e)`` to ``out_*[at]``, a chunk at a time."""
    for k in range(0, s.size, chunk):
        a, b = nt.spans_to_original(s[k:k + chunk], e[k:k + chunk])
        out_a[at[k:k + chunk]], out_b[at[k:k + chunk]] = a, b


def unplaced_spans(nt: NormalizedText, missed: list[Unplaced], runs: DigitRuns | None = None
                   ) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """Original spans and reasons of ``missed`` and ``runs``, in order of start.

    ``missed`` first where a run starts at the same place (a stable sort of
    ``missed`` then ``runs``). The runs are in order already, so they are
    merged, not sorted; with an identity map and no records, the spans are the
    runs' own arrays. Returns ``(char_start, char_end, reason names, codes)``.
    """
    names, m_codes = _reasons(missed, RUN_REASONS if runs is not None else ())
    m_s = np.fromiter((u.start for u in missed), np.int64, len(missed))
    m_e = np.fromiter((u.end for u in missed), np.int64, len(missed))
    order = np.argsort(m_s, kind="stable")
    m_s, m_e, m_codes = m_s[order], m_e[order], m_codes[order]
    r_s = runs.start if runs is not None else np.zeros(0, np.int64)
    r_e = runs.end if runs is not None else np.zeros(0, np.int64)
    kind = _code_dtype(len(names))
    m_codes = m_codes.astype(kind)
    r_codes = runs.reason.astype(kind, copy=False) if runs is not None else np.zeros(0, kind)
    if r_s.size > 1 and not (r_s[1:] >= r_s[:-1]).all():
        raise ValueError("digit runs out of order")
    if not m_s.size and nt.is_identity_map:
        return r_s, r_e, names, r_codes
    n = m_s.size + r_s.size
    a, b = np.empty(n, np.int64), np.empty(n, np.int64)
    codes = np.empty(n, kind)
    at_m = np.arange(m_s.size) + np.searchsorted(r_s, m_s, side="left")
    _to_original(nt, m_s, m_e, a, b, at_m)
    codes[at_m] = m_codes
    for k in range(0, r_s.size, CHUNK):
        part = r_s[k:k + CHUNK]
        at = np.arange(k, k + part.size) + np.searchsorted(m_s, part, side="right")
        _to_original(nt, part, r_e[k:k + CHUNK], a, b, at)
        codes[at] = r_codes[k:k + CHUNK]
    return a, b, names, codes


def _with_removed(nt: NormalizedText, a: np.ndarray, b: np.ndarray, names: list[str],
                  codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """The spans with the digits that normalization deleted (watermarks), sorted by span."""
    if not nt.removed:
        return a, b, names, codes
    names = names + sorted({r[2] for r in nt.removed} - set(names))
    index = {r: k for k, r in enumerate(names)}
    a = np.concatenate([a, [r[0] for r in nt.removed]]).astype(np.int64)
    b = np.concatenate([b, [r[1] for r in nt.removed]]).astype(np.int64)
    codes = np.concatenate([codes, [index[r[2]] for r in nt.removed]]).astype(np.int16)
    order = np.lexsort((b, a))
    return a[order], b[order], names, codes[order]


def unplaced_table(name: str, nt: NormalizedText, orig: str, a: np.ndarray, b: np.ndarray,
                   names: list[str], codes: np.ndarray) -> pd.DataFrame:
    """The unplaced table of the spans and reasons of :func:`unplaced_spans` (then removed digits)."""
    a, b, names, codes = _with_removed(nt, a, b, names, codes)
    rows = {
        "doc": category([name], np.zeros(a.size, dtype=np.int8)),
        "char_start": a,
        "char_end": b,
        "text": _text_category(orig, a, b),
        "reason": category(names, codes),
        "sentence": _sentence_category(orig, a, b),
    }
    return pd.DataFrame(rows, columns=UNPLACED_COLUMNS, copy=False)


def categorical(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the :data:`CATEGORICAL` columns as categoricals of the sorted values.

    For a table joined by :func:`pandas.concat`, where the categories of its
    parts differed (the columns then hold strings).
    """
    for col in CATEGORICAL:
        if not isinstance(table[col].dtype, pd.CategoricalDtype):
            values = table[col].to_numpy(dtype=object)
            cats = pd.Index(sorted(set(values.tolist())), dtype=object)
            table[col] = pd.Categorical(values, dtype=pd.CategoricalDtype(cats))
    return table


def concat_unplaced(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """The unplaced tables of several documents as one, rows in order, categories joined."""
    if not tables:
        return empty_unplaced()
    if len(tables) == 1:
        return tables[0]
    cols = {}
    for c in UNPLACED_COLUMNS:
        parts = [t[c] for t in tables]
        if c in CATEGORICAL:  # the same sorted categories for all: concat keeps them
            cats = sorted(set().union(*(p.cat.categories.tolist() for p in parts)))
            dtype = pd.CategoricalDtype(pd.Index(cats, dtype=object))
            parts = [p.cat.set_categories(dtype.categories) for p in parts]
        cols[c] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(cols, columns=UNPLACED_COLUMNS, copy=False)
