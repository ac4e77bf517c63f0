"""Find a document's sections: headings and opening words that say what follows.

A *heading* is a short line of its own that states no figure (一、2023年工作回顾,
主要预期目标完成情况). An *opener* is the start of a sentence that says what the
paragraph is about (报告提出,一年来,… / 刚刚过去的2007年,… / 2022年主要预期目标是…).
Their words are rows of ``section_cues.csv``; the year and period they name
become the section's own. A sentence opening ``2016年,是…`` (or ``今年是…``)
starts a section about that year: the review before the plan year, the plan
in the plan year.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from ..model import Section
from ..text.patterns import is_literal, literal_first, required_words
from ..text.segment import line_spans
from ..vocabulary import period_in
from .cues import SectionCue, section_cues

__all__ = ["find_sections", "heading_role", "period_in"]

#: kinds that report on a year at its end and plan the next: any earlier year named opens a review
ANNUAL_KINDS = frozenset({"work_report", "plan_report", "unknown"})
HEADING_CHARS = 40  # a heading is at most this long
OPENER_CHARS = 40  # an opener's cue starts within this many characters of its sentence
_ANCHOR_SLACK = 12  # how far into a cue its anchor word may stand

_FIGURE = re.compile(r"\d\s*(?:%|亿|万|元|人|个)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!代|\s*\d{1,2}\s*月)")  # a year, not a date
#: a year not taken as a comparison base or a point in a span (比2019年, 从2010年, 到2025年)
_YEAR_NAMED = re.compile(r"(?<![比较与同在和于从自至到截止])((?:19|20)\d{2})\s*年(?![代底末初度、]|以来|\s*\d{1,2}\s*月)")
#: the start of a sentence up to its year: a short lead-in clause at most (据了解,)
_LEAD_IN = re.compile(r"\s*(?:[^,，。:：]{0,8}[,，:：])?\s*\d")
_LABELLED = re.compile(r"[:：]\s*\S{3,}")
_SENTENCE_ENDS = "。！？!?\n"
_SENTENCE_END = re.compile(r"[。！？!?]")
#: from a position to the last sentence end of the span searched (greedy)
_TO_LAST_END = re.compile(f".*[{re.escape(_SENTENCE_ENDS)}]", re.S)
#: 2016年,是… / 今年是… : a sentence that says which year it is about
_YEAR_IS = re.compile(r"^\s*(?:((?:19|20)\d{2})\s*年|(今年))\s*[,，]?\s*(?:是|既是|将是)")


def heading_role(head: str, plan_year: int | None) -> tuple[str, str] | None:
    """The role a heading line gives what follows, with the words that decided it.

    Examples
    --------
    >>> heading_role("一、2023年工作回顾", 2024)
    ('review', '回顾')
    >>> heading_role("二、2024年工作安排", 2024)
    ('target', '工作安排')
    >>> heading_role("二、2023年工作安排", 2024)  # a plan for a year already past
    ('review', '2023年')
    """
    year_m = _YEAR.search(head)
    for cue in section_cues():
        if cue.position != "heading":
            continue
        m = cue.pattern.search(head)
        if m is None:
            continue
        role = cue.role
        if year_m and plan_year and int(year_m.group(1)) < plan_year and role in ("target",
                                                                                 "breakdown"):
            return "review", year_m.group(0)
        return role, m.group(0)
    if year_m and plan_year and int(year_m.group(1)) == plan_year - 1:
        return "review", year_m.group(0)  # 2023年,我们… as a heading of its own
    return None


@cache
def _heading_chars() -> re.Pattern[str] | None:
    """A set of characters one of which every match of :func:`_heading_words` holds, or None.

    The first characters of the heading cues (:func:`~govmetrics.text.patterns.literal_first`)
    and the 年 of a year. A short line without one of them is no heading
    (a single-character search is much faster than the cues' regex).
    """
    chars = {"年"}  # every match of _YEAR holds 年
    for c in section_cues():
        if c.position != "heading":
            continue
        alts = literal_first(c.pattern.pattern)
        if alts is None:
            return None
        chars.update(a[0] for a in alts)
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]")


@cache
def _heading_words() -> re.Pattern[str]:
    """Any heading cue or a year: a line without one starts no section (a fast test)."""
    cues = [f"(?:{c.pattern.pattern})" for c in section_cues() if c.position == "heading"]
    return re.compile("|".join([*cues, _YEAR.pattern]))


def _heading(text: str, s: int, e: int, plan_year: int | None) -> Section | None:
    if e - s > 3 * HEADING_CHARS:
        return None  # too long for a heading, even indented
    if e - s > HEADING_CHARS and not text[s].isspace() and not text[e - 1].isspace():
        return None
    head = text[s:e].strip()
    if len(head) > HEADING_CHARS or _heading_words().search(head) is None:
        return None  # no heading word and no year: no section starts here
    if "。" in head[:-1] or _FIGURE.search(head):
        return None  # a heading states no figures
    if _LABELLED.search(head):
        return None  # 进展情况:已完成… is a labelled line, not a heading
    got = heading_role(head, plan_year)
    if got is None:
        return None
    role, words = got
    period = period_in(head)
    year_m = _YEAR.search(head)
    return Section(s, e, head, role, int(year_m.group(1)) if year_m else None,
                   period[0] if period else None, f"heading:{words}")


def _opener(head: str, start: int, plan_year: int | None, annual: bool) -> Section | None:
    """A section started by the opening words of a sentence (``head``), or None."""
    m = _YEAR_IS.match(head)
    if m:
        year = int(m.group(1)) if m.group(1) else plan_year
        if m.group(1) and plan_year and year < plan_year:
            role = "review"
        elif m.group(2) or (plan_year and year == plan_year):
            role = "target"
        else:
            return None
        words = m.group(0).strip()
        return Section(start, start, head.strip(), role, year if m.group(1) else None, None,
                       f"opener:{words}")
    for cue in _opener_cues():
        c = cue.pattern.search(head)
        if c is None or _FIGURE.search(head, 0, c.start()):
            continue
        # the year the opening names: 刚刚过去的2007年 / 2022年主要预期目标
        y = _YEAR.search(head, max(0, c.start() - 12), c.end() + 8)
        year = int(y.group(1)) if y else None
        role = cue.role
        if role == "target" and year and plan_year and year < plan_year:
            return None  # last year's targets, restated in a review
        period = period_in(head[:c.end()])
        return Section(start, start, head.strip(), role, year, period[0] if period else None,
                       f"opener:{c.group(0)}")
    return _year_named(head, start, plan_year, annual)


@cache
def _opener_cues() -> tuple[SectionCue, ...]:
    return tuple(c for c in section_cues() if c.position == "opener")


def _year_named(head: str, start: int, plan_year: int | None, annual: bool) -> Section | None:
    """A sentence naming a year before its first figure speaks of that year.

    Only in annual reports (``annual``): a bulletin's task paragraphs name
    earlier years in passing (对2017年获得…, 2020年12月,…). An earlier year
    anywhere in the opening words starts a review of it (报告…也展示了2023年…的
    新成绩:…); the plan year starts the plan only when the sentence opens with
    it (据了解,2024年…) and goes on to a figure, since a review names the plan
    year in passing (为2024年发展打下基础) and a title names it too (2022年某县政府工作
    报告). A date (2020年12月) or a list of years names none.
    """
    if plan_year is None or not annual:
        return None
    m = _YEAR_NAMED.search(head)
    if m is None or _FIGURE.search(head, 0, m.start()):
        return None
    year = int(m.group(1))
    opens = _LEAD_IN.match(head, 0, m.start() + 1) is not None
    if year < plan_year:
        return Section(start, start, head.strip(), "review", year, None, f"opener:{m.group(0)}")
    if year == plan_year and opens and _FIGURE.search(head, m.end()):
        return Section(start, start, head.strip(), "target", year, None, f"opener:{m.group(0)}")
    return None


@cache
def _opener_anchors() -> tuple[tuple[str, ...], frozenset[str]]:
    """Plain words one of which every opener holds, and what may stand before a 年 anchor.

    The words are the cues' required words and 年 (it stands in every year, in
    今年 and in 一年来; a word holding another anchor is left out). A 年 counts
    only after a digit (2016年, 2016 年), 今 (今年, 今年是) or a character that
    stands before 年 in a cue word (一 of 一年来). Places are found with
    ``str.find``, far faster than a regex pass over the whole text.
    """
    words = {"年"}
    for c in section_cues():
        if c.position != "opener":
            continue
        req = required_words(c.pattern.pattern)
        if not all(is_literal(w) for w in req):
            raise ValueError(f"an opener cue must have plain required words: {c.pattern.pattern}")
        words.update(req)
    before = set("0123456789今") | {w[i - 1] for w in words for i, ch in enumerate(w)
                                    if ch == "年" and i > 0}
    kept = tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))
    return kept, frozenset(before)


@cache
def _year_anchor() -> re.Pattern[str]:
    """A 年 after one of the characters that may stand before it and at most two spaces.

    The test of :func:`_year_anchor_at` for every 年 of a text in one regex
    pass; the pattern starts with 年, which the regex engine finds fast.
    """
    _, before = _opener_anchors()
    b = "[" + "".join(re.escape(c) for c in sorted(before)) + "]"
    return re.compile(f"年(?:(?<={b}年)|(?<={b}\\s年)|(?<={b}\\s\\s年))")


def _year_anchor_at(text: str, pos: int) -> bool:
    """The 年 at ``pos`` is an anchor: the last of the three characters before it that is not
    a space may stand before 年 (the plain definition of :func:`_year_anchor`)."""
    return text[max(0, pos - 3):pos].rstrip()[-1:] in _opener_anchors()[1]


def _anchor_hits(text: str) -> list[int]:
    """Where an opener's anchor word stands (:func:`_opener_anchors`), in order."""
    words, _ = _opener_anchors()
    hits = [m.start() for m in _year_anchor().finditer(text)] if "年" in words else []
    others = _word_anchor()
    if others is not None:
        hits += [m.start() for m in others.finditer(text)]
    else:
        for w in words:
            if w == "年":
                continue
            pos = text.find(w)
            while pos >= 0:
                hits.append(pos)
                pos = text.find(w, pos + 1)
    return sorted(set(hits))


