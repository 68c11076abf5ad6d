"""Every Databricks kind, on a minimal stack of its own, and the Dataiku kinds the
project crash test does not create on their own: the create answered 503 after it
was applied, or its connection dropped, and the apply killed with SIGKILL after each
mutating request. Every time, the next apply succeeds, the kind's object exists exactly
once, and the plan after it is empty. (The Dataiku kinds and a mixed config are killed at
every request in test_crash.py; the full sweep over a mixed config of every kind is
benchmarks/crash_sweep.py.)"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from data_iac.emulator.server import Emulator
from tests.apply.crash_support import API_KEY, SignalAfter, child_env, run_child, run_iac
from tests.apply.kind_configs import CASES, DSS_CASES, KindCase, stack_text

pytestmark = pytest.mark.slow

ALL = CASES + DSS_CASES
IDS = [case.kind for case in ALL]
KILLED = [case for case in ALL if case.killed]


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


def _write(workdir: Path, case: KindCase) -> str:
    config = workdir / "k"
    config.mkdir(exist_ok=True)
    if case.project:
        (config / "project.yml").write_text(case.project)
    else:
        (config / "stack.yaml").write_text(stack_text(case))
    for name, text in case.files.items():
        (config / name).write_text(text)
    return str(config)


def _client(emu: Emulator, case: KindCase) -> Any:
    if case.project:
        from dataikuapi import DSSClient

        return DSSClient(emu.url, API_KEY)
    from databricks.sdk import WorkspaceClient
    from databricks.sdk.config import Config

    return WorkspaceClient(config=Config(host=emu.url, token=API_KEY, auth_type="pat"))


def _assert_converged(emu: Emulator, case: KindCase, config: str, context: object) -> None:
    assert case.count(_client(emu, case)) == 1, context
    code, output = run_iac(["plan", "-c", config])
    assert code == 0, (context, output)


@pytest.mark.parametrize("mode", ["after_apply", "drop"])
@pytest.mark.parametrize("case", ALL, ids=IDS)
def test_an_ambiguous_create_is_adopted_not_failed_or_duplicated(
    emu: Emulator, workdir: Path, case: KindCase, mode: str
) -> None:
    config = _write(workdir, case)
    rule = emu.faults.add(method=case.method, path=case.create, mode=mode, status=503, count=1)
    code, output = run_iac(["apply", "-c", config, "--auto-approve"])
    emu.faults.clear()
    assert rule.fired == 1, "the fault must hit the create path"
    assert code == 0, output
    _assert_converged(emu, case, config, mode)


@pytest.mark.parametrize("case", KILLED, ids=[case.kind for case in KILLED])
def test_killed_after_each_mutating_request_the_next_apply_converges(
    emu: Emulator, workdir: Path, case: KindCase
) -> None:
    config = _write(workdir, case)
    emu.clear_requests()
    code, output = run_iac(["apply", "-c", config, "--auto-approve"])
    assert code == 0, output
    total = sum(1 for record in emu.request_log() if record.mutating)
    for n in range(1, total + 1):
        emu.reset()
        shutil.rmtree(workdir / ".iac", ignore_errors=True)
        killer = SignalAfter(emu, n)
        child = run_child(emu, workdir, ["apply", "-c", config, "--auto-approve"], killer)
        assert killer.sent == 1 and child.returncode == -9, (n, child.stderr)
        code, output = run_iac(["apply", "-c", config, "--auto-approve"])
        assert code == 0, (n, output)
        _assert_converged(emu, case, config, n)
