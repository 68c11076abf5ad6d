"""The directory mutex really is an exclusive flock while held, and free afterwards."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from data_iac.state.dirlock import directory_mutex, fsync_directory


def _try_flock(directory: Path) -> bool:
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_held_inside_the_block_and_released_after(tmp_path: Path) -> None:
    with directory_mutex(tmp_path):
        assert not _try_flock(tmp_path)
    assert _try_flock(tmp_path)


def test_released_on_an_exception(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), directory_mutex(tmp_path):
        raise RuntimeError
    assert _try_flock(tmp_path)


def test_fsync_directory_accepts_a_directory(tmp_path: Path) -> None:
    fsync_directory(tmp_path)
