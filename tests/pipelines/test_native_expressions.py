"""``dataframe_api: NATIVE``: Polars (``pl.``) and PySpark (``F.``) expressions written as text.

They are parsed by the shared safe-AST core against a dialect whitelist and never evaluated
with ``eval``; ``F.`` pins a step to Spark and ``pl.`` to Polars, refused before any node runs
on the other engine. Laktory's own ``pl-tpch`` pipeline (workflows-dab quickstart) is read
from the installed ``laktory`` package files when present.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from data_iac.errors import PipelineError
from data_iac.pipelines.engines.polars import PolarsEngine
from data_iac.pipelines.loading import PipelineSpecError, load_pipeline_file
from data_iac.pipelines.nwexpr import NativeExpr, parse_native_expression
from data_iac.pipelines.operations import Native
from data_iac.pipelines.runner import RunOptions, run_pipeline
from data_iac.pipelines.storage import StorageLayout

POLARS_NATIVE = """\
name: native-polars
dataframe_api: NATIVE
nodes:
- name: orders
  source:
    path: orders.csv
    format: CSV
  sinks:
  - path: out/orders.parquet
    format: PARQUET
  transformer:
    nodes:
    - func_name: with_columns
      func_args:
      - (pl.col("price") * pl.col("qty")).alias("total")
      - col("qty").cast(pl.Int32).alias("qty32")
    - func_name: filter
      func_args:
      - pl.col("qty") > 1
    - func_name: select
      func_args:
      - id
      - pl.col("total").round(1)
      - qty32
"""


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "orders.csv").write_text(
        "id,price,qty\n1,2.5,1\n2,1.25,4\n3,10.0,2\n", encoding="utf-8"
    )
    path = tmp_path / "pipeline.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_native_polars_pipeline_runs_its_pl_expressions(tmp_path: Path) -> None:
    loaded = load_pipeline_file(_write(tmp_path, POLARS_NATIVE))[0]
    step = loaded.pipeline.nodes[0].transformer[0].operation
    assert isinstance(step, Native) and step.engine == "polars"  # pl. pins the step
    run_pipeline(loaded.pipeline, PolarsEngine(), RunOptions(layout=StorageLayout(tmp_path)))
    out = pl.read_parquet(tmp_path / "out" / "orders.parquet").sort("id")
    assert out.columns == ["id", "total", "qty32"]
    assert out.rows() == [(2, 5.0, 4), (3, 20.0, 2)]
    assert out.schema["qty32"] == pl.Int32


def test_spark_expressions_are_refused_on_polars_before_any_node_runs(tmp_path: Path) -> None:
    text = POLARS_NATIVE.replace('pl.col("qty") > 1', 'F.col("qty") > 1').replace(
        "    - func_name: select\n      func_args:\n      - id\n"
        '      - pl.col("total").round(1)\n      - qty32\n',
        "",
    )
    text = text.replace("func_name: filter", "func_name: where")
    loaded = load_pipeline_file(_write(tmp_path, text))[0]
    with pytest.raises(PipelineError, match=r"spark\.where, which the polars engine does not"):
        run_pipeline(loaded.pipeline, PolarsEngine(), RunOptions(layout=StorageLayout(tmp_path)))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('pl.read_csv("/etc/passwd")', "'read_csv' is not allowed"),
        ('pl.col("x").map_elements(pl.col)', "'map_elements' is not allowed"),
        ('pl.col("x").meta.serialize("/tmp/x")', "'serialize' is not allowed"),
        ('pl.sql("select 1")', "'sql' is not allowed"),
        ("pl.Config.set_tbl_rows(1)", "'Config' is not allowed"),
        ("pl.os", "module 'os' is not allowed"),
        ('T.os.system("id")', "module 'os' is not allowed"),
        ('F.udf(F.col("x"))', "'udf' is not allowed"),
        ('F.reflect("java.lang.Runtime", "getRuntime")', "'reflect' is not allowed"),
        ("F.Callable", "'Callable' is not a pyspark function"),
        ('F.nosuch("x")', "pyspark has no 'nosuch'"),
        ('pl.col("x").__class__', "'__class__' is not allowed"),
        ('F.col("x") + pl.col("y")', "cannot mix Polars"),
        ('F.transform(F.col("x"), lambda c: c)', "not allowed"),
        ('__import__("os")', "not allowed"),
    ],
)
def test_the_native_whitelist_refuses(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_native_expression(text)


def test_a_refused_expression_is_reported_at_its_line(tmp_path: Path) -> None:
    bad = POLARS_NATIVE.replace('pl.col("qty") > 1', 'pl.read_csv("x")')
    with pytest.raises(PipelineSpecError) as raised:
        load_pipeline_file(_write(tmp_path, bad))
    problem = raised.value.diagnostics[0]
    assert "'read_csv' is not allowed" in problem.message
    assert problem.location is not None and problem.location.line == 17


def test_col_and_lit_alone_run_on_the_engine_that_runs_them() -> None:
    expression = parse_native_expression('col("a") + lit(1)')
    assert expression.engine is None
    frame = pl.LazyFrame({"a": [1, 2]})
    assert frame.select(expression.build("polars")).collect()["a"].to_list() == [2, 3]


QUICKSTARTS = Path("laktory") / "resources" / "quickstart-stacks"


def _laktory_file(relative: str) -> Path:
    spec = importlib.util.find_spec("laktory")  # finds the files; does not import them
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("Laktory's quickstart files are not here")
    found = Path(next(iter(spec.submodule_search_locations))).parent / QUICKSTARTS / relative
    if not found.is_file():
        pytest.skip(f"{relative} is not in this Laktory version")
    return found


@pytest.fixture
def tpch(tmp_path: Path) -> Path:
    """Laktory's pl-tpch pipeline, unchanged, beside a 3-row ``samples.tpch.lineitem``."""
    pipeline = _laktory_file("workflows-dab/laktory/pipelines/pl-tpch.yml")
    shutil.copy(pipeline, tmp_path / "pl-tpch.yml")
    table = tmp_path / "wh" / "samples" / "tpch" / "lineitem"
    table.mkdir(parents=True)
    pl.DataFrame(
        {
            "l_orderkey": [1, 1, 2],
            "l_quantity": [1.0, 2.0, 3.0],
            "l_extendedprice": [10.0, 20.0, 30.0],
            "l_discount": [0.1, 0.0, 0.5],
            "l_tax": [0.1, 0.2, 0.3],
            "l_comment": ["a", "b", "c"],
        }
    ).write_parquet(table / "part-0.parquet")
    return tmp_path


