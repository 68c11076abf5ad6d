"""Shared fixtures for pipeline tests: small pipelines, data files, and ONE local Spark."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from data_iac.pipelines.spec import Pipeline

EXAMPLE = Path(__file__).parents[2] / "examples" / "pipelines" / "stock_prices" / "pipeline.yml"


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local SparkSession for every Spark test (starting the JVM is the slow part)."""
    pyspark_sql = pytest.importorskip("pyspark.sql")
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("data-iac-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture
def prices_csv(tmp_path: Path) -> Path:
    """A tiny CSV with one exact duplicate row and one negative close."""
    path = tmp_path / "prices.csv"
    path.write_text(
        "symbol,day,close,volume\n"
        "AAA,2024-01-02,10.5,100\n"
        "AAA,2024-01-03,11.0,200\n"
        "AAA,2024-01-03,11.0,200\n"
        "BBB,2024-01-02,-1.0,300\n"
        "BBB,2024-01-03,20.0,400\n",
        encoding="utf-8",
    )
    return path


def make_pipeline(nodes: list[dict[str, Any]], name: str = "p") -> Pipeline:
    """A validated pipeline from node dicts."""
    return Pipeline.model_validate({"name": name, "nodes": nodes})
