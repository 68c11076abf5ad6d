"""``LocalSource``: a local file a config names, written portably.

Its text is the file's path relative to the stack file that names it (POSIX separators:
``src/etl.py``, ``../shared/nb.py``): that is what the desired spec, the plan, a saved
plan and the state hold and compare, so a checkout of the same project in another
directory, or a CI runner sharing the state, plans no change. The content is compared by
hash (``content_sha256``), never by path. ``location`` is where the file is on this
machine, for the one step that reads its bytes (``kinds.databricks._pure.read_source``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

__all__ = ["LocalSource"]


class LocalSource(str):
    """A path relative to the config (the text) that knows its absolute ``location``."""

    location: Path

    def __new__(cls, relative: str, location: Path) -> LocalSource:
        made = super().__new__(cls, relative)
        made.location = location
        return made

    @classmethod
    def of(cls, location: Path, base: Path) -> LocalSource:
        """``location`` written relative to the directory ``base``."""
        return cls(Path(os.path.relpath(location, base)).as_posix(), location)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LocalSource, (str(self), self.location))
