"""Narwhals expressions written as text (``nw.col("x").dt.truncate("1d")``), parsed safely.

Laktory evaluates such strings with Python's ``eval``; we never do. The text is parsed with
``ast`` and walked against a whitelist: names ``nw`` / ``col`` / ``lit``, public attributes of
the narwhals module, of ``nw.dtypes``, of expressions and their namespaces (``.str``, ``.dt``,
``.struct``, ``.list``, ``.name``, ``.cat``), literals, lists, tuples, dicts, unary and binary
operators and comparisons. Anything else (other names, lambdas, subscripts, dunder or private
attributes, calls that take a function) is refused with the reason. Validation happens when the
pipeline is loaded; building the narwhals object happens when the node runs.
"""

from __future__ import annotations

import ast
import operator
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["NwExpr", "looks_like_nw_expression", "parse_nw_expression"]

_ROOTS = frozenset({"nw", "col", "lit"})
# Narwhals functions taking (or returning) callables, or touching the outside world.
_REFUSED = frozenset(
    {"map_batches", "pipe", "from_native", "to_native", "from_dict", "from_numpy", "new_series"}
    | {"read_csv", "read_parquet", "scan_csv", "scan_parquet", "from_arrow", "get_native_namespace"}
    | {"show_versions", "narwhalify", "from_dicts", "get_level", "maybe_set_index", "stable"}
)
_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.BitAnd: operator.and_,
    ast.BitOr: operator.or_,
    ast.BitXor: operator.xor,
}
_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_UNARY: dict[type[ast.unaryop], Callable[[Any], Any]] = {
    ast.Invert: operator.invert,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
    ast.Not: operator.invert,
}


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


def looks_like_nw_expression(text: str) -> bool:
    """True when ``text`` is Python whose leftmost name is ``nw``, ``col`` or ``lit``.

    Anything else (``close > 0``, ``sum(v)``, ``Walmart (Inc)``) is a plain string: a column
    name, or SQL for the engine's own parser.
    """
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return False
    body = tree.body
    if isinstance(body, ast.Name):
        return False
    return _root_name(body) in _ROOTS


