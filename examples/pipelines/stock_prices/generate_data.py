"""Generate the example's small stock-prices dataset (run once; the output is committed).

Deterministic (fixed seed, stdlib only): 5 symbols x 60 trading days, plus a few exact
duplicate rows (the SILVER layer removes them) and a few rows with a non-positive close (the
`positive_close` expectation drops them). Run: python generate_data.py
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

SYMBOLS = {"AAPL": 190.0, "AMZN": 180.0, "GOOGL": 140.0, "MSFT": 410.0, "NVDA": 880.0}
DAYS = 60
SEED = 20240101
COLUMNS = ["created_at", "symbol", "open", "close", "high", "low", "volume"]


def trading_days(start: date, count: int) -> list[date]:
    """The first ``count`` weekdays from ``start``."""
    days, current = [], start
    while len(days) < count:
        if current.weekday() < 5:
            days.append(current)
        current += timedelta(days=1)
    return days


def generate(seed: int = SEED) -> list[dict[str, object]]:
    """Rows of a random walk per symbol, with the deliberate defects described above."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for symbol, price in SYMBOLS.items():
        for day in trading_days(date(2024, 1, 2), DAYS):
            open_ = round(price * (1 + rng.uniform(-0.01, 0.01)), 2)
            close = round(open_ * (1 + rng.uniform(-0.03, 0.03)), 2)
            high = round(max(open_, close) * (1 + rng.uniform(0, 0.01)), 2)
            low = round(min(open_, close) * (1 - rng.uniform(0, 0.01)), 2)
            volume = rng.randint(1_000_000, 9_000_000)
            values = [day.isoformat(), symbol, open_, close, high, low, volume]
            rows.append(dict(zip(COLUMNS, values, strict=True)))
            price = close
    for index in rng.sample(range(len(rows)), 6):
        rows.append(dict(rows[index]))  # exact duplicates
    for index in rng.sample(range(len(rows)), 4):
        rows[index]["close"] = -1.0  # bad prints
    rng.shuffle(rows)
    return rows


def main() -> None:
    """Write data/stock_prices.csv next to this script."""
    target = Path(__file__).parent / "data" / "stock_prices.csv"
    target.parent.mkdir(exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(generate())


if __name__ == "__main__":
    main()
