"""Pipeline runner overhead: the stock-prices logic through the runner vs hand-written Polars.

Both sides do the same work on the same generated parquet data: bronze copy, silver
(select, cast, rename, derived columns, exact-duplicate removal, three expectations, drop of
the failing rows), two gold aggregates (one joining the other), every table written as parquet.
The order alternates every round (runner first, then Polars first) and the minimum and the
median of ``--repeat`` (at least 3) runs are printed, so both sides see the same warm caches;
wall time and CPU time (this process, all threads: not inflated by other load) are printed.

    python benchmarks/pipeline_speed.py [--rows 1000000 10000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from data_iac.pipelines.engines.polars import PolarsEngine
from data_iac.pipelines.runner import RunOptions, run_pipeline
from data_iac.pipelines.spec import Pipeline
from data_iac.pipelines.storage import StorageLayout


def _uniform(n: int, seed: int) -> pl.Expr:
    """Pseudo-random floats in [0, 1) from Polars' hash (no numpy needed)."""
    return (pl.int_range(0, n, dtype=pl.UInt64).hash(seed) % 1_000_003).cast(pl.Float64) / 1_000_003


def generate(rows: int, path: Path, seed: int = 7) -> None:
    """Random stock prices: 500 symbols over 2,000 days, ~0.1% non-positive closes."""
    base = pl.select(
        u_open=_uniform(rows, seed),
        u_change=_uniform(rows, seed + 1),
        u_bad=_uniform(rows, seed + 2),
        u_day=_uniform(rows, seed + 3),
        u_symbol=_uniform(rows, seed + 4),
        u_volume=_uniform(rows, seed + 5),
    )
    open_ = (10 + pl.col("u_open") * 490).round(2)
    close = (open_ * (0.97 + pl.col("u_change") * 0.06)).round(2)
    close = pl.when(pl.col("u_bad") < 0.001).then(-1.0).otherwise(close)
    day = pl.lit(dt.date(2018, 1, 1)) + pl.duration(days=(pl.col("u_day") * 2000).cast(pl.Int64))
    frame = base.select(
        created_at=day.cast(pl.String),
        symbol=pl.lit("S") + (pl.col("u_symbol") * 500).cast(pl.Int64).cast(pl.String),
        open=open_,
        close=close,
        volume=(1_000_000 + pl.col("u_volume") * 8_000_000).cast(pl.Int64),
    ).with_columns(
        high=pl.max_horizontal("open", "close") * 1.01,
        low=pl.min_horizontal("open", "close") * 0.99,
    )
    frame.write_parquet(path)


def pipeline(source: Path) -> Pipeline:
    """The example's logic, reading the generated parquet file."""
    table = {"catalog_name": "bench", "schema_name": "finance", "mode": "overwrite"}
    up_sql = (
        "SELECT u.symbol, u.up_days, g.n_days, CAST(u.up_days AS DOUBLE) * 100 / g.n_days AS up_pct"
        " FROM {df} AS u JOIN {nodes.gld} AS g ON u.symbol = g.symbol"
    )
    derived = {
        "change": 'nw.col("close") - nw.col("open")',
        "is_up": 'nw.col("close") > nw.col("open")',
    }
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
    gold_steps = [
        {
            "func_name": "laktory.groupby_and_agg",
            "func_kwargs": {
                "groupby_columns": ["symbol"],
                "agg_expressions": [
                    'nw.len().alias("n_days")',
                    'nw.col("close").max().alias("max_close")',
                    'nw.col("volume").sum().alias("total_volume")',
                ],
            },
        }
    ]
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


Times = dict[str, list[tuple[float, float]]]


def timings(repeat: int, runs: dict[str, Callable[[], None]]) -> Times:
    """(wall, CPU) seconds per run; the order alternates each round so neither always goes first.

    CPU time (all threads of this process) does not grow when other processes share the
    machine; wall time does.
    """
    times: Times = {name: [] for name in runs}
    names = list(runs)
    for round_ in range(repeat):
        for name in names if round_ % 2 == 0 else reversed(names):
            wall, cpu = time.perf_counter(), time.process_time()
            runs[name]()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return times


def measure(rows: int, root: Path, repeat: int) -> Times:
    """Times of the runner and of hand-written Polars on ``rows`` generated rows."""
    source = root / f"prices_{rows}.parquet"
    generate(rows, source)
    spec = pipeline(source)
    # One node at a time, as `iac pipeline run` does on Polars (the CLI's default).
    options = RunOptions(layout=StorageLayout(warehouse=root / "runner"), max_workers=1)

    def through_runner() -> None:
        run_pipeline(spec, PolarsEngine(), options)

    def by_hand() -> None:
        hand_written(source, root / "hand")

    return timings(repeat, {"runner": through_runner, "polars": by_hand})


def main() -> None:
    """Generate the data, time both sides, print a table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.repeat < 3:
        parser.error("--repeat must be at least 3 (min and median need several runs)")
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    header = "runner min  polars min  ratio | runner med  polars med  ratio"
    print(f"{'rows':>12}  {'clock':5} {header}")
    with tempfile.TemporaryDirectory() as scratch:
        for rows in args.rows:
            times = measure(rows, Path(scratch), args.repeat)
            for index, clock in enumerate(("wall", "cpu")):
                cells = []
                for pick in (min, statistics.median):
                    runner = pick(t[index] for t in times["runner"])
                    polars = pick(t[index] for t in times["polars"])
                    cells.append(f"{runner:>10.3f}  {polars:>10.3f}  {runner / polars:>4.2f}x")
                print(f"{rows:>12,}  {clock:5} {' | '.join(cells)}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
