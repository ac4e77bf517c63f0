"""The sampled mutation pass (scripts/mutate.py): its mutants, and that it restores the source."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "mutate.py"


def _module():
    spec = importlib.util.spec_from_file_location("mutate_script", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


SOURCE = '''def f(x, items):
    """A docstring is never mutated."""
    y = x + 1
    if x < 3 and x in items:
        return True
    return y
'''


def test_mutants_of_a_module(tmp_path):
    m = _module()
    p = tmp_path / "rules.py"
    p.write_text(SOURCE, encoding="utf-8")
    whats = sorted(x.what for x in m.mutants_of(p))
    assert whats == sorted(["< -> >=", "in -> not in", "and -> or", "True -> False",
                            "statement -> pass", "statement -> pass"])  # y = ..., return y
    for x in m.mutants_of(p):  # every mutant is valid Python
        compile(SOURCE[:x.start] + x.new + SOURCE[x.end:], "rules.py", "exec")


def test_a_mutant_is_undone(tmp_path, monkeypatch):
    m = _module()
    p = tmp_path / "rules.py"
    p.write_text(SOURCE, encoding="utf-8")
    seen = []
    monkeypatch.setattr(m, "run_tests", lambda tests, timeout: seen.append(p.read_text()) or False)
    mutant = next(x for x in m.mutants_of(p) if x.what == "< -> >=")
    assert m.try_mutant(mutant, [], 1) is False  # the (stub) tests noticed it
    assert "x >= 3" in seen[0]
    assert p.read_text(encoding="utf-8") == SOURCE


def test_the_documented_list_command_runs():
    out = subprocess.run([sys.executable, str(SCRIPT), "--list", "frame"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "govmetrics/frame/" in out and "->" in out


def test_every_context_mutation_finds_its_source_once():
    """scripts/mutate_context.py: each hand-written mutation names source that is in its file
    exactly once (a rename that moves the source makes the mutation stale)."""
    spec = importlib.util.spec_from_file_location("mutate_context", ROOT / "scripts" / "mutate_context.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    assert len(mod.MUTATIONS) >= 60
    for name, path, source, mutated in mod.MUTATIONS:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert text.count(source) == 1, f"{name}: its source is in {path} {text.count(source)} times"
        assert mutated != source, name
