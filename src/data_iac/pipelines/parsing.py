"""Turn a ``func_name`` step's arguments into a typed operation value (pure, no engine).

Each portable name has one small parser that accepts the argument shapes users write
(``func_args`` list or ``func_kwargs`` mapping) and refuses the rest with a message meant for
the user; the spec reports it at the step's file:line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from data_iac.pipelines.nwexpr import (
    NativeExpr,
    looks_like_native_expression,
    parse_native_expression,
)
from data_iac.pipelines.operations import (
    JOIN_HOWS,
    NATIVE_METHODS,
    PORTABLE_CASTS,
    PORTABLE_OPERATIONS,
    Cast,
    Drop,
    DropDuplicates,
    Filter,
    GroupBy,
    Join,
    Limit,
    Native,
    Operation,
    Rename,
    Select,
    Sort,
    Union,
    WithColumns,
)

__all__ = ["LEGACY_KEYWORDS", "parse_operation"]

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
    """``X``, ``nodes.X`` or ``{nodes.X}`` -> node X; ``{sources.X}`` -> ``sources.X``."""
    if not isinstance(value, str) or not value.strip("{}"):
        raise ValueError("a frame reference must be a string such as `{nodes.brz_prices}`")
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
    keep = str(kwargs.get("keep", "any")).lower()
    order_by = _strings(kwargs.get("order_by", []), "order_by")
    if keep not in {"any", "first", "last", "none"}:
        raise ValueError(f"keep must be any, first, last or none, not {keep!r}")
    if keep in {"first", "last"} and not order_by:
        raise ValueError(
            f"keep: {keep} needs order_by (the columns that say which row is {keep}): "
            "a lazy frame, and any Spark DataFrame, has no row order of its own"
        )
    return DropDuplicates(None if subset is None else _strings(subset, "subset"), keep, order_by)


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


# The func_kwargs each portable operation understands; an empty set means "any key" (a
# mapping of names). Any other key is an error, never silently dropped.
LEGACY_KEYWORDS: Mapping[str, frozenset[str]] = {
    "select": frozenset({"columns"}),
    "filter": frozenset({"condition", "expr"}),
    "where": frozenset({"condition", "expr"}),
    "with_column": frozenset({"name", "expr"}),
    "with_columns": frozenset(),
    "rename": frozenset(),
    "drop": frozenset({"columns"}),
    "drop_duplicates": frozenset({"subset", "keep", "order_by"}),
    "unique": frozenset({"subset", "keep", "order_by"}),
    "join": frozenset({"other", "on", "how"}),
    "union": frozenset({"others", "other"}),
    "group_by": frozenset({"by", "agg"}),
    "sort": frozenset({"by", "descending"}),
    "order_by": frozenset({"by", "descending"}),
    "limit": frozenset({"n"}),
    "cast": frozenset(),
}


def _check_keywords(func_name: str, kwargs: Kwargs) -> None:
    allowed = LEGACY_KEYWORDS[func_name]
    unknown = sorted(set(kwargs) - allowed) if allowed else []
    if unknown:
        takes = ", ".join(sorted(allowed))
        raise ValueError(f"{func_name} does not take {', '.join(unknown)} (it takes {takes})")


def _native_argument(value: Any) -> Any:
    """Strings that are Polars/PySpark expressions become ``NativeExpr``; the rest stay."""
    if isinstance(value, str) and looks_like_native_expression(value):
        return parse_native_expression(value)
    if isinstance(value, Mapping):
        return {k: _native_argument(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_native_argument(v) for v in value]
    return value


def _pinned_engine(values: Any) -> str | None:
    """The engine the arguments' expressions are written for (``F.`` spark, ``pl.`` polars)."""
    found: set[str] = set()
    stack = [values]
    while stack:
        value = stack.pop()
        if isinstance(value, NativeExpr) and value.engine is not None:
            found.add(value.engine)
        elif isinstance(value, Mapping):
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
    if len(found) > 1:
        raise ValueError("a step cannot mix Polars (pl.) and PySpark (F.) expressions")
    return found.pop() if found else None


def _native(func_name: str, engine: str | None, args: Args, kwargs: Kwargs) -> Native:
    args = [_native_argument(a) for a in args]
    kwargs = {k: _native_argument(v) for k, v in kwargs.items()}
    pinned = _pinned_engine([args, kwargs])
    engine = "spark" if engine == "pyspark" else engine
    if engine is not None and pinned is not None and pinned != engine:
        raise ValueError(f"{engine}.{func_name} is given {pinned} expressions")
    engine = engine or pinned
    if engine is None:
        known = set().union(*NATIVE_METHODS.values())
        if func_name not in known:
            raise ValueError(
                f"native method {func_name!r} is not allowed; allowed: {sorted(known)}"
            )
        return Native(None, func_name, tuple(args), dict(kwargs))
    allowed = NATIVE_METHODS.get(engine)
    if allowed is None:
        raise ValueError(f"unknown engine {engine!r} in {func_name!r}: use polars or spark")
    if func_name not in allowed:
        names = ", ".join(sorted(allowed))
        raise ValueError(f"{engine}.{func_name} is not allowed; {engine} methods: {names}")
    return Native(engine, func_name, tuple(args), dict(kwargs))


def parse_operation(
    func_name: str, args: Args, kwargs: Kwargs, *, engine: str | None = None, native: bool = False
) -> Operation:
    """Turn one ``func_name`` step into an operation value.

    Raises:
        ValueError: with a message meant for the user when the name is not portable and not
            allow-listed, or the arguments do not fit the operation.
    """
    prefix, dot, method = func_name.partition(".")
    if dot:
        return _native(method, prefix, args, kwargs)
    if engine is not None or native:
        return _native(func_name, engine, args, kwargs)
    parser = _PARSERS.get(func_name)
    if parser is None:
        raise ValueError(
            f"unknown operation {func_name!r}; portable operations: "
            f"{', '.join(PORTABLE_OPERATIONS)}, narwhals LazyFrame methods, laktory.<function>, "
            "<package>.<function> (prefix an engine method: polars.X or spark.X)"
        )
    _check_keywords(func_name, kwargs)
    return parser(args, kwargs)
