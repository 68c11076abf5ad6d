"""SQL expressions with a narwhals meaning: Laktory's ``sql_expr`` and SQL strings in
``laktory.groupby_and_agg``'s ``agg_expressions``; and Laktory's ``.laktory`` namespace.

Values are hand-computed over a 4-row frame; the same constructs run on Spark in
test_parity.py (identical rows and schemas on both engines)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import narwhals as nw
import polars as pl
import pytest

from data_iac.pipelines.engines.polars import PolarsEngine
from data_iac.pipelines.loading import PipelineSpecError, load_pipeline_file
from data_iac.pipelines.nwexpr import parse_nw_expression
from data_iac.pipelines.runner import RunOptions, run_pipeline
from data_iac.pipelines.sqlexpr import parse_sql_expression
from data_iac.pipelines.storage import StorageLayout

FRAME = pl.LazyFrame(
    {
        "a": [1, 2, None, 4],
        "s": ["ab", "cd", "ef", None],
        "x": [0.781, 13.0, 2.5, -1.0],
        "epoch": [0, 86_400, 60, 3_600],
    }
)


def _column(text: str) -> list[Any]:
    frame = nw.from_native(FRAME)
    built = parse_sql_expression(text).build(frame)
    return frame.select(built.alias("out")).collect().to_native()["out"].to_list()


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("a * 2 + 1", [3, 5, None, 9]),
        ("COALESCE(a, 0) - 1", [0, 1, -1, 3]),
        ("a / 2", [0.5, 1.0, None, 2.0]),
        ("a IS NULL", [False, False, True, False]),
        ("NOT (a > 1)", [True, False, None, False]),
        ("a IN (1, 4)", [True, False, None, True]),
        ("a BETWEEN 2 AND 4", [False, True, None, True]),
        ("CASE WHEN x > 1 THEN 'big' WHEN x < 0 THEN 'neg' ELSE 'small' END",
         ["small", "big", "big", "neg"]),
        ("UPPER(s)", ["AB", "CD", "EF", None]),
        ("SUBSTRING(s, 2, 1)", ["b", "d", "f", None]),
        ("s || '!'", ["ab!", "cd!", "ef!", None]),
        ("ROUND(x, 1)", [0.8, 13.0, 2.5, -1.0]),
        ("CAST(a AS DOUBLE)", [1.0, 2.0, None, 4.0]),
        ("CAST(epoch AS TIMESTAMP)",
         [dt.datetime(1970, 1, 1), dt.datetime(1970, 1, 2), dt.datetime(1970, 1, 1, 0, 1),
          dt.datetime(1970, 1, 1, 1)]),
    ],
)  # fmt: skip
def test_sql_expressions_mean_what_sql_says(sql: str, expected: list[Any]) -> None:
    assert _column(sql) == expected


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("(SELECT 1)", "Subquery"),
        ("my_udf(a)", "Anonymous"),
        ("a +", "not a SQL expression"),
        ("CAST(a AS MAP<STRING, INT>)", "CAST to MAP"),
        ("ROW_NUMBER() OVER (ORDER BY a)", "not supported"),
    ],
)
def test_sql_outside_the_translation_is_refused(sql: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_sql_expression(sql)


def test_laktorys_namespace_in_narwhals_expressions() -> None:
    frame = nw.from_native(FRAME)
    roundp = parse_nw_expression('nw.col("x").laktory.roundp(p=5)').build(frame)
    values = frame.select(roundp).collect().to_native()["x"].to_list()
    assert values == [0.0, 15.0, 5.0, -0.0]
    sql = parse_nw_expression('nw.sql_expr("a + 1").alias("b")').build(frame)
    assert frame.select(sql).collect().to_native()["b"].to_list() == [2, 3, None, 5]
    stamp = parse_nw_expression("nw.laktory.current_timestamp()").build(frame)
    now = frame.select(stamp.alias("t")).collect().to_native()["t"][0]
    assert abs(now - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=5)
    for bad, reason in [
        ('nw.col("x").laktory.string_split("_", 1)', "NotImplementedError"),
        ('nw.col("x").laktory.convert_units("m", "ft")', "planck"),
        ("nw.laktory.nosuch()", "laktory has no 'nosuch'"),
    ]:
        with pytest.raises(ValueError, match=reason):
            parse_nw_expression(bad)


PIPELINE = """\
name: sql-aggs
nodes:
- name: orders
  source:
    path: orders.csv
    format: CSV
  sinks:
  - path: out/agg.parquet
    format: PARQUET
  transformer:
    nodes:
    - func_name: laktory.groupby_and_agg
      func_kwargs:
        groupby_columns: [cat]
        agg_expressions:
        - SUM(price * qty) AS revenue
        - COUNT(*) AS n
        - expr: AVG(price)
          type: SQL
        - nw.col("qty").max().alias("max_qty")
        - COUNT(note) AS notes
"""


def test_groupby_and_agg_takes_sql_strings_beside_narwhals(tmp_path: Path) -> None:
    (tmp_path / "orders.csv").write_text(
        "cat,price,qty,note\na,2.5,1,x\na,1.25,4,\nb,10.0,2,y\n", encoding="utf-8"
    )
    (tmp_path / "p.yaml").write_text(PIPELINE, encoding="utf-8")
    loaded = load_pipeline_file(tmp_path / "p.yaml")[0]
    run_pipeline(loaded.pipeline, PolarsEngine(), RunOptions(layout=StorageLayout(tmp_path)))
    out = pl.read_parquet(tmp_path / "out" / "agg.parquet").sort("cat")
    # AVG(price) without AS is named after the column it reads (narwhals' rule).
    assert out.columns == ["cat", "revenue", "n", "price", "max_qty", "notes"]
    assert out.rows() == [("a", 7.5, 2, 1.875, 4, 1), ("b", 20.0, 1, 10.0, 2, 1)]


def test_unsupported_sql_in_aggregates_is_a_located_load_error(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        PIPELINE.replace("COUNT(*) AS n", "PERCENTILE_APPROX(qty, 0.5) AS p"), encoding="utf-8"
    )
    with pytest.raises(PipelineSpecError) as raised:
        load_pipeline_file(tmp_path / "p.yaml")
    problem = raised.value.diagnostics[0]
    assert "not supported" in problem.message and problem.location is not None


@pytest.mark.parametrize("name", ["display", "has_column", "schema_flat", "signature"])
def test_laktorys_inspection_functions_are_refused_as_steps(name: str) -> None:
    from data_iac.pipelines.methods import route_step

    with pytest.raises(ValueError, match="cannot be a transformer step"):
        route_step(f"laktory.{name}", [], {})
