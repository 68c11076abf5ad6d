"""Start-up of the CLI: `iac validate` of a small Dataiku project and of a small Databricks
stack, each in a fresh process, beside the bare interpreter (`python -c pass`) that bounds
them from below.

    python benchmarks/cli_startup.py                  # 7 runs of each, alternating
    python benchmarks/cli_startup.py --quick          # 3 runs
    python benchmarks/cli_startup.py --baseline-src /path/to/other/checkout/src

Prints min and median of wall and CPU time per command and, load-independent, how many
modules each command imports (`python -X importtime`) and the ten largest cumulative
imports. Target (issue 20): `iac validate` of a small config <= 0.2 s.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from _harness import alternate, env_with_src, iac, load_line, run

PROJECT = """\
version: "1.0"
project:
  key: SMALL
  name: Small project
datasets:
{datasets}
recipes:
  - name: compute_d1
    type: python
    inputs: [d0]
    outputs: [d1]
    code: |
      import dataiku
"""

STACK = """\
name: small
resources:
  catalogs:
    dev:
      name: dev
      grants:
        - principal: account users
          privileges: [USE_CATALOG]
      schemas:
        - name: raw
          volumes:
            - name: landing
  jobs:
    job-a:
      name: job-a
      tasks:
        - task_key: main
          notebook_task:
            notebook_path: /Shared/main
  secret_scopes:
    app:
      name: app
"""


def write_configs(root: Path) -> dict[str, Path]:
    """A 10-dataset Dataiku project and a small stack, each in its own directory."""
    datasets = "\n".join(
        f"  - name: d{i}\n    type: managed\n    format_type: parquet" for i in range(10)
    )
    (root / "dss").mkdir()
    (root / "dss" / "project.yml").write_text(PROJECT.format(datasets=datasets))
    (root / "dbx").mkdir()
    (root / "dbx" / "stack.yaml").write_text(STACK)
    return {"dss": root / "dss" / "project.yml", "dbx": root / "dbx" / "stack.yaml"}


def imports(command: list[str], env: dict[str, str], cwd: Path) -> tuple[int, list[str]]:
    """How many modules ``command`` imports, and its ten largest cumulative imports."""
    done = run([command[0], "-X", "importtime", *command[1:]], cwd=cwd, env=env)
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((int(match[2]), len(match[3]), match[4]))
    top = [f"{c / 1000:6.1f} ms {name}" for c, depth, name in sorted(rows)[::-1] if depth <= 4]
    return len(rows), top[:10]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="3 runs of each")
    parser.add_argument("--baseline-src", type=Path, help="another checkout's src, alternated")
    args = parser.parse_args()
    repeat = 3 if args.quick else args.repeat
    ours = env_with_src()
    with tempfile.TemporaryDirectory() as tmp:
        configs = write_configs(Path(tmp))
        commands = {"python -c pass": lambda: run([sys.executable, "-c", "pass"])}
        for name, path in configs.items():
            command = iac("validate", "-c", path.name)
            commands[f"validate {name}"] = lambda c=command, p=path: run(c, cwd=p.parent, env=ours)
            if args.baseline_src:
                base = dict(ours, PYTHONPATH=str(args.baseline_src))
                commands[f"validate {name} (baseline)"] = lambda c=command, p=path, e=base: run(
                    c, cwd=p.parent, env=e
                )
        print(load_line(), flush=True)
        for samples in alternate(commands, repeat).values():
            print(samples.line(), flush=True)
        for name, path in configs.items():
            count, top = imports(iac("validate", "-c", path.name), ours, path.parent)
            print(f"validate {name}: {count} modules imported; largest (cumulative):")
            print("\n".join(f"    {row}" for row in top))
        print(load_line())


if __name__ == "__main__":
    main()
