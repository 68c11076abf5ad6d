"""Support for the crash and interrupt tests: the in-process emulator, an ``iac`` subprocess
stopped by a signal right after the emulator served its N-th mutating request, and
in-process ``iac`` runs to check that the next run converges."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from data_iac.cli.main import main
from data_iac.emulator.server import Emulator, RequestRecord

API_KEY = "crash-test-key"

DSS_PROJECT = """\
version: 1
project:
  key: CRASHY
  name: Crash test
  description: killed at every request
  variables:
    standard: {env: test}
datasets:
"""
DATASETS = [f"ds_{n:02d}" for n in range(8)]


def write_dss_config(root: Path, datasets: list[str] = DATASETS) -> Path:
    project = root / "crashy"
    project.mkdir(parents=True, exist_ok=True)
    lines = [DSS_PROJECT] + [f"  - name: {name}\n    type: managed\n" for name in datasets]
    (project / "project.yml").write_text("".join(lines))
    return project


JOBS = "".join(
    f"    job-{n}:\n      name: crash-job-{n}\n      tasks:\n        - task_key: t1\n"
    f"          notebook_task:\n            notebook_path: ${{resources.nb-{n % 2}.path}}\n"
    for n in range(4)
)
NOTEBOOKS = "".join(
    f"    nb-{n}:\n      source: nb{n}.py\n      path: /Shared/crash/nb{n}\n" for n in range(2)
)
LAKE_STACK = (
    """\
name: lake
resources:
  catalogs:
    cat-crash:
      name: crash
      comment: killed at every request
      schemas:
        - name: raw
        - name: clean
        - name: gold
  directories:
    dir-crash:
      path: /Shared/crash
  notebooks:
"""
    + NOTEBOOKS
    + "  jobs:\n"
    + JOBS
)


def write_mixed_config(root: Path) -> Path:
    """A Dataiku project and a Databricks stack (catalog, schemas, folder, notebooks, jobs
    that run them) in one config directory."""
    mixed = root / "mixed"
    write_dss_config(mixed)
    (mixed / "lake").mkdir(parents=True, exist_ok=True)
    (mixed / "lake" / "stack.yaml").write_text(LAKE_STACK)
    for n in range(2):
        (mixed / "lake" / f"nb{n}.py").write_text(f"# Databricks notebook source\nprint({n})\n")
    return mixed


def child_env(emu: Emulator) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABRICKS_", "DKU_"))}
    env.update(
        DKU_DSS_URL=emu.url,
        DKU_API_KEY=API_KEY,
        DATABRICKS_HOST=emu.url,
        DATABRICKS_TOKEN=API_KEY,
        DATABRICKS_AUTH_TYPE="pat",
        NO_COLOR="1",
    )
    return env


class SignalAfter:
    """A served-request hook: sends ``signum`` to the child right after its n-th mutating
    request was served (and ``also`` maps further request counts to signals)."""

    def __init__(
        self,
        emu: Emulator,
        n: int,
        signum: int = signal.SIGKILL,
        also: dict[int, int] | None = None,
    ) -> None:
        self.emu = emu
        self.signals = {n: signum, **(also or {})}
        self.count = 0
        self.pid: int | None = None
        self.ready = threading.Event()
        self.sent = 0

    def __call__(self, record: RequestRecord) -> None:
        if not record.mutating:
            return
        self.count += 1
        signum = self.signals.get(self.count)
        if signum is not None:
            self.ready.wait(30)
            if self.pid is not None:
                os.kill(self.pid, signum)
                self.sent += 1

    @contextlib.contextmanager
    def installed(self) -> Iterator[SignalAfter]:
        self.emu.hooks.served.append(self)
        try:
            yield self
        finally:
            self.emu.hooks.served.remove(self)


def run_child(
    emu: Emulator, cwd: Path, args: list[str], stopper: SignalAfter, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``iac ARGS`` in a subprocess, with ``stopper`` armed against it."""
    with stopper.installed():
        child = subprocess.Popen(
            [sys.executable, "-m", "data_iac", *args],
            cwd=cwd,
            env=child_env(emu),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        stopper.pid = child.pid
        stopper.ready.set()
        out, err = child.communicate(timeout=timeout)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def run_iac(args: list[str]) -> tuple[int, str]:
    """``iac ARGS`` in this process (the environment and cwd must be set); exit code and
    captured stdout+stderr."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            main(args)
        except SystemExit as done:
            return int(done.code or 0), buffer.getvalue()
    return 0, buffer.getvalue()


def dss_inventory(emu: Emulator) -> dict[str, list[str]]:
    """Every DSS project and its datasets, read with the real client over HTTP."""
    from dataikuapi import DSSClient

    client = DSSClient(emu.url, API_KEY)
    found: dict[str, list[str]] = {}
    for key in client.list_project_keys():
        names = [d["name"] for d in client.get_project(key).list_datasets(as_type="listitems")]
        found[key] = sorted(names)
    return found


def state_ids(cwd: Path) -> dict[str, Any]:
    """Address -> remote id of the state under ``cwd``."""
    (path,) = [p for p in (cwd / ".iac" / "state").rglob("*.json")]
    data = json.loads(path.read_text())
    return {address: entry["remote_id"] for address, entry in data["resources"].items()}


def databricks_inventory(emu: Emulator) -> dict[str, list[str]]:
    """Catalogs, schemas, job names (a duplicate shows twice), /Shared folders and the
    notebooks in /Shared/crash, read with the real SDK over HTTP."""
    from databricks.sdk import WorkspaceClient
    from databricks.sdk.config import Config

    w = WorkspaceClient(config=Config(host=emu.url, token=API_KEY, auth_type="pat"))
    catalogs = sorted(str(c.name) for c in w.catalogs.list())
    schemas = sorted(str(s.full_name) for c in catalogs for s in w.schemas.list(catalog_name=c))
    jobs = sorted(str(j.settings.name) for j in w.jobs.list() if j.settings)
    try:
        folders = sorted(str(o.path) for o in w.workspace.list("/Shared"))
        notebooks = sorted(str(o.path) for o in w.workspace.list("/Shared/crash"))
    except Exception:  # no /Shared (or /Shared/crash) yet
        folders, notebooks = [], []
    return {
        "catalogs": catalogs,
        "schemas": schemas,
        "jobs": jobs,
        "folders": folders,
        "notebooks": notebooks,
    }
