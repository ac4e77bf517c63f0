"""Fact tables bundled with govmetrics, ready to analyse without extraction.

``seeds``
    Facts of the five seed documents in ``data/raw`` (咸宁市, 赤壁市, 洪湖市:
    work reports, progress bulletins and a target breakdown, 2018-2025).
``dev``
    Hand-checked facts of the 35-document development corpus (work reports,
    plan reports, progress bulletins and statistical communiqués of
    provinces, prefectures and counties across China).

The source documents are official government texts. Under article 5 of the
Copyright Law of the People's Republic of China, laws, regulations and
official documents of a legislative, administrative or judicial nature are
not protected by copyright, so the figures and quotes can be redistributed.

Examples
--------
>>> from govmetrics import datasets
>>> "seeds" in datasets.list_datasets()
True
>>> facts = datasets.load("seeds")
>>> {"咸宁市", "赤壁市", "洪湖市"} <= set(facts["region"])
True
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

from ..errors import GovmetricsError
from ..schema import coerce_facts

__all__ = ["list_datasets", "load"]

_DESCRIPTIONS = {
    "seeds": "facts of the five seed documents (咸宁市, 赤壁市, 洪湖市; 2018-2025)",
    "dev": "gold facts of the 35-document development corpus",
}


def _data_dir():
    return resources.files(__name__).joinpath("data")


def list_datasets() -> list[str]:
    """Names of the bundled datasets, sorted.

    Returns
    -------
    list of str
        Names accepted by :func:`load`.

    Examples
    --------
    >>> list_datasets()
    ['dev', 'seeds']
    """
    return sorted(
        p.name.removesuffix(".csv") for p in _data_dir().iterdir() if p.name.endswith(".csv")
    )


def describe(name: str) -> str:
    """One-line description of a bundled dataset.

    Examples
    --------
    >>> describe("dev")
    'gold facts of the 35-document development corpus'
    """
    return _DESCRIPTIONS.get(name, name)


def load(name: str) -> pd.DataFrame:
    """Load a bundled fact table.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets` (``"seeds"`` or ``"dev"``).

    Returns
    -------
    pandas.DataFrame
        A fact table with the columns of :data:`govmetrics.FACT_COLUMNS` and
        their contract dtypes.

    Raises
    ------
    GovmetricsError
        When no dataset of that name is bundled.

    Examples
    --------
    >>> facts = load("seeds")
    >>> facts.loc[0, ["region", "region_code"]].tolist()
    ['咸宁市', '421200']
    """
    available = list_datasets()
    if name not in available:
        raise GovmetricsError(
            f"no dataset named {name!r}; available: {', '.join(available)}"
        )
    with _data_dir().joinpath(f"{name}.csv").open("r", encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype={"region_code": "string"}, keep_default_na=True)
    return coerce_facts(df)
