"""Text out of PDF and Word (.docx) files, for :func:`govmetrics.read_document`.

Both need the ``pdf`` extra (``pip install -e ".[pdf]"``: pypdf and
python-docx, BSD and MIT licensed). The extracted text becomes
``Document.original``, so every span of a fact indexes it.

* PDF: the text layer of every page (pypdf), pages joined by a line break.
  A PDF without one (a scan) is an error: "no text layer (scanned?)".
* Word: the paragraphs of the body in order, table rows as lines with cells
  separated by a tab. Legacy ``.doc`` files are not read (save them as .docx).
"""

from __future__ import annotations

import io
import zipfile

from ..errors import DocumentError

__all__ = ["binary_kind", "docx_to_text", "pdf_to_text"]

_INSTALL = 'pip install -e ".[pdf]" in the repository, or pip install pypdf python-docx'


def binary_kind(data: bytes, suffix: str = "") -> str | None:
    """``"pdf"``, ``"docx"``, ``"doc"`` or ``None`` (not one of these) from bytes and suffix.

    Examples
    --------
    >>> binary_kind(b"%PDF-1.7 ..."), binary_kind(b"plain text", ".txt")
    ('pdf', None)
    """
    suffix = suffix.lower()
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (suffix == ".docx" or b"word/" in data[:4096]):
        return "docx"
    if suffix == ".docx":
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".doc":
        return "doc"
    return None


def pdf_to_text(data: bytes, *, label: str = "<pdf>") -> str:
    """The text layer of a PDF, page by page.

    Raises
    ------
    DocumentError
        When pypdf is missing, the file is not a readable PDF, it is
        encrypted with a password, or no page has text (a scan).
    """
    try:
        import pypdf
    except ImportError:
        raise DocumentError(label, f"reading PDF needs pypdf: {_INSTALL}") from None
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(label, "PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types for broken files
        raise DocumentError(label, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    text = "\n".join(p.rstrip("\n") for p in pages)
    if not text.strip():
        raise DocumentError(label, f"PDF has no text layer (scanned?) on its {len(pages)} "
                                   "page(s); run OCR first")
    return text


def docx_to_text(data: bytes, *, label: str = "<docx>") -> str:
    """The paragraphs and tables of a Word .docx body, in document order.

    Raises
    ------
    DocumentError
        When python-docx is missing or the file is not a .docx package.
    """
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise DocumentError(label, f"reading Word files needs python-docx: {_INSTALL}") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(label, f"not a readable .docx file ({exc})") from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append("\t".join(cell.text for cell in row.cells))
    text = "\n".join(lines)
    if not text.strip():
        raise DocumentError(label, "Word document has no text")
    return text
