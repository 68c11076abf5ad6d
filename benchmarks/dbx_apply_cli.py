"""`iac apply` of creates through the CLI against `iac emulator serve`, beside the time the
requests alone need, and against a server that admits only 20 requests/s.

    python benchmarks/dbx_apply_cli.py                    # all three scenarios, full size
    python benchmarks/dbx_apply_cli.py --quick            # smaller sizes, about 2 minutes
    python benchmarks/dbx_apply_cli.py --scenario dirs --size 2000 --repeat 3

Scenarios (each run: a fresh emulator, then `iac apply -c cfg --auto-approve
--parallelism 16` in a fresh process, the emulator's request log read after it):

- ``dirs``: N workspace folders (40 parents, the rest under them) at 50 ms per request;
- ``mixed``: the realistic mixed stack of benchmarks/_mixed_stack.py (every Databricks
  kind, grants, ACLs, secrets, account groups and users) of about N resources at 50 ms;
- ``throttled``: N folders against a server that admits 20 requests/s per API family
  (429 with Retry-After beyond it; its bucket starts with one second of burst), 50 ms.

Lower bound of a latency scenario: max(R x latency / parallelism, D x latency), where R
counts requests and D is the longest dependency chain of the config (`iac graph --json`).
Two values of R are printed: the mutating requests the emulator served (one write per
create is the least any engine must send: the "needed" bound) and every request it served
(reads included: the engine's own overhead on the requests it chose). Target (issue 20):
apply <= 1.2x the lower bound. Throttled: the share of what the server admitted in the
apply's wall time (its burst plus 20/s), target >= 90% with 0 failed actions.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from _harness import Run, iac, load_line, run
from _mixed_stack import write_stack
from _served import Served, served

PARALLELISM = 16
FULL = {"dirs": 2000, "mixed": 1000, "throttled": 400}
QUICK = {"dirs": 300, "mixed": 300, "throttled": 150}


def write_dirs(directory: Path, count: int, url: str) -> None:
    """A stack of ``count`` folders: 40 parents, the rest spread under them."""
    lines = ["name: dirs", "resources:", "  providers:", "    databricks:", f"      host: {url}"]
    lines.append("  directories:")
    for i in range(count):
        path = f"/Shared/bench/p{i}" if i < 40 else f"/Shared/bench/p{i % 40}/d{i}"
        lines += [f"    d{i}:", f"      path: {path}"]
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "stack.yaml").write_text("\n".join(lines) + "\n")


def depth(graph: dict[str, list[str]]) -> int:
    """Resources on the longest dependency chain."""

    @cache
    def chain(node: str) -> int:
        return 1 + max((chain(d) for d in graph.get(node, [])), default=0)

    return max((chain(n) for n in graph), default=0)


def apply_once(scenario: str, size: int, latency_ms: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, served(Path(tmp)) as emu:
        workdir = Path(tmp)
        if scenario == "mixed":
            write_stack(workdir / "cfg", size, emu.url, emu.account_id)
        else:
            write_dirs(workdir / "cfg", size, emu.url)
        env = emu.env()
        graph = json.loads(run(iac("graph", "-c", "cfg", "--json"), cwd=workdir, env=env).stdout)
        if scenario == "throttled":
            emu.limit_rate(20)
        emu.set_latency(latency_ms, latency_ms)
        emu.clear_requests()
        watch = emu.first_request_watch()
        done = run(
            iac(
                "apply", "-c", "cfg", "--auto-approve", "--json", "--parallelism", str(PARALLELISM)
            ),
            cwd=workdir,
            env=env,
            expect=(0, 1),
        )
        ended = time.perf_counter()
        first = watch.stop()
        found = summarize(emu, done, graph, latency_ms)
        found["api_wall"] = ended - first if first is not None else done.wall
        return found


def summarize(
    emu: Served, done: Run, graph: dict[str, list[str]], latency_ms: float
) -> dict[str, Any]:
    requests = emu.requests()
    statuses = Counter(r["status"] for r in requests)
    families = Counter(r["path"].split("/")[3] for r in requests if r["path"].startswith("/api/"))
    admitted = [r for r in requests if r["status"] != 429]
    latency = latency_ms / 1000
    chain = depth(graph) * latency
    mutating = sum(r["mutating"] for r in admitted)
    return {
        "resources": len(graph),
        "wall": done.wall,
        "cpu": done.cpu,
        "exit": done.code,
        "failed": failed_actions(done.stdout),
        "requests": len(requests),
        "admitted": len(admitted),
        "mutating": mutating,
        "429": statuses[429],
        "families": dict(families.most_common(3)),
        "bound_needed": max(mutating * latency / PARALLELISM, chain),
        "bound_all": max(len(admitted) * latency / PARALLELISM, chain),
        "depth": depth(graph),
    }


def failed_actions(stdout: str) -> int:
    """Actions whose ``action_end`` event (``apply --json``) is not ``done``."""
    ends = [json.loads(line) for line in stdout.splitlines() if '"action_end"' in line]
    return sum(1 for event in ends if event.get("status") != "done")


def report(scenario: str, runs: list[dict[str, Any]]) -> None:
    walls = sorted(r["wall"] for r in runs)
    cpus = sorted(r["cpu"] for r in runs)
    last = runs[-1]
    print(
        f"{scenario}: {last['resources']} resources, exit {last['exit']}, "
        f"failed actions {last['failed']}"
    )
    print(
        f"  wall min {walls[0]:.2f}s median {statistics.median(walls):.2f}s; "
        f"cpu min {cpus[0]:.2f}s median {statistics.median(cpus):.2f}s (n={len(runs)})"
    )
    print(
        f"  requests {last['requests']} (mutating {last['mutating']}, 429: {last['429']}), "
        f"{last['requests'] / last['resources']:.2f} per resource; families {last['families']}; "
        f"dependency depth {last['depth']}"
    )
    api = sorted(r["api_wall"] for r in runs)
    print(
        f"  from the first API request to exit: min {api[0]:.2f}s "
        f"median {statistics.median(api):.2f}s (start-up, config load and connection left out)"
    )
    if scenario == "throttled":
        for r in runs:
            capacity = 20 + 20 * r["api_wall"]
            print(
                f"  admitted {r['admitted']} in {r['api_wall']:.2f}s = "
                f"{r['admitted'] / capacity:.0%} of what the server admits "
                f"(20 + 20/s from the first request to exit); 429 answers {r['429']}; "
                f"failed actions {r['failed']}"
            )
        return
    for name in ("bound_needed", "bound_all"):
        bound = last[name]
        print(
            f"  lower bound ({name.removeprefix('bound_')} requests): {bound:.2f}s -> "
            f"whole process x{walls[0] / bound:.2f} (min) x{statistics.median(walls) / bound:.2f} "
            f"(median); from the first request x{api[0] / bound:.2f} (min) "
            f"x{statistics.median(api) / bound:.2f} (median)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", choices=[*FULL, "all"], default="all")
    parser.add_argument("--size", type=int, help="resources (default: per scenario)")
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, 1 run each")
    args = parser.parse_args()
    scenarios = list(FULL) if args.scenario == "all" else [args.scenario]
    repeat = 1 if args.quick else args.repeat
    print(load_line(), flush=True)
    for scenario in scenarios:
        size = args.size or (QUICK if args.quick else FULL)[scenario]
        runs = [apply_once(scenario, size, args.latency_ms) for _ in range(repeat)]
        report(scenario, runs)
        print(load_line(), flush=True)


if __name__ == "__main__":
    main()
