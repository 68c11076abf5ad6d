"""SQL expressions (``SUM(price * qty) AS total``) translated into narwhals expressions.

Laktory accepts SQL where it takes a column expression: ``nw.sql_expr("...")``, and plain SQL
strings (or ``{expr: ..., type: SQL}``) in ``laktory.groupby_and_agg``'s ``agg_expressions``.
The text is parsed by ``sqlglot`` (Spark dialect) into a syntax tree, and each node kind we
know becomes the narwhals expression with the same meaning, so the result is the same on
Polars and on Spark. Any other node kind (a subquery, a window, an unknown function) is refused
with its name when the pipeline is loaded.

Meanings worth knowing: ``COUNT(x)`` counts non-null values, ``COUNT(*)`` rows; ``/`` is true
division; ``SUBSTRING`` is 1-based; a cast of an integer to ``TIMESTAMP`` means seconds since
the epoch (as ``CAST`` in Spark SQL). Without ``AS``, the column is named after the first
column it reads (narwhals' rule), on both engines.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from data_iac.pipelines.nwexpr import epoch_seconds_cast

__all__ = ["SqlExpr", "parse_sql_expression"]

_BINARY: Mapping[str, Callable[[Any, Any], Any]] = {
    "Add": operator.add,
    "Sub": operator.sub,
    "Mul": operator.mul,
    "Div": operator.truediv,
    "Mod": operator.mod,
    "Pow": operator.pow,
    "EQ": operator.eq,
    "NEQ": operator.ne,
    "GT": operator.gt,
    "GTE": operator.ge,
    "LT": operator.lt,
    "LTE": operator.le,
    "And": operator.and_,
    "Or": operator.or_,
}
_METHODS: Mapping[str, str] = {
    "Sum": "sum",
    "Avg": "mean",
    "Min": "min",
    "Max": "max",
    "Median": "median",
    "Stddev": "std",
    "StddevSamp": "std",
    "Variance": "var",
    "VarianceSamp": "var",
    "Abs": "abs",
    "Sqrt": "sqrt",
    "Exp": "exp",
    "Floor": "floor",
    "Ceil": "ceil",
}
_STRING_METHODS: Mapping[str, str] = {
    "Lower": "to_lowercase",
    "Upper": "to_uppercase",
    "Length": "len_chars",
    "Trim": "strip_chars",
}
_TYPES: Mapping[str, str] = {
    "TINYINT": "Int8",
    "SMALLINT": "Int16",
    "INT": "Int32",
    "BIGINT": "Int64",
    "FLOAT": "Float32",
    "DOUBLE": "Float64",
    "DECIMAL": "Float64",
    "BOOLEAN": "Boolean",
    "VARCHAR": "String",
    "TEXT": "String",
    "CHAR": "String",
    "DATE": "Date",
    "TIMESTAMP": "Datetime",
    "TIMESTAMPTZ": "Datetime",  # Spark's TIMESTAMP (session time zone)
    "TIMESTAMPLTZ": "Datetime",
    "TIMESTAMPNTZ": "Datetime",
    "DATETIME": "Datetime",
}


def round_half_away(nw: Any, expr: Any, decimals: int = 0) -> Any:
    """Round halves away from zero (SQL's and Spark's ``ROUND``) on every engine.

    ``Expr.round`` follows the engine (Polars rounds halves to even, Spark away from zero);
    ``floor`` of the scaled value is exact IEEE arithmetic, the same on both.
    """
    factor = 10.0**decimals
    up = (expr * factor + 0.5).floor()
    down = -((-expr * factor + 0.5).floor())
    return nw.when(expr >= 0).then(up).otherwise(down) / factor


class _Translator:
    """One method per sqlglot node kind; a kind without one is refused."""

    def __init__(self, nw: Any, frame: Any = None) -> None:
        self.nw = nw
        self.frame = frame

    def visit(self, node: Any) -> Any:
        kind = type(node).__name__
        if kind in _BINARY:
            return _BINARY[kind](self.visit(node.this), self.visit(node.expression))
        if kind in _METHODS:
            return getattr(self.visit(node.this), _METHODS[kind])()
        if kind in _STRING_METHODS:
            return getattr(self.visit(node.this).str, _STRING_METHODS[kind])()
        method = getattr(self, f"_{kind}", None)
        if method is None:
            raise ValueError(f"SQL {kind} ({node.sql(dialect='spark')}) is not supported here")
        return method(node)

    def _Alias(self, node: Any) -> Any:
        return self.visit(node.this).alias(node.alias)

    def _Paren(self, node: Any) -> Any:
        return self.visit(node.this)

    def _Column(self, node: Any) -> Any:
        if node.table:  # a.b: field b of struct column a
            return self.nw.col(node.table).struct.field(node.name)
        return self.nw.col(node.name)

    def _Literal(self, node: Any) -> Any:
        if node.is_string:
            return self.nw.lit(node.this)
        text = str(node.this)
        is_integer = text.lstrip("-").isdigit()
        return self.nw.lit(int(text) if is_integer else float(text))

    def _Boolean(self, node: Any) -> Any:
        return self.nw.lit(bool(node.this))

    def _Null(self, node: Any) -> Any:
        return self.nw.lit(None)

    def _Neg(self, node: Any) -> Any:
        return -self.visit(node.this)

    def _Not(self, node: Any) -> Any:
        return ~self.visit(node.this)

    def _Is(self, node: Any) -> Any:
        target, right = self.visit(node.this), node.expression
        if type(right).__name__ == "Null":
            return target.is_null()
        return (target == self.visit(right)).fill_null(False)  # IS TRUE / IS FALSE

    def _In(self, node: Any) -> Any:
        values = [_literal_value(v) for v in node.expressions]
        return self.visit(node.this).is_in(values)

    def _Between(self, node: Any) -> Any:
        low, high = node.args["low"], node.args["high"]
        return self.visit(node.this).is_between(self.visit(low), self.visit(high))

    def _Count(self, node: Any) -> Any:
        target = node.this
        if target is None or type(target).__name__ == "Star":
            return self.nw.len()
        if type(target).__name__ == "Distinct":
            (only,) = target.expressions
            column = self.visit(only)  # n_unique counts null as a value; SQL does not
            return column.n_unique() - (column.null_count() > 0).cast(self.nw.Int64)
        return self.visit(target).count()

    def _Round(self, node: Any) -> Any:
        decimals = node.args.get("decimals")
        places = 0 if decimals is None else _literal_value(decimals)
        return round_half_away(self.nw, self.visit(node.this), places)

    def _Coalesce(self, node: Any) -> Any:
        return self.nw.coalesce(self.visit(node.this), *map(self.visit, node.expressions))

    def _Concat(self, node: Any) -> Any:
        return self.nw.concat_str([self.visit(e) for e in node.expressions])

    def _DPipe(self, node: Any) -> Any:
        return self.nw.concat_str([self.visit(node.this), self.visit(node.expression)])

    def _Substring(self, node: Any) -> Any:
        start = _literal_value(node.args["start"]) - 1
        length = node.args.get("length")
        target = self.visit(node.this).str
        return target.slice(start, None if length is None else _literal_value(length))

    def _Case(self, node: Any) -> Any:
        if node.this is not None:
            raise ValueError("CASE x WHEN ... is not supported; write CASE WHEN x = ... THEN")
        chain: Any = None
        for branch in node.args["ifs"]:
            condition, value = self.visit(branch.this), self.visit(branch.args["true"])
            chain = (self.nw if chain is None else chain).when(condition).then(value)
        default = node.args.get("default")
        return chain.otherwise(self.visit(default)) if default is not None else chain

    def _If(self, node: Any) -> Any:
        then = self.nw.when(self.visit(node.this)).then(self.visit(node.args["true"]))
        other = node.args.get("false")
        return then.otherwise(self.visit(other)) if other is not None else then

    def _Cast(self, node: Any) -> Any:
        name = str(node.to.this.value)
        dtype = _TYPES.get(name)
        if dtype is None:
            raise ValueError(f"CAST to {name} is not supported here")
        target = getattr(self.nw, dtype)
        if self.frame is not None:
            return epoch_seconds_cast(self.frame, self.visit(node.this), [target])
        return self.visit(node.this).cast(target)

    _TryCast = _Cast


def _literal_value(node: Any) -> Any:
    kind = type(node).__name__
    if kind == "Neg":
        return -_literal_value(node.this)
    if kind != "Literal":
        raise ValueError(f"{node.sql()} must be a literal value here")
    if node.is_string:
        return node.this
    text = str(node.this)
    return int(text) if text.lstrip("-").isdigit() else float(text)


@dataclass(frozen=True, slots=True)
class SqlExpr:
    """A validated SQL expression; ``build()`` returns the narwhals expression."""

    source: str

    def build(self, frame: Any = None) -> Any:
        import narwhals as nw
        import sqlglot

        tree = sqlglot.parse_one(self.source, dialect="spark")
        return _Translator(nw, frame).visit(tree)


def parse_sql_expression(text: str) -> SqlExpr:
    """Validate ``text`` as a SQL expression with a narwhals meaning.

    Raises:
        ValueError: the SQL does not parse, or uses a construct named in the message.
    """
    expression = SqlExpr(text)
    try:
        import narwhals  # noqa: F401
        import sqlglot
    except ModuleNotFoundError:  # validating a stack without the [pipelines] extra
        return expression
    try:
        expression.build()
    except sqlglot.ParseError as exc:
        raise ValueError(f"{text!r} is not a SQL expression: {exc}") from exc
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValueError(f"{text!r}: {exc}") from exc
    return expression
