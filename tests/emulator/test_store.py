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
        while not stop.is_set():
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
