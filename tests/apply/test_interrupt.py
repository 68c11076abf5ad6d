"""Ctrl-C and SIGTERM during ``iac apply`` (a real subprocess, a real signal): the first
stops new actions, lets in-flight ones finish and checkpoint, releases the lock and exits
130; the second exits at once and the journal still makes the next run safe."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_iac.emulator.server import Emulator
from tests.apply.crash_support import (
    SignalAfter,
    child_env,
    dss_inventory,
    run_child,
    run_iac,
    state_ids,
    write_dss_config,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as running:
        yield running


@pytest.fixture
def workdir(emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    emu.reset()
    emu.faults.clear()
    # Slow requests, so that several actions are in flight when the signal lands.
    emu.faults.set_latency(40, 40)
    for name, value in child_env(emu).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    emu.faults.clear()


def _platform_ids(emu: Emulator) -> set[str]:
    found = set()
    for key, datasets in dss_inventory(emu).items():
        found |= {key} | {f"{key}.{name}" for name in datasets}
    return found


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_first_signal_finishes_in_flight_checkpoints_and_exits_130(
    emu: Emulator, workdir: Path, signum: int
) -> None:
    config = str(write_dss_config(workdir))
    stopper = SignalAfter(emu, 3, signum)
    child = run_child(
        emu, workdir, ["apply", "-c", config, "--auto-approve", "--parallelism", "4"], stopper
    )
    assert child.returncode == 130, child.stderr
    assert "interrupted" in child.stderr.lower()
    assert not list((workdir / ".iac").rglob("*.lock")), "the lock must be released"
    assert not list((workdir / ".iac").rglob("*.journal")), "no intent may stay open"
    ids = set(state_ids(workdir).values())
    assert ids == _platform_ids(emu)  # in-flight actions finished and were checkpointed
    assert 0 < len(ids) < 9, "the apply stopped part way"
    emu.faults.clear()
    code, output = run_iac(["apply", "-c", config, "--auto-approve"])
    assert code == 0, output
    assert run_iac(["plan", "-c", config])[0] == 0


def test_second_signal_exits_at_once_and_the_next_run_is_safe(emu: Emulator, workdir: Path) -> None:
    config = str(write_dss_config(workdir))
    stopper = SignalAfter(emu, 2, signal.SIGINT, also={3: signal.SIGINT})
    child = run_child(
        emu, workdir, ["apply", "-c", config, "--auto-approve", "--parallelism", "4"], stopper
    )
    assert child.returncode == 130, child.stderr
    emu.faults.clear()
    code, output = run_iac(["apply", "-c", config, "--auto-approve"])
    assert code == 0, output
    assert set(state_ids(workdir).values()) == _platform_ids(emu)
    assert run_iac(["plan", "-c", config])[0] == 0
