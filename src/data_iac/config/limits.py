"""Input the service refuses, found by ``iac validate`` before any request: numbers outside
their kind's ``bounds`` and whatever its ``checks`` reject, each located at the field (file,
line, field path). Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from data_iac.config.loader import ConfigDocument
from data_iac.config.locations import format_path
from data_iac.errors import Diagnostic, SourceLocation
from data_iac.model.bounds import describe, out_of_bounds
from data_iac.model.kind import KindSpec
from data_iac.model.resource import DesiredState, Resource

__all__ = ["limit_problems"]


def limit_problems(
    desired: DesiredState,
    documents: Iterable[ConfigDocument],
    spec_of: Callable[[str], KindSpec | None],
) -> list[Diagnostic]:
    """Every located value of ``desired`` its kind's record says the service refuses."""
    marks = _MarkIndex(documents)
    problems: list[Diagnostic] = []
    for resource in desired.resources.values():
        record = spec_of(resource.address.kind)
        if record is None:
            continue
        for found in out_of_bounds(resource.spec, record.bounds):
            field = found.path[-1]
            hint = (
                f"keep the size of {field} to {describe(found.bounds)}"
                if found.size
                else f"set {field} to {describe(found.bounds)}"
            )
            problems.append(_diagnostic(resource, found.path, marks, found.message, hint))
        for path, message in record.checks(resource.spec) if record.checks else ():
            problems.append(_diagnostic(resource, path, marks, message, ""))
    return problems


def _diagnostic(
    resource: Resource, path: tuple[str | int, ...], marks: _MarkIndex, message: str, hint: str
) -> Diagnostic:
    field = format_path(path)
    where = marks.find(resource.location, path) or resource.location
    return Diagnostic(f"{resource.address}: {message}", field, where, hint)


class _MarkIndex:
    """Finds the YAML node of a resource's field: in the resource's file, the first node at
    or after the resource's line whose path ends with the field's path."""

    def __init__(self, documents: Iterable[ConfigDocument]) -> None:
        self._documents = list(documents)
        self._index: dict[str, list[tuple[tuple[Any, ...], Any]]] | None = None

    def _marks(self) -> dict[str, list[tuple[tuple[Any, ...], Any]]]:
        """Built on the first problem only: a config without one (nearly all) never pays
        for an entry per YAML node (1.1 million for 190,001 resources)."""
        if self._index is None:
            self._index = {}
            for document in self._documents:
                for path, mark in document.marks.items():
                    self._index.setdefault(str(mark.name), []).append((path, mark))
        return self._index

    def find(
        self, start: SourceLocation | None, path: tuple[str | int, ...]
    ) -> SourceLocation | None:
        if start is None or not path:
            return None
        best: Any = None
        for node, mark in self._marks().get(start.file, ()):
            if tuple(node[-len(path) :]) != path or mark.line + 1 < start.line:
                continue
            if best is None or mark.line < best.line:
                best = mark
        if best is None:
            return None
        return SourceLocation(str(best.name), best.line + 1, best.column + 1)
