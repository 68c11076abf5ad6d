"""Replacing a folder of part files so that a failed write leaves the old one readable."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

__all__ = ["swap_folder"]


def swap_folder(staging: Path, path: Path) -> None:
    """Put the complete ``staging`` folder in place of ``path`` (the old one is removed last)."""
    if path.is_file():
        path.unlink()
    if not path.exists():
        staging.rename(path)
        return
    retired = path.with_name(f".{path.name}.{uuid.uuid4().hex}.old")
    path.rename(retired)
    staging.rename(path)
    shutil.rmtree(retired, ignore_errors=True)
