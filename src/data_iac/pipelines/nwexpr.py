"""Dataframe expressions written as text (``nw.col("x").dt.truncate("1d")``), parsed safely.

Laktory evaluates such strings with Python's ``eval``; we never do. The text is parsed by the
shared safe-AST core (``data_iac/safe_ast.py``) and walked against a dialect
(``dialects.py``): its root names (``nw``/``col``/``lit``; ``pl``; ``F``/``T``), public
attributes of its package's objects, literals, lists, tuples, dicts, unary and binary
operators and comparisons. Anything else (other names, lambdas, subscripts, dunder or private
attributes, readers, UDFs, calls that take a function) is refused with the reason.

``NwExpr`` is a narwhals expression (``dataframe_api: NARWHALS``, runs on any engine);
``NativeExpr`` a Polars or PySpark one (``dataframe_api: NATIVE``): ``F.col`` pins the step to
Spark, ``pl.col`` to Polars, and ``col``/``lit`` alone mean the engine that runs it.
"""

from __future__ import annotations

import ast
import importlib.util
import operator
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from data_iac.pipelines import laktory_ext
from data_iac.pipelines.dialects import NARWHALS, POLARS, PYSPARK, Dialect, native_dialect
from data_iac.safe_ast import ARITHMETIC, BITWISE, SafeEvaluator, parse_expression

__all__ = [
    "NativeExpr",
    "NwExpr",
    "looks_like_native_expression",
    "looks_like_nw_expression",
    "parse_native_expression",
    "parse_nw_expression",
]

_NATIVE_ROOTS = frozenset({"F", "T", "pl", "col", "lit", "expr", "sql_expr"})


def _root_name(node: ast.AST) -> str | None:
    while isinstance(
        node, ast.Attribute | ast.Call | ast.BinOp | ast.UnaryOp | ast.Compare | ast.Subscript
    ):
        if isinstance(node, ast.Attribute | ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.BinOp):
            node = node.left
        elif isinstance(node, ast.UnaryOp):
            node = node.operand
        else:
            node = node.left
    return node.id if isinstance(node, ast.Name) else None


def _looks_like(text: str, roots: frozenset[str] | Mapping[str, Any]) -> bool:
    try:
        body = parse_expression(text)
    except SyntaxError:
        return False
    return not isinstance(body, ast.Name) and _root_name(body) in roots


def looks_like_nw_expression(text: str) -> bool:
    """True when ``text`` is Python whose leftmost name is ``nw``, ``col`` or ``lit``.

    Anything else (``close > 0``, ``sum(v)``, ``Walmart (Inc)``) is a plain string: a column
    name, or SQL for the engine's own parser.
    """
    return _looks_like(text, NARWHALS.roots)


def looks_like_native_expression(text: str) -> bool:
    """True when ``text`` starts with ``F.``, ``T.``, ``pl.``, ``col(``, ``lit(``...."""
    return _looks_like(text, _NATIVE_ROOTS)


