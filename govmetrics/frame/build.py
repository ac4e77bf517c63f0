"""Build a document's frame: the one place where document context is decided.

Precedence, for each field: what the document's title and head say, then the
caller's hints, then defaults. Each decision is kept with its evidence.
"""

from __future__ import annotations

import re
import warnings

from ..errors import DocumentError
from ..model import DocFrame
from ..text.metadata import detect_kind, detect_year, head_and_title
from ..text.read import Document
from ..text.regions import lookup_region, regions
from ..text.segment import line_spans
from ..vocabulary import period_in
from .cues import kind_cues
from .sections import find_sections

__all__ = ["frame", "KINDS"]

KINDS = ("work_report", "plan_report", "progress_bulletin", "communique", "target_breakdown",
         "unknown")
#: kinds that report on a whole year (their reporting period is 12)
_ANNUAL_KINDS = frozenset({"work_report", "plan_report"})
#: kinds whose plan year is the year they report on
_DATA_YEAR_KINDS = frozenset({"progress_bulletin", "communique", "target_breakdown"})
_TITLE_YEAR = re.compile(r"(?<![比较与同])((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_TITLE_LINE_CHARS = 50  # a title line is short and ends no sentence inside
_TARGET_WORDS = re.compile(r"目标|政府工作报告|预期|任务")
_LISTS_TARGETS_CHARS = 3000


def _kind(doc: Document, head: str, title: str, hint: str | None) -> tuple[str, str]:
    """Kind and its evidence: a title cue, a kind cue, a head cue, the hint, or unknown."""
    kind = doc.meta.kind
    where, _, words = doc.meta.kind_source.partition(":")
    if doc.meta.kind_source == "" and kind != "unknown":  # a DocumentMeta made by hand
        kind, where, words = detect_kind(title, head)
    if where == "title":
        title_result = (kind, f"title:{words}")
    else:
        title_result = None
    for cue in kind_cues():
        area = title if cue.where == "title" else head
        if cue.words and not any(w in area for w in cue.words):
            continue
        m = cue.pattern.search(area)
        if m and (title_result is None or title_result[0] in cue.overrides):
            return cue.kind, f"{cue.where}:{m.group(0).strip()}"
    if title_result is not None:
        return title_result
    if where == "head":
        return kind, f"head:{words}"
    if hint is not None:
        return hint, f"hint:kind={hint}"
    return "unknown", "default:unknown"


def _check_kind(kind: str | None) -> str | None:
    if kind is not None and kind not in KINDS:
        raise DocumentError("<kind>", f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    return kind


def _resolve_hint(hint: str, text: str) -> tuple[object | None, str]:
    """A region hint resolved: a code, a full name, ``深圳市龙华区``, or a parent named in the text."""
    from ..text.regions import region_by_code

    hint = str(hint).strip()
    if hint.isdigit() and len(hint) == 6:
        return region_by_code(hint), ""
    reg = lookup_region(hint)
    if reg is not None:
        return reg, ""
    for i in range(2, len(hint) - 1):  # 深圳市龙华区: parent then name
        reg = lookup_region(hint[i:], parent=hint[:i])
        if reg is not None:
            return reg, ""
    df = regions()
    cands = df[(df["name"] == hint) | (df["short_name"] == hint)]
    for parent in cands["parent_name"].dropna().unique():
        if parent and parent in text:
            reg = lookup_region(hint, parent=parent)
            if reg is not None:
                return reg, f"+text:{parent}"
    return None, ""


def _region(doc: Document, hint: str | None) -> tuple[str | None, str | None, str | None, str]:
    """Region name, code, level and evidence; the hint only when the text names none."""
    meta = doc.meta
    if meta.region is not None:
        return meta.region, meta.region_code, meta.level, f"head:{meta.region}"
    if hint is None:
        return None, None, None, ""
    reg, how = _resolve_hint(hint, doc.text[:5000])
    if reg is not None:
        return reg.name, reg.code, reg.level, f"hint:region={hint}{how}"
    df = regions()
    cands = df[(df["name"] == hint) | (df["short_name"] == hint)]
    if len(cands):
        names = ", ".join(f"{p or ''}{n} ({c})" for n, p, c in
                          zip(cands["name"], cands["parent_name"], cands["code"]))
        warnings.warn(f"{doc.name}: region {hint!r} is ambiguous ({names}); kept as written "
                      "without a code (pass the full name with its city, or a code)",
                      stacklevel=4)
        return str(hint), None, None, f"hint:region={hint} (ambiguous)"
    warnings.warn(f"{doc.name}: region {hint!r} is not in the region table; kept as written "
                  "without a code (check the spelling, or pass a 6-digit code)", stacklevel=4)
    return str(hint), None, None, f"hint:region={hint} (unknown)"


def _plan_year(doc: Document, head: str, title: str, kind: str,
               hint: int | None) -> tuple[int | None, str]:
    meta = doc.meta
    year = meta.year if kind == meta.kind else detect_year(kind, title, head)
    if year is not None:
        pub = meta.published
        if kind == "work_report" and pub is not None and year == pub.year - 1 and pub.month <= 3:
            # 2016年某县政府工作报告, delivered in January 2017: it reviews 2016
            return pub.year, f"title:{year}年+date:{pub.isoformat()}"
        return year, f"head:{year}年"
    if kind in _DATA_YEAR_KINDS:
        lines = [ln.strip() for ln in title.splitlines() if ln.strip()][:5]
        years = {y for ln in lines if len(ln) <= _TITLE_LINE_CHARS and "。" not in ln[:-1]
                 for y in _TITLE_YEAR.findall(ln)}
        if len(years) == 1:  # 关于2021年重点工作半年进展情况通报: the year reported on
            (y,) = years
            return int(y), f"title:{y}年"
    if hint is not None:
        return int(hint), f"hint:year={hint}"
    return None, ""


def _period(head: str, title: str, kind: str, hint: int | None) -> tuple[int | None, str]:
    if kind in _ANNUAL_KINDS:
        return 12, f"default:{kind}"
    for where, area in (("title", title[:200]), ("head", head)):
        got = period_in(area, title=where == "title")
        if got is not None:
            return got[0], f"{where}:{got[1]}"
    if hint is not None:
        return int(hint), f"hint:period_end={hint}"
    if kind in ("communique", "progress_bulletin"):
        return (12, "default:communique") if kind == "communique" else (None, "")
    return None, ""


def frame(doc: Document, *, kind: str | None = None, region: str | None = None,
          year: int | None = None, period_end: int | None = None) -> DocFrame:
    """Decide a document's context: kind, region, plan year, period, date and sections.

    Parameters
    ----------
    doc : Document
        A read document.
    kind, region, year, period_end : optional
        The caller's hints, used where the document does not say: document
        kind, region name (or ``"深圳市龙华区"``, or a 6-digit code), plan year
        (the year a work report plans for, or a bulletin reports on) and the
        last month reported.

    Returns
    -------
    DocFrame

    Examples
    --------
    >>> from govmetrics.text.read import document_from_text
    >>> f = frame(document_from_text("一、2023年工作回顾\\n增长5%\\n二、2024年工作安排\\n增长6%"),
    ...           kind="work_report", year=2024)
    >>> f.kind, f.plan_year, [s.role for s in f.sections]
    ('work_report', 2024, ['review', 'target'])
    """
    head, title = head_and_title(doc.text, doc.name)
    spans = line_spans(doc.text)
    k, k_src = _kind(doc, head, title, _check_kind(kind))
    name, code, level, r_src = _region(doc, region)
    plan_year, y_src = _plan_year(doc, head, title, k, year)
    per, p_src = _period(head, title, k, period_end)
    pub = doc.meta.published
    speech = plan_year
    if k in _ANNUAL_KINDS and pub is not None and plan_year is not None \
            and plan_year - 1 <= pub.year <= plan_year:
        speech = pub.year
    m = _TARGET_WORDS.search(doc.text, 0, _LISTS_TARGETS_CHARS)
    return DocFrame(
        kind=k, kind_source=k_src, region=name, region_code=code, level=level,
        region_source=r_src, plan_year=plan_year, year_source=y_src, period_end=per,
        period_source=p_src, published=pub, speech_year=speech,
        lists_targets=m is not None, lists_targets_source=f"head:{m.group(0)}" if m else "",
        sections=find_sections(doc.text, plan_year, k, spans), line_spans=spans,
    )
