"""Pipeline runner overhead: the stock-prices logic through the runner vs hand-written Polars.

Both sides do the same work on the same generated parquet data: bronze copy, silver
(select, cast, rename, derived columns, exact-duplicate removal, three expectations, drop of
the failing rows), two gold aggregates (one joining the other), every table written as parquet.
Runs alternate and the best of ``--repeat`` is kept, so both sides see the same warm caches.

    python benchmarks/pipeline_speed.py [--rows 1000000 10000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from data_iac.pipelines.engines.polars import PolarsEngine
from data_iac.pipelines.runner import RunOptions, run_pipeline
from data_iac.pipelines.spec import Pipeline
from data_iac.pipelines.storage import StorageLayout


def generate(rows: int, path: Path, seed: int = 7) -> None:
    """Random stock prices: 500 symbols over 2,000 days, ~0.1% non-positive closes."""
    rng = np.random.default_rng(seed)
    open_ = rng.uniform(10, 500, rows).round(2)
    close = (open_ * rng.uniform(0.97, 1.03, rows)).round(2)
    close[rng.random(rows) < 0.001] = -1.0
    start = np.datetime64("2018-01-01")
    frame = pl.DataFrame(
        {
            "created_at": (start + rng.integers(0, 2000, rows)).astype(str),
            "symbol": np.char.add("S", rng.integers(0, 500, rows).astype(str)),
            "open": open_,
            "close": close,
            "high": np.maximum(open_, close) * 1.01,
            "low": np.minimum(open_, close) * 0.99,
            "volume": rng.integers(1_000_000, 9_000_000, rows),
        }
    )
    frame.write_parquet(path)


def pipeline(source: Path) -> Pipeline:
    """The example's logic, reading the generated parquet file."""
    table = {"catalog_name": "bench", "schema_name": "finance", "mode": "overwrite"}
    gold_aggs = {"n_days": "count(*)", "max_close": "max(close)", "total_volume": "sum(volume)"}
    up_sql = (
        "SELECT u.symbol, u.up_days, g.n_days, CAST(u.up_days AS DOUBLE) * 100 / g.n_days AS up_pct"
        " FROM {df} AS u JOIN {nodes.gld} AS g ON u.symbol = g.symbol"
    )
    derived = {"change": "close - open", "is_up": "close > open"}
    silver_steps = [
        {"func_name": "cast", "func_kwargs": {"created_at": "date"}},
        {"func_name": "rename", "func_kwargs": {"created_at": "trade_date"}},
        {"func_name": "with_columns", "func_kwargs": derived},
    ]
    expectations = [
        {"name": "symbol_present", "expr": "symbol IS NOT NULL", "action": "fail"},
        {"name": "positive_close", "expr": "close > 0", "action": "drop"},
        {"name": "liquid", "expr": "volume >= 2000000", "action": "warn"},
    ]
    up_steps = [
        {"func_name": "filter", "func_args": ["is_up"]},
        {"func_name": "group_by", "func_kwargs": {"by": "symbol", "agg": ["count(*) AS up_days"]}},
        {"sql_expr": up_sql},
    ]
    gold_steps = [{"func_name": "group_by", "func_kwargs": {"by": "symbol", "agg": gold_aggs}}]
    source_spec = {"path": str(source), "format": "parquet"}
    nodes: list[dict[str, Any]] = [
        {
            "name": "brz",
            "layer": "BRONZE",
            "source": source_spec,
            "sink": {**table, "table_name": "brz"},
        },
        {
            "name": "slv",
            "layer": "SILVER",
            "source": {"node_name": "brz"},
            "transformer": silver_steps,
            "expectations": expectations,
            "sink": {**table, "table_name": "slv"},
        },
        {
            "name": "gld",
            "source": {"node_name": "slv"},
            "transformer": gold_steps,
            "sink": {**table, "table_name": "gld"},
        },
        {
            "name": "up",
            "source": {"node_name": "slv"},
            "transformer": up_steps,
            "sink": {**table, "table_name": "up"},
        },
    ]
    return Pipeline.model_validate({"name": "bench", "nodes": nodes})


def _write(frame: pl.DataFrame, warehouse: Path, name: str) -> None:
    folder = warehouse / "bench" / "finance" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    frame.write_parquet(folder / "part-0.parquet")


def hand_written(source: Path, warehouse: Path) -> None:
    """The same logic written directly with Polars, as a careful user would."""
    bronze = pl.scan_parquet(source).collect()
    _write(bronze, warehouse, "brz")
    flagged = (
        bronze.lazy()
        .with_columns(pl.col("created_at").str.to_date())
        .rename({"created_at": "trade_date"})
        .with_columns(
            change=pl.col("close") - pl.col("open"), is_up=pl.col("close") > pl.col("open")
        )
        .unique()
        .with_columns(
            ok_symbol=pl.col("symbol").is_not_null(),
            ok_close=(pl.col("close") > 0).fill_null(False),
            ok_volume=(pl.col("volume") >= 2_000_000).fill_null(False),
        )
        .collect()
    )
    failures = flagged.select((~pl.col(c)).sum() for c in ("ok_symbol", "ok_close", "ok_volume"))
    assert failures["ok_symbol"][0] == 0
    silver = flagged.filter("ok_close").drop("ok_symbol", "ok_close", "ok_volume")
    _write(silver, warehouse, "slv")
    gold = (
        silver.lazy()
        .group_by("symbol")
        .agg(n_days=pl.len(), max_close=pl.col("close").max(), total_volume=pl.col("volume").sum())
        .collect()
    )
    _write(gold, warehouse, "gld")
    up = (
        silver.lazy()
        .filter("is_up")
        .group_by("symbol")
        .agg(up_days=pl.len())
        .join(gold.lazy(), on="symbol")
        .with_columns(up_pct=pl.col("up_days").cast(float) * 100 / pl.col("n_days"))
        .select("symbol", "up_days", "n_days", "up_pct")
        .collect()
    )
    _write(up, warehouse, "up")


def best_of(repeat: int, runs: dict[str, Callable[[], None]]) -> dict[str, float]:
    """Best wall time per run, alternating runs so neither always goes first."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def measure(rows: int, root: Path, repeat: int) -> dict[str, float]:
    """Best times of the runner and of hand-written Polars on ``rows`` generated rows."""
    source = root / f"prices_{rows}.parquet"
    generate(rows, source)
    spec = pipeline(source)
    options = RunOptions(layout=StorageLayout(warehouse=root / "runner"))

    def through_runner() -> None:
        run_pipeline(spec, PolarsEngine(), options)

    def by_hand() -> None:
        hand_written(source, root / "hand")

    return best_of(repeat, {"runner": through_runner, "polars": by_hand})


def main() -> None:
    """Generate the data, time both sides, print a table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'rows':>12}  {'runner s':>9}  {'polars s':>9}  {'ratio':>6}")
    with tempfile.TemporaryDirectory() as scratch:
        for rows in args.rows:
            best = measure(rows, Path(scratch), args.repeat)
            ratio = best["runner"] / best["polars"]
            print(f"{rows:>12,}  {best['runner']:>9.3f}  {best['polars']:>9.3f}  {ratio:>6.2f}x")


if __name__ == "__main__":
    main()
