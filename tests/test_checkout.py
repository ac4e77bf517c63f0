"""Running from a checkout by a Python without the dependencies (govmetrics._checkout)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from govmetrics._checkout import checkout_environment, use_checkout_environment

ROOT = Path(__file__).resolve().parents[1]
VERSION = sys.version_info[:2]


def _checkout(tmp_path: Path, env: str = ".venv", marker: bool = True) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    sp = tmp_path / env / "lib" / f"python{VERSION[0]}.{VERSION[1]}" / "site-packages"
    sp.mkdir(parents=True)
    if marker:
        (tmp_path / env / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    return sp


def test_finds_the_environment_of_this_python(tmp_path):
    sp = _checkout(tmp_path)
    assert checkout_environment(tmp_path) == sp
    assert checkout_environment(tmp_path, (2, 7)) is None  # another Python's environment


def test_takes_venv_too(tmp_path):
    assert checkout_environment(tmp_path) is None  # not a checkout
    sp = _checkout(tmp_path, "venv")
    assert checkout_environment(tmp_path) == sp


def test_an_environment_beside_the_checkout_is_found_after_its_own(tmp_path):
    checkout = tmp_path / "main"
    checkout.mkdir()
    beside = _checkout(tmp_path)  # tmp_path/.venv, beside tmp_path/main
    (checkout / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert checkout_environment(checkout) == beside
    own = _checkout(checkout, "venv")
    assert checkout_environment(checkout) == own


def test_a_folder_without_pyvenv_cfg_is_no_environment(tmp_path):
    _checkout(tmp_path, marker=False)
    assert checkout_environment(tmp_path) is None


def test_missing_library_is_taken_from_the_environment(tmp_path, capsys, monkeypatch):
    sp = _checkout(tmp_path)
    (sp / "gm_probe_library.py").write_text("VALUE = 7\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delenv("GOVMETRICS_NO_CHECKOUT_ENV", raising=False)
    assert use_checkout_environment(("gm_probe_library",), root=tmp_path) == sp
    import gm_probe_library

    assert gm_probe_library.VALUE == 7
    assert "lacks the dependencies" in capsys.readouterr().err
    sys.modules.pop("gm_probe_library", None)


def test_nothing_happens_when_the_libraries_are_there(tmp_path, monkeypatch):
    _checkout(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    before = list(sys.path)
    assert use_checkout_environment(("json",), root=tmp_path) is None
    assert sys.path == before


def test_nothing_happens_without_an_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "path", list(sys.path))
    assert use_checkout_environment(("gm_probe_absent",), root=tmp_path) is None
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(not (ROOT / ".venv" / "pyvenv.cfg").is_file(),
                    reason="the checkout has no .venv (.ci/run creates one)")
def test_a_python_without_site_packages_extracts_from_the_checkout():
    # -S: the interpreter's own site-packages (the environment's, here) are not on the path,
    # as for a Python that never installed the dependencies; the scorer imports from the root
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import govmetrics; "
            "print(len(govmetrics.extract_text('地区生产总值增长8%左右。', year=2024)))")
    out = subprocess.run([sys.executable, "-S", "-c", code, str(ROOT)], capture_output=True,
                         text=True, check=False, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1"
    assert "lacks the dependencies" in out.stderr


def test_the_environment_variable_turns_it_off(tmp_path, monkeypatch):
    sp = _checkout(tmp_path)
    (sp / "gm_probe_off.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setenv("GOVMETRICS_NO_CHECKOUT_ENV", "1")
    assert use_checkout_environment(("gm_probe_off",), root=tmp_path) is None
