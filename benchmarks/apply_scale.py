"""Apply at scale against the emulator, through the real engine, journal and local state.

Run 1 (latency): N creates (default 2,000) of workspace folders, 40 parents with their
children, at parallelism 16, with 50 ms of emulator latency per request. Each create is
one request (a ``mkdirs`` through the Databricks SDK), so the lower bound is
``max(critical path x latency, creates x latency / parallelism)``; target <= 1.2x.

Run 2 (throttled): the emulator admits 20 requests/s per API family and answers 429 with
Retry-After beyond that; the client's own limiter is set above (100/s), so the engine has
to live with the 429s. Target: >= 90% of the server's throughput, zero failed actions.

    python benchmarks/apply_scale.py [--creates 2000] [--throttled-creates 400]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from data_iac.addresses import Address
from data_iac.apply.engine import ApplyOptions, apply_plan
from data_iac.apply.journal import journal_for
from data_iac.emulator.server import Emulator
from data_iac.model.resource import DesiredState, Observed, Resource
from data_iac.model.state import StateSnapshot
from data_iac.planning.planner import make_plan
from data_iac.providers.base import KindSchema
from data_iac.providers.databricks.client import DatabricksClient, connect
from data_iac.state.local import LocalBackend

KIND = "databricks_directory"
SCHEMA = KindSchema(KIND)
PARENTS = 40


class OneRequestFolders:
    """Folders created with exactly one request each (no read-back), through the real
    provider client: its rate limiter, the SDK's retries and the error mapping."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        return Observed(remote_id, {"path": remote_id})

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        return []

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        path = str(spec["path"])
        self.client.call("workspace", self.client.w.workspace.mkdirs, path, address=str(address))
        return Observed(path, {"path": path})

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return observed

    def delete(self, address: Address, observed: Observed) -> None:
        return None


def folders(count: int) -> DesiredState:
    """``count`` folders: PARENTS roots, the rest spread under them (critical path 2)."""
    resources: dict[Address, Resource] = {}
    roots = [Address(KIND, f"p{n:03d}") for n in range(min(PARENTS, count))]
    for root in roots:
        resources[root] = Resource(root, {"path": f"/bench/{root.key}"})
    for n in range(count - len(roots)):
        parent = roots[n % len(roots)]
        address = Address(KIND, f"c{n:05d}")
        spec = {"path": f"/bench/{parent.key}/{address.key}"}
        resources[address] = Resource(address, spec, frozenset({parent}))
    return DesiredState(resources)


class RemoteEmulator:
    """The emulator in a child process (so its CPU does not compete with the engine's for
    this process's GIL, as a real server would not), driven through ``/__emu/``."""

    def __init__(self, url: str) -> None:
        self.url = url

    def control(self, method: str, path: str, body: Any = None) -> Any:
        response = requests.request(method, f"{self.url}/__emu/{path}", json=body, timeout=60)
        response.raise_for_status()
        return response.json()


def _serve(queue: Any) -> None:
    with Emulator() as emu:
        queue.put(emu.url)
        threading.Event().wait()


@contextmanager
def remote_emulator() -> Iterator[RemoteEmulator]:
    queue: Any = multiprocessing.Queue()
    child = multiprocessing.Process(target=_serve, args=(queue,), daemon=True)
    child.start()
    try:
        yield RemoteEmulator(queue.get(timeout=30))
    finally:
        child.terminate()
        child.join()


def run(emu: RemoteEmulator, count: int, parallelism: int, client_rps: float) -> dict[str, Any]:
    """Apply ``count`` creates; wall time, request count and failures."""
    emu.control("POST", "reset")
    os.environ.pop("DATABRICKS_CONFIG_PROFILE", None)
    client = connect({"host": emu.url, "token": "bench", "rate_limit": client_rps})
    handler = OneRequestFolders(client)
    with tempfile.TemporaryDirectory() as tmp:
        backend = LocalBackend(Path(tmp) / "bench.json")
        state = StateSnapshot.empty()
        plan = make_plan(folders(count), state, lambda kind: SCHEMA)
        options = ApplyOptions(parallelism=parallelism, journal=journal_for(backend))
        emu.control("DELETE", "requests")
        started = time.perf_counter()
        result = apply_plan(plan, {KIND: handler}, state, backend.write, options)
        wall = time.perf_counter() - started
    log = emu.control("GET", "requests")
    return {
        "wall_s": wall,
        "failed": len([o for o in result.outcomes if o.status.value != "done"]),
        "accepted": sum(1 for r in log if r["method"] == "POST" and r["status"] == 200),
        "rejected_429": sum(1 for r in log if r["status"] == 429),
    }


def latency_run(emu: RemoteEmulator, creates: int, latency_ms: float, parallelism: int) -> str:
    emu.control("DELETE", "faults")
    emu.control("POST", "faults", {"latency_ms": [latency_ms, latency_ms]})
    found = run(emu, creates, parallelism, client_rps=0)  # 0: no client-side limit
    latency = latency_ms / 1000
    bound = max(2 * latency, creates * latency / parallelism)
    ratio = found["wall_s"] / bound
    return (
        f"latency run: {creates} creates, {latency_ms:.0f} ms/request, parallelism "
        f"{parallelism}: {found['wall_s']:.2f} s vs lower bound {bound:.2f} s = "
        f"{ratio:.2f}x (target <= 1.2x); failed actions: {found['failed']}"
    )


def throttled_run(
    emu: RemoteEmulator,
    creates: int,
    server_rps: float,
    client_rps: float,
    parallelism: int,
    latency_ms: float,
) -> str:
    emu.control("DELETE", "faults")
    emu.control("POST", "faults", {"latency_ms": [latency_ms, latency_ms]})
    emu.control("POST", "faults", {"rate_limit": {"rate": server_rps}})
    found = run(emu, creates, parallelism, client_rps=client_rps)
    emu.control("DELETE", "faults")
    throughput = found["accepted"] / found["wall_s"]
    # The server's bucket starts full (one second of burst), then admits server_rps.
    capacity = server_rps + server_rps * found["wall_s"]
    share = found["accepted"] / capacity
    return (
        f"throttled run: {creates} creates, server {server_rps:.0f}/s, client limit "
        f"{client_rps:.0f}/s, parallelism {parallelism}: {found['wall_s']:.2f} s, "
        f"{throughput:.1f} creates/s = {share:.0%} of what the server admits in that time "
        f"(target >= 90%); 429 answers: {found['rejected_429']}; failed actions: "
        f"{found['failed']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--creates", type=int, default=2000)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--parallelism", type=int, default=16)
    parser.add_argument("--throttled-creates", type=int, default=400)
    parser.add_argument("--server-rps", type=float, default=20)
    parser.add_argument("--client-rps", type=float, default=100)
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--skip-throttled", action="store_true")
    args = parser.parse_args()
    with remote_emulator() as emu:
        if not args.skip_latency:
            print(latency_run(emu, args.creates, args.latency_ms, args.parallelism), flush=True)
        if not args.skip_throttled:
            print(
                throttled_run(
                    emu,
                    args.throttled_creates,
                    args.server_rps,
                    args.client_rps,
                    args.parallelism,
                    args.latency_ms,
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