class _Builder:
    """Walks a parsed expression, resolving only whitelisted names and attributes."""

    def __init__(self, nw: Any, frame: Any = None) -> None:
        self.nw = nw
        self.frame = frame

    def build(self, node: ast.AST) -> Any:
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise ValueError(f"{type(node).__name__} is not allowed in an expression")
        return method(node)

    def _Constant(self, node: ast.Constant) -> Any:
        if not isinstance(node.value, str | int | float | bool | type(None)):
            raise ValueError(f"constant {node.value!r} is not allowed")
        return node.value

    def _List(self, node: ast.List) -> Any:
        return [self.build(item) for item in node.elts]

    def _Tuple(self, node: ast.Tuple) -> Any:
        return tuple(self.build(item) for item in node.elts)

    def _Dict(self, node: ast.Dict) -> Any:
        if any(key is None for key in node.keys):
            raise ValueError("** inside a dict is not allowed")
        return {self.build(k): self.build(v) for k, v in zip(node.keys, node.values, strict=True)}  # type: ignore[arg-type]

    def _Name(self, node: ast.Name) -> Any:
        if node.id == "nw":
            return self.nw
        if node.id in {"col", "lit"}:
            return getattr(self.nw, node.id)
        if node.id in {"True", "False", "None"}:  # pragma: no cover (parsed as constants)
            return {"True": True, "False": False, "None": None}[node.id]
        raise ValueError(f"name {node.id!r} is not allowed (use nw.col, nw.lit, nw.<function>)")

    def _Attribute(self, node: ast.Attribute) -> Any:
        if node.attr.startswith("_") or node.attr in _REFUSED:
            raise ValueError(f"attribute {node.attr!r} is not allowed")
        owner = self.build(node.value)
        if not self._is_narwhals(owner):
            raise ValueError(f"attribute {node.attr!r} of {type(owner).__name__} is not allowed")
        if not hasattr(owner, node.attr):
            raise ValueError(f"narwhals has no {node.attr!r} here")
        value = getattr(owner, node.attr)
        if isinstance(value, types.ModuleType) and value is not self.nw.dtypes:
            raise ValueError(f"module {node.attr!r} is not allowed")
        return value

    def _is_narwhals(self, owner: Any) -> bool:
        if isinstance(owner, types.ModuleType):
            return owner is self.nw or owner is self.nw.dtypes
        defined_in = owner if isinstance(owner, type) else type(owner)
        return str(getattr(defined_in, "__module__", "")).startswith("narwhals")

    def _Call(self, node: ast.Call) -> Any:
        function = self.build(node.func)
        if self.frame is not None and _is_cast(node, function):
            return self._cast(function.__self__, [self.build(a) for a in node.args])
        if not callable(function):
            raise ValueError("only narwhals functions and methods can be called")
        args = [self.build(a) for a in node.args]
        if any(k.arg is None for k in node.keywords):
            raise ValueError("**kwargs is not allowed")
        kwargs = {str(k.arg): self.build(k.value) for k in node.keywords}
        return function(*args, **kwargs)

    def _cast(self, expr: Any, args: list[Any]) -> Any:
        """``cast`` of an integer to a naive Datetime means seconds since the epoch (as Spark's
        SQL does) on every engine; Polars would read microseconds and Spark refuses it."""
        target = args[0] if args else None
        datetime = self.nw.Datetime
        naive = target is datetime or (
            isinstance(target, datetime) and getattr(target, "time_zone", None) is None
        )
        if not naive:
            return expr.cast(*args)
        source = self.frame.select(expr.alias("__iac_probe")).collect_schema()["__iac_probe"]
        if not source.is_integer():
            return expr.cast(*args)
        if self.frame.implementation.is_polars():
            return (expr * 1_000_000).cast(datetime("us"))
        return expr.cast(datetime(time_zone="UTC")).cast(datetime("us"))

    def _BinOp(self, node: ast.BinOp) -> Any:
        apply = _BINARY.get(type(node.op))
        if apply is None:
            raise ValueError(f"operator {type(node.op).__name__} is not allowed")
        return apply(self.build(node.left), self.build(node.right))

    def _UnaryOp(self, node: ast.UnaryOp) -> Any:
        return _UNARY[type(node.op)](self.build(node.operand))

    def _Compare(self, node: ast.Compare) -> Any:
        if len(node.ops) != 1:
            raise ValueError("chained comparisons are not allowed; use & between them")
        apply = _COMPARE.get(type(node.ops[0]))
        if apply is None:
            raise ValueError(f"comparison {type(node.ops[0]).__name__} is not allowed")
        return apply(self.build(node.left), self.build(node.comparators[0]))


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
        import narwhals as nw

        tree = ast.parse(self.source.strip().replace("\n", " "), mode="eval")
        return _Builder(nw, frame).build(tree.body)


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


def _check_structure(text: str) -> None:
    """The whitelist without narwhals at hand: node kinds, names and attribute names."""
    try:
        tree = ast.parse(text.strip().replace("\n", " "), mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"{text!r} is not a valid expression: {exc.msg}") from exc
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            raise ValueError(f"{text!r}: {type(node).__name__} is not allowed in an expression")
        if isinstance(node, ast.Name) and node.id not in _ROOTS:
            raise ValueError(f"{text!r}: name {node.id!r} is not allowed")
        if isinstance(node, ast.Attribute) and (node.attr.startswith("_") or node.attr in _REFUSED):
            raise ValueError(f"{text!r}: attribute {node.attr!r} is not allowed")


def parse_nw_expression(text: str) -> NwExpr:
    """Validate ``text`` as a narwhals expression.

    Raises:
        ValueError: naming the construct that is not allowed, or narwhals' own complaint.
    """
    expression = NwExpr(text)
    try:
        import narwhals  # noqa: F401
    except ModuleNotFoundError:  # validating a stack without the [pipelines] extra
        _check_structure(text)
        return expression
    try:
        expression.build()
    except SyntaxError as exc:
        raise ValueError(f"{text!r} is not a valid expression: {exc.msg}") from exc
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValueError(f"{text!r}: {exc}") from exc
    return expression
