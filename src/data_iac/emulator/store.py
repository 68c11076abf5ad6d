"""The emulator's objects: named tables of JSON documents, one lock, a clock, seeded ids.

Every service keeps its objects here so that reset, snapshot, persistence and the
``/__emu/state`` view work the same for both platforms.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
import uuid
from pathlib import Path
from typing import Any

__all__ = ["Store"]


class Store:
    """Tables of documents, guarded by one re-entrant lock held for a whole request."""

    def __init__(self, *, seed: int = 0, data_dir: Path | None = None) -> None:
        self.lock = threading.RLock()
        self._seed = seed
        self._data_file = data_dir / "store.json" if data_dir else None
        self.tables: dict[str, dict[str, Any]] = {}
        self.counters: dict[str, int] = {}
        self._rng = random.Random(seed)
        if self._data_file and self._data_file.exists():
            self._load(self._data_file)

    def table(self, name: str) -> dict[str, Any]:
        """The table ``name`` (created empty on first use)."""
        return self.tables.setdefault(name, {})

    def next_int(self, name: str, start: int = 1) -> int:
        """The next value of a named counter: start, start+1, ..."""
        value = self.counters.get(name, start - 1) + 1
        self.counters[name] = value
        return value

    def now_ms(self) -> int:
        """Wall-clock milliseconds, strictly increasing across calls."""
        now = int(time.time() * 1000)
        last = self.counters.get("__clock", 0)
        value = max(now, last + 1)
        self.counters["__clock"] = value
        return value

    def new_uuid(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def random_token(
        self, length: int, alphabet: str = "abcdefghijklmnopqrstuvwxyz0123456789"
    ) -> str:
        return "".join(self._rng.choice(alphabet) for _ in range(length))

    def reset(self) -> None:
        with self.lock:
            self.tables.clear()
            self.counters.clear()
            self._rng = random.Random(self._seed)
            self.save()

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            copied: dict[str, Any] = json.loads(
                json.dumps({"tables": self.tables, "counters": self.counters})
            )
            return copied

    def restore(self, data: dict[str, Any]) -> None:
        with self.lock:
            self.tables = data.get("tables", {})
            self.counters = data.get("counters", {})
            self.save()

    def save(self) -> None:
        """Persist to the data directory, atomically, when one is configured."""
        if self._data_file is None:
            return
        self._data_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._data_file.with_suffix(f".tmp{os.getpid()}.{threading.get_ident()}")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump({"tables": self.tables, "counters": self.counters}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self._data_file)

    def _load(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.tables = data.get("tables", {})
        self.counters = data.get("counters", {})
        # Keep generated ids unique across runs without replaying the RNG.
        self._rng = random.Random(f"{self._seed}:{len(json.dumps(self.counters))}:{time.time_ns()}")
