"""Mutate each context rule once and check that a test fails (a mutation test).

Every rule that decides a figure's year, role or period (in the frame
stage, the resolve step, the statement finder's context cues and the context
policy) is listed below as a named mutation: a piece of source and what it
becomes when the rule is deleted or forced. Each is applied on its own, the
context tests run, and the source is restored. A mutation that no test
notices *survives*: the rule is not covered.

Run from the repository root::

    python scripts/mutate_context.py            # all mutations
    python scripts/mutate_context.py --list     # their names
    python scripts/mutate_context.py --only 届时 # those whose name holds 届时

The last line reads ``mutations: N, killed K, survived S``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ["tests/test_cases.py", "tests/test_frame.py", "tests/test_phrasings.py"]

F = "govmetrics/frame/sections.py"
B = "govmetrics/frame/build.py"
R = "govmetrics/resolve.py"
SS = "govmetrics/statements/sentence.py"
SF = "govmetrics/statements/figure.py"
P = "govmetrics/data/context_policy.csv"

#: (name, file, source, mutated source)
MUTATIONS: list[tuple[str, str, str, str]] = [
    ("heading: a past year's plan is a review", F,
     'if year_m and plan_year and int(year_m.group(1)) < plan_year and role in ("target",',
     'if False and role in ("target",'),
    ("heading: the year before the plan year alone is a review", F,
     "    if year_m and plan_year and int(year_m.group(1)) == plan_year - 1:\n",
     "    if False:\n"),
    ("heading: a labelled line is no heading", F,
     "    if _LABELLED.search(head):\n        return None", "    if False:\n        return None"),
    ("heading: a heading states no figure", F,
     'if "。" in head[:-1] or _FIGURE.search(head):', 'if "。" in head[:-1]:'),
    ("opener: 2016年,是… names the year", F, "    m = _YEAR_IS.match(head)\n",
     "    m = None\n"),
    ("opener: an earlier year is a review", F,
     "        if m.group(1) and plan_year and year < plan_year:\n            role = \"review\"",
     "        if False:\n            role = \"review\""),
    ("opener: last year's targets restated open no plan", F,
     "        if role == \"target\" and year and plan_year and year < plan_year:\n            return None",
     "        if False:\n            return None"),
    ("opener: no figure before the cue", F,
     "if c is None or _FIGURE.search(head, 0, c.start()):", "if c is None:"),
    ("opener: a year named opens a section only in annual reports", F,
     "    if plan_year is None or not annual:", "    if plan_year is None:"),
    ("opener: an earlier year named opens a review", F,
     "    if year < plan_year:\n        return Section(", "    if False:\n        return Section("),
    ("opener: the plan year at the start opens the plan", F,
     "    if year == plan_year and opens and _FIGURE.search(head, m.end()):",
     "    if False:"),
    ("opener: the plan year opens the plan only before a figure", F,
     "    if year == plan_year and opens and _FIGURE.search(head, m.end()):",
     "    if year == plan_year and opens:"),
    ("opener: only a change of role starts a section", F,
     "        elif sec.role != starts[-1].role:", "        else:"),
    ("kind: relay and mid-year cues", B, "    for cue in kind_cues():", "    for cue in ():"),
    ("kind: a mid-year cue beats a plan-report title", B,
     "if m and (title_result is None or title_result[0] in cue.overrides):",
     "if m and title_result is None:"),
    ("plan year: a title naming the year under review", B,
     "if kind == \"work_report\" and pub is not None and year == pub.year - 1 and pub.month <= 3:",
     "if False:"),
    ("plan year: a bulletin's title year", B, "    if kind in _DATA_YEAR_KINDS:\n        lines",
     "    if False:\n        lines"),
    ("plan year: the hint", B, '        return int(hint), f"hint:year={hint}"',
     '        return None, ""'),
    ("period: annual reports cover the year", B,
     '    if kind in _ANNUAL_KINDS:\n        return 12, f"default:{kind}"',
     '    if False:\n        return 12, f"default:{kind}"'),
    ("period: the hint", B, '        return int(hint), f"hint:period_end={hint}"',
     '        return None, ""'),
    ("speech year: the date of delivery", B, "        speech = pub.year", "        speech = plan_year"),
    ("bulletin lists targets", B, "lists_targets=m is not None,", "lists_targets=False,"),
    ("region: a parent named in the text", B, "        if parent and parent in text:",
     "        if False:"),
    ("resolve: the sentence's role cue", R, "    if d.role:\n        return d.role",
     "    if False:\n        return d.role"),
    ("resolve: an earlier year is an actual", R,
     '        if year < frame.plan_year:\n            return "actual"',
     '        if False:\n            return "actual"'),
    ("resolve: a year after the year of speech is a target", R,
     '        if year > speech:\n            return "target"', '        if False:\n            return "target"'),
    ("resolve: the plan year named in an annual report", R,
     "        if year == frame.plan_year and row.plan_year_role:", "        if False:"),
    ("resolve: an item head restates a target", R,
     "    if d.item_head and row.item_head_role and frame.lists_targets:", "    if False:"),
    ("resolve: the sentence's year", R, "    year = _sentence_year(d, frame)\n    if year is not None:\n        return year",
     "    year = None\n    if year is not None:\n        return year"),
    ("resolve: a target is for the plan year", R,
     '    if role == "target":\n        if frame.plan_year is None:', '    if False:\n        if frame.plan_year is None:'),
    ("resolve: the section's year", R, "    if section is not None and section.year is not None:\n        return section.year",
     "    if False:\n        return section.year"),
    ("resolve: the policy's year offset", R, "    offset = row.year_offset", "    offset = 0"),
    ("resolve: an actual in a target section takes the kind's default year", R,
     "    if row.fact_role != \"actual\":  # an actual", "    if False:  # an actual"),
    ("resolve: a target is for the whole year", R,
     '    if role == "target":\n        return 12', '    if False:\n        return 12'),
    ("resolve: the sentence's period", R, "    if d.period_end is not None:\n        return d.period_end",
     "    if False:\n        return d.period_end"),
    ("resolve: the section's period", R,
     "    if section is not None and section.period_end is not None:\n        return section.period_end",
     "    if False:\n        return section.period_end"),
    ("resolve: the policy's whole year", R, '    if row.period_end == "12":', "    if False:"),
    ("resolve: the document's period", R, "    if frame.period_end is not None:\n        return frame.period_end",
     "    if False:\n        return frame.period_end"),
    ("resolve: a comparison with another base year", R,
     "    if d.cmp_year is not None and year is not None and d.cmp_year != year - 1 \\",
     "    if False \\"),
    ("resolve: targets are no estimates", R, '    if role != "actual":\n        d.estimate = False',
     '    if False:\n        d.estimate = False'),
    ("resolve: relative years count from the year of speech", R,
     "        base = frame.speech_year or frame.plan_year", "        base = frame.plan_year"),
    ("statements: a relative year word opens the sentence", SS,
     "        rel = _RELATIVE_YEAR.match(sent.text)", "        rel = None"),
    ("statements: a clause's own year", SS, "        got = _clause_year(r.text, t.end, r.sent.end)",
     "        got = None"),
    ("statements: a target heading makes its line targets", SF,
     '    if r.line_target:\n        return "target"', '    if False:\n        return "target"'),
    ("statements: a figure with a stretch is a target", SF,
     '    if base.role == "":  # a figure with', '    if False:  # a figure with'),
    ("statements: a restated limit is a target", SF,
     '    if role == "" and r.control and modifier == "at_most" and any(', '    if False and any('),
    ("statements: a figure right after 比一季度 is that period's", SF,
     '    if role != "target" and r.cmp_period and 0 <= t.start - r.cmp_end <= 1:',
     '    if False:'),
    ("statements: 延续一季度… names no period of the figure", SS,
     '(?:比|较|快于|高于|低于|延续|保持|继续)', '(?:比|较|快于|高于|低于)'),
    ("statements: a comparison base year the sentence cannot settle", SS,
     "        r.cmp_year = by  # the figure's year", "        r.cmp_year = None  # the figure's year"),
    ("statements: a rank in a 预计 sentence is an estimate", SS,
     '                            estimate=bool(r.estimate), role_cue="measure:rank",',
     '                            role_cue="measure:rank",'),
    ("policy: a bulletin's target heading lists results", P,
     "progress_bulletin,target,actual,plan_year,document,target,",
     "progress_bulletin,target,target,plan_year,12,target,"),
    ("policy: a bulletin's item head restates a target", P,
     "progress_bulletin,none,actual,plan_year,document,target,",
     "progress_bulletin,none,actual,plan_year,document,,"),
    ("policy: the plan year named in a work report is a target", P,
     "work_report,none,actual,plan_year-1,12,,target,", "work_report,none,actual,plan_year-1,12,,,"),
    ("policy: a work report's review is last year", P, "work_report,review,actual,plan_year-1,12",
     "work_report,review,actual,plan_year,12"),
    # phrasing rules that decide a year, role or period (issue 10)
    ("year: 2015年的 names its figure's year", SS,
     "    if m and t.year is not None:\n        r.fig_year, r.year_rel, r.year_cue = t.year, None,",
     "    if False:\n        r.fig_year, r.year_rel, r.year_cue = t.year, None,"),
    ("year: a five-year plan gives its last year", SS,
     "    r.fig_year, r.year_rel, r.year_cue = end, None, t.text", "    pass"),
    ("role: a plan's 目标 is a target", SS,
     '    if "目标" in t.text or _PLAN_GOAL_AFTER.match(r.text, t.end, t.end + 6):\n        r.target_clause',
     '    if False:\n        r.target_clause'),
    ("year: 届时 takes the last year named", SS,
     "        elif st.last_year is not None and _THEN.match(sent.text):",
     "        elif False:"),
    ("role: 要 runs to the end of the sentence", SS,
     '_SENTENCE_TARGET_WORDS = frozenset({"要"})', "_SENTENCE_TARGET_WORDS = frozenset()"),
    ("role: 将 after 预计 is no plan", SS,
     '        if t.text == "将" and r.estimate:\n            return', '        if False:\n            return'),
    ("role: a clause's own year after 报告提出 says its role", SS,
     '            if r.target_word == "提出":', "            if False:"),
    ("role: 提出, opens a list of targets", SS,
     '(t.text in ":：" or r.target_word == "提出")', '(t.text in ":：")'),
    ("period: a single month or quarter is unplaced", SF,
     '    ("single_period", lambda r, t: r.single_period),', ""),
    ("period: the compared period's bracket figure", SF,
     '    Rule("comparison_takes_measure", lambda r, t, ind, tok: _is_pct(t) and _compared(r, t),',
     '    Rule("comparison_takes_measure", lambda r, t, ind, tok: False,'),
    ("year: growth over a plan's span is multi-year", SF,
     "(r.multi or r.st.multi_sticky or r.plan_span)", "(r.multi or r.st.multi_sticky)"),
]


def _run_tests() -> bool:
    proc = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                           *TESTS], cwd=ROOT, capture_output=True, text=True)
    return proc.returncode == 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="list the mutations and exit")
    ap.add_argument("--only", default="", help="run only the mutations whose name holds this")
    args = ap.parse_args(argv)
    mutations = [m for m in MUTATIONS if args.only in m[0]]
    if args.list:
        for name, path, *_ in MUTATIONS:
            print(f"{path}: {name}")
        return 0
    if not _run_tests():
        print("the tests fail before any mutation: fix them first", file=sys.stderr)
        return 2
    survived = []
    for name, rel, old, new in mutations:
        path = ROOT / rel
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            print(f"stale mutation (source not found once): {name}", file=sys.stderr)
            return 2
        try:
            path.write_text(text.replace(old, new), encoding="utf-8")
            killed = not _run_tests()
        finally:
            path.write_text(text, encoding="utf-8")
        print(f"{'killed  ' if killed else 'SURVIVED'} {rel}: {name}", flush=True)
        if not killed:
            survived.append(name)
    print(f"mutations: {len(mutations)}, killed {len(mutations) - len(survived)}, "
          f"survived {len(survived)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
