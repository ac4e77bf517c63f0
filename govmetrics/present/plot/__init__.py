"""Charts of targets, actuals, attainment and ranks (``govmetrics.plot``).

Every function draws on a Matplotlib Axes (``ax=None`` makes a new figure),
returns what it drew on, never calls ``plt.show()`` and never changes
Matplotlib's global style: fonts are set on each text artist it creates.

Chinese names need a CJK font. govmetrics uses a system font that Matplotlib
finds: the families of :data:`CJK_FAMILIES` first (Noto Sans CJK from
Debian's ``fonts-noto-cjk``, Source Han Sans, WenQuanYi, PingFang on macOS,
Microsoft YaHei and SimHei on Windows, ...), then any family whose name marks
it as Chinese, Japanese or Korean. When none is found, or when ``cjk=False``
is passed or the environment variable ``GOVMETRICS_PLOT_CJK=0`` is set,
indicators are labelled with their English names and regions with their
6-digit codes, and a one-line warning says what to install.

The charts live in modules by what they show: ``_curves`` (one region:
attainment curve, overview), ``_regions`` (across regions: target against
actual, ranks), ``_tasks`` (task completion), ``_panel`` (across years and
levels: target history, amplification); ``_common`` holds the fonts, labels
and colours.
"""

from __future__ import annotations

from ._common import CJK_FAMILIES, CJK_HINT, cjk_font
from ._common import _find_cjk_font as _find_cjk_font  # re-exported for the tests
from ._common import _Labels as _Labels
from ._curves import attainment_curve, overview
from ._panel import amplification, target_history
from ._regions import rank_chart, target_vs_actual
from ._tasks import task_progress

__all__ = [
    "CJK_FAMILIES",
    "CJK_HINT",
    "amplification",
    "attainment_curve",
    "cjk_font",
    "overview",
    "rank_chart",
    "target_history",
    "target_vs_actual",
    "task_progress",
]
