"""Read a document from disk or memory into a :class:`Document`.

Bytes are decoded by :func:`decode_bytes`: a byte-order mark, UTF-8, GB2312,
else the encoding charset-normalizer detects (GB18030/GBK, Big5, UTF-16/32
without a mark); bytes that no encoding reads cleanly are refused. HTML input
(by suffix, ``html=True``, or a file that starts as an HTML page) is reduced
to text, block elements becoming line breaks; ``Document.original`` is then
that reduced text and every offset (``NormalizedText.to_original``) refers to
it. Text given as a string is never sniffed for HTML. Problems are reported
as :class:`govmetrics.errors.DocumentError` naming the file; hints of the
wrong type as :class:`govmetrics.errors.ParameterError` naming the parameter.
"""

from __future__ import annotations

import dataclasses
import numbers
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocumentError, DocumentNotFoundError, ParameterError
from .formats import binary_kind, docx_to_text, pdf_to_text
from .html import _looks_like_html, html_to_text
from .metadata import DocumentMeta, detect_metadata, detect_script
from .normalize import NormalizedText, normalize
from .suffixes import UNSUPPORTED, document_format

__all__ = ["Document", "read_document", "document_from_text", "decode_bytes", "html_to_text",
           "check_hints", "DEFAULT_MAX_BYTES"]

@dataclass(frozen=True)
class Document:
    """A read document: original text, normalized text and metadata.

    Attributes
    ----------
    name : str
        File name (or the label given for in-memory text).
    path : str or None
        Path the document was read from.
    original : str
        Decoded text (for HTML: the text it reduces to). Offsets refer to it.
    normalized : NormalizedText
        Normalized text with its offset map to ``original``.
    meta : DocumentMeta
        Region, year, kind, period, date and script as detected from the text
        alone (hints are not applied here: :func:`govmetrics.frame.frame`
        applies them, in one place).
    hints : dict
        The caller's hints (``region``, ``year``), kept for the frame stage.

    Examples
    --------
    >>> doc = document_from_text("2024年洪湖市政府工作报告", name="hh")
    >>> doc.meta.region, doc.text
    ('洪湖市', '2024年洪湖市政府工作报告')
    """

    name: str
    path: str | None
    original: str
    normalized: NormalizedText
    meta: DocumentMeta
    hints: dict = dataclasses.field(default_factory=dict)

    @property
    def text(self) -> str:
        """The normalized text."""
        return self.normalized.text


# ---------------------------------------------------------------------------
# Bytes -> text
# ---------------------------------------------------------------------------


