"""Shared fixtures for pipeline tests: small pipelines, data files, and ONE local Spark."""

from __future__ import annotations

import json
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


LAKTORY_STYLE = Path(__file__).parent / "fixtures" / "laktory_style.yaml"
# ticker, traded_at (with offsets), price, qty, venue: one duplicate (rows 1-2), one
# non-positive price, one null venue, one trade whose UTC day is the next day (row 3).
TRADES = [
    ("AAA", "2024-03-01T10:00:00-05:00", 10.0, 100, "X"),
    ("AAA", "2024-03-01T10:00:00-05:00", 10.0, 100, "X"),
    ("AAA", "2024-03-01T21:30:00-05:00", 11.0, 50, "X"),
    ("AAA", "2024-03-04T09:30:00-05:00", 12.0, 10, None),
    ("BBB", "2024-03-01T11:00:00-05:00", -1.0, 10, "Y"),
    ("BBB", "2024-03-01T12:00:00-05:00", 20.0, 5, "Y"),
    ("BBB", "2024-04-01T12:00:00-04:00", 21.0, 5, "Y"),
    ("CCC", "2024-04-01T09:00:00-04:00", 30.0, 1, "Z"),
    ("CCC", "2024-04-01T15:00:00-04:00", 31.0, 2, "Z"),
    ("CCC", "2024-04-02T10:00:00-04:00", 32.0, 3, "Z"),
    ("DDD", "2024-04-02T10:00:00-04:00", 5.0, 7, "Z"),
    ("AAA", "2024-03-04T10:30:00-05:00", 13.0, 20, "X"),
]
TICKERS = [("AAA", "tech", 946684800), ("BBB", None, 978307200), ("CCC", "energy", 1009843200)]


def write_laktory_style(folder: Path) -> Path:
    """The Laktory-style pipeline and its JSONL data in ``folder``; returns the YAML path."""
    data = folder / "data"
    data.mkdir(parents=True)
    trades = [
        {"data": {"ticker": t, "traded_at": at, "price": p, "qty": q, "venue": v}, "kind": "trade"}
        for t, at, p, q, v in TRADES
    ]
    tickers = [
        {"data": {"ticker": t, "sector": s, "listedAt": at}, "kind": "ticker"}
        for t, s, at in TICKERS
    ]
    for name, rows in (("trades.jsonl", trades), ("tickers.jsonl", tickers)):
        text = "".join(json.dumps(row) + "\n" for row in rows)
        (data / name).write_text(text, encoding="utf-8")
    target = folder / "pipeline.yaml"
    target.write_text(LAKTORY_STYLE.read_text(encoding="utf-8"), encoding="utf-8")
    return target