class _Builder(SafeEvaluator):
    """Builds the dataframe object a text describes, resolving only what the dialect allows."""

    binary: ClassVar[Mapping[type[ast.operator], Callable[[Any, Any], Any]]] = {
        **ARITHMETIC,
        **BITWISE,
    }
    unary: ClassVar[Mapping[type[ast.unaryop], Callable[[Any], Any]]] = {
        ast.Invert: operator.invert,
        ast.USub: operator.neg,
        ast.UAdd: operator.pos,
        ast.Not: operator.invert,
    }
    chained_comparisons: ClassVar[bool] = False

    def __init__(self, dialect: Dialect, frame: Any = None) -> None:
        self.dialect = dialect
        self.frame = frame
        self.roots = [dialect.resolve_root(name) for name in dialect.roots]

    def visit_Name(self, node: ast.Name) -> Any:
        if self.dialect is NARWHALS and node.id == "sql_expr":  # casts need the frame
            return laktory_ext.FunctionsNamespace(self.frame).sql_expr
        if node.id in self.dialect.roots:
            return self.dialect.resolve_root(node.id)
        allowed = ", ".join(sorted(self.dialect.roots))
        raise ValueError(f"name {node.id!r} is not allowed (names: {allowed})")

    def visit_Attribute(self, node: ast.Attribute) -> Any:
        if self.dialect.refuses(node.attr):
            raise ValueError(f"attribute {node.attr!r} is not allowed")
        owner = self.visit(node.value)
        if self.dialect is NARWHALS:  # Laktory's `.laktory` namespace and `nw.sql_expr`
            found = laktory_ext.extension(
                self.dialect.resolve_root("nw"), owner, node.attr, self.frame
            )
            if not laktory_ext.is_missing(found):
                return found
        if not self._readable(owner):
            raise ValueError(f"attribute {node.attr!r} of {type(owner).__name__} is not allowed")
        if not hasattr(owner, node.attr):
            raise ValueError(f"{self.dialect.name} has no {node.attr!r} here")
        value = getattr(owner, node.attr)
        if isinstance(value, types.ModuleType):
            if value.__name__ not in self.dialect.modules and not self._is_root(value):
                raise ValueError(f"module {node.attr!r} is not allowed")
        elif callable(value) and not self.dialect.owns(value):
            raise ValueError(f"{node.attr!r} is not a {self.dialect.name} function")
        return value

    def _is_root(self, value: Any) -> bool:
        return any(value is root for root in self.roots)

    def _readable(self, owner: Any) -> bool:
        if isinstance(owner, types.ModuleType):
            return self._is_root(owner) or owner.__name__ in self.dialect.modules
        return self.dialect.owns(owner)

    def visit_Call(self, node: ast.Call) -> Any:
        function = self.visit(node.func)
        if not callable(function):
            raise ValueError(f"only {self.dialect.name} functions and methods can be called")
        args, kwargs = self.call_arguments(node)
        if self.frame is not None and _is_cast(node, function):
            return self._cast(function.__self__, args)
        return function(*args, **kwargs)

    def _cast(self, expr: Any, args: list[Any]) -> Any:
        return epoch_seconds_cast(self.frame, expr, args)


def epoch_seconds_cast(frame: Any, expr: Any, args: list[Any]) -> Any:
    """``expr.cast(*args)``, where a cast of an integer to a naive Datetime means seconds
    since the epoch (as Spark's SQL does) on every engine; Polars would read microseconds and
    Spark refuses it. ``frame`` is the narwhals frame the expression runs on."""
    import narwhals as nw

    target = args[0] if args else None
    naive = target is nw.Datetime or (
        isinstance(target, nw.Datetime) and getattr(target, "time_zone", None) is None
    )
    if not naive:
        return expr.cast(*args)
    source = frame.select(expr.alias("__iac_probe")).collect_schema()["__iac_probe"]
    if not source.is_integer():
        return expr.cast(*args)
    if frame.implementation.is_polars():
        return (expr * 1_000_000).cast(nw.Datetime("us"))
    return expr.cast(nw.Datetime(time_zone="UTC")).cast(nw.Datetime("us"))


def _is_cast(node: ast.Call, function: Any) -> bool:
    return (
        isinstance(node.func, ast.Attribute)
        and node.func.attr == "cast"
        and not node.keywords
        and hasattr(function, "__self__")
    )


@dataclass(frozen=True, slots=True)
class NwExpr:
    """A validated narwhals expression; ``build()`` returns the narwhals object."""

    source: str

    def build(self, frame: Any = None) -> Any:
        """The narwhals expression (or dtype, or literal) this text describes.

        With the narwhals ``frame`` it will run on, a cast whose meaning differs by engine
        is given the one documented meaning (docs/pipelines.md, engine parity).
        """
        builder = _Builder(NARWHALS, frame if _is_narwhals_frame(frame) else None)
        return builder.visit(parse_expression(self.source))


