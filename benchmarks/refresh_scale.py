"""Refresh at scale: 10,000 live resources (5,000 DSS datasets, 5,000 Databricks jobs) read
back at 20 ms emulated latency per request, through the real SDKs over HTTP.

    python benchmarks/refresh_scale.py                       # 5,000 + 5,000, 20 ms
    python benchmarks/refresh_scale.py --per-platform 500 --latency-ms 20

It seeds the emulator without latency, adopts every object into a state (as `iac import`
does), then turns latency on and times two refreshes of that state:

- bulk: ``refresh.bulk.bulk_refresh``, what every `iac plan` does (one listing per kind and
  scope; the Databricks client's default rate limiter of 15 requests/s stays on);
- one read per resource: ``handler.read`` for every object on 16 threads (the refresh before
  this change), with the rate limiter off (its best case), on a sample of
  ``--baseline-sample`` objects, scaled linearly to the whole state.

Targets: <= 0.05 requests per resource and <= 10 s wall for the bulk refresh.
"""

from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from data_iac.addresses import Address
from data_iac.emulator import Emulator
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.providers.registry import make_handlers
from data_iac.refresh.bulk import bulk_refresh, read_one

API_KEY = "benchmark-key"
TOKEN = "dapi-benchmark"
PROJECT = "SCALE"


def seed(emu: Emulator, per_platform: int) -> None:
    """``per_platform`` DSS datasets and Databricks jobs, created through the SDKs."""
    from databricks.sdk import WorkspaceClient
    from databricks.sdk.service.jobs import NotebookTask, Task
    from dataikuapi import DSSClient

    project = DSSClient(emu.url, API_KEY).create_project(PROJECT, "Scale", "admin")
    w = WorkspaceClient(host=emu.url, token=TOKEN)
    task = Task(task_key="main", notebook_task=NotebookTask(notebook_path="/Shared/main"))

    def dataset(n: int) -> None:
        project.create_dataset(f"DS_{n:05d}", "PostgreSQL", params={"connection": "pg"})

    def job(n: int) -> None:
        w.jobs.create(name=f"job-{n:05d}", tasks=[task])

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(dataset, range(per_platform)))
        list(pool.map(job, range(per_platform)))


def adopt_all(handlers: dict[str, Any]) -> StateSnapshot:
    """A state holding every live dataset and job (plus the project), as import makes it."""
    state = StateSnapshot(lineage="benchmark")
    listings = [
        ("dataiku_project", {"project_key": PROJECT}),
        ("dataiku_dataset", {"project_key": PROJECT}),
        ("databricks_job", {}),
    ]
    resources: dict[Address, ResourceState] = {}
    for kind, scope in listings:
        for _, observed in handlers[kind].list(scope):
            entry = ResourceState(
                kind, observed.remote_id, dict(observed.attributes), version=observed.version
            )
            resources[Address(kind, observed.remote_id)] = entry
    return replace(state, resources=resources)


def timed_requests(emu: Emulator, action: Any) -> tuple[float, int]:
    emu.clear_requests()
    started = time.perf_counter()
    action()
    return time.perf_counter() - started, len(emu.request_log())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-platform", type=int, default=5000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--baseline-sample", type=int, default=400)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args(argv)
    with Emulator() as emu:
        seed(emu, args.per_platform)
        dss = make_handlers("dataiku", {"url": emu.url, "api_key": API_KEY})
        limited = make_handlers("databricks", {"host": emu.url, "token": TOKEN})
        unlimited = make_handlers("databricks", {"host": emu.url, "token": TOKEN, "rate_limit": 0})
        state = adopt_all({**dss, **limited})
        emu.faults.set_latency(args.latency_ms)
        handlers = {**dss, **limited}
        bulk_s, bulk_requests = timed_requests(emu, lambda: bulk_refresh(state, handlers))
        sample = sorted(state.resources.items())[
            :: max(1, len(state.resources) // args.baseline_sample)
        ]
        each = {**dss, **unlimited}

        def one_by_one() -> None:
            with ThreadPoolExecutor(max_workers=16) as pool:
                list(pool.map(lambda item: read_one(each[item[1].kind], *item), sample))

        each_s, each_requests = timed_requests(emu, one_by_one)
    total = len(state.resources)
    scale = total / len(sample)
    figures = {
        "resources": total,
        "latency_ms": args.latency_ms,
        "bulk": {
            "wall_s": round(bulk_s, 2),
            "requests": bulk_requests,
            "requests_per_resource": round(bulk_requests / total, 4),
        },
        "one_read_per_resource": {
            "sample": len(sample),
            "sample_wall_s": round(each_s, 2),
            "sample_requests": each_requests,
            "scaled_wall_s": round(each_s * scale, 1),
            "scaled_requests": round(each_requests * scale),
            "requests_per_resource": round(each_requests / len(sample), 2),
        },
        "targets_met": bulk_requests / total <= 0.05 and bulk_s <= 10.0,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{total} resources at {args.latency_ms:g} ms per request")
        print(
            f"  bulk refresh:          {bulk_s:6.2f} s  {bulk_requests:6d} requests "
            f"({bulk_requests / total:.4f} per resource)"
        )
        print(
            f"  one read per resource: {each_s * scale:6.1f} s  {round(each_requests * scale):6d} "
            f"requests (scaled from {len(sample)} objects: {each_s:.2f} s)"
        )
        print(
            "  targets (<= 0.05 requests/resource, <= 10 s):",
            "met" if figures["targets_met"] else "MISSED",
        )
    return 0 if figures["targets_met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
