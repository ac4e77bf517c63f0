"""The documentation site builds with ``mkdocs build --strict``."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_mkdocs_build_strict(tmp_path):
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["NO_MKDOCS_2_WARNING"] = "1"
    site = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(site)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    for name in ("attainment_curve", "comparison_table", "list_datasets", "attainment"):
        assert name in api
    for internal in ("pair_facts", "Pairs", "judge", "_with_ranks"):  # no internals
        assert f'id="{internal}' not in api and f"<code>{internal}</code>" not in api
    assert (site / "first-hour" / "index.html").is_file()
    assert (site / "img" / "overview.png").is_file()
    assert (site / "methods" / "index.html").is_file()
    assert (site / "data-sources" / "index.html").is_file()


def test_api_page_lists_the_public_api_once():
    import govmetrics

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_api_docs
    finally:
        sys.path.pop(0)
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert text == build_api_docs.render(), "run python scripts/build_api_docs.py"
    targets = [ln[4:].strip() for ln in text.splitlines() if ln.startswith("::: ")]
    assert len(targets) == len(set(targets))
    last = [t.rsplit(".", 1)[-1] for t in targets]
    objects = []
    for target in targets:
        module, _, attr = target.rpartition(".")
        objects.append(id(getattr(__import__(module, fromlist=[attr]), attr)))
    assert len(objects) == len(set(objects))  # each function once
    for name in govmetrics.__all__:
        obj = getattr(govmetrics, name)
        if not isinstance(obj, types.ModuleType):
            assert name in last, name
    for target in targets:  # every entry is the object itself, not a module of that name
        module, _, attr = target.rpartition(".")
        obj = getattr(__import__(module, fromlist=[attr]), attr)
        assert not isinstance(obj, types.ModuleType), target
    # the page's promise: each entry is importable from govmetrics or a public submodule
    from govmetrics import dask, datasets, plot, tables

    public = [govmetrics, dask, datasets, plot, tables]
    for target in targets:
        module, _, attr = target.rpartition(".")
        obj = getattr(__import__(module, fromlist=[attr]), attr)
        homes = [m for m in public if attr in getattr(m, "__all__", ()) and getattr(m, attr) is obj]
        assert homes, f"{target} is not importable from govmetrics or its public submodules"


def test_readme_shows_a_docs_image():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/img/overview.png)" in readme
    assert (ROOT / "docs" / "img" / "overview.png").is_file()
