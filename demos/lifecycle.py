"""The whole lifecycle on the embedded emulator: plan, apply, edit, plan shows the update,
apply, destroy. Run from anywhere:

    python demos/lifecycle.py

It works in a temporary copy of examples/quickstart, so the repository is left untouched.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "quickstart"


def iac(workdir: Path, *args: str, expect: tuple[int, ...] = (0,)) -> str:
    command = [sys.executable, "-m", "data_iac", *args]
    print(f"\n$ iac {' '.join(args)}", flush=True)
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)
    print(done.stdout.rstrip())
    if done.stderr.strip():
        print(done.stderr.rstrip())
    if done.returncode not in expect:
        raise SystemExit(f"unexpected exit code {done.returncode} (wanted {expect})")
    print(f"[exit {done.returncode}]")
    return done.stdout


def edit_one_dataset(project_file: Path) -> None:
    """Change one field of one dataset, the kind of edit a pull request makes."""
    text = project_file.read_text()
    marker = "format_type: csv"
    if marker not in text:
        raise SystemExit(f"the demo expects a dataset with '{marker}' in {project_file}")
    project_file.write_text(text.replace(marker, "format_type: parquet", 1))
    print(f"\n# edited {project_file.name}: one dataset's format_type csv -> parquet")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        shutil.copytree(EXAMPLE, workdir / "quickstart")
        config = "quickstart"
        iac(workdir, "validate", "-c", config)
        iac(workdir, "plan", "-c", config, "--emulator", expect=(2,))
        iac(workdir, "apply", "-c", config, "--emulator", "--auto-approve")
        iac(workdir, "plan", "-c", config, "--emulator", expect=(0,))
        edit_one_dataset(workdir / "quickstart" / "project.yml")
        iac(workdir, "plan", "-c", config, "--emulator", expect=(2,))
        iac(workdir, "apply", "-c", config, "--emulator", "--auto-approve")
        iac(workdir, "plan", "-c", config, "--emulator", expect=(0,))
        iac(workdir, "destroy", "-c", config, "--emulator", "--auto-approve")
        iac(workdir, "plan", "-c", config, "--emulator", expect=(2,))
    print("\nDemo complete: plan -> apply -> edit -> plan -> apply -> destroy.")


if __name__ == "__main__":
    main()