_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
_MAGIC = (  # binary formats recognised by their first bytes
    (b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (a .docx or .xlsx file?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc?)"), (b"{\\rtf", "an RTF file"),
)


def _utf8_with_bad_bytes(data: bytes, exc: UnicodeDecodeError, label: str, errors: str) -> str | None:
    """UTF-8 text with a few invalid bytes: replaced, or an error giving the first offset.

    None when the bytes are not mostly UTF-8 (another encoding is tried).
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    wide = sum(1 for c in text if c > "\x7f") - bad
    if wide < 8 or bad * 50 > wide:  # not mostly valid multi-byte UTF-8
        return None
    if errors == "replace":
        return text
    raise DocumentError(label, f"invalid UTF-8 byte 0x{data[exc.start]:02x} at offset {exc.start} "
                               f"({bad} bad byte sequence(s) in otherwise UTF-8 text); "
                               "read it with errors='replace' to keep the rest")


#: encodings charset-normalizer chooses from: Chinese ones and the Unicode forms
_DETECT = ["gb18030", "big5", "big5hkscs", "cp950", "utf_16_le", "utf_16_be", "utf_32_le",
           "utf_32_be"]
_CJK_TEXT = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _detect(data: bytes) -> str | None:
    """Text decoded with the encoding charset-normalizer finds, or None.

    A guess is kept only when most of its non-ASCII characters are Chinese
    (a short run of bad bytes otherwise "decodes" as something).
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_DETECT).best()
    if best is None:
        return None
    text = str(best)
    sample = text[:20000]
    wide = sum(1 for c in sample if c > "\x7f")
    if wide and len(_CJK_TEXT.findall(sample)) * 10 < wide * 8:
        return None
    return text


def decode_bytes(data: bytes, *, label: str = "<bytes>", errors: str = "strict") -> str:
    """Decode document bytes, refusing when no encoding reads them cleanly.

    Tried in order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-8;
    GB2312; then the encoding `charset-normalizer` detects (GB18030/GBK,
    Big5, UTF-16/32 without a mark, ...). UTF-8 text with a few invalid
    bytes is refused with the offset of the first one unless
    ``errors="replace"`` (they become U+FFFD).

    Parameters
    ----------
    data : bytes
        The file's bytes.
    label : str
        Names the input in errors.
    errors : {"strict", "replace"}
        What to do with bytes that do not decode.

    Raises
    ------
    DocumentError
        For binary data or bytes that decode cleanly in no encoding.

    Examples
    --------
    >>> decode_bytes("咸宁".encode("gb18030"))
    '咸宁'
    >>> decode_bytes("咸寧市地區生產總值增長".encode("big5"))
    '咸寧市地區生產總值增長'
    """
    if errors not in ("strict", "replace"):
        raise ParameterError(f"errors: expected 'strict' or 'replace', got {errors!r}")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec, errors)
            except UnicodeDecodeError as exc:
                raise DocumentError(label, f"invalid {codec.upper()} text at byte offset "
                                           f"{exc.start} ({exc.reason})") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DocumentError(label, f"{what}, not a text or HTML document")
    if b"\x00" in data:  # UTF-16/32 without a mark, or binary
        text = _detect(data)
        if text is not None and "\x00" not in text:
            return text
        raise DocumentError(label, "binary file (NUL bytes, no text encoding reads it), "
                                   "not a text or HTML document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _utf8_with_bad_bytes(data, exc, label, errors)
        if text is not None:
            return text
    try:
        return data.decode("gb2312")  # fast and unambiguous for simplified text
    except UnicodeDecodeError:
        pass
    text = _detect(data)
    if text is not None:
        return text
    if errors == "replace":
        return data.decode("utf-8", "replace")
    raise DocumentError(label, "cannot decode: no encoding (UTF-8, GB18030, Big5, "
                               "UTF-16, ...) reads it cleanly")


# ---------------------------------------------------------------------------
# Hints and limits
# ---------------------------------------------------------------------------

#: Default ``max_bytes`` of :func:`read_document` and :func:`govmetrics.extract`:
#: 64 MB. The longest real reports are about 1 MB; a larger file is most likely
#: not one document, and reading it would take over a gigabyte of memory.
DEFAULT_MAX_BYTES = 64_000_000
_YEARS = (1949, 2100)


def check_hints(*, region: object = None, year: object = None, kind: object = None,
                period_end: object = None) -> dict:
    """Validate the caller's hints up front; returns them (year and period as int).

    Raises :class:`govmetrics.errors.ParameterError` naming the parameter.
    Which region a name means, and whether ``kind`` is known, is decided by
    the frame stage (a short region name can be resolved by the parent the
    document names).

    Examples
    --------
    >>> check_hints(region="咸宁市", year="2022")
    {'region': '咸宁市', 'year': 2022, 'kind': None, 'period_end': None}
    >>> check_hints(year=1800)
    Traceback (most recent call last):
    ...
    govmetrics.errors.ParameterError: year: expected a year from 1949 to 2100, got 1800
    """
    if region is not None and (not isinstance(region, str) or not region.strip()):
        raise ParameterError(f"region: expected a region name or code (str), got "
                             f"{type(region).__name__} {region!r}")
    return {"region": region, "year": _int_hint("year", year, _YEARS),
            "kind": kind, "period_end": _int_hint("period_end", period_end, (1, 12))}


def _int_hint(name: str, value: object, bounds: tuple[int, int]) -> int | None:
    if value is None:
        return None
    v: int | None = None
    if isinstance(value, str) and value.strip().isdigit():
        v = int(value.strip())
    elif isinstance(value, numbers.Integral) and not isinstance(value, bool):
        v = int(value)
    if v is None:
        raise ParameterError(f"{name}: expected an integer, got {type(value).__name__} {value!r}")
    if not bounds[0] <= v <= bounds[1]:
        what = "a year" if name == "year" else "a month"
        raise ParameterError(f"{name}: expected {what} from {bounds[0]} to {bounds[1]}, "
                             f"got {value!r}")
    return v


def check_max_bytes(max_bytes: object) -> int | None:
    """Validate ``max_bytes`` (a positive int, or None for no limit)."""
    if max_bytes is None:
        return None
    if not isinstance(max_bytes, numbers.Integral) or isinstance(max_bytes, bool) or max_bytes <= 0:
        raise ParameterError(f"max_bytes: expected a positive integer or None, got {max_bytes!r}")
    return int(max_bytes)


def _too_large(size: int, limit: int, what: str) -> str:
    return (f"{what} is {size:,} bytes, over the limit of {limit:,} (max_bytes); "
            "split it, or pass a larger max_bytes (None: no limit)")


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def _build(text: str, *, name: str, path: str | None, region: str | None,
           year: int | None, is_html: bool = False) -> Document:
    label = path or name
    if is_html:
        text = html_to_text(text)
        if not text.strip():
            raise DocumentError(label, "HTML page contains no text after removing markup")
    if not text.strip():
        raise DocumentError(label, "document is empty (no text)")
    # the script first: its character flags are the ones normalization starts from
    script = detect_script(text)
    nt = normalize(text)
    meta = dataclasses.replace(detect_metadata(nt.text, name=name), script=script)
    hints = {k: v for k, v in (("region", region), ("year", year)) if v is not None}
    return Document(name=name, path=path, original=text, normalized=nt, meta=meta, hints=hints)


def _read_bytes(p: Path, label: str, limit: int | None) -> bytes:
    try:  # the errors say what a stat beforehand would (one system call fewer)
        with open(p, "rb") as f:
            if limit is None:
                return f.read()
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise DocumentError(label, _too_large(size, limit, "file"))
            # read what the file holds, not a buffer of the limit (about 100 µs a
            # file for the allocation alone); a file that grew since is read on
            data = f.read(size + 1)
            if len(data) > size:
                data += f.read(limit + 1 - len(data))
    except FileNotFoundError:
        raise DocumentNotFoundError(label, "file not found") from None
    except IsADirectoryError:
        raise DocumentError(label, "is a directory, not a document file") from None
    except PermissionError:
        raise DocumentError(label, "cannot read file: permission denied") from None
    except OSError as exc:
        raise DocumentError(label, f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > limit:  # a file that grew, or a pipe
        raise DocumentError(label, _too_large(len(data), limit, "file"))
    return data


def _read_text(data: bytes, label: str, errors: str) -> tuple[str, bool]:
    """Reader of the ``text`` format: decoded text; HTML when it starts as a page."""
    text = decode_bytes(data, label=label, errors=errors)
    return text, _looks_like_html(text)


def _read_html(data: bytes, label: str, errors: str) -> tuple[str, bool]:
    """Reader of the ``html`` format: decoded markup, reduced to text by :func:`_build`."""
    return decode_bytes(data, label=label, errors=errors), True


def _read_pdf(data: bytes, label: str, errors: str) -> tuple[str, bool]:  # noqa: ARG001
    """Reader of the ``pdf`` format: the text layer (:func:`govmetrics.text.formats.pdf_to_text`)."""
    return pdf_to_text(data, label=label), False


def _read_docx(data: bytes, label: str, errors: str) -> tuple[str, bool]:  # noqa: ARG001
    """Reader of the ``docx`` format (:func:`govmetrics.text.formats.docx_to_text`)."""
    return docx_to_text(data, label=label), False


#: format (``document_formats.csv``) -> reader: bytes, label, errors -> (text, is HTML).
#: A new format plugs in here and as a row of the table.
_READERS = {"text": _read_text, "html": _read_html, "pdf": _read_pdf, "docx": _read_docx}


def read_document(path: str | os.PathLike[str], *, region: str | None = None,
                  year: int | None = None, html: bool | None = None,
                  errors: str = "strict", max_bytes: int | None = DEFAULT_MAX_BYTES) -> Document:
    """Read a text or HTML document from disk.

    Parameters
    ----------
    path : str or path-like
        A document file; its suffix decides how it is read (see
        :mod:`govmetrics.text.suffixes`; unknown suffixes are read as text): text,
        HTML, or a ``.pdf`` / ``.docx`` file (needs the ``pdf`` extra; see
        :mod:`govmetrics.text.formats`).
    region : str, optional
        Region to use when the document does not name one (resolved through
        :func:`govmetrics.text.regions.lookup_region`).
    year : int, optional
        Plan year to use when the document does not state one.
    html : bool, optional
        Read as HTML (True) or as text (False); default: by the suffix, and a
        text file that starts with a tag and holds ``<html`` or ``<body`` is HTML.
    errors : {"strict", "replace"}
        ``"replace"`` reads UTF-8 text with a few invalid bytes (or text in no
        clean encoding) with U+FFFD in their place; default: refuse.
    max_bytes : int or None
        Refuse files larger than this (default :data:`DEFAULT_MAX_BYTES`, 64 MB);
        None: no limit.

    Returns
    -------
    Document

    Raises
    ------
    DocumentError
        Missing file (a ``FileNotFoundError`` too), directory, unreadable,
        unsupported format, too large, binary, undecodable or empty.
    ParameterError
        A hint or option of the wrong type or out of range.

    Examples
    --------
    >>> doc = read_document("data/raw/000_77440ee1c208de8a.txt")  # doctest: +SKIP
    >>> doc.meta.region, doc.meta.year, doc.meta.period_end  # doctest: +SKIP
    ('咸宁市', 2018, 3)
    """
    h = check_hints(region=region, year=year)
    region, year = h["region"], h["year"]
    limit = check_max_bytes(max_bytes)
    p = Path(path)
    label = str(p)
    fmt, note = document_format(p)
    if fmt == UNSUPPORTED:
        raise DocumentError(label, note)
    data = _read_bytes(p, label, limit)
    if not data.strip():
        raise DocumentError(label, "file is empty")
    kind = binary_kind(data[:8192], p.suffix)
    if kind == "doc":
        raise DocumentError(label, "legacy Word .doc files are not read; save it as .docx")
    reader = _READERS.get(kind or fmt or "text", _read_text)
    text, is_html = reader(data, label, errors)
    if html is not None:
        is_html = html
    return _build(text, name=p.name, path=label, region=region, year=year, is_html=is_html)


def document_from_text(text: str, *, name: str | None = None, region: str | None = None,
                       year: int | None = None, html: bool = False,
                       max_bytes: int | None = DEFAULT_MAX_BYTES) -> Document:
    """Build a :class:`Document` from text already in memory.

    Parameters
    ----------
    text : str
        Plain text; with ``html=True``, an HTML page.
    name : str, optional
        Label used in errors and as ``Document.name`` (default ``<text>``).
    region, year : optional
        Hints, kept in ``Document.hints`` for the frame stage, which uses them
        only where the document does not say.
    html : bool, default False
        Reduce ``text`` from HTML first. Text is never sniffed: offsets index
        ``text`` itself unless ``html=True`` (then they index the reduced
        text, ``Document.original``).
    max_bytes : int or None
        Refuse text longer than this many characters (default 64 million).

    Examples
    --------
    >>> document_from_text("一季度,全市GDP增长8%", region="咸宁市", year=2018).hints
    {'region': '咸宁市', 'year': 2018}
    """
    label = name or "<text>"
    if not isinstance(text, str):
        raise DocumentError(label, f"expected text (str), got {type(text).__name__}")
    h = check_hints(region=region, year=year)
    region, year = h["region"], h["year"]
    limit = check_max_bytes(max_bytes)
    if limit is not None and len(text) > limit:
        raise DocumentError(label, _too_large(len(text), limit, "text").replace(" bytes", " characters"))
    return _build(text, name=label, path=None, region=region, year=year, is_html=bool(html))
