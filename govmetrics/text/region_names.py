"""Find the document's own region in its head: place names, the meeting line, bylines.

:func:`detect_region` returns a region only when a name in a reliable
position (the meeting line 在X第N届人民代表大会, a title with a year,
发布机构/人民政府/统计局 bylines, or a name the document repeats at its own
administrative level) resolves through :mod:`govmetrics.text.regions` without
ambiguity; otherwise None.
"""

from __future__ import annotations

import re
from functools import cache

from .patterns import CJK as _CJK
from .regions import Region, lookup_region, region_by_code, regions

#: a year in digits or Chinese digits (二〇二四)
_YEAR = r"((?:19|20)\d{2}|[二][〇零○][一二三四五六七八九〇零○]{2})"



@cache
def _region_names() -> frozenset[str]:
    """All full names and distinct short names (>= 2 characters), without 全国."""
    df = regions()
    names = set(df["name"]) | {s for s in df["short_name"] if s and len(s) >= 2}
    names.discard("全国")
    return frozenset(names)


@cache
def _name_regex() -> re.Pattern[str]:
    """All region names, longest first: the plain definition of :func:`_find_names`."""
    alts = sorted(_region_names(), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in alts))


@cache
def _name_trie() -> dict:
    """The region names as a trie of dicts; the key ``None`` marks the end of a name."""
    root: dict = {}
    for name in _region_names():
        node = root
        for ch in name:
            node = node.setdefault(ch, {})
        node[None] = True
    return root


def _find_names(text: str) -> list[tuple[int, int]]:
    """Spans of the region names in ``text``, as ``_name_regex().finditer`` gives them.

    Leftmost first, the longest name at a position, not overlapping. A walk
    down a trie of dicts: an alternation of some 6,000 names makes the regex
    engine try each at every position (a speed shortcut, tested against the
    regex on every document head).
    """
    root = _name_trie()
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    get = root.get
    while i < n:
        node = get(text[i])
        if node is None:
            i += 1
            continue
        end = -1
        j = i + 1
        while True:
            if None in node:
                end = j
            if j >= n:
                break
            node = node.get(text[j])
            if node is None:
                break
            j += 1
        if end > 0:
            out.append((i, end))
            i = end
        else:
            i += 1
    return out


def _resolve_run(run: str) -> Region | None:
    """Resolve the most specific region named at the end of a CJK run.

    ``杭州市余杭区`` gives 余杭区 (checked against its ancestor 杭州市).
    """
    run = run.strip()
    for i in range(len(run) - 1):
        tail = run[i:]
        head = run[:i]
        parent = None
        if head:
            spans = _find_names(head)
            if spans and spans[-1][1] == len(head):
                parent = head[spans[-1][0]:]
        reg = lookup_region(tail, parent=parent) if parent else None
        if reg is None:
            reg = lookup_region(tail)
            if reg is not None and parent is not None and lookup_region(parent) is not None:
                # the run names a parent that is not an ancestor: not reliable
                anc = _ancestor_codes(reg)
                par = lookup_region(parent)
                if par is not None and par.code not in anc:
                    return None
        if reg is not None and reg.level != "national":
            return reg
    return None


def _ancestor_codes(reg: Region) -> set[str]:
    out = set()
    cur: Region | None = reg
    while cur is not None and cur.parent_code:
        out.add(cur.parent_code)
        cur = region_by_code(cur.parent_code)
    return out


_UNIT_WORD = r"(?:第[一二三四五六七八九十\d]+届|[一二三四五六七八九十]+届)"
#: (priority, pattern with group "r" = CJK run ending in the region name, words the
#: pattern cannot match without: it is tried only on a head that holds one of them)
_REGION_PATTERNS: tuple[tuple[int, re.Pattern[str], tuple[str, ...]], ...] = (
    (0, re.compile(rf"在(?P<r>[{_CJK}]{{2,14}}?){_UNIT_WORD}人民代表大会"), ("人民代表大会",)),
    (1, re.compile(rf"(?:^|[\n《\]】 ]){_YEAR}年(?P<r>[{_CJK}]{{2,14}}?)(?:人民)?政府工作报告"), ("政府工作报告",)),
    (1, re.compile(rf"(?:^|[\n《:：,，]|关于)(?P<r>[{_CJK}]{{2,14}}?){_YEAR}年"
                   r"(?:国民经济和社会发展|政府工作报告)"), ("国民经济和社会发展", "政府工作报告")),
    (1, re.compile(rf"(?:^|[\n《:：,，]|关于){_YEAR}年(?P<r>[{_CJK}]{{2,14}}?)国民经济和社会发展"), ("国民经济和社会发展",)),
    (2, re.compile(rf"(?:发布机构|来源|发文机关)\s*[:：]?\s*(?P<r>[{_CJK}]{{2,14}}?)"
                   r"(?:人民政府|政府网|统计局|发展和改革|发改委)"), ("发布机构", "来源", "发文机关")),
    (2, re.compile(rf"(?:^|\n)\s*(?P<r>[{_CJK}]{{2,14}}?)(?:人民政府(?:办公室)?|统计局)\s*(?:\n|$)"), ("人民政府", "统计局")),
    (3, re.compile(rf"(?:^|\n)\s*(?P<r>[{_CJK}]{{2,14}}?)(?:人民政府)?(?:代)?[省市县区州]长"), ("长",)),
    (3, re.compile(rf"中共(?P<r>[{_CJK}]{{2,10}}?)[省市县区州]委"), ("中共",)),
    (3, re.compile(rf"(?P<r>[{_CJK}]{{2,8}}?)全[省市县区]上下"), ("上下",)),
)

