"""The ``df.gm`` pandas accessor: thin delegation to the analysis functions.

Importing :mod:`govmetrics` registers it (at once when pandas is loaded
already, else as soon as pandas is imported). Each method passes the DataFrame as
the first argument of the matching function and returns its result.

Examples
--------
>>> import pandas as pd
>>> import govmetrics  # noqa: F401  (registers .gm)
>>> facts = pd.DataFrame({
...     "region": ["咸宁市"] * 2, "year": [2022] * 2, "indicator": ["gdp"] * 2,
...     "role": ["target", "actual"], "period_end": [12, 12],
...     "measure": ["growth_pct"] * 2, "value": [8.0, 8.1]})
>>> facts.gm.attainment()["status"].tolist()
['met']
"""

from __future__ import annotations

import importlib

import pandas as pd


def _analysis():  # noqa: ANN202 - the module
    """The analysis package, imported on first use: registering the accessor must not
    import it (pandas may be loading inside another govmetrics module's import)."""
    return importlib.import_module(".analysis", __package__)


@pd.api.extensions.register_dataframe_accessor("gm")
class GovmetricsAccessor:
    """``df.gm``: attainment, pace, project, rank and validate on a fact table."""

    def __init__(self, df: pd.DataFrame) -> None:
        self._df = df

    def attainment(self, **kwargs) -> pd.DataFrame:
        """:func:`govmetrics.attainment` of this table."""
        return _analysis().attainment(self._df, **kwargs)

    def pace(self, **kwargs) -> pd.DataFrame:
        """:func:`govmetrics.pace` of this table."""
        return _analysis().pace(self._df, **kwargs)

    def project(self, **kwargs) -> pd.DataFrame:
        """:func:`govmetrics.project` of this table."""
        return _analysis().project(self._df, **kwargs)

    def rank(self, by: str, **kwargs) -> pd.DataFrame:
        """:func:`govmetrics.rank` of this table by column ``by``."""
        return _analysis().rank(self._df, by, **kwargs)

    def validate(self) -> pd.DataFrame:
        """:func:`govmetrics.validate_facts` of this table (returns it unchanged)."""
        from .schema import validate_facts

        return validate_facts(self._df)
