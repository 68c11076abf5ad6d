"""Where every node of a loaded config came from, kept beside the data.

The data stays plain dicts and lists (fast to validate and build); this side table maps a
node's path, e.g. ``("datasets", 3, "type")``, to the YAML mark where that node starts. A
mark is the object the YAML parser already made, so recording it costs one dict entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from data_iac.errors import SourceLocation

__all__ = ["Mark", "Marks", "NodePath", "format_path", "locate", "relocate"]

NodePath = tuple[str | int, ...]


class Mark(Protocol):
    """The part of a YAML mark we use: the stream name and 0-based line and column."""

    @property
    def name(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


Marks = dict[NodePath, Any]


def locate(marks: Marks, path: Iterable[str | int]) -> SourceLocation | None:
    """The location of the node at ``path``, or of its nearest located ancestor."""
    current = tuple(path)
    while True:
        mark = marks.get(current)
        if mark is not None:
            return SourceLocation(str(mark.name), mark.line + 1, mark.column + 1)
        if not current:
            return None
        current = current[:-1]


def format_path(path: Iterable[str | int]) -> str:
    """``("datasets", 3, "type")`` -> ``datasets[3].type``: how diagnostics name a field."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def relocate(
    marks: Marks, source: NodePath, target: NodePath, *, into: Marks | None = None
) -> None:
    """Copy the marks under ``source`` so they also locate the same nodes under ``target``.

    Used when a node moves, e.g. an environment overlay merged into the base config. The
    copies go to ``into`` (default: ``marks`` itself).
    """
    size = len(source)
    moved = {target + path[size:]: mark for path, mark in marks.items() if path[:size] == source}
    (marks if into is None else into).update(moved)
