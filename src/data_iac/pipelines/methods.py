"""Route a ``func_name`` step to the operation that runs it (pure; validated at load time).

Laktory writes ``func_name`` against the narwhals ``LazyFrame`` API (its default
``dataframe_api: NARWHALS``), with ``nw.col(...)`` expressions as strings, ``{sources.X}`` /
``{nodes.X}`` for other frames, ``laktory.<function>`` for its built-ins and
``<package>.<function>`` for user code. The older form (``parsing.py``: SQL strings as
arguments) keeps working. The order of the decision:

1. ``polars.X`` / ``spark.X`` / ``engine:`` / ``dataframe_api: NATIVE``: an engine method;
2. ``laktory.X``: a built-in function (``library.py``);
3. ``<package>.X``: a function of an installed package the pipeline declares;
4. a portable operation whose arguments are all plain (strings are SQL or column names);
5. a narwhals ``LazyFrame`` method, its string arguments parsed as narwhals expressions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from data_iac.pipelines import library
from data_iac.pipelines.nwexpr import looks_like_nw_expression, parse_nw_expression
from data_iac.pipelines.operations import (
    FrameRef,
    LaktoryCall,
    NwCall,
    Operation,
    PackageCall,
)
from data_iac.pipelines.parsing import LEGACY_KEYWORDS, parse_operation

__all__ = ["NW_METHODS", "convert_argument", "route_step"]

_FRAME = re.compile(r"^\{(df|sources\.[A-Za-z_][\w\-]*|nodes\.[A-Za-z_][\w\-]*)\}$")
# narwhals LazyFrame methods a step may call (each returns a LazyFrame).
NW_METHODS = frozenset(
    {"select", "with_columns", "filter", "drop", "rename", "unique", "join", "join_asof"}
    | {"sort", "head", "drop_nulls", "with_row_index", "explode", "unpivot", "top_k"}
    | {"bottom_k", "gather_every", "tail"}
)
_ENGINES = frozenset({"polars", "spark", "pyspark"})


def convert_argument(value: Any) -> Any:
    """Strings become ``FrameRef`` or ``NwExpr`` when they are one; containers recursively.

    A mapping with only ``expr`` (and ``type``) is Laktory's column-expression form.
    """
    if isinstance(value, str):
        frame = _FRAME.match(value.strip())
        if frame:
            key = frame.group(1)
            return FrameRef(key.removeprefix("nodes."))
        if looks_like_nw_expression(value):
            return parse_nw_expression(value)
        return value
    if isinstance(value, Mapping):
        if "expr" in value and set(value) <= {"expr", "type"}:
            return _typed_expression(value["expr"], str(value.get("type") or "").upper())
        return {k: convert_argument(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [convert_argument(v) for v in value]
    return value


def _typed_expression(text: Any, kind: str) -> Any:
    """Laktory's ``{expr: ..., type: SQL|DF}``; without ``type`` the text says which."""
    if kind == "SQL" and isinstance(text, str):
        from data_iac.pipelines.sqlexpr import parse_sql_expression

        return parse_sql_expression(text)
    if kind == "DF" and isinstance(text, str):
        return parse_nw_expression(text)
    if kind not in {"", "SQL", "DF"}:
        raise ValueError(f"expression type must be SQL or DF, not {kind!r}")
    return convert_argument(text)


def _has_special(value: Any) -> bool:
    if isinstance(value, str):
        return bool(_FRAME.match(value.strip())) or looks_like_nw_expression(value)
    if isinstance(value, Mapping):
        return any(_has_special(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_special(v) for v in value)
    return False


def _is_legacy(func_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> bool:
    keywords = LEGACY_KEYWORDS.get(func_name)
    if keywords is None:
        return False
    if keywords and not set(kwargs) <= keywords:
        return False  # e.g. join(left_on=...): narwhals' own arguments
    if func_name in {"join", "union", "unique", "drop_duplicates"}:
        return True  # frame references and keep/order_by are part of the portable form
    return not _has_special(list(args)) and not _has_special(dict(kwargs))


def _package_call(func_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> PackageCall:
    package, _, function = func_name.rpartition(".")
    if not function or not all(part.isidentifier() for part in func_name.split(".")):
        raise ValueError(f"{func_name!r} is not <package>.<function>")
    converted = tuple(convert_argument(a) for a in args)
    return PackageCall(package, function, converted, convert_argument(dict(kwargs)))


def route_step(
    func_name: str,
    args: Sequence[Any],
    kwargs: Mapping[str, Any],
    *,
    engine: str | None = None,
    native: bool = False,
) -> Operation:
    """The operation a ``func_name`` step performs.

    Raises:
        ValueError: with a message for the user (unknown name, bad arguments, refused
            expression).
    """
    args = [args] if isinstance(args, str) else list(args)  # Laktory accepts `func_args: x`
    prefix = func_name.partition(".")[0]
    if engine is not None or prefix in _ENGINES or native:
        return parse_operation(func_name, args, kwargs, engine=engine, native=native)
    if prefix == "laktory":
        name = func_name.removeprefix("laktory.")
        converted = [convert_argument(a) for a in args]
        converted_args, converted_kwargs = library.prepare_call(
            name, converted, convert_argument(dict(kwargs))
        )
        return LaktoryCall(name, converted_args, converted_kwargs)
    if "." in func_name:
        return _package_call(func_name, args, kwargs)
    if _is_legacy(func_name, args, kwargs):
        return parse_operation(func_name, args, kwargs)
    if func_name in NW_METHODS:
        return NwCall(
            func_name,
            tuple(convert_argument(a) for a in args),
            convert_argument(dict(kwargs)),
        )
    return parse_operation(func_name, args, kwargs)  # raises the "unknown operation" error
