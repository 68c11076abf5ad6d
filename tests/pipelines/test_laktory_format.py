"""Laktory 0.13's current pipeline format, run on Polars: every construct, with hand-computed
results (tests/pipelines/fixtures/laktory_style.yaml; the data is in conftest.TRADES)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from data_iac.errors import ExpectationFailedError, PipelineError
from data_iac.pipelines.engines.polars import PolarsEngine
from data_iac.pipelines.loading import PipelineSpecError, load_pipeline_file, pipelines_from_raw
from data_iac.pipelines.operations import LaktoryCall, NwCall, PackageCall, SqlQuery
from data_iac.pipelines.runner import RunOptions, RunResult, run_pipeline
from data_iac.pipelines.storage import StorageLayout

from .conftest import write_laktory_style

# (ticker, UTC day) -> trades, low, high, notional, computed by hand from conftest.TRADES.
GOLD_DAILY = {
    ("AAA", dt.datetime(2024, 3, 1)): (1, 10.0, 10.0, 1000.0),
    ("AAA", dt.datetime(2024, 3, 2)): (1, 11.0, 11.0, 550.0),  # 21:30-05:00 is the 2nd in UTC
    ("AAA", dt.datetime(2024, 3, 4)): (2, 12.0, 13.0, 380.0),
    ("BBB", dt.datetime(2024, 3, 1)): (1, 20.0, 20.0, 100.0),
    ("BBB", dt.datetime(2024, 4, 1)): (1, 21.0, 21.0, 105.0),
    ("CCC", dt.datetime(2024, 4, 1)): (2, 30.0, 31.0, 92.0),
    ("CCC", dt.datetime(2024, 4, 2)): (1, 32.0, 32.0, 96.0),
    ("DDD", dt.datetime(2024, 4, 2)): (1, 5.0, 5.0, 35.0),
}
SECTORS = {("tech", 4, 180), ("energy", 3, 6), (None, 3, 17)}
ROWS = {
    "brz_trades": 12,
    "slv_trades": 10,
    "brz_tickers": 3,
    "slv_tickers": 3,
    "slv_enriched": 10,
    "gld_daily": 8,
    "gld_sectors": 3,
}


def read(path: Path) -> pl.DataFrame:
    """A parquet file, or a folder of part files (what Spark writes)."""
    return pl.read_parquet(path / "*.parquet" if path.is_dir() else path)


def run(folder: Path, engine: Any) -> RunResult:
    loaded = load_pipeline_file(folder / "pipeline.yaml")[0]
    options = RunOptions(layout=StorageLayout(base_dir=folder), max_workers=2)
    return run_pipeline(loaded.pipeline, engine, options)


def check_outputs(folder: Path, result: RunResult) -> None:
    """The row counts, the gold tables and the quarantine, as computed by hand."""
    assert {n.node: n.rows for n in result.nodes} == ROWS
    out = folder / "out"
    daily = read(out / "gld_daily.parquet")
    assert daily.columns == ["ticker", "day", "trades", "low", "high", "notional"]
    got = {
        (r["ticker"], r["day"].replace(tzinfo=None)): (
            r["trades"],
            r["low"],
            r["high"],
            r["notional"],
        )
        for r in daily.iter_rows(named=True)
    }
    assert got == GOLD_DAILY
    sectors = read(out / "gld_sectors.parquet")
    assert set(sectors.iter_rows()) == SECTORS
    quarantine = read(out / "slv_trades_quarantine.parquet")
    assert quarantine.select("ticker", "price").rows() == [("BBB", -1.0)]
    slv = next(n for n in result.nodes if n.node == "slv_trades")
    assert slv.quarantined == 1
    warned = {e.expectation: e.failed for e in slv.expectations}
    assert warned == {"positive_price": 1, "enough_rows": 0, "known_venue": 1}
    tickers = read(out / "slv_enriched.parquet").filter(pl.col("ticker") == "AAA")
    assert tickers["listed_at"][0].replace(tzinfo=None) == dt.datetime(2000, 1, 1)


def test_the_format_loads_into_typed_steps(tmp_path: Path) -> None:
    pipeline = load_pipeline_file(write_laktory_style(tmp_path))[0].pipeline
    assert pipeline.dataframe_backend == "polars"
    operations = {n.name: [s.operation for s in n.transformer] for n in pipeline.nodes}
    assert isinstance(operations["slv_trades"][0], SqlQuery)
    assert isinstance(operations["slv_tickers"][0], NwCall)
    assert isinstance(operations["gld_daily"][0], LaktoryCall)
    sinks = pipeline.node("brz_trades").sinks[0]
    assert sinks.path == "./out/brz_trades.parquet"  # type: ignore[union-attr]  # ${vars.out}
    assert pipeline.node("brz_tickers").view_names == ["tickers_view"]


def test_the_pipeline_gives_the_hand_computed_tables_on_polars(tmp_path: Path) -> None:
    write_laktory_style(tmp_path)
    result = run(tmp_path, PolarsEngine())
    check_outputs(tmp_path, result)
    view = next(n for n in result.nodes if n.node == "brz_tickers")
    assert view.sinks == ("view:tickers_view",)


def test_a_rerun_replaces_file_sinks_instead_of_doubling_them(tmp_path: Path) -> None:
    # Laktory writes a file sink without `mode` by replacing it: a rerun gives the same rows.
    write_laktory_style(tmp_path)
    run(tmp_path, PolarsEngine())
    first = read(tmp_path / "out" / "slv_trades.parquet").height
    run(tmp_path, PolarsEngine())
    assert read(tmp_path / "out" / "slv_trades.parquet").height == first == 10


def test_a_failed_aggregate_expectation_stops_before_the_sink(tmp_path: Path) -> None:
    path = write_laktory_style(tmp_path)
    path.write_text(path.read_text().replace("COUNT(*) > 5", "COUNT(*) > 500"))
    with pytest.raises(ExpectationFailedError) as caught:
        run(tmp_path, PolarsEngine())
    assert "enough_rows: 1 failing of 1" in caught.value.detail
    assert not (tmp_path / "out" / "slv_trades.parquet").exists()


def pipeline_with_step(step: dict[str, Any], **extra: Any) -> Any:
    node = {"name": "a", "sources": [{"path": "a.csv", "format": "CSV"}], "transformer": {}}
    node["transformer"] = {"nodes": [step]}
    return pipelines_from_raw({"name": "p", "nodes": [node], **extra})[0].pipeline


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ({"func_name": "with_columns", "func_kwargs": {"x": "nw.col('a').__class__"}}, "__class__"),
        ({"func_name": "select", "func_args": ["nw.col('a').pipe(print)"]}, "pipe"),
        ({"func_name": "with_columns", "func_kwargs": {"x": "nw.dependencies.x()"}}, "module"),
        ({"func_name": "select", "func_args": ["nw.col('a')[0]"]}, "Subscript"),
        ({"func_name": "filter", "func_args": ["nw.col('a') > open('/etc/passwd')"]}, "open"),
        ({"func_name": "unique", "func_kwargs": {"keep": "last"}}, "needs order_by"),
        ({"func_name": "limit", "func_kwargs": {"n": 1, "offset": 2}}, "does not take offset"),
        ({"func_name": "laktory.nope"}, "unknown function laktory.nope"),
        ({"func_name": "laktory.union", "func_kwargs": {"x": 1}}, "laktory.union"),
        ({"func_name": "lake.with_last_modified"}, "not in the pipeline's `dependencies`"),
    ],
)
def test_unsafe_or_dropped_arguments_are_refused_at_load(step: dict[str, Any], message: str):
    with pytest.raises(PipelineSpecError) as caught:
        pipeline_with_step(step)
    assert message in "\n".join(d.message for d in caught.value.diagnostics)


def test_keep_last_runs_with_an_order(tmp_path: Path) -> None:
    frame = pl.LazyFrame({"k": ["a", "a", "b"], "t": [1, 2, 1], "v": [10, 20, 30]})
    step = {
        "func_name": "unique",
        "func_kwargs": {"subset": ["k"], "keep": "last", "order_by": ["t"]},
    }
    operation = pipeline_with_step(step).nodes[0].transformer[0].operation
    result = PolarsEngine().apply(frame, operation, {}).collect().sort("k")
    assert result.rows() == [("a", 2, 20), ("b", 1, 30)]


def test_a_package_function_is_called_only_when_declared(tmp_path: Path) -> None:
    step = {"func_name": "lake.with_last_modified"}
    pipeline = pipeline_with_step(
        step, dependencies=["laktory==0.13.1", "./wheels/lake-0.1-py3-none-any.whl"]
    )
    operation = pipeline.nodes[0].transformer[0].operation
    assert operation == PackageCall("lake", "with_last_modified", (), {})
    assert pipeline_with_step(step, imports=["lake"]).nodes[0].transformer[0].operation == operation


def test_data_sources_and_refused_sink_keys(tmp_path: Path) -> None:
    rows = {
        "name": "p",
        "nodes": [{"name": "a", "sources": [{"data": [{"x": 1}, {"x": 2, "y": "b"}]}]}],
    }
    pipeline = pipelines_from_raw(rows)[0].pipeline
    result = run_pipeline(pipeline, PolarsEngine(), RunOptions(max_workers=1))
    assert result.nodes[0].rows == 2
    for key in ("custom_writer", "shared"):
        sink = {"path": "o.parquet", "format": "PARQUET", key: {"func_name": "x"}}
        node = {"name": "a", "sources": [{"data": {"x": [1]}}], "sinks": [sink]}
        with pytest.raises(PipelineSpecError) as caught:
            pipelines_from_raw({"name": "p", "nodes": [node]})
        assert key in caught.value.diagnostics[0].message


def install_fake_package(site: Path) -> None:
    """A package as pip leaves it: the module and its dist-info (name, top-level module)."""
    package = site / "iac_test_udfs"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        "import narwhals as nw\n\n\n"
        "def with_flag(df, value=1):\n"
        "    return df.with_columns(nw.lit(value).alias('flag'))\n",
        encoding="utf-8",
    )
    info = site / "iac_test_udfs-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: iac-test-udfs\nVersion: 0.1\n")
    (info / "top_level.txt").write_text("iac_test_udfs\n")


def test_an_installed_package_function_runs_and_a_bare_folder_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake_package(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    node = {
        "name": "a",
        "sources": [{"data": {"x": [1, 2]}}],
        "transformer": {
            "nodes": [{"func_name": "iac_test_udfs.with_flag", "func_kwargs": {"value": 7}}]
        },
    }
    raw = {"name": "p", "dependencies": ["iac-test-udfs==0.1"], "nodes": [node]}
    pipeline = pipelines_from_raw(raw)[0].pipeline
    frame = PolarsEngine().apply(
        pl.LazyFrame({"x": [1, 2]}), pipeline.nodes[0].transformer[0].operation, {}
    )
    assert frame.collect()["flag"].to_list() == [7, 7]
    # A folder with the same shape but no installation is never imported.
    loose = tmp_path / "loose" / "iac_loose_udfs"
    loose.mkdir(parents=True)
    (loose / "__init__.py").write_text("raise SystemExit('imported')\n")
    monkeypatch.syspath_prepend(str(tmp_path / "loose"))
    node["transformer"] = {"nodes": [{"func_name": "iac_loose_udfs.f"}]}
    raw = {"name": "p", "imports": ["iac_loose_udfs"], "nodes": [node]}
    operation = pipelines_from_raw(raw)[0].pipeline.nodes[0].transformer[0].operation
    with pytest.raises(PipelineError, match="is not installed"):
        PolarsEngine().apply(pl.LazyFrame({"x": [1]}), operation, {})


@pytest.mark.spark
@pytest.mark.slow
def test_the_pipeline_gives_the_same_tables_on_spark(tmp_path: Path, spark: Any) -> None:
    from data_iac.pipelines.engines.spark import SparkEngine

    write_laktory_style(tmp_path)
    engine = SparkEngine(spark)
    try:
        check_outputs(tmp_path, run(tmp_path, engine))
    finally:
        engine.close()


OLDER_FORMAT = """
name: quotes
nodes:
  - name: brz_quotes
    layer: BRONZE
    source: {path: ./events/quotes}
    sink: {schema_name: markets, table_name: brz_quotes}
    transformer: {nodes: []}
  - name: slv_quotes
    layer: SILVER
    source: {node_name: brz_quotes}
    sink: {schema_name: markets, table_name: slv_quotes}
    transformer:
      nodes:
      - func_name: select
        func_args: [ts, ticker, bid, ask, size]
      - func_name: drop_duplicates
        func_kwargs: {subset: [ticker, ts]}
