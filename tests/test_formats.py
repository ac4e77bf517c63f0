"""PDF and Word input: the same facts as the text they were made from."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import govmetrics
from govmetrics.errors import DocumentError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "raw").glob("0*.txt"))
KEYS = ["region", "year", "indicator", "role", "period_end", "measure", "value", "low", "high",
        "stretch", "modifier", "estimate"]
FONT = "STSong-Light"  # a CID font every PDF reader knows: no font file is needed


def make_pdf(text: str, path: Path) -> Path:
    """Typeset ``text`` as a PDF the way a word processor would: lines wrapped by width."""
    pytest.importorskip("pypdf")
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(path))
    c.setFont(FONT, 10)
    y = 800
    for para in text.splitlines():
        for line in simpleSplit(para, FONT, 10, 420) or [""]:
            c.drawString(40, y, line)
            y -= 14
            if y < 40:
                c.showPage()
                c.setFont(FONT, 10)
                y = 800
    c.save()
    return path


def make_docx(text: str, path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for para in text.splitlines():
        document.add_paragraph(para)
    document.save(str(path))
    return path


def _facts(path: Path):
    return govmetrics.extract([path])[KEYS].astype(str).values.tolist()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_same_facts_as_the_text(seed, kind, tmp_path):
    text = seed.read_text(encoding="utf-8")
    make = make_pdf if kind == "pdf" else make_docx
    made = make(text, tmp_path / f"{seed.stem}.{kind}")
    expected = _facts(seed)
    assert expected, "the seed gives facts"
    assert _facts(made) == expected


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_spans_index_the_extracted_text(kind, tmp_path):
    seed = SEEDS[3]
    make = make_pdf if kind == "pdf" else make_docx
    made = make(seed.read_text(encoding="utf-8"), tmp_path / f"seed.{kind}")
    doc = govmetrics.read_document(made)
    facts = govmetrics.extract([made])
    assert len(facts) > 0
    for start, end, quote in zip(facts["char_start"], facts["char_end"], facts["quote"]):
        assert doc.original[int(start):int(end)] == quote


def test_a_scanned_pdf_has_no_text_layer(tmp_path):
    pytest.importorskip("pypdf")
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 200, 300, fill=1)  # a picture, no text
    c.showPage()
    c.save()
    with pytest.raises(DocumentError, match=r"no text layer \(scanned\?\)") as info:
        govmetrics.read_document(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_without_the_extra_the_message_names_it(tmp_path, monkeypatch):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\n%...\n")
    monkeypatch.setitem(sys.modules, "pypdf", None)  # import pypdf now fails
    with pytest.raises(DocumentError, match=r'\.\[pdf\]'):
        govmetrics.read_document(path)
    word = tmp_path / "report.docx"
    word.write_bytes(b"PK\x03\x04not really")
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(DocumentError, match="python-docx"):
        govmetrics.read_document(word)


def test_broken_and_legacy_files_are_one_line_errors(tmp_path):
    pytest.importorskip("pypdf")
    pytest.importorskip("docx")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not a pdf body")
    with pytest.raises(DocumentError, match="not a readable PDF"):
        govmetrics.read_document(broken)
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"plain text, not a zip")
    with pytest.raises(DocumentError, match="not a readable .docx"):
        govmetrics.read_document(fake)
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    with pytest.raises(DocumentError, match=r"save it as \.docx"):
        govmetrics.read_document(legacy)


def test_cli_reads_pdf_and_word_in_a_folder(tmp_path, capsys):
    from govmetrics.cli import main

    text = SEEDS[2].read_text(encoding="utf-8")
    make_pdf(text, tmp_path / "a.pdf")
    make_docx(text, tmp_path / "b.docx")
    code = main(["extract", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "a.pdf" in out and "b.docx" in out
