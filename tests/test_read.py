"""Tests for govmetrics.text.read: decoding, HTML, errors, seeds."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import pytest

from govmetrics.errors import DocumentError, ParameterError
from govmetrics.text.read import decode_bytes, document_from_text, html_to_text, read_document

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
TEXT = "关于《政府工作报告》确定的2018年重点工作一季度完成情况的通报\n\n来源:咸宁政府网 日期:2018-05-14\n\n一季度,我市实现地区生产总值增长8.5%(预期目标8%)。\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""),
     ("utf-16", b"")],
)
def test_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    p = tmp_path / "doc.txt"
    p.write_bytes(prefix + TEXT.encode(encoding))
    doc = read_document(p)
    assert doc.original == TEXT
    assert doc.meta.region == "咸宁市"
    assert doc.meta.year == 2018
    assert doc.meta.period_end == 3
    assert doc.meta.published == dt.date(2018, 5, 14)
    assert doc.name == "doc.txt" and doc.path == str(p)


def test_html_page(tmp_path: Path) -> None:
    html = (
        "<html><head><title>t</title><style>p{color:red}</style>"
        "<script>var x='2099年';</script></head><body>"
        "<h1>关于《政府工作报告》确定的2021年重点工作半年进展情况通报</h1>"
        "<p>发布机构: 赤壁市人民政府办公室&nbsp;发布日期: 2022年06月29日</p>"
        "<div>完成情况:上半年预计地区生产总值同比增长35%左右&amp;。<br>第二行</div>"
        "</body></html>"
    )
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    doc = read_document(p)
    assert "<p>" not in doc.original and "var x" not in doc.original
    assert "增长35%左右&。\n第二行" in doc.original
    assert doc.meta.region == "赤壁市"
    assert doc.meta.kind == "progress_bulletin"
    assert doc.meta.period_end == 6
    assert doc.meta.published == dt.date(2022, 6, 29)
    # offsets refer to the reduced text
    i = doc.text.index("35%")
    s, e = doc.normalized.span_to_original(i, i + 3)
    assert doc.original[s:e] == "35%"


def test_html_sniffed_from_content(tmp_path: Path) -> None:
    p = tmp_path / "page.txt"
    p.write_text("<body><p>全市增长8%</p></body>", encoding="gb18030")
    assert read_document(p).original == "全市增长8%"


def test_html_to_text_blocks() -> None:
    assert html_to_text("<p>一</p><p>二</p>") == "一\n\n二"
    assert html_to_text("<div>一<br/>二</div>") == "一\n二"


def test_traditional_document(tmp_path: Path) -> None:
    p = tmp_path / "trad.txt"
    p.write_text("咸寧市人民政府\n規模以上工業增加值增長(zhǎng)8.3%", encoding="utf-8")
    doc = read_document(p)
    assert doc.meta.script == "traditional"
    assert doc.text == "咸宁市人民政府\n规模以上工业增加值增长8.3%"
    assert doc.meta.region == "咸宁市"


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty"), (b"   \n\t\n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
     (b"<html><body><script>x</script></body></html>", "no text"),
     (b"\xff\xff\xfe\x81\x30", "decode")],
)
def test_bad_files_name_the_file(tmp_path: Path, content: bytes, problem: str) -> None:
    p = tmp_path / "bad_file.txt"
    p.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        read_document(p)
    assert "bad_file.txt" in str(err.value)
    assert problem in err.value.problem


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="nope.txt: file not found"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="directory"):
        read_document(tmp_path)


def test_decode_bytes_gbk() -> None:
    assert decode_bytes("咸宁市".encode("gbk")) == "咸宁市"


def test_read_keeps_hints_and_does_not_apply_them() -> None:
    doc = document_from_text("一季度,全市增长8%", name="x", region="咸寧", year=2018)
    assert doc.meta.region is None and doc.meta.year is None  # read only reads
    assert doc.hints == {"region": "咸寧", "year": 2018}
    # hints are checked up front, naming the parameter
    with pytest.raises(ParameterError, match="^region: expected a region name"):
        document_from_text("增长8%", name="z", region=421200)
    with pytest.raises(DocumentError, match="<text>: document is empty"):
        document_from_text("  ")


@pytest.mark.parametrize(
    ("stem", "region", "year", "kind", "period", "published"),
    [
        ("000", "咸宁市", 2018, "progress_bulletin", 3, dt.date(2018, 5, 14)),
        ("001", "赤壁市", 2021, "progress_bulletin", 6, dt.date(2022, 6, 29)),
        ("002", "洪湖市", 2024, "work_report", 12, dt.date(2024, 1, 4)),
        ("003", "咸宁市", 2022, "progress_bulletin", 9, dt.date(2023, 1, 16)),
        ("004", "咸宁市", 2025, "target_breakdown", None, None),
    ],
)
def test_seeds(stem, region, year, kind, period, published) -> None:
    (path,) = RAW.glob(f"{stem}_*.txt")
    doc = read_document(path)
    m = doc.meta
    assert (m.region, m.year, m.kind) == (region, year, kind)
    assert m.period_end == period
    if published is not None:
        assert m.published == published
    assert m.script == ("traditional" if stem == "004" else "simplified")


def _fake_size(monkeypatch, size):
    """Make ``os.fstat`` in the reader report ``size`` bytes (a file that grows after the stat)."""
    import os as _os

    read_mod = importlib.import_module("govmetrics.text.read")
    real = _os.fstat

    class _Stat:
        def __init__(self, st):
            self.st_size, self._st = size, st

    monkeypatch.setattr(read_mod.os, "fstat", lambda fd: _Stat(real(fd)))


def test_a_file_that_grew_after_its_size_was_read_is_read_whole(tmp_path, monkeypatch):
    p = tmp_path / "grew.txt"
    text = "地区生产总值增长6%。" * 100
    p.write_text(text, encoding="utf-8")
    _fake_size(monkeypatch, 10)
    assert read_document(p).original == text


def test_a_file_that_grew_past_the_limit_is_refused(tmp_path, monkeypatch):
    p = tmp_path / "grew.txt"
    p.write_text("增长6%。" * 1000, encoding="utf-8")
    _fake_size(monkeypatch, 10)
    with pytest.raises(DocumentError, match="over the limit"):
        read_document(p, max_bytes=1000)
