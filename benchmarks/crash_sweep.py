"""The crash sweep: ``iac apply`` of a mixed config holding every kind we manage (both
platforms), killed with SIGKILL right after the emulator served its k-th request, for every
k; after each kill the next apply must succeed, the plan after it must be empty, and the
platforms must hold exactly what a clean apply makes (no duplicate, no orphan).

The emulator runs in this process; the killed apply is a subprocess; the runs that must
converge afterwards run in-process. By default the kill follows every mutating request
(the only ones that change anything); ``--every-request`` kills after reads too.

    PYTHONPATH=src:. python benchmarks/crash_sweep.py [--every-request] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tests.apply.crash_support import (
    API_KEY,
    SignalAfter,
    child_env,
    dss_inventory,
    run_child,
    run_iac,
)

from data_iac.emulator.server import Emulator

SOURCE = "# Databricks notebook source\nprint(1)\n"
PROJECT = """\
version: "1.0"
project:
  key: SWEEP
  name: Sweep
  description: killed at every request
zones:
  - name: curated
datasets:
  - name: RAW
    type: managed
  - name: CLEAN
    type: managed
    zone: curated
managed_folders:
  - name: reports
recipes:
  - name: clean
    type: python
    inputs: [RAW]
    outputs: [CLEAN]
    code: "print(1)"
scenarios:
  - name: nightly
    active: false
"""


STACK = """\
name: sweep
resources:
  groups:
    g: {display_name: kg}
  users:
    u: {user_name: ku@example.com, display_name: Ku, groups: [g]}
  service_principals:
    sp: {display_name: ksp, application_id: 22222222-2222-2222-2222-222222222222}
  catalogs:
    c:
      name: kc
      grants:
        - {principal: kg, privileges: [USE_CATALOG]}
      schemas:
        - name: ks
          volumes:
            - name: kv
  secret_scopes:
    s:
      name: ksc
      secrets:
        - {key: k1, value: v1}
      permissions:
        - {principal: kg, permission: READ}
  directories:
    d: {path: /Shared/kd}
  notebooks:
    nb:
      source: nb.py
      path: /Shared/k/nb
      access_controls:
        - {group_name: kg, permission_level: CAN_RUN}
  workspace_files:
    wf: {source: conf.json, path: /Shared/k/conf.json}
  cluster_policies:
    p:
      name: kp
      definition: {num_workers: {type: range, maxValue: 2}}
  clusters:
    cl:
      name: kcl
      spark_version: 15.4.x-scala2.12
      node_type_id: Standard_DS3_v2
      num_workers: 1
  warehouses:
    wh: {name: kwh, cluster_size: 2X-Small, max_num_clusters: 1}
  jobs:
    j:
      name: kj
      tasks:
        - task_key: t
          existing_cluster_id: ${resources.cl.id}
          notebook_task: {notebook_path: "${resources.nb.path}"}
  databricks_pipelines:
    pl:
      name: kpl
      catalog: kc
      target: ks
      development: true
      libraries:
        - notebook: {path: "${resources.nb.path}"}