def _is_narwhals_frame(frame: Any) -> bool:
    return frame is not None and type(frame).__module__.startswith("narwhals")


@dataclass(frozen=True, slots=True)
class NativeExpr:
    """A validated Polars or PySpark expression (``dataframe_api: NATIVE``).

    ``engine`` is the engine its names pin it to (``F.`` -> spark, ``pl.`` -> polars), or
    ``None`` when it uses only ``col``/``lit`` and so runs on either.
    """

    source: str
    engine: str | None

    def build(self, engine: str) -> Any:
        """The native expression for ``engine`` (``polars`` or ``spark``)."""
        dialect = native_dialect(_names(parse_expression(self.source)), engine)
        assert dialect is not None  # an engine was given
        return _Builder(dialect).visit(parse_expression(self.source))


def _names(tree: ast.AST) -> set[str]:
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


_ALLOWED_NODES = (
    ast.Expression,
    ast.Constant,
    ast.List,
    ast.Tuple,
    ast.Dict,
    ast.Name,
    ast.Attribute,
    ast.Call,
    ast.BinOp,
    ast.UnaryOp,
    ast.Compare,
    ast.Load,
    ast.keyword,
    ast.operator,
    ast.unaryop,
    ast.cmpop,
)


def _check_structure(text: str, dialect: Dialect = NARWHALS) -> ast.expr:
    """The whitelist without the dataframe package at hand: node kinds, names, attributes."""
    try:
        body = parse_expression(text)
    except SyntaxError as exc:
        raise ValueError(f"{text!r} is not a valid expression: {exc.msg}") from exc
    for node in ast.walk(body):
        if not isinstance(node, _ALLOWED_NODES):
            raise ValueError(f"{text!r}: {type(node).__name__} is not allowed in an expression")
        if isinstance(node, ast.Name) and node.id not in dialect.roots:
            raise ValueError(f"{text!r}: name {node.id!r} is not allowed")
        if isinstance(node, ast.Attribute) and dialect.refuses(node.attr):
            raise ValueError(f"{text!r}: attribute {node.attr!r} is not allowed")
    return body


def _try_build(text: str, build: Callable[[], Any]) -> None:
    try:
        build()
    except SyntaxError as exc:
        raise ValueError(f"{text!r} is not a valid expression: {exc.msg}") from exc
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValueError(f"{text!r}: {exc}") from exc


def parse_nw_expression(text: str) -> NwExpr:
    """Validate ``text`` as a narwhals expression.

    Raises:
        ValueError: naming the construct that is not allowed, or narwhals' own complaint.
    """
    expression = NwExpr(text)
    _check_structure(text)
    try:
        import narwhals  # noqa: F401
    except ModuleNotFoundError:  # validating a stack without the [pipelines] extra
        return expression
    _try_build(text, expression.build)
    return expression


def parse_native_expression(text: str) -> NativeExpr:
    """Validate ``text`` as a Polars (``pl.``) or PySpark (``F.``) expression.

    Polars expressions are built once to check them; PySpark ones need a session to be built,
    so they are checked by structure and by the functions' names alone.

    Raises:
        ValueError: naming the construct that is not allowed.
    """
    try:
        body = parse_expression(text)
    except SyntaxError as exc:
        raise ValueError(f"{text!r} is not a valid expression: {exc.msg}") from exc
    dialect = native_dialect(_names(body), None)
    for candidate in [dialect] if dialect is not None else [POLARS, PYSPARK]:
        _check_structure(text, candidate)
        for node in ast.walk(body):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                problem = candidate.check_root_attribute(node.value.id, node.attr)
                if problem:
                    raise ValueError(f"{text!r}: {problem}")
    expression = NativeExpr(text, None if dialect is None else dialect.engine)
    if dialect is POLARS and importlib.util.find_spec("polars") is not None:
        _try_build(text, lambda: expression.build("polars"))
    return expression