def test_laktorys_pl_tpch_pipeline_loads_unchanged(tpch: Path) -> None:
    loaded = load_pipeline_file(tpch / "pl-tpch.yml")[0]
    select, with_column = loaded.pipeline.node("slv_line_items").transformer
    assert isinstance(select.operation, Native) and select.operation.engine == "spark"
    assert select.operation.method == "select"
    assert all(isinstance(a, NativeExpr) for a in select.operation.args)
    assert with_column.operation.args[0] == "tax_percentage"  # a column name stays a string


@pytest.mark.spark
@pytest.mark.slow
def test_laktorys_pl_tpch_pipeline_runs_on_spark(tpch: Path, spark: Any) -> None:
    from data_iac.pipelines.engines.spark import SparkEngine

    loaded = load_pipeline_file(tpch / "pl-tpch.yml")[0]
    layout = StorageLayout(base_dir=tpch, warehouse=tpch / "wh")
    engine = SparkEngine(spark)
    try:
        result = run_pipeline(loaded.pipeline, engine, RunOptions(layout=layout))
    finally:
        engine.close()
    assert {n.node: n.rows for n in result.nodes} == {
        "brz_line_items": 3,
        "slv_line_items": 3,
        "gld_order_revenue": 2,
    }
    silver = pl.read_parquet(next((tpch / "wh").glob("*/*/slv_line_items")) / "*.parquet")
    assert silver.columns == [
        "order_key", "quantity", "extended_price", "discount", "tax", "tax_percentage"
    ]  # fmt: skip
    assert sorted(silver["tax_percentage"].round(6).to_list()) == [10.0, 20.0, 30.0]
    gold = pl.read_parquet(next((tpch / "wh").glob("*/*/gld_order_revenue")) / "*.parquet")
    rows = {r["order_key"]: r for r in gold.to_dicts()}
    # order 1: 10*0.9 + 20*1.0 = 29 discounted; 9*1.1 + 20*1.2 = 33.9 net. order 2: 15; 19.5.
    assert rows[1]["line_item_count"] == 2 and rows[1]["total_quantity"] == 3.0
    assert round(rows[1]["discounted_revenue"], 6) == 29.0
    assert round(rows[1]["net_revenue"], 6) == 33.9
    assert round(rows[2]["net_revenue"], 6) == 19.5


