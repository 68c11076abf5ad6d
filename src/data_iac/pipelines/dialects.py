"""The expression languages a pipeline may write as text, and what each one allows.

Laktory evaluates ``nw.col("x")`` (``dataframe_api: NARWHALS``), ``pl.col("x")`` (NATIVE on
Polars) and ``F.col("x")`` (NATIVE on PySpark) with Python's ``eval``; we parse them instead
(``nwexpr.py``), and a dialect says which names start an expression, which package's
objects may have their attributes read, which modules may be reached by attribute, and which
attribute names are refused anyway: readers, writers, functions that take Python callables
(UDFs, ``map_*``, ``pipe``), serialisation, process-wide settings, and Spark's ``reflect``.
"""

from __future__ import annotations

import importlib
import importlib.util
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["DIALECTS", "NARWHALS", "POLARS", "PYSPARK", "Dialect", "native_dialect"]

_COMMON_REFUSED = frozenset(
    {"pipe", "map_batches", "map_elements", "map_groups", "map_rows", "apply", "inspect"}
    | {"serialize", "deserialize", "show_graph", "plot", "collect_all", "collect_all_async"}
)
_MISSING = object()
_IO_PREFIXES = ("read_", "scan_", "write_", "sink_", "register_")


@dataclass(frozen=True, slots=True, eq=False)
class Dialect:
    """One expression language: where its names come from and what stays out of reach."""

    name: str
    engine: str | None  # the engine it runs on; None: any (narwhals)
    roots: Mapping[str, tuple[str, str | None]]  # name in text -> (module, attribute)
    packages: tuple[str, ...]  # objects defined here may have their attributes read
    modules: frozenset[str]  # modules reachable as attributes (besides the roots)
    refused: frozenset[str]
    refused_prefixes: tuple[str, ...] = _IO_PREFIXES

    def resolve_root(self, name: str) -> Any:
        """The object a root name stands for (imported on first use)."""
        module, attribute = self.roots[name]
        imported = importlib.import_module(module)
        return imported if attribute is None else getattr(imported, attribute)

    def check_root_attribute(self, root: str, attribute: str) -> str | None:
        """Why ``root.attribute`` (``F.nosuch``, ``T.os``) is refused; ``None`` when it is not.

        Checked at load time, also when the package cannot build the expression yet (PySpark
        needs a session); a root that is a function (``col``) or not installed is skipped.
        """
        module, member = self.roots.get(root, ("", ""))
        if member is not None or importlib.util.find_spec(module.split(".")[0]) is None:
            return None
        value = getattr(self.resolve_root(root), attribute, _MISSING)
        if value is _MISSING:
            return f"{self.name} has no {attribute!r}"
        if isinstance(value, types.ModuleType) and value.__name__ not in self.modules:
            return f"module {attribute!r} is not allowed"
        if callable(value) and not self.owns(value):
            return f"{attribute!r} is not a {self.name} function"
        return None

    def refuses(self, attribute: str) -> bool:
        """True for private, dunder and refused attribute names."""
        return attribute.startswith(("_", *self.refused_prefixes)) or attribute in self.refused

    def owns(self, value: Any) -> bool:
        """True when ``value`` (a function, class or object) comes from the dialect's package."""
        defined_in = value if isinstance(value, type) or callable(value) else type(value)
        module = str(getattr(defined_in, "__module__", "") or "")
        if not module and callable(value):  # a bound method: its owner's package
            module = str(getattr(type(getattr(value, "__self__", None)), "__module__", ""))
        return module.split(".")[0] in self.packages


NARWHALS = Dialect(
    name="narwhals",
    engine=None,
    roots={
        "nw": ("narwhals", None),
        "col": ("narwhals", "col"),
        "lit": ("narwhals", "lit"),
        "sql_expr": ("data_iac.pipelines.laktory_ext", "sql_expr"),  # Laktory's SQL
    },
    packages=("narwhals",),
    modules=frozenset({"narwhals.dtypes"}),
    refused=_COMMON_REFUSED
    | {"to_native", "new_series", "get_native_namespace", "show_versions", "narwhalify"}
    | {"get_level", "maybe_set_index", "stable", "generate_temporary_column_name"},
    refused_prefixes=(*_IO_PREFIXES, "from_", "map_"),
)
POLARS = Dialect(
    name="polars",
    engine="polars",
    roots={
        "pl": ("polars", None),
        "col": ("polars", "col"),
        "lit": ("polars", "lit"),
        "sql_expr": ("polars", "sql_expr"),
    },
    packages=("polars",),
    modules=frozenset({"polars.selectors"}),
    refused=_COMMON_REFUSED
    | {"Config", "SQLContext", "sql", "set_random_seed", "enable_string_cache"}
    | {"disable_string_cache", "StringCache", "thread_pool_size", "show_versions"}
    | {"build_info", "DataFrame", "LazyFrame", "Series", "collect", "collect_async"}
    | {"from_dict", "from_dicts", "from_records", "from_numpy", "from_pandas", "from_arrow"}
    | {"from_repr", "from_dataframe", "from_torch"},
    refused_prefixes=(*_IO_PREFIXES, "map_"),
)
PYSPARK = Dialect(
    name="pyspark",
    engine="spark",
    roots={
        "F": ("pyspark.sql.functions", None),
        "T": ("pyspark.sql.types", None),
        "col": ("pyspark.sql.functions", "col"),
        "lit": ("pyspark.sql.functions", "lit"),
        "expr": ("pyspark.sql.functions", "expr"),
    },
    packages=("pyspark",),
    modules=frozenset(),
    refused=_COMMON_REFUSED
    | {"udf", "udtf", "pandas_udf", "arrow_udf", "arrow_udtf", "call_udf", "call_function"}
    | {"reflect", "try_reflect", "java_method", "broadcast", "UserDefinedFunction"}
    | {"UserDefinedTableFunction", "transform", "aggregate", "reduce", "exists", "forall"}
    | {"zip_with", "map_filter", "map_zip_with", "transform_keys", "transform_values"},
)
DIALECTS: Mapping[str, Dialect] = {d.name: d for d in (NARWHALS, POLARS, PYSPARK)}

_ENGINE_ROOTS = {"F": PYSPARK, "T": PYSPARK, "expr": PYSPARK, "pl": POLARS, "sql_expr": POLARS}


def native_dialect(names: set[str], engine: str | None) -> Dialect | None:
    """The native dialect of an expression using root ``names``, run on ``engine``.

    ``F``/``T``/``expr`` are PySpark, ``pl``/``sql_expr`` Polars; ``col``/``lit`` alone
    belong to whichever engine runs (``engine``; ``None`` when not yet known).

    Raises:
        ValueError: the expression mixes Polars and PySpark names.
    """
    pinned = {_ENGINE_ROOTS[n].name for n in names if n in _ENGINE_ROOTS}
    if len(pinned) > 1:
        raise ValueError("an expression cannot mix Polars (pl.) and PySpark (F.) names")
    if pinned:
        return DIALECTS[pinned.pop()]
    if engine is None:
        return None
    return PYSPARK if engine == "spark" else POLARS
