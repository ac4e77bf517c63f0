"""Detect what a document is: region, plan year, kind, period and date.

Detection reads the head of the normalized text (title, byline, 发布机构,
meeting line). It prefers ``None`` to a guess: a region is returned only when
a name in a reliable position (the meeting line 在X第N届人民代表大会, a title
with a year, 发布机构/人民政府/统计局 bylines, or a name that the document
repeats at its own administrative level) resolves through
:mod:`govmetrics.regions` without ambiguity.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .normalize import count_traditional
from .regions import Region, lookup_region, region_by_code, regions
from .vocabulary import period_in

__all__ = ["DocumentMeta", "detect_kind", "detect_metadata", "detect_script", "detect_year",
           "head_and_title"]

HEAD_CHARS = 1500
TITLE_CHARS = 400

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


@dataclass(frozen=True)
class DocumentMeta:
    """What a document is about.

    Attributes
    ----------
    region, region_code, level, parent : str or None
        Canonical simplified region name, its 6-digit code, level
        (national/province/prefecture/county) and parent region name.
    year : int or None
        Plan year: a work report of year Y (presented early Y or late Y-1)
        is Y; a bulletin or breakdown is the target year it names; a
        statistics communique is the year it reports; a plan report is the
        year of the plan draft.
    kind : str
        work_report, progress_bulletin, target_breakdown, communique,
        plan_report or unknown.
    period_end : int or None
        Last month the document reports on (3, 6, 9, 12 ...).
    published : datetime.date or None
        Publication (or presentation) date.
    script : str
        ``simplified`` or ``traditional`` (of the original text).
    kind_source : str
        The cue that decided ``kind``: ``title:政府工作报告``, ``head:…``, or ""
        when none did.

    Examples
    --------
    >>> DocumentMeta(None, None, None, None, None, "unknown", None, None, "simplified").kind
    'unknown'
    """

    region: str | None
    region_code: str | None
    level: str | None
    parent: str | None
    year: int | None
    kind: str
    period_end: int | None
    published: dt.date | None
    script: str
    kind_source: str = ""


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _despace(text: str) -> str:
    """Remove spaces between CJK characters (政 府 工 作 报 告 -> 政府工作报告)."""
    return _CJK_SPACES.sub("", text)


# starts with the space (not a look-behind), so the regex engine skips other positions fast
_CJK_SPACES = re.compile(rf"[ \t\u3000](?<=[{_CJK}][ \t\u3000])[ \t\u3000]*(?=[{_CJK}])")


def _cn_year(s: str) -> int:
    """Parse 2021 or 二〇二一 as an int."""
    if s.isdigit():
        return int(s)
    return int("".join(_CN_DIGITS.get(c, c) for c in s))


_YEAR = r"((?:19|20)\d{2}|[二][〇零○][一二三四五六七八九〇零○]{2})"


def detect_script(original: str) -> str:
    """``traditional`` when traditional-only characters are a visible share of the text.

    Examples
    --------
    >>> detect_script("經濟增長"), detect_script("经济增长")
    ('traditional', 'simplified')
    """
    trad, cjk = count_traditional(original, limit=20000)
    return "traditional" if trad >= 3 and trad / cjk >= 0.03 else "simplified"


# ---------------------------------------------------------------------------
# Region
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Kind, year, period, date
# ---------------------------------------------------------------------------

#: Title cues, in priority order (a bulletin title names the 政府工作报告 it reports on).
_TITLE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("target_breakdown", re.compile(r"责任分解|任务分解")),
    ("progress_bulletin", re.compile(
        r"进展情况|完成情况的?通报|督查通报|督办情况|经济运行情况|经济运行分析|经济形势分析")),
    ("communique", re.compile(r"统计公报|国民经济和社会发展概览")),
    ("plan_report", re.compile(r"计划执行情况|计划草案|计划\(草案\)|国民经济和社会发展计划")),
    ("work_report", re.compile(r"政府工作报告")),
)
#: Cues in the body of the head, used when the title says nothing.
_HEAD_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("target_breakdown", re.compile(r"责任分解方案|任务分解方案")),
    ("plan_report", re.compile(r"计划执行情况|计划草案|计划\(草案\)|国民经济和社会发展计划")),
    ("communique", re.compile(r"统计公报|国民经济和社会发展概览|^\s*一、综合\s*$", re.MULTILINE)),
    ("progress_bulletin", re.compile(r"进展情况|完成情况的?通报|督查通报")),
    ("work_report", re.compile(r"向大会报告工作|向大会作政府工作报告|政府工作报告")),
    # last resort: statistics wording, then year-to-date wording near the top
    ("communique", re.compile(r"初步核算\s*[,，]\s*(?:\d{4}年)?全(?:年|省|市|县|区)")),
    ("progress_bulletin", re.compile(
        r"经济运行|今年以来|(?:^|\n|。)\s*(?:上半年|一季度|前三季度|1\s*[-—–~至]\s*\d{1,2}\s*月)")),
)


def _title_lines(head: str, n: int = 3) -> str:
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    return "\n".join(ln[:120] for ln in lines[:n])


def _detect_kind(title: str, head: str) -> str:
    return detect_kind(title, head)[0]


def detect_kind(title: str, head: str) -> tuple[str, str, str]:
    """The document kind with its evidence: ``(kind, where, words)``.

    ``where`` is ``title`` (a title cue), ``head`` (a cue in the head of the
    body) or ``""`` when no cue matched (kind ``unknown``).

    Examples
    --------
    >>> detect_kind("2024年洪湖市政府工作报告", "")
    ('work_report', 'title', '政府工作报告')
    """
    for where, area, cues in (("title", _title_lines(title), _TITLE_CUES), ("head", head, _HEAD_CUES)):
        for kind, pat in cues:
            m = pat.search(area)
            if m:
                return kind, where, m.group(0).strip()
    return "unknown", "", ""


_MEETING_RE = re.compile(
    rf"{_YEAR}年(\d{{1,2}})月(\d{{1,2}})日\s*[,，]?\s*在[{_CJK}]{{0,16}}?"
    rf"(?:{_UNIT_WORD})?(?:人民代表大会|人大)")


def _meeting_date(head: str) -> dt.date | None:
    return _date_of(_MEETING_RE.search(head))


def detect_year(kind: str, title: str, head: str, meeting: dt.date | None = None) -> int | None:
    """The plan year a document of ``kind`` states in its title or head, or None.

    Examples
    --------
    >>> detect_year("progress_bulletin", "", "对《政府工作报告》确定的2021年重点工作完成情况")
    2021
    """
    y = _detect_year(kind, title, head, meeting)
    return y if y is None or 1949 <= y <= 2100 else None


def _detect_year(kind: str, title: str, head: str, meeting: dt.date | None) -> int | None:
    def first(pattern: str, text: str, group: int = 1) -> int | None:
        m = re.search(pattern, text)
        return _cn_year(m.group(group)) if m else None

    if kind == "work_report":
        y = first(rf"{_YEAR}年[{_CJK}]{{0,14}}?(?:人民)?政府工作报告", title)
        if y:
            return y
        if meeting is not None:
            return meeting.year + 1 if meeting.month >= 10 else meeting.year
        y = first(rf"{_YEAR}年(?:[和及]“?[{_CJK}]{{0,8}}”?[{_CJK}]{{0,6}})?工作回顾", head)
        return y + 1 if y else None
    if kind in ("progress_bulletin", "target_breakdown"):
        y = first(rf"《政府工作报告》确定的?{_YEAR}年", head) or first(
            rf"{_YEAR}年\s*(?:市|县|区|省)?[〈《<]?\s*政府工作报告", head)
        if y:
            return y
        return first(rf"{_YEAR}年(?:一季度|上半年|前三季度|三季度|1-\d{{1,2}}月|全年)", head)
    if kind == "plan_report":
        y = first(rf"{_YEAR}年(?:国民经济和社会发展)?计划(?:草案|\(草案\))", head)
        if y:
            return y
        return first(rf"{_YEAR}年[{_CJK}]{{0,10}}?国民经济和社会发展计划", head)
    if kind == "communique":
        y = first(rf"{_YEAR}年国民经济和社会发展(?:统计公报|概览)", head)
        if y:
            return y
        y = first(rf"(?:^|\n)\s*{_YEAR}年\s*[,，是]", head)
        if y:
            return y
        return first(rf"{_YEAR}年(?:全[省市县区]|全年)", head)
    return None


def _detect_period(kind: str, title: str, head: str) -> int | None:
    if kind in ("work_report", "communique", "plan_report"):
        return 12
    if kind == "target_breakdown":
        return None
    for area in (title, head):  # the period words of periods.csv, title words too
        got = period_in(area, title=True)
        if got is not None:
            return got[0]
    return None


_DATE_LABEL_RE = re.compile(
    rf"(?:发布日期|发布时间|成文日期|日期|更新时间)\s*[:：]?\s*{_YEAR}\s*[年\-/.]\s*(\d{{1,2}})"
    r"\s*[月\-/.]\s*(\d{1,2})")
_DATE_LINE_RE = re.compile(rf"(?:^|\n)\s*{_YEAR}年(\d{{1,2}})月(\d{{1,2}})日\s*(?:\n|$)")


def _date_of(m: re.Match[str] | None) -> dt.date | None:
    """The date a (year, month, day) match spells, or None when there is none or it is invalid."""
    if m is None:
        return None
    try:
        return dt.date(_cn_year(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _detect_published(head: str, tail: str, meeting: dt.date | None) -> dt.date | None:
    """A labelled date (发布日期/日期) first, then the meeting date, then a dated line."""
    return (_date_of(_DATE_LABEL_RE.search(head)) or meeting
            or _date_of(_DATE_LINE_RE.search(head)) or _date_of(_DATE_LINE_RE.search(tail)))


def head_and_title(normalized_text: str, name: str | None = None) -> tuple[str, str]:
    """The head and the title area that detection reads (spaces between CJK removed).

    A file name holding Chinese words counts as a title line.
    """
    return _head_and_title(normalized_text[:HEAD_CHARS], name)


@lru_cache(maxsize=64)
def _head_and_title(start: str, name: str | None) -> tuple[str, str]:
    """:func:`head_and_title` of a text's first HEAD_CHARS characters (cached: read and the
    frame both ask, once each per document)."""
    head = _despace(start)
    title = head[:TITLE_CHARS]
    if name:
        stem = re.sub(r"\.[A-Za-z0-9]+$", "", name.rsplit("/", 1)[-1])
        if re.search(f"[{_CJK}]", stem):
            title = stem + "\n" + title
            head = stem + "\n" + head
    return head, title


def detect_metadata(normalized_text: str, *, name: str | None = None,
                    original: str | None = None) -> DocumentMeta:
    """Detect region, plan year, kind, period and publication date from a document's head.

    Parameters
    ----------
    normalized_text : str
        Output of :func:`govmetrics.normalize.normalize` (``.text``).
    name : str, optional
        A title or file name; Chinese title words in it count as a title line.
    original : str, optional
        The original text, used to tell the script (simplified/traditional).

    Returns
    -------
    DocumentMeta
        Fields that cannot be told reliably are None (kind ``unknown``).

    Examples
    --------
    >>> meta = detect_metadata("2024年洪湖市政府工作报告\\n2024年1月4日在洪湖市第九届人民代表大会第三次会议上")
    >>> meta.region, meta.year, meta.kind, meta.published.isoformat()
    ('洪湖市', 2024, 'work_report', '2024-01-04')
    """
    head, title = head_and_title(normalized_text, name)
    tail = _despace(normalized_text[-600:])
    kind, where, words = detect_kind(title, head)
    meeting = _meeting_date(head)
    reg = _detect_region(head)
    year = _detect_year(kind, title, head, meeting)
    if year is not None and not 1949 <= year <= 2100:
        year = None
    return DocumentMeta(
        region=reg.name if reg else None,
        region_code=reg.code if reg else None,
        level=reg.level if reg else None,
        parent=reg.parent_name if reg else None,
        year=year,
        kind=kind,
        period_end=_detect_period(kind, title, head),
        published=_detect_published(head, tail, meeting),
        script=detect_script(original) if original is not None else "simplified",
        kind_source=f"{where}:{words}" if where else "",
    )
