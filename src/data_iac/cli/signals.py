"""Ctrl-C and SIGTERM during an apply: the first stops starting new actions and lets
in-flight ones finish and checkpoint; the second exits at once (the state is still true:
every completed action was checkpointed)."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from data_iac.cli.views.output import Output

__all__ = ["graceful_stop"]


@contextmanager
def graceful_stop(out: Output) -> Iterator[threading.Event]:
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            out.error("Second interrupt: exiting now.")
            os._exit(130)
        stop.set()
        out.error(
            "Interrupt received: finishing in-flight actions, then stopping "
            "(press Ctrl-C again to exit at once)."
        )

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
