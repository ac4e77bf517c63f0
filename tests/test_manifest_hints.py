"""A MANIFEST.csv beside the documents gives region, year and kind where the text does not."""

from __future__ import annotations

import pytest

import govmetrics as gm
from govmetrics.errors import DocumentError

TEXT = "今年经济社会发展的主要预期目标是:地区生产总值增长11%;固定资产投资增长15%。"


def test_manifest_supplies_region_and_year(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "MANIFEST.csv").write_text(
        "doc,region,year,doc_type\na.txt,黄石市,2021,work_report\n", encoding="utf-8")
    facts = gm.extract(tmp_path)
    a = facts[facts["doc"] == "a.txt"]
    assert set(a["region"]) == {"黄石市"} and set(a["region_code"]) == {"420200"}
    assert set(a["year"]) == {2021}
    assert (a["year_source"].str.len() > 0).all()
    b = facts[facts["doc"] == "b.txt"]  # not listed: no hint
    assert b["year"].isna().all() and b["region"].isna().all()
    # arguments win over the manifest
    c = gm.extract(tmp_path / "a.txt", year=2019)
    assert set(c["year"]) == {2019} and set(c["region"]) == {"黄石市"}
    assert len(gm.unplaced(tmp_path / "a.txt").columns) > 0


def test_manifest_without_doc_column_is_a_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "MANIFEST.csv").write_text("file,region\na.txt,黄石市\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="MANIFEST.csv.*no 'doc' column"):
        gm.extract(tmp_path)