"""


def write_config(root: Path) -> Path:
    """A Databricks stack with every kind and a DSS project with every kind."""
    config = root / "sweep"
    (config / "lake").mkdir(parents=True, exist_ok=True)
    (config / "dss").mkdir(parents=True, exist_ok=True)
    (config / "dss" / "project.yml").write_text(PROJECT)
    (config / "lake" / "stack.yaml").write_text(STACK)
    (config / "lake" / "nb.py").write_text(SOURCE)
    (config / "lake" / "conf.json").write_text('{"a": 1}\n')
    return config


def inventory(emu: Emulator) -> dict[str, Any]:
    """What both platforms hold, by name (a duplicate counts twice), read over HTTP."""
    from databricks.sdk import WorkspaceClient
    from databricks.sdk.config import Config

    w = WorkspaceClient(config=Config(host=emu.url, token=API_KEY, auth_type="pat"))
    found: Counter[str] = Counter()
    found.update(f"catalog:{c.name}" for c in w.catalogs.list())
    for catalog in [str(c.name) for c in w.catalogs.list()]:
        for schema in w.schemas.list(catalog):
            found[f"schema:{schema.full_name}"] += 1
            found.update(f"volume:{v.full_name}" for v in w.volumes.list(catalog, str(schema.name)))
    found.update(f"group:{g.display_name}" for g in w.groups.list())
    found.update(f"user:{u.user_name}" for u in w.users.list())
    found.update(f"sp:{s.display_name}" for s in w.service_principals.list())
    for scope in w.secrets.list_scopes():
        found[f"scope:{scope.name}"] += 1
        found.update(
            f"secret:{scope.name}/{s.key}" for s in w.secrets.list_secrets(str(scope.name))
        )
        found.update(
            f"acl:{scope.name}/{a.principal}" for a in w.secrets.list_acls(str(scope.name))
        )
    found.update(f"job:{j.settings.name}" for j in w.jobs.list() if j.settings)
    found.update(f"pipeline:{p.name}" for p in w.pipelines.list_pipelines())
    found.update(f"warehouse:{x.name}" for x in w.warehouses.list())
    found.update(f"policy:{p.name}" for p in w.cluster_policies.list())
    found.update(f"cluster:{c.cluster_name}" for c in w.clusters.list())
    found.update(f"path:{o.path}" for o in w.workspace.list("/Shared", recursive=True))
    return {"databricks": dict(found), "dataiku": dss_inventory(emu)}


def sweep(every_request: bool, limit: int | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch, Emulator() as emu:
        workdir = Path(scratch)
        os.environ.update(child_env(emu))
        os.chdir(workdir)
        config = str(write_config(workdir))
        emu.clear_requests()
        started = time.perf_counter()
        code, output = run_iac(["apply", "-c", config, "--auto-approve"])
        clean_s = time.perf_counter() - started
        assert code == 0, output
        log = emu.request_log()
        wanted = inventory(emu)
        kinds = sorted({entry["kind"] for entry in _state(workdir)["resources"].values()})
        total = len(log) if every_request else sum(1 for r in log if r.mutating)
        points = range(1, (min(total, limit) if limit else total) + 1)
        failures: list[tuple[int, str]] = []
        started = time.perf_counter()
        for k in points:
            failure = _kill_and_converge(emu, workdir, config, k, every_request, wanted)
            if failure:
                failures.append((k, failure))
                print(f"  k={k}: {failure[:300]}")
        return {
            "kinds": len(kinds),
            "resources": len(_state(workdir)["resources"]),
            "requests": len(log),
            "mutating": sum(1 for r in log if r.mutating),
            "clean_apply_s": round(clean_s, 1),
            "crash_points": len(points),
            "failures": len(failures),
            "sweep_s": round(time.perf_counter() - started, 1),
        }


def _kill_and_converge(
    emu: Emulator, workdir: Path, config: str, k: int, every: bool, wanted: dict[str, Any]
) -> str:
    emu.reset()
    shutil.rmtree(workdir / ".iac", ignore_errors=True)
    killer = _EveryRequest(emu, k) if every else SignalAfter(emu, k)
    child = run_child(emu, workdir, ["apply", "-c", config, "--auto-approve"], killer)
    if killer.sent != 1:
        return f"not killed (exit {child.returncode}): {child.stderr[-300:]}"
    code, output = run_iac(["apply", "-c", config, "--auto-approve"])
    if code != 0:
        return f"next apply failed: {output[-400:]}"
    code, output = run_iac(["plan", "-c", config])
    if code != 0:
        return f"plan after it not empty: {output[-400:]}"
    found = inventory(emu)
    return "" if found == wanted else f"platforms differ: {_difference(wanted, found)}"


class _EveryRequest(SignalAfter):
    """Kill after the k-th request of any method."""

    def __call__(self, record: Any) -> None:
        self.count += 1
        if self.count in self.signals:
            self.ready.wait(30)
            if self.pid is not None:
                os.kill(self.pid, self.signals[self.count])
                self.sent += 1


def _state(workdir: Path) -> dict[str, Any]:
    import json

    merged: dict[str, Any] = {"resources": {}}
    for path in (workdir / ".iac" / "state").rglob("*.json"):
        merged["resources"].update(json.loads(path.read_text())["resources"])
    return merged


def _difference(wanted: dict[str, Any], found: dict[str, Any]) -> str:
    lines = []
    for platform in wanted:
        a, b = wanted[platform], found[platform]
        keys = set(a) | set(b)
        lines += [
            f"{key}: {a.get(key)} -> {b.get(key)}"
            for key in sorted(keys)
            if a.get(key) != b.get(key)
        ]
    return "; ".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every-request", action="store_true", help="kill after reads too")
    parser.add_argument("--limit", type=int, default=None, help="only the first N points")
    args = parser.parse_args()
    result = sweep(args.every_request, args.limit)
    for key, value in result.items():
        print(f"{key}: {value}")
    raise SystemExit(1 if result["failures"] else 0)


if __name__ == "__main__":
    main()
