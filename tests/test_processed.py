"""``govmetrics table`` reads data/processed while its stamp is current, and never when stale."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govmetrics import _processed, cli
from govmetrics._processed import STAMP_NAME, current_facts, stamp, write_stamp
from govmetrics.cli import _inputs

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
PROCESSED = ROOT / "data" / "processed" / "facts.csv"
REBUILD = "run `python scripts/build_datasets.py` to rebuild data/processed and its stamp"


def test_committed_stamp_is_current():
    """The committed stamp matches data/raw, facts.csv and the extraction code of this tree.

    (Library versions are left out here: CI may install other versions, and then
    the table is extracted again, which is correct, only slower.)
    """
    recorded = json.loads(PROCESSED.with_name(STAMP_NAME).read_text(encoding="utf-8"))
    today = stamp(RAW, PROCESSED)
    for part in ("format", "raw", "facts", "extraction"):
        assert recorded[part] == today[part], f"data/processed: stamp differs in {part!r}; {REBUILD}"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A copy of data/raw and data/processed (with its stamp) as the working directory."""
    shutil.copytree(RAW, tmp_path / "data" / "raw")
    (tmp_path / "data" / "processed").mkdir()
    shutil.copy(PROCESSED, tmp_path / "data" / "processed" / "facts.csv")
    write_stamp(tmp_path / "data" / "raw", tmp_path / "data" / "processed" / "facts.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(argv, capsys, monkeypatch, *, extracts: bool) -> str:
    """``govmetrics ARGV``'s stdout, checking whether it extracted the documents."""
    calls = []
    real = _inputs._extract

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(_inputs, "_extract", spy)
    capsys.readouterr()
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert bool(calls) == extracts, "extracted" if calls else "served data/processed"
    return out


@pytest.mark.parametrize("argv", [["table"], ["table", "--wide", "-f", "md"],
                                  ["table", "-f", "csv", "--year", "2024"], ["table", "--year", "2021", "--period", "6"]])
def test_served_table_is_the_extracted_table(repo, argv, capsys, monkeypatch):
    served = _run(argv, capsys, monkeypatch, extracts=False)
    (repo / "data" / "processed" / STAMP_NAME).unlink()
    extracted = _run(argv, capsys, monkeypatch, extracts=True)
    assert served == extracted
    assert served.strip()


def _edit_a_document(repo: Path) -> None:
    doc = repo / "data" / "raw" / "002_784350319b1ebff8.txt"
    text = doc.read_text(encoding="utf-8")
    assert "增长" in text
    doc.write_text(text.replace("增长", "增长1", 1), encoding="utf-8")


def _add_a_document(repo: Path) -> None:
    (repo / "data" / "raw" / "900_extra.txt").write_text(
        "2023年某市政府工作报告\n主要预期目标是：地区生产总值增长6.5%左右。\n", encoding="utf-8")


def _remove_a_document(repo: Path) -> None:
    (repo / "data" / "raw" / "105_xianning_2019_work_report.txt").unlink()


def _edit_the_manifest(repo: Path) -> None:
    with (repo / "data" / "raw" / "MANIFEST.csv").open("a", encoding="utf-8") as f:
        f.write("\n")


def _edit_the_table(repo: Path) -> None:
    facts = repo / "data" / "processed" / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace(",8.5,", ",9.5,", 1),
                     encoding="utf-8")


def _bad_stamp(repo: Path) -> None:
    (repo / "data" / "processed" / STAMP_NAME).write_text("{not json", encoding="utf-8")


@pytest.mark.parametrize("change", [_edit_a_document, _add_a_document, _remove_a_document,
                                    _edit_the_manifest, _edit_the_table, _bad_stamp])
def test_a_change_is_never_served_stale(repo, change, capsys, monkeypatch):
    change(repo)
    assert current_facts(repo / "data" / "raw", repo / "data" / "processed" / "facts.csv") is None
    got = _run(["table", "-f", "csv"], capsys, monkeypatch, extracts=True)
    want = cli.main(["table", "-f", "csv", "--input", "data/raw"])
    assert want == 0
    assert got == capsys.readouterr().out


def test_new_extraction_code_or_libraries_are_not_served_stale(repo, monkeypatch):
    raw, facts = repo / "data" / "raw", repo / "data" / "processed" / "facts.csv"
    assert current_facts(raw, facts) == facts
    with monkeypatch.context() as m:
        m.setattr(_processed, "libraries", lambda: "python 3.99; pandas 99")
        assert current_facts(raw, facts) is None
    with monkeypatch.context() as m:
        m.setattr(_processed, "extraction_fingerprint", lambda: "0" * 64)
        assert current_facts(raw, facts) is None
    assert current_facts(raw, facts) == facts


def test_region_or_year_hints_are_extracted(repo, capsys, monkeypatch):
    _run(["table", "--year-default", "2023"], capsys, monkeypatch, extracts=True)


def test_extraction_loads_no_module_left_out_of_the_fingerprint():
    code = ("import sys, govmetrics; govmetrics.extract(sys.argv[1]); "
            "govmetrics.extract_text('2023年地区生产总值增长6%。', region='咸宁市', year=2023); "
            "print('\\n'.join(m.__file__ for n, m in list(sys.modules.items()) "
            "if n.startswith('govmetrics') and getattr(m, '__file__', None)))")
    out = subprocess.run([sys.executable, "-c", code, str(RAW)], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.split()
    package = ROOT / "govmetrics"
    loaded = [Path(f).resolve().relative_to(package).as_posix() for f in out]
    assert "extract.py" in loaded
    left_out = [f for f in loaded if f.startswith(_processed.PRESENTATION)]
    assert left_out == []
