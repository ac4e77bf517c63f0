"""Read a document from disk or memory into a :class:`Document`.

Bytes are decoded as UTF-8 (with or without BOM), UTF-16 (with BOM) or
GB18030 (a superset of GBK/GB2312). HTML input (by extension ``.htm``/
``.html`` or by content) is reduced to text, block elements becoming line
breaks; ``Document.original`` is then that reduced text and every offset
(``NormalizedText.to_original``) refers to it. Problems are reported as
:class:`govmetrics.errors.DocumentError` naming the file.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import DocumentError
from .formats import binary_kind, docx_to_text, pdf_to_text
from .metadata import DocumentMeta, detect_metadata, detect_script
from .normalize import NormalizedText, normalize

__all__ = ["Document", "read_document", "document_from_text", "decode_bytes", "html_to_text"]

_HTML_EXTENSIONS = {".htm", ".html", ".shtml", ".xhtml"}
_HTML_SNIFF = re.compile(r"<\s*(?:html|body|p|div|br|!doctype\s+html)\b", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr td "
    "th title ul".split())
_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "head"})


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


def decode_bytes(data: bytes, *, label: str = "<bytes>") -> str:
    """Decode document bytes: UTF-8 (BOM optional), UTF-16 with BOM, else GB18030.

    Raises
    ------
    DocumentError
        For binary data (NUL bytes) or bytes that decode as none of these.

    Examples
    --------
    >>> decode_bytes("咸宁".encode("gb18030"))
    '咸宁'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(label, f"invalid UTF-16 text ({exc.reason})") from None
    if b"\x00" in data:
        raise DocumentError(label, "binary file (contains NUL bytes), not a text or HTML document")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise DocumentError(label, "cannot decode as UTF-8 or GB18030 (GBK) text") from None


# ---------------------------------------------------------------------------
# HTML -> text
# ---------------------------------------------------------------------------


class _TextParser(HTMLParser):
    """Stdlib fallback: text with block elements as line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        if tag in _DROP_TAGS:
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS and tag != "br":
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _tidy_lines(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.splitlines()]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip("\n")


def html_to_text(html: str) -> str:
    """Reduce HTML to text: scripts/styles dropped, block elements as paragraphs.

    Block elements (p, div, li, h1 ...) are separated by a blank line, like
    the plain-text documents; ``<br>`` is a single line break.

    Uses BeautifulSoup when installed (``pip install -e ".[html]"``), else
    the standard-library parser.

    Examples
    --------
    >>> html_to_text("<html><body><p>一季度&nbsp;增长8%</p><p>完成<br>全年</p></body></html>")
    '一季度 增长8%\\n\\n完成\\n全年'
    """
    try:
        from bs4 import BeautifulSoup
    except ImportError:  # pragma: no cover - bs4 is in the html extra
        parser = _TextParser()
        parser.feed(html)
        parser.close()
        return _tidy_lines("".join(parser.parts))
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(list(_DROP_TAGS)):
        tag.decompose()
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(list(_BLOCK_TAGS - {"br"})):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return _tidy_lines(soup.get_text())


def _looks_like_html(text: str) -> bool:
    return _HTML_SNIFF.search(text[:4096]) is not None


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def _build(text: str, *, name: str, path: str | None, region: str | None,
           year: int | None, is_html: bool | None = None) -> Document:
    label = path or name
    if is_html is None:
        is_html = _looks_like_html(text)
    if is_html:
        text = html_to_text(text)
        if not text.strip():
            raise DocumentError(label, "HTML page contains no text after removing markup")
    if not text.strip():
        raise DocumentError(label, "document is empty (no text)")
    nt = normalize(text)
    meta = detect_metadata(nt.text, name=name)
    meta = dataclasses.replace(meta, script=detect_script(text))
    hints = {k: v for k, v in (("region", region), ("year", year)) if v is not None}
    return Document(name=name, path=path, original=text, normalized=nt, meta=meta, hints=hints)


def read_document(path: str | os.PathLike[str], *, region: str | None = None,
                  year: int | None = None) -> Document:
    """Read a text or HTML document from disk.

    Parameters
    ----------
    path : str or path-like
        A ``.txt``/``.htm``/``.html`` file (any extension; HTML is also
        sniffed), or a ``.pdf`` / ``.docx`` file (needs the ``pdf`` extra;
        see :mod:`govmetrics.formats`).
    region : str, optional
        Region to use when the document does not name one (resolved through
        :func:`govmetrics.regions.lookup_region`).
    year : int, optional
        Plan year to use when the document does not state one.

    Returns
    -------
    Document

    Raises
    ------
    DocumentError
        Missing file, directory, unreadable, binary, undecodable or empty; a
        PDF without a text layer; PDF or Word input without the ``pdf`` extra.

    Examples
    --------
    >>> doc = read_document("data/raw/000_77440ee1c208de8a.txt")  # doctest: +SKIP
    >>> doc.meta.region, doc.meta.year, doc.meta.period_end  # doctest: +SKIP
    ('咸宁市', 2018, 3)
    """
    p = Path(path)
    label = str(p)
    try:  # the errors say what a stat beforehand would (one system call fewer)
        data = p.read_bytes()
    except FileNotFoundError:
        raise DocumentError(label, "file not found") from None
    except IsADirectoryError:
        raise DocumentError(label, "is a directory, not a document file") from None
    except PermissionError:
        raise DocumentError(label, "cannot read file: permission denied") from None
    except OSError as exc:
        raise DocumentError(label, f"cannot read file: {exc.strerror or exc}") from None
    if not data.strip():
        raise DocumentError(label, "file is empty")
    kind = binary_kind(data[:8192], p.suffix)
    if kind is not None:
        if kind == "doc":
            raise DocumentError(label, "legacy Word .doc files are not read; save it as .docx")
        text = (pdf_to_text if kind == "pdf" else docx_to_text)(data, label=label)
        return _build(text, name=p.name, path=label, region=region, year=year, is_html=False)
    text = decode_bytes(data, label=label)
    is_html = True if p.suffix.lower() in _HTML_EXTENSIONS else None
    return _build(text, name=p.name, path=label, region=region, year=year, is_html=is_html)


def document_from_text(text: str, *, name: str | None = None, region: str | None = None,
                       year: int | None = None) -> Document:
    """Build a :class:`Document` from text already in memory.

    Parameters
    ----------
    text : str
        Plain text or HTML (sniffed).
    name : str, optional
        Label used in errors and as ``Document.name`` (default ``<text>``).
    region, year : optional
        Hints, kept in ``Document.hints`` for the frame stage, which uses them
        only where the document does not say.

    Examples
    --------
    >>> document_from_text("一季度,全市GDP增长8%", region="咸宁市", year=2018).hints
    {'region': '咸宁市', 'year': 2018}
    """
    label = name or "<text>"
    if not isinstance(text, str):
        raise DocumentError(label, f"expected text (str), got {type(text).__name__}")
    return _build(text, name=label, path=None, region=region, year=year)
