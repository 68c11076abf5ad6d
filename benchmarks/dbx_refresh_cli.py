"""No-op `iac plan` (with its refresh) of a realistic mixed Databricks stack, through the CLI,
against `iac emulator serve` with 20 ms of latency per request.

    python benchmarks/dbx_refresh_cli.py                 # about 1,000 resources, 3 runs
    python benchmarks/dbx_refresh_cli.py --quick         # about 300 resources, 3 runs
    python benchmarks/dbx_refresh_cli.py --resources 1000 --latency-ms 20 --repeat 5

The stack is benchmarks/_mixed_stack.py (every Databricks kind, grants on every securable,
access control lists, secret scopes, account groups and users). It is applied once without
latency; then each run clears the emulator's request log, runs `iac plan -c cfg` in a fresh
process (exit 0: no changes) and counts the requests the emulator served, by route.

Requests the API makes unavoidable, per object: one read per grants securable
(`unity-catalog/permissions/...`), one per object with an access control list
(`/permissions/...`), one per secret scope (its ACL listing). Listings the API scopes to a
parent (volumes per schema, schemas per catalog, workspace objects per folder, secrets per
scope) are counted apart. Target (issue 20): at most 0.1 requests per resource beyond the
unavoidable reads, and <= 10 s at 20 ms for 1,000 resources.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from _harness import iac, load_line, run
from _mixed_stack import write_stack
from _served import Served, by_route, served

PER_OBJECT = (
    r"GET /api/2\.\d/unity-catalog/permissions/",
    r"GET /api/2\.\d/permissions/",
    r"GET /api/2\.\d/secrets/acls/list",
)
PER_PARENT = (
    r"GET /api/2\.\d/unity-catalog/(schemas|volumes)$",
    r"GET /api/2\.\d/workspace/list$",
    r"GET /api/2\.\d/secrets/list$",
)


def category(request: dict[str, Any]) -> str:
    line = f"{request['method']} {request['path']}"
    if any(re.match(p, line) for p in PER_OBJECT):
        return "per object (unavoidable)"
    if any(re.match(p, line) for p in PER_PARENT):
        return "per parent listing"
    return "other"


def resources_in(output: str) -> int:
    found = re.search(r"valid \((\d+) resources\)", output)
    return int(found[1]) if found else 0


def no_op_plan(emu: Served, workdir: Path) -> tuple[Any, list[dict[str, Any]]]:
    emu.clear_requests()
    done = run(iac("plan", "-c", "cfg"), cwd=workdir, env=emu.env(), expect=(0,))
    return done, emu.requests()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="about 300 resources")
    args = parser.parse_args()
    size = 300 if args.quick else args.resources
    with tempfile.TemporaryDirectory() as tmp, served(Path(tmp)) as emu:
        workdir = Path(tmp)
        write_stack(workdir / "cfg", size, emu.url, emu.account_id)
        env = emu.env()
        count = resources_in(run(iac("validate", "-c", "cfg"), cwd=workdir, env=env).stdout)
        run(
            iac("apply", "-c", "cfg", "--auto-approve", "--parallelism", "16"), cwd=workdir, env=env
        )
        emu.set_latency(args.latency_ms, args.latency_ms)
        print(load_line(), flush=True)
        runs = []
        for _ in range(args.repeat):
            done, requests = no_op_plan(emu, workdir)
            runs.append((done, requests))
            print(f"  run: wall {done.wall:6.2f}s cpu {done.cpu:5.2f}s requests {len(requests)}")
        report(count, args.latency_ms, runs)
        print(load_line())


def report(count: int, latency: float, runs: list[tuple[Any, list[dict[str, Any]]]]) -> None:
    walls = sorted(r.wall for r, _ in runs)
    cpus = sorted(r.cpu for r, _ in runs)
    requests = runs[-1][1]
    kinds = Counter(category(r) for r in requests)
    beyond = len(requests) - kinds["per object (unavoidable)"]
    print(f"no-op plan of {count} resources at {latency:.0f} ms per request:")
    print(
        f"  wall min {walls[0]:.2f}s median {statistics.median(walls):.2f}s; "
        f"cpu min {cpus[0]:.2f}s median {statistics.median(cpus):.2f}s (n={len(runs)})"
    )
    print(f"  requests: {len(requests)} = {len(requests) / count:.3f} per resource")
    for name, n in sorted(kinds.items()):
        print(f"    {name}: {n} ({n / count:.3f} per resource)")
    print(f"  beyond the unavoidable reads: {beyond} = {beyond / count:.3f} per resource")
    print("  by route:")
    for route, n in by_route(requests).most_common():
        print(f"    {n:5d} {route}")


if __name__ == "__main__":
    main()
