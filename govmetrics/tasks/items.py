"""Numbered items of a bulletin: where a task is stated and where its progress is.

Rules
-----
- An item starts at a line opening with an item marker (``10.``, ``10、``,
  ``(三)``). A short marker line (40 characters at most) with no sentence
  mark (。！？) is a heading.
- Items under a heading that names the headline targets (预期目标, but not
  其他) are skipped: those are headline facts (:func:`govmetrics.extract`).
- When the next line opens with a progress label (进展情况:, 完成情况:), the
  whole item line is the task and the labelled lines are its progress.
  Otherwise the task is the first sentence of the item line (plus a short
  second sentence that opens with a task verb, e.g. 完成棚户区改造9642套。)
  and the rest of the line is progress.
- Other unnumbered lines end the item: they are sub-headings or paragraphs
  of their own, not progress of the item above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cn2an

from ..text.segment import split_lines
from ._vocab import cue

__all__ = ["Item", "find_items"]

_MARK = re.compile(
    r"^\s*(?:(?P<ar>\d{1,3})[.、．](?!\d)|[(（](?P<p>[一二三四五六七八九十]{1,3}|\d{1,3})[)）]"
    r"|(?P<cn>[一二三四五六七八九十]{1,3})[、.．])\s*")
_HAS_DIGIT = re.compile(r"\d")
_SENT_MARK = re.compile(r"[。！？!?]")
_PERIOD_START = re.compile(r"^(?:\d{1,2}[-—~～至到]\d{1,2}|一季度|上半年|前三季度|截至|目前|今年以来)")


@dataclass(slots=True)
class Item:
    """One numbered item.

    Attributes
    ----------
    number : str
        The item number as an Arabic numeral string (``"10"``).
    section : str or None
        The nearest heading above the item (without its marker).
    task : list of (int, int)
        Spans (normalized text) of the task statement.
    progress : list of (int, int)
        Spans of the progress text.
    line_start : int
        Start of the item line (normalized text).
    """

    number: str
    section: str | None
    line_start: int
    task: list[tuple[int, int]] = field(default_factory=list)
    progress: list[tuple[int, int]] = field(default_factory=list)


def _number(m: re.Match[str]) -> str:
    raw = m.group("ar") or m.group("p") or m.group("cn")
    if raw.isdigit():
        return str(int(raw))
    try:
        return str(int(cn2an.cn2an(raw, "smart")))
    except (ValueError, KeyError):
        return raw


def _split_task(text: str, line, body_start: int) -> tuple[list, list]:
    """Task and progress spans of an item line whose progress is on the same line."""
    sents = [s for s in line.sentences if s.end > body_start]
    if not sents:
        return [], []
    task = [(body_start, sents[0].end)]
    rest = sents[1:]
    if rest:
        s = rest[0]
        body = text[s.start:s.end].strip()
        if (len(body) <= 30 and cue("task_verb").match(body) and _HAS_DIGIT.search(body)
                and not _PERIOD_START.match(body)):
            task.append((s.start, s.end))
            rest = rest[1:]
    progress = [(rest[0].start, line.end)] if rest else []
    return task, progress


def find_items(text: str) -> list[Item]:
    """The numbered items of a normalized text, with task and progress spans.

    Examples
    --------
    >>> t = "二、其他指标\\n10.新建5G基站500座。1-9月,新建5G基站764个。"
    >>> it = find_items(t)[0]
    >>> it.number, it.section, t[slice(*it.task[0])], t[slice(*it.progress[0])]
    ('10', '其他指标', '新建5G基站500座。', '1-9月,新建5G基站764个。')
    """
    lines = split_lines(text)
    items: list[Item] = []
    section: str | None = None
    skip = False
    cur: Item | None = None
    label = cue("progress_label")
    for i, line in enumerate(lines):
        m = _MARK.match(line.text)
        if m is None:
            lm = label.match(line.text.strip())
            if cur is not None and lm is not None:
                off = line.text.index(lm.group(0)) + len(lm.group(0))
                cur.progress.append((line.start + off, line.end))
            else:
                cur = None
            continue
        body = line.text[m.end():]
        if not _SENT_MARK.search(body) and len(body) <= 40:
            section = body.strip().rstrip("。")
            skip = bool(cue("headline_section").search(section)
                        and not cue("headline_section_exception").search(section))
            cur = None
            continue
        if skip:
            cur = None
            continue
        cur = Item(_number(m), section, line.start)
        body_start = line.start + m.end()
        nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
        if label.match(nxt):
            cur.task = [(body_start, line.end)]
        else:
            cur.task, cur.progress = _split_task(text, line, body_start)
        items.append(cur)
    return items
