"""Laktory's ``${{ expression }}``: a small, parsed and whitelisted expression language.

Laktory evaluates the text between ``${{`` and ``}}`` as Python. We never do: the text is
parsed with :mod:`ast` and only these forms are evaluated, everything else is an error
naming the construct:

- literals (strings, numbers, ``True``/``False``/``None``, lists, tuples, dicts);
- ``vars.NAME`` / ``var.NAME`` (case-insensitive, like ``${vars.NAME}``), ``env.NAME``,
  and in a Laktory stack ``settings.NAME`` / ``setting.NAME`` (and ``current_user.NAME``,
  which a stack refuses with its reason);
- comparisons (``==``, ``!=``, ``<``..., ``in``, ``not in``, ``is``, ``is not``), ``and``,
  ``or``, ``not``, arithmetic and ``+`` on strings, ``x if c else y``, indexing and slicing;
- calls of string methods (``lower``, ``upper``, ``replace``, ``startswith``...) and of
  ``len``, ``str``, ``int``, ``float``, ``bool``, ``min``, ``max``.

No attribute other than those, no other name, no comprehension, no lambda.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from data_iac.errors import TemplateError
from data_iac.safe_ast import ORDERING, SafeEvaluator

__all__ = ["evaluate"]

_COMPARE: Mapping[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    **ORDERING,
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
_NAMESPACES = {
    "vars": "vars",
    "var": "vars",
    "env": "env",
    "settings": "settings",
    "setting": "settings",
    "current_user": "current_user",
}
_MAX_LENGTH = 2_000


Lookup = Callable[[str, str], Any]
"""(namespace ``vars``, ``env``, ``settings`` or ``current_user``, name) -> value; raises
TemplateError when unknown."""


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


class _Evaluator(SafeEvaluator):
    """The shared safe-AST core plus variables, ``and``/``or``, ``if``, indexing and calls."""

    compare: ClassVar[Mapping[type[ast.cmpop], Callable[[Any, Any], Any]]] = _COMPARE
    constants: ClassVar[tuple[type, ...]] = (object,)

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup

    def refuse(self, node: ast.AST, what: str = "") -> Exception:
        return _unsupported(node, what)

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

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        if isinstance(node.op, ast.Mult):
            left, right = self.visit(node.left), self.visit(node.right)
            if isinstance(left, str) or isinstance(right, str):
                raise _unsupported(node, "repeating a string with *")
            return left * right
        return super().visit_BinOp(node)

    def visit_IfExp(self, node: ast.IfExp) -> Any:
        return self.visit(node.body) if self.visit(node.test) else self.visit(node.orelse)

    def visit_Subscript(self, node: ast.Subscript) -> Any:
        return self.visit(node.value)[self.visit(node.slice)]

    def visit_Slice(self, node: ast.Slice) -> Any:
        parts = (node.lower, node.upper, node.step)
        return slice(*(None if part is None else self.visit(part) for part in parts))

    def visit_Call(self, node: ast.Call) -> Any:
        args, kwargs = self.call_arguments(node)
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
