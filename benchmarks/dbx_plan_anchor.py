"""Validate and plan a Databricks stack that Laktory 0.13 itself accepts, beside Laktory's
own translation of the same file, each in a fresh process, in alternating order.

    python benchmarks/dbx_plan_anchor.py --quick          # 980 resources, 3 runs each
    python benchmarks/dbx_plan_anchor.py --sizes 1000 10000 --repeat 3

The stack is benchmarks/dbx_plan_scale.py's (catalogs, schemas, volumes and grants on all;
groups, users in them by `group_ids`; jobs with access controls; secret scopes with
`string_value` secrets and ACLs), written in Laktory 0.13's spellings. Commands:

- `iac validate -c stack.yaml`;
- `iac plan -c stack.yaml --emulator --json` (empty emulator: everything is a create);
- Laktory: `Stack.model_validate_yaml(f).to_terraform()` in the Laktory venv (its
  translation to Terraform, what it runs before `terraform plan`; Terraform's own plan is
  not counted). The venv: the first of /tmp/lkstackvenv, /tmp/lkvenv, /tmp/lkbench that
  exists, or --laktory-python; make one with
  `python -m venv /tmp/lkbench && /tmp/lkbench/bin/pip install laktory==0.13.1 polars==1.32.0`.

Laktory is asked first whether it accepts the stack (`Stack.model_validate_yaml`); the
benchmark stops if it does not.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _harness import Run, alternate, iac, load_line, run
from dbx_plan_scale import generate

VENVS = ("/tmp/lkstackvenv", "/tmp/lkvenv", "/tmp/lkbench")
LAKTORY = """
import sys
from laktory.models import Stack
with open(sys.argv[1]) as f:
    stack = Stack.model_validate_yaml(f)
if sys.argv[2] == "translate":
    stack.to_terraform()
print("accepted")
"""


def laktory_python(given: str | None) -> str:
    for candidate in [given] if given else [f"{v}/bin/python" for v in VENVS]:
        if Path(candidate).exists():
            return candidate
    raise SystemExit(
        "no Laktory venv: python -m venv /tmp/lkbench && "
        "/tmp/lkbench/bin/pip install laktory==0.13.1 polars==1.32.0"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="980 resources, 3 runs")
    parser.add_argument("--laktory-python", help="python of a venv with laktory 0.13")
    args = parser.parse_args()
    python = laktory_python(args.laktory_python)
    sizes = [1000] if args.quick else args.sizes
    print(load_line(), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            workdir = Path(tmp) / f"n{size}"
            workdir.mkdir()
            (workdir / "stack.yaml").write_text(generate(size))
            accepted = run([python, "-c", LAKTORY, "stack.yaml", "check"], cwd=workdir)
            if "accepted" not in accepted.stdout:
                raise SystemExit(f"Laktory rejects the stack:\n{accepted.stderr[-3000:]}")

            def command(*argv: str, expect: tuple[int, ...] = (0,), w: Path = workdir) -> Run:
                return run(list(argv), cwd=w, expect=expect)

            commands = {
                "iac validate": lambda: command(*iac("validate", "-c", "stack.yaml")),
                "iac plan --json": lambda: command(
                    *iac("plan", "-c", "stack.yaml", "--emulator", "--json"), expect=(2,)
                ),
                "laktory translate": lambda: command(
                    python, "-c", LAKTORY, "stack.yaml", "translate"
                ),
            }
            print(f"N={size}: Laktory accepts the stack", flush=True)
            samples = alternate(commands, args.repeat)
            for sample in samples.values():
                print(sample.line(), flush=True)
            ours, theirs = samples["iac plan --json"], samples["laktory translate"]
            print(
                f"  laktory/plan: median wall x{theirs.median_wall / ours.median_wall:.1f}, "
                f"median cpu x{theirs.median_cpu / ours.median_cpu:.1f}"
            )
            print(load_line(), flush=True)
    print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
