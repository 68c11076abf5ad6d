"""A short-lived mutex on a directory, for the local backend's read-check-replace steps.

The state lock (``<state>.lock``) guards whole operations and lives for minutes. This mutex
guards a few milliseconds: checking the stored serial then replacing the file, or checking a
lock's owner then renewing, taking over or deleting it. It must never be held across a
network call or a user prompt.

On POSIX it is ``flock`` on the directory itself (no extra file to leave behind; released by
the kernel if the process dies). Where ``fcntl`` does not exist (Windows) it degrades to no
mutex: exclusive creation of the lock file still keeps two runs apart, only the takeover
and write checks lose their atomicity.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["directory_mutex", "fsync_directory"]

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@contextmanager
def directory_mutex(directory: Path) -> Iterator[None]:
    """Hold an exclusive flock on ``directory`` for the duration of the block."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        # Closing the descriptor releases the flock.
        os.close(fd)


def fsync_directory(directory: Path) -> None:
    """Flush a directory entry change (a rename, a new file) to disk where the OS allows it."""
    if os.name != "posix":  # pragma: no cover - directories cannot be opened on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
