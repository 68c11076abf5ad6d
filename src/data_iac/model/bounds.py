"""The numeric limits of a kind's record (``KindSpec.bounds``), checked on a spec. Pure.

A bound is one (lowest, highest) range or several (``((0, 0), (10, 10000))``: 0, or 10 to
10000); None is no limit. Paths are dotted and cross list elements, as every record path
(``tasks.new_cluster.autotermination_minutes``). A path ending in ``#`` bounds a size: the
number of elements of a list or mapping, or the characters of a text (``tasks#``: at most
1000 tasks).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from data_iac.model.kind import Bound, Bounds

__all__ = ["OutOfBounds", "describe", "out_of_bounds", "ranges", "within"]


@dataclass(frozen=True, slots=True)
class OutOfBounds:
    """A value outside its field's bounds: ``path`` holds keys and list indexes."""

    path: tuple[str | int, ...]
    value: float
    bounds: Bounds
    size: bool = False

    @property
    def message(self) -> str:
        what = f"{self.value:g}" if not self.size else f"a size of {self.value:g}"
        return f"{what} is out of bounds: the service accepts {describe(self.bounds)}"


def ranges(bounds: Bounds) -> tuple[Bound, ...]:
    """The ranges of ``bounds``, one or several."""
    if len(bounds) == 2 and not isinstance(bounds[0], tuple):
        return (bounds,)
    return tuple(bounds)


def within(value: float, bounds: Bounds) -> bool:
    return any(
        (low is None or value >= low) and (high is None or value <= high)
        for low, high in ranges(bounds)
    )


def describe(bounds: Bounds) -> str:
    """In words: ``0, or 10 to 10000``; ``at least 10``; ``1 to 40``."""
    return ", or ".join(_range(low, high) for low, high in ranges(bounds))


def _range(low: float | None, high: float | None) -> str:
    if low is not None and low == high:
        return f"{low:g}"
    if high is None:
        return f"at least {low:g}"
    if low is None:
        return f"at most {high:g}"
    return f"{low:g} to {high:g}"


def out_of_bounds(spec: Mapping[str, Any], bounds: Mapping[str, Bounds]) -> list[OutOfBounds]:
    """Every number of ``spec`` outside the bounds of its field (text such as an unresolved
    reference is left to the service)."""
    found: list[OutOfBounds] = []
    for field, bound in sorted(bounds.items()):
        size = field.endswith("#")
        for path, value in _values(spec, field.rstrip("#").split("."), (), whole=size):
            if size and isinstance(value, list | Mapping | str):
                if not within(len(value), bound):
                    found.append(OutOfBounds(path, len(value), bound, size=True))
                continue
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if number and not within(value, bound):
                found.append(OutOfBounds(path, value, bound))
    return found


def _values(
    node: Any, parts: list[str], at: tuple[str | int, ...], *, whole: bool
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """The values at ``parts`` below ``node``, list elements crossed; with ``whole`` the
    last part's list itself (its size is bounded), not its elements."""
    if not parts and (whole or not isinstance(node, list)):
        yield at, node
        return
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _values(item, parts, (*at, index), whole=whole)
        return
    if isinstance(node, Mapping) and parts and parts[0] in node:
        yield from _values(node[parts[0]], parts[1:], (*at, parts[0]), whole=whole)
