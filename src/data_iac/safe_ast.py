"""The safe-expression core shared by the project's small expression languages.

Text is parsed with :mod:`ast` and walked node by node; a node kind runs only when the
evaluator has a ``visit_<Kind>`` method for it, so anything not written down (lambdas,
comprehensions, walrus, starred arguments...) is refused. Nothing is ever passed to ``eval``.

Two languages build on it: ``config/expressions.py`` (``${{ }}`` in stacks: literals,
variables, string methods) and ``pipelines/nwexpr.py`` (dataframe expressions written as
text: ``nw.col("x")``, ``pl.col("x")``, ``F.col("x")``). Each subclass says which names,
attributes and calls exist, which operators apply, and what error a refusal raises.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

__all__ = ["ARITHMETIC", "BITWISE", "ORDERING", "SafeEvaluator", "parse_expression"]

ARITHMETIC: Mapping[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
BITWISE: Mapping[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Pow: operator.pow,
    ast.BitAnd: operator.and_,
    ast.BitOr: operator.or_,
    ast.BitXor: operator.xor,
}
ORDERING: Mapping[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def parse_expression(text: str) -> ast.expr:
    """The body of ``text`` parsed as one Python expression (newlines read as spaces).

    Raises:
        SyntaxError: ``text`` is not one expression.
    """
    return ast.parse(text.strip().replace("\n", " "), mode="eval").body


class SafeEvaluator:
    """Evaluate only the node kinds a subclass (or this class) has a ``visit_`` method for.

    This class handles literals, containers and the operators of its tables; subclasses
    add names, attributes and calls. ``refuse`` builds the error each language raises.
    """

    binary: ClassVar[Mapping[type[ast.operator], Callable[[Any, Any], Any]]] = ARITHMETIC
    unary: ClassVar[Mapping[type[ast.unaryop], Callable[[Any], Any]]] = {
        ast.USub: operator.neg,
        ast.UAdd: operator.pos,
        ast.Not: operator.not_,
    }
    compare: ClassVar[Mapping[type[ast.cmpop], Callable[[Any, Any], Any]]] = ORDERING
    chained_comparisons: ClassVar[bool] = True
    constants: ClassVar[tuple[type, ...]] = (str, int, float, bool, type(None))

    def refuse(self, node: ast.AST, what: str = "") -> Exception:
        """The error raised for a construct the language does not have."""
        return ValueError(f"{what or type(node).__name__} is not allowed in an expression")

    def visit(self, node: ast.AST) -> Any:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise self.refuse(node)
        return method(node)

    def visit_Constant(self, node: ast.Constant) -> Any:
        if not isinstance(node.value, self.constants):
            raise self.refuse(node, f"constant {node.value!r}")
        return node.value

    def visit_List(self, node: ast.List) -> Any:
        return [self.visit(item) for item in node.elts]

    def visit_Tuple(self, node: ast.Tuple) -> Any:
        return tuple(self.visit(item) for item in node.elts)

    def visit_Dict(self, node: ast.Dict) -> Any:
        if any(key is None for key in node.keys):
            raise self.refuse(node, "dict unpacking (**)")
        return {self.visit(k): self.visit(v) for k, v in zip(node.keys, node.values, strict=True)}  # type: ignore[arg-type]

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        apply = self.binary.get(type(node.op))
        if apply is None:
            raise self.refuse(node, f"operator {type(node.op).__name__}")
        return apply(self.visit(node.left), self.visit(node.right))

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Any:
        apply = self.unary.get(type(node.op))
        if apply is None:
            raise self.refuse(node, f"operator {type(node.op).__name__}")
        return apply(self.visit(node.operand))

    def visit_Compare(self, node: ast.Compare) -> Any:
        if len(node.ops) > 1 and not self.chained_comparisons:
            raise self.refuse(node, "a chained comparison (use & between comparisons)")
        left = self.visit(node.left)
        result: Any = True
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            apply = self.compare.get(type(op))
            if apply is None:
                raise self.refuse(node, f"comparison {type(op).__name__}")
            right = self.visit(comparator)
            result = apply(left, right)
            if len(node.ops) > 1 and not result:
                return False
            left = right
        return result

    def call_arguments(self, node: ast.Call) -> tuple[list[Any], dict[str, Any]]:
        """The evaluated positional and keyword arguments; ``*x`` and ``**x`` are refused."""
        if any(isinstance(arg, ast.Starred) for arg in node.args) or any(
            keyword.arg is None for keyword in node.keywords
        ):
            raise self.refuse(node, "argument unpacking")
        args = [self.visit(arg) for arg in node.args]
        return args, {str(keyword.arg): self.visit(keyword.value) for keyword in node.keywords}
