"""Run the real ``iac`` command in a subprocess, as a user or a CI job would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


def iac(
    cwd: Path,
    *args: str,
    stdin: str | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m data_iac ARGS`` in ``cwd``, without any DATABRICKS_*/DKU_* variable of the
    caller's environment (plus ``extra_env``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DKU_", "DATABRICKS_"))}
    return subprocess.run(
        [sys.executable, "-m", "data_iac", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**env, **(extra_env or {})},
        input=stdin,
        check=False,
    )
