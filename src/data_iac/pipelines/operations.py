"""The portable operation names a transformer step may call, parsed into typed values.

A step's ``func_name`` + ``func_args`` / ``func_kwargs`` is turned (by ``parsing.py``, once and
at load time) into one of the frozen operation values below. Engines ``match`` on those
values, so the same YAML means the same thing on Polars and on Spark, and a bad argument is
reported with the step's location before any data is read. Nothing here imports an engine,
and no string is ever evaluated as Python: expressions stay SQL strings for the engine's own
SQL parser.

An engine-specific method is written ``polars.unpivot`` / ``spark.dropna`` (or with
``engine: polars`` on the step) and must be in that engine's allow-list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "JOIN_HOWS",
    "NATIVE_METHODS",
    "NODE_REFERENCE",
    "PORTABLE_CASTS",
    "PORTABLE_OPERATIONS",
    "SOURCE_REFERENCE",
    "Cast",
    "Drop",
    "DropDuplicates",
    "Filter",
    "FrameRef",
    "GroupBy",
    "Join",
    "LaktoryCall",
    "Limit",
    "Native",
    "NwCall",
    "Operation",
    "PackageCall",
    "Rename",
    "Select",
    "Sort",
    "SqlQuery",
    "Union",
    "WithColumns",
    "render_sql",
]

JOIN_HOWS = ("inner", "left", "right", "full", "semi", "anti", "cross")
# `{nodes.X}` inside a sql_expr; X follows the node-name rule of spec.Node.
NODE_REFERENCE = re.compile(r"\{nodes\.([A-Za-z_][A-Za-z0-9_\-]*)\}")
# `{sources.X}`: a named source of the same node.
SOURCE_REFERENCE = re.compile(r"\{sources\.([A-Za-z_][A-Za-z0-9_\-]*)\}")
DF_REFERENCE = "{df}"
# Portable type names accepted by `cast`; each engine maps them to its own types.
PORTABLE_CASTS = ("string", "int", "bigint", "float", "double", "boolean", "date", "timestamp")

# One name per common operation (aliases included); `parsing.py` maps each to its value.
PORTABLE_OPERATIONS = (
    "cast",
    "drop",
    "drop_duplicates",
    "filter",
    "group_by",
    "join",
    "limit",
    "order_by",
    "rename",
    "select",
    "sort",
    "union",
    "unique",
    "where",
    "with_column",
    "with_columns",
)

# Engine methods callable as `<engine>.<method>`: taken as-is from the engine's dataframe API.
NATIVE_METHODS: Mapping[str, frozenset[str]] = {
    "polars": frozenset(
        {"drop_nulls", "explode", "fill_nan", "fill_null", "head", "reverse", "tail"}
        | {"unnest", "unpivot", "with_row_index", "top_k", "bottom_k", "gather_every"}
        | {"select", "with_columns", "filter", "drop", "rename", "sort", "unique", "limit"}
    ),
    "spark": frozenset(
        {"dropna", "fillna", "distinct", "repartition", "coalesce", "hint", "sample"}
        | {"dropDuplicates", "drop_duplicates", "withColumnRenamed", "orderBy", "limit"}
        | {"withColumnRenamed", "withColumnsRenamed", "unpivot", "melt", "exceptAll"}
        | {"select", "withColumn", "withColumns", "filter", "where", "drop", "sort"}
        | {"selectExpr"}
    ),
}


@dataclass(frozen=True, slots=True)
class Select:
    """Keep these columns; each may be a SQL expression such as ``close * 2 AS x``."""

    columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Filter:
    """Keep rows where the SQL boolean ``condition`` is true."""

    condition: str


@dataclass(frozen=True, slots=True)
class WithColumns:
    """Add or replace columns: (name, SQL expression) pairs, applied together."""

    columns: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Rename:
    """Rename columns: (old, new) pairs."""

    mapping: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Drop:
    """Remove columns."""

    columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DropDuplicates:
    """Remove duplicate rows (by ``subset`` when given).

    ``keep`` is ``any`` (which duplicate survives is unspecified), ``none`` (drop every
    duplicated row), or ``first`` / ``last`` in the order of ``order_by`` (required for them:
    a lazy frame has no row order of its own).
    """

    subset: tuple[str, ...] | None
    keep: str = "any"
    order_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Join:
    """Join another node's output; key columns named in ``on`` appear once in the result."""

    other: str
    on: tuple[str, ...]
    how: str


@dataclass(frozen=True, slots=True)
class Union:
    """Append other nodes' rows, matching columns by name (missing ones become null)."""

    others: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GroupBy:
    """Group by ``by`` and compute ``aggs``: (alias, SQL aggregate expression) pairs."""

    by: tuple[str, ...]
    aggs: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Sort:
    """Order rows by ``by``; ``descending`` has one flag per column."""

    by: tuple[str, ...]
    descending: tuple[bool, ...]


@dataclass(frozen=True, slots=True)
class Limit:
    """Keep the first ``n`` rows."""

    n: int


@dataclass(frozen=True, slots=True)
class Cast:
    """Convert columns to portable types (see ``PORTABLE_CASTS``)."""

    columns: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class FrameRef:
    """A dataframe passed as an argument: ``{df}``, ``{sources.X}`` or ``{nodes.X}``."""

    key: str  # "df", "sources.X" or the node name X


@dataclass(frozen=True, slots=True)
class NwCall:
    """A narwhals ``LazyFrame`` method; arguments may hold ``NwExpr`` and ``FrameRef`` values."""

    method: str
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class LaktoryCall:
    """One of Laktory's built-in dataframe functions (``laktory.groupby_and_agg``...)."""

    function: str
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class PackageCall:
    """``<package>.<function>(df, ...)`` from an installed package named in the pipeline."""

    package: str
    function: str
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Native:
    """An allow-listed method of one engine's dataframe, refused by the other engine.

    ``engine`` is ``None`` for ``dataframe_api: NATIVE`` steps: the method of whichever engine
    runs the pipeline (checked against that engine's allow-list before any node runs).
    """

    engine: str | None
    method: str
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class SqlQuery:
    """A SQL query over ``{df}`` (the input) and ``{nodes.X}`` (other nodes' outputs)."""

    query: str


Operation = (
    Select
    | Filter
    | WithColumns
    | Rename
    | Drop
    | DropDuplicates
    | Join
    | Union
    | GroupBy
    | Sort
    | Limit
    | Cast
    | Native
    | SqlQuery
    | NwCall
    | LaktoryCall
    | PackageCall
)


def render_sql(query: str, *, df_table: str, node_tables: Mapping[str, str]) -> str:
    """Replace ``{df}``, ``{nodes.X}`` and ``{sources.X}`` by the engine's table names.

    ``node_tables`` maps node names and ``sources.X`` keys to registered tables. Only those
    placeholders are touched; any other brace in the SQL is left as written.
    """
    rendered = query.replace(DF_REFERENCE, df_table)
    rendered = SOURCE_REFERENCE.sub(lambda m: node_tables[f"sources.{m.group(1)}"], rendered)
    return NODE_REFERENCE.sub(lambda match: node_tables[match.group(1)], rendered)
