"""Plan at scale for Databricks: a generated Laktory stack of about N resources (catalogs
with nested schemas, volumes and grants; groups and users; jobs with access controls; secret
scopes with secrets and ACLs), validated and planned against an empty emulator.

    python benchmarks/dbx_plan_scale.py                     # N = 10,000
    python benchmarks/dbx_plan_scale.py --sizes 1000 10000 --budget 3

Each size runs `iac plan -c FILE --emulator --json` in a fresh process (so the figure includes
interpreter start-up and imports, like benchmarks/plan_scale.py) and reports wall time, peak
RSS and the resources planned per kind; it exits 1 when the largest size is over ``--budget``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

# One "unit" of the stack and the resources it makes:
#   catalog + its grants + 3 schemas + their grants + 2 volumes per schema + their grants  = 20
#   group + user                                                                           = 2
#   job + its permissions                                                                  = 2
#   secret scope + 2 secrets + 1 ACL                                                       = 4
UNIT = 28


def _catalog(i: int) -> list[str]:
    lines = [
        f"    cat-{i}:",
        f"      name: cat_{i}",
        "      comment: generated",
        "      grants:",
        f"        - principal: team-{i}",
        "          privileges: [USE_CATALOG, USE_SCHEMA]",
        "      schemas:",
    ]
    for s in range(3):
        lines += [
            f"        - name: s{s}",
            "          grants:",
            f"            - principal: team-{i}",
            "              privileges: [SELECT]",
            "          volumes:",
        ]
        for v in range(2):
            lines += [
                f"            - name: v{v}",
                "              grants:",
                f"                - principal: team-{i}",
                "                  privileges: [READ_VOLUME]",
            ]
    return lines


def _job(i: int) -> list[str]:
    return [
        f"    job-{i}:",
        f"      name: job-{i}",
        "      tasks:",
        "        - task_key: main",
        "          notebook_task:",
        f"            notebook_path: /Shared/etl/job_{i}",
        "            base_parameters: {catalog: cat_" + str(i) + "}",
        "      access_controls:",
        f"        - group_name: team-{i}",
        "          permission_level: CAN_MANAGE_RUN",
    ]


def _scope(i: int) -> list[str]:
    return [
        f"    scope-{i}:",
        f"      name: scope-{i}",
        "      secrets:",
        "        - key: token",
        f"          string_value: token-{i}",
        "        - key: password",
        f"          string_value: password-{i}",
        "      permissions:",
        f"        - principal: team-{i}",
        "          permission: READ",
    ]


def generate(n_resources: int) -> str:
    """The YAML of one stack of about ``n_resources`` resources (a multiple of UNIT)."""
    units = max(1, n_resources // UNIT)
    # Laktory 0.13's section names and field names: Laktory itself accepts this stack.
    sections: dict[str, list[str]] = {
        "databricks_catalogs": [],
        "databricks_groups": [],
        "databricks_users": [],
        "databricks_jobs": [],
        "databricks_secretscopes": [],
    }
    for i in range(units):
        sections["databricks_catalogs"] += _catalog(i)
        sections["databricks_groups"] += [f"    grp-{i}:", f"      display_name: team-{i}"]
        sections["databricks_users"] += [
            f"    usr-{i}:",
            f"      user_name: user{i}@example.com",
            f'      group_ids: ["${{resources.grp-{i}.id}}"]',
        ]
        sections["databricks_jobs"] += _job(i)
        sections["databricks_secretscopes"] += _scope(i)
    lines = ["name: dbx-scale", "resources:"]
    for kind, body in sections.items():
        lines += [f"  {kind}:", *body]
    return "\n".join(lines) + "\n"


def run_plan(config: Path, workdir: Path) -> tuple[float, float, dict[str, int], Counter[str]]:
    """Wall seconds, peak RSS in MB, the plan summary and resources per kind of one plan."""
    command = [sys.executable, "-m", "data_iac", "plan", "-c", str(config), "--emulator", "--json"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABRICKS_")}
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=workdir, capture_output=True, text=True, env=env, check=False
    )
    wall = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode != 2:
        raise SystemExit(f"iac plan exited {done.returncode}:\n{done.stderr[-2000:]}")
    plan = json.loads(done.stdout)
    kinds = Counter(change["address"].split(".", 1)[0] for change in plan["changes"])
    return wall, peak_kb / 1024, plan["summary"], kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--budget", type=float, default=3.0, help="seconds for the largest size")
    args = parser.parse_args()
    wall = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            workdir = Path(tmp) / f"n{size}"
            workdir.mkdir()
            config = workdir / "stack.yaml"
            config.write_text(generate(size))
            wall, rss, summary, kinds = run_plan(config, workdir)
            print(
                f"N={size:>7,}  resources={summary['create']:>7,}  wall={wall:6.2f}s  "
                f"peak_rss={rss:6.0f} MB",
                flush=True,
            )
            print(
                "  " + ", ".join(f"{k.removeprefix('databricks_')}={n}" for k, n in kinds.items())
            )
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}")
    if wall > args.budget:
        raise SystemExit(f"over budget: {wall:.2f}s > {args.budget:.2f}s")


if __name__ == "__main__":
    main()