@pytest.mark.parametrize(
    "relative",
    [
        "workflows-dab/laktory/pipelines/pl-tpch.yml",
        "workflows-dab/laktory/pipelines/pl-taxi-trips.yml",
        "workflows/resources/pl-stocks-job.yaml",  # `expr: !use ../sql/...`, NATIVE, lake
        "workflows/resources/pl-stocks-ldp.yaml",  # dependencies: [${vars.wheel_filepath}]
    ],
)
def test_laktorys_quickstart_pipelines_load_unchanged(relative: str) -> None:
    loaded = load_pipeline_file(_laktory_file(relative))
    assert loaded and all(node.name for node in loaded[0].pipeline.nodes)


def test_use_includes_sql_and_yaml_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "sql").mkdir()
    (tmp_path / "sql" / "big.sql").write_text("SELECT id, qty FROM {df} WHERE qty > 1")
    (tmp_path / "steps.yaml").write_text("- func_name: drop\n  func_args: [qty]\n")
    (tmp_path / "orders.csv").write_text("id,price,qty\n1,2.5,1\n2,1.25,4\n3,10.0,2\n")
    (tmp_path / "p" / "x").mkdir(parents=True)
    (tmp_path / "p" / "x" / "pipeline.yaml").write_text(
        "name: inc\nnodes:\n- name: a\n  source: {path: ../../orders.csv, format: CSV}\n"
        "  sinks: [{path: out.parquet, format: PARQUET}]\n"
        "  transformer:\n    nodes:\n    - expr: !use ../../sql/big.sql\n"
        "    - !use ../../steps.yaml\n"
    )
    with pytest.raises(PipelineSpecError):  # a list included where one step is expected
        load_pipeline_file(tmp_path / "p" / "x" / "pipeline.yaml")
    text = (tmp_path / "p" / "x" / "pipeline.yaml").read_text()
    (tmp_path / "p" / "x" / "pipeline.yaml").write_text(
        text.replace("    - !use ../../steps.yaml\n", "    - {func_name: drop, func_args: [qty]}\n")
    )
    loaded = load_pipeline_file(tmp_path / "p" / "x" / "pipeline.yaml")[0]
    layout = StorageLayout(base_dir=tmp_path / "p" / "x")  # as the CLI: the file's folder
    run_pipeline(loaded.pipeline, PolarsEngine(), RunOptions(layout=layout))
    out = pl.read_parquet(tmp_path / "p" / "x" / "out.parquet").sort("id")
    assert out.rows() == [(2,), (3,)]


def test_use_of_a_missing_file_or_extend_is_a_located_error(tmp_path: Path) -> None:
    for body, reason in (("!use nope.sql", "cannot read"), ("!extend x.yaml", "only !use")):
        (tmp_path / "p.yaml").write_text(f"name: p\nnodes:\n- name: a\n  source: {body}\n")
        with pytest.raises(PipelineSpecError) as raised:
            load_pipeline_file(tmp_path / "p.yaml")
        problem = raised.value.diagnostics[0]
        assert reason in problem.message and problem.location is not None
        assert problem.location.line == 4


def test_an_expectation_written_with_f_col_is_refused_with_the_reason(tmp_path: Path) -> None:
    text = POLARS_NATIVE.replace(
        "  sinks:\n", '  expectations:\n  - {name: pos, expr: F.col("qty") > 0}\n  sinks:\n', 1
    )
    with pytest.raises(PipelineSpecError) as raised:
        load_pipeline_file(_write(tmp_path, text))
    assert "expectations take SQL or a narwhals expression" in raised.value.diagnostics[0].message
