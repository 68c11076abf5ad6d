"""``iac`` in a child forked from a warm server process, so that a test can kill it.

A fresh ``python -m data_iac`` spends about two seconds of CPU importing the SDKs before
its first request; the crash matrix starts one child per crash point. The children here
fork from one ``forkserver`` process that imported the CLI and both SDKs once; the server
is single-threaded, so a fork of it is as sound as a new interpreter. Each child gets its
own environment, working directory and output file, exactly like a subprocess.

This module imports nothing heavy itself: the server's preload does.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

__all__ = ["ForkedRun", "start"]

PRELOAD = ["data_iac.cli.main", "databricks.sdk", "dataikuapi", "tests.apply.forked"]
_context: Any = None


def _server() -> Any:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _child(cwd: str, env: dict[str, str], args: list[str], output: str) -> None:
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    from data_iac.cli.main import main

    code = 0
    try:
        main(args)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    finally:
        os._exit(code)


class ForkedRun:
    """One running child: its pid, and its exit code and output once it ended."""

    def __init__(self, process: Any, output: Path) -> None:
        self.process = process
        self.output = output

    @property
    def pid(self) -> int:
        pid: int = self.process.pid
        return pid

    def wait(self, timeout: float = 120) -> tuple[int, str]:
        """The exit code (negative: the signal that ended it) and what it printed."""
        self.process.join(timeout)
        if self.process.exitcode is None:
            self.process.kill()
            self.process.join()
            raise TimeoutError(f"iac did not end within {timeout} s")
        return int(self.process.exitcode), self.output.read_text(errors="replace")


def start(cwd: Path, env: dict[str, str], args: list[str]) -> ForkedRun:
    """``iac ARGS`` in ``cwd`` with exactly ``env``, forked from the warm server."""
    output = cwd / f".forked-{os.getpid()}.out"
    process = _server().Process(target=_child, args=(str(cwd), env, args, str(output)))
    process.start()
    return ForkedRun(process, output)
