"""govmetrics: what Chinese governments promise and report, as tidy data.

The public API is flat: everything a user needs is importable from here.
Data flows one way: read -> normalize -> segment -> frame -> statements ->
resolve -> tidy -> analysis -> present. ``python -m govmetrics`` runs the
command line.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

from ._checkout import use_checkout_environment

use_checkout_environment()  # run from a checkout by a Python without the dependencies

#: Where each public name lives; a name is imported on first use (PEP 562), so
#: ``import govmetrics`` loads neither pandas nor the extractor.
_SOURCES: dict[str, str] = {
    **dict.fromkeys(["YearEndProjector", "accountability", "accountability_detail",
                     "amplification", "amplification_summary", "attainment", "composite_rank",
                     "pace", "panel", "panel_path", "project", "rank", "ratchet",
                     "ratchet_summary"], "analysis"),
    **dict.fromkeys(["AnalysisError", "DocumentError", "DocumentNotFoundError",
                     "GovmetricsError", "ParameterError", "SchemaError"], "errors"),
    **dict.fromkeys(["DocumentWarning", "extract", "extract_document", "extract_text",
                     "unplaced"], "extract"),
    **dict.fromkeys(["DocFrame", "Section", "frame", "outline"], "frame"),
    "multi_year_table": "history",
    **dict.fromkeys(["DocumentMeta", "detect_metadata"], "text.metadata"),
    **dict.fromkeys(["NormalizedText", "normalize"], "text.normalize"),
    **dict.fromkeys(["Document", "document_from_text", "read_document"], "text.read"),
    **dict.fromkeys(["Region", "lookup_region", "region_parent", "regions"], "text.regions"),
    "resolve": "resolve",
    **dict.fromkeys(["FACT_COLUMNS", "empty_facts", "validate_facts"], "schema"),
    **dict.fromkeys(["document_format", "document_paths"], "text.suffixes"),
    **dict.fromkeys(["comparison_table", "to_long", "to_wide"], "present.tables"),
    **dict.fromkeys(["TASK_COLUMNS", "tasks", "tasks_text"], "tasks"),
    **dict.fromkeys(["indicator_direction", "indicator_names", "indicators"], "vocabulary"),
}
#: Public modules (``govmetrics.plot``, ``govmetrics.dask`` ...), imported on first use.
_MODULES = {"datasets": "datasets", "plot": "present.plot", "tables": "present.tables",
            "dask": "dask"}
#: Functions named like the module that holds them: the attribute is the function.
_SHADOWED = frozenset(n for n, m in _SOURCES.items() if n == m)


class _Package(types.ModuleType):
    """The package module: importing a submodule named like a function keeps the function.

    The import system sets ``govmetrics.extract`` to the submodule when it is
    first imported; ``govmetrics.extract`` stays the function.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


def _register_accessor() -> None:
    """Register ``df.gm`` (needs pandas; cheap once pandas is loaded)."""
    from . import accessor  # noqa: F401


def __getattr__(name: str) -> object:
    if name in _MODULES:
        value = importlib.import_module(f"{__name__}.{_MODULES[name]}")
    elif name in _SOURCES:
        module = importlib.import_module(f"{__name__}.{_SOURCES[name]}")
        value = getattr(module, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    _register_accessor()
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _PandasHook:
    """Registers ``df.gm`` right after pandas is imported, when govmetrics came first."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> object:
        if name != "pandas":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def exec_and_register(module: types.ModuleType) -> None:
            exec_module(module)
            _register_accessor()

        spec.loader.exec_module = exec_and_register  # this spec's loader only
        return spec


sys.modules[__name__].__class__ = _Package
if "pandas" in sys.modules:  # df.gm works from the start when pandas is already loaded
    _register_accessor()
else:  # ... or from the moment pandas is imported
    sys.meta_path.insert(0, _PandasHook())

__version__ = "0.1.0"

__all__ = [
    "AnalysisError",
    "DocumentError",
    "DocumentNotFoundError",
    "DocumentWarning",
    "ParameterError",
    "document_format",
    "document_paths",
    "FACT_COLUMNS",
    "GovmetricsError",
    "SchemaError",
    "empty_facts",
    "indicator_direction",
    "indicator_names",
    "indicators",
    "validate_facts",
    "attainment",
    "accountability",
    "accountability_detail",
    "pace",
    "project",
    "rank",
    "composite_rank",
    "YearEndProjector",
    "panel",
    "panel_path",
    "ratchet",
    "ratchet_summary",
    "amplification",
    "amplification_summary",
    "Document",
    "DocumentMeta",
    "NormalizedText",
    "Region",
    "detect_metadata",
    "normalize",
    "region_parent",
    "document_from_text",
    "extract",
    "extract_document",
    "extract_text",
    "frame",
    "outline",
    "resolve",
    "DocFrame",
    "Section",
    "lookup_region",
    "read_document",
    "regions",
    "unplaced",
    "tasks",
    "tasks_text",
    "TASK_COLUMNS",
    "comparison_table",
    "multi_year_table",
    "to_long",
    "to_wide",
    "dask",
    "datasets",
    "plot",
    "tables",
]
