"""The Spark engine: the same pipelines on PySpark, locally, on a cluster or via Spark Connect.

``evaluate`` persists the node's DataFrame (with the expectation flag columns) and computes the
row and failure counts in one aggregate over it; that action fills the cache, and downstream
nodes and the sink read the cached data, so no upstream work runs twice.
"""

from __future__ import annotations

import threading
import uuid
import warnings
from collections.abc import Mapping, Sequence
from functools import reduce
from typing import Any

from pyspark import StorageLevel
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

from data_iac.errors import PipelineError
from data_iac.pipelines import operations as op
from data_iac.pipelines.engines import (
    EngineOptions,
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
from data_iac.pipelines.engines.spark_io import read_frame, write_frame
from data_iac.pipelines.spec import Expectation
from data_iac.pipelines.storage import ReadLocation, SinkTarget

__all__ = ["SparkEngine"]

_LOCAL_DEFAULTS = {"spark.sql.shuffle.partitions": "8", "spark.ui.showConsoleProgress": "false"}
# Timestamps are instants shown in UTC on every engine (docs/pipelines.md, engine parity).
_SESSION_DEFAULTS = {"spark.sql.session.timeZone": "UTC"}


def _apply_to_columns(frame: DataFrame, operation: op.Operation) -> DataFrame:
    match operation:
        case op.Select(columns=columns):
            return frame.selectExpr(*columns)
        case op.Filter(condition=condition):
            return frame.filter(F.expr(condition))
        case op.WithColumns(columns=columns):
            return frame.withColumns({name: F.expr(expr) for name, expr in columns})
        case op.Cast(columns=columns):
            return frame.withColumns({c: F.col(c).cast(t) for c, t in columns})
        case op.Sort(by=by, descending=descending):
            order = [
                F.col(c).desc() if d else F.col(c).asc()
                for c, d in zip(by, descending, strict=True)
            ]
            return frame.orderBy(*order)
        case op.Limit(n=n):
            return frame.limit(n)
    raise AssertionError(f"unhandled operation {operation!r}")  # pragma: no cover


def _native(frame: DataFrame, operation: op.Native) -> DataFrame:
    result = call_native("spark", frame, operation)
    assert isinstance(result, DataFrame)
    return result


class SparkEngine:
    """Runs pipelines on a SparkSession; stops the session at ``close`` only if it started it."""

    name = "spark"

    def __init__(self, spark: SparkSession, *, owns_session: bool = False) -> None:
        self.spark = spark
        self._owns_session = owns_session
        self._cached: list[DataFrame] = []
        self._views: list[str] = []
        self._lock = threading.Lock()

    @classmethod
    def start(cls, options: EngineOptions) -> SparkEngine:
        """Start (or join) a session: Spark Connect if ``spark_remote``, else ``spark_master``."""
        builder = SparkSession.builder.appName("data-iac")
        conf = _SESSION_DEFAULTS | dict(options.spark_conf or {})
        if options.spark_remote:
            # pyspark's Connect client warns about pandas >= 3 on import; it is not ours to show.
            warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas")
            builder = builder.remote(options.spark_remote)
        else:
            master = options.spark_master or "local[*]"
            builder = builder.master(master)
            if master.startswith("local"):
                # 200 shuffle partitions (Spark's default) means 200 tiny files per table locally.
                conf = _LOCAL_DEFAULTS | conf
        for key, value in conf.items():
            builder = builder.config(key, value)
        return cls(builder.getOrCreate(), owns_session=True)

    def read(self, location: ReadLocation) -> DataFrame:
        """A lazy DataFrame over the source."""
        return read_frame(self.spark, location)

    def create(self, columns: Mapping[str, list[Any]]) -> DataFrame:
        """A DataFrame over the given columns (types inferred by Spark from the values)."""
        names = list(columns)
        rows = list(zip(*(columns[n] for n in names), strict=True))
        return self.spark.createDataFrame(rows, schema=names)

    def apply(
        self, frame: DataFrame, operation: op.Operation, nodes: Mapping[str, DataFrame]
    ) -> DataFrame:
        """Apply one portable or Spark-native operation, lazily."""
        if isinstance(operation, NARWHALS_OPERATIONS):
            result = apply_narwhals(frame, operation, nodes)
            if not isinstance(result, DataFrame):
                raise PipelineError(f"the step returned {type(result).__name__}, not a DataFrame")
            return result
        match operation:
            case op.Union(others=others):
                frames = [frame, *(nodes[o] for o in others)]
                return reduce(lambda a, b: a.unionByName(b, allowMissingColumns=True), frames)
            case op.GroupBy(by=by, aggs=aggs):
                columns = [F.expr(e).alias(a) if a else F.expr(e) for a, e in aggs]
                return frame.groupBy(*by).agg(*columns)
            case op.Native():
                return _native(frame, operation)
            case op.SqlQuery(query=query):
                return self._sql(query, frame, nodes)
        return _apply_to_columns(frame, operation)

    def _sql(self, query: str, frame: DataFrame, nodes: Mapping[str, DataFrame]) -> DataFrame:
        # Views are session-wide and nodes run in parallel: every view gets a unique name.
        suffix = uuid.uuid4().hex
        tables = {name: f"iac_node_{i}_{suffix}" for i, name in enumerate(nodes)}
        df_table = f"iac_df_{suffix}"
        frame.createOrReplaceTempView(df_table)
        for name, table in tables.items():
            nodes[name].createOrReplaceTempView(table)
        with self._lock:
            self._views.extend([df_table, *tables.values()])
        return self.spark.sql(op.render_sql(query, df_table=df_table, node_tables=tables))

    def drop_exact_duplicates(self, frame: DataFrame) -> DataFrame:
        """Keep one of each group of identical rows."""
        return frame.dropDuplicates()

    def evaluate(self, frame: DataFrame, expectations: Sequence[Expectation]) -> Evaluated:
        """Persist with flag columns, then count everything in a single aggregate."""
        flagged = frame
        for index, expectation in row_expectations(expectations):
            name = expectation_flag(index)
            if expectation.nw_expr is not None:
                flagged = nw_flag(flagged, expectation.nw_expr, name)
            else:
                flagged = flagged.withColumn(
                    name, F.coalesce(F.expr(expectation.expr), F.lit(False))
                )
        flagged = flagged.persist(StorageLevel.MEMORY_AND_DISK)
        with self._lock:
            self._cached.append(flagged)
        flags = flag_columns(expectations)
        failing = [F.sum(F.when(~F.col(f), 1).otherwise(0)) for f in flags]
        dropped = F.sum(F.when(~self._drop_filter(expectations), 1).otherwise(0))
        row = flagged.agg(F.count(F.lit(1)), dropped, *failing).collect()[0]
        row_failed = iter(int(v or 0) for v in row[2:])
        failed = tuple(
            self._aggregate_failed(flagged, e) if e.type == "AGGREGATE" else next(row_failed)
            for e in expectations
        )
        return Evaluated(flagged, tuple(expectations), int(row[0]), failed, int(row[1] or 0))

    @staticmethod
    def _aggregate_failed(frame: DataFrame, expectation: Expectation) -> int:
        if expectation.nw_expr is not None:
            result = nw_aggregate(frame, expectation.nw_expr)
        else:
            result = frame.agg(F.expr(expectation.expr).alias("value"))
        return 0 if result.collect()[0][0] is True else 1

    def keep(self, evaluated: Evaluated) -> DataFrame:
        """The cached rows minus those failing drop/quarantine expectations, flags removed."""
        flags = flag_columns(evaluated.expectations)
        kept: DataFrame = evaluated.frame.filter(self._drop_filter(evaluated.expectations))
        return kept.drop(*flags)

    def quarantined(self, evaluated: Evaluated) -> DataFrame:
        """The cached rows failing any quarantine expectation, flags removed."""
        flags = [F.col(f) for f in quarantine_flags(evaluated.expectations)]
        condition = ~reduce(lambda a, b: a & b, flags) if flags else F.lit(False)
        result: DataFrame = evaluated.frame.filter(condition)
        return result.drop(*flag_columns(evaluated.expectations))

    def write(self, frame: DataFrame, target: SinkTarget) -> None:
        """Write the (cached) frame to the sink."""
        write_frame(self.spark, frame, target)

    def close(self) -> None:
        """Unpersist cached nodes, drop views, and stop the session if this engine started it."""
        for frame in self._cached:
            frame.unpersist()
        for view in self._views:
            self.spark.catalog.dropTempView(view)
        self._cached.clear()
        self._views.clear()
        if self._owns_session:
            self.spark.stop()

    @staticmethod
    def _drop_filter(expectations: Sequence[Expectation]) -> Column:
        drops = [F.col(flag) for flag in drop_flags(expectations)]
        return reduce(lambda a, b: a & b, drops) if drops else F.lit(True)
