"""The Spark engine: same YAML, same rows as Polars; one computation per node; clear refusals."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from data_iac.errors import PipelineError
from data_iac.pipelines.engines.polars import PolarsEngine
from data_iac.pipelines.engines.spark import SparkEngine
from data_iac.pipelines.loading import load_pipeline_file
from data_iac.pipelines.operations import SqlQuery
from data_iac.pipelines.parsing import parse_operation
from data_iac.pipelines.runner import RunOptions, run_pipeline
from data_iac.pipelines.spec import Expectation
from data_iac.pipelines.storage import ReadLocation, SinkTarget, StorageLayout

from .conftest import EXAMPLE
from .test_runner import bronze_silver_gold

pytestmark = pytest.mark.spark

ROWS = {"k": ["a", "a", "b", None], "v": [1, 1, 3, 4], "d": ["2024-01-02"] * 4}
OTHER = {"k": ["a", "b"], "w": [10, 30]}
STEPS = [
    ("select", ["k", "v * 2 AS w"], {}),
    ("filter", ["v > 1"], {}),
    ("with_columns", [], {"w": "v + 1", "x": "upper(k)"}),
    ("rename", [], {"v": "value"}),
    ("drop", ["d"], {}),
    ("drop_duplicates", [], {}),
    ("drop_duplicates", [], {"subset": ["k"]}),
    ("join", [], {"other": "other", "on": ["k"], "how": "left"}),
    ("join", [], {"other": "other", "on": ["k"], "how": "full"}),
    ("join", [], {"other": "other", "on": ["k"], "how": "anti"}),
    ("union", [], {"others": ["other"]}),
    ("group_by", [], {"by": ["k"], "agg": {"n": "count(*)", "s": "sum(v)", "m": "max(v)"}}),
    ("cast", [], {"d": "date", "v": "double"}),
    ("sort", ["v", "k"], {"descending": [True, False]}),
    ("limit", [2], {}),
]


def spark_frame(spark, columns: dict[str, list]):
    return spark.createDataFrame(list(zip(*columns.values(), strict=True)), list(columns))


def as_rows(frame: pl.DataFrame) -> list[tuple]:
    return sorted(frame.rows(), key=repr)


@pytest.fixture
def engines(spark):
    spark_engine = SparkEngine(spark)
    yield PolarsEngine(), spark_engine
    spark_engine.close()


@pytest.mark.parametrize(
    ("name", "args", "kwargs"), STEPS, ids=[f"{s[0]}-{i}" for i, s in enumerate(STEPS)]
)
def test_every_portable_operation_gives_the_same_rows_on_both_engines(
    spark, engines, name, args, kwargs
):
    polars_engine, spark_engine = engines
    operation = parse_operation(name, args, kwargs)
    expected = polars_engine.apply(
        pl.LazyFrame(ROWS), operation, {"other": pl.LazyFrame(OTHER)}
    ).collect()
    frame = spark_frame(spark, ROWS)
    other = spark_frame(spark, OTHER)
    actual = spark_engine.apply(frame, operation, {"other": other})
    assert actual.columns == expected.columns
    actual_rows = [tuple(row) for row in actual.collect()]
    if name == "limit":
        assert len(actual_rows) == expected.height
    else:
        assert sorted(actual_rows, key=repr) == as_rows(expected)


def test_the_example_gives_identical_tables_on_both_engines(spark, tmp_path):
    [loaded] = load_pipeline_file(EXAMPLE)
    for name, engine in [("polars", PolarsEngine()), ("spark", SparkEngine(spark))]:
        layout = StorageLayout(base_dir=EXAMPLE.parent, warehouse=tmp_path / name)
        result = run_pipeline(loaded.pipeline, engine, RunOptions(layout=layout))
        engine.close()
        assert {n.node: n.rows for n in result.nodes}["slv_stock_prices"] == 296
    tables = sorted(p.name for p in (tmp_path / "polars" / "dev" / "finance").iterdir())
    assert tables == [
        "brz_stock_prices",
        "gld_stock_prices_by_symbol",
        "gld_up_days",
        "slv_stock_prices",
    ]
    for table in tables:
        polars_rows = pl.read_parquet(tmp_path / "polars" / "dev" / "finance" / table / "*.parquet")
        spark_rows = pl.read_parquet(tmp_path / "spark" / "dev" / "finance" / table / "*.parquet")
        assert spark_rows.columns == polars_rows.columns
        assert as_rows(spark_rows) == as_rows(polars_rows), table


def test_each_node_is_computed_once_on_spark(spark, tmp_path, prices_csv):
    def delete_source_after_bronze(done):
        if done.node == "brz":
            prices_csv.unlink()  # downstream nodes must use bronze's cached result

    layout = StorageLayout(base_dir=tmp_path, warehouse=tmp_path / "wh")
    engine = SparkEngine(spark)
    expectations = [{"name": "positive", "expr": "close > 0", "action": "drop"}]
    result = run_pipeline(
        bronze_silver_gold(prices_csv, expectations),
        engine,
        RunOptions(layout=layout, max_workers=1),
        on_node_done=delete_source_after_bronze,
    )
    engine.close()
    assert result.source_reads == {"brz": 1}
    gold = pl.read_parquet(tmp_path / "wh" / "main" / "default" / "gld" / "*.parquet")
    assert as_rows(gold) == [("AAA", 2, 300), ("BBB", 1, 400)]


def test_spark_expectations_and_sql_with_nodes(spark, engines):
    _, engine = engines
    frame = spark_frame(spark, ROWS)
    evaluated = engine.evaluate(
        frame,
        [Expectation(name="p", expr="v > 1", action="drop"), Expectation(name="n", expr="k = 'a'")],
    )
    assert (evaluated.total_rows, evaluated.failed, evaluated.dropped_rows) == (4, (2, 2), 2)
    kept = engine.keep(evaluated)
    assert kept.columns == ["k", "v", "d"] and sorted(r.v for r in kept.collect()) == [3, 4]
    other = spark_frame(spark, OTHER)
    sql = SqlQuery("SELECT p.k, o.w FROM {df} p JOIN {nodes.other} o ON p.k = o.k")
    assert sorted(tuple(r) for r in engine.apply(kept, sql, {"other": other}).collect()) == [
        ("b", 30)
    ]


def test_polars_methods_are_refused_on_spark(spark, engines):
    _, engine = engines
    frame = spark.createDataFrame([(1,)], ["a"])
    with pytest.raises(PipelineError, match=r"polars.unpivot is a polars method"):
        engine.apply(frame, parse_operation("polars.unpivot", [], {}), {})
    assert engine.apply(frame, parse_operation("spark.distinct", [], {}), {}).count() == 1


def test_delta_without_its_jars_is_a_clear_error(spark, engines, tmp_path):
    _, engine = engines
    frame = spark.createDataFrame([(1,)], ["k"])
    with pytest.raises(PipelineError, match="Delta Lake is not available") as caught:
        engine.write(frame, SinkTarget(str(tmp_path / "d"), "delta", "overwrite", (), True))
    assert "spark.jars" in caught.value.hint


def test_spark_merges_file_tables_by_key(spark, engines, tmp_path):
    _, engine = engines
    folder = tmp_path / "t"
    target = SinkTarget(str(folder), "parquet", "merge", ("k",), True)
    engine.write(spark.createDataFrame([(1, "a"), (2, "b")], ["k", "v"]), target)
    engine.write(spark.createDataFrame([(2, "B"), (3, "c")], ["k", "v"]), target)
    merged = engine.read(ReadLocation(str(folder), "parquet"))
    assert sorted(tuple(r) for r in merged.collect()) == [(1, "a"), (2, "B"), (3, "c")]
    csv = SinkTarget(str(tmp_path / "c"), "csv", "append", (), False)
    engine.write(spark.createDataFrame([(1, "a")], ["k", "v"]), csv)
    engine.write(spark.createDataFrame([(2, "b")], ["k", "v"]), csv)
    assert Path(tmp_path / "c").is_dir()
    assert engine.read(ReadLocation(str(tmp_path / "c"), "csv")).count() == 2
