"""Laktory's expression-level functions, reachable from narwhals expressions written as text.

Laktory registers a ``laktory`` namespace on narwhals: ``nw.col("x").laktory.roundp(p=5)``,
``nw.laktory.current_timestamp()``, ``nw.laktory.sql_expr("...")`` (also written
``nw.sql_expr`` and ``sql_expr``). We never patch narwhals: the expression walker
(``nwexpr.py``) hands out these small objects when a text asks for ``.laktory`` or
``sql_expr``, and only their listed methods can be called. Written from Laktory's documented
behaviour; ``string_split`` and ``convert_units`` are refused with the reason.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

__all__ = ["ExprNamespace", "FunctionsNamespace", "extension", "sql_expr"]


def sql_expr(sql: str, frame: Any = None) -> Any:
    """The narwhals expression a SQL expression means (``sqlexpr.py``)."""
    from data_iac.pipelines.sqlexpr import SqlExpr

    if not isinstance(sql, str):
        raise ValueError("sql_expr takes one SQL string")
    return SqlExpr(sql).build(frame)


class _Namespace:
    """Only the names in ``METHODS`` are reachable; anything else is refused."""

    METHODS: ClassVar[frozenset[str]] = frozenset()
    REFUSED: ClassVar[dict[str, str]] = {}

    def member(self, name: str) -> Any:
        if name in self.REFUSED:
            raise ValueError(f"laktory.{name} is not available: {self.REFUSED[name]}")
        if name not in self.METHODS:
            known = ", ".join(sorted(self.METHODS))
            raise ValueError(f"laktory has no {name!r} here (available: {known})")
        return getattr(self, name)


class FunctionsNamespace(_Namespace):
    """``nw.laktory.<function>``."""

    METHODS: ClassVar[frozenset[str]] = frozenset({"current_timestamp", "sql_expr"})

    def __init__(self, frame: Any = None) -> None:
        self.frame = frame

    def current_timestamp(self) -> Any:
        """The UTC time when the expression is built, as a literal timestamp."""
        import narwhals as nw

        return nw.lit(datetime.now(UTC).replace(tzinfo=None), dtype=nw.Datetime("us"))

    def sql_expr(self, sql: str) -> Any:
        return sql_expr(sql, self.frame)


class ExprNamespace(_Namespace):
    """``<expression>.laktory.<method>``."""

    METHODS: ClassVar[frozenset[str]] = frozenset({"roundp"})
    REFUSED: ClassVar[dict[str, str]] = {
        "string_split": "Laktory 0.13 itself raises NotImplementedError; use "
        ".str.split(...) and .list.get(...)",
        "convert_units": "it needs the planck units package; multiply by the factor instead",
    }

    def __init__(self, expr: Any) -> None:
        self.expr = expr

    def roundp(self, p: Any = 1.0) -> Any:
        """Round to the nearest multiple of ``p`` (``roundp(p=5)``: 13 -> 15); halves away
        from zero on every engine (``sqlexpr.round_half_away``)."""
        import narwhals as nw

        from data_iac.pipelines.sqlexpr import round_half_away

        return round_half_away(nw, self.expr / p) * p


_MISSING = object()


def extension(nw: Any, owner: Any, name: str, frame: Any = None) -> Any:
    """What ``owner.name`` means in Laktory's namespace, or ``_MISSING`` when it is not one.

    Raises:
        ValueError: a namespace member that does not exist or is refused.
    """
    if owner is nw and name == "laktory":
        return FunctionsNamespace(frame)
    if owner is nw and name == "sql_expr":
        return FunctionsNamespace(frame).sql_expr
    if isinstance(owner, nw.Expr) and name == "laktory":
        return ExprNamespace(owner)
    if isinstance(owner, _Namespace):
        return owner.member(name)
    return _MISSING


def is_missing(value: Any) -> bool:
    """True when ``extension`` found no Laktory meaning."""
    return value is _MISSING
