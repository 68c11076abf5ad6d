from __future__ import annotations

import json
import threading
from pathlib import Path

from data_iac.emulator.store import Store


def test_changes_are_written_behind_and_flushed_on_demand(tmp_path: Path):
    store = Store(data_dir=tmp_path)
    with store.lock:
        store.table("dss.projects")["P"] = {"name": "P"}
    store.changed()
    store.flush()
    saved = json.loads((tmp_path / "store.json").read_text())
    assert saved["tables"]["dss.projects"] == {"P": {"name": "P"}}
    assert Store(data_dir=tmp_path).table("dss.projects") == {"P": {"name": "P"}}


def test_saving_while_requests_mutate_never_fails(tmp_path: Path):
    store = Store(data_dir=tmp_path)
    stop = threading.Event()

    def mutate() -> None:
        n = 0
        while not stop.is_set() and n < 5000:  # bounded: the saved copy grows with n
            with store.lock:
                store.table("t")[str(n)] = {"n": n}
            n += 1

    writer = threading.Thread(target=mutate)
    writer.start()
    try:
        for _ in range(20):
            store.save()  # takes a consistent copy under the lock
    finally:
        stop.set()
        writer.join()
    assert json.loads((tmp_path / "store.json").read_text())["tables"]["t"]


def test_a_store_without_a_data_dir_writes_nothing(tmp_path: Path):
    store = Store()
    store.changed()
    store.flush()
    assert list(tmp_path.iterdir()) == []


class _SlowWriterStore(Store):
    """A store whose background write stalls until a flush has been called, so the flush
    meets a save in flight: the interleaving that lost every object of an embedded
    emulator whose process exited right after ``flush`` (issue: store.tmpNNN, no store.json)."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir=data_dir)
        self.writing = threading.Event()
        self.flush_called = threading.Event()
        self.events: list[str] = []

    def _write_file(self, data: str) -> None:
        if threading.current_thread().name == "emulator-store":
            self.writing.set()
            self.flush_called.wait(timeout=60)
        super()._write_file(data)
        self.events.append("written")


def test_flush_waits_for_a_save_in_flight_and_writes_what_it_missed(tmp_path: Path):
    store = _SlowWriterStore(tmp_path)
    with store.lock:
        store.table("dbx.catalogs")["main"] = {"name": "main"}
        store.changed()
    # the background saver holds the first version, mid-write (bounded: never hang)
    assert store.writing.wait(timeout=60)
    with store.lock:
        store.table("dbx.catalogs")["sales"] = {"name": "sales"}
        store.changed()
    store.flush_called.set()
    store.flush()
    store.events.append("flushed")
    saved = json.loads((tmp_path / "store.json").read_text())
    assert set(saved["tables"]["dbx.catalogs"]) == {"main", "sales"}
    assert store.events[-1] == "flushed" and "written" in store.events
    assert [p.name for p in tmp_path.iterdir()] == ["store.json"]  # no temp file left
    store.close()


def test_close_stops_the_saver_and_a_later_change_starts_a_new_one(tmp_path: Path):
    store = Store(data_dir=tmp_path)
    with store.lock:
        store.table("t")["a"] = {}
        store.changed()
    store.close()
    assert json.loads((tmp_path / "store.json").read_text())["tables"]["t"] == {"a": {}}
    with store.lock:
        store.table("t")["b"] = {}
        store.changed()
    store.close()
    assert set(json.loads((tmp_path / "store.json").read_text())["tables"]["t"]) == {"a", "b"}
