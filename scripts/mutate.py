"""A sampled mutation pass over the rule packages: how many small changes the tests notice.

Every comparison, boolean operator, boolean constant and simple statement
in the modules of ``govmetrics/frame``, ``govmetrics/statements`` and
``govmetrics/analysis`` is a possible *mutant*: a comparison flipped
(``<`` to ``>=``, ``==`` to ``!=``, ``in`` to ``not in``), ``and`` swapped
with ``or``, ``True`` with ``False``, or a statement replaced by ``pass``.
A seeded sample of them is applied one at a time; the package's tests run
(stopping at the first failure) and the source is restored. A mutant that
no test notices *survives*. The context rules have their own hand-written
list (``scripts/mutate_context.py``).

Run from the repository root::

    python scripts/mutate.py                    # 15 mutants per package
    python scripts/mutate.py --per-package 40 --seed 3
    python scripts/mutate.py --list frame       # every mutant of a package

The last line reads ``mutants: N, killed K, survived S (S/N survival)``;
the survivors are listed before it, each with its file, line and change.
"""

from __future__ import annotations

import argparse
import ast
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: package -> the tests that guard it
TESTS = {
    "frame": ["tests/test_frame.py", "tests/test_cases.py", "tests/test_phrasings.py"],
    "statements": ["tests/test_cases.py", "tests/test_phrasings.py", "tests/test_scanner.py",
                   "tests/test_speed_shortcuts.py"],
    "analysis": sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_analysis*.py")),
}

_FLIP = {ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt, ast.Eq: ast.NotEq,
         ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_SYMBOL = {ast.Lt: "<", ast.GtE: ">=", ast.Gt: ">", ast.LtE: "<=", ast.Eq: "==", ast.NotEq: "!=",
           ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}


@dataclass(frozen=True)
class Mutant:
    """One change: replace ``source[start:end]`` of ``path`` by ``new``."""

    path: Path
    line: int
    start: int
    end: int
    new: str
    what: str


def _offsets(text: str) -> list[int]:
    out, pos = [0], 0
    for line in text.splitlines(keepends=True):
        pos += len(line)
        out.append(pos)
    return out


def _span(node: ast.AST, offsets: list[int]) -> tuple[int, int]:
    return (offsets[node.lineno - 1] + node.col_offset,
            offsets[node.end_lineno - 1] + node.end_col_offset)


def mutants_of(path: Path) -> list[Mutant]:
    """Every mutant of one module (docstrings and type annotations left alone)."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    offsets = _offsets(text)
    out: list[Mutant] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _FLIP:
            s, e = _span(node, offsets)
            new = ast.Compare(left=node.left, ops=[_FLIP[type(node.ops[0])]()],
                              comparators=node.comparators)
            out.append(Mutant(path, node.lineno, s, e, ast.unparse(new),
                              f"{_SYMBOL[type(node.ops[0])]} -> {_SYMBOL[_FLIP[type(node.ops[0])]]}"))
        elif isinstance(node, ast.BoolOp):
            s, e = _span(node, offsets)
            op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            out.append(Mutant(path, node.lineno, s, e, ast.unparse(ast.BoolOp(op=op, values=node.values)),
                              "and -> or" if isinstance(node.op, ast.And) else "or -> and"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            s, e = _span(node, offsets)
            out.append(Mutant(path, node.lineno, s, e, str(not node.value), f"{node.value} -> {not node.value}"))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            for stmt in body:
                if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.Expr, ast.Return, ast.Continue,
                                     ast.Break)) and stmt.lineno == stmt.end_lineno:
                    s, e = _span(stmt, offsets)
                    out.append(Mutant(path, stmt.lineno, s, e, "pass", "statement -> pass"))
    return sorted(out, key=lambda m: (m.start, m.what))


def package_mutants(package: str) -> list[Mutant]:
    return [m for p in sorted((ROOT / "govmetrics" / package).rglob("*.py")) for m in mutants_of(p)]


def run_tests(tests: list[str], timeout: float) -> bool:
    """Whether the tests pass (a timeout counts as noticed: the mutant made them hang)."""
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header", *tests]
    try:
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=timeout).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def try_mutant(m: Mutant, tests: list[str], timeout: float) -> bool:
    """Apply ``m``, run the tests, restore the source; True when the mutant survives."""
    original = m.path.read_text(encoding="utf-8")
    try:
        m.path.write_text(original[:m.start] + m.new + original[m.end:], encoding="utf-8")
        return run_tests(tests, timeout)
    finally:
        m.path.write_text(original, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-package", type=int, default=15, help="mutants sampled per package (default 15)")
    ap.add_argument("--seed", type=int, default=1, help="sampling seed (default 1)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds for one test run (default 600)")
    ap.add_argument("--packages", nargs="*", default=list(TESTS), help="packages (default: all three)")
    ap.add_argument("--list", metavar="PACKAGE", help="list the mutants of a package and stop")
    a = ap.parse_args(argv)
    if a.list:
        for m in package_mutants(a.list):
            print(f"{m.path.relative_to(ROOT)}:{m.line}: {m.what}: {m.new[:60]}")
        return 0
    if not run_tests(sorted({t for p in a.packages for t in TESTS[p]}), a.timeout):
        raise SystemExit("mutate: the tests fail before any mutation; fix them first")
    rng = random.Random(a.seed)
    total = killed = 0
    survivors: list[Mutant] = []
    for package in a.packages:
        pool = package_mutants(package)
        sample = rng.sample(pool, min(a.per_package, len(pool)))
        t0 = time.perf_counter()
        dead = 0
        for m in sample:
            if try_mutant(m, TESTS[package], a.timeout):
                survivors.append(m)
            else:
                dead += 1
        total += len(sample)
        killed += dead
        print(f"{package}: {len(pool)} mutants, {len(sample)} sampled, {dead} killed, "
              f"{len(sample) - dead} survived ({time.perf_counter() - t0:.0f} s)")
    for m in survivors:
        print(f"survived: {m.path.relative_to(ROOT)}:{m.line}: {m.what}: {m.new[:70]}")
    print(f"mutants: {total}, killed {killed}, survived {total - killed} "
          f"({(total - killed) / max(total, 1):.0%} survival)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
