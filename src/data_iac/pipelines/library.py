"""Laktory's built-in dataframe functions (``func_name: laktory.<name>``), on narwhals.

Written here from their documented behaviour (names, arguments and results), not from
Laktory's code; each takes and returns a narwhals ``LazyFrame``, so it runs unchanged on
Polars and on PySpark. ``SIGNATURES`` lets the loader check a step's arguments before any
data is read.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["FUNCTIONS", "check_call", "prepare_call"]


def _names(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def groupby_and_agg(
    df: Any, groupby_columns: Sequence[str] | None = None, agg_expressions: Sequence[Any] = ()
) -> Any:
    """Group by ``groupby_columns`` and compute each of ``agg_expressions`` (nw expressions)."""
    if not agg_expressions:
        raise ValueError("laktory.groupby_and_agg needs agg_expressions")
    return df.group_by(_names(groupby_columns)).agg(*agg_expressions)


def union(df: Any, others: Any) -> Any:
    """The rows of ``df`` then those of ``others`` (one frame or a list); same columns."""
    import narwhals as nw

    frames = others if isinstance(others, list | tuple) else [others]
    return nw.concat([df, *frames], how="vertical")


def with_row_index(
    df: Any,
    name: str = "index",
    order_by: str | Sequence[str] | None = None,
    partition_by: str | Sequence[str] | None = None,
) -> Any:
    """A 0-based row number, per ``partition_by`` group, in ``order_by`` order."""
    import narwhals as nw

    order = _names(order_by)
    partition = _names(partition_by)
    if not partition:
        return df.with_row_index(name=name, order_by=order or None)
    if not order:
        raise ValueError("laktory.with_row_index with partition_by needs order_by")
    number = nw.col(order[0]).cum_count().over(*partition, order_by=order) - 1
    return df.with_columns(number.alias(name))


def window_filter(
    df: Any,
    partition_by: str | Sequence[str] | None,
    order_by: str | Sequence[str] | None = None,
    drop_row_index: bool = True,
    row_index_name: str = "_row_index",
    rows_to_keep: int = 1,
) -> Any:
    """The first ``rows_to_keep`` rows of each ``partition_by`` group, in ``order_by`` order."""
    import narwhals as nw

    if rows_to_keep < 1:
        raise ValueError("laktory.window_filter: rows_to_keep must be >= 1")
    ranked = with_row_index(df, row_index_name, order_by, partition_by)
    kept = ranked.filter(nw.col(row_index_name) < rows_to_keep)
    return kept.drop(row_index_name) if drop_row_index else kept


FUNCTIONS: Mapping[str, Callable[..., Any]] = {
    "groupby_and_agg": groupby_and_agg,
    "union": union,
    "window_filter": window_filter,
    "with_row_index": with_row_index,
}


# Laktory's other frame functions: they inspect a frame and return no frame.
NOT_STEPS: Mapping[str, str] = {
    "display": "prints the frame and returns nothing",
    "has_column": "returns a bool",
    "schema_flat": "returns a list of column names",
    "signature": "returns a string",
}


def prepare_call(
    name: str, args: Sequence[Any], kwargs: Mapping[str, Any]
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The arguments as the function takes them: in ``groupby_and_agg``'s
    ``agg_expressions``, a string that is not a narwhals expression is SQL (as in Laktory).

    Raises:
        ValueError: an unknown function, arguments that do not fit, or SQL we cannot run.
    """
    check_call(name, args, kwargs)
    if name != "groupby_and_agg":
        return tuple(args), dict(kwargs)
    from data_iac.pipelines.sqlexpr import parse_sql_expression

    bound = inspect.signature(groupby_and_agg).bind(None, *args, **kwargs)
    aggs = bound.arguments.get("agg_expressions")
    if aggs is not None:
        items = aggs if isinstance(aggs, list | tuple) else [aggs]
        bound.arguments["agg_expressions"] = [
            parse_sql_expression(a) if isinstance(a, str) else a for a in items
        ]
    return tuple(bound.args[1:]), dict(bound.kwargs)


def check_call(name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    """Refuse an unknown function or arguments that do not fit its signature.

    Raises:
        ValueError: naming the function and the problem.
    """
    function = FUNCTIONS.get(name)
    if name in NOT_STEPS:
        raise ValueError(f"laktory.{name} {NOT_STEPS[name]}, so it cannot be a transformer step")
    if function is None:
        known = ", ".join(f"laktory.{n}" for n in sorted(FUNCTIONS))
        raise ValueError(f"unknown function laktory.{name}; built-in functions: {known}")
    try:
        inspect.signature(function).bind(None, *args, **kwargs)
    except TypeError as exc:
        raise ValueError(f"laktory.{name}: {exc}") from exc
