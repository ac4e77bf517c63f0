"""Tests for the bundled regions table and lookups."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import pytest

from govmetrics.text.regions import (
    NATIONAL_CODE,
    lookup_region,
    region_by_code,
    region_parent,
    regions,
)

MANIFEST = Path(__file__).resolve().parent / "data" / "dev" / "manifest.csv"


def _manifest() -> list[dict[str, str]]:
    with MANIFEST.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_xianning_simplified_traditional_short() -> None:
    for name in ("咸宁市", "咸寧市", "咸宁"):
        reg = lookup_region(name)
        assert reg is not None and reg.name == "咸宁市" and reg.code == "421200", name
        assert reg.level == "prefecture" and reg.parent_name == "湖北省"


def test_chibi_parent_is_xianning() -> None:
    reg = lookup_region("赤壁市")
    assert reg is not None and reg.level == "county"
    assert reg.parent_name == "咸宁市"
    parent = region_parent(reg.code)
    assert parent is not None and parent.name == "咸宁市"
    assert reg.province == "湖北省"


@pytest.mark.parametrize("row", _manifest(), ids=lambda r: r["region"])
def test_manifest_regions_resolve(row: dict[str, str]) -> None:
    reg = lookup_region(row["region"], parent=row["parent"])
    assert reg is not None
    assert reg.name == row["region"]
    assert reg.level == row["level"]
    assert reg.parent_name == row["parent"]
    # unambiguous without the parent too
    assert lookup_region(row["region"]) == reg


@pytest.mark.parametrize("name", ["新晃侗族自治县", "汉台区", "潘集区", "余杭区", "蠡县"])
def test_named_hard_cases(name: str) -> None:
    assert lookup_region(name) is not None


def test_short_names_and_ambiguity() -> None:
    assert lookup_region("新晃").name == "新晃侗族自治县"
    assert lookup_region("朝阳区") is None  # Beijing and Changchun
    assert lookup_region("朝阳区", parent="北京市").code == "110105"
    assert lookup_region("朝阳区", parent="长春市").parent_name == "长春市"
    assert lookup_region("吉林") is None  # province and prefecture
    assert lookup_region("吉林", parent="吉林省").name == "吉林市"
    assert lookup_region("不存在的地方") is None
    assert lookup_region("") is None


def test_levels_of_special_units() -> None:
    assert lookup_region("北京市").level == "province"
    assert lookup_region("海淀区").parent_name == "北京市"
    assert lookup_region("仙桃市").level == "county"
    assert lookup_region("仙桃市").parent_name == "湖北省"
    assert lookup_region("全国").code == NATIONAL_CODE
    assert region_parent(NATIONAL_CODE) is None


def test_table_integrity() -> None:
    df = regions()
    assert list(df.columns) == ["code", "name", "short_name", "level", "parent_code",
                                "parent_name", "province"]
    assert df["code"].str.fullmatch(r"\d{6}").all()
    assert df["code"].is_unique
    codes = set(df["code"])
    parents = df["parent_code"].dropna()
    assert parents.isin(codes).all()
    assert (df["level"] == "province").sum() == 34
    assert (df["level"] == "national").sum() == 1
    assert set(df["level"]) == {"national", "province", "prefecture", "county"}
    # names of parents match the parent rows
    by_code = dict(zip(df["code"], df["name"], strict=True))
    sub = df.dropna(subset=["parent_code"])
    assert (sub["parent_code"].map(by_code) == sub["parent_name"]).all()
    assert region_by_code("421281").name == "赤壁市"


def test_meta_sidecar() -> None:
    meta = json.loads(resources.files("govmetrics").joinpath("data/regions.meta.json")
                      .read_text(encoding="utf-8"))
    assert meta["national_code"] == NATIONAL_CODE
    assert meta["rows"] == len(regions())
    assert "MIT" in meta["licence"]