#: Self-reference words and the region levels/suffixes they mean.
_SELF_WORDS: dict[str, tuple[str, ...]] = {
    "省": ("省",),
    "市": ("市",),
    "县": ("县", "旗"),
    "区": ("区",),
}


def _self_level(head: str) -> str | None:
    counts = {k: len(re.findall(rf"(?:全|我|本){k}|{k}人民政府|{k}委|{k}长", head))
              for k in _SELF_WORDS}
    best = max(counts, key=lambda k: counts[k])
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] >= 2 and ranked[0] >= 2 * ranked[1]:
        return best
    return None


def _fits_self(reg: Region, word: str) -> bool:
    if word == "省":
        return reg.level == "province" and not reg.name.endswith("市")
    if word == "市":
        return reg.name.endswith("市")
    if word == "区":
        return reg.name.endswith("区")
    return reg.name.endswith(_SELF_WORDS[word])


@cache
def _region_patterns_after_newline() -> tuple[tuple[int, re.Pattern[str], tuple[str, ...]], ...]:
    """:data:`_REGION_PATTERNS` for a head with a ``\\n`` put before it.

    A pattern that starts ``(?:^|...)`` (the start, or a line break or other
    mark) loses the ``^``: before the added line break it means the same, and
    the pattern then starts with a character, which the regex engine finds
    fast instead of trying every position. Match starts shift by one.
    """
    out = []
    for prio, pat, words in _REGION_PATTERNS:
        src = pat.pattern
        if src.startswith("(?:^|"):
            group = src[: src.index(")") + 1]
            if "\\n" not in group:
                raise ValueError(f"a start-anchored region pattern must allow a line break: {src}")
            src = "(?:" + src[len("(?:^|"):]
        out.append((prio, re.compile(src), words))
    return tuple(out)


def _detect_region(head: str) -> Region | None:
    found: list[tuple[int, int, Region]] = []
    text = "\n" + head  # see _region_patterns_after_newline
    for prio, pat, words in _region_patterns_after_newline():
        if not any(w in head for w in words):
            continue
        for m in pat.finditer(text):
            reg = _resolve_run(m.group("r"))
            if reg is not None:
                found.append((prio, max(0, m.start() - 1), reg))
    if found:
        found.sort(key=lambda t: (t[0], t[1]))
        regs = {r.code: r for _, _, r in found}
        # all on one ancestor chain -> the most specific
        deepest = [r for r in regs.values()
                   if all(o.code == r.code or o.code in _ancestor_codes(r) for o in regs.values())]
        if deepest:
            return deepest[0]
        best_prio = found[0][0]
        top = {r.code for p, _, r in found if p == best_prio}
        if len(top) == 1:
            top_reg = regs[top.pop()]
            # lower-priority candidates must not contradict it
            others = [r for r in regs.values() if r.code != top_reg.code
                      and r.code not in _ancestor_codes(top_reg)]
            if all(top_reg.code in _ancestor_codes(o) for o in others):
                return top_reg
            if not others:
                return top_reg
        return None
    # Fallback: a name repeated at the document's own level (全市 ... 咸宁 ... 咸宁).
    word = _self_level(head)
    if word is None:
        return None
    counts: dict[str, int] = {}
    short_only: dict[str, bool] = {}
    for a, b in _find_names(head):
        s = head[a:b]
        reg = lookup_region(s)
        if reg is None or not _fits_self(reg, word):
            continue
        if s == reg.name and len(s) <= 2:
            continue  # 和县, 城区: too often an accidental substring
        counts[reg.code] = counts.get(reg.code, 0) + 1
        short_only[reg.code] = short_only.get(reg.code, True) and len(s) <= 2
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    code, n = ranked[0]
    need = 3 if short_only[code] else 2
    if n >= need and (len(ranked) == 1 or n >= 2 * ranked[1][1]):
        return region_by_code(code)
    return None


