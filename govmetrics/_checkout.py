"""Run from a source checkout by a Python that has not installed the dependencies.

``python ../shared/eval/score.py`` and similar scripts import ``govmetrics``
from the checkout's root without installing it. When the interpreter they
run on lacks the dependencies that ``pip install -e .`` would bring
(pandas, numpy, cn2an, OpenCC, charset-normalizer), but the checkout holds a
virtual environment for the same Python version (``.venv`` or ``venv``, as
``.ci/run`` creates), or one lies beside the checkout (``../.venv``,
``../venv``: a projects folder with one environment), that environment's
``site-packages`` is appended to ``sys.path``, with one warning on stderr
saying so. Nothing happens when the
dependencies are importable, when the package is not imported from a checkout
(an installed wheel), or when no such environment exists: the import error
then names the missing library as before.
"""

from __future__ import annotations

import importlib.util
import os
import site
import sys
from pathlib import Path

__all__ = ["checkout_environment", "use_checkout_environment"]

#: Import names of the libraries extraction needs (``[project] dependencies``).
NEEDED: tuple[str, ...] = ("pandas", "numpy", "cn2an", "opencc", "charset_normalizer")
#: Folder names of a checkout's virtual environment, in order of preference.
ENVIRONMENTS: tuple[str, ...] = (".venv", "venv")


def _missing(names: tuple[str, ...]) -> list[str]:
    return [n for n in names if importlib.util.find_spec(n) is None]


def checkout_environment(root: Path, version: tuple[int, int] | None = None) -> Path | None:
    """The ``site-packages`` folder of a virtual environment in ``root`` for this Python.

    Parameters
    ----------
    root : Path
        The checkout's root (the folder holding ``pyproject.toml``).
    version : (int, int), optional
        Python major and minor version; default the running one.

    Returns
    -------
    Path or None
        ``root/.venv/lib/pythonX.Y/site-packages`` (or ``Lib/site-packages`` on
        Windows, or the same under ``venv``, then under ``root``'s parent), or
        None when there is none or ``root`` is no checkout.
    """
    major, minor = version or sys.version_info[:2]
    if not (root / "pyproject.toml").is_file():
        return None
    for env in [folder / name for folder in (root, root.parent) for name in ENVIRONMENTS]:
        if not (env / "pyvenv.cfg").is_file():
            continue
        for sp in (env / "lib" / f"python{major}.{minor}" / "site-packages",
                   env / "Lib" / "site-packages"):
            if sp.is_dir():
                return sp
    return None


def use_checkout_environment(needed: tuple[str, ...] = NEEDED, root: Path | None = None) -> Path | None:
    """Add the checkout's environment to ``sys.path`` when a needed library is missing.

    Parameters
    ----------
    needed : tuple of str
        Import names to probe.
    root : Path, optional
        The checkout's root; default the folder above this package.

    Returns
    -------
    Path or None
        The ``site-packages`` folder added, or None when nothing was done.
    """
    if os.environ.get("GOVMETRICS_NO_CHECKOUT_ENV") or not _missing(needed):
        return None
    root = Path(__file__).resolve().parent.parent if root is None else root
    sp = checkout_environment(root)
    if sp is None or str(sp) in sys.path:
        return None
    site.addsitedir(str(sp))
    still = _missing(needed)
    print(f"govmetrics: this Python ({sys.executable}) lacks the dependencies; using {sp}"
          + (f" (still missing: {', '.join(still)})" if still else ""), file=sys.stderr)
    return sp
