"""`iac pipeline run` through click's CliRunner (the command group before the lead registers it)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from data_iac.cli.commands.pipeline import pipeline_group
from data_iac.cli.failure import render_error
from data_iac.errors import ExpectationFailedError, PipelineError

from .conftest import EXAMPLE


def invoke(*args: str):
    return CliRunner().invoke(pipeline_group, ["run", *args], catch_exceptions=True)


def test_the_example_runs_and_prints_nodes_and_expectations(tmp_path):
    result = invoke("-c", str(EXAMPLE), "--warehouse", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "pipeline stock_prices (polars): 4 node(s) run" in result.output
    assert "slv_stock_prices: 296 rows ->" in result.output
    assert "slv_stock_prices            positive_close  drop    296     4" in result.output
    assert (tmp_path / "dev" / "finance" / "gld_up_days").is_dir()


def test_json_output_and_node_selection(tmp_path):
    result = invoke(
        "-c",
        str(EXAMPLE),
        "--warehouse",
        str(tmp_path),
        "--node",
        "slv_stock_prices",
        "--json",
        "--full-refresh",
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [n["node"] for n in document["nodes"]] == ["brz_stock_prices", "slv_stock_prices"]
    assert document["nodes"][1]["expectations"][1] == {
        "node": "slv_stock_prices",
        "expectation": "positive_close",
        "action": "drop",
        "passed": 296,
        "failed": 4,
        "exceeded": True,
    }


def test_unknown_pipeline_is_a_pipeline_error(tmp_path):
    result = invoke("-c", str(EXAMPLE), "--pipeline", "nope", "--warehouse", str(tmp_path))
    assert isinstance(result.exception, PipelineError)
    assert "stock_prices" in result.exception.hint


def test_failed_expectations_are_raised_for_the_cli_to_report(tmp_path):
    config = tmp_path / "p.yml"
    config.write_text(
        EXAMPLE.read_text(encoding="utf-8")
        .replace(
            "path: data/stock_prices.csv", f"path: {EXAMPLE.parent / 'data' / 'stock_prices.csv'}"
        )
        .replace("action: drop", "action: fail"),
        encoding="utf-8",
    )
    result = invoke("-c", str(config), "--warehouse", str(tmp_path / "wh"))
    assert isinstance(result.exception, ExpectationFailedError)
    assert "positive_close: 4 failing of 300 rows" in render_error(result.exception)
    assert not (tmp_path / "wh" / "dev" / "finance" / "slv_stock_prices").exists()


@pytest.mark.spark
def test_the_spark_engine_is_selectable(tmp_path, spark, monkeypatch):
    from data_iac.pipelines.engines.spark import SparkEngine

    # The shared session is running, so the engine joins it (getOrCreate); it must not stop it.
    monkeypatch.setattr(SparkEngine, "close", lambda self: None)
    result = invoke(
        "-c",
        str(EXAMPLE),
        "--engine",
        "spark",
        "--warehouse",
        str(tmp_path),
        "--json",
        "--node",
        "brz_stock_prices",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.splitlines()[-1])["engine"] == "spark"


def test_the_cli_mirrors_the_pipeline_constants_it_avoids_importing():
    from data_iac.cli.commands import pipeline as command
    from data_iac.pipelines.engines import ENGINE_NAMES
    from data_iac.pipelines.storage import DEFAULT_WAREHOUSE

    assert tuple(command.ENGINE_NAMES) == tuple(ENGINE_NAMES)
    assert command.DEFAULT_WAREHOUSE == DEFAULT_WAREHOUSE
