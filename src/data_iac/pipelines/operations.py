"""The portable operation names a transformer step may call, parsed into typed values.

A step's ``func_name`` + ``func_args`` / ``func_kwargs`` is turned here, once and at load time,
into one of the frozen operation values below. Engines ``match`` on those values, so the same
YAML means the same thing on Polars and on Spark, and a bad argument is reported with the
step's location before any data is read. Nothing here imports an engine, and no string is ever
evaluated as Python: expressions stay SQL strings for the engine's own SQL parser.

An engine-specific method is written ``polars.unpivot`` / ``spark.dropna`` (or with
``engine: polars`` on the step) and must be in that engine's allow-list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "JOIN_HOWS",
    "NATIVE_METHODS",
    "NODE_REFERENCE",
    "PORTABLE_CASTS",
    "PORTABLE_OPERATIONS",
    "Cast",
    "Drop",
    "DropDuplicates",
    "Filter",
    "GroupBy",
    "Join",
    "Limit",
    "Native",
    "Operation",
    "Rename",
    "Select",
    "Sort",
    "SqlQuery",
    "Union",
    "WithColumns",
    "parse_operation",
    "render_sql",
]

EngineName = Literal["polars", "spark"]
JOIN_HOWS = ("inner", "left", "right", "full", "semi", "anti", "cross")
# `{nodes.X}` inside a sql_expr; X follows the node-name rule of spec.Node.
NODE_REFERENCE = re.compile(r"\{nodes\.([A-Za-z_][A-Za-z0-9_\-]*)\}")
DF_REFERENCE = "{df}"
# Portable type names accepted by `cast`; each engine maps them to its own types.
PORTABLE_CASTS = ("string", "int", "bigint", "float", "double", "boolean", "date", "timestamp")

# Engine methods callable as `<engine>.<method>`: taken as-is from the engine's dataframe API.
NATIVE_METHODS: Mapping[str, frozenset[str]] = {
    "polars": frozenset(
        {"drop_nulls", "explode", "fill_nan", "fill_null", "head", "reverse", "tail"}
        | {"unnest", "unpivot", "with_row_index", "top_k", "bottom_k", "gather_every"}
    ),
    "spark": frozenset(
        {"dropna", "fillna", "distinct", "repartition", "coalesce", "hint", "sample"}
        | {"withColumnRenamed", "withColumnsRenamed", "unpivot", "melt", "exceptAll"}
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
    """Remove duplicate rows (by ``subset`` when given); which duplicate survives is unspecified."""

    subset: tuple[str, ...] | None


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
class Native:
    """An allow-listed method of one engine's dataframe, refused by the other engine."""

    engine: str
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
)

Args = Sequence[Any]
Kwargs = Mapping[str, Any]


def _strings(value: Any, what: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(v, str) for v in items):
        raise ValueError(f"{what} must be a string or a list of strings")
    return tuple(items)


def _pairs(value: Any, what: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping) or not value:
        raise ValueError(f"{what} must be a non-empty mapping of name: value")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError(f"{what} must map strings to strings")
    return tuple(value.items())


def _one(args: Args, kwargs: Kwargs, key: str, what: str) -> Any:
    if key in kwargs:
        return kwargs[key]
    if len(args) == 1:
        return args[0]
    raise ValueError(f"{what} needs `{key}` (in func_kwargs) or exactly one func_args entry")


def _node_ref(value: Any) -> str:
    """Accept ``X``, ``nodes.X`` or ``{nodes.X}`` as a reference to node X."""
    if not isinstance(value, str) or not value.strip("{}"):
        raise ValueError("a node reference must be a string such as `nodes.brz_prices`")
    name = value.strip().strip("{}")
    return name.removeprefix("nodes.")


def _select(args: Args, kwargs: Kwargs) -> Select:
    columns = kwargs.get("columns", list(args))
    return Select(_strings(columns, "select columns"))


def _filter(args: Args, kwargs: Kwargs) -> Filter:
    condition = kwargs.get("condition", kwargs.get("expr", args[0] if len(args) == 1 else None))
    if not isinstance(condition, str) or not condition.strip():
        raise ValueError('filter needs one SQL condition (func_args: ["close > 0"])')
    return Filter(condition)


def _with_column(args: Args, kwargs: Kwargs) -> WithColumns:
    if len(args) == 2:
        return WithColumns(_pairs({args[0]: args[1]}, "with_column"))
    return WithColumns(_pairs({kwargs.get("name"): kwargs.get("expr")}, "with_column"))


def _with_columns(args: Args, kwargs: Kwargs) -> WithColumns:
    return WithColumns(_pairs(args[0] if len(args) == 1 else kwargs, "with_columns"))


def _rename(args: Args, kwargs: Kwargs) -> Rename:
    mapping = kwargs.get("mapping", kwargs) if not args else args[0]
    return Rename(_pairs(mapping, "rename"))


def _drop(args: Args, kwargs: Kwargs) -> Drop:
    return Drop(_strings(kwargs.get("columns", list(args)), "drop columns"))


