"""SQL on Polars, made to mean what it means on Spark (the engine-parity answers).

* Every SQL expression runs inside a query over the frame (``SELECT * REPLACE (...)``), never
  through schema-less ``pl.sql_expr``: functions such as ``date_trunc`` need the column types.
* ``CAST(x AS TIMESTAMP)`` follows Spark: an integer is seconds since the epoch, and a string
  with an offset (``2024-04-09T13:30:00-04:00``) is that instant, in UTC. Polars reads the
  integer as microseconds, and Polars 2 refuses strings with an offset. Each such cast of a
  column of the step's input is computed by Polars itself into a hidden column that the SQL
  then reads; hidden columns never reach the output.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import polars as pl

__all__ = ["quote", "run_query", "select_sql", "where_sql", "with_columns_sql"]

_CAST = re.compile(
    r"CAST\(\s*(?P<arg>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s+AS\s+TIMESTAMP\s*\)", re.IGNORECASE
)
_HIDDEN = "__iac_ts_"
DF = "__df"


def quote(name: str) -> str:
    """A SQL identifier for ``name``."""
    return '"' + name.replace('"', '""') + '"'


def _probe(frame: pl.LazyFrame, path: str) -> pl.DataType | None:
    parts = path.split(".")
    schema = frame.collect_schema()
    if parts[0] not in schema:
        return None
    dtype: pl.DataType = schema[parts[0]]
    for field in parts[1:]:
        if not isinstance(dtype, pl.Struct):
            return None
        fields = {f.name: f.dtype for f in dtype.fields}
        if field not in fields:
            return None
        dtype = fields[field]  # type: ignore[assignment]
    return dtype


def _column(path: str) -> pl.Expr:
    parts = path.split(".")
    expr = pl.col(parts[0])
    for field in parts[1:]:
        expr = expr.struct.field(field)
    return expr


def _timestamp(path: str, dtype: pl.DataType) -> pl.Expr | None:
    if dtype == pl.String:
        parsed = _column(path).str.to_datetime(time_unit="us", time_zone="UTC")
        return parsed.dt.replace_time_zone(None)
    if dtype.is_integer():
        return pl.from_epoch(_column(path), time_unit="s")
    return None


def _rewrite_casts(sql: str, frame: pl.LazyFrame) -> tuple[str, pl.LazyFrame, list[str]]:
    hidden: dict[str, str] = {}
    columns: dict[str, pl.Expr] = {}

    def one(match: re.Match[str]) -> str:
        arg = match.group("arg")
        for qualifier, path in ((None, arg), *_qualified(arg)):
            dtype = _probe(frame, path)
            expr = _timestamp(path, dtype) if dtype is not None else None
            if expr is not None:
                name = hidden.setdefault(path, f"{_HIDDEN}{len(hidden)}")
                columns[name] = expr
                return f"{qualifier}.{quote(name)}" if qualifier else quote(name)
        return match.group(0)

    rewritten = _CAST.sub(one, sql)
    if not columns:
        return sql, frame, []
    return rewritten, frame.with_columns(**columns), list(columns)


def _qualified(arg: str) -> list[tuple[str, str]]:
    """``p.x`` may be column ``x`` of the table aliased ``p``."""
    head, dot, rest = arg.partition(".")
    return [(head, rest)] if dot else []


def run_query(
    sql: str, frame: pl.LazyFrame, others: Mapping[str, pl.LazyFrame] | None = None
) -> pl.LazyFrame:
    """Run ``sql`` where ``__df`` is ``frame`` and ``others`` are more tables."""
    rewritten, prepared, hidden = _rewrite_casts(sql, frame)
    context = pl.SQLContext(frames={DF: prepared, **(others or {})}, eager=False)
    result = context.execute(rewritten, eager=False)
    if hidden:
        result = result.drop(hidden, strict=False)
    return result


def select_sql(columns: Sequence[str]) -> str:
    """``SELECT`` of expressions (``close * 2 AS x``) over the frame."""
    return f"SELECT {', '.join(columns)} FROM {DF}"


def where_sql(condition: str) -> str:
    """The frame's rows where ``condition`` is true."""
    return f"SELECT * FROM {DF} WHERE {condition}"


def with_columns_sql(existing: Sequence[str], columns: Sequence[tuple[str, str]]) -> str:
    """Add or replace columns, all computed from the input row (like ``with_columns``)."""
    replaced = [f"{expr} AS {quote(name)}" for name, expr in columns if name in existing]
    added = [f"{expr} AS {quote(name)}" for name, expr in columns if name not in existing]
    star = f"* REPLACE ({', '.join(replaced)})" if replaced else "*"
    return f"SELECT {', '.join([star, *added])} FROM {DF}"
