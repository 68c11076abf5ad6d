"""The emulator's objects: named tables of JSON documents, one lock, a clock, seeded ids.

Every service keeps its objects here so that reset, snapshot, persistence and the
``/__emu/state`` view work the same for both platforms.

Persistence is written behind: a change bumps the store's version and a background thread
saves it at most every ``SAVE_INTERVAL`` seconds; ``flush`` (on stop) returns only once the
disk holds every change made before it. Saving the whole store after every request made an
apply of 1,901 resources spend minutes serialising JSON.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

__all__ = ["SAVE_INTERVAL", "Store"]

SAVE_INTERVAL = 0.2


class Store:
    """Tables of documents, guarded by one re-entrant lock held for a whole request."""

    def __init__(self, *, seed: int = 0, data_dir: Path | None = None) -> None:
        self.lock = threading.RLock()
        self._seed = seed
        self._data_file = data_dir / "store.json" if data_dir else None
        self.tables: dict[str, dict[str, Any]] = {}
        self.counters: dict[str, int] = {}
        self._rng = random.Random(seed)
        self._dirty = threading.Event()
        self._save_lock = threading.Lock()
        self._saver: threading.Thread | None = None
        self._closing = threading.Event()
        self._version = 0  # changes made; a save records the version it wrote
        self._saved_version = 0
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

    def changed(self) -> None:
        """Note a change (call it under ``lock``, after the change): it reaches the data
        directory within ``SAVE_INTERVAL`` seconds, or when ``flush`` is called."""
        if self._data_file is None:
            return
        with self.lock:
            self._version += 1
            if self._saver is None:
                self._saver = threading.Thread(
                    target=self._save_behind, name="emulator-store", daemon=True
                )
                self._saver.start()
        self._dirty.set()

    def flush(self) -> None:
        """Return only once every change made before the call is on disk.

        Correct by construction: a save records the version it wrote, and taking the save
        lock waits for a save in flight; so a flush that finds the disk behind writes, and
        one that finds a save under way waits for it, then writes what it missed.
        """
        self._save_if_behind()

    def close(self) -> None:
        """Stop the background saver, then flush (the emulator's stop; a later change
        starts a new saver)."""
        saver = self._saver
        if saver is not None:
            self._closing.set()
            self._dirty.set()
            saver.join()
            with self.lock:
                self._saver = None
            self._closing.clear()
        self.flush()

    def _save_behind(self) -> None:
        while not self._closing.is_set():
            self._dirty.wait()
            self._closing.wait(SAVE_INTERVAL)  # coalesce the changes of the next moments
            self._dirty.clear()
            self._save_if_behind()

    def save(self) -> None:
        """Persist now, whatever was saved before (reset, restore). Never call it holding
        ``lock``: the save lock is always taken first."""
        with self.lock:
            self._version += 1
        self._save_if_behind()

    def _save_if_behind(self) -> None:
        if self._data_file is None:
            return
        with self._save_lock:  # one writer at a time; a flush waits for a save in flight
            with self.lock:  # a consistent copy: no request is half applied
                version = self._version
                if version == self._saved_version:
                    return
                data = json.dumps({"tables": self.tables, "counters": self.counters})
            self._write_file(data)
            self._saved_version = version

    def _write_file(self, data: str) -> None:
        """Atomically replace the data file: readers see the old or the new file, whole."""
        assert self._data_file is not None
        folder = self._data_file.parent
        folder.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=folder, prefix="store.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self._data_file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _load(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.tables = data.get("tables", {})
        self.counters = data.get("counters", {})
        # Keep generated ids unique across runs without replaying the RNG.
        self._rng = random.Random(f"{self._seed}:{len(json.dumps(self.counters))}:{time.time_ns()}")
