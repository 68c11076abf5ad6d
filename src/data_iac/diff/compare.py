"""Compare a desired spec with current attributes, to the attribute, managed fields only.

A field the user did not set is never a difference: only keys present in the desired spec
are compared, recursively through nested mappings. Lists are compared whole (or as sets for
the kind's ``unordered`` fields). Pure functions; no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from data_iac.model.kind import KindSpec

__all__ = ["MISSING", "AttributeDiff", "diff_attributes", "values_equal"]


class _Missing:
    """Marks an attribute absent on one side (distinct from an explicit null)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True, slots=True)
class AttributeDiff:
    """One differing attribute: ``path`` is dotted from the spec root (``params.table``)."""

    path: str
    before: Any
    after: Any

    @property
    def top(self) -> str:
        """The top-level field this difference belongs to."""
        return self.path.split(".", 1)[0]


def diff_attributes(
    desired: Mapping[str, Any],
    current: Mapping[str, Any],
    schema: KindSpec,
    *,
    ignore: Iterable[str] = (),
    closed: frozenset[str] = frozenset(),
) -> list[AttributeDiff]:
    """Every managed attribute where ``current`` differs from ``desired``.

    ``ignore`` holds dotted paths (``ignore_changes``) left alone, with everything below them.
    ``closed`` holds mapping paths compared both ways (keys only ``current`` has differ too).
    Computed fields of the schema are never compared.
    """
    skipped = set(ignore) | set(schema.computed)
    rules = (schema, closed, skipped)
    diffs: list[AttributeDiff] = []
    for key in sorted(desired):
        if key in skipped:
            continue
        _diff_value(key, desired[key], current.get(key, MISSING), rules, diffs)
    return diffs


def _diff_value(
    path: str,
    want: Any,
    have: Any,
    rules: tuple[KindSpec, frozenset[str], set[str]],
    out: list[AttributeDiff],
) -> None:
    schema, closed, skipped = rules
    if isinstance(want, Mapping) and isinstance(have, Mapping):
        for key in sorted(want):
            child = f"{path}.{key}"
            if child not in skipped:
                _diff_value(child, want[key], have.get(key, MISSING), rules, out)
        if path in closed:
            for key in sorted(have.keys() - want.keys()):
                if f"{path}.{key}" not in skipped:
                    out.append(AttributeDiff(f"{path}.{key}", have[key], MISSING))
        return
    if not values_equal(want, have, unordered=path in schema.unordered):
        out.append(AttributeDiff(path, have, want))


def values_equal(want: Any, have: Any, *, unordered: bool = False) -> bool:
    """Equality as the platforms mean it: 1 == 1.0, and lists as sets when ``unordered``."""
    if want is MISSING or have is MISSING:
        return want is have
    if unordered and isinstance(want, list) and isinstance(have, list):
        return sorted(map(_sort_key, want)) == sorted(map(_sort_key, have))
    if isinstance(want, bool) or isinstance(have, bool):
        return type(want) is type(have) and want == have
    return bool(want == have)


def _sort_key(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True, default=str)