"""


def test_the_older_laktory_format_still_runs(tmp_path: Path) -> None:
    # Laktory's older pipeline docs: one `source:` without `format` (JSON then), `sink:` tables,
    # `drop_duplicates` with a subset, layers.
    events = tmp_path / "events" / "quotes"
    events.mkdir(parents=True)
    rows = [
        {"ts": f"2024-01-0{d}", "ticker": s, "bid": 1.0, "ask": 2.0, "size": 3, "extra": "x"}
        for d in (1, 2, 2)
        for s in ("A", "B")
    ]
    (events / "part-0.json").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "pipeline.yaml").write_text(OLDER_FORMAT)
    loaded = load_pipeline_file(tmp_path / "pipeline.yaml")[0]
    layout = StorageLayout(base_dir=tmp_path, warehouse=tmp_path / "wh")
    result = run_pipeline(loaded.pipeline, PolarsEngine(), RunOptions(layout=layout))
    assert {n.node: n.rows for n in result.nodes} == {"brz_quotes": 6, "slv_quotes": 4}
    silver = read(tmp_path / "wh" / "main" / "markets" / "slv_quotes")
    assert silver.columns == ["ts", "ticker", "bid", "ask", "size"]


def test_without_narwhals_the_whitelist_still_applies_at_load() -> None:
    # A stack is validated without the [pipelines] extra: the structure is checked alone.
    from data_iac.pipelines.nwexpr import _check_structure

    _check_structure('nw.col("t").dt.truncate("1d").alias("d") > nw.lit(1)')
    for bad in ('nw.col("a").__class__', '__import__("os")', 'nw.col("a")[0]', "nw.x.pipe(f)"):
        with pytest.raises(ValueError, match="not allowed"):
            _check_structure(bad)
