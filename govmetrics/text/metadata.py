"""Detect what a document is: region, plan year, kind, period and date.

Detection reads the head of the normalized text (title, byline, 发布机构,
meeting line). It prefers ``None`` to a guess: a region is returned only when
a name in a reliable position (the meeting line 在X第N届人民代表大会, a title
with a year, 发布机构/人民政府/统计局 bylines, or a name that the document
repeats at its own administrative level) resolves through
:mod:`govmetrics.text.regions` without ambiguity.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..vocabulary import period_in
from .normalize import count_traditional
from .patterns import CJK as _CJK
from .region_names import _UNIT_WORD, _YEAR, _detect_region

__all__ = ["DocumentMeta", "detect_kind", "detect_metadata", "detect_script", "detect_year",
           "head_and_title"]

HEAD_CHARS = 1500
TITLE_CHARS = 400

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
        Output of :func:`govmetrics.text.normalize.normalize` (``.text``).
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
