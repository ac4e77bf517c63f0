"""``govmetrics table`` reads data/processed while its stamp is current, and never when stale.

With no options it prints the stored ``data/processed/table.txt`` while every
part of the stamp is current, without loading pandas.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govmetrics import _processed, cli
from govmetrics._processed import (
    STAMP_NAME,
    TABLE_NAME,
    current_facts,
    stamp,
    stored_table,
    table_stamp,
    write_stamp,
    write_table_stamp,
)
from govmetrics.cli import _commands, _inputs

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
PROCESSED = ROOT / "data" / "processed" / "facts.csv"
TABLE = PROCESSED.with_name(TABLE_NAME)
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
    assert "table" in recorded, f"data/processed: the stamp has no table part; {REBUILD}"
    table = table_stamp(TABLE)
    for part in ("file", "presentation"):
        assert recorded["table"][part] == table[part], \
            f"data/processed: stamp of {TABLE_NAME} differs in {part!r}; {REBUILD}"


def test_committed_table_is_what_the_command_computes(capsys, monkeypatch):
    """data/processed/table.txt is what `govmetrics table` prints in the repository today."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(cli, "print_stored_table", lambda *args: False)
    capsys.readouterr()
    assert cli.main(["table"]) == 0
    computed, err = capsys.readouterr()
    assert err == ""
    assert computed.strip()
    assert TABLE.read_bytes().decode("utf-8") == computed, REBUILD


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


def test_presentation_entries_name_files_of_the_package():
    package = ROOT / "govmetrics"
    files = [p.relative_to(package).as_posix() for p in package.rglob("*.py")
             if "__pycache__" not in p.parts]
    for entry in _processed.PRESENTATION:
        assert any(f.startswith(entry) for f in files), f"PRESENTATION: {entry!r} names no file"


# ------------------------------------------------ the stored table (table.txt)
def _computed(argv, capsys, monkeypatch) -> str:
    """``govmetrics ARGV``'s stdout computed by the subcommand, the stored table left aside."""
    with monkeypatch.context() as m:
        m.setattr(cli, "print_stored_table", lambda *args: False)
        capsys.readouterr()
        assert cli.main(argv) == 0
        return capsys.readouterr().out


@pytest.fixture
def stored(repo, capsys, monkeypatch) -> Path:
    """The ``repo`` copy with ``table.txt`` stored and stamped as the build script does."""
    facts = repo / "data" / "processed" / "facts.csv"
    table = facts.with_name(TABLE_NAME)
    table.write_bytes(_computed(["table"], capsys, monkeypatch).encode("utf-8"))
    write_table_stamp(facts, table)
    assert stored_table(repo / "data" / "raw", facts) is not None
    return repo


def _table_run(argv, capsys, monkeypatch, *, computes: bool) -> str:
    """``govmetrics ARGV``'s stdout, checking whether the table subcommand ran."""
    calls = []
    real = _commands._cmd_table

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(_commands, "_cmd_table", spy)
    capsys.readouterr()
    assert cli.main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert bool(calls) == computes, "computed" if calls else "printed table.txt"
    return out


def _replace_the_stored_table(repo: Path, text: str = "STORED\n") -> None:
    """Put ``text`` in table.txt and stamp it as current (to see where output comes from)."""
    facts = repo / "data" / "processed" / "facts.csv"
    facts.with_name(TABLE_NAME).write_text(text, encoding="utf-8")
    write_table_stamp(facts, facts.with_name(TABLE_NAME))


@pytest.mark.parametrize("argv", [["table"], ["table", "-f", "text"], ["table", "-o", "-"],
                                  ["table", "--view", "auto", "--lang", "zh"],
                                  ["--debug", "table"], ["table", "--debug"]])
def test_table_at_its_defaults_prints_the_stored_table(stored, argv, capsys, monkeypatch):
    want = (stored / "data" / "processed" / TABLE_NAME).read_text(encoding="utf-8")
    assert _table_run(argv, capsys, monkeypatch, computes=False) == want
    assert _computed(["table"], capsys, monkeypatch) == want
    _replace_the_stored_table(stored)
    assert _table_run(argv, capsys, monkeypatch, computes=False) == "STORED\n"


@pytest.mark.parametrize("argv", [["table", "--year", "2022"], ["table", "-f", "md"],
                                  ["table", "--input", "data/raw"], ["table", "--wide"],
                                  ["table", "--lang", "en"], ["table", "--dataset", "seeds"],
                                  ["table", "--region", "咸宁市"], ["table", "-o", "t.txt"]])
