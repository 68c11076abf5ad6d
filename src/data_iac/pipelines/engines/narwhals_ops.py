"""Operations both engines run through narwhals: one implementation, the same result.

A node's narwhals calls (``NwCall``), Laktory's built-ins (``LaktoryCall``), user functions
(``PackageCall``) and the portable ``rename``, ``drop``, ``drop_duplicates`` / ``unique`` and
``join`` wrap the engine's native lazy frame with ``narwhals.from_native``, run, and hand the
native frame back. What stays engine-native is listed in docs/pipelines.md (SQL strings, which
each engine parses itself; ``cast`` of strings, which needs parsing; ``union`` with relaxed
types; ``sort`` with per-column null order; allow-listed native methods).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import narwhals as nw

from data_iac.errors import PipelineError
from data_iac.pipelines import library
from data_iac.pipelines import operations as op
from data_iac.pipelines.nwexpr import NwExpr
from data_iac.pipelines.packages import load_package_function
from data_iac.pipelines.sqlexpr import SqlExpr

__all__ = ["NARWHALS_OPERATIONS", "apply_narwhals", "load_package_function", "nw_flag"]

NARWHALS_OPERATIONS = (
    op.NwCall,
    op.LaktoryCall,
    op.PackageCall,
    op.Rename,
    op.Drop,
    op.DropDuplicates,
    op.Join,
)


def _resolve(value: Any, frame: Any, frames: Mapping[str, Any]) -> Any:
    if isinstance(value, NwExpr | SqlExpr):
        return value.build(frame)
    if isinstance(value, op.FrameRef):
        if value.key == "df":
            return frame
        if value.key not in frames:
            raise PipelineError(f"{{{value.key}}} is not available to this step")
        return nw.from_native(frames[value.key])
    if isinstance(value, Mapping):
        return {k: _resolve(v, frame, frames) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_resolve(v, frame, frames) for v in value]
    return value


def _join(frame: Any, operation: op.Join, frames: Mapping[str, Any]) -> Any:
    other = nw.from_native(frames[operation.other])
    if operation.how == "cross":
        return frame.join(other, how="cross")
    keys = list(operation.on)
    if operation.how == "right":
        return other.join(frame, on=keys, how="left")
    joined = frame.join(other, on=keys, how=operation.how)
    if operation.how != "full":
        return joined
    # A full join keeps both key columns in narwhals; the portable join shows each key once.
    merged = [nw.coalesce(nw.col(k), nw.col(f"{k}_right")).alias(k) for k in keys]
    return joined.with_columns(merged).drop(*(f"{k}_right" for k in keys))


def _portable(frame: Any, operation: op.Operation, frames: Mapping[str, Any]) -> Any:
    match operation:
        case op.Rename(mapping=mapping):
            return frame.rename(dict(mapping))
        case op.Drop(columns=columns):
            return frame.drop(*columns, strict=False)
        case op.DropDuplicates(subset=subset, keep=keep, order_by=order_by):
            subset_list = list(subset) if subset else None
            return frame.unique(subset_list, keep=keep, order_by=list(order_by) or None)
        case op.Join():
            return _join(frame, operation, frames)
    raise AssertionError(f"not a narwhals operation: {operation!r}")  # pragma: no cover


def apply_narwhals(native: Any, operation: op.Operation, frames: Mapping[str, Any]) -> Any:
    """Run ``operation`` on the native lazy frame through narwhals; a native frame back."""
    frame = nw.from_native(native)
    match operation:
        case op.NwCall(method=method, args=args, kwargs=kwargs):
            result = getattr(frame, method)(
                *_resolve(args, frame, frames), **_resolve(kwargs, frame, frames)
            )
        case op.LaktoryCall(function=name, args=args, kwargs=kwargs):
            result = library.FUNCTIONS[name](
                frame, *_resolve(args, frame, frames), **_resolve(kwargs, frame, frames)
            )
        case op.PackageCall(package=package, function=name, args=args, kwargs=kwargs):
            function = load_package_function(package, name)
            result = function(
                frame, *_resolve(args, frame, frames), **_resolve(kwargs, frame, frames)
            )
        case _:
            result = _portable(frame, operation, frames)
    return nw.to_native(result) if isinstance(result, nw.LazyFrame | nw.DataFrame) else result


def nw_flag(native: Any, expression: NwExpr, name: str) -> Any:
    """``native`` with a boolean column ``name``: the expression, null counted as false."""
    frame = nw.from_native(native)
    flag = expression.build().fill_null(False).alias(name)
    return nw.to_native(frame.with_columns(flag))


def nw_aggregate(native: Any, expression: NwExpr) -> Any:
    """A one-row native frame holding the aggregate expression's value."""
    frame = nw.from_native(native)
    return nw.to_native(frame.select(expression.build(frame).alias("value")))