def _drop_duplicates(args: Args, kwargs: Kwargs) -> DropDuplicates:
    subset = kwargs.get("subset", args[0] if args else None)
    return DropDuplicates(None if subset is None else _strings(subset, "subset"))


def _join(args: Args, kwargs: Kwargs) -> Join:
    how = str(kwargs.get("how", "inner")).lower()
    if how not in JOIN_HOWS:
        raise ValueError(f"join how must be one of {', '.join(JOIN_HOWS)}, not {how!r}")
    on = kwargs.get("on", [])
    if how != "cross" and not on:
        raise ValueError("join needs `on`: the key column(s) both sides share")
    return Join(_node_ref(kwargs.get("other", args[0] if args else None)), _strings(on, "on"), how)


def _union(args: Args, kwargs: Kwargs) -> Union:
    others = kwargs.get("others", kwargs.get("other", list(args)))
    refs = [others] if isinstance(others, str) else others
    if not isinstance(refs, list) or not refs:
        raise ValueError("union needs `others`: a list of node references")
    return Union(tuple(_node_ref(r) for r in refs))


def _group_by(args: Args, kwargs: Kwargs) -> GroupBy:
    by = _strings(kwargs.get("by", list(args)), "group_by `by`")
    agg = kwargs.get("agg")
    if isinstance(agg, list) and agg and all(isinstance(a, str) for a in agg):
        return GroupBy(by, tuple(("", a) for a in agg))  # "sum(x) AS y": alias inside the SQL
    return GroupBy(by, _pairs(agg, "group_by `agg`"))


def _sort(args: Args, kwargs: Kwargs) -> Sort:
    by = _strings(kwargs.get("by", list(args)), "sort `by`")
    descending = kwargs.get("descending", False)
    flags = [descending] * len(by) if isinstance(descending, bool) else descending
    if not isinstance(flags, list) or len(flags) != len(by):
        raise ValueError("sort `descending` must be a bool or one bool per `by` column")
    return Sort(by, tuple(bool(f) for f in flags))


def _limit(args: Args, kwargs: Kwargs) -> Limit:
    n = _one(args, kwargs, "n", "limit")
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValueError("limit `n` must be a non-negative integer")
    return Limit(n)


def _cast(args: Args, kwargs: Kwargs) -> Cast:
    pairs = _pairs(args[0] if len(args) == 1 else kwargs, "cast")
    for column, type_name in pairs:
        if type_name.lower() not in PORTABLE_CASTS:
            allowed = ", ".join(PORTABLE_CASTS)
            raise ValueError(f"cast {column}: unknown type {type_name!r} (use one of {allowed})")
    return Cast(tuple((c, t.lower()) for c, t in pairs))


_PARSERS: Mapping[str, Callable[[Args, Kwargs], Operation]] = {
    "select": _select,
    "filter": _filter,
    "where": _filter,
    "with_column": _with_column,
    "with_columns": _with_columns,
    "rename": _rename,
    "drop": _drop,
    "drop_duplicates": _drop_duplicates,
    "unique": _drop_duplicates,
    "join": _join,
    "union": _union,
    "group_by": _group_by,
    "sort": _sort,
    "order_by": _sort,
    "limit": _limit,
    "cast": _cast,
}
PORTABLE_OPERATIONS = tuple(sorted(_PARSERS))


def _native(func_name: str, engine: str, args: Args, kwargs: Kwargs) -> Native:
    allowed = NATIVE_METHODS.get(engine)
    if allowed is None:
        raise ValueError(f"unknown engine {engine!r} in {func_name!r}: use polars or spark")
    if func_name not in allowed:
        names = ", ".join(sorted(allowed))
        raise ValueError(f"{engine}.{func_name} is not allowed; {engine} methods: {names}")
    return Native(engine, func_name, tuple(args), dict(kwargs))


def parse_operation(
    func_name: str, args: Args, kwargs: Kwargs, *, engine: str | None = None
) -> Operation:
    """Turn one ``func_name`` step into an operation value.

    Raises:
        ValueError: with a message meant for the user when the name is not portable and not
            allow-listed, or the arguments do not fit the operation.
    """
    prefix, dot, method = func_name.partition(".")
    if dot:
        return _native(method, prefix, args, kwargs)
    if engine is not None:
        return _native(func_name, engine, args, kwargs)
    parser = _PARSERS.get(func_name)
    if parser is None:
        raise ValueError(
            f"unknown operation {func_name!r}; portable operations: "
            f"{', '.join(PORTABLE_OPERATIONS)} (prefix an engine method: polars.X or spark.X)"
        )
    return parser(args, kwargs)


def render_sql(query: str, *, df_table: str, node_tables: Mapping[str, str]) -> str:
    """Replace ``{df}`` and ``{nodes.X}`` by the table names the engine registered for them.

    Only those placeholders are touched; any other brace in the SQL is left as written.
    """
    rendered = query.replace(DF_REFERENCE, df_table)
    return NODE_REFERENCE.sub(lambda match: node_tables[match.group(1)], rendered)
