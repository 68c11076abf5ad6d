"""The runner on the Polars engine: order, reuse of each node's result, expectations, sinks."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from data_iac.cli.failure import render_error
from data_iac.errors import ExpectationFailedError, PipelineError
from data_iac.pipelines.engines import create_engine
from data_iac.pipelines.runner import RunOptions, run_pipeline
from data_iac.pipelines.storage import StorageLayout

from .conftest import make_pipeline


def options(tmp_path: Path, **kwargs) -> RunOptions:
    return RunOptions(layout=StorageLayout(base_dir=tmp_path, warehouse=tmp_path / "wh"), **kwargs)


def bronze_silver_gold(csv: Path, silver_expectations=(), silver_sink=None):
    return make_pipeline(
        [
            {"name": "brz", "layer": "BRONZE", "source": {"path": str(csv), "format": "csv"}},
            {
                "name": "slv",
                "layer": "SILVER",
                "source": {"node_name": "brz"},
                "expectations": list(silver_expectations),
                "sink": silver_sink,
            },
            {
                "name": "gld",
                "source": {"node_name": "slv"},
                "transformer": [
                    {
                        "func_name": "group_by",
                        "func_kwargs": {"by": "symbol", "agg": {"n": "count(*)"}},
                    },
                    {
                        "sql_expr": "SELECT g.symbol, g.n, s.total "
                        "FROM {df} g JOIN {nodes.tot} s USING (symbol)"
                    },
                ],
                "sink": {"table_name": "gld", "mode": "overwrite"},
            },
            {
                "name": "tot",
                "source": {"node_name": "slv"},
                "transformer": [
                    {
                        "func_name": "group_by",
                        "func_kwargs": {"by": ["symbol"], "agg": {"total": "sum(volume)"}},
                    }
                ],
            },
        ]
    )


def read_table(tmp_path: Path, name: str) -> pl.DataFrame:
    return pl.read_parquet(tmp_path / "wh" / "main" / "default" / name / "*.parquet").sort("symbol")


def test_nodes_run_after_their_upstreams_and_write_their_sinks(tmp_path, prices_csv):
    result = run_pipeline(
        bronze_silver_gold(prices_csv), create_engine("polars"), options(tmp_path)
    )
    order = [n.node for n in result.nodes]
    assert order.index("brz") < order.index("slv") < order.index("tot") < order.index("gld")
    assert {n.node: n.rows for n in result.nodes} == {"brz": 5, "slv": 4, "tot": 2, "gld": 2}
    assert read_table(tmp_path, "gld").rows() == [("AAA", 2, 300), ("BBB", 2, 700)]
    assert result.to_json()["nodes"][0]["node"] == "brz"


def test_each_node_is_computed_once_and_reused_downstream(tmp_path, prices_csv, monkeypatch):
    """The source is scanned by exactly one collect, and is gone before downstream nodes run."""
    scans: list[str] = []
    real_collect = pl.LazyFrame.collect

    def spying_collect(self, *args, **kwargs):
        plan = self.explain()
        if prices_csv.name in plan:
            scans.append(plan)
        return real_collect(self, *args, **kwargs)

    monkeypatch.setattr(pl.LazyFrame, "collect", spying_collect)
    expectations = [
        {"name": "positive", "expr": "close > 0", "action": "drop"},
        {"name": "big", "expr": "volume > 150", "action": "warn"},
    ]

    def delete_source_after_bronze(done):
        if done.node == "brz":
            prices_csv.unlink()  # any later re-read of the source would now fail

    result = run_pipeline(
        bronze_silver_gold(prices_csv, expectations),
        create_engine("polars"),
        options(tmp_path, max_workers=1),
        on_node_done=delete_source_after_bronze,
    )
    assert len(scans) == 1
    assert result.source_reads == {"brz": 1}
    assert read_table(tmp_path, "gld").rows() == [("AAA", 2, 300), ("BBB", 1, 400)]


def test_expectation_actions_warn_keep_drop_remove_and_are_reported(tmp_path, prices_csv):
    expectations = [
        {"name": "positive", "expr": "close > 0", "action": "drop"},
        {"name": "big", "expr": "volume > 150", "action": "warn"},
        {"name": "known", "expr": "symbol IN ('AAA', 'BBB')", "action": "fail"},
    ]
    result = run_pipeline(
        bronze_silver_gold(prices_csv, expectations), create_engine("polars"), options(tmp_path)
    )
    slv = next(n for n in result.nodes if n.node == "slv")
    assert [(e.expectation, e.action, e.passed, e.failed) for e in slv.expectations] == [
        ("positive", "drop", 3, 1),
        ("big", "warn", 3, 1),
        ("known", "fail", 4, 0),
    ]
    assert slv.rows == 3  # the duplicate (SILVER) and the negative close (drop) are gone


def test_a_failing_expectation_stops_before_the_sink_is_written(tmp_path, prices_csv):
    expectations = [{"name": "positive", "expr": "close > 0", "action": "fail"}]
    sink = {"table_name": "slv", "mode": "overwrite"}
    with pytest.raises(ExpectationFailedError) as caught:
        run_pipeline(
            bronze_silver_gold(prices_csv, expectations, sink),
            create_engine("polars"),
            options(tmp_path),
        )
    assert "positive: 1 failing of 4 rows" in render_error(caught.value)
    assert not (tmp_path / "wh" / "main" / "default" / "slv").exists()
    assert not (tmp_path / "wh" / "main" / "default" / "gld").exists()


def test_tolerance_lets_a_fail_expectation_pass(tmp_path, prices_csv):
    expectations = [
        {"name": "positive", "expr": "close > 0", "action": "fail", "tolerance": {"rel": 0.3}}
    ]
    result = run_pipeline(
        bronze_silver_gold(prices_csv, expectations), create_engine("polars"), options(tmp_path)
    )
    assert [n.rows for n in result.nodes if n.node == "slv"] == [4]


def test_selected_nodes_run_with_their_upstreams_only(tmp_path, prices_csv):
    result = run_pipeline(
        bronze_silver_gold(prices_csv), create_engine("polars"), options(tmp_path, nodes=("tot",))
    )
    assert sorted(n.node for n in result.nodes) == ["brz", "slv", "tot"]


def test_a_failed_node_stops_its_dependents(tmp_path):
    pipeline = make_pipeline(
        [
            {"name": "a", "source": {"path": "missing.csv", "format": "csv"}},
            {"name": "b", "source": {"node_name": "a"}},
        ]
    )
    finished: list[str] = []
    with pytest.raises(PipelineError, match="source not found"):
        run_pipeline(
            pipeline,
            create_engine("polars"),
            options(tmp_path),
            on_node_done=lambda r: finished.append(r.node),
        )
    assert finished == []


def test_merge_sinks_replace_rows_by_key_and_full_refresh_overwrites(tmp_path, prices_csv):
    sink = {"table_name": "slv", "mode": "merge", "primary_keys": ["symbol", "day"]}
    pipeline = bronze_silver_gold(prices_csv, silver_sink=sink)
    for _ in range(2):
        run_pipeline(pipeline, create_engine("polars"), options(tmp_path))
    assert read_table(tmp_path, "slv").height == 4
    appended = bronze_silver_gold(prices_csv, silver_sink={"table_name": "slv", "mode": "append"})
    run_pipeline(appended, create_engine("polars"), options(tmp_path))
    assert read_table(tmp_path, "slv").height == 8
    run_pipeline(appended, create_engine("polars"), options(tmp_path, full_refresh=True))
    assert read_table(tmp_path, "slv").height == 4


def test_engine_errors_become_pipeline_errors_naming_the_node_and_stage(tmp_path, prices_csv):
    pipeline = make_pipeline(
        [
            {
                "name": "a",
                "source": {"path": str(prices_csv), "format": "csv"},
                "transformer": [{"func_name": "select", "func_args": ["no_such_column"]}],
            }
        ]
    )
    with pytest.raises(PipelineError, match=r"node 'a' failed while computing it") as caught:
        run_pipeline(pipeline, create_engine("polars"), options(tmp_path))
    assert "no_such_column" in caught.value.detail


def test_a_method_of_the_other_engine_is_refused_before_anything_runs(tmp_path, prices_csv):
    pipeline = make_pipeline(
        [
            {
                "name": "a",
                "source": {"path": str(prices_csv), "format": "csv"},
                "sink": {"table_name": "a"},
            },
            {
                "name": "b",
                "source": {"node_name": "a"},
                "transformer": [{"func_name": "dropna", "engine": "spark"}],
            },
        ]
    )
    with pytest.raises(PipelineError, match=r"node 'b' calls spark.dropna") as caught:
        run_pipeline(pipeline, create_engine("polars"), options(tmp_path))
    assert caught.value.hint.startswith("run with --engine spark")
    assert not (tmp_path / "wh").exists()
