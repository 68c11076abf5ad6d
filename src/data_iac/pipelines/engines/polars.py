"""The Polars engine: lazy frames, SQL through Polars' own SQL, one ``collect`` per node.

``evaluate`` collects the node once, with the expectation flags as extra columns; counts are
taken from that collected frame, and downstream nodes get a lazy frame over it, so no upstream
work ever runs twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from data_iac.errors import PipelineError
from data_iac.pipelines import operations as op
from data_iac.pipelines.engines import (
    Evaluated,
    call_native,
    drop_flags,
    expectation_flag,
    flag_columns,
    quarantine_flags,
    row_expectations,
)
from data_iac.pipelines.engines.narwhals_ops import (
    NARWHALS_OPERATIONS,
    apply_narwhals,
    nw_aggregate,
    nw_flag,
)
from data_iac.pipelines.engines.polars_io import read_frame, write_frame
from data_iac.pipelines.engines.polars_sql import (
    DF,
    run_query,
    select_sql,
    where_sql,
    with_columns_sql,
)
from data_iac.pipelines.spec import Expectation
from data_iac.pipelines.storage import ReadLocation, SinkTarget

__all__ = ["PolarsEngine"]

_TYPES: Mapping[str, pl.DataType] = {
    "string": pl.String(),
    "int": pl.Int32(),
    "bigint": pl.Int64(),
    "float": pl.Float32(),
    "double": pl.Float64(),
    "boolean": pl.Boolean(),
    "date": pl.Date(),
    "timestamp": pl.Datetime("us"),
}


def _sql(expression: str, alias: str = "") -> pl.Expr:
    parsed = pl.sql_expr(expression)
    return parsed.alias(alias) if alias else parsed


def _cast(frame: pl.LazyFrame, columns: Sequence[tuple[str, str]]) -> pl.LazyFrame:
    schema = frame.collect_schema()  # schema only: no rows are read
    exprs = []
    for column, type_name in columns:
        # Polars 2 refuses string -> date/timestamp casts; parse those instead.
        if schema.get(column) == pl.String and type_name == "date":
            exprs.append(pl.col(column).str.to_date())
        elif schema.get(column) == pl.String and type_name == "timestamp":
            exprs.append(pl.col(column).str.to_datetime(time_unit="us"))
        else:
            exprs.append(pl.col(column).cast(_TYPES[type_name]))
    return frame.with_columns(exprs)


def _run_sql(query: str, frame: pl.LazyFrame, nodes: Mapping[str, pl.LazyFrame]) -> pl.LazyFrame:
    tables = {name: f"__node_{i}" for i, name in enumerate(nodes)}
    others = {tables[name]: nodes[name] for name in nodes}
    return run_query(op.render_sql(query, df_table=DF, node_tables=tables), frame, others)


def _with_columns(frame: pl.LazyFrame, columns: Sequence[tuple[str, str]]) -> pl.LazyFrame:
    existing = frame.collect_schema().names()  # schema only: no rows are read
    return run_query(with_columns_sql(existing, columns), frame)


def _native(frame: pl.LazyFrame, operation: op.Native) -> pl.LazyFrame:
    result = call_native("polars", frame, operation)
    assert isinstance(result, pl.LazyFrame)
    return result


def _apply_to_columns(frame: pl.LazyFrame, operation: op.Operation) -> pl.LazyFrame:
    match operation:
        case op.Select(columns=columns):
            return run_query(select_sql(columns), frame)
        case op.Filter(condition=condition):
            return run_query(where_sql(condition), frame)
        case op.WithColumns(columns=columns):
            return _with_columns(frame, columns)
        case op.Cast(columns=columns):
            return _cast(frame, columns)
        case op.Sort(by=by, descending=descending):
            # nulls_last=descending matches Spark's default null ordering.
            return frame.sort(list(by), descending=list(descending), nulls_last=list(descending))
        case op.Limit(n=n):
            return frame.limit(n)
    raise AssertionError(f"unhandled operation {operation!r}")  # pragma: no cover


def _apply(
    frame: pl.LazyFrame, operation: op.Operation, nodes: Mapping[str, pl.LazyFrame]
) -> pl.LazyFrame:
    if isinstance(operation, NARWHALS_OPERATIONS):
        result = apply_narwhals(frame, operation, nodes)
        if isinstance(result, pl.DataFrame):
            return result.lazy()
        if not isinstance(result, pl.LazyFrame):
            raise PipelineError(f"the step returned {type(result).__name__}, not a dataframe")
        return result
    match operation:
        case op.Union(others=others):
            return pl.concat([frame, *(nodes[o] for o in others)], how="diagonal_relaxed")
        case op.GroupBy(by=by, aggs=aggs):
            return frame.group_by(list(by)).agg([_sql(expr, alias) for alias, expr in aggs])
        case op.Native():
            return _native(frame, operation)
        case op.SqlQuery(query=query):
            return _run_sql(query, frame, nodes)
    return _apply_to_columns(frame, operation)


class PolarsEngine:
    """Runs pipelines in-process with Polars; the embedded default engine."""

    name = "polars"

    def read(self, location: ReadLocation) -> pl.LazyFrame:
        """A lazy scan of the source; nothing is read until the node is evaluated."""
        return read_frame(location)

    def create(self, columns: Mapping[str, list[Any]]) -> pl.LazyFrame:
        """A lazy frame over the given columns."""
        return pl.LazyFrame(dict(columns))

    def apply(
        self, frame: pl.LazyFrame, operation: op.Operation, nodes: Mapping[str, pl.LazyFrame]
    ) -> pl.LazyFrame:
        """Apply one portable or Polars-native operation, lazily."""
        return _apply(frame, operation, nodes)

    def drop_exact_duplicates(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        """Keep one of each group of identical rows."""
        return frame.unique(keep="any")

    def evaluate(self, frame: pl.LazyFrame, expectations: Sequence[Expectation]) -> Evaluated:
        """Collect once, with one boolean flag column per ROW expectation (null is false)."""
        flagged, sql_flags = frame, []
        for index, expectation in row_expectations(expectations):
            name = expectation_flag(index)
            if expectation.nw_expr is not None:
                flagged = nw_flag(flagged, expectation.nw_expr, name)
            else:
                sql_flags.append((name, f"COALESCE(({expectation.expr}), FALSE)"))
        if sql_flags:  # one projection for all SQL flags, as a hand-written with_columns
            flagged = _with_columns(flagged, sql_flags)
        collected = flagged.collect()
        failed = tuple(
            self._aggregate_failed(collected, e)
            if e.type == "AGGREGATE"
            else collected.height - int(collected[expectation_flag(i)].sum())
            for i, e in enumerate(expectations)
        )
        drops = [pl.col(flag) for flag in drop_flags(expectations)]
        # A sum over the flags: counting must not materialise the kept rows a second time.
        kept = (
            int(collected.select(pl.all_horizontal(drops).sum()).item())
            if drops
            else collected.height
        )
        return Evaluated(
            collected, tuple(expectations), collected.height, failed, collected.height - kept
        )

    @staticmethod
    def _aggregate_failed(collected: pl.DataFrame, expectation: Expectation) -> int:
        if expectation.nw_expr is not None:
            result = nw_aggregate(collected, expectation.nw_expr)
        else:
            result = collected.select(_sql(expectation.expr).alias("value"))
        return 0 if result.item(0, 0) is True else 1

    def keep(self, evaluated: Evaluated) -> pl.LazyFrame:
        """A lazy frame over the collected rows, minus those failing drop/quarantine ones."""
        collected: pl.DataFrame = evaluated.frame
        flags = flag_columns(evaluated.expectations)
        if drop_flags(evaluated.expectations):
            collected = collected.filter(self._drop_filter(evaluated.expectations))
        return (collected.drop(flags) if flags else collected).lazy()  # no copy when nothing drops

    def quarantined(self, evaluated: Evaluated) -> pl.LazyFrame:
        """The collected rows failing any quarantine expectation."""
        collected: pl.DataFrame = evaluated.frame
        flags = quarantine_flags(evaluated.expectations)
        condition = ~pl.all_horizontal([pl.col(f) for f in flags]) if flags else pl.lit(False)
        return collected.filter(condition).drop(flag_columns(evaluated.expectations)).lazy()

    def write(self, frame: pl.LazyFrame, target: SinkTarget) -> None:
        """Write the (already computed) frame to the sink."""
        write_frame(frame.collect(), target)

    def close(self) -> None:
        """Nothing to release: collected frames are freed with the run."""

    @staticmethod
    def _drop_filter(expectations: Sequence[Expectation]) -> pl.Expr:
        drops = [pl.col(flag) for flag in drop_flags(expectations)]
        return pl.all_horizontal(drops) if drops else pl.lit(True)
