"""Every documented command runs: README and docs code blocks, and each --help example.

Bash blocks run line by line in a scratch folder that links ``data``,
``examples``, ``tests``, ``docs`` and ``scripts`` of the repository and holds the two files the pages assume
(``facts.csv``, a fact table; ``report.txt`` and ``news.txt``, documents). Install steps
(``python3 -m venv``, ``pip install``) are not run here — the environment is
already installed — but the extras they name must exist. Python blocks of a
page run in order in one namespace.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"```(bash|python)\n(.*?)```", re.S)
SETUP = re.compile(r"^(python3? -m venv|\. \.venv/bin/activate|pip install|python -m pytest|"
                   r"mkdocs )")
EXTRAS = re.compile(r"\.\[([\w,-]+)\]")

pytestmark = pytest.mark.slow


def _blocks(kind: str) -> list[tuple[str, int, str]]:
    out = []
    for page in PAGES:
        for i, m in enumerate(BLOCK.finditer(page.read_text(encoding="utf-8"))):
            if m.group(1) == kind:
                out.append((str(page.relative_to(ROOT)), i, m.group(2)))
    return out


def _commands(block: str) -> tuple[list[str], list[str]]:
    """(commands to run, setup steps skipped) of a bash block."""
    run, setup = [], []
    for line in block.replace("\\\n", " ").splitlines():
        line = re.sub(r"\s+#\s.*$", "", line).strip()
        if not line or line.startswith("#"):
            continue
        keep = []
        for part in (p.strip() for p in line.split("&&")):
            (setup if SETUP.match(part) else keep).append(part)
        if keep:
            run.append(" && ".join(keep))
    return run, setup


def _help_examples() -> list[str]:
    from govmetrics.cli import build_parser

    parser = build_parser()
    epilogs = [parser.epilog or ""]
    for action in parser._subparsers._group_actions:  # the subcommands
        epilogs += [p.epilog or "" for p in action.choices.values()]
    out = []
    for epilog in epilogs:
        lines = epilog.split("examples:", 1)[-1].splitlines()
        out += [re.sub(r"\s+#\s.*$", "", ln).strip() for ln in lines
                if ln.strip().startswith("govmetrics ")]
    return out


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    from govmetrics import datasets

    d = tmp_path_factory.mktemp("documented")
    for name in ("data", "examples", "tests", "docs", "scripts"):
        (d / name).symlink_to(ROOT / name, target_is_directory=True)
    datasets.load("seeds").to_csv(d / "facts.csv", index=False)
    shutil.copy(ROOT / "data" / "raw" / "003_500ad30c4c1f596f.txt", d / "report.txt")
    shutil.copy(ROOT / "data" / "raw" / "002_784350319b1ebff8.txt", d / "news.txt")
    return d


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["MPLBACKEND"] = "Agg"
    env["GOVMETRICS_PLOT_CJK"] = env.get("GOVMETRICS_PLOT_CJK", "1")
    return env


def _run(command: str, cwd: Path) -> None:
    prefix = "" if shutil.which("govmetrics", path=_env()["PATH"]) else \
        'govmetrics() { python -m govmetrics "$@"; }; '
    proc = subprocess.run(["bash", "-c", "set -e; " + prefix + command], cwd=cwd, env=_env(),
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{command}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"


def test_setup_steps_name_existing_extras():
    extras = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["project"]["optional-dependencies"])
    named = set()
    for _, _, block in _blocks("bash"):
        for step in _commands(block)[1]:
            for group in EXTRAS.findall(step):
                named |= set(group.split(","))
    assert named and named <= extras, named - extras


def test_first_quickstart_command_installs_all_and_prints_a_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = BLOCK.search(readme.split("## Quickstart", 1)[1]).group(2).strip()
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate")
    assert 'pip install -e ".[all]"' in first and first.endswith("govmetrics table")


@pytest.mark.parametrize("page,index,block", _blocks("bash"),
                         ids=lambda v: str(v).replace("/", ":") if isinstance(v, str) else None)
def test_bash_block_runs(page, index, block, workdir):
    for command in _commands(block)[0]:
        _run(command, workdir)


@pytest.mark.parametrize("command", _help_examples())
def test_help_example_runs(command, workdir):
    _run(command, workdir)


@pytest.mark.parametrize("page", sorted({p for p, _, _ in _blocks("python")}))
def test_python_blocks_of_a_page_run(page, workdir, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.chdir(workdir)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    try:
        for p, index, block in _blocks("python"):
            if p == page:
                exec(compile(block, f"{page}[{index}]", "exec"), namespace)  # noqa: S102
    finally:
        plt.close("all")
