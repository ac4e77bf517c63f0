"""Fact tables bundled with govmetrics, ready to analyse without extraction.

``seeds``
    Facts of the five seed documents in ``data/raw`` (咸宁市, 赤壁市, 洪湖市:
    work reports, progress bulletins and a target breakdown, 2018-2025).
``dev``
    Hand-checked facts of the 35-document development corpus (work reports,
    plan reports, progress bulletins and statistical communiqués of
    provinces, prefectures and counties across China).
``hubei``
    Facts extracted by this library from the official documents in
    ``data/raw`` of one province, 湖北省: the province (420000), the
    prefectures 咸宁市 (421200) and 鄂州市 (420700), the county-level cities
    赤壁市 (421281), 洪湖市 (421083) and 大冶市 (420281) and the district
    咸安区 (421202); work reports, progress bulletins, a target breakdown and
    the province's key tasks, 2018-2025. Targets and results of the same
    years are both present (咸宁市 2018, 2019 and 2022, 湖北省 2022), so
    attainment, pace, peer ranks and composite ranks have values. Every row
    has a region code and its span (``char_start``, ``char_end``) in the
    source text; ``data/raw/MANIFEST.csv`` gives each document's address
    (government websites, and re-publications of the full text where the
    original page is not kept), level, year and kind. News reports in
    ``data/raw`` are not part of it. Rebuilt by
    ``python scripts/build_datasets.py`` (which extracts ``data/raw`` into
    ``data/processed/facts.csv`` first).

Source and licence: the source documents are official government texts
(work reports, bulletins, communiqués and target breakdowns issued by
people's governments and their offices). Under article 5 of the Copyright
Law of the People's Republic of China, laws, regulations, resolutions,
decisions and orders of state organs and other documents of a legislative,
administrative or judicial nature are not protected by copyright, so the
figures and quotes can be redistributed; each row names its document in
``doc``.

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

__all__ = ["describe", "list_datasets", "load"]

_DESCRIPTIONS = {
    "seeds": "facts of the five seed documents (咸宁市, 赤壁市, 洪湖市; 2018-2025)",
    "dev": "gold facts of the 35-document development corpus",
    "hubei": "facts of the official documents in data/raw: 湖北省, two prefectures, "
             "three county-level cities and a district, 2018-2025",
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
    ['dev', 'hubei', 'seeds']
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
        One of :func:`list_datasets` (``"seeds"``, ``"dev"`` or ``"hubei"``;
        sources and licence in the module docstring).

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
