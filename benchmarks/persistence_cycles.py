"""Apply-then-plan cycles on the embedded emulator under CPU load: nothing may be lost.

Each cycle edits the quickstart project (its description carries the cycle number), runs
``iac apply --emulator --auto-approve`` and then ``iac plan --emulator`` in fresh processes,
while busy processes keep every core loaded. A cycle fails when the apply fails, when the plan
is not exactly ``No changes.`` with exit 0 (an object the emulator forgot shows as "deleted
outside data-iac"), or when a partial emulator save (``store.tmp*``) is left behind.

    python benchmarks/persistence_cycles.py [--cycles 50] [--burners 4]

Exits 1 when any cycle failed. Figures: docs/performance.md ("Emulator persistence").
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUICKSTART = ROOT / "examples" / "quickstart"


def _burn() -> None:
    while True:
        pass


def _iac(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "data_iac", *args, "-c", str(project), "--emulator"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _cycle(project: Path, number: int) -> str | None:
    """None when the cycle held, else what went wrong."""
    config = project / "project.yml"
    text = re.sub(r"description: .*", f"description: cycle {number}", config.read_text(), count=1)
    config.write_text(text)
    applied = _iac(project, "apply", "--auto-approve")
    if applied.returncode != 0:
        return f"apply exit {applied.returncode}: {applied.stderr.strip()[-300:]}"
    planned = _iac(project, "plan")
    if planned.returncode != 0 or "No changes." not in planned.stdout:
        return f"plan exit {planned.returncode}: {planned.stdout.strip()[-300:]}"
    leftovers = sorted(p.name for p in project.rglob("store.tmp*"))
    return f"partial saves left: {leftovers}" if leftovers else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--burners", type=int, default=2 * (os.cpu_count() or 1))
    args = parser.parse_args()
    burners = [multiprocessing.Process(target=_burn, daemon=True) for _ in range(args.burners)]
    for burner in burners:
        burner.start()
    failures: list[str] = []
    start = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "quickstart"
            shutil.copytree(QUICKSTART, project)
            for number in range(1, args.cycles + 1):
                problem = _cycle(project, number)
                if problem is not None:
                    failures.append(f"cycle {number}: {problem}")
    finally:
        for burner in burners:
            burner.terminate()
    elapsed = time.perf_counter() - start
    print(
        f"{args.cycles} apply-then-plan cycles, {args.burners} busy processes on "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}: "
        f"{len(failures)} failed, {elapsed:.0f} s"
    )
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
