"""Crash tests: ``iac apply`` killed with SIGKILL right after the emulator served its N-th
mutating request, for every N; with injected faults; and rollback after failing the k-th
mutating request, for every k. The emulator runs in this process; only the killed apply
is a subprocess (the runs that must converge afterwards run in-process, for speed)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_iac.emulator.http import Request, Response, Route
from data_iac.emulator.server import Emulator
from tests.apply.crash_support import (
    DATASETS,
    SignalAfter,
    child_env,
    databricks_inventory,
    dss_inventory,
    run_child,
    run_iac,
    state_ids,
    write_dss_config,
    write_mixed_config,
)

pytestmark = pytest.mark.slow

WANTED = {"CRASHY": sorted(DATASETS)}


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as running:
        yield running


@pytest.fixture
def workdir(emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    emu.reset()
    emu.faults.clear()
    for name, value in child_env(emu).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _fresh(emu: Emulator, workdir: Path) -> None:
    emu.reset()
    shutil.rmtree(workdir / ".iac", ignore_errors=True)


def _assert_converged(emu: Emulator, workdir: Path, config: str) -> None:
    assert dss_inventory(emu) == WANTED  # exactly the desired objects: no dups, no leftovers
    ids = state_ids(workdir)
    # the project and its variables document (a kind of its own) both have the id CRASHY
    expected = ["CRASHY", "CRASHY"] + [f"CRASHY.{name}" for name in DATASETS]
    assert sorted(ids.values()) == sorted(expected)
    code, output = run_iac(["plan", "-c", config])
    assert code == 0, output


def _mutating_requests_of_a_clean_apply(emu: Emulator, workdir: Path, config: str) -> int:
    emu.clear_requests()
    code, output = run_iac(["apply", "-c", config, "--auto-approve", "--allow-destroy"])
    assert code == 0, output
    return sum(1 for record in emu.request_log() if record.mutating)


def test_apply_killed_after_every_mutating_request_converges(emu: Emulator, workdir: Path) -> None:
    config = str(write_dss_config(workdir))
    total = _mutating_requests_of_a_clean_apply(emu, workdir, config)
    assert total >= 10
    for n in range(1, total + 1):
        _kill_after(emu, workdir, config, n)
        _assert_converged(emu, workdir, config)


def test_mixed_apply_killed_after_every_mutating_request_converges(
    emu: Emulator, workdir: Path
) -> None:
    """A Dataiku project and a Databricks catalog, schemas, folder and jobs (non-idempotent
    creates, found again by their address tag): no duplicate job, no leftover, ever."""
    config = str(write_mixed_config(workdir))
    total = _mutating_requests_of_a_clean_apply(emu, workdir, config)
    wanted = (dss_inventory(emu), databricks_inventory(emu))
    assert len(wanted[1]["jobs"]) == 4
    for n in range(1, total + 1):
        _kill_after(emu, workdir, config, n)
        assert (dss_inventory(emu), databricks_inventory(emu)) == wanted, n
        code, output = run_iac(["plan", "-c", config])
        assert code == 0, (n, output)


def _kill_after(emu: Emulator, workdir: Path, config: str, n: int) -> None:
    """A fresh apply killed after the n-th mutating request, then the next apply."""
    _fresh(emu, workdir)
    killer = SignalAfter(emu, n)
    args = ["apply", "-c", config, "--auto-approve", "--parallelism", "4"]
    child = run_child(emu, workdir, args, killer)
    assert killer.sent == 1 and child.returncode == -9, (n, child.stderr)
    # The killed run's lock is left behind; its holder is provably dead on this host, so
    # the next apply takes it over by itself.
    assert list((workdir / ".iac").rglob("*.lock")), "the killed run should leave its lock"
    code, output = run_iac(["apply", "-c", config, "--auto-approve"])
    assert code == 0, (n, output)


def test_apply_through_twenty_percent_faults_loses_nothing(emu: Emulator, workdir: Path) -> None:
    config = str(write_dss_config(workdir))
    emu.faults.add_random_faults(0.2)
    code, output = run_iac(["apply", "-c", config, "--auto-approve"])
    fired = sum(rule.fired for rule in emu.faults.rules)
    emu.faults.clear()
    assert code == 0, output
    assert fired > 0
    _assert_converged(emu, workdir, config)


BEFORE = """\
version: 1
project:
  key: ROLLY
  name: Rollback test
  description: v1
datasets:
""" + "".join(f"  - name: d{n}\n    type: managed\n    description: v1\n" for n in range(4))

AFTER = """\
version: 1
project:
  key: ROLLY
  name: Rollback test
  description: v2
datasets:
""" + "".join(f"  - name: d{n}\n    type: managed\n    description: v2\n" for n in (0, 1, 4, 5))


class FailNth:
    """A before-hook: answers the n-th mutating request with a DSS 400 (not retryable)."""

    def __init__(self, n: int) -> None:
        self.n, self.count = n, 0

    def __call__(self, request: Request, route: Route | None) -> Response | None:
        if route is None or not route.mutating:
            return None
        self.count += 1
        if self.count != self.n:
            return None
        return Response(
            400,
            {
                "errorType": "com.dataiku.dip.exceptions.InvalidArgument",
                "message": "injected",
                "detailedMessage": "injected",
            },
        )


def _write(workdir: Path, text: str) -> str:
    project = workdir / "rolly"
    project.mkdir(exist_ok=True)
    (project / "project.yml").write_text(text)
    return str(project)


def test_failing_the_kth_request_rolls_back_to_the_before_image(
    emu: Emulator, workdir: Path
) -> None:
    config = _write(workdir, BEFORE)
    assert run_iac(["apply", "-c", config, "--auto-approve"])[0] == 0
    before = dss_inventory(emu)
    _write(workdir, AFTER)
    total = _mutating_requests_of_a_clean_apply(emu, workdir, config)
    assert total >= 8  # creates, updates and deletes of a project and its datasets
    for k in range(1, total + 1):
        _fresh(emu, workdir)
        _write(workdir, BEFORE)
        assert run_iac(["apply", "-c", config, "--auto-approve"])[0] == 0
        _write(workdir, AFTER)
        failer = FailNth(k)
        emu.hooks.before.append(failer)
        try:  # AFTER deletes two datasets: approved (the rollback itself needs no approval)
            code, output = run_iac(["apply", "-c", config, "--auto-approve", "--allow-destroy"])
        finally:
            emu.hooks.before.remove(failer)
        assert code == 1 and "rolled back" in output, (k, output)
        assert dss_inventory(emu) == before, (k, output)
        assert sorted(state_ids(workdir).values()) == sorted(
            ["ROLLY"] + [f"ROLLY.{name}" for name in before["ROLLY"]]
        )
        _write(workdir, BEFORE)
        code, output = run_iac(["plan", "-c", config])
        assert code == 0, (k, output)
