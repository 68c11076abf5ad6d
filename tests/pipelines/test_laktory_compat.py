"""Laktory's own quickstart pipeline, unchanged, when its files are on this machine.

The files are read from an installed ``laktory`` package (never imported), or from an unzipped
wheel named by ``LAKTORY_ROOT`` (``pip download --no-deps laktory==0.13.1`` and unzip; the
folder that holds ``laktory/``). Without either this test is skipped; CI covers the same
constructs with our own fixture (test_laktory_format.py).

The expected figures were recorded by running Laktory 0.13.1 itself (polars 1.32.0, in a
separate venv): ``models.Pipeline.model_validate_yaml(f).execute()`` on the quickstart.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from data_iac.pipelines.engines.polars import PolarsEngine
from data_iac.pipelines.loading import load_pipeline_file
from data_iac.pipelines.runner import RunOptions, run_pipeline
from data_iac.pipelines.storage import StorageLayout

QUICKSTART = Path("laktory") / "resources" / "quickstart-stacks" / "local-pipeline"
LAKTORY_ROWS = {
    "brz_stock_prices": 7012,
    "brz_stock_metadata": 4,
    "slv_stock_prices": 7012,
    "slv_stock_metadata": 4,
    "slv_stocks": 7012,
    "gld_stocks_prices_by_1d": 1004,
}
# Laktory's gold table: rows, sum of count, sum of high, sum of low, symbols, first/last day.
LAKTORY_GOLD = (1004, 7012, 185504.1269, 181748.5119, ["AAPL", "AMZN", "GOOGL", "MSFT"])


def _quickstart() -> Path | None:
    root = os.environ.get("LAKTORY_ROOT")
    if root and (Path(root) / QUICKSTART).is_dir():
        return Path(root) / QUICKSTART
    spec = importlib.util.find_spec("laktory")  # finds the files; does not import them
    if spec is not None and spec.submodule_search_locations:
        found = Path(next(iter(spec.submodule_search_locations))).parent / QUICKSTART
        return found if found.is_dir() else None
    return None


@pytest.fixture
def quickstart(tmp_path: Path) -> Path:
    source = _quickstart()
    if source is None:
        pytest.skip("Laktory's quickstart files are not here (set LAKTORY_ROOT)")
    shutil.copytree(source, tmp_path / "qs")
    return tmp_path / "qs"


def test_the_quickstart_runs_unchanged_with_laktorys_results(quickstart: Path) -> None:
    loaded = load_pipeline_file(quickstart / "pipeline.yaml")[0]
    options = RunOptions(layout=StorageLayout(base_dir=quickstart))
    for _ in range(2):  # a rerun replaces the sinks: same rows, not twice as many
        result = run_pipeline(loaded.pipeline, PolarsEngine(), options)
        assert {n.node: n.rows for n in result.nodes} == LAKTORY_ROWS
        gold = pl.read_parquet(quickstart / "data" / "gld_stocks_prices_by_1d.parquet")
        summary = (
            gold.height,
            gold["count"].sum(),
            round(gold["high"].sum(), 4),
            round(gold["low"].sum(), 4),
            gold["symbol"].unique().sort().to_list(),
        )
        assert summary == LAKTORY_GOLD


@pytest.mark.spark
@pytest.mark.slow
def test_the_quickstart_gives_laktorys_results_on_spark(quickstart: Path, spark: Any) -> None:
    from data_iac.pipelines.engines.spark import SparkEngine

    loaded = load_pipeline_file(quickstart / "pipeline.yaml")[0]
    engine = SparkEngine(spark)
    try:
        options = RunOptions(layout=StorageLayout(base_dir=quickstart), max_workers=2)
        result = run_pipeline(loaded.pipeline, engine, options)
    finally:
        engine.close()
    assert {n.node: n.rows for n in result.nodes} == LAKTORY_ROWS
    gold = pl.read_parquet(quickstart / "data" / "gld_stocks_prices_by_1d.parquet" / "*.parquet")
    summary = (
        gold.height,
        gold["count"].sum(),
        round(gold["high"].sum(), 4),
        round(gold["low"].sum(), 4),
        gold["symbol"].unique().sort().to_list(),
    )
    assert summary == LAKTORY_GOLD