@cache
def _word_anchor() -> re.Pattern[str] | None:
    """The anchor words other than 年 as one alternation, or None when two can overlap.

    One pass of the regex engine (it skips to their first characters) finds
    what searching for each word finds, as long as no occurrence of one word
    can overlap another's: no proper suffix of a word starts a word.
    """
    words = [w for w in _opener_anchors()[0] if w != "年"]
    if not words or any(w[i:].startswith(v[:len(w) - i]) or v.startswith(w[i:])
                        for w in words for v in words for i in range(1, len(w))):
        return None
    return re.compile("|".join(map(re.escape, words)))


def _sentence_start(text: str, pos: int, floor: int) -> int | None:
    """Where the sentence holding ``pos`` starts, if at or after ``floor`` (else None).

    After the last sentence end in ``text[floor:pos]`` (found by one greedy
    match), or ``floor`` itself when a sentence ends just before it.
    """
    m = _TO_LAST_END.match(text, floor, pos)
    if m is not None:
        return m.end()
    return floor if floor == 0 or text[floor - 1] in _SENTENCE_ENDS else None


def _openers(text: str, plan_year: int | None, annual: bool, lines: list[tuple[int, int]],
             headings: dict[int, Section]) -> list[Section]:
    """Sections started by opening words, found from candidate words (not every sentence)."""
    out: list[Section] = []
    seen: set[int] = set()
    line_starts = [a for a, _ in lines]
    for pos in _anchor_hits(text):
        # a cue starts within OPENER_CHARS of its sentence and holds its anchor
        start = _sentence_start(text, pos, max(0, pos - OPENER_CHARS - _ANCHOR_SLACK))
        if start is None or start in seen:
            continue
        seen.add(start)
        i = bisect.bisect_right(line_starts, start) - 1
        if i >= 0 and line_starts[i] in headings:
            continue  # a heading line is not an opener
        stop = min(lines[i][1] if i >= 0 else len(text), start + OPENER_CHARS)
        end = _SENTENCE_END.search(text, start, stop)
        sec = _opener(text[start: end.end() if end else stop], start, plan_year, annual)
        if sec is not None:
            out.append(sec)
    return out


