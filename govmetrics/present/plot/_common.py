"""What the plots share: status colours and labels, the CJK font, new axes.

Every chart module of :mod:`govmetrics.plot` imports it (and nothing else of
the package), so the package has no import cycle.
"""

from __future__ import annotations

import os
import re
import warnings
from functools import cache
from typing import Any

import pandas as pd

from ...vocabulary import indicator_names

#: Colours of the attainment statuses (colour-blind safe, Okabe-Ito).
STATUS_COLORS: dict[str, str] = {
    "met": "#009E73",
    "nearly_met": "#E69F00",
    "missed": "#D55E00",
    "in_progress": "#0072B2",
    "no_actual": "#999999",
    "no_basis": "#999999",
}
#: Markers of the attainment statuses (so status reads without colour too).
STATUS_MARKERS: dict[str, str] = {
    "met": "o", "nearly_met": "D", "missed": "X", "in_progress": "s", "no_actual": ".",
    "no_basis": "P",
}
STATUS_LABELS: dict[str, str] = {
    "met": "Met", "nearly_met": "Nearly met", "missed": "Missed",
    "in_progress": "In progress", "no_actual": "No actual", "no_basis": "No basis to judge",
}

#: System font families with Simplified Chinese glyphs, best first.
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Sarasa Gothic SC", "Microsoft YaHei",
    "SimHei", "PingFang SC", "Heiti SC", "Hiragino Sans GB", "Noto Sans CJK JP",
    "Noto Sans CJK TC", "Droid Sans Fallback", "AR PL UMing CN", "AR PL UKai CN",
)
#: Any other family whose name says it covers Chinese characters.
_CJK_NAME = re.compile(r"CJK|Han Sans|Han Serif|YaHei|PingFang|Hei\b|Song|Kai|Ming|"
                       r"\b(?:SC|TC|CN|GB)\b|Fallback")
#: The one-line hint of the fallback warning.
CJK_HINT = ("no CJK font found, so charts use English names and region codes; install one "
            "(Debian/Ubuntu: apt-get install fonts-noto-cjk; macOS and Windows have one)")

_ENV_SWITCH = "GOVMETRICS_PLOT_CJK"


@cache
def _find_cjk_font() -> str | None:
    """Path of a CJK font file that Matplotlib's font manager knows."""
    from matplotlib import font_manager

    available = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in available:
            return available[family]
    for family in sorted(available):
        if _CJK_NAME.search(family):
            return available[family]
    return None


def cjk_font(cjk: bool | None = None) -> Any:
    """The font used for Chinese labels, or ``None`` for English labels.

    Parameters
    ----------
    cjk : bool, optional
        ``False`` forces English labels; ``True`` or ``None`` look for a
        CJK font. ``None`` also honours ``GOVMETRICS_PLOT_CJK=0``.

    Returns
    -------
    matplotlib.font_manager.FontProperties or None
        ``None`` when English labels are to be used. A warning is issued
        when a CJK font was wanted but none is installed.

    Examples
    --------
    >>> cjk_font(False) is None
    True
    """
    from matplotlib.font_manager import FontProperties

    if cjk is False:
        return None
    if cjk is None and os.environ.get(_ENV_SWITCH, "").strip().lower() in {"0", "false", "no"}:
        return None
    path = _find_cjk_font()
    if path is None:
        warnings.warn(CJK_HINT, stacklevel=3)
        return None
    return FontProperties(fname=path)


class _Labels:
    """Display names in Chinese (with a CJK font) or English (without)."""

    def __init__(self, cjk: bool | None) -> None:
        self.font = cjk_font(cjk)
        self.zh = self.font is not None
        self._names = indicator_names("zh" if self.zh else "en")

    def indicator(self, ind: str) -> str:
        return self._names.get(ind, ind)

    def region(self, region: Any, code: Any = None) -> str:
        if self.zh or code is None or pd.isna(code):
            return str(region)
        return str(code)

    def apply(self, ax: Any) -> None:
        """Set the CJK font on every text artist of ``ax``."""
        if self.font is None:
            return
        from matplotlib.text import Text

        # every Text artist of the axes (titles, axis labels, annotations, legend), and the
        # tick labels, which matplotlib makes on demand
        texts = list(ax.findobj(Text))
        texts += list(ax.get_xticklabels()) + list(ax.get_yticklabels())
        for t in texts:
            t.set_fontproperties(self.font)


def _new_ax(ax: Any, figsize: tuple[float, float] = (7.0, 4.5)) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _region_code(df: pd.DataFrame) -> Any:
    if "region_code" in df.columns and df["region_code"].notna().any():
        return df["region_code"].dropna().iloc[0]
    return None
