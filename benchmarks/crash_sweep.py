"""The crash sweep: ``iac apply`` of one mixed config holding every kind of the registry
(both platforms), killed with SIGKILL right after the emulator served its k-th request, for
every k; after each kill the next apply must succeed, the plan after it must be empty, and
every emulator table must hold as many objects as after a clean apply (no duplicate, no
orphan).

The config is assembled from the crash corpora of ``tests/apply/kind_matrix.py`` (the crash
corpus, the lifecycle fixtures, the workspace-estate example): each corpus that adds a kind
not yet covered, and whose addresses do not clash with those taken, becomes one folder of
the config; the sweep stops with an error when a kind of the registry is still missing.
The emulator runs in this process; each killed apply forks from a warm server process
(``tests/apply/forked.py``); the runs that must converge afterwards run in-process. By
default the kill follows every mutating request (OAuth logins aside); ``--every-request``
kills after reads too.

    PYTHONPATH=src:. python benchmarks/crash_sweep.py [--every-request] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.apply import forked
from tests.apply.crash_support import SignalAfter
from tests.apply.kind_matrix import (
    CORPORA,
    _corpus,
    env_for,
    handled_kinds,
    iac,
    inventory,
    mutating,
    out_of_band,
)

from data_iac.emulator.server import Emulator, RequestRecord


def write_config(root: Path) -> Path:
    """The corpora that together hold every kind, one folder each, in ``root/sweep``."""
    config, kinds, addresses = root / "sweep", set(), set()
    for corpus in CORPORA:
        graph = _corpus(corpus)
        new = {a.kind for a in graph} - kinds
        if not new or addresses & set(graph):
            continue
        shutil.copytree(corpus, config / corpus.name)
        kinds |= {a.kind for a in graph}
        addresses |= set(graph)
    missing = set(handled_kinds()) - kinds
    if missing:
        raise SystemExit(f"no corpus holds {', '.join(sorted(missing))}")
    return config


class _Killer(SignalAfter):
    """SIGKILL after the k-th request counted (every request, or the mutating ones)."""

    def __init__(self, emu: Emulator, k: int, every: bool) -> None:
        super().__init__(emu, k)
        self.every = every

    def __call__(self, record: RequestRecord) -> None:
        if not (self.every or mutating([record])):
            return
        self.count += 1
        signum = self.signals.get(self.count)
        if signum is not None:
            self.ready.wait(30)
            if self.pid is not None:
                os.kill(self.pid, signum)
                self.sent += 1


def sweep(every_request: bool, limit: int | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch, Emulator() as emu:
        workdir = Path(scratch)
        env = env_for(emu, dict(os.environ))
        os.environ.clear()
        os.environ.update(env)
        os.chdir(workdir)
        config = write_config(workdir).name
        out_of_band(emu)
        base = json.dumps(emu.store.snapshot())
        emu.clear_requests()
        started = time.perf_counter()
        code, output = iac(["apply", "-c", config, "--auto-approve"])
        clean_s = time.perf_counter() - started
        assert code == 0, output
        log = emu.request_log()
        wanted = inventory(emu)
        resources = _resources(workdir)
        total = len(log) if every_request else len(mutating(log))
        points = range(1, (min(total, limit) if limit else total) + 1)
        failures = 0
        started = time.perf_counter()
        for k in points:
            emu.store.restore(json.loads(base))
            shutil.rmtree(workdir / ".iac", ignore_errors=True)
            failure = _kill_and_converge(emu, workdir, env, config, k, every_request, wanted)
            if failure:
                failures += 1
                print(f"  k={k}: {failure[:300]}", flush=True)
        return {
            "kinds": len({entry["kind"] for entry in resources.values()}),
            "resources": len(resources),
            "requests": len(log),
            "mutating": len(mutating(log)),
            "clean_apply_s": round(clean_s, 1),
            "crash_points": len(points),
            "failures": failures,
            "sweep_s": round(time.perf_counter() - started, 1),
        }


def _kill_and_converge(
    emu: Emulator,
    workdir: Path,
    env: dict[str, str],
    config: str,
    k: int,
    every: bool,
    wanted: Any,
) -> str:
    killer = _Killer(emu, k, every)
    with killer.installed():
        run = forked.start(workdir, env, ["apply", "-c", config, "--auto-approve"])
        killer.pid = run.pid
        killer.ready.set()
        code, output = run.wait(timeout=300)
    if killer.sent != 1 or code != -9:
        return f"not killed (exit {code}): {output[-300:]}"
    code, output = iac(["apply", "-c", config, "--auto-approve"])
    if code != 0:
        return f"next apply failed: {output[-400:]}"
    code, output = iac(["plan", "-c", config])
    if code != 0:
        return f"plan after it not empty: {output[-400:]}"
    found = inventory(emu)
    return "" if found == wanted else f"tables differ: +{found - wanted} -{wanted - found}"


def _resources(workdir: Path) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in (workdir / ".iac" / "state").rglob("*.json"):
        merged.update(json.loads(path.read_text())["resources"])
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every-request", action="store_true", help="kill after reads too")
    parser.add_argument("--limit", type=int, default=None, help="only the first N points")
    args = parser.parse_args()
    started = time.process_time()
    result = sweep(args.every_request, args.limit)
    result["cpu_s_this_process"] = round(time.process_time() - started, 1)
    for key, value in result.items():
        print(f"{key}: {value}")
    raise SystemExit(1 if result["failures"] else 0)


if __name__ == "__main__":
    main()