def find_sections(text: str, plan_year: int | None, kind: str = "unknown",
                  spans: list[tuple[int, int]] | None = None) -> tuple[Section, ...]:
    """Sections of a normalized text, covering it without gaps.

    Parameters
    ----------
    text : str
        Normalized document text.
    plan_year : int or None
        The document's plan year (a heading naming an earlier year is a review).
    kind : str, default "unknown"
        The document kind: annual reports (work and plan reports, and text of
        unknown kind) take any earlier year in a sentence's opening words as
        the start of a review.
    spans : list of (int, int), optional
        The text's line spans (:func:`~govmetrics.text.segment.line_spans`), when
        already computed.

    Returns
    -------
    tuple of Section
        The first starts at 0 (role ``none`` unless a heading opens the text).

    Examples
    --------
    >>> [(s.role, s.year) for s in find_sections("前言\\n一、2023年工作回顾\\n增长5%\\n二、2024年工作安排\\n增长6%", 2024)]
    [('none', None), ('review', 2023), ('target', 2024)]
    """
    annual = kind in ANNUAL_KINDS
    headings: dict[int, Section] = {}
    line_of: list[tuple[int, int]] = []
    chars = _heading_chars()
    for s, e in (line_spans(text) if spans is None else spans):
        line_of.append((s, e))
        if e - s > HEADING_CHARS and (e - s > 3 * HEADING_CHARS or not (
                text[s].isspace() or text[e - 1].isspace())):
            continue  # too long for a heading (the first test of _heading, without a call)
        if chars is not None and chars.search(text, s, e) is None:
            continue  # no heading word and no year can start here (the fast test)
        sec = _heading(text, s, e, plan_year)
        if sec is not None:
            headings[s] = sec
    openers = _openers(text, plan_year, annual, line_of, headings)
    starts: list[Section] = [Section(0, 0, "", "none", evidence="default:none")]
    for sec in sorted([*headings.values(), *openers], key=lambda x: x.start):
        if sec.heading and sec.start in headings and headings[sec.start] is sec:
            starts.append(sec)
        elif sec.role != starts[-1].role:
            starts.append(sec)
    out = []
    for i, sec in enumerate(starts):
        end = starts[i + 1].start if i + 1 < len(starts) else len(text)
        if end <= sec.start and i + 1 < len(starts):
            continue  # an empty section (a heading at the very start replaces "none")
        out.append(Section(sec.start, end, sec.heading, sec.role, sec.year, sec.period_end,
                           sec.evidence))
    return tuple(out)