def test_any_option_computes_the_table(stored, argv, capsys, monkeypatch):
    _replace_the_stored_table(stored)
    out = _table_run(argv, capsys, monkeypatch, computes=True)
    assert "STORED" not in out
    if "-o" not in argv:
        assert out.strip()


def _edit_the_stored_table(repo: Path) -> None:
    table = repo / "data" / "processed" / TABLE_NAME
    table.write_text(table.read_text(encoding="utf-8").replace("湖北省", "湖南省"),
                     encoding="utf-8")


def _remove_the_stored_table(repo: Path) -> None:
    (repo / "data" / "processed" / TABLE_NAME).unlink()


def _restamp_the_facts_only(repo: Path) -> None:
    write_stamp(repo / "data" / "raw", repo / "data" / "processed" / "facts.csv")


def _new_presentation_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_processed, "presentation_fingerprint", lambda: "0" * 64)


def _new_table_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_processed, "table_libraries",
                        lambda: "pandas 99; tabulate 99; wcwidth 99")


def _new_extraction_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_processed, "extraction_fingerprint", lambda: "0" * 64)


@pytest.mark.parametrize("change", [_edit_a_document, _add_a_document, _edit_the_table,
                                    _edit_the_stored_table, _remove_the_stored_table,
                                    _restamp_the_facts_only, _bad_stamp])
def test_a_change_computes_the_table(stored, change, capsys, monkeypatch):
    _replace_the_stored_table(stored, "STORED 湖北省\n")
    assert _table_run(["table"], capsys, monkeypatch, computes=False) == "STORED 湖北省\n"
    change(stored)
    assert stored_table(stored / "data" / "raw",
                        stored / "data" / "processed" / "facts.csv") is None
    got = _table_run(["table"], capsys, monkeypatch, computes=True)
    assert "STORED" not in got
    assert got == _computed(["table"], capsys, monkeypatch)


@pytest.mark.parametrize("change", [_new_presentation_code, _new_table_libraries,
                                    _new_extraction_code])
def test_new_code_or_libraries_compute_the_table(stored, change, capsys, monkeypatch):
    _replace_the_stored_table(stored)
    _table_run(["table"], capsys, monkeypatch, computes=False)
    change(monkeypatch)
    assert "STORED" not in _table_run(["table"], capsys, monkeypatch, computes=True)


def test_presentation_code_is_fingerprinted_apart_from_extraction(tmp_path, monkeypatch):
    """A changed file of present/ makes the stored table stale, not the processed facts."""
    package = tmp_path / "govmetrics"
    shutil.copytree(ROOT / "govmetrics", package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(_processed, "_PACKAGE", package)
    raw, facts = tmp_path / "data" / "raw", tmp_path / "data" / "processed" / "facts.csv"
    shutil.copytree(RAW, raw)
    facts.parent.mkdir()
    shutil.copy(PROCESSED, facts)
    write_stamp(raw, facts)
    facts.with_name(TABLE_NAME).write_text("a table\n", encoding="utf-8")
    write_table_stamp(facts, facts.with_name(TABLE_NAME))
    assert stored_table(raw, facts) == "a table\n"
    with (package / "present" / "tables" / "writers.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change\n")
    assert current_facts(raw, facts) == facts
    assert stored_table(raw, facts) is None
    write_table_stamp(facts, facts.with_name(TABLE_NAME))
    assert stored_table(raw, facts) == "a table\n"
    with (package / "schema.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change\n")
    assert current_facts(raw, facts) is None
    assert stored_table(raw, facts) is None


def _importtime_table(cwd: Path) -> tuple[str, list[str], list[str]]:
    """``python -X importtime -m govmetrics table`` in ``cwd``: stdout, modules, other stderr."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "govmetrics", "table"],
                          capture_output=True, cwd=cwd, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    lines = proc.stderr.decode("utf-8").splitlines()
    modules = [ln.rsplit("|", 1)[1].strip() for ln in lines if ln.startswith("import time:")]
    return (proc.stdout.decode("utf-8"), modules,
            [ln for ln in lines if not ln.startswith("import time:")])


def test_stored_table_is_printed_without_pandas(stored):
    out, modules, err = _importtime_table(stored)
    assert out == (stored / "data" / "processed" / TABLE_NAME).read_bytes().decode("utf-8")
    assert err == []
    assert "govmetrics.cli" in modules and "govmetrics._processed" in modules
    assert not [m for m in modules if m.split(".")[0] in ("pandas", "numpy", "tabulate")]
    _edit_the_stored_table(stored)  # the same command, computing: pandas is loaded
    out, modules, err = _importtime_table(stored)
    assert "pandas" in modules and "湖北省" in out and err == []
