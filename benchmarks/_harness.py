"""What every CLI benchmark shares: run a command in a fresh process, several times, in
alternating order with its anchor, and report min and median of wall and CPU time.

CPU time is the child's user + system time and peak RSS its maximum resident set, both read
from ``os.wait4`` of that one child: the CPU time does not count time spent waiting for a
core on a loaded machine. The load average is printed with every
table: wall times mean little above a load of the machine's core count.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


@dataclass(frozen=True)
class Run:
    """One process: wall and CPU seconds, peak RSS in MB, exit code and its output."""

    wall: float
    cpu: float
    rss_mb: float
    code: int
    stdout: str
    stderr: str


@dataclass
class Samples:
    """Runs of one labelled command."""

    label: str
    runs: list[Run] = field(default_factory=list)

    def line(self) -> str:
        walls = sorted(r.wall for r in self.runs)
        cpus = sorted(r.cpu for r in self.runs)
        rss = max(r.rss_mb for r in self.runs)
        return (
            f"  {self.label:<28} wall min {walls[0]:7.2f}s median {statistics.median(walls):7.2f}s"
            f"  cpu min {cpus[0]:7.2f}s median {statistics.median(cpus):7.2f}s"
            f"  peak RSS {rss:6.0f} MB  (n={len(self.runs)})"
        )

    @property
    def median_wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def median_cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)


def iac(*args: str) -> list[str]:
    """The ``iac`` command of this checkout (``python -m data_iac``)."""
    return [sys.executable, "-m", "data_iac", *args]


def env_with_src(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment with this checkout's ``src`` first on PYTHONPATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [env.get("PYTHONPATH")])])
    env.update(extra or {})
    return env


def run(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    expect: Sequence[int] = (0,),
) -> Run:
    """Run ``command`` once in a fresh process; exit with its stderr when the code is not
    one of ``expect``. Output goes to temporary files (a pipe could fill up before the
    child is reaped) and ``os.wait4`` gives this child's own CPU time and peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=dict(env) if env is not None else env_with_src(),
            stdout=out,
            stderr=err,
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    if code not in expect:
        raise SystemExit(f"{' '.join(command)} exited {code}:\n{stderr[-3000:]}{stdout[-1000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, usage.ru_maxrss / 1024, code, stdout, stderr)


def alternate(commands: Mapping[str, Callable[[], Run]], repeat: int) -> dict[str, Samples]:
    """Each labelled command ``repeat`` times, the order reversed every other round."""
    samples = {label: Samples(label) for label in commands}
    labels = list(commands)
    for i in range(repeat):
        for label in labels if i % 2 == 0 else list(reversed(labels)):
            samples[label].runs.append(commands[label]())
    return samples


def load_line() -> str:
    """The machine's load average and core count, for every table."""
    one, five, fifteen = os.getloadavg()
    return (
        f"load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores, "
        f"python {sys.version.split()[0]}"
    )
