"""Laktory's ``${{ expression }}``: a small, parsed and whitelisted expression language.

Laktory evaluates the text between ``${{`` and ``}}`` as Python. We never do: the text is
parsed with :mod:`ast` and only these forms are evaluated, everything else is an error
naming the construct:

- literals (strings, numbers, ``True``/``False``/``None``, lists, tuples, dicts);
- ``vars.NAME`` / ``var.NAME`` (case-insensitive, like ``${vars.NAME}``), ``env.NAME``;
- comparisons (``==``, ``!=``, ``<``..., ``in``, ``not in``, ``is``, ``is not``), ``and``,
  ``or``, ``not``, arithmetic and ``+`` on strings, ``x if c else y``, indexing and slicing;
- calls of string methods (``lower``, ``upper``, ``replace``, ``startswith``...) and of
  ``len``, ``str``, ``int``, ``float``, ``bool``, ``min``, ``max``.

No attribute other than those, no other name, no comprehension, no lambda.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any

from data_iac.errors import TemplateError

__all__ = ["evaluate"]

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
    ast.Is: operator.is_,
    ast.IsNot: operator.is_not,
}
_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "len": len,
    "str": str,
    "int": int,
    "float": float,
    "bool": bool,
    "min": min,
    "max": max,
}
_STRING_METHODS = frozenset(
    {
        "lower", "upper", "title", "capitalize", "strip", "lstrip", "rstrip", "replace",
        "startswith", "endswith", "split", "join", "format", "removeprefix", "removesuffix",
        "zfill", "count", "find",
    }
)  # fmt: skip
_NAMESPACES = {"vars": "vars", "var": "vars", "env": "env"}
_MAX_LENGTH = 2_000


Lookup = Callable[[str, str], Any]
"""(namespace ``vars`` or ``env``, name) -> value; raises TemplateError when unknown."""


def evaluate(text: str, lookup: Lookup) -> Any:
    """The value of the expression ``text``; names are read through ``lookup``.

    Raises:
        TemplateError: a syntax error, an unsupported construct, an unknown name, or an
            error while evaluating (a division by zero, a wrong type...).
    """
    if len(text) > _MAX_LENGTH:
        raise TemplateError(
            f"expression longer than {_MAX_LENGTH} characters",
            hint="move the logic into variables",
        )
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise TemplateError(
            f"invalid expression ${{{{ {text.strip()} }}}}: {exc.msg}",
            hint="expressions use Python syntax: literals, vars.X, comparisons, and/or/not, "
            "x if cond else y, string methods",
        ) from exc
    try:
        return _Evaluator(lookup).visit(tree.body)
    except TemplateError:
        raise
    except (TypeError, ValueError, ZeroDivisionError, IndexError, KeyError) as exc:
        raise TemplateError(
            f"expression ${{{{ {text.strip()} }}}} failed: {exc}",
            hint="check the types of the variables it uses",
        ) from exc


class _Evaluator:
    """Evaluates the whitelisted node types; any other node is a TemplateError."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup

    def visit(self, node: ast.AST) -> Any:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise _unsupported(node)
        return method(node)

    def visit_Constant(self, node: ast.Constant) -> Any:
        return node.value

    def visit_List(self, node: ast.List) -> Any:
        return [self.visit(item) for item in node.elts]

    def visit_Tuple(self, node: ast.Tuple) -> Any:
        return tuple(self.visit(item) for item in node.elts)

    def visit_Dict(self, node: ast.Dict) -> Any:
        if any(key is None for key in node.keys):
            raise _unsupported(node, "dict unpacking (**)")
        return {self.visit(k): self.visit(v) for k, v in zip(node.keys, node.values, strict=True)}  # type: ignore[arg-type]

    def visit_Name(self, node: ast.Name) -> Any:
        raise TemplateError(
            f"unknown name '{node.id}' in an expression",
            hint="refer to variables as vars.NAME (or env.NAME for environment variables)",
        )

    def visit_Attribute(self, node: ast.Attribute) -> Any:
        base = node.value
        if isinstance(base, ast.Name) and base.id in _NAMESPACES:
            return self.lookup(_NAMESPACES[base.id], node.attr)
        raise _unsupported(node, f"attribute '.{node.attr}'")

    def visit_BoolOp(self, node: ast.BoolOp) -> Any:
        value: Any = None
        for operand in node.values:
            value = self.visit(operand)
            if isinstance(node.op, ast.And) and not value:
                return value
            if isinstance(node.op, ast.Or) and value:
                return value
        return value

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Any:
        value = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            return not value
        if isinstance(node.op, ast.USub):
            return -value
        if isinstance(node.op, ast.UAdd):
            return +value
        raise _unsupported(node)

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        function = _BINARY.get(type(node.op))
        if function is None:
            raise _unsupported(node, f"operator {type(node.op).__name__}")
        left, right = self.visit(node.left), self.visit(node.right)
        if isinstance(node.op, ast.Mult) and (isinstance(left, str) or isinstance(right, str)):
            raise _unsupported(node, "repeating a string with *")
        return function(left, right)

    def visit_Compare(self, node: ast.Compare) -> Any:
        left = self.visit(node.left)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = self.visit(comparator)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True

    def visit_IfExp(self, node: ast.IfExp) -> Any:
        return self.visit(node.body) if self.visit(node.test) else self.visit(node.orelse)

    def visit_Subscript(self, node: ast.Subscript) -> Any:
        return self.visit(node.value)[self.visit(node.slice)]

    def visit_Slice(self, node: ast.Slice) -> Any:
        parts = (node.lower, node.upper, node.step)
        return slice(*(None if part is None else self.visit(part) for part in parts))

    def visit_Call(self, node: ast.Call) -> Any:
        if any(isinstance(arg, ast.Starred) for arg in node.args) or any(
            keyword.arg is None for keyword in node.keywords
        ):
            raise _unsupported(node, "argument unpacking")
        args = [self.visit(arg) for arg in node.args]
        kwargs = {str(keyword.arg): self.visit(keyword.value) for keyword in node.keywords}
        function = node.func
        if isinstance(function, ast.Name) and function.id in _FUNCTIONS:
            return _FUNCTIONS[function.id](*args, **kwargs)
        if isinstance(function, ast.Attribute) and function.attr in _STRING_METHODS:
            target = self.visit(function.value)
            if isinstance(target, str):
                return getattr(target, function.attr)(*args, **kwargs)
            raise _unsupported(node, f".{function.attr}() on a {type(target).__name__}")
        raise _unsupported(node, f"call of {ast.unparse(function)}")


def _unsupported(node: ast.AST, what: str = "") -> TemplateError:
    return TemplateError(
        f"unsupported in an expression: {what or type(node).__name__}",
        hint="expressions allow literals, vars.X, comparisons, and/or/not, "
        "x if cond else y, indexing, string methods and len/str/int/float/bool/min/max",
    )
